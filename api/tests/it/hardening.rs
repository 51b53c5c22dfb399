//! What every response and request is held to: the Content-Security-Policy
//! on every HTML page, no caching of personal JSON, HSTS behind https, and
//! refusals (422, naming the field) for NUL characters and invisible format
//! characters in names and file names, on both backends.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

/// Uploads a small PDF under `name` (already URL-encoded).
async fn upload(app: &TestApp, token: &str, name: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/me/documents?name={name}")))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(b"%PDF-1.7\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn every_html_page_carries_the_content_security_policy() {
    let app_dir = tempfile::tempdir().unwrap();
    std::fs::write(
        app_dir.path().join("index.html"),
        "<!doctype html><html lang=\"en\"><title>Endorse</title></html>",
    )
    .unwrap();
    let dir = app_dir.path().to_path_buf();
    let app = spawn_app_with(move |settings| settings.static_dir = dir).await;
    for path in [
        "/",
        "/index.html",
        "/portfolio",
        "/verify/AL-IFS-2026-0001",
        "/api/docs/",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            content_type.starts_with("text/html"),
            "{path}: {content_type}"
        );
        let policy = response
            .headers()
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path} has no Content-Security-Policy"))
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
    }
}

#[actix_web::test]
async fn personal_json_is_never_cached_and_https_gets_hsts() {
    let app = spawn_app_with(|settings| {
        settings.public_url = "https://endorse.example.org".into();
    })
    .await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    for path in ["/api/v1/me", "/api/v1/me/portfolio", "/api/v1/references"] {
        let response = app.get_as(path, &session.access_token).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        assert!(
            response.headers()["strict-transport-security"]
                .to_str()
                .unwrap()
                .starts_with("max-age="),
            "{path}"
        );
    }
    // A problem answer is not cached either.
    let missing = app
        .get_as("/api/v1/me/applications/nope", &session.access_token)
        .await;
    assert_eq!(missing.headers()["cache-control"], "no-store");
    // Without https there is no HSTS.
    let plain = spawn_app().await;
    let response = plain
        .client
        .get(plain.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert!(response
        .headers()
        .get("strict-transport-security")
        .is_none());
}

#[actix_web::test]
async fn nul_characters_are_refused_with_422_and_nothing_is_stored() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let token = &session.access_token;
    // In a JSON body, anywhere.
    let body = r#"{ "section": "training", "data": { "title": "Found\u0000ations",
        "provider": "Institute", "date": "2024-03-01", "hours": 2, "domains": ["reflection"], "topics": [] } }"#;
    let response = app
        .client
        .post(app.url("/api/v1/me/portfolio/training"))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(problem.errors.contains_key("body"), "{problem:?}");
    // A backslash before "u0000" is text, and goes through.
    let text = body.replace(r"\u0000", r"\\u0000");
    let response = app
        .client
        .post(app.url("/api/v1/me/portfolio/training"))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(text)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    // In a query string or a path.
    for path in ["/api/v1/registry?q=Ada%00", "/api/v1/credentials/AL%00IFS"] {
        let response = app.get_as(path, token).await;
        let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(!problem.errors.is_empty(), "{path}");
    }
    let response = upload(&app, token, "cv%00.pdf").await;
    expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[actix_web::test]
async fn names_and_file_names_with_invisible_characters_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/auth/register",
            &json!({ "email": "eve@example.org", "name": "Eve\u{202E}yrallim", "password": PASSWORD }),
        )
        .await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        problem.errors["name"][0].contains("invisible"),
        "{problem:?}"
    );
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let token = &session.access_token;
    let response = app
        .post_as(
            "/api/v1/references",
            token,
            &json!({
                "category": "IFS", "referee_name": "Sam\u{200B}Rivera", "referee_email": "sam@example.org",
                "relationship": "colleague", "endorsement": null, "known_since": "2019-03-01", "waive_access": true,
            }),
        )
        .await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(problem.errors.contains_key("referee_name"), "{problem:?}");
    let response = upload(&app, token, "cv%E2%80%AEfdp.exe").await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(problem.errors.contains_key("name"), "{problem:?}");
    let stored: serde_json::Value = expect_json(
        app.get_as("/api/v1/me/documents", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(stored.as_array().map(Vec::len), Some(0));
}

#[actix_web::test]
async fn passwords_that_are_easy_to_guess_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/auth/register",
            &json!({ "email": "ada@example.org", "name": "Ada Lovelace", "password": "adalovelace1815" }),
        )
        .await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        problem.errors["password"][0].contains("too easy to guess"),
        "{problem:?}"
    );
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let response = app
        .post_as(
            "/api/v1/me/password",
            &session.access_token,
            &json!({ "current_password": PASSWORD, "new_password": "password12345" }),
        )
        .await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(problem.errors.contains_key("new_password"), "{problem:?}");
}
