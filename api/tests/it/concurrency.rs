//! Requests at the same time: many writers of every kind never get a 5xx and
//! every write they were told succeeded is there afterwards; a rule checked
//! before a write (no duplicate entry, at most 24 hours of RSC on one day)
//! holds when twenty identical requests race for it. On both backends.

use crate::helpers::*;
use crate::review::{complete_review, reviewer, submitted};
use endorse_shared::entries::PortfolioResponse;
use endorse_shared::references::{ReferenceStatus, ReferenceView};
use endorse_shared::review::{ApplicationReview, ReviewPacket};
use endorse_shared::users::UserListResponse;
use endorse_shared::{Role, UserId};
use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// One write of the burst, as owned data: what it is, and the request.
struct Call {
    what: String,
    method: reqwest::Method,
    path: String,
    token: Option<String>,
    if_match: Option<&'static str>,
    body: Value,
}

impl Call {
    fn post(what: String, path: &str, token: &str, body: Value) -> Self {
        Self {
            what,
            method: reqwest::Method::POST,
            path: path.to_string(),
            token: Some(token.to_string()),
            if_match: None,
            body,
        }
    }

    fn put(what: String, path: &str, token: &str, if_match: &'static str, body: Value) -> Self {
        Self {
            method: reqwest::Method::PUT,
            if_match: Some(if_match),
            ..Self::post(what, path, token, body)
        }
    }

    async fn send(self, app: &TestApp) -> (String, StatusCode) {
        let mut request = app
            .client
            .request(self.method, app.url(&self.path))
            .json(&self.body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(version) = self.if_match {
            request = request.header("if-match", version);
        }
        (self.what, request.send().await.expect("request").status())
    }
}

fn training(title: &str) -> Value {
    json!({ "section": "training", "data": {
        "title": title, "provider": "Institute", "date": "2024-03-01", "hours": 2,
        "domains": ["reflection"], "topics": [] }})
}

fn rsc(day: &str, provider: &str) -> Value {
    json!({ "date": day, "hours": 2, "format": "individual", "provider_name": provider,
        "provider_category": "IFRS", "provider_number": null, "provider_vetted": false,
        "about_providing": false })
}

fn reference(email: &str) -> Value {
    json!({
        "category": "IFS",
        "referee_name": "Sam Rivera",
        "referee_email": email,
        "relationship": "colleague",
        "endorsement": null,
        "known_since": "2019-03-01",
        "waive_access": true,
    })
}

async fn id_of(app: &TestApp, admin: &str, email: &str) -> UserId {
    let page: UserListResponse = expect_json(
        app.get_as(&format!("/api/v1/users?q={email}"), admin).await,
        StatusCode::OK,
    )
    .await;
    page.items[0].id
}

async fn portfolio(app: &TestApp, token: &str) -> PortfolioResponse {
    expect_json(
        app.get_as("/api/v1/me/portfolio", token).await,
        StatusCode::OK,
    )
    .await
}

#[actix_web::test]
async fn thirty_two_writers_of_every_kind_get_no_server_error_and_keep_every_write() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;

