use crate::auth::AuthUser;
use crate::db::references::{self, Stage, StoredLink};
use crate::db::{outbox, rulebooks, users, AnyConnection, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::tenancy::Tenant;
use crate::workflow::references::{dead_link_conflict, views, Audience};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use endorse_shared::i18n::{LocalText, Text};
use endorse_shared::references::{ReferenceRequestInput, ReferenceView, ResendRequest};
use endorse_shared::{EntryId, Problem, UserId};

fn one(views: Vec<ReferenceView>, id: EntryId) -> ApiResult<ReferenceView> {
    views
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| ApiError::Internal(format!("reference {id} vanished")))
}

fn missing() -> ApiError {
    ApiError::NotFound(Text::new("err-you-have-no-such-reference-request"))
}

/// Your reference requests, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/references",
    tag = "references",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your requests; answers only where you did not waive access", body = Vec<ReferenceView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_references(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<Vec<ReferenceView>>> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let (_, views) = tenant
        .db
        .run(move |conn| views(conn, user.id, Audience::Applicant, now, calendar))
        .await?;
    Ok(web::Json(views))
}

/// Checks a request against the current rulebook.
fn checked(
    conn: &mut AnyConnection,
    input: ReferenceRequestInput,
    today: chrono::NaiveDate,
) -> DbResult<Result<(ReferenceRequestInput, LocalText), ApiError>> {
    let rulebook = rulebooks::current(conn)?.rulebook;
    let input = input.normalized();
    let codes: Vec<&str> = rulebook
        .categories
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    let problems = input.problems(today, &codes);
    if !problems.is_empty() {
        return Ok(Err(ApiError::Validation(problems)));
    }
    let category_name = rulebook.category(&input.category).map_or_else(
        || LocalText::english(input.category.clone()),
        |c| c.name.clone(),
    );
    Ok(Ok((input, category_name)))
}

/// Creates a request with its first link and queues the e-mail (the link is
/// filled in at delivery), in the caller's transaction. Returns the id.
fn create(
    conn: &mut AnyConnection,
    tenant: &Tenant,
    applicant: &users::User,
    input: &ReferenceRequestInput,
    category_name: &LocalText,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> DbResult<EntryId> {
    let link = tenant.links.new_link();
    let expires_at = now + Duration::days(i64::from(tenant.settings.mail.reference_link_days));
    let id = references::insert(
        conn,
        applicant.id,
        input,
        &StoredLink {
            nonce: &link.nonce,
            token_hash: &link.token_hash,
            expires_at,
        },
        now,
        ip,
    )?;
    let message =
        tenant
            .mail()
            .reference_request(id, input, &applicant.name, category_name, expires_at);
    outbox::enqueue(conn, &message, now)?;
    Ok(id)
}

/// Asks a referee for a rating: records the request, makes its secret link and
/// queues the e-mail. The link goes to the referee only.
#[utoipa::path(
    post,
    path = "/api/v1/references",
    tag = "references",
    security(("bearer" = [])),
    request_body = ReferenceRequestInput,
    responses(
        (status = 201, description = "Requested; the e-mail is queued", body = ReferenceView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_reference(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    body: web::Json<ReferenceRequestInput>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let worker_state = tenant.clone();
    let applicant = user.clone();
    let outcome = tenant
        .db
        .attempt(move |conn| {
            let (input, category_name) =
                match checked(conn, body.into_inner(), calendar.day_of(now))? {
                    Ok(checked) => checked,
                    Err(error) => return Ok(Err(error)),
                };
            let created = create(
                conn,
                &worker_state,
                &applicant,
                &input,
                &category_name,
                now,
                ip.as_deref(),
            )?;
            Ok(Ok(created))
        })
        .await?;
    let id = outcome?;
    tracing::info!(reference = %id, "reference requested");
    respond_with_view(&tenant, user.id, id, HttpResponse::Created()).await
}

async fn respond_with_view(
    tenant: &Tenant,
    applicant: UserId,
    id: EntryId,
    mut builder: actix_web::HttpResponseBuilder,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let (_, views) = tenant
        .db
        .run(move |conn| views(conn, applicant, Audience::Applicant, now, calendar))
        .await?;
    Ok(builder.json(one(views, id)?))
}

/// Re-sends a request: a new link (the old one dies), valid for the full period
/// again, and a new e-mail, to a corrected address when one is given. Works on
/// a pending or expired request.
#[utoipa::path(
    post,
    path = "/api/v1/references/{id}/resend",
    tag = "references",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The request")),
    request_body = ResendRequest,
    responses(
        (status = 200, description = "Re-sent; the e-mail is queued", body = ReferenceView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered, declined or cancelled: nothing to re-send", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The corrected address is not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn resend_reference(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    id: web::Path<EntryId>,
    body: web::Json<ResendRequest>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let now = tenant.clock.now();
    let inner = tenant.clone();
    let applicant = user.clone();
    let corrected = body.into_inner().referee_email;
    tenant
        .db
        .attempt(move |conn| {
            let Some(mut stored) =
                references::get(conn, id)?.filter(|r| r.applicant == applicant.id)
            else {
                return Ok(Err(missing()));
            };
            if stored.stage != Stage::Pending {
                return Ok(Err(dead_link_conflict(&stored, now)));
            }
            let rulebook = rulebooks::current(conn)?.rulebook;
            if let Some(email) = corrected {
                let mut request = stored.request.clone();
                request.referee_email = email;
                let request = request.normalized();
                let codes: Vec<&str> = rulebook
                    .categories
                    .iter()
                    .map(|c| c.code.as_str())
                    .collect();
                let problems: std::collections::BTreeMap<_, _> = request
                    .problems(calendar.day_of(now), &codes)
                    .into_iter()
                    .filter(|(field, _)| field == "referee_email")
                    .collect();
                if !problems.is_empty() {
                    return Ok(Err(ApiError::Validation(problems)));
                }
                if request.referee_email != stored.request.referee_email {
                    references::correct_email(conn, id, &request, now)?;
                    stored.request = request;
                }
            }
            let category_name = rulebook.category(&stored.request.category).map_or_else(
                || LocalText::english(stored.request.category.clone()),
                |c| c.name.clone(),
            );
            let link = inner.links.new_link();
            let expires_at =
                now + Duration::days(i64::from(inner.settings.mail.reference_link_days));
            let renewed = references::renew_link(
                conn,
                id,
                &StoredLink {
                    nonce: &link.nonce,
                    token_hash: &link.token_hash,
                    expires_at,
                },
                now,
            )?;
            if !renewed {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-referee-answered-moment-ago-there-nothing",
                ))));
            }
            let message = inner.mail().reference_request(
                id,
                &stored.request,
                &applicant.name,
                &category_name,
                expires_at,
            );
            outbox::enqueue(conn, &message, now)?;
            Ok(Ok(()))
        })
        .await??;
    tracing::info!(reference = %id, "reference re-sent");
    respond_with_view(&tenant, user.id, id, HttpResponse::Ok()).await
}

