//! Getting back into an account: a mailed, single-use link to choose a new
//! password.
//!
//! Asking always gets the same answer, whether or not the address has an
//! account, and counts against limits per e-mail address and per IP address
//! (so nobody floods a person's inbox). The link's token is made from a
//! nonce with the server's key (`auth::links`), only at delivery; the
//! database keeps the nonce and the token's hash. A link works once, for an
//! hour, and only while it is the person's newest. Choosing the new password
//! ends every session of the account and starts one here.

use crate::auth::links::looks_like_token;
use crate::auth::passwords;
use crate::auth::rate_limit::too_many;
use crate::auth::session::{session_response, start_session, Origin};
use crate::auth::tokens::hash_secret_token;
use crate::db::account_links::{self, Purpose};
use crate::db::{rate_limits, refresh_tokens, users, DbError};
use crate::error::{ApiError, ApiResult};
use crate::http::client::client_ip;
use crate::tenancy::Tenant;
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::auth::{
    PasswordResetAccepted, PasswordResetConfirm, PasswordResetRequest, SessionResponse,
    PASSWORD_RESET_MINUTES,
};
use endorse_shared::i18n::Text;
use endorse_shared::Problem;
use validator::Validate;

/// Asks for a link to choose a new password.
///
/// When the address has an account, a link is mailed to it (in the person's
/// language) and every earlier link of theirs stops working. The answer is
/// the same either way.
#[utoipa::path(
    post,
    path = "/api/v1/auth/password-reset",
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way", body = PasswordResetAccepted),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an e-mail address", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Asked too often for this address, or from this IP address", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn request_password_reset(
    tenant: Tenant,
    request: HttpRequest,
    body: web::Json<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner().normalized();
    body.validate()?;
    let email = body.email;
    let now = tenant.clock.now();
    // Every request takes a slot under both limits first, account or not,
    // so the answer says nothing about the address and twenty racing
    // requests cannot pass a limit.
    let bounds = [
        (
            tenant.password_resets_by_email.key(&email),
            tenant.password_resets_by_email.bound(),
        ),
        (
            tenant.password_resets_by_ip.key(&client_ip(&request)),
            tenant.password_resets_by_ip.bound(),
        ),
    ];
    tenant
        .db
        .run(move |conn| {
            let limits: Vec<(&str, _)> = bounds.iter().map(|(k, b)| (k.as_str(), *b)).collect();
            rate_limits::take(conn, &limits, now.naive_utc())
        })
        .await?
        .map_err(too_many)?;

    let link = tenant.account_links.new_link();
    let inner = tenant.clone();
    let mailed = tenant
        .db
        .transaction(move |conn| {
            // A disabled account gets no link (and the answer is the same).
            let Some((user, _)) =
                users::find_credentials(conn, &email)?.filter(|(user, _)| !user.is_disabled())
            else {
                return Ok(false);
            };
            crate::workflow::accounts::mail_password_reset(
                conn,
                (&inner.mail(), (&link.nonce, &link.token_hash)),
                &user,
                false,
                now,
            )?;
            Ok(true)
        })
        .await?;
    // The log says whether a link went out; the answer does not.
    tracing::info!(mailed, "new-password link asked for");
    Ok(HttpResponse::Accepted().json(PasswordResetAccepted {
        valid_minutes: PASSWORD_RESET_MINUTES,
    }))
}

/// Chooses a new password with a mailed link, and signs in.
///
/// The link stops working; every other session of the account ends. A link
/// that was used, replaced by a newer one, expired or never existed is a 410;
/// a password that is too weak is a 422 and leaves the link working.
#[utoipa::path(
    post,
    path = "/api/v1/auth/password-reset/confirm",
    tag = "auth",
    request_body = PasswordResetConfirm,
    responses(
        (status = 200, description = "The new password is set; signed in, the refresh cookie is set", body = SessionResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link no longer works", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a password too easy to guess", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn confirm_password_reset(
    tenant: Tenant,
    request: HttpRequest,
    body: web::Json<PasswordResetConfirm>,
) -> ApiResult<HttpResponse> {
    body.validate()?;
    let PasswordResetConfirm {
        token,
        new_password,
    } = body.into_inner();
    let gone = || ApiError::Gone(Text::new("err-reset-link-gone"));
    if !looks_like_token(&token) {
        return Err(gone());
    }
    let token_hash = hash_secret_token(&token);
    let now = tenant.clock.now().naive_utc();
    // Whose link it is, without taking it: a refused password leaves it working.
    let lookup = token_hash.clone();
    let owner = tenant
        .db
        .run(move |conn| {
            // A new-password link, or the link an import's invitation carries.
            let mut found = None;
            for purpose in [Purpose::PasswordReset, Purpose::Claim] {
                found = found.or(account_links::find_live(conn, purpose, &lookup, now)?);
            }
            let Some(link) = found else {
                return Ok(None);
            };
            // A disabled account's link no longer works.
            Ok(users::find(conn, link.owner()?)?.filter(|user| !user.is_disabled()))
        })
        .await?
        .ok_or_else(gone)?;
    let new_hash = passwords::hash_new_for(
        "new_password",
        new_password,
        vec![owner.email.clone(), owner.name.clone()],
    )
    .await?;

    let lifetime = tenant.settings.refresh_token_seconds;
    let origin = Origin::of(&request);
    let device = origin.device().clone();
    let signed_in = tenant
        .db
        .transaction(move |conn| {
            // Taking the link is the guarded step: of requests racing with
            // it, one gets here with the account.
            let mut taken = account_links::take(conn, Purpose::PasswordReset, &token_hash, now)?;
            let claimed = taken.is_none();
            if claimed {
                taken = account_links::take(conn, Purpose::Claim, &token_hash, now)?;
            }
            let Some(link) = taken else {
                return Ok(None);
            };
            let user_id = link.owner()?;
            users::set_password(conn, user_id, &new_hash, false)?;
            // Claiming an imported account proves the address it was sent to.
            if claimed {
                users::mark_verified(conn, user_id, now)?;
            }
            // Every session ends, with its access tokens; this one starts anew.
            refresh_tokens::revoke_all_for_user(conn, user_id, now)?;
            let session = start_session(conn, user_id, lifetime, &origin)?;
            let user = users::find(conn, user_id)?.ok_or(DbError::NotFound)?;
            Ok(Some((user, session)))
        })
        .await?;
    let (user, session) = signed_in.ok_or_else(gone)?;
    tracing::info!(user_id = %user.id, "password set from a mailed link");
    session_response(&tenant, &user, &session, &device, HttpResponse::Ok())
}
