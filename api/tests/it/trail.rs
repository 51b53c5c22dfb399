//! The one audit trail: what admins do to accounts, rulebooks, keys and
//! exports lands beside the applications' logs, filtered and paged, and
//! downloads as a streamed CSV.

use crate::helpers::*;
use endorse_api::clock::Clock as _;
use endorse_api::db::association_log::{self, Actor};
use endorse_shared::trail::{TrailKind, TrailPage};
use endorse_shared::users::UserResponse;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::HashSet;

async fn trail(app: &TestApp, admin: &str, query: &str) -> TrailPage {
    expect_json(
        app.get_as(&format!("/api/v1/audit?{query}"), admin).await,
        StatusCode::OK,
    )
    .await
}

fn actions(page: &TrailPage) -> Vec<&str> {
    page.events.iter().map(|e| e.action.as_str()).collect()
}

async fn me(app: &TestApp, token: &str) -> UserResponse {
    expect_json(app.get_as("/api/v1/me", token).await, StatusCode::OK).await
}

#[actix_web::test]
async fn what_admins_do_lands_in_one_trail_filtered_by_who_what_and_when() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let admin_id = me(&app, &admin).await.id;

    // An account made, then disabled.
    let made: UserResponse = expect_json(
        app.post_as(
            "/api/v1/users",
            &admin,
            &json!({ "email": "rita@example.org", "name": "Rita Reviewer", "role": "reviewer",
                     "password": "a long enough passphrase 42" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    expect_json::<UserResponse>(
        app.post_as(
            &format!("/api/v1/users/{}/disable", made.id),
            &admin,
            &json!({ "reason": "Left the association" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // A rulebook version, a new signing key, an export.
    let current: serde_json::Value = expect_json(
        app.get_as("/api/v1/rulebooks/current", &admin).await,
        StatusCode::OK,
    )
    .await;
    let edited =
        current["toml"]
            .as_str()
            .unwrap()
            .replacen("Alliance baseline 2025", "Michigan 2026", 1);
    let published = app
        .post_as("/api/v1/rulebooks", &admin, &json!({ "toml": edited }))
        .await;
    assert_eq!(published.status(), StatusCode::CREATED);
    let key: serde_json::Value = expect_json(
        app.post_as("/api/v1/issuer/keys", &admin, &json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    let export = app.get_as("/api/v1/applications.csv", &admin).await;
    assert_eq!(export.status(), StatusCode::OK);
    // And an applicant's own step, in an application's log.
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    let started = app
        .post_as(
            "/api/v1/me/applications",
            &ada.access_token,
            &json!({ "category": "IFS" }),
        )
        .await;
    assert_eq!(started.status(), StatusCode::CREATED);

    let all = trail(&app, &admin, "").await;
    let seen = actions(&all);
    for action in [
        "account_created",
        "account_disabled",
        "rulebook_published",
        "key_rotated",
        "export_downloaded",
        "start",
    ] {
        assert!(seen.contains(&action), "{action} missing from {seen:?}");
    }
    assert!(
        all.events.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    let disabled = all
        .events
        .iter()
        .find(|e| e.action == "account_disabled")
        .unwrap();
    assert_eq!(disabled.actor_id, Some(admin_id));
    assert_eq!(disabled.subject_kind, Some(TrailKind::User));
    assert_eq!(
        disabled.subject_id.as_deref(),
        Some(made.id.to_string().as_str())
    );
    assert!(disabled.details.contains("Left the association"));

    // By kind.
    let rulebooks = trail(&app, &admin, "kind=rulebook").await;
    assert_eq!(actions(&rulebooks), ["rulebook_published"]);
    assert_eq!(rulebooks.events[0].subject_id.as_deref(), Some("2"));
    let keys = trail(&app, &admin, "kind=key").await;
    assert_eq!(keys.events[0].subject_id.as_deref(), key["kid"].as_str());
    let applications = trail(&app, &admin, "kind=application").await;
    assert!(applications
        .events
        .iter()
        .all(|e| e.subject_kind == Some(TrailKind::Application)));
    assert!(!applications.events.is_empty());
    // By subject: the account's own events, nobody else's.
    let about = trail(&app, &admin, &format!("subject={}", made.id)).await;
    assert_eq!(actions(&about), ["account_disabled", "account_created"]);
    // A person as subject brings their applications' events too.
    let ada_events = trail(&app, &admin, &format!("subject={}", ada.user.id)).await;
    assert!(actions(&ada_events).contains(&"start"), "{ada_events:?}");
    // By who: the applicant did nothing an admin did.
    let by_ada = trail(&app, &admin, &format!("actor={}", ada.user.id)).await;
    assert!(by_ada
        .events
        .iter()
        .all(|e| e.actor_id == Some(ada.user.id)));
    let by_admin = trail(&app, &admin, &format!("actor={admin_id}")).await;
    assert!(!actions(&by_admin).contains(&"start"));
    assert!(trail(&app, &admin, "actor=schedule")
        .await
        .events
        .is_empty());
    // By action.
    let exports = trail(&app, &admin, "action=export_downloaded").await;
    assert_eq!(exports.events.len(), 1);
    assert_eq!(
        exports.events[0].subject_id.as_deref(),
        Some("applications.csv")
    );

    // By day: two days on, one more event; "from" that day finds only it.
    app.clock.advance(chrono::Duration::days(2));
    let later = app.clock.now().date_naive();
    expect_json::<UserResponse>(
        app.post_as(
            &format!("/api/v1/users/{}/enable", made.id),
            &admin,
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let recent = trail(&app, &admin, &format!("from={later}")).await;
    assert_eq!(actions(&recent), ["account_enabled"]);
    let before = later - chrono::Duration::days(1);
    let earlier = trail(&app, &admin, &format!("to={before}")).await;
    assert!(!actions(&earlier).contains(&"account_enabled"));
    assert_eq!(earlier.events.len(), all.events.len());
}

#[actix_web::test]
async fn pages_walk_every_event_once_and_the_csv_streams_them_all() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    // More events than one read of the CSV's stream takes, many at one instant.
    let db = app.db.clone();
    let at = app.clock.now();
    db.run(move |conn| {
        for n in 0..1_203 {
            association_log::record(
                conn,
                Actor {
                    id: None,
                    name: "Endorse (the schedule)",
                    ip: None,
                },
                ("settings_changed", &format!("event {n}")),
                at,
            )?;
        }
        Ok(())
    })
    .await
    .unwrap();

    let mut seen = HashSet::new();
    let mut before: Option<String> = None;
    let mut pages = 0;
    loop {
        let query = match &before {
            Some(cursor) => format!("limit=200&before={cursor}"),
            None => "limit=200".to_string(),
        };
        let page = trail(&app, &admin, &query).await;
        pages += 1;
        for event in &page.events {
            assert!(seen.insert(event.id.clone()), "{} twice", event.id);
        }
        match page.next {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 1_203);
    assert_eq!(pages, 7);
    let scheduled = trail(&app, &admin, "actor=schedule&limit=1").await;
    assert_eq!(scheduled.events[0].actor, "Endorse (the schedule)");
    assert!(scheduled.next.is_some());

    let csv = app.get_as("/api/v1/audit.csv", &admin).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = csv.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert!(lines[0].starts_with("at,actor,actor_id,ip,kind,subject,action"));
    // Every event, and the download itself (recorded before it streams).
    assert_eq!(lines.len(), 1 + 1_203 + 1, "{}", &body[..200]);
    let distinct: HashSet<&str> = lines[1..]
        .iter()
        .filter_map(|l| l.split(',').nth(9 + 1))
        .collect();
    assert!(distinct.len() > 1_200);
    // Filters apply to the CSV as to the pages.
    let only = app
        .get_as("/api/v1/audit.csv?action=export_downloaded", &admin)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(only.lines().count(), 1 + 2);
}

#[actix_web::test]
async fn bad_filters_are_refused_by_name_and_only_admins_read_the_trail() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let reviewer = app.user_with_role(Role::Reviewer, "rev@example.org").await;
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    for token in [&reviewer, &ada.access_token] {
        expect_problem(
            app.get_as("/api/v1/audit", token).await,
            StatusCode::FORBIDDEN,
        )
        .await;
        expect_problem(
            app.get_as("/api/v1/audit.csv", token).await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let anonymous = app
        .client
        .get(app.url("/api/v1/audit"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    expect_problem(
        app.get_as("/api/v1/audit?kind=everything", &admin).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    expect_problem(
        app.get_as("/api/v1/audit?from=yesterday", &admin).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    for (query, field) in [
        ("actor=not-an-id", "actor"),
        ("from=2026-12-05&to=2026-12-01", "to"),
        ("before=12.not-an-id", "before"),
        ("before=garbage", "before"),
        ("limit=0", "limit"),
        ("limit=201", "limit"),
    ] {
        let problem = expect_problem(
            app.get_as(&format!("/api/v1/audit?{query}"), &admin).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let errors = problem.errors;
        assert!(errors.contains_key(field), "{query}: {errors:?}");
    }
    // A refused CSV records no download.
    expect_problem(
        app.get_as("/api/v1/audit.csv?from=2026-12-05&to=2026-12-01", &admin)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(trail(&app, &admin, "kind=export").await.events.is_empty());
}
