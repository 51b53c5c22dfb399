//! Reference requests, from both sides.
//!
//! The applicant asks, re-sends (to a corrected address), cancels and
//! replaces (`/references`); the referee answers through the secret link,
//! without an account (`/referee/{token}`); admins read everything, with the
//! reviewers' signals (`/users/{id}/references`), and may copy a live link for
//! a referee who contacts them (logged). Where the applicant waived access, no
//! response to the applicant ever holds the answers or comments, and no
//! response to the applicant ever holds a referee's link: with it they could
//! read the referee's draft or answer in the referee's name.

use crate::auth::links::looks_like_token;
use crate::auth::rate_limit::retry_after_seconds;
use crate::auth::tokens::hash_secret_token;
use crate::auth::{AuthUser, RequireAdmin};
use crate::db::references::{self, AnsweredFrom, Response, Stage, StoredLink, StoredReference};
use crate::db::{outbox, portfolio, refresh_tokens, rulebooks, users, AnyConnection, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::mail::templates::Context;
use crate::routes::auth::peer_ip;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use endorse_shared::eligibility::evaluate;
use endorse_shared::references::{
    signals, AnswerTrace, Counting, DeclineRequest, DeliveryState, RatingAnswer, RatingDraft,
    RefereeDone, RefereeInvitation, RefereeLink, ReferenceRequestInput, ReferenceStatus,
    ReferenceView, ResendRequest, ReviewedReference,
};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{EntryId, Problem, Role, UserId};

/// Who may see a rating's answers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audience {
    /// The applicant: not where access was waived.
    Applicant,
    /// Reviewers and admins: always.
    Staff,
}

/// Builds the views of an applicant's requests: status, delivery, whether each
/// received rating counts for its category. Four queries, however many requests.
pub(crate) fn views(
    conn: &mut AnyConnection,
    applicant: UserId,
    audience: Audience,
    now: DateTime<Utc>,
) -> DbResult<(Vec<StoredReference>, Vec<ReferenceView>)> {
    let stored = references::list_for(conn, applicant)?;
    let ids: Vec<EntryId> = stored.iter().map(|r| r.id).collect();
    let deliveries = outbox::deliveries(conn, &ids)?;
    let rulebook = rulebooks::current(conn)?.rulebook;
    // The requests are already loaded: weigh them with the entries, without
    // reading them a second time through `portfolio::weighable`.
    let mut weighed = endorse_shared::entries::to_portfolio(&portfolio::list(conn, applicant)?);
    weighed.references = references::weighed(&stored, &rulebook);
    let views = stored
        .iter()
        .map(|r| {
            view(
                r,
                deliveries.get(&r.id).cloned(),
                counting(r, &rulebook, &weighed, now),
                audience,
                now,
            )
        })
        .collect();
    Ok((stored, views))
}

fn counting(
    reference: &StoredReference,
    rulebook: &Rulebook,
    portfolio: &endorse_shared::portfolio::Portfolio,
    now: DateTime<Utc>,
) -> Option<Counting> {
    if reference.stage != Stage::Received {
        return None;
    }
    let Some(rules) = rulebook.category(&reference.request.category) else {
        return Some(Counting {
            counts: false,
            reasons: vec![format!(
                "the current rulebook has no category {}",
                reference.request.category
            )],
        });
    };
    let report = evaluate(rules, portfolio, now.date_naive());
    let verdict = report.entries.iter().find(|v| v.entry == reference.id)?;
    let mut reasons = verdict.reasons.clone();
    reasons.extend(verdict.notes.iter().cloned());
    Some(Counting {
        counts: verdict.counts,
        reasons,
    })
}

fn view(
    reference: &StoredReference,
    delivery: Option<endorse_shared::references::Delivery>,
    counting: Option<Counting>,
    audience: Audience,
    now: DateTime<Utc>,
) -> ReferenceView {
    let status = match reference.stage {
        Stage::Cancelled => ReferenceStatus::Cancelled,
        Stage::Declined => ReferenceStatus::Declined,
        Stage::Received => ReferenceStatus::Received,
        Stage::Pending if !reference.is_live(now) => ReferenceStatus::Expired,
        Stage::Pending if reference.opened_at.is_some() => ReferenceStatus::Opened,
        Stage::Pending => match delivery.as_ref().map(|d| d.state) {
            Some(DeliveryState::Sent) => ReferenceStatus::Sent,
            Some(DeliveryState::Failed) => ReferenceStatus::DeliveryFailed,
            _ => ReferenceStatus::Queued,
        },
    };
    let (answer, declined_reason) = match &reference.response {
        Some(Response::Rated(answer)) => {
            let visible = audience == Audience::Staff || !reference.request.waive_access;
            (visible.then(|| answer.clone()), None)
        }
        Some(Response::Declined(reason)) => (None, Some(reason.clone())),
        None => (None, None),
    };
    ReferenceView {
        id: reference.id,
        request: reference.request.clone(),
        status,
        delivery,
        requested_at: reference.created_at,
        expires_at: reference.expires_at,
        opened_at: reference.opened_at,
        answered_at: reference.answered_at,
        declined_reason,
        counting,
        answer,
        replaced_by: reference.replaced_by,
    }
}

