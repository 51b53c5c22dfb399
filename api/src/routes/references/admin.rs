use crate::auth::RequireAdmin;
use crate::db::references::{self};
use crate::db::users;
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::tenancy::Tenant;
use crate::workflow::references::{dead_link_conflict, reviewed, Reader};
use actix_web::{web, HttpRequest};
use endorse_shared::i18n::Text;
use endorse_shared::references::{RefereeLink, ReviewedReference};
use endorse_shared::{EntryId, Problem, Role, UserId};

/// Admins: a request's live link, to give a referee who contacts the
/// association because the e-mail never arrived. Every copy is logged (and
/// written to the audit log of the applicant's open applications).
#[utoipa::path(
    get,
    path = "/api/v1/references/{id}/link",
    tag = "references",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The request")),
    responses(
        (status = 200, description = "The live link", body = RefereeLink),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The link no longer works (answered, cancelled or expired)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_reference_link(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<EntryId>,
) -> ApiResult<web::Json<RefereeLink>> {
    let id = id.into_inner();
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let stored = tenant
        .db
        .attempt(move |conn| {
            let Some(stored) = references::get(conn, id)? else {
                return Ok(Err(ApiError::NotFound(Text::new(
                    "err-there-no-such-reference-request",
                ))));
            };
            if !stored.is_live(now) {
                return Ok(Err(dead_link_conflict(&stored, now)));
            }
            crate::db::audit::person_event(
                conn,
                stored.applicant,
                (admin.id, Role::Admin, ip.as_deref()),
                "referee_link_copied",
                &format!(
                    "An admin copied the referee link of reference request {id} (to {})",
                    stored.request.referee_email
                ),
                now,
            )?;
            Ok(Ok(stored))
        })
        .await??;
    tracing::info!(reference = %id, admin = %admin.id, "referee link copied by an admin");
    let nonce = stored
        .link_nonce
        .as_deref()
        .ok_or_else(|| dead_link_conflict(&stored, now))?;
    Ok(web::Json(RefereeLink {
        reference: id,
        link: link_url(&tenant, &tenant.links.token_for(nonce)),
        expires_at: stored.expires_at.unwrap_or(now),
    }))
}

/// Admins: someone's reference requests, with the answers and the signals.
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}/references",
    tag = "references",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The person")),
    responses(
        (status = 200, description = "Every request, with answers and signals", body = Vec<ReviewedReference>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_user_references(
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<Vec<ReviewedReference>>> {
    let calendar = tenant.calendar;
    let owner = id.into_inner();
    let now = tenant.clock.now();
    let reviewed = tenant
        .db
        .run(move |conn| {
            let Some(applicant) = users::find(conn, owner)? else {
                return Ok(None);
            };
            Ok(Some(reviewed(
                conn,
                &applicant,
                Reader::Admin,
                now,
                calendar,
            )?))
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(Text::new("err-there-no-such-person")))?;
    Ok(web::Json(reviewed))
}

fn link_url(tenant: &Tenant, token: &str) -> String {
    format!("{}/referee/{token}", tenant.public_url)
}
