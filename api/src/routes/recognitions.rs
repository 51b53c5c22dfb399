//! Reciprocity: a holder asks this association to recognise the endorsement
//! another association of the deployment awarded her; admins see the
//! credential, verified, and decide. A grant issues an endorsement here.

use crate::auth::{AuthUser, RequireAdmin};
use crate::db::{recognitions, rulebooks, DbError};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::http::versioning::{etag, IfMatch};
use crate::tenancy::{recognition, Tenant};
use crate::workflow::recognition::{self as workflow, named, no_recognition, Deciding};
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::i18n::Text;
use endorse_shared::recognitions::{
    RecognitionDecision, RecognitionRequest, RecognitionStatus, RecognitionView,
};
use endorse_shared::Problem;
use validator::Validate;

/// How many requests the admins' list shows.
const LIST_LIMIT: i64 = 200;

/// Holders: ask this association to recognise another association's
/// endorsement. Its credential is read from that association and verified
/// (signature, dates, status) before the request is kept.
#[utoipa::path(
    post,
    path = "/api/v1/me/recognitions",
    tag = "recognitions",
    security(("bearer" = [])),
    request_body = RecognitionRequest,
    responses(
        (status = 201, description = "Asked; waiting for a decision", body = RecognitionView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The credential is not valid now, or the endorsement is recognised here or waiting already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such association, endorsement or category; or the code does not match", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn ask(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    body: web::Json<RecognitionRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    body.validate()?;
    let asked_category = body
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_uppercase);
    let verified = recognition::verify_elsewhere(&tenant, body, user.email.clone()).await?;
    let now = tenant.clock.now();
    let view = tenant
        .db
        .attempt(move |conn| {
            let rulebook = rulebooks::current(conn)?.rulebook;
            let category = asked_category.unwrap_or_else(|| verified.category.0.clone());
            if rulebook.category(&category).is_none() {
                let known: Vec<&str> = rulebook
                    .categories
                    .iter()
                    .map(|c| c.code.as_str())
                    .collect();
                return Ok(Err(ApiError::field(
                    "category",
                    Text::new("err-association-has-no-category-choose-one")
                        .with("category", (category).to_string())
                        .with("known", known.join(", ")),
                )));
            }
            let inserted = crate::db::write::<_, DbError, _>(conn, |conn| {
                recognitions::insert(
                    conn,
                    &recognitions::NewRecognition {
                        holder: user.id,
                        from_association: (&verified.association.0, &verified.association.1),
                        from_number: &verified.number,
                        from_category: (&verified.category.0, &verified.category.1),
                        from_holder_name: &verified.holder_name,
                        same_email: verified.same_email,
                        endorsed_since: verified.endorsed_since,
                        valid_until: verified.valid_until,
                        credential_jwt: &verified.jwt,
                        category: &category,
                    },
                    now,
                )
            });
            let id = match inserted {
                Ok(id) => id,
                Err(DbError::UniqueViolation(_)) => {
                    return Ok(Err(ApiError::Conflict(
                        Text::new("err-endorsement-from-recognised-here-already-waiting")
                            .with("number", (verified.number).to_string())
                            .with("association", verified.association.1.clone()),
                    )))
                }
                Err(other) => return Err(other),
            };
            let stored = recognitions::get(conn, &id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(named(stored, &rulebook)))
        })
        .await??;
    Ok(HttpResponse::Created()
        .insert_header(etag(view.version))
        .json(view))
}

/// Holders: their requests for recognition, the newest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/recognitions",
    tag = "recognitions",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every request of yours", body = Vec<RecognitionView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn mine(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<Vec<RecognitionView>>> {
    let list = tenant
        .db
        .run(move |conn| {
            let rulebook = rulebooks::current(conn)?.rulebook;
            Ok(recognitions::for_holder(conn, user.id)?
                .into_iter()
                .map(|r| named(r, &rulebook))
                .collect())
        })
        .await?;
    Ok(web::Json(list))
}

/// Admins: requests for recognition, those waiting first (oldest first),
/// then the most recently decided.
#[utoipa::path(
    get,
    path = "/api/v1/recognitions",
    tag = "recognitions",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Requests", body = Vec<RecognitionView>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    tenant: Tenant,
    RequireAdmin(_admin): RequireAdmin,
) -> ApiResult<web::Json<Vec<RecognitionView>>> {
    let list = tenant
        .db
        .run(move |conn| {
            let rulebook = rulebooks::current(conn)?.rulebook;
            Ok(recognitions::all(conn, LIST_LIMIT)?
                .into_iter()
                .map(|r| named(r, &rulebook))
                .collect())
        })
        .await?;
    Ok(web::Json(list))
}

/// Admins: one request for recognition.
#[utoipa::path(
    get,
    path = "/api/v1/recognitions/{id}",
    tag = "recognitions",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The request")),
    responses(
        (status = 200, description = "The request", body = RecognitionView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn one(
    tenant: Tenant,
    RequireAdmin(_admin): RequireAdmin,
    id: web::Path<uuid::Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner().to_string();
    let view = tenant
        .db
        .run(move |conn| {
            let rulebook = rulebooks::current(conn)?.rulebook;
            Ok(recognitions::get(conn, &id)?.map(|r| named(r, &rulebook)))
        })
        .await?
        .ok_or_else(no_recognition)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}

/// Admins: recognise (issuing this association's own endorsement) or
/// decline, with a reason.
#[utoipa::path(
    post,
    path = "/api/v1/recognitions/{id}/decision",
    tag = "recognitions",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The request"),
        ("If-Match" = String, Header, description = "The version you loaded"),
    ),
    request_body = RecognitionDecision,
    responses(
        (status = 200, description = "Decided", body = RecognitionView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already, the credential is no longer valid by the association that issued it, or the holder holds that endorsement here already", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A decline without a reason, or no such category", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn decide(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    if_match: IfMatch,
    id: web::Path<uuid::Uuid>,
    body: web::Json<RecognitionDecision>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    let id = id.into_inner().to_string();
    let decision = body.into_inner();
    decision.validate()?;
    let ip = peer_ip(&request);
    if decision.grant {
        // The credential must still hold now, by the association that
        // issued it: revoked, suspended or expired since the request, it
        // is not recognised.
        let id = id.clone();
        let asked = tenant
            .db
            .run(move |conn| recognitions::get(conn, &id))
            .await?
            .ok_or_else(no_recognition)?;
        if asked.status == RecognitionStatus::Pending {
            recognition::recheck(
                &tenant,
                asked.from_association,
                asked.from_number,
                asked.credential_jwt,
            )
            .await?;
        }
    }
    let now = tenant.clock.now();
    let inner = tenant.clone();
    let view = tenant
        .db
        .attempt(move |conn| {
            workflow::decide(
                conn,
                (&inner.issuer, &inner.mail()),
                Deciding {
                    id: &id,
                    expected,
                    decision: &decision,
                    admin: &admin,
                    ip: ip.as_deref(),
                },
                now,
            )
        })
        .await??;
    if view.number.is_some() {
        // The platform's list learns of the grant now; should this fail,
        // the worker's next round tells it.
        let inner = tenant.clone();
        let published = web::block(move || recognition::publish(&inner)).await;
        if let Ok(Err(error)) | Err(error) = published.map_err(|_| DbError::Blocking) {
            tracing::warn!(%error, "a granted recognition is not in the platform's list yet");
        }
    }
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}
