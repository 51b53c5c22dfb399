//! The second factor: a person turns it on (a key for their authenticator
//! app, confirmed with a code from it; recovery codes shown once), sees
//! it, turns it off or renews the recovery codes (with the password and a
//! code); an admin resets it for someone who lost their device.

use crate::auth::mfa::{self, AdminMfa, Proof};
use crate::auth::{passwords, AuthUser, RequireAdmin};
use crate::db::association_log::Actor;
use crate::db::users::{self, User};
use crate::db::{mfa as stored, refresh_tokens, DbError};
use crate::error::{ApiError, ApiResult};
use crate::http::client::{by, peer_ip};
use crate::tenancy::Tenant;
use crate::workflow::accounts;
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::i18n::Text;
use endorse_shared::mfa::{
    MfaConfirmRequest, MfaProofRequest, MfaResetRequest, MfaSetup, MfaSetupRequest, MfaStatus,
    RecoveryCodes,
};
use endorse_shared::users::UserResponse;
use endorse_shared::{Problem, Role, UserId};
use validator::Validate;

/// Whether `user` may not go without a second factor.
fn required(tenant: &Tenant, user: &User) -> bool {
    user.role == Role::Admin && tenant.settings.admin_mfa == AdminMfa::Required
}

/// The password, then a code (or a recovery code), each refused by name.
async fn prove(tenant: &Tenant, user: &User, proof: MfaProofRequest) -> ApiResult<Proof> {
    proof.validate()?;
    passwords::require_current(&tenant.db, user.id, proof.password, "password").await?;
    let secret = tenant.settings.signing_key_secret.clone();
    let (id, now, code) = (user.id, tenant.clock.now(), proof.code);
    let proved = tenant
        .db
        .transaction(move |conn| mfa::prove(conn, &secret, id, code.trim(), now))
        .await?;
    if proved == Proof::Wrong {
        return Err(ApiError::field(
            "code",
            Text::new("err-second-factor-wrong"),
        ));
    }
    Ok(proved)
}

fn own(user: &User, request: &HttpRequest) -> (String, String, Option<String>) {
    (user.id.to_string(), user.name.clone(), peer_ip(request))
}

async fn status_of(tenant: &Tenant, user: &User) -> ApiResult<MfaStatus> {
    let id = user.id;
    let (keys, left) = tenant
        .db
        .run(move |conn| Ok((stored::keys(conn, id)?, stored::codes_left(conn, id)?)))
        .await?;
    let enrolled_at = keys.and_then(|k| k.enrolled_at).map(|at| at.and_utc());
    Ok(MfaStatus {
        enabled: enrolled_at.is_some(),
        enrolled_at,
        recovery_codes_left: u32::try_from(left).unwrap_or(u32::MAX),
        required: required(tenant, user),
    })
}

/// One's own second factor: whether it is on, since when, how many
/// recovery codes are left, and whether one may go without it.
#[utoipa::path(
    get,
    path = "/api/v1/me/mfa",
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The second factor", body = MfaStatus),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_mfa(tenant: Tenant, AuthUser(user): AuthUser) -> ApiResult<web::Json<MfaStatus>> {
    Ok(web::Json(status_of(&tenant, &user).await?))
}

