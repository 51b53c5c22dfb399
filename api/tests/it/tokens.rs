//! Access tokens: expired, tampered, unsigned and missing ones are refused.

use crate::helpers::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::json;

fn forge(claims: serde_json::Value, secret: &str) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

#[actix_web::test]
async fn an_expired_access_token_is_refused() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada").await;
    let now = chrono::Utc::now().timestamp();
    let token = forge(
        json!({ "sub": session.user.id, "role": "applicant", "iss": "endorse", "sid": "a-session", "iat": now - 3600, "exp": now - 1800 }),
        JWT_SECRET,
    );
    let problem = expect_problem(
        app.get_as("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert!(problem.message().contains("expired"), "{problem:?}");
}

#[actix_web::test]
async fn a_token_signed_with_another_secret_is_refused() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada").await;
    let now = chrono::Utc::now().timestamp();
    let token = forge(
        json!({ "sub": session.user.id, "role": "admin", "iss": "endorse", "sid": "a-session", "iat": now, "exp": now + 600 }),
        "another-secret-that-is-at-least-32-bytes",
    );
    expect_problem(
        app.get_as("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[actix_web::test]
async fn a_token_whose_payload_was_edited_is_refused() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada").await;
    let parts: Vec<&str> = session.access_token.split('.').collect();
    let mut payload: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    payload["role"] = json!("admin");
    let edited = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&payload).unwrap());
    let token = format!("{}.{}.{}", parts[0], edited, parts[2]);
    expect_problem(
        app.get_as("/api/v1/users", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[actix_web::test]
async fn an_unsigned_alg_none_token_is_refused() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada").await;
    let now = chrono::Utc::now().timestamp();
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(&json!({
            "sub": session.user.id, "role": "admin", "iss": "endorse", "sid": "a-session", "iat": now, "exp": now + 600
        }))
        .unwrap(),
    );
    for token in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        expect_problem(
            app.get_as("/api/v1/me", &token).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
}

#[actix_web::test]
async fn a_missing_or_malformed_authorization_header_is_refused() {
    let app = spawn_app().await;
    let missing = app.client.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(missing.headers().get("www-authenticate").unwrap(), "Bearer");
    expect_problem(missing, StatusCode::UNAUTHORIZED).await;
    for value in ["Basic YWRhOnB3", "Bearer", "Bearer not-a-jwt", "token"] {
        let response = app
            .client
            .get(app.url("/api/v1/me"))
            .header("authorization", value)
            .send()
            .await
            .unwrap();
        expect_problem(response, StatusCode::UNAUTHORIZED).await;
    }
}

#[actix_web::test]
async fn a_token_of_a_deleted_account_is_refused() {
    let app = spawn_app().await;
    let now = chrono::Utc::now().timestamp();
    let token = forge(
        json!({ "sub": uuid::Uuid::new_v4(), "role": "admin", "iss": "endorse", "sid": "a-session", "iat": now, "exp": now + 600 }),
        JWT_SECRET,
    );
    expect_problem(
        app.get_as("/api/v1/users", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}
