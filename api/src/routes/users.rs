//! Admins manage accounts: list and search, create reviewers and admins,
//! change a name, an address or a role, disable and enable an account, send
//! a link to choose a password. Each change is in the association's log,
//! with the admin's reason.

use crate::auth::passwords;
use crate::auth::rate_limit::too_many;
use crate::auth::RequireAdmin;

use crate::db::users::{self, NewUser, User, UserChanges, UserFilter};
use crate::db::{rate_limits, refresh_tokens, DbError};
use crate::error::{ApiError, ApiResult};
use crate::http::client::by;
use crate::tenancy::Tenant;
use crate::workflow::accounts;
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::auth::{PasswordResetAccepted, PASSWORD_RESET_MINUTES};
use endorse_shared::i18n::Text;
use endorse_shared::users::{
    CreateUserRequest, DisableUserRequest, ListUsersQuery, Role, UpdateUserRequest,
    UserListResponse, UserResponse,
};
use endorse_shared::{Problem, UserId};
use validator::Validate;

/// " Reason: …" for the log, when the admin gave one.
fn because(reason: Option<&str>) -> String {
    reason.map_or_else(String::new, |reason| format!(" Reason: {reason}"))
}

/// An erased account keeps only its id: nothing about it changes again.
async fn refuse_erased(tenant: &Tenant, id: UserId) -> ApiResult<()> {
    let erased = tenant
        .db
        .run(move |conn| Ok(users::find(conn, id)?.and_then(|u| u.erased_at)))
        .await?;
    match erased {
        Some(_) => Err(ApiError::Conflict(Text::new("err-erase-already"))),
        None => Ok(()),
    }
}

fn no_such_account() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-account-with-id"))
}

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
    request: HttpRequest,
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
    let by = by(&admin, &request);
    let link = tenant.account_links.new_link();
    let inner = tenant.clone();
    let now = tenant.clock.now();
    let user = tenant
        .db
        .transaction(move |conn| {
            let user = users::insert(conn, new)?;
            accounts::log(
                conn,
                by.actor(),
                &user,
                (
                    "account_created",
                    &format!(
                        "{} created the account of {} <{}> as {}.",
                        by.name, user.name, user.email, user.role
                    ),
                ),
                now,
            )?;
            accounts::mail_confirmation(
                conn,
                (&inner.mail(), (&link.nonce, &link.token_hash)),
                &user,
                &user.email,
                now,
            )?;
            Ok(user)
        })
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

/// Changes an account's name, sign-in address or role.
///
/// A new address takes effect at once and is unconfirmed: a link to confirm
/// it goes there, and the old address is told. The last admin cannot be
/// demoted: there would be nobody left to run Endorse.
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
        (status = 409, description = "This would leave no admin, or the address has another account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_user(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<UserId>,
    body: web::Json<UpdateUserRequest>,
) -> ApiResult<web::Json<UserResponse>> {
    let body = body.into_inner().normalized();
    body.validate()?;
    let id = id.into_inner();
    refuse_erased(&tenant, id).await?;
    let by = by(&admin, &request);
    let link = tenant.account_links.new_link();
    let inner = tenant.clone();
    let now = tenant.clock.now();
    enum Outcome {
        Updated(User),
        LastAdmin,
        Missing,
    }
    let outcome = tenant
        .db
        .transaction(move |conn| {
            // "At least one admin" is counted, then written: no other change
            // of an admin's role runs meanwhile.
            if body.role.is_some() {
                users::lock_role(conn, Role::Admin)?;
            }
            let Some(current) = users::find(conn, id)? else {
                return Ok(Outcome::Missing);
            };
            let role = body.role.filter(|role| *role != current.role);
            let name = body.name.clone().filter(|name| *name != current.name);
            let email = body.email.clone().filter(|email| *email != current.email);
            let demotes_admin = current.role == Role::Admin && role.is_some();
            if demotes_admin
                && !current.is_disabled()
                && users::count_enabled_with_role(conn, Role::Admin)? <= 1
            {
                return Ok(Outcome::LastAdmin);
            }
            let reason = because(body.reason.as_deref());
            let changes = UserChanges {
                name: name.clone(),
                role,
            };
            let mut user = match users::update(conn, id, &changes) {
                Ok(user) => user,
                Err(DbError::NotFound) => return Ok(Outcome::Missing),
                Err(other) => return Err(other),
            };
            if let Some(name) = &name {
                let details = format!(
                    "{} changed the name from \"{}\" to \"{name}\".{reason}",
                    by.name, current.name
                );
                accounts::log(conn, by.actor(), &user, ("name_changed", &details), now)?;
            }
            if let Some(role) = role {
                let details = format!(
                    "{} changed the role of {} from {} to {role}.{reason}",
                    by.name, user.name, current.role
                );
                accounts::log(conn, by.actor(), &user, ("role_changed", &details), now)?;
            }
            if let Some(email) = &email {
                user = users::set_email(conn, id, email, None, now.naive_utc())?;
                let details = format!(
                    "{} changed the sign-in address of {} from {} to {email}.{reason}",
                    by.name, user.name, current.email
                );
                accounts::log(conn, by.actor(), &user, ("email_changed", &details), now)?;
                let told =
                    inner
                        .mail()
                        .to(user.language)
                        .email_changed(&current.email, &user.name, email);
                crate::db::outbox::enqueue(conn, &told, now)?;
                accounts::mail_confirmation(
                    conn,
                    (&inner.mail(), (&link.nonce, &link.token_hash)),
                    &user,
                    email,
                    now,
                )?;
            }
            Ok(Outcome::Updated(user))
        })
        .await
        .map_err(ApiError::duplicate_email)?;
    match outcome {
        Outcome::Updated(user) => {
            tracing::info!(admin_id = %admin.id, user_id = %user.id, role = %user.role, "account changed");
            Ok(web::Json(user.to_response()))
        }
        Outcome::LastAdmin => Err(ApiError::Conflict(Text::new(
            "err-last-admin-make-someone-else-admin",
        ))),
        Outcome::Missing => Err(no_such_account()),
    }
}

