//! Applications: the submit gate, snapshots, withdrawal, the admins' list and
//! moving to a newer rulebook.

use crate::helpers::*;
use endorse_api::db::{portfolio, references};
use endorse_shared::applications::{
    ApplicationListResponse, ApplicationResponse, ApplicationStatus,
};
use endorse_shared::entries::{EntryData, PortfolioEntry};
use endorse_shared::rulebook::{Relationship, RulebookVersionResponse};
use endorse_shared::{Role, UserId};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn add(app: &TestApp, token: &str, body: Value) -> PortfolioEntry {
    let section = body["section"].as_str().unwrap().to_string();
    expect_json(
        app.post_as(&format!("/api/v1/me/portfolio/{section}"), token, &body)
            .await,
        StatusCode::CREATED,
    )
    .await
}

/// Everything an IFS application needs, references and a verified membership
/// included (those two go through the database until their flows exist).
async fn eligible_ifs_portfolio(app: &TestApp, token: &str, owner: UserId) -> Vec<PortfolioEntry> {
    let mut entries = vec![
        add(app, token, json!({ "section": "education", "data": {
            "credential": { "kind": "degree", "level": "bachelor" }, "field": "Psychology", "institution": "State University", "year": 2015 }})).await,
        add(app, token, json!({ "section": "work", "data": {
            "employer": "Early On", "position": "Home visitor", "start": "2016-01-01", "end": "2018-12-31", "hours_per_week": 40,
            "employment": "paid", "age_ranges": ["prenatal_to_three"], "families_served": 12, "kinds": ["direct_service"] }})).await,
        add(app, token, json!({ "section": "training", "data": {
            "title": "Foundations", "provider": "Institute", "date": "2024-01-10", "hours": 20, "domains": ["reflection"], "topics": [] }})).await,
        add(app, token, json!({ "section": "training", "data": {
            "title": "Attachment", "provider": "Institute", "date": "2024-02-10", "hours": 10, "domains": ["thinking"], "topics": [] }})).await,
    ];
    let today = chrono::Utc::now().date_naive();
    for (days_ago, hours) in [(400, 12.0), (30, 12.0)] {
        let date = today - chrono::Duration::days(days_ago);
        entries.push(add(app, token, json!({ "section": "rsc", "data": {
            "date": date, "hours": hours, "format": "individual", "provider_name": "Dr. Rivera",
            "provider_category": "IFRS", "provider_number": null, "provider_vetted": false, "about_providing": false }})).await);
    }
    for kind in [
        "code_of_ethics",
        "endorsement_agreement",
        "no_sanction_attestation",
    ] {
        entries.push(
            add(
                app,
                token,
                json!({ "section": "agreements", "data": {
            "kind": kind, "signed_name": "Ada Lovelace", "signed_at": "2026-01-01T00:00:00Z" }}),
            )
            .await,
        );
    }
    let membership = add(app, token, json!({ "section": "membership", "data": {
        "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": false }})).await;
    let rated = |email: &str, relationship, endorsed| {
        crate::helpers::rated_reference("IFS", email, relationship, endorsed)
    };
    let given_at = chrono::Utc::now() - chrono::Duration::days(10);
    let refs = [
        rated("boss@example.org", Relationship::CurrentSupervisor, true),
        rated("rivera@example.org", Relationship::RscProvider, false),
        rated("pal@example.org", Relationship::Colleague, false),
    ];
    let verified = {
        let EntryData::Membership(mut data) = membership.data.clone() else {
            panic!("membership")
        };
        data.verified = true;
        EntryData::Membership(data)
    };
    let membership_id = membership.id;
    app.db
        .transaction(move |conn| {
            for (request, answer) in &refs {
                references::insert_received(conn, owner, request, answer, given_at)?;
            }
            portfolio::update(conn, owner, membership_id, 1, &verified)?;
            Ok(())
        })
        .await
        .unwrap();
    entries.push(membership);
    entries
}

