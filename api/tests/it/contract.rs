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

/// The committed API document, parsed.
fn document() -> serde_json::Value {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_operation_documents_the_statuses_the_shared_machinery_can_answer() {
    let doc = document();
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            let mut need = vec!["422", "503"];
            if operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty())
            {
                need.extend(["401", "403"]);
            }
            if operation.get("requestBody").is_some() {
                need.extend(["400", "413", "415"]);
            }
            let parameters = operation["parameters"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if parameters.iter().any(|p| p["in"] == "path") {
                need.push("404");
            }
            if parameters.iter().any(|p| p["in"] == "query") {
                need.push("400");
            }
            if parameters.iter().any(|p| {
                p["name"]
                    .as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case("if-match"))
            }) {
                need.extend(["412", "428"]);
            }
            for status in need {
                if !responses.contains_key(status) {
                    missing.push(format!("{method} {path}: {status}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
}

#[test]
fn request_schemas_carry_the_limits_the_validators_enforce() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let register = &schemas["RegisterRequest"]["properties"];
    assert_eq!(register["email"]["minLength"], 3);
    assert_eq!(register["email"]["maxLength"], 254);
    assert_eq!(register["password"]["minLength"], 12);
    assert_eq!(register["name"]["maxLength"], 200);
    let reference = &schemas["ReferenceRequestInput"]["properties"];
    assert_eq!(reference["referee_email"]["maxLength"], 254);
    assert_eq!(reference["referee_name"]["minLength"], 1);
    let registry = doc["paths"]["/api/v1/registry"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "page")
        .unwrap()
        .clone();
    assert_eq!(registry["schema"]["maximum"], 1_000_000);
    assert_eq!(registry["schema"]["minimum"], 1);
}

#[actix_web::test]
async fn a_page_past_the_documented_maximum_is_refused() {
    let app = crate::helpers::spawn_app().await;
    let admin = app
        .user_with_role(endorse_shared::Role::Admin, "admin@example.org")
        .await;
    for path in [
        "/api/v1/registry?page=2147483648",
        "/api/v1/registry?page=1000001",
        "/api/v1/registry?page=0",
        "/api/v1/users?page=1000001",
        "/api/v1/applications?page=2147483648",
    ] {
        let response = app.get_as(path, &admin).await;
        assert!(
            [
                reqwest::StatusCode::BAD_REQUEST,
                reqwest::StatusCode::UNPROCESSABLE_ENTITY
            ]
            .contains(&response.status()),
            "{path}: {}",
            response.status()
        );
    }
    let empty = crate::helpers::expect_problem(
        app.post(
            "/api/v1/auth/register",
            &serde_json::json!({ "email": "", "name": "Ada", "password": crate::helpers::PASSWORD }),
        )
        .await,
        reqwest::StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(empty.errors.contains_key("email"));
}
