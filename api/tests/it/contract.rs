//! The HTTP contract: problem documents for bad input, probes, and the committed
//! OpenAPI document.

use crate::helpers::*;
use reqwest::StatusCode;

#[actix_web::test]
async fn malformed_json_is_a_400_problem() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("content-type", "application/json")
        .body(r#"{"email": "ada@example.org", "#)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, StatusCode::BAD_REQUEST).await;
    assert!(problem.message().contains("not valid JSON"), "{problem:?}");
}

#[actix_web::test]
async fn json_of_the_wrong_shape_is_a_400_naming_the_problem() {
    let app = spawn_app().await;
    let response = app
        .post("/api/v1/auth/register", &serde_json::json!({ "email": 42 }))
        .await;
    let problem = expect_problem(response, StatusCode::BAD_REQUEST).await;
    assert!(
        problem.message().contains("expected a string"),
        "{problem:?}"
    );
}

#[actix_web::test]
async fn a_body_that_is_not_json_is_a_415() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("email=ada")
        .send()
        .await
        .unwrap();
    expect_problem(response, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
}

#[actix_web::test]
async fn an_oversized_body_is_a_413() {
    let app = spawn_app().await;
    let huge = "x".repeat(200 * 1024);
    let response = app
        .post(
            "/api/v1/auth/register",
            &serde_json::json!({ "email": "ada@example.org", "name": huge, "password": PASSWORD }),
        )
        .await;
    expect_problem(response, StatusCode::PAYLOAD_TOO_LARGE).await;
}

#[actix_web::test]
async fn an_unknown_api_route_is_a_404_problem() {
    let app = spawn_app().await;
    for path in ["/api/v1/nothing-here", "/api/v2/users", "/api/v1/users/x/y"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        let problem = expect_problem(response, StatusCode::NOT_FOUND).await;
        assert!(problem.message().contains(path), "{problem:?}");
    }
}

#[actix_web::test]
async fn the_probes_answer() {
    let app = spawn_app().await;
    for path in ["/healthz", "/readyz"] {
        let body: serde_json::Value = expect_json(
            app.client.get(app.url(path)).send().await.unwrap(),
            StatusCode::OK,
        )
        .await;
        assert_eq!(body["status"], "ok");
    }
}

#[actix_web::test]
async fn the_live_openapi_document_and_swagger_ui_are_served() {
    let app = spawn_app().await;
    let doc: serde_json::Value = expect_json(
        app.client
            .get(app.url("/api/openapi.json"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(doc["paths"]["/api/v1/auth/login"]["post"].is_object());
    let bare = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(
        bare.url().path(),
        "/api/docs/",
        "the bare path redirects to the UI"
    );
    let ui = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(ui.status(), StatusCode::OK);
    assert!(
        ui.text().await.unwrap().contains("swagger"),
        "Swagger UI page"
    );
}

#[test]
fn the_committed_openapi_document_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let current = endorse_api::openapi::document_json();
    assert!(
        committed == current,
        "openapi/openapi.json is stale: run `cargo xtask openapi` and commit the result"
    );
}
