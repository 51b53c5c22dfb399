//! The portfolio: sections, versions, validation, ownership, the self-check.

use crate::helpers::*;
use endorse_shared::eligibility::EligibilityReport;
use endorse_shared::entries::{EntryData, PortfolioEntry, PortfolioResponse, SectionNote};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn training(title: &str, date: &str, hours: f64) -> Value {
    json!({ "section": "training", "data": {
        "title": title, "provider": "Institute", "date": date, "hours": hours,
        "domains": ["reflection", "thinking"], "topics": []
    }})
}

fn rsc(date: &str, hours: f64, provider_category: &str) -> Value {
    json!({ "section": "rsc", "data": {
        "date": date, "hours": hours, "format": "individual", "provider_name": "Dr. Rivera",
        "provider_category": provider_category, "provider_number": "MI-IFRS-2020-0007",
        "provider_vetted": true, "about_providing": false
    }})
}

async fn create(app: &TestApp, token: &str, section: &str, body: &Value) -> PortfolioEntry {
    let response = app
        .post_as(&format!("/api/v1/me/portfolio/{section}"), token, body)
        .await;
    let etag = response
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_string());
    let entry = expect_json(response, StatusCode::CREATED).await;
    assert_eq!(etag.as_deref(), Some("\"1\""));
    entry
}

