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

pub(crate) async fn add(app: &TestApp, token: &str, body: Value) -> PortfolioEntry {
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
pub(crate) async fn eligible_ifs_portfolio(
    app: &TestApp,
    token: &str,
    owner: UserId,
) -> Vec<PortfolioEntry> {
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
                references::insert_received(
                    conn,
                    owner,
                    request,
                    answer,
                    (given_at, given_at.date_naive()),
                )?;
            }
            portfolio::update(conn, owner, membership_id, 1, &verified)?;
            Ok(())
        })
        .await
        .unwrap();
    entries.push(membership);
    entries
}

pub(crate) async fn start(app: &TestApp, token: &str, category: &str) -> ApplicationResponse {
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

pub(crate) async fn act(
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

pub(crate) async fn transition(
    app: &TestApp,
    token: &str,
    id: endorse_shared::ApplicationId,
    action: &str,
    reason: Option<&str>,
) -> reqwest::Response {
    app.post_as(
        &format!("/api/v1/applications/{id}/transitions"),
        token,
        &json!({ "action": action, "reason": reason }),
    )
    .await
}

#[actix_web::test]
async fn the_process_moves_only_along_its_graph_and_every_step_is_audited() {
    use endorse_shared::process::{Action, AuditEvent};
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let token = session.access_token.clone();
    eligible_ifs_portfolio(&app, &token, session.user.id).await;
    let draft = start(&app, &token, "IFS").await;
    assert_eq!(draft.actions, [Action::Submit, Action::Withdraw]);
    let submitted: ApplicationResponse =
        expect_json(act(&app, &token, &draft, "submit").await, StatusCode::OK).await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let id = submitted.id;

    // Illegal: a 409 naming the current status; nothing changes.
    let problem = expect_problem(
        transition(&app, &admin, id, "endorse", Some("Great")).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(problem.detail.unwrap().contains("Submitted"));
    // The applicant's actions are not the admin's.
    let forbidden = transition(&app, &admin, id, "submit", None).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    // Applicants cannot move applications at all.
    let not_admin = transition(&app, &token, id, "start_review", None).await;
    assert_eq!(not_admin.status(), StatusCode::FORBIDDEN);

    let reviewing: ApplicationResponse = expect_json(
        transition(&app, &admin, id, "start_review", None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(reviewing.status, ApplicationStatus::UnderReview);
    // IFS has no exam: review may endorse directly, never approve for an exam.
    assert!(reviewing.actions.contains(&Action::Endorse));
    assert!(!reviewing.actions.contains(&Action::ApproveForExam));
    let no_exam = transition(&app, &admin, id, "approve_for_exam", None).await;
    assert_eq!(no_exam.status(), StatusCode::CONFLICT);
    // A decision needs a reason.
    let problem = expect_problem(
        transition(&app, &admin, id, "defer", Some("  ")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(problem.errors.contains_key("reason"));
    let bad_action = app
        .post_as(
            &format!("/api/v1/applications/{id}/transitions"),
            &admin,
            &json!({ "action": "teleport" }),
        )
        .await;
    assert_eq!(bad_action.status(), StatusCode::BAD_REQUEST);
    let deferred: ApplicationResponse = expect_json(
        transition(
            &app,
            &admin,
            id,
            "defer",
            Some("Document the training hours."),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(deferred.status, ApplicationStatus::Deferred);
    // The applicant is told by mail, with the feedback.
    app.worker.tick().await.unwrap();
    let page: endorse_shared::mail::OutboxPage = expect_json(
        app.get_as("/api/v1/outbox?to=ada@example.org", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    let decision = page
        .items
        .iter()
        .find(|m| m.kind == endorse_shared::mail::MailKind::Decision)
        .expect("a decision mail");
    assert_eq!(decision.status, endorse_shared::mail::MailStatus::Sent);
    let message: endorse_shared::mail::MailMessage = expect_json(
        app.get_as(&format!("/api/v1/outbox/{}", decision.id), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(message.body_text.contains("Document the training hours."));
    assert!(message.body_text.contains("deferred"));

    // The applicant resubmits the same application: a second round.
    let mine: ApplicationResponse = expect_json(
        app.get_as(&format!("/api/v1/me/applications/{id}"), &token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine.actions, [Action::Resubmit]);
    assert_eq!(
        mine.feedback.as_deref(),
        Some("Document the training hours.")
    );
    let again: ApplicationResponse =
        expect_json(act(&app, &token, &mine, "submit").await, StatusCode::OK).await;
    assert_eq!(again.status, ApplicationStatus::Submitted);
    assert_eq!(again.snapshot.as_ref().map(|s| s.round), Some(2));

    // Every step is in the audit log, with who, where and why.
    let events: Vec<AuditEvent> = expect_json(
        app.get_as(&format!("/api/v1/applications/{id}/audit"), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["start", "submit", "start_review", "defer", "resubmit"]
    );
    let defer = &events[3];
    assert_eq!(defer.actor.as_deref(), Some("Admin Example"));
    assert_eq!(
        defer.reason.as_deref(),
        Some("Document the training hours.")
    );
    assert_eq!(defer.from_status, Some(ApplicationStatus::UnderReview));
    assert_eq!(defer.ip.as_deref(), Some("127.0.0.1"));
    let csv = app
        .get_as(&format!("/api/v1/applications/{id}/audit.csv"), &admin)
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert_eq!(text.lines().count(), 6, "{text}");
    assert!(text.contains("Document the training hours."));
    let hidden = app
        .get_as(&format!("/api/v1/applications/{id}/audit"), &token)
        .await;
    assert_eq!(hidden.status(), StatusCode::FORBIDDEN);

    // The log is append-only, whatever reaches the database.
    let tampered = app
        .db
        .run(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("UPDATE audit_events SET reason = 'rewritten'")
                .map_err(endorse_api::db::DbError::from)
        })
        .await;
    assert!(tampered.is_err(), "an update of the audit log must fail");
    let removed = app
        .db
        .run(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("DELETE FROM audit_events")
                .map_err(endorse_api::db::DbError::from)
        })
        .await;
    assert!(removed.is_err(), "a delete from the audit log must fail");
}

#[actix_web::test]
async fn the_pipeline_search_and_csv_export_cover_every_application() {
    use endorse_shared::applications::PipelineResponse;
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    eligible_ifs_portfolio(&app, &ada.access_token, ada.user.id).await;
    let draft = start(&app, &ada.access_token, "IFS").await;
    let _: ApplicationResponse = expect_json(
        act(&app, &ada.access_token, &draft, "submit").await,
        StatusCode::OK,
    )
    .await;
    let bob = app.register("bob@example.org", "Bob Builder").await;
    start(&app, &bob.access_token, "IFA").await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;

    app.clock.advance(chrono::Duration::days(10));
    let pipeline: PipelineResponse = expect_json(
        app.get_as("/api/v1/applications/pipeline", &admin).await,
        StatusCode::OK,
    )
    .await;
    let stage = |status| {
        pipeline
            .stages
            .iter()
            .find(|s| s.status == status)
            .cloned()
            .unwrap()
    };
    let submitted = stage(ApplicationStatus::Submitted);
    assert_eq!((submitted.count, submitted.oldest_days), (1, Some(10)));
    assert_eq!(submitted.oldest, Some(draft.id));
    assert_eq!(stage(ApplicationStatus::Draft).count, 1);
    assert_eq!(stage(ApplicationStatus::Endorsed).count, 0);
    let forbidden = app
        .get_as("/api/v1/applications/pipeline", &ada.access_token)
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);

    // Search by name or e-mail, without regard to case; wildcards are literal.
    for (q, expected) in [("BOB", 1), ("ada@", 1), ("example.org", 2), ("%", 0)] {
        let page: ApplicationListResponse = expect_json(
            app.get_as(&format!("/api/v1/applications?q={}", urlencode(q)), &admin)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(page.total, expected, "q={q}");
    }

    // The export has every matching application, whatever the page size.
    let csv = app
        .get_as("/api/v1/applications.csv?per_page=1", &admin)
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "id,applicant,email,category,status,rulebook_version,started,submitted"
    );
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines
        .iter()
        .any(|l| l.contains("Bob Builder,bob@example.org,IFA,draft")));
    let filtered = app
        .get_as("/api/v1/applications.csv?status=submitted", &admin)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(filtered.lines().count(), 2);
    let bad = app
        .get_as("/api/v1/applications.csv?status=sideways", &admin)
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

pub(crate) fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
