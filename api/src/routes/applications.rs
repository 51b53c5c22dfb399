//! Applications: an applicant starts one per category, submits it when the
//! report is all met (freezing a snapshot), and may withdraw until review
//! starts. Admins list, read and re-pin them to a newer rulebook version.

use crate::auth::{AuthUser, RequireAdmin};
use crate::db::applications::{self, Application};
use crate::db::audit::{self, NewEvent};
use crate::db::outbox;
use crate::db::portfolio::Weighable;
use crate::db::{portfolio, rulebooks, AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::mail::templates::Context;
use crate::routes::auth::peer_ip;
use crate::routes::versioning::{self, etag, IfMatch};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use endorse_shared::applications::{
    pipeline, ApplicationListResponse, ApplicationResponse, ApplicationStatus,
    ListApplicationsQuery, MoveRulebookRequest, OverdueReview, PipelineResponse, Snapshot,
    SnapshotReference, StartApplicationRequest,
};
use endorse_shared::eligibility::{evaluate, EligibilityReport};
use endorse_shared::process::{self, Action, AuditEvent, Track, TransitionRequest};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{ApplicationId, Problem, Role, UserId};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use validator::Validate;

/// What an application is weighed on: its rulebook category and the owner's
/// portfolio and references, today.
struct Weighed {
    report: EligibilityReport,
    category_name: String,
    track: Track,
}

/// Loads what answers need once per applicant and rulebook version, so a list
/// of applications costs the same few queries as one.
struct Loader {
    today: NaiveDate,
    role: Role,
    portfolios: HashMap<UserId, Weighable>,
    rulebooks: HashMap<i64, Rulebook>,
    current: Option<Rulebook>,
}

impl Loader {
    /// A loader weighing portfolios as of `today`, answering `role`.
    fn on(today: NaiveDate, role: Role) -> Self {
        Self {
            today,
            role,
            portfolios: HashMap::new(),
            rulebooks: HashMap::new(),
            current: None,
        }
    }

    fn weigh(&mut self, conn: &mut AnyConnection, application: &Application) -> DbResult<Weighed> {
        let owner = application.applicant.id;
        let weighable = match self.portfolios.entry(owner) {
            Entry::Occupied(found) => found.into_mut(),
            Entry::Vacant(slot) => {
                let current = match &mut self.current {
                    Some(current) => current,
                    empty => empty.insert(rulebooks::current(conn)?.rulebook),
                };
                slot.insert(portfolio::weighable(conn, owner, current)?)
            }
        };
        let rulebook = match self.rulebooks.entry(application.rulebook_version) {
            Entry::Occupied(found) => found.into_mut(),
            Entry::Vacant(slot) => {
                let version =
                    rulebooks::get(conn, application.rulebook_version)?.ok_or(DbError::NotFound)?;
                slot.insert(version.rulebook)
            }
        };
        let rules = rulebook.category(&application.category).ok_or_else(|| {
            DbError::Corrupt(format!(
                "category {} missing from rulebook {}",
                application.category, application.rulebook_version
            ))
        })?;
        Ok(Weighed {
            report: evaluate(rules, &weighable.portfolio, self.today),
            category_name: rules.name.clone(),
            track: Track::of(rules),
        })
    }

    fn respond(
        &mut self,
        conn: &mut AnyConnection,
        application: Application,
    ) -> DbResult<ApplicationResponse> {
        let weighed = self.weigh(conn, &application)?;
        let snapshot = applications::latest_snapshot(conn, application.id)?;
        Ok(ApplicationResponse {
            id: application.id,
            applicant: application.applicant,
            category: application.category,
            category_name: weighed.category_name,
            rulebook_version: application.rulebook_version,
            status: application.status,
            version: application.version,
            created_at: application.created_at.and_utc(),
            submitted_at: application.submitted_at.map(|at| at.and_utc()),
            actions: process::allowed(application.status, self.role, weighed.track),
            feedback: audit::latest_feedback(conn, application.id)?,
            information_requests: crate::db::information::for_application(conn, application.id)?,
            report: weighed.report,
            snapshot,
        })
    }
}

/// One application as an answer.
fn respond(
    conn: &mut AnyConnection,
    application: Application,
    today: NaiveDate,
    role: Role,
) -> DbResult<ApplicationResponse> {
    Loader::on(today, role).respond(conn, application)
}

fn not_yours() -> ApiError {
    ApiError::NotFound("There is no such application of yours.".into())
}

/// The caller's own application, or a 404.
fn own(
    conn: &mut AnyConnection,
    owner: UserId,
    id: ApplicationId,
) -> DbResult<Option<Application>> {
    Ok(applications::get(conn, id)?.filter(|application| application.applicant.id == owner))
}

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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    body: web::Json<StartApplicationRequest>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let today = now.date_naive();
    let ip = peer_ip(&request);
    body.validate()?;
    let category = body.into_inner().category.trim().to_uppercase();
    let owner = user.id;
    let outcome = state
        .db
        .attempt(move |conn| {
            let version = rulebooks::current(conn)?;
            if version.rulebook.category(&category).is_none() {
                return Ok(Err(ApiError::field(
                    "category",
                    &format!("'{category}' is not a category of the rulebook in force"),
                )));
            }
            let id = match applications::insert(conn, owner, &category, version.number) {
                Ok(id) => id,
                Err(DbError::UniqueViolation(_)) => {
                    return Ok(Err(ApiError::Conflict(format!(
                        "You already have an open application for {category}."
                    ))))
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
            Ok(Ok(respond(conn, application, today, Role::Applicant)?))
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<Vec<ApplicationResponse>>> {
    let today = state.clock.today();
    let owner = user.id;
    let list = state
        .db
        .run(move |conn| {
            let mut loader = Loader::on(today, Role::Applicant);
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<ApplicationId>,
) -> ApiResult<HttpResponse> {
    let found = my_application(&state, user.id, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(found.version))
        .json(found))
}

/// The caller's own application as an answer, or a 404.
pub(crate) async fn my_application(
    state: &AppState,
    owner: UserId,
    id: ApplicationId,
) -> ApiResult<ApplicationResponse> {
    let today = state.clock.today();
    state
        .db
        .run(move |conn| {
            own(conn, owner, id)?
                .map(|application| respond(conn, application, today, Role::Applicant))
                .transpose()
        })
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    if_match: IfMatch,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let state_now = state.clock.now();
    let today = state_now.date_naive();
    let ip = peer_ip(&request);
    let (owner, id, expected) = (user.id, id.into_inner(), if_match.version()?);
    let outcome = state
        .db
        .attempt(move |conn| {
            // The snapshot must be what the engine weighed: no entry changes
            // between the two.
            crate::db::lock_owner(conn, owner)?;
            let Some(application) = own(conn, owner, id)? else {
                return Ok(Err(not_yours()));
            };
            let action = if application.status == ApplicationStatus::Deferred {
                process::Action::Resubmit
            } else {
                process::Action::Submit
            };
            let Some(to) = process::next(application.status, action, Track::default()) else {
                return Ok(Err(ApiError::Conflict(format!(
                    "This application is {}; only a draft or a deferred application can be submitted.",
                    application.status.label().to_lowercase()
                ))));
            };
            if application.version != expected {
                return Ok(Err(stale(application.version)));
            }
            let mut loader = Loader::on(today, Role::Applicant);
            let weighed = loader.weigh(conn, &application)?;
            if !weighed.report.eligible {
                let mut errors = BTreeMap::new();
                for line in weighed.report.short_lines() {
                    errors.insert(
                        line.key.clone(),
                        vec![line
                            .shortfall
                            .clone()
                            .unwrap_or_else(|| line.summary.clone())],
                    );
                }
                return Ok(Err(ApiError::Validation(errors)));
            }
            let counted: HashSet<_> = weighed
                .report
                .entries
                .iter()
                .filter(|v| v.counts)
                .map(|v| v.entry)
                .collect();
            let weighable = loader
                .portfolios
                .get(&application.applicant.id)
                .ok_or(DbError::NotFound)?;
            let snapshot = Snapshot {
                round: applications::snapshot_count(conn, id)? + 1,
                taken_at: state_now,
                entries: weighable
                    .entries
                    .iter()
                    .filter(|e| counted.contains(&e.id))
                    .cloned()
                    .collect(),
                references: weighable
                    .references
                    .iter()
                    .filter(|r| counted.contains(&r.id))
                    .map(|r| SnapshotReference {
                        id: r.id,
                        data: r.data.clone(),
                    })
                    .collect(),
                report: weighed.report,
            };
            // The guarded update first: if someone else moved it meanwhile,
            // nothing has been written yet.
            if application.version != expected
                || !applications::transition(
                    conn,
                    id,
                    (application.status, expected),
                    to,
                    state_now,
                )?
            {
                return Ok(Err(stale(application.version)));
            }
            audit::record(
                conn,
                &NewEvent {
                    application: id,
                    actor: Some(owner),
                    role: Role::Applicant,
                    ip: ip.as_deref(),
                    action: action.as_str(),
                    from: Some(application.status),
                    to: Some(to),
                    reason: None,
                    details: format!(
                        "Submitted (round {}) with {} counted entries and {} counted references.",
                        snapshot.round,
                        snapshot.entries.len(),
                        snapshot.references.len()
                    ),
                },
                state_now,
            )?;
            applications::insert_snapshot(conn, id, &snapshot)?;
            let application = applications::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(loader.respond(conn, application)?))
        })
        .await??;
    tracing::info!(application_id = %outcome.id, category = %outcome.category, "application submitted");
    Ok(web::Json(outcome))
}

fn stale(current: i64) -> ApiError {
    versioning::stale("application", current)
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
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    if_match: IfMatch,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let now = state.clock.now();
    let today = now.date_naive();
    let ip = peer_ip(&request);
    let (owner, id, expected) = (user.id, id.into_inner(), if_match.version()?);
    let outcome = state
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
                return Ok(Err(ApiError::Conflict(format!(
                    "This application is {}; it can be withdrawn only before review starts.",
                    application.status.label().to_lowercase()
                ))));
            };
            if application.version != expected
                || !applications::transition(conn, id, (application.status, expected), to, now)?
            {
                return Ok(Err(stale(application.version)));
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
            Ok(Ok(respond(conn, application, today, Role::Applicant)?))
        })
        .await??;
    Ok(web::Json(outcome))
}

/// Admins: applications, filtered and a page at a time, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/applications",
    tag = "applications",
    security(("bearer" = [])),
    params(ListApplicationsQuery),
    responses(
        (status = 200, description = "One page", body = ApplicationListResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filters", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_applications(
    state: web::Data<AppState>,
    _admin: RequireAdmin,
    query: web::Query<ListApplicationsQuery>,
) -> ApiResult<web::Json<ApplicationListResponse>> {
    query.validate()?;
    let query = query.into_inner();
    if let (Some(from), Some(to)) = (query.submitted_from, query.submitted_to) {
        if to < from {
            return Err(ApiError::field(
                "submitted_to",
                "must not be before submitted_from",
            ));
        }
    }
    let (page, per_page) = (query.page(), query.per_page());
    let (items, total) = state
        .db
        .run(move |conn| applications::list(conn, &query))
        .await?;
    Ok(web::Json(ApplicationListResponse {
        items: items.iter().map(Application::summary).collect(),
        total,
        page,
        per_page,
    }))
}

/// Admins: the pipeline: how many applications are in each status and how long
/// they have waited there.
#[utoipa::path(
    get,
    path = "/api/v1/applications/pipeline",
    tag = "applications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every status, in process order", body = PipelineResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_pipeline(
    state: web::Data<AppState>,
    _admin: RequireAdmin,
) -> ApiResult<web::Json<PipelineResponse>> {
    let now = state.clock.now();
    let (rows, late) = state
        .db
        .run(move |conn| {
            let rows = applications::statuses_since(conn)?;
            let mut late = Vec::new();
            for (assignment, _) in crate::db::assignments::active_due_before(conn, now)? {
                let applicant_name = applications::get(conn, assignment.application)?
                    .map(|a| a.applicant.name)
                    .unwrap_or_default();
                late.push(OverdueReview {
                    application: assignment.application,
                    applicant_name,
                    reviewer_name: assignment.reviewer_name,
                    due_at: assignment.due_at,
                    days_late: (now - assignment.due_at).num_days(),
                });
            }
            Ok((rows, late))
        })
        .await?;
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(id, status, since)| (id, status, since.and_utc()))
        .collect();
    let mut answer = pipeline(&rows, now);
    answer.overdue_reviews = late;
    Ok(web::Json(answer))
}

/// The most rows one CSV export holds.
const CSV_EXPORT_CAP: i64 = 50_000;

/// Admins: the filtered list as CSV (every page, newest first).
#[utoipa::path(
    get,
    path = "/api/v1/applications.csv",
    tag = "applications",
    security(("bearer" = [])),
    params(ListApplicationsQuery),
    responses(
        (status = 200, description = "One row per application, with a header row", content_type = "text/csv", body = String),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filters, or more than 50000 rows", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn export_applications(
    state: web::Data<AppState>,
    _admin: RequireAdmin,
    query: web::Query<ListApplicationsQuery>,
) -> ApiResult<HttpResponse> {
    query.validate()?;
    let query = query.into_inner();
    let (items, total) = state
        .db
        .run(move |conn| applications::list_all(conn, &query, CSV_EXPORT_CAP))
        .await?;
    if total > u64::try_from(CSV_EXPORT_CAP).unwrap_or(u64::MAX) {
        return Err(ApiError::field(
            "q",
            &format!("{total} applications match; narrow the filters to at most {CSV_EXPORT_CAP}"),
        ));
    }
    let mut out =
        String::from("id,applicant,email,category,status,rulebook_version,started,submitted\r\n");
    for a in &items {
        let row = [
            a.id.to_string(),
            a.applicant.name.clone(),
            a.applicant.email.clone(),
            a.category.clone(),
            a.status.as_str().to_string(),
            a.rulebook_version.to_string(),
            a.created_at.and_utc().to_rfc3339(),
            a.submitted_at
                .map(|at| at.and_utc().to_rfc3339())
                .unwrap_or_default(),
        ];
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"applications.csv\"",
        ))
        .body(out))
}

/// Admins: any application, with the applicant's portfolio weighed today and
/// the latest snapshot.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}",
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "The application", body = ApplicationResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_application(
    state: web::Data<AppState>,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<HttpResponse> {
    let today = state.clock.today();
    let id = id.into_inner();
    let found = state
        .db
        .run(move |conn| {
            applications::get(conn, id)?
                .map(|application| respond(conn, application, today, Role::Admin))
                .transpose()
        })
        .await?
        .ok_or_else(|| ApiError::NotFound("There is no such application.".into()))?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(found.version))
        .json(found))
}

