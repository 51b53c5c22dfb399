use crate::auth::links::looks_like_token;
use crate::auth::tokens::hash_secret_token;
use crate::db::references::{self, AnsweredFrom, Response, Stage, StoredReference};
use crate::db::{outbox, rulebooks, users, AnyConnection, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::tenancy::Tenant;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use endorse_shared::i18n::Text;
use endorse_shared::references::{
    DeclineRequest, RatingAnswer, RatingDraft, RefereeDone, RefereeInvitation, RefereeLanguage,
};
use endorse_shared::rulebook::{CompetencyDomain, Rulebook};
use endorse_shared::Problem;

/// Finds the request of a link, counting misses per IP address against guessing.
async fn by_token(
    tenant: &Tenant,
    request: &HttpRequest,
    token: &str,
) -> ApiResult<StoredReference> {
    let ip_key = crate::http::client::client_ip(request);
    let hash = looks_like_token(token).then(|| hash_secret_token(token));
    let limit = tenant.referee_misses_by_ip.clone();
    let now = tenant.clock.now().naive_utc();
    tenant
        .db
        .run(move |conn| {
            if let Err(refused) = limit.check(conn, &ip_key, now)? {
                return Ok(Err(refused));
            }
            let found = match hash {
                Some(hash) => references::find_by_token_hash(conn, &hash)?,
                None => None,
            };
            // Only misses count: a referee saving drafts is not guessing.
            if found.is_none() {
                limit.record(conn, &ip_key, now)?;
            }
            Ok(Ok(found))
        })
        .await??
        .ok_or_else(|| ApiError::NotFound(Text::new("err-link-not-valid-check-you-copied")))
        .inspect(|found| crate::locale::saved(found.request.language))
}

/// The request of a link that still works; a clear 410 otherwise.
fn live(
    tenant: &Tenant,
    stored: StoredReference,
    now: DateTime<Utc>,
) -> ApiResult<StoredReference> {
    let contact = &tenant.mail_settings.reply_to;
    let association = &tenant.mail_settings.association_name;
    let answered = matches!(stored.stage, Stage::Received | Stage::Declined);
    let detail = match stored.stage {
        Stage::Pending if stored.is_live(now) => return Ok(stored),
        Stage::Pending => match stored.expires_at {
            Some(at) => Text::new("referee-link-expired").with("day", tenant.calendar.day_of(at)),
            None => Text::new("referee-link-expired-undated"),
        },
        Stage::Received => Text::new("referee-already-received"),
        Stage::Declined => Text::new("referee-declined"),
        Stage::Cancelled => Text::new("referee-cancelled"),
    };
    let detail = detail
        .with("association", association)
        .with("contact", contact);
    Err(if answered {
        ApiError::Answered(detail)
    } else {
        ApiError::Gone(detail)
    })
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
    tenant: Tenant,
    request: HttpRequest,
    token: web::Path<String>,
) -> ApiResult<web::Json<RefereeInvitation>> {
    let now = tenant.clock.now();
    let stored = live(&tenant, by_token(&tenant, &request, &token).await?, now)?;
    let id = stored.id;
    let applicant_id = stored.applicant;
    let (applicant, rulebook) = tenant
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
        .ok_or_else(|| ApiError::Gone(Text::new("err-applicants-account-no-longer-exists")))?;
    let category_name = rulebook.category(&stored.request.category).map_or_else(
        || stored.request.category.clone(),
        |c| c.name.get(crate::locale::current()).to_string(),
    );
    Ok(web::Json(RefereeInvitation {
        applicant_name: applicant.name,
        category: stored.request.category.clone(),
        category_name,
        association: tenant.mail_settings.association_name.clone(),
        contact_email: tenant.mail_settings.reply_to.clone(),
        referee_name: stored.request.referee_name.clone(),
        relationship: stored.request.relationship,
        known_since: stored.request.known_since,
        waived: stored.request.waive_access,
        domains: rated_domains(&rulebook, &stored.request.category),
        expires_at: stored.expires_at.unwrap_or(now),
        draft: stored.draft.unwrap_or_default(),
        language: crate::locale::current(),
    }))
}

/// The domains the referee rates: those the category's rulebook lists for
/// referees (every domain for a category it no longer has).
fn rated_domains(rulebook: &Rulebook, category: &str) -> Vec<CompetencyDomain> {
    rulebook.category(category).map_or_else(
        || rulebook.competency_domains.clone(),
        |c| rulebook.referee_domains(c),
    )
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
    tenant: Tenant,
    request: HttpRequest,
    token: web::Path<String>,
    body: web::Json<RatingDraft>,
) -> ApiResult<HttpResponse> {
    let now = tenant.clock.now();
    let stored = live(&tenant, by_token(&tenant, &request, &token).await?, now)?;
    let draft = body.into_inner();
    let id = stored.id;
    let stored_category = stored.request.category.clone();
    let saved = tenant
        .db
        .run(move |conn| {
            let domains = rated_domains(&rulebooks::current(conn)?.rulebook, &stored_category);
            let problems = draft.problems(&domains);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            Ok(Ok(references::save_draft(conn, id, &draft, now)?))
        })
        .await??;
    if !saved {
        return Err(ApiError::Gone(Text::new(
            "err-request-was-answered-cancelled-moment-ago",
        )));
    }
    Ok(HttpResponse::NoContent().finish())
}

/// The referee reads the page (and later mail about it) in another language.
/// The answer is already in it.
#[utoipa::path(
    put,
    path = "/api/v1/referee/{token}/language",
    tag = "referee",
    params(("token" = String, Path, description = "The secret of the link")),
    request_body = RefereeLanguage,
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link no longer works", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn choose_language(
    tenant: Tenant,
    request: HttpRequest,
    token: web::Path<String>,
    body: web::Json<RefereeLanguage>,
) -> ApiResult<HttpResponse> {
    let now = tenant.clock.now();
    let stored = live(&tenant, by_token(&tenant, &request, &token).await?, now)?;
    let language = body.into_inner().language;
    let id = stored.id;
    tenant
        .db
        .run(move |conn| references::set_language(conn, id, language))
        .await?;
    crate::locale::saved(Some(language));
    Ok(HttpResponse::NoContent().finish())
}

