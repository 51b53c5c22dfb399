//! Registration, sign-in, refresh and sign-out.
//!
//! The access token goes in the body (the SPA keeps it in memory only); the
//! refresh token goes only in an httpOnly, SameSite=Strict cookie scoped to
//! `/api/v1/auth`. A refresh token is single use: refreshing rotates it, and
//! presenting a rotated one again revokes its whole family (someone copied it).

use crate::auth::mfa::{self, Proof};
use crate::auth::passwords;
use crate::auth::rate_limit::too_many;
use crate::auth::session::{
    removal_cookie, rotate, session_response, start_session, Origin, RefreshOutcome,
};
use crate::auth::tokens::hash_secret_token;
use crate::db::association_log::Actor;
use crate::db::rate_limits;
use crate::db::refresh_tokens::{self};
use crate::db::users::{self, NewUser};
use crate::error::{ApiError, ApiResult};
use crate::http::client::client_ip;
use crate::tenancy::Tenant;
use crate::workflow::accounts;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use endorse_shared::auth::{LoginRequest, RegisterRequest, SessionResponse, REFRESH_COOKIE};
use endorse_shared::i18n::Text;
use endorse_shared::validation::normalize_email;
use endorse_shared::{Problem, Role};
use validator::Validate;

/// Registers an applicant account and signs it in.
///
/// Anyone may register; the account is always an applicant. Reviewers and admins
/// are created by an admin. A link to confirm the address is mailed; the
/// person can build a portfolio meanwhile.
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
    tenant: Tenant,
    request: HttpRequest,
    body: web::Json<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner().normalized();
    body.validate()?;
    // Every registration counts, made or not: the slot is taken first, in
    // the database, so the limit holds across requests racing for it and
    // across server processes.
    let key = tenant.registrations_by_ip.key(&client_ip(&request));
    let bound = tenant.registrations_by_ip.bound();
    let now = tenant.clock.now().naive_utc();
    tenant
        .db
        .run(move |conn| rate_limits::take(conn, &[(&key, bound)], now))
        .await?
        .map_err(too_many)?;

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
    let lifetime = tenant.settings.refresh_token_seconds;
    let origin = Origin::of(&request);
    let device = origin.device().clone();
    let link = tenant.account_links.new_link();
    let inner = tenant.clone();
    let at = tenant.clock.now();
    let (user, session) = tenant
        .db
        .transaction(move |conn| {
            let user = users::insert(conn, new)?;
            let session = start_session(conn, user.id, lifetime, &origin)?;
            // The person may start at once; the link to confirm the address
            // is on its way.
            crate::workflow::accounts::mail_confirmation(
                conn,
                (&inner.mail(), (&link.nonce, &link.token_hash)),
                &user,
                &user.email,
                at,
            )?;
            Ok((user, session))
        })
        .await
        .map_err(ApiError::duplicate_email)?;
    tracing::info!(user_id = %user.id, "applicant registered");
    session_response(&tenant, &user, &session, &device, HttpResponse::Created())
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
        (status = 403, description = "The account is disabled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    tenant: Tenant,
    request: HttpRequest,
    body: web::Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    body.validate()?;
    let LoginRequest {
        email,
        password,
        code,
    } = body.into_inner();
    let email = normalize_email(&email);
    let ip_key = client_ip(&request);
    // Failures count per account *from this address*, and per address: a
    // stranger failing from elsewhere never locks the person out.
    // Each attempt takes a slot under both limits before the password is
    // checked, so twenty attempts racing for the last slot get one; a right
    // password gives its slots back.
    let account_key = tenant
        .login_failures_by_account
        .key(&format!("{email}|{ip_key}"));
    let ip_key = tenant.login_failures_by_ip.key(&ip_key);
    let bounds = [
        (ip_key, tenant.login_failures_by_ip.bound()),
        (
            account_key.clone(),
            tenant.login_failures_by_account.bound(),
        ),
    ];
    let now = tenant.clock.now().naive_utc();
    let slots = tenant
        .db
        .run(move |conn| {
            let limits: Vec<(&str, _)> = bounds.iter().map(|(k, b)| (k.as_str(), *b)).collect();
            rate_limits::take(conn, &limits, now)
        })
        .await?
        .map_err(too_many)?;

    let lookup_email = email.clone();
    let found = tenant
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
        // The slots stay taken: they are the failures counted.
        tracing::info!("sign-in refused");
        return Err(ApiError::Unauthorized(Text::new(
            "err-e-mail-address-password-not-right",
        )));
    };
    // The password was right: the slots go back, unless a second factor
    // is asked for and the code given is wrong (then it is a failure).
    let give_back = || {
        let (slots, account_key) = (slots.clone(), account_key.clone());
        tenant.db.run(move |conn| {
            rate_limits::give_back(conn, &slots)?;
            rate_limits::clear(conn, &account_key)
        })
    };
    if user.is_disabled() {
        give_back().await?;
        // Said only to someone who knows the password.
        tracing::info!(user_id = %user.id, "sign-in refused: the account is disabled");
        return Err(ApiError::Forbidden(Text::new("err-account-disabled")));
    }
    if user.mfa_enrolled_at.is_some() {
        let Some(code) = code.filter(|code| !code.trim().is_empty()) else {
            give_back().await?;
            return Err(ApiError::SecondFactor(Text::new(
                "err-second-factor-needed",
            )));
        };
        let secret = tenant.settings.signing_key_secret.clone();
        let (user_id, now) = (user.id, tenant.clock.now());
        let proof = tenant
            .db
            .transaction(move |conn| mfa::prove(conn, &secret, user_id, code.trim(), now))
            .await?;
        match proof {
            Proof::Wrong => {
                // The slots stay taken: a wrong code is a failure like a
                // wrong password.
                tracing::info!(user_id = %user.id, "sign-in refused: the second factor's code is not right");
                return Err(ApiError::SecondFactor(Text::new("err-second-factor-wrong")));
            }
            Proof::RecoveryCode => {
                let who = user.clone();
                let ip = crate::http::client::peer_ip(&request);
                tenant
                    .db
                    .transaction(move |conn| {
                        accounts::log(
                            conn,
                            Actor {
                                id: Some(&who.id.to_string()),
                                name: &who.name,
                                ip: ip.as_deref(),
                            },
                            &who,
                            ("recovery_code_used", "Signed in with a recovery code"),
                            now,
                        )
                    })
                    .await?;
            }
            Proof::Code => {}
        }
    }
    give_back().await?;

    let lifetime = tenant.settings.refresh_token_seconds;
    let user_id = user.id;
    let origin = Origin::of(&request);
    let device = origin.device().clone();
    let session = tenant
        .db
        .transaction(move |conn| start_session(conn, user_id, lifetime, &origin))
        .await?;
    tracing::info!(user_id = %user.id, "signed in");
    session_response(&tenant, &user, &session, &device, HttpResponse::Ok())
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
pub async fn refresh(tenant: Tenant, request: HttpRequest) -> ApiResult<HttpResponse> {
    let Some(cookie) = request.cookie(REFRESH_COOKIE) else {
        return Err(ApiError::Unauthorized(Text::new(
            "err-there-no-session-refresh-sign",
        )));
    };
    let presented_hash = hash_secret_token(cookie.value());
    let lifetime = tenant.settings.refresh_token_seconds;
    let origin = Origin::of(&request);
    let device = origin.device().clone();
    let outcome = tenant
        .db
        .transaction(move |conn| rotate(conn, &presented_hash, lifetime, &origin))
        .await?;
    match outcome {
        RefreshOutcome::Rotated { user, session } => {
            session_response(&tenant, &user, &session, &device, HttpResponse::Ok())
        }
        RefreshOutcome::Reused => {
            tracing::warn!("a rotated refresh token was presented again; its family is revoked");
            Err(ApiError::Unauthorized(Text::new(
                "err-session-was-ended-safety-sign-again",
            )))
        }
        RefreshOutcome::Expired => Err(ApiError::Unauthorized(Text::new(
            "err-session-has-expired-sign-again",
        ))),
        RefreshOutcome::Disabled => Err(ApiError::Unauthorized(Text::new("err-account-disabled"))),
        RefreshOutcome::Unknown => Err(ApiError::Unauthorized(Text::new(
            "err-session-not-valid-sign-again",
        ))),
    }
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
pub async fn logout(tenant: Tenant, request: HttpRequest) -> ApiResult<HttpResponse> {
    if let Some(cookie) = request.cookie(REFRESH_COOKIE) {
        let presented_hash = hash_secret_token(cookie.value());
        tenant
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
        .add_cookie(&removal_cookie(&tenant))
        .map_err(|error| ApiError::Internal(format!("cookie: {error}")))?;
    Ok(response)
}
