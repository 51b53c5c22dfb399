//! The platform's operators, under `/platform/api/v1`: sign-in, the
//! associations with their health, making one with its first admin, and a
//! support session where an association's admin allowed one. These routes
//! belong to the deployment, not to an association: they take the
//! deployment's state and reach associations only through
//! `tenancy::operators`, which gives counts, never records.

use crate::auth::RequireOperator;
use crate::error::{ApiError, ApiResult};
use crate::http::client::client_ip;
use crate::state::AppState;
use crate::tenancy::{operators, NewAssociation};
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::associations::{
    AssociationHealth, CreateAssociationRequest, CreatedAssociation, OperatorLoginRequest,
    OperatorSession,
};
use endorse_shared::i18n::Text;
use endorse_shared::Problem;
use serde::{Deserialize, Serialize};

/// A support session's token, for the association's own API.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SupportSession {
    /// A bearer token of the association, read-only, until the grant ends.
    pub access_token: String,
    /// Where the association's API is.
    pub api: String,
}

/// Operators: sign in.
#[utoipa::path(
    post,
    path = "/platform/api/v1/auth/login",
    tag = "platform",
    request_body = OperatorLoginRequest,
    responses(
        (status = 200, description = "Signed in", body = OperatorSession),
        (status = 401, description = "Wrong e-mail or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures from this address", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<OperatorLoginRequest>,
) -> ApiResult<web::Json<OperatorSession>> {
    let OperatorLoginRequest { email, password } = body.into_inner();
    if email.len() > 254 || password.len() > 1024 {
        return Err(ApiError::Unauthorized(Text::new(
            "err-e-mail-address-password-not-right",
        )));
    }
    let limits = &state.settings.rate_limits;
    let window = chrono::Duration::from_std(limits.window()).unwrap_or(chrono::Duration::MAX);
    let session = operators::login(
        &state.associations,
        (&state.tokens, limits.login_failures_per_ip, window),
        (email, password),
        (client_ip(&request), state.clock.now()),
    )
    .await?;
    Ok(web::Json(session))
}

/// Operators: every association, with its health.
#[utoipa::path(
    get,
    path = "/platform/api/v1/associations",
    tag = "platform",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every association", body = Vec<AssociationHealth>),
        (status = 401, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_associations(
    state: web::Data<AppState>,
    _operator: RequireOperator,
) -> ApiResult<web::Json<Vec<AssociationHealth>>> {
    let inner = state.clone();
    let all = web::block(move || operators::all_health(&inner.associations, &inner.settings))
        .await
        .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))??;
    Ok(web::Json(all))
}

/// Operators: makes an association with its own database and its first
/// admin, whose one-time password is in the answer (once).
#[utoipa::path(
    post,
    path = "/platform/api/v1/associations",
    tag = "platform",
    security(("bearer" = [])),
    request_body = CreateAssociationRequest,
    responses(
        (status = 201, description = "Made", body = CreatedAssociation),
        (status = 401, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code or host is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_association(
    state: web::Data<AppState>,
    RequireOperator(operator): RequireOperator,
    body: web::Json<CreateAssociationRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let inner = state.clone();
    let made = web::block(move || {
        operators::create(
            &inner.associations,
            (&inner.settings, inner.clock.as_ref()),
            &operator,
            &NewAssociation {
                code: body.code,
                name: body.name,
                host: body.host.filter(|h| !h.trim().is_empty()),
                time_zone: body.time_zone,
            },
            &body.admin_email,
        )
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))??;
    tracing::info!(association = %made.association.code, "association made by an operator");
    Ok(HttpResponse::Created().json(made))
}

/// Operators: opens a read-only support session at an association whose
/// admin gave this operator access (logged in both logs).
#[utoipa::path(
    post,
    path = "/platform/api/v1/associations/{code}/support-session",
    tag = "platform",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "The association")),
    responses(
        (status = 200, description = "A token of the association", body = SupportSession),
        (status = 401, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No live support grant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such association", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn support_session(
    state: web::Data<AppState>,
    RequireOperator(operator): RequireOperator,
    code: web::Path<String>,
) -> ApiResult<web::Json<SupportSession>> {
    let code = code.into_inner();
    if !endorse_shared::associations::is_code(&code) {
        return Err(ApiError::NotFound(
            Text::new("err-there-no-association").with("code", (code).to_string()),
        ));
    }
    let inner = state.clone();
    let lookup = code.clone();
    let (token, api) = web::block(move || {
        let token = operators::support_session(
            &inner.associations,
            (&inner.tokens, inner.clock.now()),
            &operator,
            &lookup,
        )?;
        let found = inner
            .associations
            .list()?
            .into_iter()
            .find(|a| a.code == lookup)
            .ok_or_else(|| ApiError::NotFound(Text::new("err-there-no-such-association")))?;
        Ok::<_, ApiError>((
            token,
            format!(
                "{}/api/v1",
                crate::tenancy::public_url(&inner.settings, &found)
            ),
        ))
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))??;
    Ok(web::Json(SupportSession {
        access_token: token,
        api,
    }))
}
