//! The second factor: turned on with a code from the app, asked for at
//! sign-in once the password is right, each code taken once (replays and
//! racing requests refused), recovery codes once each, turned off with
//! proof, required of admins where the deployment says so, reset by an
//! admin, and every step in the audit trail.

use crate::helpers::*;
use endorse_api::auth::mfa::{code_at, key_from_base32, AdminMfa};
use endorse_api::clock::Clock as _;
use endorse_shared::auth::SessionResponse;
use endorse_shared::mfa::{MfaSetup, MfaStatus, RecoveryCodes};
use endorse_shared::trail::TrailPage;
use endorse_shared::users::UserResponse;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Sets up and turns on a second factor for the account of `token`;
/// answers its key and recovery codes. The clock then moves a step on, so
/// the next code is not the one taken here.
async fn enroll(app: &TestApp, token: &str) -> (Vec<u8>, Vec<String>) {
    let setup: MfaSetup = expect_json(
        app.post_as(
            "/api/v1/me/mfa/setup",
            token,
            &json!({ "password": PASSWORD }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let key = key_from_base32(&setup.secret).expect("a Base32 key");
    let codes: RecoveryCodes = expect_json(
        app.post_as(
            "/api/v1/me/mfa",
            token,
            &json!({ "code": code_at(&key, app.clock.now()) }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.clock.advance(chrono::Duration::seconds(30));
    (key, codes.recovery_codes)
}

async fn login_with(app: &TestApp, email: &str, code: Option<&str>) -> reqwest::Response {
    app.post(
        "/api/v1/auth/login",
        &json!({ "email": email, "password": PASSWORD, "code": code }),
    )
    .await
}

async fn status(app: &TestApp, token: &str) -> MfaStatus {
    expect_json(app.get_as("/api/v1/me/mfa", token).await, StatusCode::OK).await
}

#[actix_web::test]
async fn a_second_factor_is_turned_on_with_a_code_and_then_asked_for_at_sign_in() {
    let app = spawn_app().await;
    let token = app.user_with_role(Role::Reviewer, "rita@example.org").await;
    assert!(!status(&app, &token).await.enabled);

    // The password first; a wrong one is refused by name.
    let wrong = expect_problem(
        app.post_as(
            "/api/v1/me/mfa/setup",
            &token,
            &json!({ "password": "not it at all" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(wrong.errors.contains_key("password"));
    // Confirming before any key is set up says so.
    expect_problem(
        app.post_as("/api/v1/me/mfa", &token, &json!({ "code": "123456" }))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    let setup: MfaSetup = expect_json(
        app.post_as(
            "/api/v1/me/mfa/setup",
            &token,
            &json!({ "password": PASSWORD }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(setup.otpauth_uri.starts_with("otpauth://totp/"));
    assert!(setup.qr_svg.contains("<svg"));
    let key = key_from_base32(&setup.secret).unwrap();
    // Until a code confirms it, sign-in is as before.
    expect_json::<SessionResponse>(
        app.login("rita@example.org", PASSWORD).await,
        StatusCode::OK,
    )
    .await;
    // A code of another key, or none of this one's, is refused.
    for code in ["000000", "12345", "abcdef"] {
        let refused = expect_problem(
            app.post_as("/api/v1/me/mfa", &token, &json!({ "code": code }))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(refused.errors.contains_key("code"), "{code}");
    }
    let enrolling_code = code_at(&key, app.clock.now());
    let codes: RecoveryCodes = expect_json(
        app.post_as("/api/v1/me/mfa", &token, &json!({ "code": enrolling_code }))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(codes.recovery_codes.len(), 10);
    let now_on = status(&app, &token).await;
    assert!(now_on.enabled);
    assert_eq!(now_on.recovery_codes_left, 10);
    assert!(!now_on.required);
    let me: UserResponse =
        expect_json(app.get_as("/api/v1/me", &token).await, StatusCode::OK).await;
    assert!(me.mfa_enabled);
    // Set up again once on: refused, the key kept.
    expect_problem(
        app.post_as(
            "/api/v1/me/mfa/setup",
            &token,
            &json!({ "password": PASSWORD }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;

    // The password alone is not enough now: the code is asked for, by name.
    let asked = expect_problem(
        login_with(&app, "rita@example.org", None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(asked.kind, "/problems/second-factor");
    assert!(asked.errors.contains_key("code"));
    // A wrong password with a right code is just a wrong password.
    let code = code_at(&key, app.clock.now());
    let wrong_password = expect_problem(
        app.post(
            "/api/v1/auth/login",
            &json!({ "email": "rita@example.org", "password": "not it", "code": code }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong_password.kind, "/problems/unauthorized");
    // The code that turned it on was taken: it does not sign in (a replay).
    let replayed = expect_problem(
        login_with(&app, "rita@example.org", Some(&enrolling_code)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(replayed.kind, "/problems/second-factor");
    // The next step's code signs in, once.
    app.clock.advance(chrono::Duration::seconds(30));
    let code = code_at(&key, app.clock.now());
    expect_json::<SessionResponse>(
        login_with(&app, "rita@example.org", Some(&code)).await,
        StatusCode::OK,
    )
    .await;
    expect_problem(
        login_with(&app, "rita@example.org", Some(&code)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // A code from two minutes ago is too old, even unused.
    let old = code_at(&key, app.clock.now() - chrono::Duration::seconds(120));
    app.clock.advance(chrono::Duration::seconds(30));
    expect_problem(
        login_with(&app, "rita@example.org", Some(&old)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // A recovery code, however typed, signs in once.
    let recovery = codes.recovery_codes[0].to_uppercase().replace('-', " ");
    expect_json::<SessionResponse>(
        login_with(&app, "rita@example.org", Some(&recovery)).await,
        StatusCode::OK,
    )
    .await;
    expect_problem(
        login_with(&app, "rita@example.org", Some(&codes.recovery_codes[0])).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(status(&app, &token).await.recovery_codes_left, 9);

    // New recovery codes retire the old ones.
    let renewed: RecoveryCodes = expect_json(
        app.post_as(
            "/api/v1/me/mfa/recovery-codes",
            &token,
            &json!({ "password": PASSWORD, "code": codes.recovery_codes[1] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    expect_problem(
        login_with(&app, "rita@example.org", Some(&codes.recovery_codes[2])).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(status(&app, &token).await.recovery_codes_left, 10);

    // Off: only with the password and a code.
    let refused = expect_problem(
        app.delete_json_as(
            "/api/v1/me/mfa",
            &token,
            &json!({ "password": PASSWORD, "code": "000000" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(refused.errors.contains_key("code"));
    let off: MfaStatus = expect_json(
        app.delete_json_as(
            "/api/v1/me/mfa",
            &token,
            &json!({ "password": PASSWORD, "code": renewed.recovery_codes[0] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(!off.enabled);
    expect_json::<SessionResponse>(
        app.login("rita@example.org", PASSWORD).await,
        StatusCode::OK,
    )
    .await;

    // Each step is in the trail.
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let trail: TrailPage = expect_json(
        app.get_as(&format!("/api/v1/audit?subject={}", me.id), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = trail.events.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "mfa_enrolled",
        "recovery_code_used",
        "recovery_codes_renewed",
        "mfa_turned_off",
    ] {
        assert!(actions.contains(&action), "{action} missing: {actions:?}");
    }
}

#[actix_web::test]
async fn twenty_sign_ins_racing_with_one_code_let_one_in() {
    let app = spawn_app_with(|settings| {
        settings.rate_limits.login_failures_per_ip = 100;
        settings.rate_limits.login_failures_per_account = 100;
    })
    .await;
    let token = app.user_with_role(Role::Admin, "admin@example.org").await;
    let (key, recovery) = enroll(&app, &token).await;
    let code = code_at(&key, app.clock.now());
    let attempts = (0..20).map(|_| login_with(&app, "admin@example.org", Some(&code)));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.status())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::OK || *s == StatusCode::UNAUTHORIZED));
    // And one recovery code, raced, signs in once.
    let attempts = (0..20).map(|_| login_with(&app, "admin@example.org", Some(&recovery[3])));
    let won = futures_util::future::join_all(attempts)
        .await
        .into_iter()
        .filter(|r| r.status() == StatusCode::OK)
        .count();
    assert_eq!(won, 1);
}

#[actix_web::test]
async fn wrong_codes_count_as_failed_sign_ins() {
    let app = spawn_app_with(|settings| {
        settings.rate_limits.login_failures_per_account = 3;
    })
    .await;
    let token = app.user_with_role(Role::Reviewer, "rita@example.org").await;
    enroll(&app, &token).await;
    for _ in 0..3 {
        expect_problem(
            login_with(&app, "rita@example.org", Some("000000")).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    expect_problem(
        login_with(&app, "rita@example.org", Some("000000")).await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
}

#[actix_web::test]
async fn where_required_an_admin_enrolls_before_any_admin_page_answers() {
    let app = spawn_app_with(|settings| settings.admin_mfa = AdminMfa::Required).await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let refused = expect_problem(
        app.get_as("/api/v1/users", &admin).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.kind, "/problems/second-factor-enrollment");
    // Their own account still answers, and says it is required.
    let before = status(&app, &admin).await;
    assert!(before.required && !before.enabled);
    expect_json::<UserResponse>(app.get_as("/api/v1/me", &admin).await, StatusCode::OK).await;
    let (key, _) = enroll(&app, &admin).await;
    expect_json::<serde_json::Value>(app.get_as("/api/v1/users", &admin).await, StatusCode::OK)
        .await;
    // And it stays on.
    let code = code_at(&key, app.clock.now());
    expect_problem(
        app.delete_json_as(
            "/api/v1/me/mfa",
            &admin,
            &json!({ "password": PASSWORD, "code": code }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    // Applicants and reviewers are not asked.
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    assert!(!status(&app, &ada.access_token).await.required);
}

#[actix_web::test]
async fn an_admin_resets_a_lost_second_factor_with_a_reason() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let reviewer = app.user_with_role(Role::Reviewer, "rita@example.org").await;
    let rita: UserResponse =
        expect_json(app.get_as("/api/v1/me", &reviewer).await, StatusCode::OK).await;
    let me: UserResponse =
        expect_json(app.get_as("/api/v1/me", &admin).await, StatusCode::OK).await;
    let path = format!("/api/v1/users/{}/mfa/reset", rita.id);
    // Nothing to reset yet.
    expect_problem(
        app.post_as(&path, &admin, &json!({ "reason": "Lost her phone" }))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    enroll(&app, &reviewer).await;
    // Only admins; a reason is needed; never one's own.
    expect_problem(
        app.post_as(&path, &reviewer, &json!({ "reason": "Lost my phone" }))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let blank = expect_problem(
        app.post_as(&path, &admin, &json!({ "reason": "  " })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(blank.errors.contains_key("reason"));
    expect_problem(
        app.post_as(
            &format!("/api/v1/users/{}/mfa/reset", me.id),
            &admin,
            &json!({ "reason": "Mine" }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    expect_problem(
        app.post_as(
            &format!("/api/v1/users/{}/mfa/reset", uuid::Uuid::new_v4()),
            &admin,
            &json!({ "reason": "Nobody" }),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let reset: UserResponse = expect_json(
        app.post_as(&path, &admin, &json!({ "reason": "Lost her phone" }))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(!reset.mfa_enabled);
    // Her sessions ended; the password alone signs her in now.
    expect_problem(
        app.get_as("/api/v1/me", &reviewer).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    expect_json::<SessionResponse>(
        app.login("rita@example.org", PASSWORD).await,
        StatusCode::OK,
    )
    .await;
    let trail: TrailPage = expect_json(
        app.get_as("/api/v1/audit?action=mfa_reset", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(trail.events.len(), 1);
    assert_eq!(trail.events[0].actor_id, Some(me.id));
    assert!(trail.events[0].details.contains("Lost her phone"));
}
