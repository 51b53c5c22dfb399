//! Extractors that authorize a request. A handler states who may call it by the
//! extractor it takes: [`SessionUser`], [`AuthUser`] or [`RequireAdmin`]. There is
//! no path list anywhere.
//!
//! Each one checks the access token and then re-reads the account and its
//! session, so a changed role, a deleted or disabled account, a sign-out or
//! a password change takes effect at once, not when the token expires.

use crate::auth::mfa::AdminMfa;
use crate::db::refresh_tokens;
use crate::db::users::{self, User};
use crate::error::ApiError;
use crate::tenancy::Tenant;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use endorse_shared::i18n::Text;
use endorse_shared::Role;
use futures_util::future::LocalBoxFuture;

/// Any signed-in user, including one who must still replace a password someone
/// else chose. Only `/me` and `/me/password` take this.
#[derive(Debug, Clone)]
pub struct SessionUser(pub User);

/// A signed-in user with a password of their own: what most routes take.
#[derive(Debug, Clone)]
pub struct AuthUser(pub User);

/// A signed-in admin.
#[derive(Debug, Clone)]
pub struct RequireAdmin(pub User);

/// A signed-in peer reviewer; any other role is a 403.
#[derive(Debug, Clone)]
pub struct RequireReviewer(pub User);

fn bearer_token(request: &HttpRequest) -> Result<String, ApiError> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| {
            ApiError::Unauthorized(Text::new("err-sign-first-authorization-header-missing"))
        })?;
    let value = value.to_str().map_err(|_| {
        ApiError::Unauthorized(Text::new("err-authorization-header-not-valid-text"))
    })?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim().to_string())
        }
        _ => Err(ApiError::Unauthorized(Text::new(
            "err-authorization-header-must-bearer-access-token",
        ))),
    }
}

async fn load_session_user(request: HttpRequest) -> Result<User, ApiError> {
    let tenant = request
        .extensions()
        .get::<Tenant>()
        .cloned()
        .ok_or_else(|| ApiError::NotFound(Text::new("err-address-belongs-no-association")))?;
    let token = bearer_token(&request)?;
    let claims = tenant.tokens.verify(&token).map_err(|error| {
        use jsonwebtoken::errors::ErrorKind;
        match error.kind() {
            ErrorKind::ExpiredSignature => {
                ApiError::Unauthorized(Text::new("err-access-token-has-expired-refresh-session"))
            }
            _ => ApiError::Unauthorized(Text::new("err-access-token-not-valid")),
        }
    })?;
    // A token is good only at the association that issued it (one made
    // before associations names none: the first association's).
    let issued_here = match &claims.aud {
        Some(code) => code == tenant.code(),
        None => tenant.association.storage.is_empty(),
    };
    if !issued_here {
        return Err(ApiError::Unauthorized(Text::new(
            "err-access-token-belongs-another-association-sign",
        )));
    }
    if let Some(grant) = claims
        .sid
        .strip_prefix(crate::tenancy::operators::SUPPORT_SESSION)
    {
        let user = support_user(&tenant, &request, claims.sub, grant).await?;
        request.extensions_mut().insert(SupportSession);
        return Ok(user);
    }
    let now = chrono::Utc::now().naive_utc();
    let (user, live) = tenant
        .db
        .run(move |conn| {
            let live = refresh_tokens::session_live(conn, claims.sub, &claims.sid, now)?;
            Ok((users::find(conn, claims.sub)?, live))
        })
        .await?;
    let user =
        user.ok_or_else(|| ApiError::Unauthorized(Text::new("err-account-no-longer-exists")))?;
    if user.is_disabled() {
        return Err(ApiError::Unauthorized(Text::new("err-account-disabled")));
    }
    if !live {
        return Err(ApiError::Unauthorized(Text::new(
            "err-session-has-ended-signed-out-password",
        )));
    }
    crate::http::language::saved(user.language);
    Ok(user)
}

/// A platform operator in a support session: an admin who may only read,
/// while the association's grant lasts (checked on every request).
async fn support_user(
    tenant: &Tenant,
    request: &HttpRequest,
    operator: endorse_shared::UserId,
    grant: &str,
) -> Result<User, ApiError> {
    let found =
        crate::tenancy::settings::live_grant(tenant, operator.to_string(), grant.to_string())
            .await?
            .ok_or_else(|| {
                ApiError::Unauthorized(Text::new("err-support-access-has-ended-was-taken"))
            })?;
    if !matches!(
        *request.method(),
        actix_web::http::Method::GET | actix_web::http::Method::HEAD
    ) {
        return Err(ApiError::Forbidden(Text::new(
            "err-support-access-read-only",
        )));
    }
    Ok(User {
        id: operator,
        email: found.email,
        name: format!("Platform support ({})", found.name),
        role: Role::Admin,
        must_change_password: false,
        created_at: found.created_at.and_utc(),
        language: None,
        email_verified_at: Some(found.created_at.and_utc()),
        pending_email: None,
        disabled: None,
        mfa_enrolled_at: None,
        erased_at: None,
    })
}

/// Marks a request made in a platform operator's read-only support session
/// (the operator signed in on the platform, not here).
#[derive(Debug, Clone, Copy)]
struct SupportSession;

impl FromRequest for SessionUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move { load_session_user(request).await.map(SessionUser) })
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let user = load_session_user(request).await?;
            if user.must_change_password {
                return Err(ApiError::Forbidden(Text::new(
                    "err-choose-new-password-first-post-api",
                )));
            }
            Ok(AuthUser(user))
        })
    }
}

impl FromRequest for RequireAdmin {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = AuthUser::from_request(request, payload);
        let request = request.clone();
        Box::pin(async move {
            let AuthUser(user) = user.await?;
            if user.role != Role::Admin {
                return Err(ApiError::Forbidden(Text::new("err-only-admin-may-do")));
            }
            // Where the deployment requires it, an admin without a second
            // factor may turn one on (their own account's routes) and do
            // nothing else an admin does.
            let required = request
                .extensions()
                .get::<Tenant>()
                .is_some_and(|tenant| tenant.settings.admin_mfa == AdminMfa::Required);
            let support = request.extensions().get::<SupportSession>().is_some();
            if required && !support && user.mfa_enrolled_at.is_none() {
                return Err(ApiError::EnrollSecondFactor(Text::new(
                    "err-admin-second-factor-required",
                )));
            }
            Ok(RequireAdmin(user))
        })
    }
}

impl FromRequest for RequireReviewer {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = AuthUser::from_request(request, payload);
        Box::pin(async move {
            let AuthUser(user) = user.await?;
            if user.role != Role::Reviewer {
                return Err(ApiError::Forbidden(Text::new(
                    "err-only-peer-reviewer-may-do",
                )));
            }
            Ok(RequireReviewer(user))
        })
    }
}

/// A signed-in platform operator (a `/platform/api/v1` token); an
/// association's token is a 401 here, as an operator's is there.
#[derive(Debug, Clone)]
pub struct RequireOperator(pub crate::tenancy::operators::Operator);

impl FromRequest for RequireOperator {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let state = request
                .app_data::<actix_web::web::Data<crate::state::AppState>>()
                .ok_or_else(|| ApiError::Internal("application state missing".into()))?
                .clone();
            let token = bearer_token(&request)?;
            crate::tenancy::operators::operator_of(&state.associations, &state.tokens, &token)
                .await
                .map(RequireOperator)
        })
    }
}