fn one(views: Vec<ReferenceView>, id: EntryId) -> ApiResult<ReferenceView> {
    views
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| ApiError::Internal(format!("reference {id} vanished")))
}

fn missing() -> ApiError {
    ApiError::NotFound("You have no such reference request.".into())
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<Vec<ReferenceView>>> {
    let now = state.clock.now();
    let (_, views) = state
        .db
        .run(move |conn| views(conn, user.id, Audience::Applicant, now))
        .await?;
    Ok(web::Json(views))
}

/// Checks a request against the current rulebook.
fn checked(
    conn: &mut AnyConnection,
    input: ReferenceRequestInput,
    today: chrono::NaiveDate,
) -> DbResult<Result<(ReferenceRequestInput, String), ApiError>> {
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
    let category_name = rulebook
        .category(&input.category)
        .map_or_else(|| input.category.clone(), |c| c.name.clone());
    Ok(Ok((input, category_name)))
}

/// Creates a request with its first link and queues the e-mail (the link is
/// filled in at delivery), in the caller's transaction. Returns the id.
fn create(
    conn: &mut AnyConnection,
    state: &AppState,
    applicant: &users::User,
    input: &ReferenceRequestInput,
    category_name: &str,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> DbResult<EntryId> {
    let link = state.links.new_link();
    let expires_at = now + Duration::days(i64::from(state.settings.mail.reference_link_days));
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
        context(state).reference_request(id, input, &applicant.name, category_name, expires_at);
    outbox::enqueue(conn, &message, now)?;
    Ok(id)
}

fn context(state: &AppState) -> Context<'_> {
    Context {
        mail: &state.settings.mail,
        public_url: &state.settings.public_url,
    }
}

fn link_url(state: &AppState, token: &str) -> String {
    format!("{}/referee/{token}", state.settings.public_url)
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    body: web::Json<ReferenceRequestInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let worker_state = state.clone();
    let applicant = user.clone();
    let outcome = state
        .db
        .attempt(move |conn| {
            let (input, category_name) = match checked(conn, body.into_inner(), now.date_naive())? {
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
    respond_with_view(&state, user.id, id, HttpResponse::Created()).await
}

async fn respond_with_view(
    state: &web::Data<AppState>,
    applicant: UserId,
    id: EntryId,
    mut builder: actix_web::HttpResponseBuilder,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let (_, views) = state
        .db
        .run(move |conn| views(conn, applicant, Audience::Applicant, now))
        .await?;
    Ok(builder.json(one(views, id)?))
}

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
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<EntryId>,
) -> ApiResult<web::Json<RefereeLink>> {
    let id = id.into_inner();
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let stored = state
        .db
        .attempt(move |conn| {
            let Some(stored) = references::get(conn, id)? else {
                return Ok(Err(ApiError::NotFound(
                    "There is no such reference request.".into(),
                )));
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
        link: link_url(&state, &state.links.token_for(nonce)),
        expires_at: stored.expires_at.unwrap_or(now),
    }))
}

fn dead_link_conflict(stored: &StoredReference, now: DateTime<Utc>) -> ApiError {
    let why = match stored.stage {
        Stage::Received => "the referee has already answered",
        Stage::Declined => "the referee declined",
        Stage::Cancelled => "the request was cancelled",
        Stage::Pending if !stored.is_live(now) => {
            "the link has expired; re-send the request for a new one"
        }
        Stage::Pending => "the request has no link",
    };
    ApiError::Conflict(format!("This request's link no longer works: {why}."))
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<EntryId>,
    body: web::Json<ResendRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.clock.now();
    let inner = state.clone();
    let applicant = user.clone();
    let corrected = body.into_inner().referee_email;
    state
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
                    .problems(now.date_naive(), &codes)
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
            let category_name = rulebook
                .category(&stored.request.category)
                .map_or_else(|| stored.request.category.clone(), |c| c.name.clone());
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
                return Ok(Err(ApiError::Conflict(
                    "The referee answered a moment ago; there is nothing to re-send.".into(),
                )));
            }
            let message = context(&inner).reference_request(
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
    respond_with_view(&state, user.id, id, HttpResponse::Ok()).await
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<EntryId>,
) -> ApiResult<web::Json<ReferenceView>> {
    let id = id.into_inner();
    let now = state.clock.now();
    let owner = user.id;
    let views = state
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
                return Ok(Err(ApiError::Conflict(format!(
                    "This request cannot be cancelled: {why}."
                ))));
            }
            Ok(Ok(views(conn, owner, Audience::Applicant, now)?.1))
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    id: web::Path<EntryId>,
    body: web::Json<ReferenceRequestInput>,
) -> ApiResult<HttpResponse> {
    let old = id.into_inner();
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let inner = state.clone();
    let applicant = user.clone();
    let id = state
        .db
        .attempt(move |conn| {
            if references::get(conn, old)?
                .filter(|r| r.applicant == applicant.id)
                .is_none()
            {
                return Ok(Err(missing()));
            }
            let (input, category_name) = match checked(conn, body.into_inner(), now.date_naive())? {
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
            crate::db::DbError::Conflict => ApiError::Conflict(
                "This request is already cancelled; request a new reference instead.".into(),
            ),
            other => other.into(),
        })??;
    tracing::info!(old = %old, new = %id, "referee replaced");
    respond_with_view(&state, user.id, id, HttpResponse::Created()).await
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
    state: web::Data<AppState>,
    _admin: RequireAdmin,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<Vec<ReviewedReference>>> {
    let owner = id.into_inner();
    let now = state.clock.now();
    let reviewed = state
        .db
        .run(move |conn| {
            let Some(applicant) = users::find(conn, owner)? else {
                return Ok(None);
            };
            Ok(Some(reviewed(conn, &applicant, Reader::Admin, now)?))
        })
        .await?
        .ok_or_else(|| ApiError::NotFound("There is no such person.".into()))?;
    Ok(web::Json(reviewed))
}

/// Who reads the staff view of references.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    /// Admins: everything, the referee's address included.
    Admin,
    /// Reviewers: the answers and the signals, but no IP address.
    Reviewer,
}

/// An applicant's requests as staff see them: every answer, and the signals
/// that a rating may not be what it seems (a shared or the applicant's own
/// address, an answer from the applicant's address, browser or session).
pub(crate) fn reviewed(
    conn: &mut AnyConnection,
    applicant: &users::User,
    reader: Reader,
    now: DateTime<Utc>,
) -> DbResult<Vec<ReviewedReference>> {
    let ips = refresh_tokens::ips_of(conn, applicant.id)?;
    let devices = refresh_tokens::devices_of(conn, applicant.id)?;
    let (stored, views) = views(conn, applicant.id, Audience::Staff, now)?;
    let keys: Vec<(EntryId, &str, AnswerTrace<'_>)> = stored
        .iter()
        .map(|r| {
            (
                r.id,
                r.request.referee_email.as_str(),
                AnswerTrace {
                    ip: r.answer_ip.as_deref(),
                    device: r.answer_device_hash.as_deref(),
                    applicant_session: r.answer_in_applicant_session,
                },
            )
        })
        .collect();
    let found = signals(&applicant.email, &ips, &devices, &keys);
    Ok(views
        .into_iter()
        .zip(stored.iter().zip(found))
        .map(|(reference, (stored, signals))| match reader {
            Reader::Admin => ReviewedReference {
                reference,
                answer_ip: stored.answer_ip.clone(),
                signals,
            },
            Reader::Reviewer => ReviewedReference {
                reference,
                answer_ip: None,
                signals: signals
                    .into_iter()
                    .map(endorse_shared::references::ReferenceSignal::for_reviewer)
                    .collect(),
            },
        })
        .collect())
}

// ---------------------------------------------------------------------------
// The referee's side: no account, only the link.
// ---------------------------------------------------------------------------

/// Finds the request of a link, counting misses per IP address against guessing.
async fn by_token(
    state: &web::Data<AppState>,
    request: &HttpRequest,
    token: &str,
) -> ApiResult<StoredReference> {
    let ip_key = format!("referee:{}", crate::routes::auth::client_ip(request));
    state
        .referee_misses_by_ip
        .check(&ip_key)
        .map_err(|wait| ApiError::TooManyRequests {
            retry_after: retry_after_seconds(wait),
        })?;
    let found = if looks_like_token(token) {
        let hash = hash_secret_token(token);
        state
            .db
            .run(move |conn| references::find_by_token_hash(conn, &hash))
            .await?
    } else {
        None
    };
    found.ok_or_else(|| {
        state.referee_misses_by_ip.record(&ip_key);
        ApiError::NotFound(
            "This link is not valid. Check that you copied all of it; if the applicant re-sent the request, only the newest e-mail's link works.".into(),
        )
    })
}

/// The request of a link that still works; a clear 410 otherwise.
fn live(
    state: &AppState,
    stored: StoredReference,
    now: DateTime<Utc>,
) -> ApiResult<StoredReference> {
    let contact = &state.settings.mail.reply_to;
    let association = &state.settings.mail.association_name;
    let detail = match stored.stage {
        Stage::Pending if stored.is_live(now) => return Ok(stored),
        Stage::Pending => format!(
            "This link expired on {}. If you still want to give a reference, ask the applicant to re-send the request, or write to {association} at {contact}.",
            stored.expires_at.map_or_else(String::new, |at| at.format("%-d %B %Y").to_string())
        ),
        Stage::Received => format!(
            "Your rating has been received, thank you. It cannot be changed; to add something, write to {association} at {contact}."
        ),
        Stage::Declined => format!(
            "You declined this request. If you have changed your mind, ask the applicant to send a new one, or write to {association} at {contact}."
        ),
        Stage::Cancelled => format!(
            "The applicant cancelled this request, so no reference is needed from you. Questions: write to {association} at {contact}."
        ),
    };
    Err(ApiError::Gone(detail))
}

/// A referee opens the link: who asks, for which category, and the form.
#[utoipa::path(
    get,
    path = "/api/v1/referee/{token}",
    tag = "referee",
    params(("token" = String, Path, description = "The secret of the link")),
    responses(
        (status = 200, description = "The request, with the referee's saved draft", body = RefereeInvitation),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired, cancelled or already answered; says whom to contact", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many invalid links tried from this address", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_invitation(
    state: web::Data<AppState>,
    request: HttpRequest,
    token: web::Path<String>,
) -> ApiResult<web::Json<RefereeInvitation>> {
    let now = state.clock.now();
    let stored = live(&state, by_token(&state, &request, &token).await?, now)?;
    let id = stored.id;
    let applicant_id = stored.applicant;
    let (applicant, rulebook) = state
        .db
        .run(move |conn| {
            references::mark_opened(conn, id, now)?;
            Ok((
                users::find(conn, applicant_id)?,
                rulebooks::current(conn)?.rulebook,
            ))
        })
        .await?;
    let applicant = applicant
        .ok_or_else(|| ApiError::Gone("The applicant's account no longer exists.".into()))?;
    let category_name = rulebook
        .category(&stored.request.category)
        .map_or_else(|| stored.request.category.clone(), |c| c.name.clone());
    Ok(web::Json(RefereeInvitation {
        applicant_name: applicant.name,
        category: stored.request.category.clone(),
        category_name,
        association: state.settings.mail.association_name.clone(),
        contact_email: state.settings.mail.reply_to.clone(),
        referee_name: stored.request.referee_name.clone(),
        relationship: stored.request.relationship,
        known_since: stored.request.known_since,
        waived: stored.request.waive_access,
        domains: rulebook.competency_domains,
        expires_at: stored.expires_at.unwrap_or(now),
        draft: stored.draft.unwrap_or_default(),
    }))
}

/// Saves the referee's draft, so it survives a reload.
#[utoipa::path(
    put,
    path = "/api/v1/referee/{token}/draft",
    tag = "referee",
    params(("token" = String, Path, description = "The secret of the link")),
    request_body = RatingDraft,
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link no longer works", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown domains or comments too long", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn save_draft(
    state: web::Data<AppState>,
    request: HttpRequest,
    token: web::Path<String>,
    body: web::Json<RatingDraft>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let stored = live(&state, by_token(&state, &request, &token).await?, now)?;
    let draft = body.into_inner();
    let id = stored.id;
    let saved = state
        .db
        .run(move |conn| {
            let domains = rulebooks::current(conn)?.rulebook.competency_domains;
            let problems = draft.problems(&domains);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            Ok(Ok(references::save_draft(conn, id, &draft, now)?))
        })
        .await??;
    if !saved {
        return Err(ApiError::Gone(
            "This request was answered or cancelled a moment ago.".into(),
        ));
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Records the referee's final word and queues the notice to the applicant, in
/// the caller's transaction. A 410 when someone else got there first.
fn record_answer(
    conn: &mut AnyConnection,
    state: &AppState,
    stored: &StoredReference,
    response: Response,
    now: DateTime<Utc>,
    from: &AnsweredFrom,
) -> DbResult<Result<(), ApiError>> {
    if !references::answer(conn, stored.id, &response, now, from)? {
        return Ok(Err(ApiError::Gone(
            "This request was answered or cancelled a moment ago.".into(),
        )));
    }
    if let Some(applicant) = users::find(conn, stored.applicant)? {
        let context = context(state);
        let message = match &response {
            Response::Rated(_) => context.rating_received(
                stored.id,
                &stored.request,
                &applicant.email,
                &applicant.name,
            ),
            Response::Declined(reason) => context.reference_declined(
                stored.id,
                &stored.request,
                reason,
                &applicant.email,
                &applicant.name,
            ),
        };
        outbox::enqueue(conn, &message, now)?;
    }
    Ok(Ok(()))
}

/// Where a referee's answer comes from: the address, the browser's device
/// cookie, and whether it carries the applicant's own access token (the app
/// sends the session it holds, so an applicant answering in their own browser
/// is seen).
fn answered_from(
    state: &AppState,
    request: &HttpRequest,
    stored: &StoredReference,
) -> AnsweredFrom {
    let applicant_session = request
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .and_then(|(_, token)| state.tokens.verify(token.trim()).ok())
        .is_some_and(|claims| claims.sub == stored.applicant);
    AnsweredFrom {
        ip: peer_ip(request),
        device_hash: crate::auth::device::Device::presented(request).map(|d| d.hash()),
        applicant_session,
    }
}

/// Submits the rating. Final: the link stops working and the answer never changes.
#[utoipa::path(
    post,
    path = "/api/v1/referee/{token}/rating",
    tag = "referee",
    params(("token" = String, Path, description = "The secret of the link")),
    request_body = RatingAnswer,
    responses(
        (status = 200, description = "Received", body = RefereeDone),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link no longer works (already answered, cancelled, expired)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A domain unanswered or a field not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_rating(
    state: web::Data<AppState>,
    request: HttpRequest,
    token: web::Path<String>,
    body: web::Json<RatingAnswer>,
) -> ApiResult<web::Json<RefereeDone>> {
    let now = state.clock.now();
    let stored = live(&state, by_token(&state, &request, &token).await?, now)?;
    let mut answer = body.into_inner();
    answer.comments = answer.comments.trim().to_string();
    let from = answered_from(&state, &request, &stored);
    let inner = state.clone();
    state
        .db
        .attempt(move |conn| {
            let domains = rulebooks::current(conn)?.rulebook.competency_domains;
            let problems = answer.problems(now.date_naive(), &domains);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            record_answer(conn, &inner, &stored, Response::Rated(answer), now, &from)
        })
        .await??;
    tracing::info!("reference rating received");
    Ok(web::Json(RefereeDone {
        message: "Thank you: your rating has been received. You can close this page.".into(),
    }))
}

/// Declines the request, with a reason the applicant will read.
#[utoipa::path(
    post,
    path = "/api/v1/referee/{token}/decline",
    tag = "referee",
    params(("token" = String, Path, description = "The secret of the link")),
    request_body = DeclineRequest,
    responses(
        (status = 200, description = "Declined", body = RefereeDone),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link no longer works", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn decline(
    state: web::Data<AppState>,
    request: HttpRequest,
    token: web::Path<String>,
    body: web::Json<DeclineRequest>,
) -> ApiResult<web::Json<RefereeDone>> {
    let now = state.clock.now();
    let stored = live(&state, by_token(&state, &request, &token).await?, now)?;
    let reason = body.into_inner();
    let problems = reason.problems();
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let reason = reason.reason.trim().to_string();
    let from = answered_from(&state, &request, &stored);
    let inner = state.clone();
    state
        .db
        .attempt(move |conn| {
            record_answer(
                conn,
                &inner,
                &stored,
                Response::Declined(reason),
                now,
                &from,
            )
        })
        .await??;
    tracing::info!("reference declined");
    Ok(web::Json(RefereeDone {
        message: "Thank you for letting us know. The applicant will be told, so they can ask someone else.".into(),
    }))
}