/// Cancels a pending request: the link dies at once.
#[utoipa::path(
    post,
    path = "/api/v1/references/{id}/cancel",
    tag = "references",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The request")),
    responses(
        (status = 200, description = "Cancelled", body = ReferenceView),
        (status = 404, description = "No such request of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered, declined or cancelled", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cancel_reference(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    id: web::Path<EntryId>,
) -> ApiResult<web::Json<ReferenceView>> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let now = tenant.clock.now();
    let owner = user.id;
    let views = tenant
        .db
        .attempt(move |conn| {
            let Some(stored) = references::get(conn, id)?.filter(|r| r.applicant == owner) else {
                return Ok(Err(missing()));
            };
            if !references::cancel(conn, id, None, now)? {
                let why = match stored.stage {
                    Stage::Received => {
                        "the referee has already answered; replace the referee instead"
                    }
                    Stage::Declined => "the referee declined; replace the referee instead",
                    _ => "it is already cancelled",
                };
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-request-cannot-cancelled").with("why", (why).to_string()),
                )));
            }
            Ok(Ok(views(conn, owner, Audience::Applicant, now, calendar)?.1))
        })
        .await??;
    tracing::info!(reference = %id, "reference cancelled");
    Ok(web::Json(one(views, id)?))
}

/// Replaces a referee: the old request is cancelled (its link dies, a rating it
/// had stops counting) and a new one is sent, in one step.
#[utoipa::path(
    post,
    path = "/api/v1/references/{id}/replace",
    tag = "references",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The request to replace")),
    request_body = ReferenceRequestInput,
    responses(
        (status = 201, description = "The new request; the old one is cancelled", body = ReferenceView),
        (status = 404, description = "No such request of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn replace_reference(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    id: web::Path<EntryId>,
    body: web::Json<ReferenceRequestInput>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let old = id.into_inner();
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let inner = tenant.clone();
    let applicant = user.clone();
    let id = tenant
        .db
        .attempt(move |conn| {
            if references::get(conn, old)?
                .filter(|r| r.applicant == applicant.id)
                .is_none()
            {
                return Ok(Err(missing()));
            }
            let (input, category_name) =
                match checked(conn, body.into_inner(), calendar.day_of(now))? {
                    Ok(checked) => checked,
                    Err(error) => return Ok(Err(error)),
                };
            let id = create(
                conn,
                &inner,
                &applicant,
                &input,
                &category_name,
                now,
                ip.as_deref(),
            )?;
            if !references::cancel(conn, old, Some(id), now)? {
                // Rolls the new request back with the transaction.
                return Err(crate::db::DbError::Conflict);
            }
            Ok(Ok(id))
        })
        .await
        .map_err(|error| match error {
            crate::db::DbError::Conflict => ApiError::Conflict(Text::new(
                "err-request-already-cancelled-request-new-reference",
            )),
            other => other.into(),
        })??;
    tracing::info!(old = %old, new = %id, "referee replaced");
    respond_with_view(&tenant, user.id, id, HttpResponse::Created()).await
}