async fn start(app: &TestApp, token: &str, category: &str) -> ApplicationResponse {
    expect_json(
        app.post_as(
            "/api/v1/me/applications",
            token,
            &json!({ "category": category }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

async fn act(
    app: &TestApp,
    token: &str,
    application: &ApplicationResponse,
    action: &str,
) -> reqwest::Response {
    let path = format!("/api/v1/me/applications/{}/{action}", application.id);
    app.client
        .post(app.url(&path))
        .bearer_auth(token)
        .header("if-match", format!("\"{}\"", application.version))
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn one_open_application_per_category_pinned_to_the_rulebook_in_force() {
    let app = spawn_app().await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    let first = start(&app, &ada, "ifs").await;
    assert_eq!(first.category, "IFS");
    assert_eq!(first.category_name, "Infant Family Specialist");
    assert_eq!(first.status, ApplicationStatus::Draft);
    assert_eq!(first.rulebook_version, 1);
    assert!(!first.report.eligible);

    expect_problem(
        app.post_as(
            "/api/v1/me/applications",
            &ada,
            &json!({ "category": "IFS" }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    let problem = expect_problem(
        app.post_as(
            "/api/v1/me/applications",
            &ada,
            &json!({ "category": "XYZ" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("category"),
        ["'XYZ' is not a category of the rulebook in force"]
    );
    start(&app, &ada, "IMHS").await;
    let mine: Vec<ApplicationResponse> = expect_json(
        app.get_as("/api/v1/me/applications", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine.len(), 2);
}

#[actix_web::test]
async fn submit_is_refused_listing_every_unmet_requirement_and_changes_nothing() {
    let app = spawn_app().await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    let draft = start(&app, &ada, "IFS").await;
    let problem = expect_problem(
        act(&app, &ada, &draft, "submit").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    for key in [
        "education",
        "work.0.months",
        "training.hours",
        "rsc.hours",
        "references.count",
        "membership",
    ] {
        assert!(
            !problem.field_errors(key).is_empty(),
            "{key} is named: {problem:?}"
        );
    }
    assert_eq!(
        problem.field_errors("training.hours"),
        ["Record 30 more hours of specialized training."]
    );
    let still: ApplicationResponse = expect_json(
        app.get_as(&format!("/api/v1/me/applications/{}", draft.id), &ada)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(still.status, ApplicationStatus::Draft);
    assert_eq!(still.version, draft.version);
    assert!(still.snapshot.is_none());
}

#[actix_web::test]
async fn submit_freezes_a_snapshot_that_later_edits_never_change() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let ada = session.access_token.clone();
    let entries = eligible_ifs_portfolio(&app, &ada, session.user.id).await;
    let draft = start(&app, &ada, "IFS").await;
    assert!(
        draft.report.eligible,
        "{:?}",
        draft.report.short_lines().collect::<Vec<_>>()
    );

    expect_problem(
        app.client
            .post(app.url(&format!("/api/v1/me/applications/{}/submit", draft.id)))
            .bearer_auth(&ada)
            .send()
            .await
            .unwrap(),
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    let submitted: ApplicationResponse =
        expect_json(act(&app, &ada, &draft, "submit").await, StatusCode::OK).await;
    assert_eq!(submitted.status, ApplicationStatus::Submitted);
    assert!(submitted.submitted_at.is_some());
    let snapshot = submitted.snapshot.clone().expect("a snapshot");
    assert_eq!(snapshot.round, 1);
    assert!(snapshot.report.eligible);
    assert_eq!(snapshot.entries.len(), entries.len());
    assert_eq!(snapshot.references.len(), 3);

    // Removing a training afterwards changes the live report, not the snapshot.
    let training = entries
        .iter()
        .find(|e| matches!(&e.data, EntryData::Training(t) if t.title == "Attachment"))
        .unwrap();
    let removed = app
        .delete_as(
            &format!("/api/v1/me/portfolio/training/{}", training.id),
            &ada,
            Some("\"1\""),
        )
        .await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let later: ApplicationResponse = expect_json(
        app.get_as(&format!("/api/v1/me/applications/{}", draft.id), &ada)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(later.snapshot, Some(snapshot));
    assert!(!later.report.eligible);

    // Submitted once is submitted: a second submit is a conflict naming the status.
    let problem = expect_problem(
        act(&app, &ada, &later, "submit").await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(problem.message().contains("submitted"), "{problem:?}");
}

#[actix_web::test]
async fn an_applicant_withdraws_before_review_and_may_start_again() {
    let app = spawn_app().await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    let draft = start(&app, &ada, "IFS").await;
    let stale = ApplicationResponse {
        version: draft.version + 5,
        ..draft.clone()
    };
    expect_problem(
        act(&app, &ada, &stale, "withdraw").await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    let withdrawn: ApplicationResponse =
        expect_json(act(&app, &ada, &draft, "withdraw").await, StatusCode::OK).await;
    assert_eq!(withdrawn.status, ApplicationStatus::Withdrawn);
    expect_problem(
        act(&app, &ada, &withdrawn, "withdraw").await,
        StatusCode::CONFLICT,
    )
    .await;
    start(&app, &ada, "IFS").await;
}

#[actix_web::test]
async fn another_persons_application_is_invisible() {
    let app = spawn_app().await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    let eve = app.register("eve@example.org", "Eve").await.access_token;
    let draft = start(&app, &ada, "IFS").await;
    expect_problem(
        app.get_as(&format!("/api/v1/me/applications/{}", draft.id), &eve)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_problem(
        act(&app, &eve, &draft, "withdraw").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_problem(
        app.get_as("/api/v1/applications", &eve).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[actix_web::test]
async fn admins_filter_the_list_and_read_any_application() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let ada = session.access_token.clone();
    eligible_ifs_portfolio(&app, &ada, session.user.id).await;
    let ifs = start(&app, &ada, "IFS").await;
    act(&app, &ada, &ifs, "submit").await;
    start(&app, &ada, "IFA").await;
    let grace = app
        .register("grace@example.org", "Grace Hopper")
        .await
        .access_token;
    start(&app, &grace, "IMHS").await;

    let all: ApplicationListResponse = expect_json(
        app.get_as("/api/v1/applications", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(all.total, 3);
    let submitted: ApplicationListResponse = expect_json(
        app.get_as("/api/v1/applications?status=submitted", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        submitted
            .items
            .iter()
            .map(|a| a.category.as_str())
            .collect::<Vec<_>>(),
        ["IFS"]
    );
    assert_eq!(submitted.items[0].applicant.name, "Ada Lovelace");
    let today = chrono::Utc::now().date_naive();
    let window: ApplicationListResponse = expect_json(
        app.get_as(&format!("/api/v1/applications?submitted_from={today}&submitted_to={today}&rulebook_version=1"), &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(window.total, 1);
    let paged: ApplicationListResponse = expect_json(
        app.get_as("/api/v1/applications?per_page=2&page=2", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((paged.items.len(), paged.total), (1, 3));
    let by_category: ApplicationListResponse = expect_json(
        app.get_as("/api/v1/applications?category=IMHS", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(by_category.items[0].applicant.name, "Grace Hopper");
    expect_problem(
        app.get_as(
            &format!("/api/v1/applications?submitted_from={today}&submitted_to=2000-01-01"),
            &admin,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    expect_problem(
        app.get_as("/api/v1/applications?status=lost", &admin).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    let read: ApplicationResponse = expect_json(
        app.get_as(&format!("/api/v1/applications/{}", ifs.id), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(read.snapshot.is_some());
}

#[actix_web::test]
async fn an_admin_moves_an_open_application_to_a_newer_rulebook_only() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    let draft = start(&app, &ada, "IFS").await;
    let current: RulebookVersionResponse = expect_json(
        app.get_as("/api/v1/rulebooks/current", &admin).await,
        StatusCode::OK,
    )
    .await;
    let edited = current
        .toml
        .replacen("Alliance baseline 2025", "Michigan 2026", 1);
    expect_json::<RulebookVersionResponse>(
        app.post_as("/api/v1/rulebooks", &admin, &json!({ "toml": edited }))
            .await,
        StatusCode::CREATED,
    )
    .await;

    let path = format!("/api/v1/applications/{}/rulebook-version", draft.id);
    let post = |version: i64, if_match: i64| {
        app.client
            .post(app.url(&path))
            .bearer_auth(&admin)
            .header("if-match", format!("\"{if_match}\""))
            .json(&json!({ "rulebook_version": version }))
            .send()
    };
    let problem = expect_problem(
        post(1, draft.version).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("rulebook_version"),
        ["must be newer than version 1"]
    );
    expect_problem(
        post(9, draft.version).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let moved: ApplicationResponse =
        expect_json(post(2, draft.version).await.unwrap(), StatusCode::OK).await;
    assert_eq!(moved.rulebook_version, 2);

    let withdrawn: ApplicationResponse =
        expect_json(act(&app, &ada, &moved, "withdraw").await, StatusCode::OK).await;
    expect_problem(
        post(3, withdrawn.version).await.unwrap(),
        StatusCode::CONFLICT,
    )
    .await;
}

#[actix_web::test]
async fn bad_filters_and_unknown_applications_are_answered_plainly() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let problem = expect_problem(
        app.get_as("/api/v1/applications?per_page=0&rulebook_version=0", &admin)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!problem.field_errors("per_page").is_empty());
    assert!(!problem.field_errors("rulebook_version").is_empty());
    expect_problem(
        app.get_as("/api/v1/applications?submitted_from=yesterday", &admin)
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    expect_problem(
        app.get_as(
            &format!("/api/v1/applications/{}", uuid::Uuid::new_v4()),
            &admin,
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    expect_problem(
        app.post_as("/api/v1/me/applications", &ada, &json!({ "category": "" }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    expect_problem(
        app.post_as("/api/v1/me/applications", &ada, &json!({}))
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
}
