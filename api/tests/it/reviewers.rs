//! Reviewers' profiles: admins keep them, versioned, checked against the
//! rulebook in force.

use crate::helpers::*;
use endorse_shared::reviewers::ReviewerProfileResponse;
use endorse_shared::users::UserResponse;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

async fn account_id(app: &TestApp, admin: &str, email: &str) -> String {
    let page: endorse_shared::users::UserListResponse = expect_json(
        app.get_as(&format!("/api/v1/users?q={email}"), admin).await,
        StatusCode::OK,
    )
    .await;
    let user: &UserResponse = &page.items[0];
    user.id.to_string()
}

#[actix_web::test]
async fn admins_keep_reviewer_profiles_versioned_and_checked() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let reviewer_token = app.user_with_role(Role::Reviewer, "rita@example.org").await;
    let rita = account_id(&app, &admin, "rita@example.org").await;
    let path = format!("/api/v1/users/{rita}/reviewer-profile");

    let fresh: ReviewerProfileResponse =
        expect_json(app.get_as(&path, &admin).await, StatusCode::OK).await;
    assert_eq!((fresh.version, fresh.profile.max_load), (0, 3));

    let body = json!({
        "endorsements": [{ "category": "imhm-c", "number": "MI-IMHM-C-2015-0003" }],
        "categories": ["IFS", "ifa"],
        "max_load": 4,
    });
    let missing = app.put_as(&path, &admin, None, &body).await;
    assert_eq!(missing.status(), StatusCode::PRECONDITION_REQUIRED);
    let saved: ReviewerProfileResponse = expect_json(
        app.put_as(&path, &admin, Some("\"0\""), &body).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(saved.version, 1);
    assert_eq!(saved.profile.categories, ["IFS", "IFA"]);
    assert_eq!(saved.profile.endorsements[0].category, "IMHM-C");
    // A second save on the old version is stale and changes nothing.
    let stale = app.put_as(&path, &admin, Some("\"0\""), &body).await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);

    let bad = expect_problem(
        app.put_as(
            &path,
            &admin,
            Some("\"1\""),
            &json!({ "endorsements": [], "categories": ["NOPE"], "max_load": 0 }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        bad.errors.keys().collect::<Vec<_>>(),
        ["categories[0]", "max_load"]
    );
    let kept: ReviewerProfileResponse =
        expect_json(app.get_as(&path, &admin).await, StatusCode::OK).await;
    assert_eq!((kept.version, kept.profile.max_load), (1, 4));

    // Only reviewers have one; only admins read or change them.
    let applicant = app.register("ada@example.org", "Ada Lovelace").await;
    let ada_path = format!("/api/v1/users/{}/reviewer-profile", applicant.user.id);
    let conflict = app.get_as(&ada_path, &admin).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    let forbidden = app.get_as(&path, &reviewer_token).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let unknown = app
        .get_as(
            &format!("/api/v1/users/{}/reviewer-profile", uuid::Uuid::new_v4()),
            &admin,
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}
