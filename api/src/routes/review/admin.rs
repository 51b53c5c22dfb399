use crate::auth::RequireAdmin;
use crate::calendar::Calendar;
use crate::db::assignments::{self, IN_REVIEW};
use crate::db::information;
use crate::db::{AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::tenancy::Tenant;
use crate::workflow::process::note;
use crate::workflow::reviewers::{assign, blind, candidates, live};
use crate::workflow::Judged;
use actix_web::{web, HttpRequest};
use chrono::{DateTime, Utc};
use endorse_shared::i18n::Text;
use endorse_shared::review::{
    self as rules, ApplicationReview, AssignRequest, ReasonRequest, SubmittedReview,
};
use endorse_shared::{ApplicationId, AssignmentId, Problem, Role, UserId};

fn no_application() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-application"))
}

/// The admins' view of an application's review.
fn admin_view(
    conn: &mut AnyConnection,
    judged: &Judged,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> DbResult<ApplicationReview> {
    let all = assignments::for_application(conn, judged.application.id)?;
    let current = live(&all, judged.round);
    let candidates = candidates(conn, judged, &current, now, calendar)?;
    let reviews: Vec<SubmittedReview> = current
        .iter()
        .filter_map(|a| {
            a.submitted_at.map(|submitted_at| SubmittedReview {
                assignment: a.id,
                reviewer_name: a.reviewer_name.clone(),
                submitted_at,
                review: a.review.clone(),
            })
        })
        .collect();
    let disagreement = match reviews.as_slice() {
        [a, b, ..] => rules::disagreement(
            &a.review,
            &b.review,
            &judged.rulebook.reviewer_domains(&judged.category),
        ),
        _ => Vec::new(),
    };
    Ok(ApplicationReview {
        needed: judged.category.review.reviewers,
        assignments: all.iter().map(|a| a.view(now)).collect(),
        candidates,
        reviews,
        disagreement,
        information_requests: information::for_application(conn, judged.application.id)?,
        rules: judged.rules(),
    })
}

/// Admins: an application's review: assignments, candidates with Endorse's
/// proposal, submitted reviews, disagreement, requests for information.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}/review",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "The review", body = ApplicationReview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_application_review(
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<ApplicationReview>> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let now = tenant.clock.now();
    let view = tenant
        .db
        .run(move |conn| {
            let Some(judged) = Judged::load(conn, id)? else {
                return Ok(None);
            };
            Ok(Some(admin_view(conn, &judged, now, calendar)?))
        })
        .await?
        .ok_or_else(no_application)?;
    Ok(web::Json(view))
}

/// Admins: assign a reviewer. Conflicts of interest and a full load need an
/// `override_reason`, kept in the audit log; eligibility has no override.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/assignments",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "Assigned; the review as it now stands", body = ApplicationReview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in review, already assigned, or all places taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a reviewer, not eligible, or a conflict without an override reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn assign_reviewer(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<AssignRequest>,
) -> ApiResult<web::Json<ApplicationReview>> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let body = body.into_inner();
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let inner = tenant.clone();
    let view = tenant
        .db
        .attempt(move |conn| {
            let Some(judged) = Judged::load(conn, id)? else {
                return Ok(Err(no_application()));
            };
            let blind = blind(conn)?;
            if let Err(refused) = assign(
                conn,
                &inner.mail(),
                &judged,
                body.reviewer,
                body.override_reason.as_deref(),
                (admin.id, ip.as_deref()),
                blind,
                now,
                calendar,
            )? {
                return Ok(Err(refused));
            }
            let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(admin_view(conn, &judged, now, calendar)?))
        })
        .await??;
    tracing::info!(application_id = %id, reviewer = %body.reviewer, "reviewer assigned");
    Ok(web::Json(view))
}

/// Admins: assign every reviewer Endorse proposes for the open places.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/assignments/proposed",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "Assigned; the review as it now stands", body = ApplicationReview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in review, or no reviewer is available", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn assign_proposed(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<ApplicationReview>> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let inner = tenant.clone();
    let view = tenant
        .db
        .attempt(move |conn| {
            let Some(judged) = Judged::load(conn, id)? else {
                return Ok(Err(no_application()));
            };
            if !IN_REVIEW.contains(&judged.application.status) {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-reviewers-are-assigned-submitted-applications-one")
                        .with("status", judged.application.status.text()),
                )));
            }
            let all = assignments::for_application(conn, id)?;
            let proposed: Vec<UserId> =
                candidates(conn, &judged, &live(&all, judged.round), now, calendar)?
                    .into_iter()
                    .filter(|c| c.proposed)
                    .map(|c| c.reviewer)
                    .collect();
            if proposed.is_empty() {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-no-reviewer-available-every-place-taken",
                ))));
            }
            let blind = blind(conn)?;
            for reviewer in proposed {
                // Each assignment may start the review: reload between them.
                let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
                if let Err(refused) = assign(
                    conn,
                    &inner.mail(),
                    &judged,
                    reviewer,
                    None,
                    (admin.id, ip.as_deref()),
                    blind,
                    now,
                    calendar,
                )? {
                    // Someone changed meanwhile: undo every assignment of this call.
                    tracing::warn!(%refused, "a proposed reviewer was refused");
                    return Err(DbError::Conflict);
                }
            }
            let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(admin_view(conn, &judged, now, calendar)?))
        })
        .await??;
    Ok(web::Json(view))
}

/// Admins: release a reviewer whose review is not submitted, with a reason.
#[utoipa::path(
    post,
    path = "/api/v1/assignments/{id}/release",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The assignment")),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "Released; the review as it now stands", body = ApplicationReview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assignment", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or released already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn release_assignment(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<AssignmentId>,
    body: web::Json<ReasonRequest>,
) -> ApiResult<web::Json<ApplicationReview>> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let reason = body.checked().map_err(ApiError::Validation)?;
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let view = tenant
        .db
        .attempt(move |conn| {
            let Some(assignment) = assignments::get(conn, id)? else {
                return Ok(Err(ApiError::NotFound(Text::new(
                    "err-there-no-such-assignment",
                ))));
            };
            if !assignments::release(conn, id, &reason, now)? {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-assignment-cannot-released")
                        .with("state", assignment.state.text()),
                )));
            }
            note(
                conn,
                assignment.application,
                (Role::Admin, admin.id),
                ip.as_deref(),
                "release",
                Some(&reason),
                format!("Released {} from the review.", assignment.reviewer_name),
                now,
            )?;
            let judged = Judged::load(conn, assignment.application)?.ok_or(DbError::NotFound)?;
            Ok(Ok(admin_view(conn, &judged, now, calendar)?))
        })
        .await??;
    Ok(web::Json(view))
}
