//! The association itself: what anyone sees of it (its name, colours and
//! language, for the app to dress itself), and what its admins set up (its
//! days, mail and shared registry) and allow (support access for platform
//! operators), with its own log.

use crate::auth::RequireAdmin;
use crate::db::association_log;
use crate::error::ApiResult;
use crate::http::client::by;
use crate::http::versioning::{etag, IfMatch};
use crate::tenancy::settings;
use crate::tenancy::Tenant;
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::associations::{
    AssociationEvent, AssociationProfile, AssociationSettings, AssociationSettingsRequest,
    SupportGrantRequest, SupportGrantView,
};
use endorse_shared::Problem;

/// Anyone: the association this address serves.
#[utoipa::path(
    get,
    path = "/api/v1/association",
    tag = "association",
    responses((status = 200, description = "The association", body = AssociationProfile))
)]
pub async fn get_association(tenant: Tenant) -> web::Json<AssociationProfile> {
    web::Json(settings::profile(&tenant))
}

/// Admins: the association's settings.
#[utoipa::path(
    get,
    path = "/api/v1/association/settings",
    tag = "association",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings, with their version as ETag", body = AssociationSettings),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_settings(tenant: Tenant, _admin: RequireAdmin) -> HttpResponse {
    let found = settings::settings(&tenant);
    HttpResponse::Ok()
        .insert_header(etag(found.version))
        .json(found)
}

/// Admins: changes the association's settings. The SMTP address is sealed
/// and never shown again.
#[utoipa::path(
    put,
    path = "/api/v1/association/settings",
    tag = "association",
    security(("bearer" = [])),
    params(("If-Match" = String, Header, description = "The settings' version")),
    request_body = AssociationSettingsRequest,
    responses(
        (status = 200, description = "Saved", body = AssociationSettings),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you loaded them", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields not valid", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_settings(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    if_match: IfMatch,
    body: web::Json<AssociationSettingsRequest>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    let saved =
        settings::update(&tenant, by(&admin, &request), expected, body.into_inner()).await?;
    tracing::info!(association = %tenant.code(), admin = %admin.id, "association settings changed");
    Ok(HttpResponse::Ok()
        .insert_header(etag(saved.version))
        .json(saved))
}

/// Admins: the support access given to platform operators.
#[utoipa::path(
    get,
    path = "/api/v1/association/support-grants",
    tag = "association",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every grant, newest first", body = Vec<SupportGrantView>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_support_grants(
    tenant: Tenant,
    _admin: RequireAdmin,
) -> ApiResult<web::Json<Vec<SupportGrantView>>> {
    Ok(web::Json(settings::grants(&tenant).await?))
}

/// Admins: gives a platform operator read-only access for some hours
/// (logged here and in the platform's log).
#[utoipa::path(
    post,
    path = "/api/v1/association/support-grants",
    tag = "association",
    security(("bearer" = [])),
    request_body = SupportGrantRequest,
    responses(
        (status = 201, description = "Given", body = SupportGrantView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an operator, or fields not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_support_grant(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    body: web::Json<SupportGrantRequest>,
) -> ApiResult<HttpResponse> {
    let made = settings::grant(&tenant, by(&admin, &request), body.into_inner()).await?;
    tracing::info!(association = %tenant.code(), grant = %made.id, "support access given");
    Ok(HttpResponse::Created().json(made))
}

/// Admins: takes support access back at once.
#[utoipa::path(
    post,
    path = "/api/v1/association/support-grants/{id}/revoke",
    tag = "association",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The grant")),
    responses(
        (status = 204, description = "Taken back (or already)"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such grant", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn revoke_support_grant(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    settings::revoke(&tenant, by(&admin, &request), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Admins: the association's own log (settings, support access).
#[utoipa::path(
    get,
    path = "/api/v1/association/events",
    tag = "association",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The newest 200 events, newest first", body = Vec<AssociationEvent>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_events(
    tenant: Tenant,
    _admin: RequireAdmin,
) -> ApiResult<web::Json<Vec<AssociationEvent>>> {
    let events = tenant
        .db
        .run(|conn| association_log::recent(conn, 200))
        .await?;
    Ok(web::Json(
        events
            .into_iter()
            .map(|e| AssociationEvent {
                at: e.at.and_utc(),
                actor: e.actor_name,
                action: e.action,
                details: e.details,
            })
            .collect(),
    ))
}

/// Admins: what waits on them, each kind of work with its count (zero
/// included), and for what is verified on a person's page, the people it
/// waits on.
#[utoipa::path(
    get,
    path = "/api/v1/association/work",
    tag = "association",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The work list", body = endorse_shared::worklist::WorkList),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_work(
    tenant: Tenant,
    _admin: RequireAdmin,
) -> ApiResult<web::Json<endorse_shared::worklist::WorkList>> {
    let now = tenant.clock.now();
    let today = tenant.calendar.day_of(now);
    let list = tenant
        .db
        .run(move |conn| crate::db::worklist::work_list(conn, now, today))
        .await?;
    Ok(web::Json(list))
}
