//! Peer review: assignment with eligibility, conflicts and load; blind review;
//! the review form; requests for information and the applicant's answer;
//! reviews hidden until one's own is in; disagreement; reminders.

use crate::applications::{act, add, eligible_ifs_portfolio, start};
use crate::helpers::*;
use endorse_api::clock::Clock;
use endorse_api::db::rulebooks;
use endorse_shared::applications::{ApplicationResponse, ApplicationStatus, PipelineResponse};
use endorse_shared::auth::SessionResponse;
use endorse_shared::entries::{EntryData, PortfolioEntry};
use endorse_shared::mail::{MailKind, OutboxPage};
use endorse_shared::review::{
    ApplicationReview, AssignmentState, Conflict, MyAssignment, ReviewPacket,
};
use endorse_shared::rulebook::{Relationship, Rulebook};
use endorse_shared::users::UserListResponse;
use endorse_shared::{ApplicationId, AssignmentId, Role, UserId};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A reviewer account with a profile; returns (token, id).
pub(crate) async fn reviewer(
    app: &TestApp,
    admin: &str,
    email: &str,
    held: &str,
    max_load: u32,
) -> (String, UserId) {
    let token = app.user_with_role(Role::Reviewer, email).await;
    let page: UserListResponse = expect_json(
        app.get_as(&format!("/api/v1/users?q={email}"), admin).await,
        StatusCode::OK,
    )
    .await;
    let id = page.items[0].id;
    let saved = app
        .put_as(
            &format!("/api/v1/users/{id}/reviewer-profile"),
            admin,
            Some("\"0\""),
            &json!({
                "endorsements": [{ "category": held, "number": format!("MI-{held}-{email}") }],
                "categories": ["IFS"],
                "max_load": max_load,
            }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    (token, id)
}

/// An applicant with a submitted IFS application.
pub(crate) async fn submitted(
    app: &TestApp,
    email: &str,
    name: &str,
) -> (SessionResponse, ApplicationResponse) {
    let session = app.register(email, name).await;
    eligible_ifs_portfolio(app, &session.access_token, session.user.id).await;
    let draft = start(app, &session.access_token, "IFS").await;
    let submitted: ApplicationResponse = expect_json(
        act(app, &session.access_token, &draft, "submit").await,
        StatusCode::OK,
    )
    .await;
    (session, submitted)
}

async fn review_of(app: &TestApp, admin: &str, id: ApplicationId) -> ApplicationReview {
    expect_json(
        app.get_as(&format!("/api/v1/applications/{id}/review"), admin)
            .await,
        StatusCode::OK,
    )
    .await
}

async fn assign(
    app: &TestApp,
    admin: &str,
    id: ApplicationId,
    reviewer: UserId,
    override_reason: Option<&str>,
) -> reqwest::Response {
    app.post_as(
        &format!("/api/v1/applications/{id}/assignments"),
        admin,
        &json!({ "reviewer": reviewer, "override_reason": override_reason }),
    )
    .await
}

async fn outbox(app: &TestApp, admin: &str, to: &str) -> OutboxPage {
    expect_json(
        app.get_as(&format!("/api/v1/outbox?to={to}"), admin).await,
        StatusCode::OK,
    )
    .await
}

#[actix_web::test]
async fn assignment_checks_eligibility_conflicts_and_load_and_spreads_the_work() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (_, ruth) = reviewer(&app, &admin, "ruth@example.org", "IMHS", 3).await;
    let (_, lower) = reviewer(&app, &admin, "lower@example.org", "IFA", 3).await;
    // The applicant's current supervisor asked for a reference.
    let (_, boss) = reviewer(&app, &admin, "boss@example.org", "IFS", 3).await;
    // Worked at the applicant's employer at the same time.
    let (colleague_token, colleague) =
        reviewer(&app, &admin, "colleague@example.org", "IFS", 3).await;
    add(&app, &colleague_token, json!({ "section": "work", "data": {
        "employer": "early on", "position": "Supervisor", "start": "2017-06-01", "end": "2019-12-31", "hours_per_week": 40,
        "employment": "paid", "age_ranges": ["prenatal_to_three"], "families_served": 0, "kinds": ["direct_service"] }})).await;
    let (_, zed) = reviewer(&app, &admin, "zed@example.org", "IFS", 3).await;

    let (ada, application) = submitted(&app, "ada@example.org", "Ada Lovelace").await;
    let id = application.id;
    let view = review_of(&app, &admin, id).await;
    assert_eq!(view.needed, 1);
    let candidate = |id: UserId| view.candidates.iter().find(|c| c.reviewer == id).unwrap();
    assert!(candidate(lower)
        .ineligible
        .as_deref()
        .unwrap()
        .contains("IFS"));
    assert_eq!(
        candidate(boss).conflicts,
        [Conflict::Referee {
            relationship: Relationship::CurrentSupervisor
        }]
    );
    assert_eq!(
        candidate(colleague).conflicts,
        [Conflict::SameEmployer {
            employer: "Early On".into()
        }]
    );
    // Ruth and Zed are free and equally loaded: one of them is proposed, first.
    assert!(candidate(ruth).proposed != candidate(zed).proposed);
    assert_eq!(view.candidates.iter().filter(|c| c.proposed).count(), 1);
    assert!(view.candidates[0].proposed);

    // Refused, with the field and the reason; nothing changes.
    let problem = expect_problem(
        assign(&app, &admin, id, lower, None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(problem.errors["reviewer"][0].contains("may not review"));
    let problem = expect_problem(
        assign(&app, &admin, id, boss, None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(problem.errors["override_reason"][0].contains("current supervisor"));
    let too_long = expect_problem(
        assign(&app, &admin, id, boss, Some(&"x".repeat(2001))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        too_long.errors["override_reason"],
        ["must be at most 2000 characters"]
    );
    let problem = expect_problem(
        assign(&app, &admin, id, ada.user.id, None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem.errors["reviewer"], ["is not a peer reviewer"]);
    let unknown = assign(
        &app,
        &admin,
        id,
        UserId::from_uuid(uuid::Uuid::new_v4()),
        None,
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let not_admin = assign(&app, &ada.access_token, id, ruth, None).await;
    assert_eq!(not_admin.status(), StatusCode::FORBIDDEN);
    assert!(review_of(&app, &admin, id).await.assignments.is_empty());

    // An override with a reason assigns despite the conflict, and says so.
    let view: ApplicationReview = expect_json(
        assign(
            &app,
            &admin,
            id,
            boss,
            Some("Only IFS reviewer in the region"),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let first = &view.assignments[0];
    assert_eq!(
        first.override_reason.as_deref(),
        Some("Only IFS reviewer in the region")
    );
    let audit: Vec<endorse_shared::process::AuditEvent> = expect_json(
        app.get_as(&format!("/api/v1/applications/{id}/audit"), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    let assigned = audit.iter().find(|e| e.action == "assign").unwrap();
    assert_eq!(
        assigned.reason.as_deref(),
        Some("Only IFS reviewer in the region")
    );
    assert!(assigned.details.contains("current supervisor"));
    // The first assignment started the review.
    assert!(
        audit
            .iter()
            .any(|e| e.action == "start_review"
                && e.to_status == Some(ApplicationStatus::UnderReview))
    );
    // The place is taken: a second reviewer is refused, a duplicate too.
    let full = assign(&app, &admin, id, ruth, None).await;
    assert_eq!(full.status(), StatusCode::CONFLICT);
    let twice = assign(&app, &admin, id, boss, Some("again")).await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);

    // Release needs a reason; then Ruth takes the place.
    let release = format!("/api/v1/assignments/{}/release", first.id);
    let no_reason = app
        .post_as(&release, &admin, &json!({ "reason": " " }))
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let released: ApplicationReview = expect_json(
        app.post_as(&release, &admin, &json!({ "reason": "Conflict after all" }))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(released.assignments[0].state, AssignmentState::Released);
    let again = app
        .post_as(&release, &admin, &json!({ "reason": "x" }))
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let view: ApplicationReview =
        expect_json(assign(&app, &admin, id, ruth, None).await, StatusCode::OK).await;
    assert_eq!(view.assignments.len(), 2);
    // Ruth is told, by mail.
    let mail = outbox(&app, &admin, "ruth@example.org").await;
    assert_eq!(mail.items[0].kind, MailKind::ReviewAssigned);

    // A second applicant: Ruth has one open review, Zed none, so Zed is proposed.
    let (_, second) = submitted(&app, "ada.second@example.org", "Ada Lovelace").await;
    let view = review_of(&app, &admin, second.id).await;
    let proposed: Vec<UserId> = view
        .candidates
        .iter()
        .filter(|c| c.proposed)
        .map(|c| c.reviewer)
        .collect();
    assert_eq!(proposed, [zed]);
    assert_eq!(
        view.candidates
            .iter()
            .find(|c| c.reviewer == ruth)
            .unwrap()
            .load,
        1
    );
    let view: ApplicationReview = expect_json(
        app.post_as(
            &format!("/api/v1/applications/{}/assignments/proposed", second.id),
            &admin,
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view.assignments[0].reviewer, zed);
    let none_left = app
        .post_as(
            &format!("/api/v1/applications/{}/assignments/proposed", second.id),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(none_left.status(), StatusCode::CONFLICT);
}

#[actix_web::test]
async fn a_declared_conflict_releases_the_reviewer_and_hides_the_application() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (ruth_token, ruth) = reviewer(&app, &admin, "ruth@example.org", "IFS", 3).await;
    let (_, application) = submitted(&app, "ada@example.org", "Ada Lovelace").await;
    let view: ApplicationReview = expect_json(
        assign(&app, &admin, application.id, ruth, None).await,
        StatusCode::OK,
    )
    .await;
    let path = format!("/api/v1/reviews/{}", view.assignments[0].id);
    assert_eq!(
        app.get_as(&path, &ruth_token).await.status(),
        StatusCode::OK
    );
    let blank = app
        .post_as(
            &format!("{path}/conflict"),
            &ruth_token,
            &json!({ "reason": "" }),
        )
        .await;
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let declared = app
        .post_as(
            &format!("{path}/conflict"),
            &ruth_token,
            &json!({ "reason": "She is my former supervisee" }),
        )
        .await;
    assert_eq!(declared.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_as(&path, &ruth_token).await.status(),
        StatusCode::NOT_FOUND
    );
    let mine: Vec<MyAssignment> = expect_json(
        app.get_as("/api/v1/reviews", &ruth_token).await,
        StatusCode::OK,
    )
    .await;
    assert!(mine.is_empty());
    let view = review_of(&app, &admin, application.id).await;
    let candidate = view.candidates.iter().find(|c| c.reviewer == ruth).unwrap();
    assert_eq!(
        candidate.conflicts,
        [Conflict::Declared {
            reason: "She is my former supervisee".into()
        }]
    );
    assert!(!candidate.proposed);
    let refused = assign(&app, &admin, application.id, ruth, None).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[actix_web::test]
async fn a_conflict_found_after_assignment_hides_the_application() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (ruth_token, ruth) = reviewer(&app, &admin, "ruth@example.org", "IFS", 3).await;
    let (ada, application) = submitted(&app, "ada@example.org", "Ada Lovelace").await;
    let view: ApplicationReview = expect_json(
        assign(&app, &admin, application.id, ruth, None).await,
        StatusCode::OK,
    )
    .await;
    let path = format!("/api/v1/reviews/{}", view.assignments[0].id);
    assert_eq!(
        app.get_as(&path, &ruth_token).await.status(),
        StatusCode::OK
    );
    // The applicant then asks Ruth for a reference.
    let (request, answer) = rated_reference(
        "IFS",
        "ruth@example.org",
        Relationship::OtherSupervisor,
        true,
    );
    let owner = ada.user.id;
    app.db
        .transaction(move |conn| {
            endorse_api::db::references::insert_received(
                conn,
                owner,
                &request,
                &answer,
                (chrono::Utc::now(), chrono::Utc::now().date_naive()),
            )
        })
        .await
        .unwrap();
    assert_eq!(
        app.get_as(&path, &ruth_token).await.status(),
        StatusCode::NOT_FOUND
    );
    let mine: Vec<MyAssignment> = expect_json(
        app.get_as("/api/v1/reviews", &ruth_token).await,
        StatusCode::OK,
    )
    .await;
    assert!(mine.is_empty());
    let candidate = review_of(&app, &admin, application.id)
        .await
        .candidates
        .into_iter()
        .find(|c| c.reviewer == ruth)
        .unwrap();
    assert_eq!(
        candidate.conflicts,
        [Conflict::Referee {
            relationship: Relationship::OtherSupervisor
        }]
    );
}

/// The reviewer's list is read in a fixed number of queries; what it shows
/// stays right: each live assignment once, soonest due first, with its
/// category's name, and none whose applicant the reviewer now has a conflict
/// with, unless an admin assigned it over that conflict.
#[actix_web::test]
async fn the_reviewers_list_leaves_out_conflicts_found_later_but_not_overridden_ones() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (ruth_token, ruth) = reviewer(&app, &admin, "ruth@example.org", "IFS", 10).await;
    let refer_ruth = |owner: UserId| {
        let (request, answer) = rated_reference(
            "IFS",
            "ruth@example.org",
            Relationship::OtherSupervisor,
            true,
        );
        app.db.transaction(move |conn| {
            endorse_api::db::references::insert_received(
                conn,
                owner,
                &request,
                &answer,
                (chrono::Utc::now(), chrono::Utc::now().date_naive()),
            )
        })
    };
    let mut assigned = Vec::new();
    for n in 0..4 {
        let (person, application) =
            submitted(&app, &format!("ada{n}@example.org"), "Ada Lovelace").await;
        // The last one already asked Ruth for a reference: an admin assigns
        // her anyway, with a reason.
        let override_reason = if n == 3 {
            refer_ruth(person.user.id).await.unwrap();
            Some("No one else reviews IFS this month")
        } else {
            None
        };
        let view: ApplicationReview = expect_json(
            assign(&app, &admin, application.id, ruth, override_reason).await,
            StatusCode::OK,
        )
        .await;
        assigned.push((person, view.assignments[0].id));
        app.clock.advance(chrono::Duration::hours(1));
    }
    // The second then asks Ruth for a reference too: that one drops out.
    refer_ruth(assigned[1].0.user.id).await.unwrap();

    let mine: Vec<MyAssignment> = expect_json(
        app.get_as("/api/v1/reviews", &ruth_token).await,
        StatusCode::OK,
    )
    .await;
    let ids: Vec<AssignmentId> = mine.iter().map(|m| m.id).collect();
    assert_eq!(ids, [assigned[0].1, assigned[2].1, assigned[3].1]);
    assert!(mine
        .iter()
        .all(|m| m.category == "IFS" && m.category_name == "Infant Family Specialist"));
    assert!(mine.windows(2).all(|w| w[0].due_at <= w[1].due_at));
    // The list agrees with what each assignment's own page allows.
    for (_, id) in &assigned {
        let status = app
            .get_as(&format!("/api/v1/reviews/{id}"), &ruth_token)
            .await
            .status();
        let listed = ids.contains(id);
        assert_eq!(status == StatusCode::OK, listed, "assignment {id}");
    }
}

pub(crate) fn complete_review(
    packet: &ReviewPacket,
    recommendation: &str,
    reflection: u32,
) -> Value {
    let scores: serde_json::Map<String, Value> = packet
        .rules
        .domains
        .iter()
        .map(|d| {
            let score = if d.code == "reflection" {
                reflection
            } else {
                3
            };
            (d.code.clone(), json!(score))
        })
        .collect();
    let sections: serde_json::Map<String, Value> = packet
        .rules
        .sections
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                json!({ "verdict": "sufficient", "comment": "" }),
            )
        })
        .collect();
    json!({
        "scores": scores,
        "sections": sections,
        "recommendation": recommendation,
        "rationale": "The portfolio shows consistent, reflective practice.",
    })
}

async fn post_versioned(
    app: &TestApp,
    path: &str,
    token: &str,
    version: i64,
    body: &Value,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .header("if-match", format!("\"{version}\""))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Fails if any of `needles` appears in the body.
async fn text_without(response: reqwest::Response, needles: &[&str]) -> String {
    assert!(response.status().is_success(), "{}", response.status());
    let body = response.text().await.unwrap();
    for needle in needles {
        assert!(
            !body.to_lowercase().contains(&needle.to_lowercase()),
            "{needle} appears in {body}"
        );
    }
    body
}

#[actix_web::test]
async fn two_blind_reviews_with_a_request_for_information_then_a_decision() {
    let app = spawn_app().await;
    // This association has two reviewers read every IFS application.
    app.db
        .transaction(|conn| {
            let mut rulebook = Rulebook::default_rulebook().unwrap();
            rulebook
                .categories
                .iter_mut()
                .find(|c| c.code == "IFS")
                .unwrap()
                .review
                .reviewers = 2;
            rulebooks::publish(conn, &rulebook, None)
        })
        .await
        .unwrap();
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (ruth_token, ruth) = reviewer(&app, &admin, "ruth@example.org", "IFS", 3).await;
    let (zed_token, zed) = reviewer(&app, &admin, "zed@example.org", "IMHS", 3).await;
    let (ada, application) = submitted(&app, "ada@example.org", "Ada Lovelace").await;
    let id = application.id;
    // The admins' work list counts it until reviewers are on it.
    let unassigned = |list: endorse_shared::worklist::WorkList| {
        list.items
            .iter()
            .find(|i| i.kind == endorse_shared::worklist::WorkKind::ApplicationsWithoutReviewers)
            .map(|i| i.count)
    };
    let before: endorse_shared::worklist::WorkList = expect_json(
        app.get_as("/api/v1/association/work", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(unassigned(before), Some(1));
    let proposed: ApplicationReview = expect_json(
        app.post_as(
            &format!("/api/v1/applications/{id}/assignments/proposed"),
            &admin,
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(proposed.assignments.len(), 2);
    let after: endorse_shared::worklist::WorkList = expect_json(
        app.get_as("/api/v1/association/work", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(unassigned(after), Some(0));
    let assignment_of = |who: UserId| -> AssignmentId {
        proposed
            .assignments
            .iter()
            .find(|a| a.reviewer == who)
            .unwrap()
            .id
    };
    let (ruths, zeds) = (assignment_of(ruth), assignment_of(zed));
    let applicant = ["Ada Lovelace", "ada@example.org"];

    // Blind: nothing a reviewer receives names the applicant.
    let list = text_without(app.get_as("/api/v1/reviews", &ruth_token).await, &applicant).await;
    let list: Vec<MyAssignment> = serde_json::from_str(&list).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].applicant, None);
    assert!(list[0].reference.starts_with("IFS-"));
    let ruths_path = format!("/api/v1/reviews/{ruths}");
    let packet: ReviewPacket = serde_json::from_str(
        &text_without(app.get_as(&ruths_path, &ruth_token).await, &applicant).await,
    )
    .unwrap();
    assert_eq!(packet.references.len(), 3);
    assert!(packet
        .references
        .iter()
        .all(|r| r.reference.answer.is_some() && r.answer_ip.is_none()));
    let mail = outbox(&app, &admin, "ruth@example.org").await;
    assert!(!format!("{mail:?}").contains("Ada"));

    // Only one's own assignments; the others are 404, other roles 403.
    let zeds_path = format!("/api/v1/reviews/{zeds}");
    assert_eq!(
        app.get_as(&zeds_path, &ruth_token).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_as(&ruths_path, &ada.access_token).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get_as("/api/v1/reviews", &admin).await.status(),
        StatusCode::FORBIDDEN
    );

    // Drafts: out of the rubric is refused by field; stale versions too.
    let bad = expect_problem(
        app.put_as(
            &ruths_path,
            &ruth_token,
            Some("\"1\""),
            &json!({ "scores": { "reflection": 9, "astrology": 3 } }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let errors = bad.errors;
    assert_eq!(
        errors["scores.reflection"],
        ["must be a score of the rubric, from 1 to 4"]
    );
    assert!(errors.contains_key("scores.astrology"));
    let saved = app
        .put_as(
            &ruths_path,
            &ruth_token,
            Some("\"1\""),
            &json!({ "scores": { "reflection": 3 } }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let stale = app
        .put_as(&ruths_path, &ruth_token, Some("\"1\""), &json!({}))
        .await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);

    // Ruth flags one training entry.
    let training: &PortfolioEntry = packet
        .snapshot
        .entries
        .iter()
        .find(|e| matches!(&e.data, EntryData::Training(t) if t.title == "Attachment"))
        .unwrap();
    let unknown = expect_problem(
        app.post_as(
            &format!("{ruths_path}/information-requests"),
            &ruth_token,
            &json!({ "flags": [{ "entry": uuid::Uuid::new_v4(), "message": "?" }] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(unknown.errors.contains_key("flags[0].entry"));
    let asked: ReviewPacket = expect_json(
        app.post_as(
            &format!("{ruths_path}/information-requests"),
            &ruth_token,
            &json!({ "flags": [{ "entry": training.id, "message": "The hours of this training are not documented." }] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        asked.assignment.application_status,
        ApplicationStatus::RevisionRequested
    );
    // No review is submitted while the applicant is asked.
    let early = post_versioned(
        &app,
        &format!("{ruths_path}/submit"),
        &ruth_token,
        asked.version,
        &complete_review(&asked, "endorse", 3),
    )
    .await;
    assert_eq!(early.status(), StatusCode::CONFLICT);

    // The applicant sees exactly which entry, never who asked.
    let reviewers = ["ruth@example.org", "Reviewer Example", "zed@example.org"];
    let mine: ApplicationResponse = serde_json::from_str(
        &text_without(
            app.get_as(&format!("/api/v1/me/applications/{id}"), &ada.access_token)
                .await,
            &reviewers,
        )
        .await,
    )
    .unwrap();
    assert_eq!(mine.status, ApplicationStatus::RevisionRequested);
    let item = &mine.information_requests[0];
    assert_eq!(item.entry, training.id);
    assert_eq!(
        item.message,
        "The hours of this training are not documented."
    );
    let mail = outbox(&app, &admin, "ada@example.org").await;
    let asked_mail = mail
        .items
        .iter()
        .find(|m| m.kind == MailKind::InformationRequested)
        .unwrap();
    assert!(!format!("{asked_mail:?}").contains("ruth"));

    // Answers are all needed; then the entry is amended and answered.
    let answer_path = format!("/api/v1/me/applications/{id}/answer");
    let missing = expect_problem(
        app.post_as(&answer_path, &ada.access_token, &json!({ "answers": {} }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(missing.errors.contains_key(&format!("answers.{}", item.id)));
    let EntryData::Training(mut changed) = training.data.clone() else {
        unreachable!()
    };
    changed.hours = endorse_shared::hours::Hours::from_quarters(48);
    let updated = app
        .put_as(
            &format!("/api/v1/me/portfolio/training/{}", training.id),
            &ada.access_token,
            Some(&format!("\"{}\"", training.version)),
            &json!({ "section": "training", "data": changed }),
        )
        .await;
    assert_eq!(updated.status(), StatusCode::OK);
    // A change to a submitted application's portfolio is in its audit log.
    let audit: Vec<endorse_shared::process::AuditEvent> = expect_json(
        app.get_as(&format!("/api/v1/applications/{id}/audit"), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    let change = audit
        .iter()
        .find(|e| e.action == "portfolio_change")
        .unwrap();
    assert!(
        change.details.contains("hours: 10") && change.details.contains("\u{2192} 12"),
        "{}",
        change.details
    );
    let answered: ApplicationResponse = expect_json(
        app.post_as(
            &answer_path,
            &ada.access_token,
            &json!({ "answers": { item.id.to_string(): "The certificate says 12 hours; corrected." } }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(answered.status, ApplicationStatus::UnderReview);
    let twice = app
        .post_as(&answer_path, &ada.access_token, &json!({ "answers": {} }))
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);

    // Ruth sees before and after, and the amended entry in the packet.
    let packet: ReviewPacket =
        expect_json(app.get_as(&ruths_path, &ruth_token).await, StatusCode::OK).await;
    let item = &packet.information_requests[0];
    assert_ne!(item.before, item.after);
    assert_eq!(
        item.answer.as_deref(),
        Some("The certificate says 12 hours; corrected.")
    );
    let amended = packet
        .snapshot
        .entries
        .iter()
        .find(|e| e.id == training.id)
        .unwrap();
    assert!(matches!(&amended.data, EntryData::Training(t) if t.hours.to_string() == "12"));
    // Agreements carry the typed name: withheld.
    assert!(packet.snapshot.entries.iter().all(|e| match &e.data {
        EntryData::Agreements(a) => a.signed_name == endorse_shared::review::WITHHELD,
        _ => true,
    }));

    // Incomplete reviews are refused by field.
    let incomplete = expect_problem(
        post_versioned(
            &app,
            &format!("{ruths_path}/submit"),
            &ruth_token,
            packet.version,
            &json!({ "recommendation": "approve_for_exam" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let errors = incomplete.errors;
    assert!(errors["recommendation"][0].contains("not open"));
    assert!(errors.contains_key("scores.thinking"));
    assert!(errors.contains_key("sections.rsc.verdict"));

    // Ruth submits; Zed does not see it until he submits his own.
    let ruths_done: ReviewPacket = expect_json(
        post_versioned(
            &app,
            &format!("{ruths_path}/submit"),
            &ruth_token,
            packet.version,
            &complete_review(&packet, "endorse", 4),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(ruths_done.assignment.state, AssignmentState::Submitted);
    assert!(ruths_done.peers.is_empty());
    let final_now = app
        .put_as(
            &ruths_path,
            &ruth_token,
            Some(&format!("\"{}\"", ruths_done.version)),
            &json!({}),
        )
        .await;
    assert_eq!(final_now.status(), StatusCode::CONFLICT);
    let zeds_packet: ReviewPacket =
        expect_json(app.get_as(&zeds_path, &zed_token).await, StatusCode::OK).await;
    assert!(zeds_packet.peers.is_empty());
    let zeds_done: ReviewPacket = expect_json(
        post_versioned(
            &app,
            &format!("{zeds_path}/submit"),
            &zed_token,
            zeds_packet.version,
            &complete_review(&zeds_packet, "defer", 2),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(zeds_done.peers.len(), 1);
    assert_eq!(
        zeds_done.peers[0].review.recommendation,
        Some(endorse_shared::review::Recommendation::Endorse)
    );

    // The admin sees both, with who wrote them, and the disagreement.
    let view = review_of(&app, &admin, id).await;
    assert_eq!(view.reviews.len(), 2);
    assert_eq!(view.disagreement.len(), 2, "{:?}", view.disagreement);
    assert!(view.disagreement[1].contains("Reflection"));

    // The admin defers with feedback; the applicant reads the feedback only.
    let decided = app
        .post_as(
            &format!("/api/v1/applications/{id}/transitions"),
            &admin,
            &json!({ "action": "defer", "reason": "Please document two more months of RSC." }),
        )
        .await;
    assert_eq!(decided.status(), StatusCode::OK);
    let mine: ApplicationResponse = serde_json::from_str(
        &text_without(
            app.get_as(&format!("/api/v1/me/applications/{id}"), &ada.access_token)
                .await,
            &[
                "ruth@example.org",
                "zed@example.org",
                "Reviewer Example",
                "consistent, reflective practice",
            ],
        )
        .await,
    )
    .unwrap();
    assert_eq!(mine.status, ApplicationStatus::Deferred);
    // A decided application takes no more reviewers.
    let late = app
        .post_as(
            &format!("/api/v1/applications/{id}/assignments/proposed"),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(
        mine.feedback.as_deref(),
        Some("Please document two more months of RSC.")
    );
}

#[actix_web::test]
async fn reviewers_are_reminded_before_and_after_the_due_date_once_each() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (_, ruth) = reviewer(&app, &admin, "ruth@example.org", "IFS", 3).await;
    let (_, application) = submitted(&app, "ada@example.org", "Ada Lovelace").await;
    let view: ApplicationReview = expect_json(
        assign(&app, &admin, application.id, ruth, None).await,
        StatusCode::OK,
    )
    .await;
    let due_at = view.assignments[0].due_at;
    let reminders = |page: &OutboxPage| {
        page.items
            .iter()
            .filter(|m| m.kind == MailKind::ReviewReminder)
            .map(|m| m.subject.clone())
            .collect::<Vec<_>>()
    };
    app.worker.tick().await.unwrap();
    assert!(reminders(&outbox(&app, &admin, "ruth@example.org").await).is_empty());

    // Seven days before the due date: one reminder, however many rounds run.
    app.clock.advance(
        due_at - app.clock.now() - chrono::Duration::days(7) + chrono::Duration::minutes(1),
    );
    app.worker.tick().await.unwrap();
    app.worker.tick().await.unwrap();
    let sent = reminders(&outbox(&app, &admin, "ruth@example.org").await);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].starts_with("Due "));
    let pipeline: PipelineResponse = expect_json(
        app.get_as("/api/v1/applications/pipeline", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert!(pipeline.overdue_reviews.is_empty());

    // A day late: one more, and the pipeline lists the overdue review.
    app.clock.advance(chrono::Duration::days(8));
    app.worker.tick().await.unwrap();
    app.worker.tick().await.unwrap();
    let sent = reminders(&outbox(&app, &admin, "ruth@example.org").await);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent.iter().any(|s| s.starts_with("Overdue")));
    let pipeline: PipelineResponse = expect_json(
        app.get_as("/api/v1/applications/pipeline", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(pipeline.overdue_reviews.len(), 1);
    assert_eq!(pipeline.overdue_reviews[0].days_late, 1);
    assert_eq!(pipeline.overdue_reviews[0].applicant_name, "Ada Lovelace");
}

#[actix_web::test]
async fn a_reviewer_reads_the_applications_documents_under_a_neutral_name() {
    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (ruth_token, ruth) = reviewer(&app, &admin, "ruth@example.org", "IFS", 3).await;
    let (zed_token, _) = reviewer(&app, &admin, "zed@example.org", "IFS", 3).await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let ada = session.access_token.clone();
    let entries = eligible_ifs_portfolio(&app, &ada, session.user.id).await;
    let upload = |name: &'static str| {
        let (app, ada) = (&app, ada.clone());
        async move {
            let stored: endorse_shared::documents::DocumentResponse = expect_json(
                app.client
                    .post(app.url(&format!("/api/v1/me/documents?name={name}")))
                    .bearer_auth(&ada)
                    .header("content-type", "application/octet-stream")
                    .body(PDF.to_vec())
                    .send()
                    .await
                    .unwrap(),
                StatusCode::CREATED,
            )
            .await;
            stored.id
        }
    };
    // A name with dots and identity in it: no "extension" to take from it.
    let transcript = upload("CV%20of%20Z.%20Quillfeather").await;
    let unrelated = upload("Ada-Lovelace-passport.pdf").await;
    let accented = upload("T%C3%ADtulo%20de%20Mar%C3%ADa.pdf").await;
    let education = &entries[0];
    let EntryData::Education(mut data) = education.data.clone() else {
        unreachable!()
    };
    data.transcript = Some(transcript);
    let updated = app
        .put_as(
            &format!("/api/v1/me/portfolio/education/{}", education.id),
            &ada,
            Some(&format!("\"{}\"", education.version)),
            &json!({ "section": "education", "data": data }),
        )
        .await;
    assert_eq!(updated.status(), StatusCode::OK);
    // Evidence on another section: the RSC provider's log.
    let log = upload("rsc-log-from-Dr-Rivera.pdf").await;
    let rsc = entries
        .iter()
        .find(|e| matches!(e.data, EntryData::Rsc(_)))
        .unwrap();
    let EntryData::Rsc(mut rsc_data) = rsc.data.clone() else {
        unreachable!()
    };
    rsc_data.evidence = Some(log);
    let updated = app
        .put_as(
            &format!("/api/v1/me/portfolio/rsc/{}", rsc.id),
            &ada,
            Some(&format!("\"{}\"", rsc.version)),
            &json!({ "section": "rsc", "data": rsc_data }),
        )
        .await;
    assert_eq!(updated.status(), StatusCode::OK);
    let draft = start(&app, &ada, "IFS").await;
    let submitted: ApplicationResponse =
        expect_json(act(&app, &ada, &draft, "submit").await, StatusCode::OK).await;
    let path = |id: endorse_shared::DocumentId| format!("/api/v1/documents/{id}");
    // Before assignment, nobody but Ada and the admins.
    assert_eq!(
        app.get_as(&path(transcript), &ruth_token).await.status(),
        StatusCode::NOT_FOUND
    );
    let assigned = assign(&app, &admin, submitted.id, ruth, None).await;
    assert_eq!(assigned.status(), StatusCode::OK);
    let download = app.get_as(&path(transcript), &ruth_token).await;
    assert_eq!(download.status(), StatusCode::OK);
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"document-")
            && disposition.ends_with(".pdf\"")
            && !disposition.contains("Quillfeather")
            && !disposition.contains("Ada"),
        "{disposition}"
    );
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);
    let download = app.get_as(&path(log), &ruth_token).await;
    assert_eq!(download.status(), StatusCode::OK);
    let disposition = download.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"document-")
            && !disposition.contains("Rivera"),
        "{disposition}"
    );
    // Not a document of the application; not a reviewer of it.
    assert_eq!(
        app.get_as(&path(unrelated), &ruth_token).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_as(&path(transcript), &zed_token).await.status(),
        StatusCode::NOT_FOUND
    );
    // The owner still gets the name she gave it, with the extension of what
    // the file is; a name beyond ASCII comes in UTF-8 as well.
    let own = app.get_as(&path(transcript), &ada).await;
    assert_eq!(
        own.headers()["content-disposition"].to_str().unwrap(),
        "attachment; filename=\"CV of Z. Quillfeather.pdf\""
    );
    let own = app.get_as(&path(accented), &ada).await;
    assert_eq!(
        own.headers()["content-disposition"].to_str().unwrap(),
        "attachment; filename=\"T_tulo de Mar_a.pdf\"; filename*=UTF-8''T%C3%ADtulo%20de%20Mar%C3%ADa.pdf"
    );
}
