//! Registration, sign-in, refresh and sign-out.
//!
//! The access token goes in the body (the SPA keeps it in memory only); the
//! refresh token goes only in an httpOnly, SameSite=Strict cookie scoped to
//! `/api/v1/auth`. A refresh token is single use: refreshing rotates it, and
//! presenting a rotated one again revokes its whole family (someone copied it).

use crate::auth::device::Device;
use crate::auth::passwords;
use crate::auth::rate_limit::retry_after_seconds;
use crate::auth::tokens::{hash_secret_token, new_secret_token};
use crate::db::refresh_tokens::{self, NewRefreshToken};
use crate::db::users::{self, NewUser, User};
use crate::db::{AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use endorse_shared::auth::{LoginRequest, RegisterRequest, SessionResponse, REFRESH_COOKIE};
use endorse_shared::validation::normalize_email;
use endorse_shared::{Problem, Role, UserId};
use validator::Validate;

/// Where the refresh cookie is sent: only to the auth routes.
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

/// Registers an applicant account and signs it in.
///
/// Anyone may register; the account is always an applicant. Reviewers and admins
/// are created by an admin.
#[utoipa::path(
    post,
    path = "/api/v1/auth/register",
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered and signed in; the refresh cookie is set", body = SessionResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The e-mail address already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many registrations from this address", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn register(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner().normalized();
    body.validate()?;
    let ip_key = client_ip(&request);
    state
        .registrations_by_ip
        .check(&ip_key)
        .map_err(|wait| ApiError::TooManyRequests {
            retry_after: retry_after_seconds(wait),
        })?;
    state.registrations_by_ip.record(&ip_key);

    let password_hash = passwords::hash_new_for(
        "password",
        body.password.clone(),
        vec![body.email.clone(), body.name.clone()],
    )
    .await?;
    let new = NewUser {
        email: body.email,
        name: body.name,
        role: Role::Applicant,
        password_hash,
        must_change_password: false,
    };
    let lifetime = state.settings.refresh_token_seconds;
    let origin = Origin::of(&request);
    let device = origin.device().clone();
    let (user, session) = state
        .db
        .transaction(move |conn| {
            let user = users::insert(conn, new)?;
            let session = start_session(conn, user.id, lifetime, &origin)?;
            Ok((user, session))
        })
        .await
        .map_err(duplicate_email)?;
    tracing::info!(user_id = %user.id, "applicant registered");
    session_response(&state, &user, &session, &device, HttpResponse::Created())
}

/// Signs in with e-mail and password.
///
/// An unknown e-mail and a wrong password get the same answer. Repeated failures
/// for one account from one address, or from one address across accounts, are
/// refused for a while (429 with Retry-After); the right password from an
/// address that has not been failing always gets in.
#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the refresh cookie is set", body = SessionResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong e-mail or password", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    body.validate()?;
    let LoginRequest { email, password } = body.into_inner();
    let email = normalize_email(&email);
    let ip_key = client_ip(&request);
    // Failures count per account *from this address*, and per address: a
    // stranger failing from elsewhere never locks the person out.
    let account_key = format!("account:{email}|{ip_key}");
    for (limiter, key) in [
        (&state.login_failures_by_ip, &ip_key),
        (&state.login_failures_by_account, &account_key),
    ] {
        limiter
            .check(key)
            .map_err(|wait| ApiError::TooManyRequests {
                retry_after: retry_after_seconds(wait),
            })?;
    }

    let lookup_email = email.clone();
    let found = state
        .db
        .run(move |conn| users::find_credentials(conn, &lookup_email))
        .await?;
    let user = web::block(move || match found {
        Some((user, hash)) if passwords::verify(&password, &hash) => Some(user),
        Some(_) => None,
        None => {
            passwords::verify_decoy(&password);
            None
        }
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?;

    let Some(user) = user else {
        state.login_failures_by_ip.record(&ip_key);
        state.login_failures_by_account.record(&account_key);
        tracing::info!("sign-in refused");
        return Err(ApiError::Unauthorized(
            "The e-mail address or the password is not right.".into(),
        ));
    };
    state.login_failures_by_account.clear(&account_key);

    let lifetime = state.settings.refresh_token_seconds;
    let user_id = user.id;
    let origin = Origin::of(&request);
    let device = origin.device().clone();
    let session = state
        .db
        .transaction(move |conn| start_session(conn, user_id, lifetime, &origin))
        .await?;
    tracing::info!(user_id = %user.id, "signed in");
    session_response(&state, &user, &session, &device, HttpResponse::Ok())
}

/// What happened to a presented refresh token.
enum RefreshOutcome {
    Rotated { user: User, session: NewSession },
    Unknown,
    Expired,
    Reused,
}

/// Exchanges the refresh cookie for a new access token and a new refresh cookie.
///
/// The old refresh token stops working. Presenting it again revokes every token
/// descended from the same sign-in.
#[utoipa::path(
    post,
    path = "/api/v1/auth/refresh",
    tag = "auth",
    responses(
        (status = 200, description = "A new session; the refresh cookie is replaced", body = SessionResponse),
        (status = 401, description = "No valid refresh cookie", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(state: web::Data<AppState>, request: HttpRequest) -> ApiResult<HttpResponse> {
    let Some(cookie) = request.cookie(REFRESH_COOKIE) else {
        return Err(ApiError::Unauthorized(
            "There is no session to refresh; sign in.".into(),
        ));
    };
    let presented_hash = hash_secret_token(cookie.value());
    let lifetime = state.settings.refresh_token_seconds;
    let origin = Origin::of(&request);
    let device = origin.device().clone();
    let outcome = state
        .db
        .transaction(move |conn| rotate(conn, &presented_hash, lifetime, &origin))
        .await?;
    match outcome {
        RefreshOutcome::Rotated { user, session } => {
            session_response(&state, &user, &session, &device, HttpResponse::Ok())
        }
        RefreshOutcome::Reused => {
            tracing::warn!("a rotated refresh token was presented again; its family is revoked");
            Err(ApiError::Unauthorized(
                "This session was ended for safety; sign in again.".into(),
            ))
        }
        RefreshOutcome::Expired => Err(ApiError::Unauthorized(
            "The session has expired; sign in again.".into(),
        )),
        RefreshOutcome::Unknown => Err(ApiError::Unauthorized(
            "The session is not valid; sign in again.".into(),
        )),
    }
}

fn rotate(
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
        user,
        session: NewSession {
            id: token.family_id,
            refresh: new.secret,
        },
    })
}

/// Signs out: revokes the refresh token's family and clears the cookie.
///
/// Needs no access token, so a user whose access token expired can still sign out.
#[utoipa::path(
    post,
    path = "/api/v1/auth/logout",
    tag = "auth",
    responses((status = 204, description = "Signed out; the refresh cookie is cleared"))
)]
pub async fn logout(state: web::Data<AppState>, request: HttpRequest) -> ApiResult<HttpResponse> {
    if let Some(cookie) = request.cookie(REFRESH_COOKIE) {
        let presented_hash = hash_secret_token(cookie.value());
        state
            .db
            .transaction(move |conn| {
                if let Some(token) = refresh_tokens::find_by_hash(conn, &presented_hash)? {
                    refresh_tokens::revoke_family(conn, &token.family_id, Utc::now().naive_utc())?;
                }
                Ok(())
            })
            .await?;
    }
    let mut response = HttpResponse::NoContent().finish();
    response
        .add_cookie(&removal_cookie(&state))
        .map_err(|error| ApiError::Internal(format!("cookie: {error}")))?;
    Ok(response)
}