/// Begins turning the second factor on: a new key for an authenticator
/// app (as an `otpauth://` address, a QR code and Base32). Nothing changes
/// at sign-in until a code from it is confirmed; setting up again replaces
/// a key not yet confirmed.
#[utoipa::path(
    post,
    path = "/api/v1/me/mfa/setup",
    tag = "me",
    security(("bearer" = [])),
    request_body = MfaSetupRequest,
    responses(
        (status = 200, description = "The key to add to the app", body = MfaSetup),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The second factor is on already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not the password", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn setup_mfa(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    body: web::Json<MfaSetupRequest>,
) -> ApiResult<web::Json<MfaSetup>> {
    body.validate()?;
    passwords::require_current(&tenant.db, user.id, body.into_inner().password, "password").await?;
    let key = mfa::new_key();
    let sealed = mfa::seal(&tenant.settings.signing_key_secret, user.id, &key)
        .ok_or_else(|| ApiError::Internal("a second-factor key could not be sealed".into()))?;
    let (otpauth_uri, secret) = mfa::enrollment(&key, &user.email, &tenant.association.name)
        .ok_or_else(|| ApiError::Internal("no otpauth address for this key".into()))?;
    let qr_svg = qrcode::QrCode::new(otpauth_uri.as_bytes())
        .map_err(|error| ApiError::Internal(format!("QR code: {error}")))?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let id = user.id;
    let kept = tenant
        .db
        .transaction(move |conn| stored::set_pending(conn, id, &sealed))
        .await?;
    if !kept {
        return Err(ApiError::Conflict(Text::new(
            "err-second-factor-on-already",
        )));
    }
    Ok(web::Json(MfaSetup {
        secret,
        otpauth_uri,
        qr_svg,
    }))
}

/// Turns the second factor on, with a code from the app that holds the key
/// just set up (that code is taken: it cannot sign in); answers the
/// recovery codes, this once.
#[utoipa::path(
    post,
    path = "/api/v1/me/mfa",
    tag = "me",
    security(("bearer" = [])),
    request_body = MfaConfirmRequest,
    responses(
        (status = 201, description = "On; the recovery codes, shown once", body = RecoveryCodes),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "On already, or no key was set up", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a code of that key now", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn enable_mfa(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    body: web::Json<MfaConfirmRequest>,
) -> ApiResult<HttpResponse> {
    body.validate()?;
    let code = body.into_inner().code;
    let id = user.id;
    let keys = tenant
        .db
        .run(move |conn| stored::keys(conn, id))
        .await?
        .ok_or(DbError::NotFound)?;
    if keys.enrolled_at.is_some() {
        return Err(ApiError::Conflict(Text::new(
            "err-second-factor-on-already",
        )));
    }
    let Some(sealed) = keys.pending else {
        return Err(ApiError::Conflict(Text::new(
            "err-second-factor-set-up-first",
        )));
    };
    let now = tenant.clock.now();
    let step = mfa::open(&tenant.settings.signing_key_secret, id, &sealed)
        .and_then(|key| mfa::check(&key, &code, now))
        .ok_or_else(|| ApiError::field("code", Text::new("err-second-factor-wrong")))?;
    let codes = mfa::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| mfa::recovery_hash(c)).collect();
    let (actor_id, name, ip) = own(&user, &request);
    let subject = user.clone();
    let enrolled = tenant
        .db
        .transaction(move |conn| {
            if !stored::enroll(conn, id, &sealed, step, &hashes, now)? {
                return Ok(false);
            }
            accounts::log(
                conn,
                Actor {
                    id: Some(&actor_id),
                    name: &name,
                    ip: ip.as_deref(),
                },
                &subject,
                ("mfa_enrolled", "Turned on a second factor"),
                now,
            )?;
            Ok(true)
        })
        .await?;
    if !enrolled {
        return Err(ApiError::Conflict(Text::new(
            "err-second-factor-on-already",
        )));
    }
    tracing::info!(user_id = %id, "second factor turned on");
    Ok(HttpResponse::Created().json(RecoveryCodes {
        recovery_codes: codes,
    }))
}

/// Turns the second factor off, with the password and a code (or a
/// recovery code). An admin where the deployment requires one cannot.
#[utoipa::path(
    delete,
    path = "/api/v1/me/mfa",
    tag = "me",
    security(("bearer" = [])),
    request_body = MfaProofRequest,
    responses(
        (status = 200, description = "Off", body = MfaStatus),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Off already, or required of this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not the password, or not a code", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn disable_mfa(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    body: web::Json<MfaProofRequest>,
) -> ApiResult<web::Json<MfaStatus>> {
    if required(&tenant, &user) {
        return Err(ApiError::Conflict(Text::new(
            "err-second-factor-required-here",
        )));
    }
    if user.mfa_enrolled_at.is_none() {
        return Err(ApiError::Conflict(Text::new(
            "err-second-factor-off-already",
        )));
    }
    prove(&tenant, &user, body.into_inner()).await?;
    let (actor_id, name, ip) = own(&user, &request);
    let (subject, id, now) = (user.clone(), user.id, tenant.clock.now());
    tenant
        .db
        .transaction(move |conn| {
            if stored::remove(conn, id)? {
                accounts::log(
                    conn,
                    Actor {
                        id: Some(&actor_id),
                        name: &name,
                        ip: ip.as_deref(),
                    },
                    &subject,
                    ("mfa_turned_off", "Turned off the second factor"),
                    now,
                )?;
            }
            Ok(())
        })
        .await?;
    let user = reload(&tenant, id).await?;
    Ok(web::Json(status_of(&tenant, &user).await?))
}

