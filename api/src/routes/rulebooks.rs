//! The rulebook: everyone signed in reads the current version (the app runs the
//! engine with it); admins list versions and publish new ones.

use crate::auth::{AuthUser, RequireAdmin};
use crate::db::association_log::Subject;
use crate::db::rulebooks::{self, RulebookVersion};
use crate::db::DbError;
use crate::error::{ApiError, ApiResult};
use crate::tenancy::Tenant;
use actix_web::{web, HttpResponse};
use endorse_shared::i18n::Text;
use endorse_shared::rulebook::{
    PublishRulebookRequest, Rulebook, RulebookVersionResponse, RulebookVersionSummary,
};
use endorse_shared::trail::TrailKind;
use endorse_shared::Problem;
use std::collections::BTreeMap;

pub(crate) fn to_response(version: RulebookVersion) -> RulebookVersionResponse {
    RulebookVersionResponse {
        number: version.number,
        published_at: version.published_at.and_utc(),
        toml: version.rulebook.to_toml(),
        rulebook: version.rulebook,
    }
}

/// The rulebook in force: the newest version.
#[utoipa::path(
    get,
    path = "/api/v1/rulebooks/current",
    tag = "rulebooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The newest version", body = RulebookVersionResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_current_rulebook(
    tenant: Tenant,
    _user: AuthUser,
) -> ApiResult<web::Json<RulebookVersionResponse>> {
    let version = tenant.db.run(rulebooks::current).await?;
    Ok(web::Json(to_response(version)))
}

/// Every published version, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/rulebooks",
    tag = "rulebooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The versions", body = Vec<RulebookVersionSummary>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_rulebooks(
    tenant: Tenant,
    _admin: RequireAdmin,
) -> ApiResult<web::Json<Vec<RulebookVersionSummary>>> {
    Ok(web::Json(tenant.db.run(rulebooks::list).await?))
}

/// One version.
#[utoipa::path(
    get,
    path = "/api/v1/rulebooks/{number}",
    tag = "rulebooks",
    security(("bearer" = [])),
    params(("number" = i64, Path, description = "The version number")),
    responses(
        (status = 200, description = "The version", body = RulebookVersionResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_rulebook(
    tenant: Tenant,
    _admin: RequireAdmin,
    number: web::Path<i64>,
) -> ApiResult<web::Json<RulebookVersionResponse>> {
    let number = number.into_inner();
    let version = tenant
        .db
        .run(move |conn| rulebooks::get(conn, number))
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(
                Text::new("err-there-no-rulebook-version").with("number", (number).to_string()),
            )
        })?;
    Ok(web::Json(to_response(version)))
}

/// Publishes a new version from an edited copy (TOML). Every rule is checked
/// first; a malformed one is refused with its path. Applications stay on the
/// version they were started under until an admin moves them.
#[utoipa::path(
    post,
    path = "/api/v1/rulebooks",
    tag = "rulebooks",
    security(("bearer" = [])),
    request_body = PublishRulebookRequest,
    responses(
        (status = 201, description = "Published", body = RulebookVersionResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another version was published at the same moment", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than the 64 KiB a request may carry", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Malformed rules, keyed by their path", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn publish_rulebook(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: actix_web::HttpRequest,
    body: web::Json<PublishRulebookRequest>,
) -> ApiResult<HttpResponse> {
    let rulebook = Rulebook::from_toml(&body.toml).map_err(|problems| {
        let mut errors: BTreeMap<String, Vec<Text>> = BTreeMap::new();
        for problem in problems {
            errors
                .entry(problem.path)
                .or_default()
                .push(problem.message);
        }
        ApiError::Validation(errors)
    })?;
    let admin_id = admin.id;
    let who = crate::http::client::by(&admin, &request);
    let now = tenant.clock.now();
    let version = tenant
        .db
        .transaction(move |conn| {
            let number = rulebooks::publish(conn, &rulebook, Some(admin_id))?;
            let label = number.to_string();
            crate::db::association_log::record_about(
                conn,
                who.actor(),
                Some(Subject::of(TrailKind::Rulebook, &label)),
                (
                    "rulebook_published",
                    &format!("Published rulebook version {number}"),
                ),
                now,
            )?;
            rulebooks::get(conn, number)?.ok_or(DbError::NotFound)
        })
        .await
        .map_err(|error| match error {
            DbError::UniqueViolation(_) => {
                ApiError::Conflict(Text::new("err-another-version-was-published-at-same"))
            }
            other => other.into(),
        })?;
    tracing::info!(admin_id = %admin.id, number = version.number, "rulebook published");
    Ok(HttpResponse::Created().json(to_response(version)))
}