/// Where a sign-in comes from: the address and the browser's device id.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    ip: Option<String>,
    device: Device,
}

impl Origin {
    /// The request's address and device.
    pub(crate) fn of(request: &HttpRequest) -> Self {
        Self {
            ip: peer_ip(request),
            device: Device::of(request),
        }
    }

    /// The browser's device, whose cookie the response sets.
    pub(crate) fn device(&self) -> &Device {
        &self.device
    }
}

/// A session just started or refreshed: its id (the family of refresh
/// tokens, which access tokens name as `sid`) and the refresh secret.
#[derive(Debug, Clone)]
pub(crate) struct NewSession {
    id: String,
    refresh: String,
}

/// Starts a new session (a family of refresh tokens) and returns it.
pub(crate) fn start_session(
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
pub(crate) fn session_response(
    state: &AppState,
    user: &User,
    session: &NewSession,
    device: &Device,
    mut builder: actix_web::HttpResponseBuilder,
) -> ApiResult<HttpResponse> {
    let access_token = state
        .tokens
        .issue(user.id, user.role, &session.id)
        .map_err(|error| ApiError::Internal(format!("token signing failed: {error}")))?;
    let cookie = Cookie::build(REFRESH_COOKIE, session.refresh.clone())
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.secure_cookies())
        .max_age(CookieDuration::seconds(
            i64::try_from(state.settings.refresh_token_seconds).unwrap_or(i64::MAX / 2_000),
        ))
        .finish();
    Ok(builder
        .cookie(cookie)
        .cookie(device.cookie(state.settings.secure_cookies()))
        .json(SessionResponse {
            access_token,
            token_type: "Bearer".to_string(),
            expires_in: state.tokens.lifetime_seconds(),
            user: user.to_response(),
        }))
}

fn removal_cookie(state: &AppState) -> Cookie<'static> {
    let mut cookie = Cookie::build(REFRESH_COOKIE, "")
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.secure_cookies())
        .finish();
    cookie.make_removal();
    cookie
}

/// The client's address: the socket peer, or, behind a reverse proxy named
/// in `ENDORSE_TRUSTED_PROXIES`, the address that proxy forwarded for. Nobody
/// else's `X-Forwarded-For` is believed: it is the client's to forge.
fn client_addr(request: &HttpRequest) -> Option<std::net::IpAddr> {
    let peer = request.peer_addr().map(|addr| addr.ip());
    let Some(state) = request.app_data::<web::Data<AppState>>() else {
        return peer;
    };
    let forwarded = request
        .headers()
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok());
    state.settings.trusted_proxies.client(peer, forwarded)
}

/// The client's address as a rate-limit key.
pub(crate) fn client_ip(request: &HttpRequest) -> String {
    client_addr(request).map_or_else(|| "ip:unknown".to_string(), |ip| format!("ip:{ip}"))
}

/// The client's IP address, kept with sessions and reference answers so
/// reviewers can spot a referee answering from the applicant's address.
pub(crate) fn peer_ip(request: &HttpRequest) -> Option<String> {
    client_addr(request).map(|ip| ip.to_string())
}

/// Maps a unique violation on insert to the 409 for a taken e-mail address.
pub(crate) fn duplicate_email(error: DbError) -> ApiError {
    match error {
        DbError::UniqueViolation(_) => {
            ApiError::Conflict("An account with this e-mail address already exists.".into())
        }
        other => other.into(),
    }
}