/// Records the referee's final word and queues the notice to the applicant, in
/// the caller's transaction. A 410 when someone else got there first.
fn record_answer(
    conn: &mut AnyConnection,
    tenant: &Tenant,
    stored: &StoredReference,
    response: Response,
    now: DateTime<Utc>,
    from: &AnsweredFrom,
) -> DbResult<Result<(), ApiError>> {
    if !references::answer(
        conn,
        stored.id,
        &response,
        (now, tenant.calendar.day_of(now)),
        from,
    )? {
        return Ok(Err(ApiError::Gone(Text::new(
            "err-request-was-answered-cancelled-moment-ago",
        ))));
    }
    if let Some(applicant) = users::find(conn, stored.applicant)? {
        let context = tenant.mail().to(applicant.reader());
        let message = match &response {
            Response::Imported(_) => return Ok(Ok(())),
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
fn answered_from(tenant: &Tenant, request: &HttpRequest, stored: &StoredReference) -> AnsweredFrom {
    let applicant_session = request
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .and_then(|(_, token)| tenant.tokens.verify(token.trim()).ok())
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
    tenant: Tenant,
    request: HttpRequest,
    token: web::Path<String>,
    body: web::Json<RatingAnswer>,
) -> ApiResult<web::Json<RefereeDone>> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let stored = live(&tenant, by_token(&tenant, &request, &token).await?, now)?;
    let mut answer = body.into_inner();
    answer.comments = answer.comments.trim().to_string();
    let from = answered_from(&tenant, &request, &stored);
    let stored_category = stored.request.category.clone();
    let inner = tenant.clone();
    tenant
        .db
        .attempt(move |conn| {
            let domains = rated_domains(&rulebooks::current(conn)?.rulebook, &stored_category);
            let problems = answer.problems(calendar.day_of(now), &domains);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            record_answer(conn, &inner, &stored, Response::Rated(answer), now, &from)
        })
        .await??;
    tracing::info!("reference rating received");
    Ok(web::Json(RefereeDone {
        message: Text::new("referee-done-rated").say(crate::locale::current()),
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
    tenant: Tenant,
    request: HttpRequest,
    token: web::Path<String>,
    body: web::Json<DeclineRequest>,
) -> ApiResult<web::Json<RefereeDone>> {
    let now = tenant.clock.now();
    let stored = live(&tenant, by_token(&tenant, &request, &token).await?, now)?;
    let reason = body.into_inner();
    let problems = reason.problems();
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let reason = reason.reason.trim().to_string();
    let from = answered_from(&tenant, &request, &stored);
    let inner = tenant.clone();
    tenant
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
        message: Text::new("referee-done-declined").say(crate::locale::current()),
    }))
}
