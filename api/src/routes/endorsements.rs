//! Endorsements once awarded: issued when an admin decides "endorsed", seen
//! by their holder (who chooses whether to be listed), moved between statuses
//! by admins with a reason, and found by anyone in the public registry.

use crate::auth::{AuthUser, RequireAdmin};
use crate::db::audit::{self, EndorsementEvent};
use crate::db::endorsements;
use crate::db::{rulebooks, DbError};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::http::versioning::{etag, IfMatch};
use crate::tenancy::Tenant;
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::endorsements::{
    EndorsementStatusRequest, EndorsementView, ListingRequest, RegistryPage, RegistryQuery,
    SharedRegistryPage, SharedRegistryQuery,
};
use endorse_shared::i18n::Text;
use endorse_shared::{ApplicationId, Problem, Role};

/// Holders: their endorsements, the newest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/endorsements",
    tag = "endorsements",
    security(("bearer" = [])),
    responses((status = 200, description = "Every endorsement held", body = Vec<EndorsementView>))
)]
pub async fn my_endorsements(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<Vec<EndorsementView>>> {
    let list = tenant
        .db
        .run(move |conn| {
            let rulebook = rulebooks::current(conn)?.rulebook;
            Ok(endorsements::for_holder(conn, user.id)?
                .into_iter()
                .map(|e| e.view(&rulebook, crate::locale::current()))
                .collect())
        })
        .await?;
    Ok(web::Json(list))
}

fn no_endorsement() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-endorsement"))
}

/// Holders: choose whether the public registry lists the endorsement.
#[utoipa::path(
    put,
    path = "/api/v1/me/endorsements/{number}/listing",
    tag = "endorsements",
    security(("bearer" = [])),
    params(
        ("number" = String, Path, description = "The endorsement's number"),
        ("If-Match" = String, Header, description = "The version you loaded"),
    ),
    request_body = ListingRequest,
    responses(
        (status = 200, description = "Saved", body = EndorsementView),
        (status = 404, description = "No such endorsement of yours", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn set_listing(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    if_match: IfMatch,
    number: web::Path<String>,
    body: web::Json<ListingRequest>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    let number = number.into_inner();
    let listed = body.listed;
    let now = tenant.clock.now();
    let found = tenant
        .db
        .attempt(move |conn| {
            let Some(current) = endorsements::get(conn, &number)?.filter(|e| e.holder == user.id)
            else {
                return Ok(Err(no_endorsement()));
            };
            if !endorsements::set_listed(conn, &number, listed, expected, now)? {
                return Ok(Err(ApiError::stale("endorsement", current.version)));
            }
            let rulebook = rulebooks::current(conn)?.rulebook;
            let updated = endorsements::get(conn, &number)?.ok_or(DbError::NotFound)?;
            Ok(Ok(updated.view(&rulebook, crate::locale::current())))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(found.version))
        .json(found))
}

/// Admins: the endorsement an application earned.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}/endorsement",
    tag = "endorsements",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "The endorsement", body = EndorsementView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "None was issued for it", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn application_endorsement(
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<EndorsementView>> {
    let id = id.into_inner();
    let found = tenant
        .db
        .run(move |conn| {
            let rulebook = rulebooks::current(conn)?.rulebook;
            Ok(endorsements::for_application(conn, id)?
                .map(|e| e.view(&rulebook, crate::locale::current())))
        })
        .await?
        .ok_or_else(no_endorsement)?;
    Ok(web::Json(found))
}

/// Admins: move an endorsement to another status, with a reason kept in the
/// application's audit log. The registry follows at once.
#[utoipa::path(
    post,
    path = "/api/v1/endorsements/{number}/status",
    tag = "endorsements",
    security(("bearer" = [])),
    params(
        ("number" = String, Path, description = "The endorsement's number"),
        ("If-Match" = String, Header, description = "The version you loaded"),
    ),
    request_body = EndorsementStatusRequest,
    responses(
        (status = 200, description = "Moved", body = EndorsementView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endorsement", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status (the problem names it)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn set_status(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    if_match: IfMatch,
    number: web::Path<String>,
    body: web::Json<EndorsementStatusRequest>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    let number = number.into_inner();
    let body = body.into_inner();
    let reason = body.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 2000 {
        return Err(ApiError::field(
            "reason",
            Text::new("err-give-reason-at-most-2000-characters"),
        ));
    }
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let found = tenant
        .db
        .attempt(move |conn| {
            let Some(current) = endorsements::get(conn, &number)? else {
                return Ok(Err(no_endorsement()));
            };
            if current.version != expected {
                return Ok(Err(ApiError::stale("endorsement", current.version)));
            }
            if !current.status.admin_moves().contains(&body.status) {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-endorsement-cannot-become")
                        .with("status", current.status.text())
                        .with("wanted", body.status.text()),
                )));
            }
            if !endorsements::set_status(
                conn,
                &number,
                (current.status, expected),
                body.status,
                now,
            )? {
                return Err(DbError::Conflict);
            }
            audit::record_endorsement(
                conn,
                EndorsementEvent {
                    application: current.application,
                    number: Some(&number),
                    actor: Some(admin.id),
                    actor_name: &admin.name,
                    role: Role::Admin,
                    ip: ip.as_deref(),
                    action: "endorsement_status",
                    reason: Some(&reason),
                    details: format!(
                        "Endorsement {number}: {} \u{2192} {}.",
                        current.status.label(),
                        body.status.label()
                    ),
                },
                now,
            )?;
            let rulebook = rulebooks::current(conn)?.rulebook;
            let updated = endorsements::get(conn, &number)?.ok_or(DbError::NotFound)?;
            Ok(Ok(updated.view(&rulebook, crate::locale::current())))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(found.version))
        .json(found))
}

/// Anyone: the public registry of listed endorsements in good standing.
#[utoipa::path(
    get,
    path = "/api/v1/registry",
    tag = "endorsements",
    params(RegistryQuery),
    responses(
        (status = 200, description = "A page of the registry, by name", body = RegistryPage),
        (status = 422, description = "A filter is too long", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn registry(
    tenant: Tenant,
    query: web::Query<RegistryQuery>,
) -> ApiResult<web::Json<RegistryPage>> {
    let calendar = tenant.calendar;
    let query = query.into_inner();
    validator::Validate::validate(&query)?;
    let page = query.page();
    let per_page = i64::from(RegistryQuery::PER_PAGE);
    let slice = (i64::from(page - 1) * per_page, per_page);
    let (items, total) = tenant
        .db
        .run(move |conn| crate::workflow::registry::entries(conn, calendar, &query, slice))
        .await?;
    let items = crate::tenancy::recognition::with_recognitions(&tenant, items).await?;
    Ok(web::Json(RegistryPage {
        items,
        total,
        page,
        per_page: RegistryQuery::PER_PAGE,
    }))
}

/// Anyone: the search across the registries of every association that
/// takes part, for an employer who does not know where someone was
/// endorsed. Each association decides whether it takes part.
#[utoipa::path(
    get,
    path = "/api/v1/registry/everywhere",
    tag = "endorsements",
    params(SharedRegistryQuery),
    responses(
        (status = 200, description = "A page of matches, by name, each with its association", body = SharedRegistryPage),
        (status = 422, description = "A filter is too long, or the page too deep", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn registry_everywhere(
    tenant: Tenant,
    query: web::Query<SharedRegistryQuery>,
) -> ApiResult<web::Json<SharedRegistryPage>> {
    let query = query.into_inner();
    validator::Validate::validate(&query)?;
    Ok(web::Json(
        crate::tenancy::shared_registry::search(&tenant, query).await?,
    ))
}
