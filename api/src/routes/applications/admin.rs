use crate::auth::RequireAdmin;
use crate::db::applications::{self, Application};
use crate::db::audit::{self, NewEvent};
use crate::db::{rulebooks, DbError};
use crate::error::{ApiError, ApiResult};
use crate::http::client::by;
use crate::http::client::peer_ip;
use crate::http::csv::field as csv_field;
use crate::http::versioning::{etag, IfMatch};
use crate::tenancy::Tenant;
use crate::workflow::weighing::respond;
use crate::workflow::{process as workflow, Judged};
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::applications::{
    ApplicationListResponse, ApplicationResponse, ListApplicationsQuery, ListCursor,
    MoveRulebookRequest, OverdueReview, PipelineResponse,
};
use endorse_shared::i18n::Text;
use endorse_shared::process::{AuditEvent, TransitionRequest};
use endorse_shared::{ApplicationId, Problem, Role};
use futures_util::StreamExt;
use validator::Validate;

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
    tenant: Tenant,
    _admin: RequireAdmin,
    query: web::Query<ListApplicationsQuery>,
) -> ApiResult<web::Json<ApplicationListResponse>> {
    let calendar = tenant.calendar;
    query.validate()?;
    let query = query.into_inner();
    if let (Some(from), Some(to)) = (query.submitted_from, query.submitted_to) {
        if to < from {
            return Err(ApiError::field(
                "submitted_to",
                Text::new("err-must-not-before-submitted-from"),
            ));
        }
    }
    let after = cursor_of(&query)?;
    let (page, per_page) = (query.page(), query.per_page());
    let found = tenant
        .db
        .run(move |conn| applications::list(conn, &query, calendar, after))
        .await?;
    let next = found
        .items
        .last()
        .filter(|_| found.more)
        .map(|last| next_after(last).to_string());
    Ok(web::Json(ApplicationListResponse {
        items: found.items.iter().map(Application::summary).collect(),
        total: found.total,
        total_is_lower_bound: found.total_is_lower_bound,
        page,
        per_page,
        next,
    }))
}

/// The place `after` names, if given: a cursor the list gave out (`next`),
/// and not beside a page number.
fn cursor_of(query: &ListApplicationsQuery) -> ApiResult<Option<ListCursor>> {
    let Some(after) = query.after.as_deref() else {
        return Ok(None);
    };
    let cursor = after
        .parse::<ListCursor>()
        .map_err(|()| ApiError::field("after", Text::new("err-list-cursor")))?;
    if query.page() > 1 {
        return Err(ApiError::field("page", Text::new("err-page-with-after")));
    }
    Ok(Some(cursor))
}

/// The cursor just past `last`.
fn next_after(last: &Application) -> ListCursor {
    ListCursor {
        started: last.created_at.and_utc(),
        id: last.id,
    }
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
    tenant: Tenant,
    _admin: RequireAdmin,
) -> ApiResult<web::Json<PipelineResponse>> {
    let now = tenant.clock.now();
    let answer = tenant
        .db
        .run(move |conn| {
            let stages = applications::pipeline_stages(conn, now)?;
            let overdue_reviews = crate::db::assignments::active_due_before(conn, now)?
                .into_iter()
                .map(|due| OverdueReview {
                    application: due.assignment.application,
                    applicant_name: due.applicant_name,
                    reviewer_name: due.assignment.reviewer_name,
                    due_at: due.assignment.due_at,
                    days_late: (now - due.assignment.due_at).num_days(),
                })
                .collect();
            Ok(PipelineResponse {
                stages,
                overdue_reviews,
            })
        })
        .await?;
    Ok(web::Json(answer))
}

/// How many applications the export reads at a time (one query each, the
/// index walked on from where the last one stopped).
const CSV_BATCH: i64 = 500;

/// Admins: the filtered list as CSV (every page, newest first), streamed:
/// any number of rows in constant memory, the header at once.
#[utoipa::path(
    get,
    path = "/api/v1/applications.csv",
    tag = "applications",
    security(("bearer" = [])),
    params(ListApplicationsQuery),
    responses(
        (status = 200, description = "One row per application, with a header row", content_type = "text/csv", body = String),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filters", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn export_applications(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    query: web::Query<ListApplicationsQuery>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    query.validate()?;
    let query = std::sync::Arc::new(query.into_inner());
    tenant
        .record_export(by(&admin, &request), "applications.csv".into())
        .await?;
    let header = web::Bytes::from_static(
        b"id,applicant,email,category,status,rulebook_version,started,submitted\r\n",
    );
    let db = tenant.db.clone();
    // Each step reads one batch after the last one's place; `None` ends.
    let batches = futures_util::stream::unfold(Some(None), move |place| {
        let (db, query) = (db.clone(), query.clone());
        async move {
            let after = place?;
            let read = db
                .run(move |conn| applications::slice(conn, &query, calendar, (after, 0), CSV_BATCH))
                .await;
            match read {
                Ok((items, more)) => {
                    let next = items
                        .last()
                        .filter(|_| more)
                        .map(|last| Some(next_after(last)));
                    Some((Ok(web::Bytes::from(csv_rows(&items))), next))
                }
                Err(error) => {
                    tracing::error!(%error, "the applications export stopped");
                    Some((Err(actix_web::error::ErrorInternalServerError(error)), None))
                }
            }
        }
    });
    let body = futures_util::stream::once(std::future::ready(Ok(header))).chain(batches);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"applications.csv\"",
        ))
        .streaming(body))
}

