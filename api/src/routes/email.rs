//! Confirming an e-mail address, and changing the one an account signs in
//! with.
//!
//! A link to confirm goes out at registration, when an admin makes or
//! changes an account's address, and when the person asks (again, or for a
//! new address). Opening it needs no session (it may be opened on another
//! device). A new address takes effect only once confirmed; the old one is
//! told. Links to confirm count, per address they go to, under the same
//! limit as links to choose a password.

use crate::auth::links::looks_like_token;
use crate::auth::passwords;
use crate::auth::rate_limit::too_many;
use crate::auth::tokens::hash_secret_token;
use crate::auth::AuthUser;
use crate::db::{rate_limits, users};
use crate::error::{ApiError, ApiResult};
use crate::tenancy::Tenant;
use crate::workflow::accounts::{self, Confirmed};
use actix_web::{web, HttpResponse};
use endorse_shared::i18n::Text;
use endorse_shared::users::{
    ChangeEmailRequest, ConfirmEmailRequest, ConfirmationSent, EmailConfirmed, EMAIL_CONFIRM_DAYS,
};
use endorse_shared::Problem;
use validator::Validate;

/// Takes a slot for one more link to `email`, or says to wait.
async fn take_mail_slot(tenant: &Tenant, email: &str) -> ApiResult<()> {
    let key = tenant.password_resets_by_email.key(email);
    let bound = tenant.password_resets_by_email.bound();
    let now = tenant.clock.now().naive_utc();
    tenant
        .db
        .run(move |conn| rate_limits::take(conn, &[(&key, bound)], now))
        .await?
        .map_err(too_many)?;
    Ok(())
}

/// Asks to sign in with another address.
///
/// A link goes to the new address; the account keeps its address until the
/// link is opened (`pending_email` shows the one waiting). Asking again, for
/// the same or another address, replaces the link.
#[utoipa::path(
    post,
    path = "/api/v1/me/email",
    tag = "me",
    security(("bearer" = [])),
    request_body = ChangeEmailRequest,
    responses(
        (status = 202, description = "A link to confirm is on its way to the new address", body = ConfirmationSent),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The address already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an address, the same address, or the password is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many links to this address for now", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn change_email(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    body: web::Json<ChangeEmailRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner().normalized();
    body.validate()?;
    let ChangeEmailRequest { email, password } = body;
    if email == user.email {
        return Err(ApiError::field(
            "email",
            Text::new("err-email-same-as-current"),
        ));
    }
    let user_id = user.id;
    passwords::require_current(&tenant.db, user_id, password, "password").await?;
    take_mail_slot(&tenant, &email).await?;
    let link = tenant.account_links.new_link();
    let inner = tenant.clone();
    let now = tenant.clock.now();
    let to = email.clone();
    let taken = tenant
        .db
        .transaction(move |conn| {
            if users::email_taken(conn, &to)? {
                return Ok(true);
            }
            users::set_pending_email(conn, user.id, Some(&to), now.naive_utc())?;
            accounts::mail_confirmation(
                conn,
                (&inner.mail(), (&link.nonce, &link.token_hash)),
                &user,
                &to,
                now,
            )?;
            Ok(false)
        })
        .await?;
    if taken {
        return Err(ApiError::Conflict(Text::new(
            "err-account-with-e-mail-address-already",
        )));
    }
    tracing::info!(user_id = %user_id, "a change of address asked for");
    Ok(HttpResponse::Accepted().json(ConfirmationSent {
        email,
        valid_days: EMAIL_CONFIRM_DAYS,
    }))
}

/// Sends the link to confirm an address again: to the address waiting to
/// replace the account's, if there is one, else to the account's own.
#[utoipa::path(
    post,
    path = "/api/v1/me/email/confirmation",
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "A new link is on its way; earlier ones stop working", body = ConfirmationSent),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The address is confirmed already", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many links to this address for now", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn resend_confirmation(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<HttpResponse> {
    let email = match &user.pending_email {
        Some(pending) => pending.clone(),
        None if user.email_verified() => {
            return Err(ApiError::Conflict(Text::new("err-email-confirmed-already")));
        }
        None => user.email.clone(),
    };
    take_mail_slot(&tenant, &email).await?;
    let link = tenant.account_links.new_link();
    let inner = tenant.clone();
    let now = tenant.clock.now();
    let to = email.clone();
    tenant
        .db
        .transaction(move |conn| {
            accounts::mail_confirmation(
                conn,
                (&inner.mail(), (&link.nonce, &link.token_hash)),
                &user,
                &to,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Accepted().json(ConfirmationSent {
        email,
        valid_days: EMAIL_CONFIRM_DAYS,
    }))
}

/// Confirms an address with the token of a mailed link.
///
/// For a link sent at registration (or to the address the account has), the
/// address is confirmed; for one sent to a new address, the account signs
/// in with it from now on, and the old address is told. A link works once,
/// for a week, and only while it is the newest.
#[utoipa::path(
    post,
    path = "/api/v1/auth/email/confirm",
    tag = "auth",
    request_body = ConfirmEmailRequest,
    responses(
        (status = 200, description = "Confirmed", body = EmailConfirmed),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The new address has another account now", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link no longer works", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn confirm_email(
    tenant: Tenant,
    body: web::Json<ConfirmEmailRequest>,
) -> ApiResult<web::Json<EmailConfirmed>> {
    body.validate()?;
    let token = body.into_inner().token;
    let gone = || ApiError::Gone(Text::new("err-confirm-link-gone"));
    if !looks_like_token(&token) {
        return Err(gone());
    }
    let token_hash = hash_secret_token(&token);
    let now = tenant.clock.now();
    let inner = tenant.clone();
    let outcome = tenant
        .db
        .transaction(move |conn| accounts::confirm_email(conn, &inner.mail(), &token_hash, now))
        .await?;
    match outcome {
        Confirmed::Done(user) => {
            tracing::info!(user_id = %user.id, "address confirmed");
            Ok(web::Json(EmailConfirmed { email: user.email }))
        }
        Confirmed::Gone => Err(gone()),
        Confirmed::Taken => Err(ApiError::Conflict(Text::new(
            "err-account-with-e-mail-address-already",
        ))),
    }
}