/// New recovery codes in place of the old (each old one stops working),
/// with the password and a code.
#[utoipa::path(
    post,
    path = "/api/v1/me/mfa/recovery-codes",
    tag = "me",
    security(("bearer" = [])),
    request_body = MfaProofRequest,
    responses(
        (status = 200, description = "The new codes, shown once", body = RecoveryCodes),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The second factor is off", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not the password, or not a code", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn renew_recovery_codes(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    body: web::Json<MfaProofRequest>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    if user.mfa_enrolled_at.is_none() {
        return Err(ApiError::Conflict(Text::new(
            "err-second-factor-off-already",
        )));
    }
    prove(&tenant, &user, body.into_inner()).await?;
    let codes = mfa::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| mfa::recovery_hash(c)).collect();
    let (actor_id, name, ip) = own(&user, &request);
    let (subject, id, now) = (user.clone(), user.id, tenant.clock.now());
    tenant
        .db
        .transaction(move |conn| {
            stored::replace_recovery_codes(conn, id, &hashes, now)?;
            accounts::log(
                conn,
                Actor {
                    id: Some(&actor_id),
                    name: &name,
                    ip: ip.as_deref(),
                },
                &subject,
                ("recovery_codes_renewed", "Made new recovery codes"),
                now,
            )
        })
        .await?;
    Ok(web::Json(RecoveryCodes {
        recovery_codes: codes,
    }))
}

async fn reload(tenant: &Tenant, id: UserId) -> ApiResult<User> {
    tenant
        .db
        .run(move |conn| users::find(conn, id))
        .await?
        .ok_or_else(|| ApiError::NotFound(Text::new("err-there-no-account-with-id")))
}

/// Admins: resets the second factor of someone who lost their device, with
/// a reason: they sign in with the password alone (every session of theirs
/// ends) and may turn it on again. Not one's own.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/mfa/reset",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account")),
    request_body = MfaResetRequest,
    responses(
        (status = 200, description = "Reset", body = UserResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account has no second factor, or is one's own", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reset_mfa(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<UserId>,
    body: web::Json<MfaResetRequest>,
) -> ApiResult<web::Json<UserResponse>> {
    body.validate()?;
    let id = id.into_inner();
    if id == admin.id {
        return Err(ApiError::Conflict(Text::new("err-second-factor-reset-own")));
    }
    let reason = body.into_inner().reason.trim().to_string();
    let who = by(&admin, &request);
    let now = tenant.clock.now();
    let outcome = tenant
        .db
        .attempt(move |conn| {
            let Some(user) = users::find(conn, id)? else {
                return Ok(Err(ApiError::NotFound(Text::new(
                    "err-there-no-account-with-id",
                ))));
            };
            if !stored::remove(conn, id)? {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-second-factor-off-already",
                ))));
            }
            refresh_tokens::revoke_all_for_user(conn, id, now.naive_utc())?;
            accounts::log(
                conn,
                who.actor(),
                &user,
                (
                    "mfa_reset",
                    &format!("Reset the second factor of {}. Reason: {reason}", user.name),
                ),
                now,
            )?;
            Ok(Ok(users::find(conn, id)?.ok_or(DbError::NotFound)?))
        })
        .await??;
    tracing::info!(admin_id = %admin.id, user_id = %id, "second factor reset");
    Ok(web::Json(outcome.to_response()))
}