#[actix_web::test]
async fn an_entry_is_created_read_changed_with_its_version_and_deleted() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let entry = create(
        &app,
        &ada,
        "training",
        &training("Attachment basics", "2025-03-01", 6.5),
    )
    .await;
    assert_eq!(entry.version, 1);
    let path = format!("/api/v1/me/portfolio/training/{}", entry.id);

    let read: PortfolioEntry = expect_json(app.get_as(&path, &ada).await, StatusCode::OK).await;
    assert_eq!(read, entry);

    let changed: PortfolioEntry = expect_json(
        app.put_as(
            &path,
            &ada,
            Some("\"1\""),
            &training("Attachment basics", "2025-03-01", 7.25),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed.version, 2);
    let EntryData::Training(data) = &changed.data else {
        panic!("a training")
    };
    assert_eq!(data.hours.to_string(), "7.25");

    // A second tab still holding version 1 cannot overwrite silently.
    let problem = expect_problem(
        app.put_as(
            &path,
            &ada,
            Some("\"1\""),
            &training("Stale edit", "2025-03-01", 1.0),
        )
        .await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    assert!(problem.message().contains("version 2"), "{problem:?}");
    expect_problem(
        app.put_as(
            &path,
            &ada,
            None,
            &training("No version", "2025-03-01", 1.0),
        )
        .await,
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    expect_problem(
        app.delete_as(&path, &ada, Some("\"1\"")).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    expect_problem(
        app.put_as(
            &path,
            &ada,
            Some("soon"),
            &training("Bad version", "2025-03-01", 1.0),
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    let still: PortfolioEntry = expect_json(app.get_as(&path, &ada).await, StatusCode::OK).await;
    assert_eq!(still, changed, "refused changes wrote nothing");

    let deleted = app.delete_as(&path, &ada, Some("\"2\"")).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    expect_problem(app.get_as(&path, &ada).await, StatusCode::NOT_FOUND).await;
}

#[actix_web::test]
async fn bad_entries_are_refused_field_by_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let cases = [
        (
            training("Future", "2099-01-01", 2.0),
            "date",
            "must not be in the future",
        ),
        (
            training("Zero", "2025-01-01", 0.0),
            "hours",
            "must be more than 0",
        ),
        (
            json!({ "section": "training", "data": { "title": "X", "provider": "P", "date": "2025-01-01", "hours": 1,
                    "domains": ["astrology"], "topics": [] } }),
            "domains",
            "'astrology' is not a competency domain",
        ),
        (
            rsc("2025-01-01", 25.0, "IFRS"),
            "hours",
            "must be at most 24 hours on one day",
        ),
        (
            rsc("2025-01-01", 2.0, "NOPE"),
            "provider_category",
            "'NOPE' is not an endorsement category",
        ),
        (
            json!({ "section": "work", "data": { "employer": "Agency", "position": "Visitor", "start": "2024-05-01",
                    "end": "2024-04-01", "hours_per_week": 40, "employment": "paid", "age_ranges": ["prenatal_to_three"],
                    "families_served": 4, "kinds": ["direct_service"] } }),
            "end",
            "must not be before the start",
        ),
    ];
    for (body, field, message) in cases {
        let section = body["section"].as_str().unwrap().to_string();
        let problem = expect_problem(
            app.post_as(&format!("/api/v1/me/portfolio/{section}"), &ada, &body)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(problem.field_errors(field), [message], "{body}");
    }
    let negative = app
        .post_as(
            "/api/v1/me/portfolio/training",
            &ada,
            &training("Negative", "2025-01-01", -2.0),
        )
        .await;
    let problem = expect_problem(negative, StatusCode::BAD_REQUEST).await;
    assert!(
        problem.message().contains("positive number of hours"),
        "{problem:?}"
    );
    let quarter = app
        .post_as(
            "/api/v1/me/portfolio/training",
            &ada,
            &training("Odd", "2025-01-01", 1.1),
        )
        .await;
    expect_problem(quarter, StatusCode::BAD_REQUEST).await;

    let portfolio: PortfolioResponse = expect_json(
        app.get_as("/api/v1/me/portfolio", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert!(portfolio.entries.is_empty());
}

#[actix_web::test]
async fn duplicates_and_more_than_a_day_of_rsc_are_refused() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    create(
        &app,
        &ada,
        "training",
        &training("Attachment", "2025-03-01", 6.0),
    )
    .await;
    let problem = expect_problem(
        app.post_as(
            "/api/v1/me/portfolio/training",
            &ada,
            &training(" attachment ", "2025-03-01", 6.0),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("title"),
        ["repeats a training you already recorded (same title, date and hours)"]
    );

    create(&app, &ada, "rsc", &rsc("2025-04-01", 20.0, "IFRS")).await;
    let problem = expect_problem(
        app.post_as(
            "/api/v1/me/portfolio/rsc",
            &ada,
            &rsc("2025-04-01", 5.0, "IMHS"),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("hours"),
        ["would make more than 24 hours of RSC on April 1, 2025 (20 already recorded)"]
    );
}

#[actix_web::test]
async fn another_applicants_entries_are_invisible_and_untouchable() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let eve = app.register("eve@example.org", "Eve").await.access_token;
    let entry = create(
        &app,
        &ada,
        "training",
        &training("Attachment", "2025-03-01", 6.0),
    )
    .await;
    let path = format!("/api/v1/me/portfolio/training/{}", entry.id);
    expect_problem(app.get_as(&path, &eve).await, StatusCode::NOT_FOUND).await;
    expect_problem(
        app.put_as(
            &path,
            &eve,
            Some("\"1\""),
            &training("Mine now", "2025-03-01", 1.0),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_problem(
        app.delete_as(&path, &eve, Some("\"1\"")).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let eves: PortfolioResponse = expect_json(
        app.get_as("/api/v1/me/portfolio", &eve).await,
        StatusCode::OK,
    )
    .await;
    assert!(eves.entries.is_empty());
    let adas: PortfolioResponse = expect_json(
        app.get_as("/api/v1/me/portfolio", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(adas.entries, [entry]);
}

#[actix_web::test]
async fn the_address_and_the_body_must_name_the_same_section() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let problem = expect_problem(
        app.post_as(
            "/api/v1/me/portfolio/rsc",
            &ada,
            &training("Attachment", "2025-03-01", 6.0),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("section"),
        ["is 'training' but the address is the rsc section"]
    );
    expect_problem(
        app.get_as("/api/v1/me/portfolio/references", &ada).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[actix_web::test]
async fn fields_only_an_admin_sets_are_not_the_applicants_to_set() {
    let app = spawn_app().await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    let session = create(&app, &ada, "rsc", &rsc("2025-04-01", 2.0, "IFRS")).await;
    let EntryData::Rsc(data) = session.data else {
        panic!("rsc")
    };
    assert!(
        !data.provider_vetted,
        "an applicant cannot vet their own provider"
    );

    let membership = create(&app, &ada, "membership", &json!({ "section": "membership", "data": {
        "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": true }})).await;
    let EntryData::Membership(data) = membership.data else {
        panic!("membership")
    };
    assert!(
        !data.verified,
        "an applicant cannot verify their own membership"
    );

    let problem = expect_problem(
        app.post_as("/api/v1/me/portfolio/agreements", &ada, &json!({ "section": "agreements", "data": {
            "kind": "code_of_ethics", "signed_name": "Someone Else", "signed_at": "2001-01-01T00:00:00Z" }})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("signed_name"),
        ["type your full name as on your account: Ada Lovelace"]
    );
    let signed = create(&app, &ada, "agreements", &json!({ "section": "agreements", "data": {
        "kind": "code_of_ethics", "signed_name": "ada  lovelace", "signed_at": "2001-01-01T00:00:00Z" }})).await;
    let EntryData::Agreements(data) = &signed.data else {
        panic!("agreement")
    };
    assert!(
        data.signed_at > chrono::Utc::now() - chrono::Duration::minutes(1),
        "the server stamps the time"
    );
    expect_problem(
        app.put_as(&format!("/api/v1/me/portfolio/agreements/{}", signed.id), &ada, Some("\"1\""),
            &json!({ "section": "agreements", "data": { "kind": "code_of_ethics", "signed_name": "Ada Lovelace", "signed_at": "2001-01-01T00:00:00Z" }})).await,
        StatusCode::CONFLICT,
    )
    .await;
}

#[actix_web::test]
async fn section_notes_are_versioned_too() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let note: SectionNote = expect_json(
        app.put_as(
            "/api/v1/me/portfolio/rsc/note",
            &ada,
            Some("\"0\""),
            &json!({ "note": "Group sessions were monthly." }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(note.version, 1);
    expect_problem(
        app.put_as(
            "/api/v1/me/portfolio/rsc/note",
            &ada,
            Some("\"0\""),
            &json!({ "note": "Overwrite" }),
        )
        .await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    let long = "x".repeat(4001);
    expect_problem(
        app.put_as(
            "/api/v1/me/portfolio/rsc/note",
            &ada,
            Some("\"1\""),
            &json!({ "note": long }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let portfolio: PortfolioResponse = expect_json(
        app.get_as("/api/v1/me/portfolio", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(portfolio.notes, [note]);
}

#[actix_web::test]
async fn the_self_check_shows_an_ifs_portfolio_short_only_of_references_and_verification() {
    let app = spawn_app().await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    create(&app, &ada, "education", &json!({ "section": "education", "data": {
        "credential": { "kind": "degree", "level": "bachelor" }, "field": "Psychology", "institution": "State University", "year": 2015 }})).await;
    create(&app, &ada, "work", &json!({ "section": "work", "data": {
        "employer": "Early On", "position": "Home visitor", "start": "2016-01-01", "end": "2018-12-31", "hours_per_week": 40,
        "employment": "paid", "age_ranges": ["prenatal_to_three"], "families_served": 12, "kinds": ["direct_service"] }})).await;
    create(
        &app,
        &ada,
        "training",
        &training("Foundations", "2024-01-10", 30.0),
    )
    .await;
    create(&app, &ada, "rsc", &rsc("2025-01-01", 12.0, "IFRS")).await;
    create(&app, &ada, "rsc", &rsc("2025-12-31", 12.0, "IFRS")).await;
    for kind in [
        "code_of_ethics",
        "endorsement_agreement",
        "no_sanction_attestation",
    ] {
        create(
            &app,
            &ada,
            "agreements",
            &json!({ "section": "agreements", "data": {
            "kind": kind, "signed_name": "Ada Lovelace", "signed_at": "2026-01-01T00:00:00Z" }}),
        )
        .await;
    }
    create(&app, &ada, "membership", &json!({ "section": "membership", "data": {
        "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": false }})).await;

    let reports: Vec<EligibilityReport> = expect_json(
        app.get_as("/api/v1/me/eligibility", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(reports.len(), 14);
    let ifs = reports.iter().find(|r| r.category == "IFS").unwrap();
    let short: Vec<&str> = ifs.short_lines().map(|l| l.key.as_str()).collect();
    assert_eq!(
        short,
        [
            "references.count",
            "references.slot.0",
            "references.slot.1",
            "references.slot.2",
            "references.endorsed",
            "membership"
        ]
    );
    assert_eq!(
        ifs.line("rsc.hours").unwrap().summary,
        "RSC: 24 of 24 hours, over 12 months"
    );
    assert_eq!(
        ifs.line("membership").unwrap().shortfall.as_deref(),
        Some("Your membership is waiting for the association to verify it; they have been told.")
    );
}

#[actix_web::test]
async fn an_admin_verifies_a_membership_and_an_applicants_change_undoes_it() {
    let app = spawn_app().await;
    let admin = app
        .user_with_role(endorse_shared::Role::Admin, "admin@example.org")
        .await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let ada = session.access_token.clone();
    let membership = json!({ "section": "membership", "data": {
        "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": false }});
    let entry = create(&app, &ada, "membership", &membership).await;
    let verify = format!(
        "/api/v1/users/{}/portfolio/membership/{}/verify",
        session.user.id, entry.id
    );

    expect_problem(
        app.post_as(&verify, &ada, &json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let verified: PortfolioEntry = expect_json(
        app.client
            .post(app.url(&verify))
            .bearer_auth(&admin)
            .header("if-match", "\"1\"")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let EntryData::Membership(data) = &verified.data else {
        panic!("membership")
    };
    assert!(data.verified);
    let theirs: PortfolioResponse = expect_json(
        app.get_as(
            &format!("/api/v1/users/{}/portfolio", session.user.id),
            &admin,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs.entries, std::slice::from_ref(&verified));

    // Changing the note on another field keeps it; changing the number does not.
    let path = format!("/api/v1/me/portfolio/membership/{}", entry.id);
    let same: PortfolioEntry = expect_json(
        app.put_as(&path, &ada, Some("\"2\""), &membership).await,
        StatusCode::OK,
    )
    .await;
    let EntryData::Membership(data) = &same.data else {
        panic!("membership")
    };
    assert!(data.verified, "an unchanged membership stays verified");
    let mut changed = membership.clone();
    changed["data"]["number"] = json!("M-200");
    let after: PortfolioEntry = expect_json(
        app.put_as(&path, &ada, Some("\"3\""), &changed).await,
        StatusCode::OK,
    )
    .await;
    let EntryData::Membership(data) = &after.data else {
        panic!("membership")
    };
    assert!(!data.verified, "a changed membership needs verifying again");

    let training = create(
        &app,
        &ada,
        "training",
        &training("Attachment", "2025-03-01", 6.0),
    )
    .await;
    let problem = expect_problem(
        app.client
            .post(app.url(&format!(
                "/api/v1/users/{}/portfolio/training/{}/verify",
                session.user.id, training.id
            )))
            .bearer_auth(&admin)
            .header("if-match", "\"1\"")
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("section"),
        ["only a membership or an RSC provider is verified"]
    );
}

#[actix_web::test]
async fn many_rsc_sessions_are_logged_at_once_or_not_at_all() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let session = |date: &str, hours: f64| rsc(date, hours, "IFRS")["data"].clone();
    let created: Vec<PortfolioEntry> = expect_json(
        app.post_as(
            "/api/v1/me/portfolio/rsc/batch",
            &ada,
            &json!({ "sessions": [
                session("2025-01-07", 1.5), session("2025-01-14", 1.5), session("2025-01-21", 1.5)
            ]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created.len(), 3);

    // The third repeats the first of this batch; the second is in the future.
    let problem = expect_problem(
        app.post_as(
            "/api/v1/me/portfolio/rsc/batch",
            &ada,
            &json!({ "sessions": [
                session("2025-02-04", 2.0), session("2099-01-01", 1.0), session("2025-02-04", 2.0)
            ]}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("sessions[1].date"),
        ["must not be in the future"]
    );
    assert_eq!(
        problem.field_errors("sessions[2].date"),
        ["repeats a session you already recorded (same day, provider and hours)"]
    );
    let portfolio: PortfolioResponse = expect_json(
        app.get_as("/api/v1/me/portfolio", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(portfolio.entries.len(), 3, "a refused batch stores nothing");
    expect_problem(
        app.post_as(
            "/api/v1/me/portfolio/rsc/batch",
            &ada,
            &json!({ "sessions": [] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}

#[actix_web::test]
async fn a_batch_over_the_limit_and_verifying_an_unknown_entry_are_refused() {
    let app = spawn_app().await;
    let admin = app
        .user_with_role(endorse_shared::Role::Admin, "admin@example.org")
        .await;
    let session = app.register("ada@example.org", "Ada").await;
    let many: Vec<Value> = (0..201)
        .map(|_| rsc("2025-01-07", 1.0, "IFRS")["data"].clone())
        .collect();
    let problem = expect_problem(
        app.post_as(
            "/api/v1/me/portfolio/rsc/batch",
            &session.access_token,
            &json!({ "sessions": many }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("sessions"),
        ["must hold 1 to 200 sessions"]
    );
    let unknown = format!(
        "/api/v1/users/{}/portfolio/membership/{}/verify",
        session.user.id,
        uuid::Uuid::new_v4()
    );
    expect_problem(
        app.client
            .post(app.url(&unknown))
            .bearer_auth(&admin)
            .header("if-match", "\"1\"")
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_problem(
        app.get_as(
            &format!("/api/v1/users/{}/portfolio", uuid::Uuid::new_v4()),
            &admin,
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}
