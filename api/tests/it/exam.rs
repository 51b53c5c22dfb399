//! The exam: scheduling with accommodations, Part 2's answers in the window,
//! blind scoring by two reviewers, the result from both parts, and the wait
//! before a retake.

use crate::applications::{act, eligible_ifs_portfolio, start};
use crate::helpers::*;
use endorse_api::clock::Clock;
use endorse_api::db::rulebooks;
use endorse_shared::applications::{ApplicationResponse, ApplicationStatus};
use endorse_shared::exam::{ExamView, Outcome, ScoringPacket, ScoringSummary};
use endorse_shared::fees::{FeeStatus, FeesResponse};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::users::UserListResponse;
use endorse_shared::{ApplicationId, Role, UserId};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Gives IFS the Mentor exam, so an IFS portfolio reaches it.
async fn ifs_with_an_exam(app: &TestApp) {
    ifs_with_an_exam_and_fees(app, serde_json::Value::Null).await;
}

/// Gives IFS the Mentor exam and this fee schedule (none when null).
async fn ifs_with_an_exam_and_fees(app: &TestApp, fees: Value) {
    app.db
        .transaction(move |conn| {
            let mut rulebook = Rulebook::default_rulebook().unwrap();
            let exam = rulebook.category("IMHM-C").unwrap().exam.clone();
            let ifs = rulebook
                .categories
                .iter_mut()
                .find(|c| c.code == "IFS")
                .unwrap();
            ifs.exam = exam;
            if !fees.is_null() {
                ifs.fees = serde_json::from_value(fees).expect("fees");
            }
            rulebooks::publish(conn, &rulebook, None)
        })
        .await
        .unwrap();
}

