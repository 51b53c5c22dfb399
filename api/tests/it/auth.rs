//! Registration, sign-in, refresh rotation, sign-out and rate limiting.

use crate::helpers::*;
use endorse_shared::auth::{SessionResponse, REFRESH_COOKIE};
use endorse_shared::users::UserResponse;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

#[actix_web::test]
async fn registration_creates_an_applicant_and_signs_them_in() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/auth/register",
            &json!({ "email": "  Ada@Example.ORG ", "name": " Ada Lovelace ", "password": PASSWORD }),
        )
        .await;
    let cookie = response
        .cookies()
        .find(|c| c.name() == REFRESH_COOKIE)
        .expect("refresh cookie");
    assert!(cookie.http_only());
    assert_eq!(cookie.path(), Some("/api/v1/auth"));
    assert!(cookie.same_site_strict());
    let session: SessionResponse = expect_json(response, StatusCode::CREATED).await;
    assert_eq!(session.user.email, "ada@example.org");
    assert_eq!(session.user.name, "Ada Lovelace");
    assert_eq!(session.user.role, Role::Applicant);
    assert_eq!(session.token_type, "Bearer");
    assert_eq!(session.expires_in, 15 * 60);

    let me: UserResponse = expect_json(
        app.get_as("/api/v1/me", &session.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(me, session.user);
}

#[actix_web::test]
async fn registration_cannot_choose_a_role() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/auth/register",
            &json!({ "email": "eve@example.org", "name": "Eve", "password": PASSWORD, "role": "admin" }),
        )
        .await;
    let session: SessionResponse = expect_json(response, StatusCode::CREATED).await;
    assert_eq!(session.user.role, Role::Applicant);
}

#[actix_web::test]
async fn registration_with_bad_fields_names_each_field() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/auth/register",
            &json!({ "email": "not an address", "name": "   ", "password": "short" }),
        )
        .await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem.field_errors("email"),
        ["must be a valid e-mail address"]
    );
    assert_eq!(problem.field_errors("name"), ["must not be blank"]);
    assert_eq!(
        problem.field_errors("password"),
        ["must be between 12 and 128 characters"]
    );
}

#[actix_web::test]
async fn registering_a_taken_email_in_any_case_is_a_conflict() {
    let app = spawn_app().await;
    app.register("grace@example.org", "Grace Hopper").await;
    let response = app
        .post(
            "/api/v1/auth/register",
            &json!({ "email": "GRACE@example.org", "name": "Someone Else", "password": PASSWORD }),
        )
        .await;
    let problem = expect_problem(response, StatusCode::CONFLICT).await;
    assert!(problem.message().contains("already exists"), "{problem:?}");
}

#[actix_web::test]
async fn sign_in_succeeds_with_the_right_password_in_any_email_case() {
    let app = spawn_app().await;
    let registered = app.register("ada@example.org", "Ada").await;
    let session: SessionResponse =
        expect_json(app.login("ADA@example.org", PASSWORD).await, StatusCode::OK).await;
    assert_eq!(session.user.id, registered.user.id);
}