/// Admins: moves an open application to a newer rulebook version that still has
/// its category.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/rulebook-version",
    tag = "applications",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The application"),
        ("If-Match" = String, Header, description = "The application's version"),
    ),
    request_body = MoveRulebookRequest,
    responses(
        (status = 200, description = "Moved", body = ApplicationResponse),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The application is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you loaded it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a newer version with this category", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn move_application_rulebook(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    if_match: IfMatch,
    body: web::Json<MoveRulebookRequest>,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let now = state.clock.now();
    let today = now.date_naive();
    let ip = peer_ip(&request);
    let admin_id = admin.id;
    let (id, expected, target) = (id.into_inner(), if_match.version()?, body.rulebook_version);
    let outcome = state
        .db
        .attempt(move |conn| {
            let Some(application) = applications::get(conn, id)? else {
                return Ok(Err(ApiError::NotFound(
                    "There is no such application.".into(),
                )));
            };
            if !application.status.is_open() {
                return Ok(Err(ApiError::Conflict(format!(
                    "This application is {}; a closed application keeps its rulebook.",
                    application.status.label().to_lowercase()
                ))));
            }
            if target <= application.rulebook_version {
                return Ok(Err(ApiError::field(
                    "rulebook_version",
                    &format!(
                        "must be newer than version {}",
                        application.rulebook_version
                    ),
                )));
            }
            match rulebooks::get(conn, target)? {
                None => {
                    return Ok(Err(ApiError::field(
                        "rulebook_version",
                        &format!("there is no version {target}"),
                    )))
                }
                Some(version) if version.rulebook.category(&application.category).is_none() => {
                    return Ok(Err(ApiError::field(
                        "rulebook_version",
                        &format!("version {target} has no category {}", application.category),
                    )))
                }
                Some(_) => {}
            }
            if application.version != expected
                || !applications::set_rulebook_version(conn, id, expected, target)?
            {
                return Ok(Err(stale(application.version)));
            }
            audit::record(
                conn,
                &NewEvent {
                    application: id,
                    actor: Some(admin_id),
                    role: Role::Admin,
                    ip: ip.as_deref(),
                    action: "move_rulebook",
                    from: None,
                    to: None,
                    reason: None,
                    details: format!(
                        "Moved from rulebook version {} to version {target}.",
                        application.rulebook_version
                    ),
                },
                now,
            )?;
            let application = applications::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(respond(conn, application, today, Role::Admin)?))
        })
        .await??;
    tracing::info!(admin_id = %admin.id, application_id = %outcome.id, rulebook_version = target, "application moved to another rulebook version");
    Ok(web::Json(outcome))
}

