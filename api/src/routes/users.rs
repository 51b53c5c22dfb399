//! Admins manage accounts: list and search, create reviewers and admins, change
//! a name or a role.

use crate::auth::passwords;
use crate::auth::RequireAdmin;
use crate::db::users::{self, NewUser, UserChanges, UserFilter};
use crate::db::DbError;
use crate::error::{ApiError, ApiResult};
use crate::tenancy::Tenant;
use actix_web::{web, HttpResponse};
use endorse_shared::i18n::Text;
use endorse_shared::users::{
    CreateUserRequest, ListUsersQuery, Role, UpdateUserRequest, UserListResponse, UserResponse,
};
use endorse_shared::{Problem, UserId};
use validator::Validate;

/// Lists accounts, searched by name or e-mail, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "users",
    security(("bearer" = [])),
    params(ListUsersQuery),
    responses(
        (status = 200, description = "One page of users, ordered by name", body = UserListResponse),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid query values", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_users(
    tenant: Tenant,
    _admin: RequireAdmin,
    query: web::Query<ListUsersQuery>,
) -> ApiResult<web::Json<UserListResponse>> {
    query.validate()?;
    let query = query.into_inner();
    let filter = UserFilter {
        search: query.q.clone(),
        role: query.role,
        page: query.page(),
        per_page: query.per_page(),
    };
    let (found, total) = tenant
        .db
        .run(move |conn| users::list(conn, &filter))
        .await?;
    Ok(web::Json(UserListResponse {
        items: found.iter().map(users::User::to_response).collect(),
        total,
        page: query.page(),
        per_page: query.per_page(),
    }))
}

/// Creates an account of any role. The person must replace the password at first
/// sign-in.
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "users",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, description = "Created", body = UserResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The e-mail address already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_user(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    body: web::Json<CreateUserRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner().normalized();
    body.validate()?;
    let password_hash = passwords::hash_new_for(
        "password",
        body.password.clone(),
        vec![body.email.clone(), body.name.clone()],
    )
    .await?;
    let new = NewUser {
        email: body.email,
        name: body.name,
        role: body.role,
        password_hash,
        must_change_password: true,
    };
    let user = tenant
        .db
        .run(move |conn| users::insert(conn, new))
        .await
        .map_err(ApiError::duplicate_email)?;
    tracing::info!(admin_id = %admin.id, user_id = %user.id, role = %user.role, "account created");
    Ok(HttpResponse::Created().json(user.to_response()))
}

/// One account.
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The account", body = UserResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_user(
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<UserResponse>> {
    let id = id.into_inner();
    let user = tenant
        .db
        .run(move |conn| users::find(conn, id))
        .await?
        .ok_or_else(|| ApiError::NotFound(Text::new("err-there-no-account-with-id")))?;
    Ok(web::Json(user.to_response()))
}

/// Changes an account's name or role.
///
/// The last admin cannot be demoted: there would be nobody left to run Endorse.
#[utoipa::path(
    patch,
    path = "/api/v1/users/{id}",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The user's id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, description = "The account as it now is", body = UserResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This would leave no admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_user(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    id: web::Path<UserId>,
    body: web::Json<UpdateUserRequest>,
) -> ApiResult<web::Json<UserResponse>> {
    body.validate()?;
    let id = id.into_inner();
    let changes = UserChanges {
        name: body.name.as_deref().map(|name| name.trim().to_string()),
        role: body.role,
    };
    enum Outcome {
        Updated(users::User),
        LastAdmin,
        Missing,
    }
    let outcome = tenant
        .db
        .transaction(move |conn| {
            // "At least one admin" is counted, then written: no other change
            // of an admin's role runs meanwhile.
            if changes.role.is_some() {
                users::lock_role(conn, Role::Admin)?;
            }
            let Some(current) = users::find(conn, id)? else {
                return Ok(Outcome::Missing);
            };
            let demotes_admin =
                current.role == Role::Admin && changes.role.is_some_and(|role| role != Role::Admin);
            if demotes_admin && users::count_with_role(conn, Role::Admin)? <= 1 {
                return Ok(Outcome::LastAdmin);
            }
            match users::update(conn, id, &changes) {
                Ok(user) => Ok(Outcome::Updated(user)),
                Err(DbError::NotFound) => Ok(Outcome::Missing),
                Err(other) => Err(other),
            }
        })
        .await?;
    match outcome {
        Outcome::Updated(user) => {
            tracing::info!(admin_id = %admin.id, user_id = %user.id, role = %user.role, "account changed");
            Ok(web::Json(user.to_response()))
        }
        Outcome::LastAdmin => Err(ApiError::Conflict(Text::new(
            "err-last-admin-make-someone-else-admin",
        ))),
        Outcome::Missing => Err(ApiError::NotFound(Text::new(
            "err-there-no-account-with-id",
        ))),
    }
}
