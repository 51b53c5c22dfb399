//! Sessions: a sign-in starts a family of refresh tokens, kept (hashed) with
//! the address and device it came from; the answer carries the access token,
//! the refresh cookie (sent only to the auth routes) and the device cookie.

use crate::auth::device::Device;
use crate::auth::tokens::new_secret_token;
use crate::db::refresh_tokens::{self, NewRefreshToken};
use crate::db::users::{self, User};
use crate::db::{AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::tenancy::Tenant;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;
use endorse_shared::auth::{SessionResponse, REFRESH_COOKIE};
use endorse_shared::UserId;

/// Where the refresh cookie is sent: only to the auth routes (under the
/// association's base path, so two associations on one host keep two).
pub const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

fn refresh_cookie_path(tenant: &Tenant) -> String {
    format!("{}{REFRESH_COOKIE_PATH}", tenant.base_path)
}

/// Where a sign-in comes from: the address and the browser's device id.
#[derive(Debug, Clone)]
pub struct Origin {
    ip: Option<String>,
    device: Device,
}

impl Origin {
    /// The request's address and device.
    pub fn of(request: &HttpRequest) -> Self {
        Self {
            ip: peer_ip(request),
            device: Device::of(request),
        }
    }

    /// The browser's device, whose cookie the response sets.
    pub fn device(&self) -> &Device {
        &self.device
    }
}

/// A session just started or refreshed: its id (the family of refresh
/// tokens, which access tokens name as `sid`) and the refresh secret.
#[derive(Debug, Clone)]
pub struct NewSession {
    id: String,
    refresh: String,
}

/// Starts a new session (a family of refresh tokens) and returns it.
pub fn start_session(
    conn: &mut AnyConnection,
    user: UserId,
    lifetime: u64,
    origin: &Origin,
) -> DbResult<NewSession> {
    let now = Utc::now().naive_utc();
    let new = new_secret_token();
    let family = uuid::Uuid::new_v4().to_string();
    refresh_tokens::insert(
        conn,
        &NewRefreshToken {
            user_id: user,
            family_id: &family,
            token_hash: &new.hash,
            expires_at: expiry(now, lifetime),
            ip: origin.ip.as_deref(),
            device_hash: Some(&origin.device.hash()),
        },
        now,
    )?;
    // Sweeping here keeps the table small without a scheduler.
    refresh_tokens::delete_expired(conn, now - chrono::Duration::days(1))?;
    Ok(NewSession {
        id: family,
        refresh: new.secret,
    })
}

fn expiry(now: chrono::NaiveDateTime, lifetime: u64) -> chrono::NaiveDateTime {
    now + chrono::Duration::seconds(i64::try_from(lifetime).unwrap_or(i64::MAX / 2_000))
}

/// A session body plus the refresh cookie and the device cookie.
pub fn session_response(
    state: &Tenant,
    user: &User,
    session: &NewSession,
    device: &Device,
    mut builder: actix_web::HttpResponseBuilder,
) -> ApiResult<HttpResponse> {
    let access_token = state
        .tokens
        .issue(state.code(), user.id, user.role, &session.id)
        .map_err(|error| ApiError::Internal(format!("token signing failed: {error}")))?;
    let cookie = Cookie::build(REFRESH_COOKIE, session.refresh.clone())
        .path(refresh_cookie_path(state))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.secure_cookies())
        .max_age(CookieDuration::seconds(
            i64::try_from(state.settings.refresh_token_seconds).unwrap_or(i64::MAX / 2_000),
        ))
        .finish();
    Ok(builder
        .cookie(cookie)
        .cookie(device.cookie(&state.base_path, state.settings.secure_cookies()))
        .json(SessionResponse {
            access_token,
            token_type: "Bearer".to_string(),
            expires_in: state.tokens.lifetime_seconds(),
            user: user.to_response(),
        }))
}

/// The cookie that removes the refresh cookie (sign-out).
pub fn removal_cookie(state: &Tenant) -> Cookie<'static> {
    let mut cookie = Cookie::build(REFRESH_COOKIE, "")
        .path(refresh_cookie_path(state))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.secure_cookies())
        .finish();
    cookie.make_removal();
    cookie
}

/// What happened to a presented refresh token.
pub enum RefreshOutcome {
    /// A new token of the same family.
    Rotated {
        /// Whose session it is.
        user: Box<User>,
        /// The session with its new refresh secret.
        session: NewSession,
    },
    /// No such token.
    Unknown,
    /// Past its lifetime.
    Expired,
    /// Already rotated or revoked: the family is revoked too.
    Reused,
    /// The account is disabled: the family is revoked.
    Disabled,
}

/// Rotates a presented refresh token (by its hash), in the caller's
/// transaction: the old one stops working; presenting it again revokes its
/// whole family.
pub fn rotate(
    conn: &mut AnyConnection,
    presented_hash: &str,
    lifetime: u64,
    origin: &Origin,
) -> DbResult<RefreshOutcome> {
    let now = Utc::now().naive_utc();
    let Some(token) = refresh_tokens::find_by_hash(conn, presented_hash)? else {
        return Ok(RefreshOutcome::Unknown);
    };
    if token.revoked_at.is_some() || token.rotated_at.is_some() {
        refresh_tokens::revoke_family(conn, &token.family_id, now)?;
        return Ok(RefreshOutcome::Reused);
    }
    if token.expires_at <= now {
        return Ok(RefreshOutcome::Expired);
    }
    if !refresh_tokens::mark_rotated(conn, &token.id, now)? {
        refresh_tokens::revoke_family(conn, &token.family_id, now)?;
        return Ok(RefreshOutcome::Reused);
    }
    let user_id: UserId = token
        .user_id
        .parse()
        .map_err(|_| DbError::Corrupt(format!("user id '{}'", token.user_id)))?;
    let Some(user) = users::find(conn, user_id)? else {
        return Ok(RefreshOutcome::Unknown);
    };
    if user.is_disabled() {
        refresh_tokens::revoke_family(conn, &token.family_id, now)?;
        return Ok(RefreshOutcome::Disabled);
    }
    let new = new_secret_token();
    refresh_tokens::insert(
        conn,
        &NewRefreshToken {
            user_id: user.id,
            family_id: &token.family_id,
            token_hash: &new.hash,
            expires_at: expiry(now, lifetime),
            ip: origin.ip.as_deref(),
            device_hash: Some(&origin.device.hash()),
        },
        now,
    )?;
    Ok(RefreshOutcome::Rotated {
        user: Box::new(user),
        session: NewSession {
            id: token.family_id,
            refresh: new.secret,
        },
    })
}