/// Admins: moves an application along the process. Only the transitions of
/// `shared::process` are possible; an illegal one is a 409 that names the
/// current status. Decisions need a reason, kept in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/transitions",
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = TransitionRequest,
    responses(
        (status = 200, description = "Moved", body = ApplicationResponse),
        (status = 403, description = "Not an admin, or an action only the applicant or a reviewer takes", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in the current status, which the problem names", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason is needed", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn transition_application(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<TransitionRequest>,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let now = state.clock.now();
    let today = now.date_naive();
    let ip = peer_ip(&request);
    let id = id.into_inner();
    let body = body.into_inner();
    let reason = body.checked_reason().map_err(ApiError::Validation)?;
    let action = body.action;
    // The exam's steps carry their own data (date, scores): they have their own
    // operations, and the result follows from the scores, never from a click.
    if action.has_own_operation() {
        return Err(ApiError::Conflict(
            "Schedule the exam with POST /api/v1/applications/{id}/exam, and record its result with POST /api/v1/applications/{id}/exam/result.".into(),
        ));
    }
    let admin_id = admin.id;
    let mail_settings = state.settings.mail.clone();
    let public_url = state.settings.public_url.clone();
    let issuer = state.issuer.clone();
    let outcome = state
        .db
        .attempt(move |conn| {
            let Some(application) = applications::get(conn, id)? else {
                return Ok(Err(ApiError::NotFound(
                    "There is no such application.".into(),
                )));
            };
            let rulebook =
                rulebooks::get(conn, application.rulebook_version)?.ok_or(DbError::NotFound)?;
            let track = rulebook
                .rulebook
                .category(&application.category)
                .map(Track::of)
                .unwrap_or_default();
            let to = match process::apply(application.status, action, Role::Admin, track) {
                Ok(to) => to,
                Err(refusal @ process::Refusal::NotYours { .. }) => {
                    return Ok(Err(ApiError::Forbidden(refusal.describe())))
                }
                Err(refusal) => return Ok(Err(ApiError::Conflict(refusal.describe()))),
            };
            if !applications::transition(
                conn,
                id,
                (application.status, application.version),
                to,
                now,
            )? {
                return Ok(Err(ApiError::Conflict(
                    "The application changed meanwhile; reload it and try again.".into(),
                )));
            }
            audit::record(
                conn,
                &NewEvent {
                    application: id,
                    actor: Some(admin_id),
                    role: Role::Admin,
                    ip: ip.as_deref(),
                    action: action.as_str(),
                    from: Some(application.status),
                    to: Some(to),
                    reason: reason.as_deref(),
                    details: format!(
                        "{}: {} \u{2192} {}.",
                        action.label(),
                        application.status.label(),
                        to.label()
                    ),
                },
                now,
            )?;
            if action == Action::Endorse {
                let number = crate::routes::endorsements::issue(conn, &issuer, &application, now)?;
                audit::record(
                    conn,
                    &NewEvent {
                        application: id,
                        actor: Some(admin_id),
                        role: Role::Admin,
                        ip: ip.as_deref(),
                        action: "issue",
                        from: None,
                        to: None,
                        reason: None,
                        details: format!("Endorsement {number} issued."),
                    },
                    now,
                )?;
            }
            if let Some(outcome) = action.outcome() {
                let category_name = rulebook
                    .rulebook
                    .category(&application.category)
                    .map_or_else(|| application.category.clone(), |c| c.name.clone());
                let message = Context {
                    mail: &mail_settings,
                    public_url: &public_url,
                }
                .decision(
                    &application.applicant.email,
                    &application.applicant.name,
                    &category_name,
                    outcome,
                    reason.as_deref(),
                );
                outbox::enqueue(conn, &message, now)?;
            }
            let application = applications::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(respond(conn, application, today, Role::Admin)?))
        })
        .await??;
    tracing::info!(admin_id = %admin.id, application_id = %id, action = action.as_str(), "application moved");
    Ok(web::Json(outcome))
}

/// Admins: an application's audit log, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}/audit",
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "Every event", body = Vec<AuditEvent>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_audit(
    state: web::Data<AppState>,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<Vec<AuditEvent>>> {
    Ok(web::Json(audit_events(&state, id.into_inner()).await?))
}

async fn audit_events(state: &AppState, id: ApplicationId) -> ApiResult<Vec<AuditEvent>> {
    state
        .db
        .run(move |conn| {
            if applications::get(conn, id)?.is_none() {
                return Ok(None);
            }
            Ok(Some(audit::list(conn, id)?))
        })
        .await?
        .ok_or_else(|| ApiError::NotFound("There is no such application.".into()))
}

/// Admins: the audit log as CSV, for a spreadsheet or an archive.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}/audit.csv",
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "Every event, one per row, with a header row", content_type = "text/csv", body = String),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_audit_csv(
    state: web::Data<AppState>,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let events = audit_events(&state, id).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"application-{id}-audit.csv\""),
        ))
        .body(audit_csv(&events)))
}

