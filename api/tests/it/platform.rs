//! The platform's operators and an association's own set-up: an operator
//! made on the command line signs in, makes an association with its first
//! admin and sees every association's health but none of their records; the
//! admin sets the association up (its name, colours, days, mail, own SMTP
//! server) and gives the operator read-only support access for some hours,
//! which both logs record.

use crate::helpers::*;
use crate::smtp::SmtpServer;
use endorse_shared::associations::{
    AssociationEvent, AssociationHealth, AssociationProfile, AssociationSettings,
    CreatedAssociation, OperatorSession, SupportGrantView,
};
use endorse_shared::auth::SessionResponse;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn operator(app: &TestApp) -> String {
    endorse_api::tenancy::operators::create_operator(
        &app.state.associations,
        ("ops@platform.example", "Olive Operator", PASSWORD),
        chrono::Utc::now(),
    )
    .expect("make an operator");
    let session: OperatorSession = expect_json(
        app.post(
            "/platform/api/v1/auth/login",
            &json!({ "email": "ops@platform.example", "password": PASSWORD }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    session.access_token
}

fn settings_body() -> Value {
    json!({
        "name": "Michigan Association for Infant Mental Health",
        "time_zone": "America/Detroit",
        "currency": "USD",
        "language": "es",
        "primary_colour": "#2B4C7E",
        "accent_colour": "#7a2e39",
        "logo": null,
        "mail_from": "endorse@mi-aimh.example",
        "mail_reply_to": "help@mi-aimh.example",
        "mail_signature": "The MI-AIMH endorsement team",
        "registry_shared": true,
    })
}

#[actix_web::test]
async fn an_operator_makes_an_association_whose_first_admin_signs_in_there() {
    let main = spawn_app().await;
    let ops = operator(&main).await;
    let made: CreatedAssociation = expect_json(
        main.post_as(
            "/platform/api/v1/associations",
            &ops,
            &json!({ "code": "ny", "name": "New York AIMH", "time_zone": "America/New_York",
                     "admin_email": "Coordinator@NY.example" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(made.association.code, "ny");
    assert!(
        made.association.public_url.ends_with("/a/ny"),
        "{}",
        made.association.public_url
    );
    assert_eq!(made.admin_email, "coordinator@ny.example");
    // The first admin signs in at the association with the one-time
    // password and must choose their own.
    let ny = main.at_path("ny");
    let session: SessionResponse = expect_json(
        ny.login("coordinator@ny.example", &made.admin_password)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(session.user.must_change_password);
    assert_eq!(session.user.role, Role::Admin);
    // The same address is unknown at the default association.
    expect_problem(
        main.login("coordinator@ny.example", &made.admin_password)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // Health: counts, never records.
    let all: Vec<AssociationHealth> = expect_json(
        main.get_as("/platform/api/v1/associations", &ops).await,
        StatusCode::OK,
    )
    .await;
    let codes: Vec<&str> = all.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["main", "ny"]);
    let ny_health = &all[1];
    assert_eq!((ny_health.admins, ny_health.applicants), (1, 0));
    assert!(ny_health.reachable);
    let text = serde_json::to_string(&all).unwrap_or_default();
    assert!(!text.contains("coordinator@ny.example"), "{text}");
    // A taken code, a bad one, and no operator at all.
    let taken = main
        .post_as(
            "/platform/api/v1/associations",
            &ops,
            &json!({ "code": "ny", "name": "Again", "time_zone": "UTC", "admin_email": "a@b.example" }),
        )
        .await;
    expect_problem(taken, StatusCode::CONFLICT).await;
    let bad = main
        .post_as(
            "/platform/api/v1/associations",
            &ops,
            &json!({ "code": "New York", "name": "Again", "time_zone": "UTC", "admin_email": "a@b.example" }),
        )
        .await;
    let problem = expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(format!("{problem:?}").contains("code"), "{problem:?}");
    let admin = main.user_with_role(Role::Admin, "admin@example.org").await;
    for token in [admin.as_str(), "not-a-token"] {
        expect_problem(
            main.get_as("/platform/api/v1/associations", token).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    // An operator's token opens nothing of an association.
    expect_problem(
        main.get_as("/api/v1/users", &ops).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // Wrong passwords are refused with the same words as an unknown address.
    let wrong = main
        .post(
            "/platform/api/v1/auth/login",
            &json!({ "email": "ops@platform.example", "password": "not the password at all" }),
        )
        .await;
    expect_problem(wrong, StatusCode::UNAUTHORIZED).await;
}

#[actix_web::test]
async fn an_admin_sets_the_association_up_and_everyone_sees_its_profile() {
    let main = spawn_app().await;
    let mi = main.new_association("mi", Some("mi.localhost"));
    let admin = mi.user_with_role(Role::Admin, "admin@mi.example").await;
    let applicant = mi.register("ada@example.org", "Ada").await.access_token;
    let response = mi.get_as("/api/v1/association/settings", &admin).await;
    assert_eq!(
        response.headers().get("etag").and_then(|v| v.to_str().ok()),
        Some("\"1\"")
    );
    let before: AssociationSettings = expect_json(response, StatusCode::OK).await;
    assert_eq!(before.profile.code, "mi");
    // Only admins; and a stale version, a missing one, bad fields are refused.
    expect_problem(
        mi.get_as("/api/v1/association/settings", &applicant).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    expect_problem(
        mi.put_as(
            "/api/v1/association/settings",
            &admin,
            Some("\"7\""),
            &settings_body(),
        )
        .await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    expect_problem(
        mi.put_as(
            "/api/v1/association/settings",
            &admin,
            None,
            &settings_body(),
        )
        .await,
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    let mut bad = settings_body();
    bad["time_zone"] = json!("Mars/Olympus");
    bad["primary_colour"] = json!("#ffff00");
    bad["smtp_url"] = json!("http://mail.example");
    let problem = expect_problem(
        mi.put_as("/api/v1/association/settings", &admin, Some("\"1\""), &bad)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let text = format!("{problem:?}");
    for field in ["time_zone", "primary_colour", "smtp_url"] {
        assert!(text.contains(field), "{field} not named: {text}");
    }
    let saved: AssociationSettings = expect_json(
        mi.put_as(
            "/api/v1/association/settings",
            &admin,
            Some("\"1\""),
            &settings_body(),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(saved.version, 2);
    assert_eq!(saved.profile.primary_colour, "#2b4c7e");
    assert!(saved.registry_shared);
    assert!(!saved.own_smtp);
    // Anyone sees the profile; another association is untouched.
    let profile: AssociationProfile = expect_json(
        mi.client
            .get(mi.url("/api/v1/association"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        profile.name,
        "Michigan Association for Infant Mental Health"
    );
    assert_eq!(profile.language, "es");
    assert_eq!(profile.time_zone, "America/Detroit");
    let other: AssociationProfile = expect_json(
        main.client
            .get(main.url("/api/v1/association"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(other.code, "main");
    assert_eq!(other.language, "en");
    // The change is in the association's log.
    let events: Vec<AssociationEvent> = expect_json(
        mi.get_as("/api/v1/association/events", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(events[0].action, "settings_changed");
    assert!(
        events[0].details.contains("colours"),
        "{}",
        events[0].details
    );
    assert_eq!(events[0].actor, "Admin Example");
}

#[actix_web::test]
async fn an_association_with_its_own_smtp_server_sends_through_it() {
    let smtp = SmtpServer::start().await.expect("start SMTP");
    let main = spawn_app().await;
    let mi = main.new_association("mi", Some("mi.localhost"));
    let admin = mi.user_with_role(Role::Admin, "admin@mi.example").await;
    let mut body = settings_body();
    body["smtp_url"] = json!(smtp.url());
    let saved: AssociationSettings = expect_json(
        mi.put_as("/api/v1/association/settings", &admin, Some("\"1\""), &body)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(saved.own_smtp);
    let text = serde_json::to_string(&saved).unwrap_or_default();
    assert!(
        !text.contains(&smtp.url()),
        "the SMTP address was shown again"
    );
    // A referee request queues a message; the round delivers it through
    // the association's server, from its sender.
    let applicant = mi.register("ada@example.org", "Ada").await.access_token;
    let asked = mi
        .post_as(
            "/api/v1/references",
            &applicant,
            &json!({ "category": "IFS", "referee_name": "Sam Rivera", "referee_email": "sam@example.org",
                     "relationship": "current_supervisor", "known_since": "2019-03-01", "waive_access": true }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::CREATED);
    mi.worker.tick().await.expect("a mail round");
    let received = smtp.wait_for(1, std::time::Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1, "{received:#?}");
    let mail = format!("{:?}", received[0]);
    assert!(mail.contains("endorse@mi-aimh.example"), "{mail}");
    assert!(mail.contains("sam@example.org"), "{mail}");
}

#[actix_web::test]
async fn support_access_is_read_only_time_limited_revocable_and_logged_on_both_sides() {
    let main = spawn_app().await;
    let ops = operator(&main).await;
    let mi = main.new_association("mi", Some("mi.localhost"));
    let admin = mi.user_with_role(Role::Admin, "admin@mi.example").await;
    mi.register("ada@example.org", "Ada Lovelace").await;
    // Without a grant, nothing.
    let refused = main
        .post_as(
            "/platform/api/v1/associations/mi/support-session",
            &ops,
            &json!({}),
        )
        .await;
    expect_problem(refused, StatusCode::FORBIDDEN).await;
    // Bad grants are named.
    let bad = mi
        .post_as(
            "/api/v1/association/support-grants",
            &admin,
            &json!({ "operator_email": "nobody@example.org", "hours": 100, "reason": "" }),
        )
        .await;
    let problem = expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    let text = format!("{problem:?}");
    assert!(text.contains("hours") && text.contains("reason"), "{text}");
    let grant: SupportGrantView = expect_json(
        mi.post_as(
            "/api/v1/association/support-grants",
            &admin,
            &json!({ "operator_email": "ops@platform.example", "hours": 2, "reason": "Ticket 4411: Ada cannot see her RSC hours" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(grant.live);
    let session: Value = expect_json(
        main.post_as(
            "/platform/api/v1/associations/mi/support-session",
            &ops,
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let support = session["access_token"]
        .as_str()
        .expect("a token")
        .to_string();
    // It reads, as an admin would, and writes nothing.
    let users: Value =
        expect_json(mi.get_as("/api/v1/users", &support).await, StatusCode::OK).await;
    assert!(serde_json::to_string(&users)
        .unwrap_or_default()
        .contains("Ada Lovelace"));
    let write = mi
        .post_as(
            "/api/v1/users",
            &support,
            &json!({ "email": "x@example.org", "name": "X", "role": "admin", "password": PASSWORD }),
        )
        .await;
    let problem = expect_problem(write, StatusCode::FORBIDDEN).await;
    assert!(format!("{problem:?}").contains("read-only"));
    // Not at another association.
    expect_problem(
        main.get_as("/api/v1/users", &support).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // It ends when the grant's hours are over…
    main.clock.advance(chrono::Duration::hours(3));
    expect_problem(
        mi.get_as("/api/v1/users", &support).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    main.clock.advance(chrono::Duration::hours(-3));
    // An unknown grant is named as such.
    let unknown = mi
        .post_as(
            "/api/v1/association/support-grants/no-such-grant/revoke",
            &admin,
            &json!({}),
        )
        .await;
    expect_problem(unknown, StatusCode::NOT_FOUND).await;
    // …or at once when it is taken back.
    let revoked = mi
        .post_as(
            &format!("/api/v1/association/support-grants/{}/revoke", grant.id),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    expect_problem(
        mi.get_as("/api/v1/users", &support).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // Both logs hold it.
    let events: Vec<AssociationEvent> = expect_json(
        mi.get_as("/api/v1/association/events", &admin).await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "support_revoked",
            "support_session",
            "support_granted",
            "association_created"
        ][..3]
    );
    let platform = endorse_api::db::platform::recent_events(
        &mut main.state.associations.platform().get().expect("platform"),
        20,
    )
    .expect("platform events");
    let actions: Vec<&str> = platform.iter().map(|e| e.action.as_str()).collect();
    for action in ["support_granted", "support_session", "support_revoked"] {
        assert!(actions.contains(&action), "{action} not in {actions:?}");
    }
}
