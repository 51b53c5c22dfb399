//! Several server processes against one database behave as one: their rate
//! limits and lock-outs are shared, the schedule runs in one of them at a
//! time, and each message is delivered once however many workers race.

use crate::helpers::*;
use crate::smtp::SmtpServer;
use chrono::Duration;
use endorse_api::config::SmtpUrl;
use endorse_shared::auth::LoginRequest;
use reqwest::StatusCode;
use serde_json::json;

#[actix_web::test]
async fn twenty_wrong_passwords_racing_through_two_processes_count_to_the_limit_and_lock_both() {
    let apps = spawn_processes_with(2, |settings| {
        settings.rate_limits.login_failures_per_ip = 3;
        settings.rate_limits.login_failures_per_account = 100;
    })
    .await;
    apps[0].register("ada@example.org", "Ada Lovelace").await;
    let wrong = LoginRequest {
        email: "ada@example.org".into(),
        password: "not the password at all".into(),
        code: None,
    };
    let attempts = (0..20).map(|i| {
        let app = &apps[i % 2];
        let wrong = &wrong;
        async move { app.post("/api/v1/auth/login", wrong).await.status() }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let limited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (refused, limited),
        (3, 17),
        "exactly the limit's worth of guesses is weighed: {statuses:?}"
    );
    // The lock-out holds in either process, even for the right password.
    for app in &apps {
        let response = app.login("ada@example.org", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(response.headers().contains_key("retry-after"));
    }
    // Once the window has passed, the right password gets in anywhere.
    apps[0].clock.advance(Duration::minutes(16));
    assert_eq!(
        apps[1].login("ada@example.org", PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[actix_web::test]
async fn a_right_password_gives_its_slot_back_in_every_process() {
    let apps = spawn_processes_with(2, |settings| {
        settings.rate_limits.login_failures_per_ip = 2;
    })
    .await;
    apps[0].register("ada@example.org", "Ada Lovelace").await;
    // Far more sign-ins than the limit, all right: none counts as a failure.
    for round in 0..6 {
        let response = apps[round % 2].login("ada@example.org", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in {round}");
    }
}

#[actix_web::test]
async fn registrations_are_limited_per_address_across_processes() {
    let apps = spawn_processes_with(2, |settings| {
        settings.rate_limits.registrations_per_ip = 3;
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let response = apps[i % 2]
            .post(
                "/api/v1/auth/register",
                &json!({
                    "email": format!("person{i}@example.org"),
                    "name": format!("Person {i}"),
                    "password": PASSWORD,
                }),
            )
            .await;
        statuses.push(response.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
        ]
    );
}

#[actix_web::test]
async fn the_schedule_runs_in_one_process_at_a_time_and_another_takes_over_when_it_stops() {
    let apps = spawn_processes_with(2, |_| {}).await;
    let (a, b) = futures_util::join!(apps[0].worker.tick(), apps[1].worker.tick());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(
        a.scheduled != b.scheduled,
        "exactly one ran the schedule: {a:?} {b:?}"
    );
    let (holder, other) = if a.scheduled { (0, 1) } else { (1, 0) };
    // The holder keeps it round after round; the other skips.
    for _ in 0..3 {
        assert!(apps[holder].worker.tick().await.unwrap().scheduled);
        assert!(!apps[other].worker.tick().await.unwrap().scheduled);
    }
    // The holder stops; once its lease lapses, the other takes over.
    apps[0]
        .clock
        .advance(endorse_api::mail::worker::SCHEDULE_LEASE + Duration::seconds(1));
    assert!(apps[other].worker.tick().await.unwrap().scheduled);
    assert!(!apps[holder].worker.tick().await.unwrap().scheduled);
}

#[actix_web::test]
async fn two_workers_racing_deliver_each_message_once() {
    let smtp = SmtpServer::start().await.expect("start SMTP");
    let url = smtp.url();
    let apps = spawn_processes_with(2, move |settings| {
        settings.mail.smtp_url = Some(SmtpUrl::parse(&url).expect("smtp url"));
    })
    .await;
    let applicant = apps[0].register("ada@example.org", "Ada Lovelace").await;
    const REQUESTS: usize = 6;
    for i in 0..REQUESTS {
        let response = apps[i % 2]
            .post_as(
                "/api/v1/references",
                &applicant.access_token,
                &json!({
                    "category": "IFS",
                    "referee_name": format!("Referee {i}"),
                    "referee_email": format!("referee{i}@example.org"),
                    "relationship": "current_supervisor",
                    "endorsement": { "category": "IMHM-C", "number": "MI-IMHM-C-2019-0007" },
                    "known_since": "2019-03-01",
                    "waive_access": true,
                }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let (a, b) = futures_util::join!(apps[0].worker.tick(), apps[1].worker.tick());
    let sent = a.unwrap().sent + b.unwrap().sent;
    let (c, d) = futures_util::join!(apps[0].worker.tick(), apps[1].worker.tick());
    assert_eq!(sent + c.unwrap().sent + d.unwrap().sent, REQUESTS);
    let received = smtp
        .wait_for(REQUESTS, std::time::Duration::from_secs(10))
        .await;
    let mut to: Vec<String> = received.iter().filter_map(|m| m.header("To")).collect();
    to.sort();
    to.dedup();
    assert_eq!(received.len(), REQUESTS, "no message went twice");
    assert_eq!(to.len(), REQUESTS, "every referee got theirs");
}

#[actix_web::test]
async fn processes_starting_together_on_a_new_database_all_start() {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let (database, url) = TestDatabase::create(data_dir.path());
    let settings = test_settings(data_dir.path(), url);
    // Four start-ups at once: the platform's migrations, the first
    // association, each association's migrations, role and grants.
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let settings = settings.clone();
            std::thread::spawn(move || {
                let associations = endorse_api::tenancy::Associations::open(&settings)?;
                associations.prepare_all(&settings, &endorse_api::clock::SystemClock)
            })
        })
        .collect();
    for start in starts {
        let prepared = start
            .join()
            .expect("a thread")
            .expect("every process starts");
        assert_eq!(prepared.len(), 1, "one first association");
    }
    drop(database);
}