/// One CSV field (RFC 4180: quoted where needed, quotes doubled). A field that
/// starts like a formula is prefixed with `'` so that a spreadsheet shows it
/// instead of running it.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The CSV of an audit log (see [`csv_field`]).
pub fn audit_csv(events: &[AuditEvent]) -> String {
    let field = csv_field;
    let mut out = String::from("at,actor,role,ip,action,from,to,reason,details\r\n");
    for event in events {
        let row = [
            event.at.to_rfc3339(),
            event.actor.clone().unwrap_or_default(),
            event.role.as_str().to_string(),
            event.ip.clone().unwrap_or_default(),
            event.action.clone(),
            event
                .from_status
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            event
                .to_status
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            event.reason.clone().unwrap_or_default(),
            event.details.clone(),
        ];
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::audit_csv;
    use endorse_shared::applications::ApplicationStatus;
    use endorse_shared::process::AuditEvent;
    use endorse_shared::Role;

    #[test]
    fn the_csv_quotes_what_needs_it_and_defuses_formulas() {
        let event = AuditEvent {
            at: chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc),
            actor: Some("Ada \"Admin\" Lovelace".into()),
            role: Role::Admin,
            ip: Some("127.0.0.1".into()),
            action: "defer".into(),
            from_status: Some(ApplicationStatus::UnderReview),
            to_status: Some(ApplicationStatus::Deferred),
            reason: Some("=HYPERLINK(\"x\"), and more\nlines".into()),
            details: "Defer".into(),
        };
        let csv = audit_csv(&[event]);
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("at,actor,role,ip,action,from,to,reason,details")
        );
        let row = lines.next().unwrap();
        assert!(row.starts_with("2026-11-22T10:00:00+00:00,\"Ada \"\"Admin\"\" Lovelace\",admin,127.0.0.1,defer,under_review,deferred,"), "{row}");
        assert!(
            row.contains("\"'=HYPERLINK(\"\"x\"\"), and more\nlines\""),
            "{row}"
        );
    }
}