    // Two submitted applications with a reviewer each, whose drafts are saved
    // during the burst.
    let mut drafts = Vec::new();
    for (n, email) in ["rita@example.org", "raul@example.org"].iter().enumerate() {
        let (token, reviewer_id) = reviewer(&app, &admin, email, "IFS", 5).await;
        let (_, application) =
            submitted(&app, &format!("held{n}@example.org"), "Ada Lovelace").await;
        let review: ApplicationReview = expect_json(
            app.post_as(
                &format!("/api/v1/applications/{}/assignments", application.id),
                &admin,
                &json!({ "reviewer": reviewer_id }),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        let assignment = review.assignments[0].id;
        let packet: ReviewPacket = expect_json(
            app.get_as(&format!("/api/v1/reviews/{assignment}"), &token)
                .await,
            StatusCode::OK,
        )
        .await;
        drafts.push((token, assignment, complete_review(&packet, "endorse", 3)));
    }

    // Four applicants, each with a reference already out to a referee who
    // answers during the burst.
    let mut applicants = Vec::new();
    for n in 0..4 {
        let session = app
            .register(
                &format!("applicant{n}@example.org"),
                &format!("Applicant {n}"),
            )
            .await;
        let token = session.access_token;
        let asked: ReferenceView = expect_json(
            app.post_as(
                "/api/v1/references",
                &token,
                &reference(&format!("early{n}@example.org")),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        let link = referee_link(&app, &admin, &asked.id.to_string()).await;
        applicants.push((token, link));
    }

    // Four reviewers without a profile yet, whose profiles admins save.
    let mut profiles = Vec::new();
    for n in 0..4 {
        let email = format!("new-reviewer{n}@example.org");
        app.user_with_role(Role::Reviewer, &email).await;
        profiles.push(id_of(&app, &admin, &email).await);
    }

    let answer = serde_json::to_value(full_answer(
        endorse_shared::rulebook::Relationship::Colleague,
        chrono::NaiveDate::from_ymd_opt(2019, 3, 1).unwrap(),
        0,
    ))
    .unwrap();
    let mut burst = Vec::new();
    for (n, (token, link)) in applicants.iter().enumerate() {
        for k in 0..2 {
            burst.push(Call::post(
                format!("training {n}.{k}"),
                "/api/v1/me/portfolio/training",
                token,
                training(&format!("Course {n}.{k}")),
            ));
        }
        let provider = format!("Provider {n}");
        burst.push(Call::post(
            format!("rsc batch {n}"),
            "/api/v1/me/portfolio/rsc/batch",
            token,
            json!({ "sessions": [
                rsc("2025-01-06", &provider),
                rsc("2025-01-13", &provider),
                rsc("2025-01-20", &provider),
            ]}),
        ));
        burst.push(Call::post(
            format!("reference {n}"),
            "/api/v1/references",
            token,
            reference(&format!("late{n}@example.org")),
        ));
        burst.push(Call::post(
            format!("application {n}"),
            "/api/v1/me/applications",
            token,
            json!({ "category": "IFA" }),
        ));
        burst.push(Call::put(
            format!("note {n}"),
            "/api/v1/me/portfolio/training/note",
            token,
            "\"0\"",
            json!({ "note": format!("Note {n}") }),
        ));
        burst.push(Call {
            token: None,
            ..Call::post(
                format!("referee answer {n}"),
                &format!("{}/rating", referee_api_path(link)),
                "",
                answer.clone(),
            )
        });
    }
    for (n, id) in profiles.iter().enumerate() {
        burst.push(Call::put(
            format!("reviewer profile {n}"),
            &format!("/api/v1/users/{id}/reviewer-profile"),
            &admin,
            "\"0\"",
            json!({
                "endorsements": [{ "category": "IMHS", "number": format!("MI-IMHS-{n}") }],
                "categories": ["IFS"],
                "max_load": 3,
            }),
        ));
    }
    for (n, (token, assignment, body)) in drafts.iter().enumerate() {
        burst.push(Call::put(
            format!("review draft {n}"),
            &format!("/api/v1/reviews/{assignment}"),
            token,
            "\"1\"",
            body.clone(),
        ));
    }
    assert!(burst.len() >= 32, "only {} writers", burst.len());
    // The mail worker's rounds race the requests, as they do in production.
    let worker = async {
        for _ in 0..3 {
            app.worker.tick().await.expect("a mail round never fails");
        }
    };
    let (results, ()) = futures_util::join!(
        join_all(burst.into_iter().map(|call| call.send(&app))),
        worker
    );

    let failed: Vec<&(String, StatusCode)> = results
        .iter()
        .filter(|(_, s)| s.is_server_error())
        .collect();
    assert!(failed.is_empty(), "server errors: {failed:?}");
    let refused: Vec<&(String, StatusCode)> =
        results.iter().filter(|(_, s)| !s.is_success()).collect();
    assert!(refused.is_empty(), "every write here is valid: {refused:?}");

    // Every acknowledged write is there.
    for (n, (token, _)) in applicants.iter().enumerate() {
        let mine = portfolio(&app, token).await;
        let body = serde_json::to_string(&mine.entries).unwrap();
        for k in 0..2 {
            assert!(
                body.contains(&format!("Course {n}.{k}")),
                "training {n}.{k}"
            );
        }
        assert_eq!(
            body.matches(&format!("Provider {n}")).count(),
            3,
            "rsc batch {n}"
        );
        assert!(
            mine.notes
                .iter()
                .any(|note| note.note == format!("Note {n}")),
            "note {n}"
        );
        let references: Vec<ReferenceView> = expect_json(
            app.get_as("/api/v1/references", token).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(references.len(), 2, "references of {n}");
        assert!(
            references
                .iter()
                .any(|r| r.status == ReferenceStatus::Received),
            "referee answer {n}"
        );
        let applications: Value = expect_json(
            app.get_as("/api/v1/me/applications", token).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            applications.as_array().map(Vec::len),
            Some(1),
            "application {n}"
        );
    }
    for (n, id) in profiles.iter().enumerate() {
        let profile: Value = expect_json(
            app.get_as(&format!("/api/v1/users/{id}/reviewer-profile"), &admin)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(profile["version"], 1, "reviewer profile {n}: {profile}");
    }
    for (n, (token, assignment, _)) in drafts.iter().enumerate() {
        let packet: Value = expect_json(
            app.get_as(&format!("/api/v1/reviews/{assignment}"), token)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            packet["review"]["recommendation"], "endorse",
            "review draft {n}: {packet}"
        );
    }
}

#[actix_web::test]
async fn twenty_identical_entries_at_once_store_exactly_one() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let token = session.access_token;
    let body = training("Foundations of infant mental health");
    let statuses: Vec<StatusCode> =
        join_all((0..20).map(|_| app.post_as("/api/v1/me/portfolio/training", &token, &body)))
            .await
            .iter()
            .map(reqwest::Response::status)
            .collect();
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!((created, refused), (1, 19), "{statuses:?}");
    let stored = portfolio(&app, &token).await.entries;
    assert_eq!(stored.len(), 1);
}

#[actix_web::test]
async fn twenty_two_hour_sessions_on_one_day_at_once_store_at_most_twenty_four_hours() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let token = session.access_token;
    let statuses: Vec<StatusCode> = join_all((0..20).map(|n| {
        let mut body = json!({ "section": "rsc" });
        body["data"] = rsc("2025-02-03", &format!("Provider {n}"));
        let token = token.clone();
        let app = &app;
        async move {
            app.post_as("/api/v1/me/portfolio/rsc", &token, &body)
                .await
                .status()
        }
    }))
    .await;
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(
        created, 12,
        "twelve two-hour sessions make the day's 24 hours"
    );
    let stored = portfolio(&app, &token).await.entries;
    assert_eq!(stored.len(), 12);
}

#[actix_web::test]
async fn a_database_held_past_the_wait_answers_503_with_retry_after_and_nothing_is_lost() {
    let app = spawn_app_with(|settings| settings.database_wait_ms = 300).await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let token = session.access_token;
    // Someone else holds the lock the write needs, past the wait: SQLite's
    // write lock, or on PostgreSQL the applicant's row.
    let holder = app.db.clone();
    let owner = session.user.id;
    let (locked, release) = std::sync::mpsc::channel::<()>();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let hold = std::thread::spawn(move || {
        let mut conn = holder.get().unwrap();
        endorse_api::db::write::<_, endorse_api::db::DbError, _>(&mut conn, |conn| {
            endorse_api::db::lock_owner(conn, owner)?;
            locked.send(()).unwrap();
            finished.recv().unwrap();
            Ok(())
        })
        .unwrap();
    });
    release.recv().unwrap();
    let response = app
        .post_as(
            "/api/v1/me/portfolio/training",
            &token,
            &training("While the lock is held"),
        )
        .await;
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let problem = expect_problem(response, StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(
        retry_after.is_some_and(|s| s > 0),
        "Retry-After: {retry_after:?}"
    );
    assert!(
        !problem.message().contains("locked"),
        "the cause stays in the log: {problem:?}"
    );
    done.send(()).unwrap();
    hold.join().unwrap();
    // Once the lock is free, the same write goes through, and nothing was
    // half-written before.
    let stored = portfolio(&app, &token).await.entries;
    assert!(stored.is_empty(), "{stored:?}");
    let response = app
        .post_as(
            "/api/v1/me/portfolio/training",
            &token,
            &training("While the lock is held"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}
