//! Admins manage accounts; everyone else is kept out.

use crate::helpers::*;
use endorse_shared::auth::SessionResponse;
use endorse_shared::users::{UserListResponse, UserResponse};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

#[actix_web::test]
async fn an_applicant_calling_an_admin_route_is_forbidden() {
    let app = spawn_app().await;
    let session = app.register("ada@example.org", "Ada").await;
    let problem = expect_problem(
        app.get_as("/api/v1/users", &session.access_token).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(problem.message().contains("admin"), "{problem:?}");
    let create = app
        .post_as(
            "/api/v1/users",
            &session.access_token,
            &json!({ "email": "r@example.org", "name": "R", "role": "admin", "password": PASSWORD }),
        )
        .await;
    expect_problem(create, StatusCode::FORBIDDEN).await;
}

#[actix_web::test]
async fn a_reviewer_is_not_an_admin_either() {
    let app = spawn_app().await;
    let token = app.user_with_role(Role::Reviewer, "rev@example.org").await;
    expect_problem(
        app.get_as("/api/v1/users", &token).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[actix_web::test]
async fn an_admin_creates_a_reviewer_who_must_choose_a_password_at_first_sign_in() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let created: UserResponse = expect_json(
        app.post_as(
            "/api/v1/users",
            &admin,
            &json!({ "email": "Rita@Example.org", "name": "Rita Reviewer", "role": "reviewer", "password": "initial password 1" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created.role, Role::Reviewer);
    assert_eq!(created.email, "rita@example.org");
    assert!(created.must_change_password);

    let first: SessionResponse = expect_json(
        app.login("rita@example.org", "initial password 1").await,
        StatusCode::OK,
    )
    .await;
    assert!(first.user.must_change_password);
    // Until the password is replaced only the own account is reachable.
    expect_json::<UserResponse>(
        app.get_as("/api/v1/me", &first.access_token).await,
        StatusCode::OK,
    )
    .await;

    let wrong = app
        .post_as(
            "/api/v1/me/password",
            &first.access_token,
            &json!({ "current_password": "not it at all", "new_password": "my own passphrase" }),
        )
        .await;
    let problem = expect_problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem.field_errors("current_password"),
        ["is not your current password"]
    );

    let changed: SessionResponse = expect_json(
        app.post_as(
            "/api/v1/me/password",
            &first.access_token,
            &json!({ "current_password": "initial password 1", "new_password": "my own passphrase" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(!changed.user.must_change_password);
    expect_json::<SessionResponse>(
        app.login("rita@example.org", "my own passphrase").await,
        StatusCode::OK,
    )
    .await;
    expect_problem(
        app.login("rita@example.org", "initial password 1").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[actix_web::test]
async fn an_admin_with_a_password_to_replace_cannot_manage_accounts_yet() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    expect_json::<UserResponse>(
        app.post_as(
            "/api/v1/users",
            &admin,
            &json!({ "email": "second@example.org", "name": "Second Admin", "role": "admin", "password": "initial password 2" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let second: SessionResponse = expect_json(
        app.login("second@example.org", "initial password 2").await,
        StatusCode::OK,
    )
    .await;
    let problem = expect_problem(
        app.get_as("/api/v1/users", &second.access_token).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(problem.message().contains("new password"), "{problem:?}");
}

#[actix_web::test]
async fn creating_an_account_for_a_taken_email_is_a_conflict() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    app.register("ada@example.org", "Ada").await;
    let response = app
        .post_as(
            "/api/v1/users",
            &admin,
            &json!({ "email": "ada@example.org", "name": "Ada Again", "role": "reviewer", "password": PASSWORD }),
        )
        .await;
    expect_problem(response, StatusCode::CONFLICT).await;
}

#[actix_web::test]
async fn creating_an_account_with_an_unknown_role_is_refused() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let response = app
        .post_as(
            "/api/v1/users",
            &admin,
            &json!({ "email": "x@example.org", "name": "X", "role": "superuser", "password": PASSWORD }),
        )
        .await;
    let problem = expect_problem(response, StatusCode::BAD_REQUEST).await;
    assert!(problem.message().contains("superuser"), "{problem:?}");
}

#[actix_web::test]
async fn the_user_list_searches_names_and_emails_and_pages() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    for (email, name) in [
        ("ada@example.org", "Ada Lovelace"),
        ("grace@navy.example", "Grace Hopper"),
        ("katherine@nasa.example", "Katherine Johnson"),
        ("percent@example.org", "Fifty 50% Off"),
    ] {
        app.register(email, name).await;
    }

    let found: UserListResponse = expect_json(
        app.get_as("/api/v1/users?q=LOVE", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].name, "Ada Lovelace");

    let by_email: UserListResponse = expect_json(
        app.get_as("/api/v1/users?q=navy", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        by_email
            .items
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>(),
        ["Grace Hopper"]
    );

    let literal: UserListResponse = expect_json(
        app.get_as("/api/v1/users?q=50%25", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(literal.total, 1, "% is matched literally");

    let applicants: UserListResponse = expect_json(
        app.get_as("/api/v1/users?role=applicant&per_page=2", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(applicants.total, 4);
    assert_eq!(applicants.items.len(), 2);
    assert_eq!(applicants.page_count(), 2);
    assert_eq!(applicants.items[0].name, "Ada Lovelace", "ordered by name");
    let second: UserListResponse = expect_json(
        app.get_as("/api/v1/users?role=applicant&per_page=2&page=2", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        second
            .items
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>(),
        ["Grace Hopper", "Katherine Johnson"]
    );
}

#[actix_web::test]
async fn bad_list_parameters_are_refused_with_their_names() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let problem = expect_problem(
        app.get_as("/api/v1/users?per_page=1000&page=0", &admin)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!problem.field_errors("per_page").is_empty());
    assert!(!problem.field_errors("page").is_empty());
    expect_problem(
        app.get_as("/api/v1/users?page=abc", &admin).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    expect_problem(
        app.get_as("/api/v1/users?role=root", &admin).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
}

#[actix_web::test]
async fn a_role_change_takes_effect_at_once() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let applicant = app.register("ada@example.org", "Ada").await;
    let path = format!("/api/v1/users/{}", applicant.user.id);
    let promoted: UserResponse = expect_json(
        app.patch_as(&path, &admin, &json!({ "role": "admin" }))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(promoted.role, Role::Admin);
    // The applicant's existing access token now carries admin powers.
    expect_json::<UserListResponse>(
        app.get_as("/api/v1/users", &applicant.access_token).await,
        StatusCode::OK,
    )
    .await;

    let renamed: UserResponse = expect_json(
        app.patch_as(&path, &admin, &json!({ "name": "  Ada King " }))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(renamed.name, "Ada King");
    let problem = expect_problem(
        app.patch_as(&path, &admin, &json!({ "name": "" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem.field_errors("name"), ["must not be blank"]);
}

#[actix_web::test]
async fn the_last_admin_cannot_be_demoted() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let me: UserResponse =
        expect_json(app.get_as("/api/v1/me", &admin).await, StatusCode::OK).await;
    let path = format!("/api/v1/users/{}", me.id);
    expect_problem(
        app.patch_as(&path, &admin, &json!({ "role": "reviewer" }))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    let still: UserResponse = expect_json(app.get_as(&path, &admin).await, StatusCode::OK).await;
    assert_eq!(still.role, Role::Admin);
}

#[actix_web::test]
async fn an_unknown_or_malformed_user_id_is_a_404() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let unknown = format!("/api/v1/users/{}", uuid::Uuid::new_v4());
    expect_problem(app.get_as(&unknown, &admin).await, StatusCode::NOT_FOUND).await;
    expect_problem(
        app.patch_as(&unknown, &admin, &json!({ "role": "admin" }))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_problem(
        app.get_as("/api/v1/users/not-a-uuid", &admin).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[actix_web::test]
async fn the_first_start_creates_one_admin_with_a_random_one_time_password() {
    let app = spawn_app().await;
    let first = endorse_api::bootstrap::ensure_admin(&app.db, "boot@example.org")
        .unwrap()
        .expect("an admin is created when there is none");
    assert!(first.password.len() >= 20);
    assert!(
        endorse_api::bootstrap::ensure_admin(&app.db, "boot@example.org")
            .unwrap()
            .is_none()
    );
    let session: SessionResponse = expect_json(
        app.login("boot@example.org", &first.password).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(session.user.role, Role::Admin);
    assert!(session.user.must_change_password);

    let other = spawn_app().await;
    let second = endorse_api::bootstrap::ensure_admin(&other.db, "boot@example.org")
        .unwrap()
        .unwrap();
    assert_ne!(first.password, second.password, "never a fixed password");
}

#[actix_web::test]
async fn two_processes_starting_at_once_make_one_first_admin_and_both_start() {
    let app = spawn_app().await;
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let db = app.db.clone();
            std::thread::spawn(move || {
                endorse_api::bootstrap::ensure_admin(&db, "boot@example.org")
            })
        })
        .collect();
    let made: Vec<_> = starts
        .into_iter()
        .map(|start| {
            start
                .join()
                .expect("a thread")
                .expect("every start succeeds")
        })
        .collect();
    assert_eq!(
        made.iter().filter(|m| m.is_some()).count(),
        1,
        "one first admin"
    );
}