/// Disables an account: it is signed out everywhere at once and cannot sign
/// in until an admin enables it again. Nothing of it is removed; its open
/// reviews show as needing another reviewer. An admin cannot disable their
/// own account, nor the last admin who can still sign in.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/disable",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The user's id")),
    request_body = DisableUserRequest,
    responses(
        (status = 200, description = "Disabled; the account as it now is", body = UserResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own account, or the last admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn disable_user(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<UserId>,
    body: web::Json<DisableUserRequest>,
) -> ApiResult<web::Json<UserResponse>> {
    body.validate()?;
    let reason = body.into_inner().reason.trim().to_string();
    let id = id.into_inner();
    refuse_erased(&tenant, id).await?;
    if id == admin.id {
        return Err(ApiError::Conflict(Text::new("err-cannot-disable-yourself")));
    }
    let by = by(&admin, &request);
    let now = tenant.clock.now();
    enum Outcome {
        Done(User),
        LastAdmin,
        Missing,
    }
    let outcome = tenant
        .db
        .transaction(move |conn| {
            // Two admins disabling each other at once: the admins' rows are
            // locked, so the second sees the first's change.
            users::lock_role(conn, Role::Admin)?;
            let Some(current) = users::find(conn, id)? else {
                return Ok(Outcome::Missing);
            };
            if current.is_disabled() {
                return Ok(Outcome::Done(current));
            }
            if current.role == Role::Admin
                && users::count_enabled_with_role(conn, Role::Admin)? <= 1
            {
                return Ok(Outcome::LastAdmin);
            }
            let user = users::set_disabled(conn, id, Some(&reason), now.naive_utc())?;
            refresh_tokens::revoke_all_for_user(conn, id, now.naive_utc())?;
            let details = format!(
                "{} disabled the account of {} <{}>. Reason: {reason}",
                by.name, user.name, user.email
            );
            accounts::log(conn, by.actor(), &user, ("account_disabled", &details), now)?;
            Ok(Outcome::Done(user))
        })
        .await?;
    match outcome {
        Outcome::Done(user) => {
            tracing::info!(admin_id = %admin.id, user_id = %user.id, "account disabled");
            Ok(web::Json(user.to_response()))
        }
        Outcome::LastAdmin => Err(ApiError::Conflict(Text::new(
            "err-last-admin-make-someone-else-admin",
        ))),
        Outcome::Missing => Err(no_such_account()),
    }
}

/// Enables a disabled account again: the person can sign in (with the
/// password they had).
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/enable",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The user's id")),
    responses(
        (status = 200, description = "Enabled; the account as it now is", body = UserResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn enable_user(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<UserResponse>> {
    let id = id.into_inner();
    refuse_erased(&tenant, id).await?;
    let by = by(&admin, &request);
    let now = tenant.clock.now();
    let user = tenant
        .db
        .transaction(move |conn| {
            crate::db::lock_owner(conn, id)?;
            let Some(current) = users::find(conn, id)? else {
                return Ok(None);
            };
            if !current.is_disabled() {
                return Ok(Some(current));
            }
            let user = users::set_disabled(conn, id, None, now.naive_utc())?;
            let details = format!(
                "{} enabled the account of {} <{}> again.",
                by.name, user.name, user.email
            );
            accounts::log(conn, by.actor(), &user, ("account_enabled", &details), now)?;
            Ok(Some(user))
        })
        .await?
        .ok_or_else(no_such_account)?;
    tracing::info!(admin_id = %admin.id, user_id = %user.id, "account enabled");
    Ok(web::Json(user.to_response()))
}

/// Mails the person a link to choose a new password (as "Forgot your
/// password?" does, saying an admin sent it). Their password and sessions
/// stay as they are until they use it.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/password-reset",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The user's id")),
    responses(
        (status = 202, description = "The link is on its way", body = PasswordResetAccepted),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account is disabled", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many links to this address for now", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn send_password_reset(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<UserId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let user = tenant
        .db
        .run(move |conn| users::find(conn, id))
        .await?
        .ok_or_else(no_such_account)?;
    if user.is_disabled() {
        return Err(ApiError::Conflict(Text::new(
            "err-account-disabled-enable-first",
        )));
    }
    let key = tenant.password_resets_by_email.key(&user.email);
    let bound = tenant.password_resets_by_email.bound();
    let now = tenant.clock.now();
    tenant
        .db
        .run(move |conn| rate_limits::take(conn, &[(&key, bound)], now.naive_utc()))
        .await?
        .map_err(too_many)?;
    let by = by(&admin, &request);
    let link = tenant.account_links.new_link();
    let inner = tenant.clone();
    tenant
        .db
        .transaction(move |conn| {
            accounts::mail_password_reset(
                conn,
                (&inner.mail(), (&link.nonce, &link.token_hash)),
                &user,
                true,
                now,
            )?;
            let details = format!(
                "{} sent {} <{}> a link to choose a new password.",
                by.name, user.name, user.email
            );
            accounts::log(conn, by.actor(), &user, ("reset_sent", &details), now)
        })
        .await?;
    tracing::info!(admin_id = %admin.id, user_id = %id, "new-password link sent by an admin");
    Ok(HttpResponse::Accepted().json(PasswordResetAccepted {
        valid_minutes: PASSWORD_RESET_MINUTES,
    }))
}
