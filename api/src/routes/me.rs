//! The signed-in user's own account.

use crate::auth::passwords;
use crate::auth::session::{session_response, start_session, Origin};
use crate::auth::{AuthUser, SessionUser};
use crate::db::association_log::Actor;
use crate::db::{refresh_tokens, users};
use crate::error::{ApiError, ApiResult};
use crate::tenancy::Tenant;
use crate::workflow::accounts;
use actix_web::{web, HttpResponse};
use chrono::Utc;
use endorse_shared::auth::{ChangePasswordRequest, SessionResponse};
use endorse_shared::i18n::Text;
use endorse_shared::users::{LanguageChoice, UpdateProfileRequest, UserResponse};
use endorse_shared::Problem;
use validator::Validate;

/// The signed-in user.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = UserResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_me(SessionUser(user): SessionUser) -> web::Json<UserResponse> {
    web::Json(user.to_response())
}

/// Changes one's own name: the name the app, the certificate and the next
/// credential carry (a credential already issued keeps the name it was
/// signed with). The change is in the association's log.
#[utoipa::path(
    patch,
    path = "/api/v1/me",
    tag = "me",
    security(("bearer" = [])),
    request_body = UpdateProfileRequest,
    responses(
        (status = 200, description = "The account as it now is", body = UserResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_me(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: actix_web::HttpRequest,
    body: web::Json<UpdateProfileRequest>,
) -> ApiResult<web::Json<UserResponse>> {
    body.validate()?;
    let name = body.into_inner().name.trim().to_string();
    if name == user.name {
        return Ok(web::Json(user.to_response()));
    }
    let now = tenant.clock.now();
    let ip = crate::http::client::peer_ip(&request);
    let updated = tenant
        .db
        .transaction(move |conn| {
            let changes = users::UserChanges {
                name: Some(name.clone()),
                ..users::UserChanges::default()
            };
            let updated = users::update(conn, user.id, &changes)?;
            let id = user.id.to_string();
            accounts::log(
                conn,
                Actor {
                    id: Some(&id),
                    name: &name,
                    ip: ip.as_deref(),
                },
                &updated,
                (
                    "name_changed",
                    &format!(
                        "Name changed by its owner from \"{}\" to \"{name}\".",
                        user.name
                    ),
                ),
                now,
            )?;
            Ok(updated)
        })
        .await?;
    tracing::info!(user_id = %updated.id, "name changed by its owner");
    Ok(web::Json(updated.to_response()))
}

/// Saves the language one reads the app and one's mail in (none: follow the
/// browser, then the association). The answer is already in it.
#[utoipa::path(
    put,
    path = "/api/v1/me/language",
    tag = "me",
    security(("bearer" = [])),
    request_body = LanguageChoice,
    responses(
        (status = 200, description = "Saved; the account as it now is", body = UserResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn choose_language(
    tenant: Tenant,
    SessionUser(user): SessionUser,
    body: web::Json<LanguageChoice>,
) -> ApiResult<web::Json<UserResponse>> {
    let language = body.into_inner().language;
    let id = user.id;
    let updated = tenant
        .db
        .run(move |conn| users::set_language(conn, id, language))
        .await?;
    crate::http::language::saved(updated.language);
    Ok(web::Json(updated.to_response()))
}

/// Replaces one's own password.
///
/// Every other session of the account is signed out; this one continues with a
/// new refresh cookie. This is also how a password chosen by someone else (the
/// first admin's, or one an admin set) is replaced.
#[utoipa::path(
    post,
    path = "/api/v1/me/password",
    tag = "me",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Changed; a fresh session", body = SessionResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or the current password is wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn change_password(
    tenant: Tenant,
    SessionUser(user): SessionUser,
    request: actix_web::HttpRequest,
    body: web::Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    body.validate()?;
    let origin = Origin::of(&request);
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.into_inner();
    if current_password == new_password {
        return Err(ApiError::field(
            "new_password",
            Text::new("err-must-differ-from-current-password"),
        ));
    }
    let user_id = user.id;
    passwords::require_current(&tenant.db, user_id, current_password, "current_password").await?;
    let new_hash = passwords::hash_new_for(
        "new_password",
        new_password,
        vec![user.email.clone(), user.name.clone()],
    )
    .await?;

    let lifetime = tenant.settings.refresh_token_seconds;
    let device = origin.device().clone();
    let (user, session) = tenant
        .db
        .transaction(move |conn| {
            users::set_password(conn, user_id, &new_hash, false)?;
            // Every session ends, with its access tokens; this one starts anew.
            refresh_tokens::revoke_all_for_user(conn, user_id, Utc::now().naive_utc())?;
            let session = start_session(conn, user_id, lifetime, &origin)?;
            let user = users::find(conn, user_id)?.ok_or(crate::db::DbError::NotFound)?;
            Ok((user, session))
        })
        .await?;
    tracing::info!(user_id = %user.id, "password changed");
    session_response(&tenant, &user, &session, &device, HttpResponse::Ok())
}
