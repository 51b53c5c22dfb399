//! Getting back into an account: the mailed, single-use link to choose a new
//! password.

use crate::helpers::*;
use crate::smtp::SmtpServer;
use chrono::Duration;
use endorse_api::config::SmtpUrl;
use endorse_shared::auth::{PasswordResetAccepted, SessionResponse};
use reqwest::StatusCode;
use serde_json::{json, Value};

struct World {
    app: TestApp,
    smtp: SmtpServer,
}

async fn world_with(adjust: impl FnOnce(&mut endorse_api::config::Settings) + 'static) -> World {
    let smtp = SmtpServer::start().await.expect("start SMTP");
    let url = smtp.url();
    let app = spawn_app_with(move |settings| {
        settings.mail.smtp_url = Some(SmtpUrl::parse(&url).expect("smtp url"));
        settings.mail.association_name = "Michigan Association".into();
        adjust(settings);
    })
    .await;
    World { app, smtp }
}

async fn world() -> World {
    world_with(|_| {}).await
}

impl World {
    /// Asks for a link for `email`; the answer's status and body.
    async fn ask(&self, email: &str) -> (StatusCode, Value) {
        let response = self
            .app
            .post("/api/v1/auth/password-reset", &json!({ "email": email }))
            .await;
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Delivers what is due and gives the token of the newest link mailed.
    async fn newest_token(&self) -> String {
        self.app.worker.tick().await.unwrap();
        let mails = self.smtp.messages();
        let text = mails.last().expect("a mail").text();
        token_in(&text).expect("a new-password link")
    }

    async fn confirm(&self, token: &str, password: &str) -> reqwest::Response {
        self.app
            .post(
                "/api/v1/auth/password-reset/confirm",
                &json!({ "token": token, "new_password": password }),
            )
            .await
    }
}

/// The token in a mailed `/reset-password/{token}` link.
fn token_in(text: &str) -> Option<String> {
    let at = text.find("/reset-password/")? + "/reset-password/".len();
    Some(
        text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect(),
    )
}

const NEW_PASSWORD: &str = "a new passphrase for the winter";

#[actix_web::test]
async fn a_forgotten_password_is_replaced_from_the_mailed_link_and_every_other_session_ends() {
    let w = world().await;
    let old = w.app.register("ada@example.org", "Ada Lovelace").await;
    let (status, body) = w.ask("  ADA@example.org ").await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let accepted: PasswordResetAccepted = serde_json::from_value(body).unwrap();
    assert_eq!(accepted.valid_minutes, 60);

    let token = w.newest_token().await;
    let mail = w.smtp.messages().remove(0);
    assert!(
        mail.text().contains("Choose a new password"),
        "{}",
        mail.text()
    );
    assert!(mail.text().contains("60 minutes"));
    // The stored message never holds the link.
    let stored = w
        .app
        .db
        .run(|conn| {
            endorse_api::db::outbox::list(conn, &endorse_shared::mail::OutboxQuery::default())
        })
        .await
        .unwrap();
    // The registration's confirmation (opened, so skipped) and this one.
    assert_eq!(stored.1, 2);
    let body = stored
        .0
        .iter()
        .find(|m| m.kind == "password_reset")
        .expect("the new-password mail");
    assert!(!body.body_text.contains(&token) && !body.body_html.contains(&token));

    let session: SessionResponse =
        expect_json(w.confirm(&token, NEW_PASSWORD).await, StatusCode::OK).await;
    assert_eq!(session.user.email, "ada@example.org");
    // Signed in here; signed out everywhere else at once.
    assert_eq!(
        w.app
            .get_as("/api/v1/me", &session.access_token)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        w.app.get_as("/api/v1/me", &old.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        w.app.login("ada@example.org", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        w.app.login("ada@example.org", NEW_PASSWORD).await.status(),
        StatusCode::OK
    );
    // The link works once.
    let again = expect_problem(
        w.confirm(&token, "yet another long passphrase").await,
        StatusCode::GONE,
    )
    .await;
    let detail = again.detail.unwrap_or_default();
    assert!(detail.contains("no longer works"), "{detail}");
}

#[actix_web::test]
async fn the_answer_is_the_same_whether_or_not_the_address_has_an_account() {
    let w = world().await;
    w.app.register("ada@example.org", "Ada Lovelace").await;
    let known = w.ask("ada@example.org").await;
    let unknown = w.ask("nobody@example.org").await;
    assert_eq!(known, unknown);
    w.app.worker.tick().await.unwrap();
    let mails = w.smtp.messages();
    assert_eq!(mails.len(), 1, "only the account's address gets mail");
    assert!(mails[0].header("to").unwrap().contains("ada@example.org"));
}

#[actix_web::test]
async fn a_newer_link_retires_the_older_and_an_hour_ends_a_link() {
    let w = world().await;
    w.app.register("ada@example.org", "Ada Lovelace").await;
    w.ask("ada@example.org").await;
    let first = w.newest_token().await;
    w.ask("ada@example.org").await;
    let second = w.newest_token().await;
    assert_ne!(first, second);
    expect_problem(w.confirm(&first, NEW_PASSWORD).await, StatusCode::GONE).await;
    expect_json::<SessionResponse>(w.confirm(&second, NEW_PASSWORD).await, StatusCode::OK).await;

    w.ask("ada@example.org").await;
    let third = w.newest_token().await;
    w.app.clock.advance(Duration::minutes(61));
    expect_problem(
        w.confirm(&third, "a third long passphrase").await,
        StatusCode::GONE,
    )
    .await;
}

#[actix_web::test]
async fn a_link_replaced_before_delivery_is_never_sent() {
    let w = world().await;
    w.app.register("ada@example.org", "Ada Lovelace").await;
    w.ask("ada@example.org").await;
    w.ask("ada@example.org").await;
    let round = w.app.worker.tick().await.unwrap();
    // Skipped: the older link, and the registration's confirmation (opened).
    assert_eq!((round.sent, round.skipped), (1, 2));
    assert_eq!(w.smtp.messages().len(), 1);
}

#[actix_web::test]
async fn the_mail_is_in_the_persons_language() {
    let w = world().await;
    let ana = w.app.register("ana@example.org", "Ana Torres").await;
    let chosen = w
        .app
        .put_as(
            "/api/v1/me/language",
            &ana.access_token,
            None,
            &json!({ "language": "es" }),
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);
    w.ask("ana@example.org").await;
    w.newest_token().await;
    let text = w.smtp.messages().remove(0).text();
    assert!(text.contains("Elegir una contraseña nueva"), "{text}");
}

#[actix_web::test]
async fn forged_malformed_and_weak_input_is_refused_and_a_refused_password_keeps_the_link() {
    let w = world().await;
    w.app.register("ada@example.org", "Ada Lovelace").await;
    let (long, accented) = ("A".repeat(43), "é".repeat(60));
    for forged in ["x", long.as_str(), "../../etc/passwd", accented.as_str()] {
        expect_problem(w.confirm(forged, NEW_PASSWORD).await, StatusCode::GONE).await;
    }
    let empty = expect_problem(
        w.confirm("", NEW_PASSWORD).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!empty.field_errors("token").is_empty());
    let bad_email = w
        .app
        .post(
            "/api/v1/auth/password-reset",
            &json!({ "email": "not an address" }),
        )
        .await;
    let problem = expect_problem(bad_email, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(!problem.field_errors("email").is_empty());
    let wrong_shape = w
        .app
        .post("/api/v1/auth/password-reset", &json!({ "email": 42 }))
        .await;
    assert!(wrong_shape.status().is_client_error());

    w.ask("ada@example.org").await;
    let token = w.newest_token().await;
    let short = expect_problem(
        w.confirm(&token, "short").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!short.field_errors("new_password").is_empty());
    let guessable = expect_problem(
        w.confirm(&token, "ada@example.org").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!guessable.field_errors("new_password").is_empty());
    // Still works.
    expect_json::<SessionResponse>(w.confirm(&token, NEW_PASSWORD).await, StatusCode::OK).await;
}

#[actix_web::test]
async fn asking_is_limited_per_email_address_and_per_ip_address() {
    let w = world_with(|settings| settings.rate_limits.password_resets_per_ip = 5).await;
    w.app.register("ada@example.org", "Ada Lovelace").await;
    for _ in 0..3 {
        assert_eq!(w.ask("ada@example.org").await.0, StatusCode::ACCEPTED);
    }
    let refused = w
        .app
        .post(
            "/api/v1/auth/password-reset",
            &json!({ "email": "ada@example.org" }),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    // An unknown address is limited the same way: the limit says nothing.
    for _ in 0..2 {
        assert_eq!(w.ask("nobody@example.org").await.0, StatusCode::ACCEPTED);
    }
    // Five from this IP address in the window, whatever the addresses.
    assert_eq!(
        w.ask("someone@example.org").await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    w.app.worker.tick().await.unwrap();
    assert_eq!(
        w.smtp.messages().len(),
        1,
        "the three links to Ada: the newest only"
    );
}

#[actix_web::test]
async fn twenty_requests_racing_with_one_link_set_one_password() {
    let w = world().await;
    w.app.register("ada@example.org", "Ada Lovelace").await;
    w.ask("ada@example.org").await;
    let token = w.newest_token().await;
    let attempts = (0..20).map(|i| {
        let w = &w;
        let token = token.clone();
        async move {
            w.confirm(&token, &format!("racing passphrase number {i:02}"))
                .await
                .status()
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(won, 1, "{statuses:?}");
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::OK || *s == StatusCode::GONE));
}

#[actix_web::test]
async fn twenty_requests_racing_for_new_links_leave_one_that_works() {
    let w = world_with(|settings| {
        settings.rate_limits.password_resets_per_email = 100;
        settings.rate_limits.password_resets_per_ip = 100;
    })
    .await;
    w.app.register("ada@example.org", "Ada Lovelace").await;
    let asks = (0..20).map(|_| w.ask("ada@example.org"));
    let answers = futures_util::future::join_all(asks).await;
    assert!(
        answers.iter().all(|(s, _)| *s == StatusCode::ACCEPTED),
        "{answers:?}"
    );
    let live: i64 = w
        .app
        .db
        .run(|conn| {
            use diesel::prelude::*;
            use endorse_api::schema::account_links;
            Ok(account_links::table
                .filter(account_links::used_at.is_null())
                .filter(account_links::retired_at.is_null())
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(live, 1, "only the newest link works");
    let round = w.app.worker.tick().await.unwrap();
    // Skipped: 19 retired links and the registration's confirmation.
    assert_eq!((round.sent, round.skipped), (1, 20));
}