async fn reviewer(app: &TestApp, admin: &str, email: &str) -> (String, UserId) {
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
            &json!({ "endorsements": [{ "category": "IFS", "number": email }], "categories": ["IFS"], "max_load": 5 }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    (token, id)
}

/// An applicant approved for the exam; returns (token, application).
async fn approved(
    app: &TestApp,
    admin: &str,
    email: &str,
    reviewer: UserId,
) -> (String, ApplicationId) {
    let session = app.register(email, "Ada Lovelace").await;
    let token = session.access_token.clone();
    eligible_ifs_portfolio(app, &token, session.user.id).await;
    let draft = start(app, &token, "IFS").await;
    let submitted: ApplicationResponse =
        expect_json(act(app, &token, &draft, "submit").await, StatusCode::OK).await;
    let id = submitted.id;
    let assigned = app
        .post_as(
            &format!("/api/v1/applications/{id}/assignments"),
            admin,
            &json!({ "reviewer": reviewer }),
        )
        .await;
    assert_eq!(assigned.status(), StatusCode::OK);
    let moved: ApplicationResponse = expect_json(
        app.post_as(
            &format!("/api/v1/applications/{id}/transitions"),
            admin,
            &json!({ "action": "approve_for_exam" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved.status, ApplicationStatus::ApprovedForExam);
    (token, id)
}

async fn schedule(app: &TestApp, admin: &str, id: ApplicationId) -> reqwest::Response {
    let starts = app.clock.now() + chrono::Duration::hours(1);
    app.post_as(
        &format!("/api/v1/applications/{id}/exam"),
        admin,
        &json!({
            "starts_at": starts,
            "ends_at": starts + chrono::Duration::hours(3),
            "mode": "online",
            "location": "A link arrives by mail",
            "accommodations": "Extra time (50%)",
        }),
    )
    .await
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    version: i64,
    body: &Value,
) -> reqwest::Response {
    app.client
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("if-match", format!("\"{version}\""))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Both scorers mark the answers; returns the admin's view afterwards.
async fn score(app: &TestApp, scorers: &[(&str, [u32; 2])]) {
    for (token, [first, second]) in scorers {
        let list: Vec<ScoringSummary> = expect_json(
            app.get_as("/api/v1/exam-scoring", token).await,
            StatusCode::OK,
        )
        .await;
        let path = format!("/api/v1/exam-scoring/{}", list[0].id);
        let packet: ScoringPacket =
            expect_json(app.get_as(&path, token).await, StatusCode::OK).await;
        let numbers: Vec<u32> = packet.answers.answers.keys().copied().collect();
        let body = json!({ "scores": { numbers[0].to_string(): first, numbers[1].to_string(): second }, "comment": "" });
        let done = send(
            app,
            reqwest::Method::POST,
            &format!("{path}/submit"),
            token,
            packet.version,
            &body,
        )
        .await;
        assert_eq!(done.status(), StatusCode::OK);
    }
}

#[actix_web::test]
async fn an_applicant_sits_the_exam_and_passes_on_both_parts() {
    let app = spawn_app().await;
    ifs_with_an_exam(&app).await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (_, ruth) = reviewer(&app, &admin, "ruth@example.org").await;
    let (sam, sam_id) = reviewer(&app, &admin, "sam@example.org").await;
    let (tess, tess_id) = reviewer(&app, &admin, "tess@example.org").await;
    let (uma, uma_id) = reviewer(&app, &admin, "uma@example.org").await;
    let (ada, id) = approved(&app, &admin, "ada@example.org", ruth).await;

    // Accommodations are asked for before scheduling; a novel is refused.
    let long = app
        .put_as(
            &format!("/api/v1/me/applications/{id}/exam/accommodations"),
            &ada,
            None,
            &json!({ "accommodations": "x".repeat(2001) }),
        )
        .await;
    assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let asked: ExamView = expect_json(
        app.put_as(
            &format!("/api/v1/me/applications/{id}/exam/accommodations"),
            &ada,
            None,
            &json!({ "accommodations": "Extra time (50%)" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(asked.accommodations_requested, "Extra time (50%)");
    assert_eq!((asked.part1_pass_mark, asked.vignettes_answered), (48, 2));

    // The generic transition is no way to schedule; a past start is refused.
    let generic = app
        .post_as(
            &format!("/api/v1/applications/{id}/transitions"),
            &admin,
            &json!({ "action": "schedule_exam" }),
        )
        .await;
    assert_eq!(generic.status(), StatusCode::CONFLICT);
    let past = expect_problem(
        app.post_as(
            &format!("/api/v1/applications/{id}/exam"),
            &admin,
            &json!({ "starts_at": "2020-01-01T09:00:00Z", "ends_at": "2020-01-01T08:00:00Z", "mode": "in_person" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(past.errors.contains_key("starts_at") && past.errors.contains_key("ends_at"));
    let booked: ExamView = expect_json(schedule(&app, &admin, id).await, StatusCode::OK).await;
    assert_eq!(booked.attempt, 1);
    assert_eq!(booked.accommodations, "Extra time (50%)");

    // Answers only in the window.
    let answers = format!("/api/v1/me/applications/{id}/exam/answers");
    let early = expect_problem(
        send(
            &app,
            reqwest::Method::PUT,
            &answers,
            &ada,
            booked.version,
            &json!({ "answers": { "1": "Draft" } }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(early.detail.unwrap().contains("window"));
    app.clock.advance(chrono::Duration::minutes(90));
    let bad = expect_problem(
        send(
            &app,
            reqwest::Method::PUT,
            &answers,
            &ada,
            booked.version,
            &json!({ "answers": { "4": "?" } }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(bad.errors.contains_key("answers.4"));
    let saved: ExamView = expect_json(
        send(
            &app,
            reqwest::Method::PUT,
            &answers,
            &ada,
            booked.version,
            &json!({ "answers": { "1": "The parent's own history…" } }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let one = send(
        &app,
        reqwest::Method::POST,
        &format!("{answers}/submit"),
        &ada,
        saved.version,
        &json!({ "answers": { "1": "A" } }),
    )
    .await;
    assert_eq!(one.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let handed: ExamView = expect_json(
        send(
            &app,
            reqwest::Method::POST,
            &format!("{answers}/submit"),
            &ada,
            saved.version,
            &json!({ "answers": { "1": "The parent's own history shapes…", "3": "As a supervisor I would first…" } }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(handed.answers_submitted_at.is_some());
    let again = send(
        &app,
        reqwest::Method::PUT,
        &answers,
        &ada,
        handed.version,
        &json!({ "answers": {} }),
    )
    .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // The result waits for both parts.
    let result = format!("/api/v1/applications/{id}/exam/result");
    let early = expect_problem(
        app.post_as(&result, &admin, &json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(early.detail.unwrap().contains("Part 1"));
    let part1 = format!("/api/v1/applications/{id}/exam/part1");
    let too_many = app.post_as(&part1, &admin, &json!({ "score": 61 })).await;
    assert_eq!(too_many.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let recorded: ExamView = expect_json(
        app.post_as(&part1, &admin, &json!({ "score": 50 })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(recorded.part1, Some(Outcome::Passed));

    // Two scorers, no third.
    let scorers = format!("/api/v1/applications/{id}/exam/scorers");
    for who in [sam_id, tess_id] {
        let added = app
            .post_as(&scorers, &admin, &json!({ "reviewer": who }))
            .await;
        assert_eq!(added.status(), StatusCode::OK);
    }
    let third = app
        .post_as(&scorers, &admin, &json!({ "reviewer": uma_id }))
        .await;
    assert_eq!(third.status(), StatusCode::CONFLICT);

    // Scorers see the answers, never whose they are; others see nothing.
    let list: Vec<ScoringSummary> = expect_json(
        app.get_as("/api/v1/exam-scoring", &sam).await,
        StatusCode::OK,
    )
    .await;
    assert!(list[0].ready);
    let body = app
        .get_as(&format!("/api/v1/exam-scoring/{}", list[0].id), &sam)
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("As a supervisor I would first"));
    assert!(!body.contains("Ada") && !body.contains("ada@example.org"));
    assert_eq!(
        app.get_as(&format!("/api/v1/exam-scoring/{}", list[0].id), &uma)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let out_of_rubric = send(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/exam-scoring/{}", list[0].id),
        &sam,
        1,
        &json!({ "scores": { "1": 7 } }),
    )
    .await;
    assert_eq!(out_of_rubric.status(), StatusCode::UNPROCESSABLE_ENTITY);
    score(&app, &[(&sam, [3, 4]), (&tess, [2, 3])]).await;

    let passed: ExamView = expect_json(
        app.post_as(&result, &admin, &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(passed.result, Some(Outcome::Passed));
    assert_eq!(passed.part2_mean, Some(3.0));
    let endorsed: ApplicationResponse = expect_json(
        app.post_as(
            &format!("/api/v1/applications/{id}/transitions"),
            &admin,
            &json!({ "action": "endorse", "reason": "Review and exam passed." }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(endorsed.status, ApplicationStatus::Endorsed);
    // The applicant sees the result, not the scorers.
    let mine = app
        .get_as(&format!("/api/v1/me/applications/{id}/exam"), &ada)
        .await
        .text()
        .await
        .unwrap();
    assert!(!mine.contains("sam@example.org") && !mine.contains("Reviewer Example"));
    let mine: ExamView = serde_json::from_str(&mine).unwrap();
    assert_eq!(mine.result, Some(Outcome::Passed));
    assert_eq!(mine.part2_mean, None);
}

#[actix_web::test]
async fn a_failed_exam_is_retaken_only_after_the_wait() {
    let app = spawn_app().await;
    ifs_with_an_exam(&app).await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (_, ruth) = reviewer(&app, &admin, "ruth@example.org").await;
    let (sam, sam_id) = reviewer(&app, &admin, "sam@example.org").await;
    let (tess, tess_id) = reviewer(&app, &admin, "tess@example.org").await;
    let (ada, id) = approved(&app, &admin, "ada@example.org", ruth).await;
    let booked: ExamView = expect_json(schedule(&app, &admin, id).await, StatusCode::OK).await;
    app.clock.advance(chrono::Duration::minutes(90));
    let handed = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/me/applications/{id}/exam/answers/submit"),
        &ada,
        booked.version,
        &json!({ "answers": { "1": "One", "2": "Two" } }),
    )
    .await;
    assert_eq!(handed.status(), StatusCode::OK);
    app.post_as(
        &format!("/api/v1/applications/{id}/exam/part1"),
        &admin,
        &json!({ "score": 47 }),
    )
    .await;
    for who in [sam_id, tess_id] {
        app.post_as(
            &format!("/api/v1/applications/{id}/exam/scorers"),
            &admin,
            &json!({ "reviewer": who }),
        )
        .await;
    }
    score(&app, &[(&sam, [4, 4]), (&tess, [4, 4])]).await;
    let failed: ExamView = expect_json(
        app.post_as(
            &format!("/api/v1/applications/{id}/exam/result"),
            &admin,
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // Part 2 passed, Part 1 (47 < 48) did not: the exam is failed.
    assert_eq!(failed.result, Some(Outcome::Failed));
    assert_eq!(failed.part1, Some(Outcome::Failed));
    let retake_from = failed.retake_from.unwrap();

    let too_soon = expect_problem(schedule(&app, &admin, id).await, StatusCode::CONFLICT).await;
    assert!(too_soon.detail.unwrap().contains("retaken from"));
    app.clock
        .advance(retake_from - app.clock.now() + chrono::Duration::minutes(1));
    let second: ExamView = expect_json(schedule(&app, &admin, id).await, StatusCode::OK).await;
    assert_eq!(second.attempt, 2);
    assert_eq!(second.part1_score, None);
    assert!(second.answers.answers.is_empty());
}

#[actix_web::test]
async fn an_exam_fee_that_blocks_holds_up_scheduling_until_it_is_paid() {
    let app = spawn_app().await;
    ifs_with_an_exam_and_fees(
        &app,
        json!({ "exam": { "amount": "75.00", "blocks": true } }),
    )
    .await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (_, ruth) = reviewer(&app, &admin, "ruth@example.org").await;
    let (ada, id) = approved(&app, &admin, "ada@example.org", ruth).await;
    let refused = expect_problem(schedule(&app, &admin, id).await, StatusCode::CONFLICT).await;
    let detail = refused.detail.unwrap_or_default();
    assert!(
        detail.contains("Exam fee") && detail.contains("$75.00"),
        "{detail}"
    );
    // The fee is the applicant's, for this sitting.
    let mine: FeesResponse =
        expect_json(app.get_as("/api/v1/me/fees", &ada).await, StatusCode::OK).await;
    let exam = mine
        .fees
        .iter()
        .find(|f| f.kind.as_str() == "exam")
        .expect("an exam fee");
    assert_eq!(exam.key.to_string(), format!("exam:{id}:1"));
    assert_eq!(exam.status, FeeStatus::Due);
    let me: endorse_shared::users::UserResponse =
        expect_json(app.get_as("/api/v1/me", &ada).await, StatusCode::OK).await;
    let paid = app
        .post_as(
            &format!("/api/v1/users/{}/payments", me.id),
            &admin,
            &json!({ "fee": exam.key, "method": "bank_transfer", "amount": "75.00",
                "reference": "TX-88", "paid_on": app.clock.now().date_naive() }),
        )
        .await;
    assert_eq!(paid.status(), StatusCode::CREATED);
    let booked: ExamView = expect_json(schedule(&app, &admin, id).await, StatusCode::OK).await;
    assert_eq!(booked.attempt, 1);
}