/// The export's lines for `items`.
fn csv_rows(items: &[Application]) -> String {
    let mut out = String::new();
    for a in items {
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
    out
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
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<HttpResponse> {
    let today = tenant.today();
    let id = id.into_inner();
    let currency = tenant.association.currency.clone();
    let found = tenant
        .db
        .run(move |conn| {
            applications::get(conn, id)?
                .map(|application| respond(conn, application, today, Role::Admin, &currency))
                .transpose()
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(Text::new("err-there-no-such-application")))?;
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
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    if_match: IfMatch,
    body: web::Json<MoveRulebookRequest>,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let today = calendar.day_of(now);
    let ip = peer_ip(&request);
    let admin_id = admin.id;
    let (id, expected, target) = (id.into_inner(), if_match.version()?, body.rulebook_version);
    let currency = tenant.association.currency.clone();
    let outcome = tenant
        .db
        .attempt(move |conn| {
            let Some(application) = applications::get(conn, id)? else {
                return Ok(Err(ApiError::NotFound(Text::new(
                    "err-there-no-such-application",
                ))));
            };
            if !application.status.is_open() {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-application-closed-application-keeps-rulebook")
                        .with("status", application.status.text()),
                )));
            }
            if target <= application.rulebook_version {
                return Ok(Err(ApiError::field(
                    "rulebook_version",
                    Text::new("err-must-newer-than-version-rulebook-version").with(
                        "rulebook-version",
                        (application.rulebook_version).to_string(),
                    ),
                )));
            }
            match rulebooks::get(conn, target)? {
                None => {
                    return Ok(Err(ApiError::field(
                        "rulebook_version",
                        Text::new("err-there-no-version").with("target", (target).to_string()),
                    )))
                }
                Some(version) if version.rulebook.category(&application.category).is_none() => {
                    return Ok(Err(ApiError::field(
                        "rulebook_version",
                        Text::new("err-version-has-no-category")
                            .with("target", (target).to_string())
                            .with("category", (application.category).to_string()),
                    )))
                }
                Some(_) => {}
            }
            if application.version != expected
                || !applications::set_rulebook_version(conn, id, expected, target)?
            {
                return Ok(Err(ApiError::stale("application", application.version)));
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
            Ok(Ok(respond(
                conn,
                application,
                today,
                Role::Admin,
                &currency,
            )?))
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
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<TransitionRequest>,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let today = calendar.day_of(now);
    let ip = peer_ip(&request);
    let id = id.into_inner();
    let body = body.into_inner();
    let reason = body.checked_reason().map_err(ApiError::Validation)?;
    let action = body.action;
    // The exam's steps carry their own data (date, scores): they have their own
    // operations, and the result follows from the scores, never from a click.
    if action.has_own_operation() {
        return Err(ApiError::Conflict(
            Text::new("err-schedule-exam-with-post-api-v1").with("id", (id).to_string()),
        ));
    }
    let admin_id = admin.id;
    let inner = tenant.clone();
    let currency = tenant.association.currency.clone();
    let outcome = tenant
        .db
        .attempt(move |conn| {
            let Some(judged) = Judged::load(conn, id)? else {
                return Ok(Err(ApiError::NotFound(Text::new(
                    "err-there-no-such-application",
                ))));
            };
            if let Err(refused) = workflow::decide(
                conn,
                (&inner.mail(), &inner.issuer),
                &judged,
                action,
                (admin_id, ip.as_deref()),
                reason.as_deref(),
                now,
            )? {
                return Ok(Err(refused));
            }
            let application = applications::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(respond(
                conn,
                application,
                today,
                Role::Admin,
                &currency,
            )?))
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
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<Vec<AuditEvent>>> {
    Ok(web::Json(audit_events(&tenant, id.into_inner()).await?))
}

async fn audit_events(tenant: &Tenant, id: ApplicationId) -> ApiResult<Vec<AuditEvent>> {
    tenant
        .db
        .run(move |conn| {
            if applications::get(conn, id)?.is_none() {
                return Ok(None);
            }
            Ok(Some(audit::list(conn, id)?))
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(Text::new("err-there-no-such-application")))
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
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let events = audit_events(&tenant, id).await?;
    let name = format!("application-{id}-audit.csv");
    tenant.record_export(by(&admin, &request), name).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"application-{id}-audit.csv\""),
        ))
        .body(audit_csv(&events)))
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
