//! The rulebook: read by everyone signed in, published by admins, checked first.

use crate::helpers::*;
use endorse_shared::rulebook::{RulebookVersionResponse, RulebookVersionSummary};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

#[actix_web::test]
async fn the_default_rulebook_is_version_one_and_everyone_signed_in_can_read_it() {
    let app = spawn_app().await;
    let applicant = app.register("ada@example.org", "Ada").await;
    let current: RulebookVersionResponse = expect_json(
        app.get_as("/api/v1/rulebooks/current", &applicant.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(current.number, 1);
    assert_eq!(current.rulebook.name.en, "Alliance baseline 2025");
    assert_eq!(current.rulebook.categories.len(), 14);
    assert!(current.toml.contains("[[categories]]"));
    expect_problem(
        app.client
            .get(app.url("/api/v1/rulebooks/current"))
            .send()
            .await
            .unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[actix_web::test]
async fn an_admin_publishes_an_edited_copy_as_the_next_version() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let current: RulebookVersionResponse = expect_json(
        app.get_as("/api/v1/rulebooks/current", &admin).await,
        StatusCode::OK,
    )
    .await;
    let edited = current
        .toml
        .replacen("Alliance baseline 2025", "Michigan 2026", 1);
    let published: RulebookVersionResponse = expect_json(
        app.post_as("/api/v1/rulebooks", &admin, &json!({ "toml": edited }))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(published.number, 2);
    assert_eq!(published.rulebook.name.en, "Michigan 2026");

    let versions: Vec<RulebookVersionSummary> = expect_json(
        app.get_as("/api/v1/rulebooks", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        versions.iter().map(|v| v.number).collect::<Vec<_>>(),
        [2, 1]
    );
    let first: RulebookVersionResponse = expect_json(
        app.get_as("/api/v1/rulebooks/1", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        first.rulebook.name.en, "Alliance baseline 2025",
        "old versions never change"
    );
    expect_problem(
        app.get_as("/api/v1/rulebooks/99", &admin).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[actix_web::test]
async fn a_malformed_rulebook_is_refused_naming_the_rule_and_nothing_is_published() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let current: RulebookVersionResponse = expect_json(
        app.get_as("/api/v1/rulebooks/current", &admin).await,
        StatusCode::OK,
    )
    .await;
    let broken = current
        .toml
        .replacen("min_span_months = 12", "min_span_months = 30", 1);
    let problem = expect_problem(
        app.post_as("/api/v1/rulebooks", &admin, &json!({ "toml": broken }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("categories[IFS].rsc.min_span_months"),
        ["must not exceed max_span_months"]
    );

    let garbage = expect_problem(
        app.post_as("/api/v1/rulebooks", &admin, &json!({ "toml": "name = " }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        garbage.errors.keys().any(|k| k.starts_with("line ")),
        "{garbage:?}"
    );

    let versions: Vec<RulebookVersionSummary> = expect_json(
        app.get_as("/api/v1/rulebooks", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(versions.len(), 1);
}

#[actix_web::test]
async fn only_admins_list_and_publish_rulebooks() {
    let app = spawn_app().await;
    let applicant = app.register("ada@example.org", "Ada").await;
    expect_problem(
        app.get_as("/api/v1/rulebooks", &applicant.access_token)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    expect_problem(
        app.post_as(
            "/api/v1/rulebooks",
            &applicant.access_token,
            &json!({ "toml": "" }),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
}
