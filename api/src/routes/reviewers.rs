//! Admins: peer reviewers' profiles (endorsements held, categories they may
//! review, load). Versioned like every editable resource: `If-Match`, 0 for the
//! first save.

use crate::auth::RequireAdmin;
use crate::db::{reviewers, rulebooks, users};
use crate::error::{ApiError, ApiResult};
use crate::http::versioning::{self, etag, IfMatch};
use crate::tenancy::Tenant;
use actix_web::{web, HttpResponse};
use endorse_shared::i18n::Text;
use endorse_shared::reviewers::{ReviewerProfile, ReviewerProfileResponse};
use endorse_shared::{Problem, Role, UserId};

fn missing() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-account"))
}

fn not_a_reviewer() -> ApiError {
    ApiError::Conflict(Text::new("err-only-reviewer-has-reviewer-profile-change"))
}

/// Admins: a reviewer's profile (the defaults, version 0, until one is saved).
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}/reviewer-profile",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The reviewer")),
    responses(
        (status = 200, description = "The profile; its version is also the ETag", body = ReviewerProfileResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account is not a reviewer", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_reviewer_profile(
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<UserId>,
) -> ApiResult<HttpResponse> {
    let user = id.into_inner();
    let found = tenant
        .db
        .run(move |conn| {
            let Some(account) = users::find(conn, user)? else {
                return Ok(Err(missing()));
            };
            if account.role != Role::Reviewer {
                return Ok(Err(not_a_reviewer()));
            }
            Ok(Ok(reviewers::get(conn, user)?))
        })
        .await??;
    let (profile, version) = found.unwrap_or_default();
    Ok(HttpResponse::Ok()
        .insert_header(etag(version))
        .json(ReviewerProfileResponse {
            user,
            profile,
            version,
        }))
}

/// Admins: saves a reviewer's profile.
#[utoipa::path(
    put,
    path = "/api/v1/users/{id}/reviewer-profile",
    tag = "users",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The reviewer"),
        ("If-Match" = String, Header, description = "The profile's version (0 for the first save)"),
    ),
    request_body = ReviewerProfile,
    responses(
        (status = 200, description = "Saved", body = ReviewerProfileResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account is not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you loaded it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields not valid", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_reviewer_profile(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: actix_web::HttpRequest,
    id: web::Path<UserId>,
    if_match: IfMatch,
    body: web::Json<ReviewerProfile>,
) -> ApiResult<HttpResponse> {
    let user = id.into_inner();
    let expected = if_match.version()?;
    let profile = body.into_inner().normalized();
    let now = tenant.clock.now();
    let saved = profile.clone();
    let who = crate::http::client::by(&admin, &request);
    let outcome = tenant
        .db
        .attempt(move |conn| {
            let Some(account) = users::find(conn, user)? else {
                return Ok(Err(missing()));
            };
            if account.role != Role::Reviewer {
                return Ok(Err(not_a_reviewer()));
            }
            let rulebook = rulebooks::current(conn)?.rulebook;
            let codes: Vec<&str> = rulebook
                .categories
                .iter()
                .map(|c| c.code.as_str())
                .collect();
            let problems = saved.problems(&codes);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            let put = reviewers::put(conn, user, &saved, expected, now)?;
            if matches!(put, crate::db::Guarded::Done(_)) {
                let person = user.to_string();
                crate::db::association_log::record_about(
                    conn,
                    who.actor(),
                    Some(crate::db::association_log::Subject::user(&person)),
                    (
                        "reviewer_profile_changed",
                        &format!("Changed the reviewer profile of {}", account.name),
                    ),
                    now,
                )?;
            }
            Ok(Ok(put))
        })
        .await??;
    let version = versioning::guarded(outcome, "reviewer profile", missing)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(version))
        .json(ReviewerProfileResponse {
            user,
            profile,
            version,
        }))
}
