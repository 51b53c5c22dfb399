//! The API answers in the person's language: their saved choice, else the
//! request's `Accept-Language`, else the association's, else English; every
//! answer names it in `Content-Language`.

use crate::helpers::*;
use endorse_shared::i18n::Lang;
use endorse_shared::users::UserResponse;
use endorse_shared::Problem;
use reqwest::StatusCode;
use serde_json::json;

fn content_language(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn problem_in(response: reqwest::Response, status: StatusCode, lang: &str) -> Problem {
    assert_eq!(content_language(&response), lang);
    expect_problem(response, status).await
}

#[actix_web::test]
async fn problems_and_field_messages_follow_accept_language() {
    let app = spawn_app().await;
    let bad = json!({ "email": "not-an-address", "name": " ", "password": "short" });
    let spanish = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("accept-language", "es-US,es;q=0.9,en;q=0.5")
        .json(&bad)
        .send()
        .await
        .expect("request");
    let problem = problem_in(spanish, StatusCode::UNPROCESSABLE_ENTITY, "es").await;
    assert_eq!(problem.title, "Algunos campos no son válidos");
    assert_eq!(
        problem.field_errors("email"),
        ["debe ser una dirección de correo electrónico válida"]
    );
    assert_eq!(problem.field_errors("name"), ["no puede quedar en blanco"]);
    assert_eq!(
        problem.field_errors("password"),
        ["debe tener entre 12 y 128 caracteres"]
    );
    let english = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("accept-language", "fr-FR, en;q=0.3")
        .json(&bad)
        .send()
        .await
        .expect("request");
    let problem = problem_in(english, StatusCode::UNPROCESSABLE_ENTITY, "en").await;
    assert_eq!(problem.title, "Some fields are not valid");
    assert_eq!(problem.field_errors("name"), ["must not be blank"]);
    // No language the API speaks, and none at all: the association's (English).
    let none = app
        .client
        .get(app.url("/api/v1/applications/not-an-id"))
        .header("accept-language", "de, fr;q=0.8")
        .send()
        .await
        .expect("request");
    assert_eq!(content_language(&none), "en");
}

#[actix_web::test]
async fn a_saved_choice_outweighs_the_browser_and_can_be_forgotten() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let token = &session.access_token;
    let me: UserResponse = expect_json(app.get_as("/api/v1/me", token).await, StatusCode::OK).await;
    assert_eq!(me.language, None);
    let chosen = app
        .put_as(
            "/api/v1/me/language",
            token,
            None,
            &json!({ "language": "es" }),
        )
        .await;
    assert_eq!(content_language(&chosen), "es");
    let me: UserResponse = expect_json(chosen, StatusCode::OK).await;
    assert_eq!(me.language, Some(Lang::Es));
    // The browser asks for English; the person chose Spanish.
    let refused = app
        .client
        .get(app.url("/api/v1/me/applications/00000000-0000-0000-0000-000000000000"))
        .bearer_auth(token)
        .header("accept-language", "en-US")
        .send()
        .await
        .expect("request");
    let problem = problem_in(refused, StatusCode::NOT_FOUND, "es").await;
    assert_eq!(problem.title, "No encontrado");
    // A language Endorse does not speak is refused by name; nothing changes.
    let french = app
        .put_as(
            "/api/v1/me/language",
            token,
            None,
            &json!({ "language": "fr" }),
        )
        .await;
    let problem = expect_problem(french, StatusCode::BAD_REQUEST).await;
    assert!(problem.message().contains("`fr`"), "{problem:?}");
    let me: UserResponse = expect_json(app.get_as("/api/v1/me", token).await, StatusCode::OK).await;
    assert_eq!(me.language, Some(Lang::Es));
    // Forgotten: the browser decides again.
    let forgotten = app
        .client
        .put(app.url("/api/v1/me/language"))
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(&json!({ "language": null }))
        .send()
        .await
        .expect("request");
    let said = content_language(&forgotten);
    let me: UserResponse = expect_json(forgotten, StatusCode::OK).await;
    assert_eq!(me.language, None);
    assert_eq!(said, "en");
}

#[actix_web::test]
async fn a_stale_change_is_explained_in_spanish_with_its_version() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let token = &session.access_token;
    let membership = |number: &str| {
        json!({ "section": "membership", "data": {
            "association": "MI-AIMH", "number": number, "expires_on": "2030-01-01",
            "verified": false } })
    };
    let created = app
        .post_as("/api/v1/me/portfolio/membership", token, &membership("123"))
        .await;
    let entry: serde_json::Value = expect_json(created, StatusCode::CREATED).await;
    let id = entry["id"].as_str().unwrap_or_default().to_string();
    let stale = app
        .client
        .put(app.url(&format!("/api/v1/me/portfolio/membership/{id}")))
        .bearer_auth(token)
        .header("accept-language", "es")
        .header("if-match", "\"99\"")
        .json(&membership("124"))
        .send()
        .await
        .expect("request");
    let problem = problem_in(stale, StatusCode::PRECONDITION_FAILED, "es").await;
    assert_eq!(
        problem.detail.as_deref(),
        Some("Esta entrada cambió desde que la abrió (ahora es la versión 1). Vuelva a cargarla y haga su cambio de nuevo.")
    );
}

#[actix_web::test]
async fn the_self_check_reads_in_the_persons_language() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let spanish = app
        .client
        .get(app.url("/api/v1/me/eligibility"))
        .bearer_auth(&session.access_token)
        .header("accept-language", "es")
        .send()
        .await
        .expect("request");
    assert_eq!(content_language(&spanish), "es");
    let reports: Vec<endorse_shared::eligibility::EligibilityReport> =
        expect_json(spanish, StatusCode::OK).await;
    let ifs = reports.iter().find(|r| r.category == "IFS").expect("IFS");
    let training = ifs.line("training.hours").expect("a training line");
    assert_eq!(training.label, "Capacitación especializada");
    assert_eq!(
        training.shortfall.as_deref(),
        Some("Registre 30 horas más de capacitación especializada.")
    );
}
