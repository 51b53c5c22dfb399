use crate::auth::AuthUser;
use crate::db::applications::{self};
use crate::db::audit::{self, NewEvent};
use crate::db::{rulebooks, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::http::versioning::{etag, IfMatch};
use crate::tenancy::Tenant;
use crate::workflow::weighing::{own, own_view, respond, Loader};
use crate::workflow::{not_yours, submission};
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::applications::{
    ApplicationResponse, ApplicationStatus, StartApplicationRequest,
};
use endorse_shared::i18n::Text;
use endorse_shared::process::{self, Track};
use endorse_shared::{ApplicationId, Problem, Role, UserId};
use validator::Validate;

/// Starts an application for a category, pinned to the rulebook in force.
#[utoipa::path(
    post,
    path = "/api/v1/me/applications",
    tag = "applications",
    security(("bearer" = [])),
    request_body = StartApplicationRequest,
    responses(
        (status = 201, description = "Started as a draft", body = ApplicationResponse),
        (status = 409, description = "An application for this category is already open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a category of the rulebook in force", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn start_application(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    body: web::Json<StartApplicationRequest>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let today = calendar.day_of(now);
    let ip = peer_ip(&request);
    body.validate()?;
    let category = body.into_inner().category.trim().to_uppercase();
    let owner = user.id;
    let currency = tenant.association.currency.clone();
    let outcome = tenant
        .db
        .attempt(move |conn| {
            let version = rulebooks::current(conn)?;
            if version.rulebook.category(&category).is_none() {
                return Ok(Err(ApiError::field(
                    "category",
                    Text::new("err-not-category-rulebook-force")
                        .with("category", (category).to_string()),
                )));
            }
            let id = match applications::insert(conn, owner, &category, version.number) {
                Ok(id) => id,
                Err(DbError::UniqueViolation(_)) => {
                    return Ok(Err(ApiError::Conflict(
                        Text::new("err-you-already-have-open-application")
                            .with("category", (category).to_string()),
                    )))
                }
                Err(other) => return Err(other),
            };
            audit::record(
                conn,
                &NewEvent {
                    application: id,
                    actor: Some(owner),
                    role: Role::Applicant,
                    ip: ip.as_deref(),
                    action: "start",
                    from: None,
                    to: Some(ApplicationStatus::Draft),
                    reason: None,
                    details: format!(
                        "Started an application for {category}, judged by rulebook version {}.",
                        version.number
                    ),
                },
                now,
            )?;
            let application = applications::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(respond(
                conn,
                application,
                today,
                Role::Applicant,
                &currency,
            )?))
        })
        .await??;
    Ok(HttpResponse::Created()
        .insert_header(etag(outcome.version))
        .json(outcome))
}

/// The caller's applications, newest first, each weighed today.
#[utoipa::path(
    get,
    path = "/api/v1/me/applications",
    tag = "applications",
    security(("bearer" = [])),
    responses((status = 200, description = "Your applications", body = Vec<ApplicationResponse>))
)]
pub async fn list_my_applications(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<Vec<ApplicationResponse>>> {
    let today = tenant.today();
    let owner = user.id;
    let currency = tenant.association.currency.clone();
    let list = tenant
        .db
        .run(move |conn| {
            let mut loader = Loader::on(today, Role::Applicant, &currency);
            applications::list_for(conn, owner)?
                .into_iter()
                .map(|application| loader.respond(conn, application))
                .collect::<DbResult<Vec<_>>>()
        })
        .await?;
    Ok(web::Json(list))
}

/// One of the caller's applications.
#[utoipa::path(
    get,
    path = "/api/v1/me/applications/{id}",
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "The application; the ETag is its version", body = ApplicationResponse),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_my_application(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    id: web::Path<ApplicationId>,
) -> ApiResult<HttpResponse> {
    let found = my_application(&tenant, user.id, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(found.version))
        .json(found))
}

/// The caller's own application as an answer, or a 404.
pub(crate) async fn my_application(
    tenant: &Tenant,
    owner: UserId,
    id: ApplicationId,
) -> ApiResult<ApplicationResponse> {
    let today = tenant.today();
    let currency = tenant.association.currency.clone();
    tenant
        .db
        .run(move |conn| own_view(conn, owner, id, today, &currency))
        .await?
        .ok_or_else(not_yours)
}

/// Submits a draft, or resubmits a deferred application (a new round). Refused
/// with 422, naming every unmet requirement, unless the report is all met; then
/// the entries that counted are frozen in a snapshot that later edits never
/// change, and earlier rounds' snapshots are kept.
#[utoipa::path(
    post,
    path = "/api/v1/me/applications/{id}/submit",
    tag = "applications",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The application"),
        ("If-Match" = String, Header, description = "The application's version"),
    ),
    responses(
        (status = 200, description = "Submitted", body = ApplicationResponse),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Neither a draft nor deferred", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you loaded it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Requirements still short, keyed by requirement", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_application(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    if_match: IfMatch,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let (owner, id, expected) = (user.id, id.into_inner(), if_match.version()?);
    let currency = tenant.association.currency.clone();
    let outcome = tenant
        .db
        .attempt(move |conn| {
            submission::submit(
                conn,
                (owner, ip.as_deref()),
                id,
                expected,
                (now, calendar, &currency),
            )
        })
        .await??;
    tracing::info!(application_id = %outcome.id, category = %outcome.category, "application submitted");
    Ok(web::Json(outcome))
}

/// Withdraws an application, while it is a draft or submitted (review has not
/// started).
#[utoipa::path(
    post,
    path = "/api/v1/me/applications/{id}/withdraw",
    tag = "applications",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The application"),
        ("If-Match" = String, Header, description = "The application's version"),
    ),
    responses(
        (status = 200, description = "Withdrawn", body = ApplicationResponse),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Review has started, or it is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you loaded it", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn withdraw_application(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    if_match: IfMatch,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let today = calendar.day_of(now);
    let ip = peer_ip(&request);
    let (owner, id, expected) = (user.id, id.into_inner(), if_match.version()?);
    let currency = tenant.association.currency.clone();
    let outcome = tenant
        .db
        .attempt(move |conn| {
            let Some(application) = own(conn, owner, id)? else {
                return Ok(Err(not_yours()));
            };
            let Some(to) = process::next(
                application.status,
                process::Action::Withdraw,
                Track::default(),
            ) else {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-application-can-withdrawn-only-before-review")
                        .with("status", application.status.text()),
                )));
            };
            if application.version != expected
                || !applications::transition(conn, id, (application.status, expected), to, now)?
            {
                return Ok(Err(ApiError::stale("application", application.version)));
            }
            audit::record(
                conn,
                &NewEvent {
                    application: id,
                    actor: Some(owner),
                    role: Role::Applicant,
                    ip: ip.as_deref(),
                    action: process::Action::Withdraw.as_str(),
                    from: Some(application.status),
                    to: Some(to),
                    reason: None,
                    details: "Withdrawn by the applicant.".into(),
                },
                now,
            )?;
            let application = applications::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(respond(
                conn,
                application,
                today,
                Role::Applicant,
                &currency,
            )?))
        })
        .await??;
    Ok(web::Json(outcome))
}