#[actix_web::test]
async fn sign_in_answers_alike_for_an_unknown_email_and_a_wrong_password() {
    let app = spawn_app().await;
    app.register("ada@example.org", "Ada").await;
    let wrong_password = expect_problem(
        app.login("ada@example.org", "not the password at all")
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown_email = expect_problem(
        app.login("nobody@example.org", "not the password at all")
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong_password.detail, unknown_email.detail);
    assert_eq!(wrong_password.title, unknown_email.title);
}

#[actix_web::test]
async fn refresh_rotates_the_token_and_a_reused_one_ends_the_whole_family() {
    let app = spawn_app().await;
    let registered = app.register("ada@example.org", "Ada").await;
    let first_cookie = current_refresh_cookie(&app).await;

    let refreshed: SessionResponse =
        expect_json(app.post_empty("/api/v1/auth/refresh").await, StatusCode::OK).await;
    assert_eq!(refreshed.user.id, registered.user.id);
    let second_cookie = current_refresh_cookie(&app).await;
    assert_ne!(first_cookie, second_cookie, "refresh must rotate the token");

    // An attacker replays the first (already rotated) token…
    let thief = new_client();
    let replay = thief
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", format!("{REFRESH_COOKIE}={first_cookie}"))
        .send()
        .await
        .unwrap();
    expect_problem(replay, StatusCode::UNAUTHORIZED).await;

    // …and the legitimate holder's current token dies with the family.
    expect_problem(
        app.post_empty("/api/v1/auth/refresh").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[actix_web::test]
async fn refresh_without_a_cookie_or_with_a_made_up_one_is_refused() {
    let app = spawn_app().await;
    expect_problem(
        app.post_empty("/api/v1/auth/refresh").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let forged = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", format!("{REFRESH_COOKIE}=made-up-token"))
        .send()
        .await
        .unwrap();
    expect_problem(forged, StatusCode::UNAUTHORIZED).await;
}

#[actix_web::test]
async fn sign_out_revokes_the_refresh_token_and_clears_the_cookie() {
    let app = spawn_app().await;
    app.register("ada@example.org", "Ada").await;
    let cookie = current_refresh_cookie(&app).await;
    let response = app.post_empty("/api/v1/auth/logout").await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cleared = response
        .cookies()
        .find(|c| c.name() == REFRESH_COOKIE)
        .expect("a removal cookie");
    assert_eq!(cleared.value(), "");

    let replay = new_client()
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", format!("{REFRESH_COOKIE}={cookie}"))
        .send()
        .await
        .unwrap();
    expect_problem(replay, StatusCode::UNAUTHORIZED).await;
}

#[actix_web::test]
async fn signing_out_ends_the_sessions_access_token_at_once() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada").await;
    let token = session.access_token;
    assert_eq!(
        app.get_as("/api/v1/me", &token).await.status(),
        StatusCode::OK
    );
    let response = app.post_empty("/api/v1/auth/logout").await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let problem = expect_problem(
        app.get_as("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert!(problem.message().contains("ended"), "{problem:?}");
}

#[actix_web::test]
async fn changing_the_password_ends_every_other_sessions_access_token() {
    let app = spawn_app().await;
    app.register("ada@example.org", "Ada").await;
    // A second sign-in elsewhere (another browser).
    let elsewhere = new_client();
    let other: endorse_shared::auth::SessionResponse = expect_json(
        elsewhere
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({ "email": "ada@example.org", "password": PASSWORD }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    let here: endorse_shared::auth::SessionResponse =
        expect_json(app.login("ada@example.org", PASSWORD).await, StatusCode::OK).await;
    let changed: endorse_shared::auth::SessionResponse = expect_json(
        app.post_as(
            "/api/v1/me/password",
            &here.access_token,
            &json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase 2026" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    for ended in [&other.access_token, &here.access_token] {
        expect_problem(
            app.get_as("/api/v1/me", ended).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    assert_eq!(
        app.get_as("/api/v1/me", &changed.access_token)
            .await
            .status(),
        StatusCode::OK
    );
}

#[actix_web::test]
async fn repeated_failed_sign_ins_for_one_account_are_slowed_down() {
    let app = spawn_app().await;
    app.register("ada@example.org", "Ada").await;
    for _ in 0..5 {
        expect_problem(
            app.login("ada@example.org", "wrong password here").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    let response = app.login("ada@example.org", PASSWORD).await;
    let retry_after: u64 = response
        .headers()
        .get("retry-after")
        .expect("Retry-After header")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 0 && retry_after <= 15 * 60, "{retry_after}");
    expect_problem(response, StatusCode::TOO_MANY_REQUESTS).await;
}

async fn login_from(app: &TestApp, address: &str, password: &str) -> reqwest::Response {
    new_client()
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", address)
        .json(&json!({ "email": "ada@example.org", "password": password }))
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn a_stranger_failing_from_elsewhere_cannot_lock_a_person_out() {
    let app = spawn_app_with(|settings| {
        settings.trusted_proxies =
            endorse_api::config::TrustedProxies::parse("127.0.0.1, ::1").unwrap()
    })
    .await;
    app.register("ada@example.org", "Ada").await;
    for _ in 0..6 {
        let refused = login_from(&app, "203.0.113.5", "wrong password here").await;
        assert!(
            [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(&refused.status()),
            "{}",
            refused.status()
        );
    }
    // The attacker's address is slowed down, even with the right password…
    let attacker = login_from(&app, "203.0.113.5", PASSWORD).await;
    assert_eq!(attacker.status(), StatusCode::TOO_MANY_REQUESTS);
    // …but Ada, from her own address, gets in.
    let ada = login_from(&app, "198.51.100.9", PASSWORD).await;
    assert_eq!(ada.status(), StatusCode::OK);
}

#[actix_web::test]
async fn forwarded_addresses_are_not_believed_from_an_untrusted_peer() {
    let app = spawn_app().await;
    app.register("ada@example.org", "Ada").await;
    for n in 0..5 {
        // A new made-up address every time changes nothing: the socket peer counts.
        let address = format!("203.0.113.{n}");
        login_from(&app, &address, "wrong password here").await;
    }
    let refused = login_from(&app, "198.51.100.9", PASSWORD).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn repeated_failed_sign_ins_from_one_address_are_slowed_down_across_accounts() {
    let app = spawn_app_with(|settings| settings.rate_limits.login_failures_per_ip = 3).await;
    for n in 0..3 {
        let email = format!("guess{n}@example.org");
        expect_problem(
            app.login(&email, "wrong password here").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    expect_problem(
        app.login("another@example.org", "wrong password").await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
}

#[actix_web::test]
async fn registrations_from_one_address_are_limited() {
    let app = spawn_app_with(|settings| settings.rate_limits.registrations_per_ip = 2).await;
    app.register("one@example.org", "One").await;
    app.register("two@example.org", "Two").await;
    let response = app
        .post(
            "/api/v1/auth/register",
            &json!({ "email": "three@example.org", "name": "Three", "password": PASSWORD }),
        )
        .await;
    expect_problem(response, StatusCode::TOO_MANY_REQUESTS).await;
}

async fn current_refresh_cookie(app: &TestApp) -> String {
    app.refresh_cookie().expect("a refresh cookie in the jar")
}
