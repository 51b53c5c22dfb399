//! Endorsements: issued with a unique readable number when an admin decides
//! "endorsed", listed in the public registry only while in good standing and
//! with the holder's consent, moved between statuses with a reason.

use crate::applications::{act, eligible_ifs_portfolio, start};
use crate::helpers::*;
use endorse_shared::applications::ApplicationResponse;
use endorse_shared::endorsements::{EndorsementStatus, EndorsementView, RegistryPage};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Ada, endorsed in IFS; returns (admin token, Ada's token, the application).
pub(crate) async fn endorsed(app: &TestApp) -> (String, String, ApplicationResponse) {
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let ada = session.access_token.clone();
    eligible_ifs_portfolio(app, &ada, session.user.id).await;
    let draft = start(app, &ada, "IFS").await;
    let submitted: ApplicationResponse =
        expect_json(act(app, &ada, &draft, "submit").await, StatusCode::OK).await;
    for (action, reason) in [("start_review", None), ("endorse", Some("Welcome."))] {
        let moved = app
            .post_as(
                &format!("/api/v1/applications/{}/transitions", submitted.id),
                &admin,
                &json!({ "action": action, "reason": reason }),
            )
            .await;
        assert_eq!(moved.status(), StatusCode::OK);
    }
    (admin, ada, submitted)
}

pub(crate) async fn registry(app: &TestApp, query: &str) -> RegistryPage {
    expect_json(
        app.client
            .get(app.url(&format!("/api/v1/registry{query}")))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await
}

pub(crate) async fn move_to(
    app: &TestApp,
    admin: &str,
    number: &str,
    version: i64,
    status: &str,
    reason: &str,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/endorsements/{number}/status")))
        .bearer_auth(admin)
        .header("if-match", format!("\"{version}\""))
        .json(&json!({ "status": status, "reason": reason }))
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn an_endorsement_is_issued_and_the_registry_lists_it_only_while_in_good_standing() {
    let app = spawn_app().await;
    let (admin, ada, application) = endorsed(&app).await;
    let mine: Vec<EndorsementView> = expect_json(
        app.get_as("/api/v1/me/endorsements", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine.len(), 1);
    let endorsement = &mine[0];
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(endorsement.number, format!("AL-IFS-{year}-0001"));
    assert_eq!(endorsement.status, EndorsementStatus::Active);
    assert_eq!(endorsement.category_name, "Infant Family Specialist");
    // The first due date gives a full year: the first 31 December at least a
    // year after the award (endorsed on 1 December 2026: 31 December 2027,
    // never weeks later), so renewal is not open yet.
    let awarded = endorsement.awarded_at.date_naive();
    let a_year_on = awarded.checked_add_months(chrono::Months::new(12)).unwrap();
    let dec_31 = |year| chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
    use chrono::Datelike;
    let expected = if dec_31(a_year_on.year()) >= a_year_on {
        dec_31(a_year_on.year())
    } else {
        dec_31(a_year_on.year() + 1)
    };
    assert_eq!(endorsement.renewal_due, expected);
    assert!((endorsement.renewal_due - awarded).num_days() >= 365);
    assert!(!endorsement.listed);
    let admin_view: EndorsementView = expect_json(
        app.get_as(
            &format!("/api/v1/applications/{}/endorsement", application.id),
            &admin,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(admin_view.number, endorsement.number);

    // Not listed until Ada agrees; anyone may search, without an account.
    assert_eq!(registry(&app, "").await.total, 0);
    let number = endorsement.number.clone();
    let listing = format!("/api/v1/me/endorsements/{number}/listing");
    let stale = app
        .put_as(&listing, &ada, Some("\"9\""), &json!({ "listed": true }))
        .await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let not_hers = app
        .put_as(&listing, &admin, Some("\"1\""), &json!({ "listed": true }))
        .await;
    assert_eq!(not_hers.status(), StatusCode::NOT_FOUND);
    let listed: EndorsementView = expect_json(
        app.put_as(&listing, &ada, Some("\"1\""), &json!({ "listed": true }))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(listed.listed);
    for query in [
        "",
        "?q=LOVELACE",
        &format!("?q={}", number.to_lowercase()),
        "?category=ifs",
    ] {
        let page = registry(&app, query).await;
        assert_eq!(page.total, 1, "{query}");
        assert_eq!(page.items[0].number, number);
        assert_eq!(page.items[0].name, "Ada Lovelace");
    }
    assert_eq!(registry(&app, "?category=IMHS").await.total, 0);
    assert_eq!(registry(&app, "?q=nobody").await.total, 0);

    // Accents and case do not matter, on both backends: the admin corrects
    // her name, and "Hernandez" finds "María José Hernández" in the registry
    // and in the admins' lists.
    let ada_id = application.applicant.id;
    let renamed = app
        .patch_as(
            &format!("/api/v1/users/{ada_id}"),
            &admin,
            &json!({ "name": "María José Hernández" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    for query in ["?q=Hernandez", "?q=MARIA%20JOSE", "?q=hern%C3%81ndez"] {
        let page = registry(&app, query).await;
        assert_eq!(page.total, 1, "{query}");
        assert_eq!(page.items[0].name, "María José Hernández");
    }
    for path in [
        "/api/v1/users?q=hernandez",
        "/api/v1/applications?q=HERNANDEZ",
    ] {
        let page: serde_json::Value =
            expect_json(app.get_as(path, &admin).await, StatusCode::OK).await;
        assert_eq!(page["total"], 1, "{path}: {page}");
    }
    let long = app
        .client
        .get(app.url(&format!("/api/v1/registry?q={}", "x".repeat(201))))
        .send()
        .await
        .unwrap();
    assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let long = app
        .client
        .get(app.url(&format!("/api/v1/registry?category={}", "X".repeat(33))))
        .send()
        .await
        .unwrap();
    assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Suspended: gone from the registry at once; restored: back.
    let version = listed.version;
    let no_reason = move_to(&app, &admin, &number, version, "suspended", " ").await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let by_ada = move_to(&app, &ada, &number, version, "suspended", "x").await;
    assert_eq!(by_ada.status(), StatusCode::FORBIDDEN);
    let suspended: EndorsementView = expect_json(
        move_to(
            &app,
            &admin,
            &number,
            version,
            "suspended",
            "Under investigation",
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(registry(&app, "").await.total, 0);
    let stale = move_to(&app, &admin, &number, version, "active", "x").await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let illegal = expect_problem(
        move_to(&app, &admin, &number, suspended.version, "emeritus", "x").await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(illegal.detail.unwrap().contains("Suspended"));
    let restored: EndorsementView = expect_json(
        move_to(
            &app,
            &admin,
            &number,
            suspended.version,
            "active",
            "Cleared",
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(registry(&app, "").await.total, 1);
    let revoked: EndorsementView = expect_json(
        move_to(
            &app,
            &admin,
            &number,
            restored.version,
            "revoked",
            "Code of Ethics breach",
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(registry(&app, "").await.total, 0);
    let final_ = move_to(&app, &admin, &number, revoked.version, "active", "x").await;
    assert_eq!(final_.status(), StatusCode::CONFLICT);

    // Every step is in the application's audit log.
    let audit: Vec<endorse_shared::process::AuditEvent> = expect_json(
        app.get_as(
            &format!("/api/v1/applications/{}/audit", application.id),
            &admin,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(audit
        .iter()
        .any(|e| e.action == "issue" && e.details.contains(&number)));
    let moves: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "endorsement_status")
        .map(|e| e.reason.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        moves,
        ["Under investigation", "Cleared", "Code of Ethics breach"]
    );
}

#[actix_web::test]
async fn numbers_never_repeat_when_issued_at_once() {
    let app = spawn_app().await;
    // Twelve transactions at once, on the blocking pool's threads.
    let issues: Vec<_> = (0..12)
        .map(|_| {
            let db = app.db.clone();
            actix_web::rt::spawn(async move {
                db.transaction(|conn| {
                    endorse_api::db::endorsements::next_number(conn, "AL", "IFS", 2026)
                })
                .await
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for issue in issues {
        numbers.push(issue.await.unwrap().expect("a number"));
    }
    numbers.sort();
    let expected: Vec<String> = (1..=12).map(|n| format!("AL-IFS-2026-{n:04}")).collect();
    assert_eq!(numbers, expected);
    // Another category and year count on their own.
    let other = app
        .db
        .transaction(|conn| endorse_api::db::endorsements::next_number(conn, "AL", "IMHS", 2027))
        .await
        .unwrap();
    assert_eq!(other, "AL-IMHS-2027-0001");
}
