//! Liveness and readiness probes for process supervisors and load balancers.

use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::web;
use endorse_shared::i18n::Text;
use serde::Serialize;
use utoipa::ToSchema;

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    /// Always `ok` when the answer is 200.
    pub status: &'static str,
}

/// The process is alive.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, body = HealthResponse)))]
pub async fn healthz() -> web::Json<HealthResponse> {
    web::Json(HealthResponse { status: "ok" })
}

/// The database answers.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "health",
    responses(
        (status = 200, body = HealthResponse),
        (status = 503, description = "The database does not answer", body = endorse_shared::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<web::Json<HealthResponse>> {
    state
        .associations
        .platform()
        .run(db::ping)
        .await
        .map_err(|error| {
            ApiError::Unavailable(
                Text::new("err-database-does-not-answer").with("error", (error).to_string()),
            )
        })?;
    Ok(web::Json(HealthResponse { status: "ok" }))
}
