//! Admins: the one audit trail (every application's log and the
//! association's own), filtered, a page at a time or as a streamed CSV.

use crate::auth::RequireAdmin;
use crate::db::trail::{self, Filter};
use crate::error::{ApiError, ApiResult};
use crate::http::client::by;
use crate::http::csv;
use crate::tenancy::Tenant;
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::i18n::Text;
use endorse_shared::trail::{TrailEvent, TrailPage, TrailQuery, SCHEDULE_ACTOR};
use endorse_shared::Problem;
use validator::Validate;

/// How many events one read of the CSV's stream takes.
const CSV_PAGE: i64 = 500;

/// The filter a query names, refused field by field where it is wrong.
fn filter_of(tenant: &Tenant, query: &TrailQuery) -> ApiResult<Filter> {
    query.validate()?;
    if let Some(actor) = query.actor.as_deref() {
        if actor != SCHEDULE_ACTOR && uuid::Uuid::parse_str(actor).is_err() {
            return Err(ApiError::field(
                "actor",
                Text::new("err-trail-actor").with("schedule", SCHEDULE_ACTOR),
            ));
        }
    }
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if to < from {
            return Err(ApiError::field("to", Text::new("err-trail-to-before-from")));
        }
    }
    let before = match query.before.as_deref() {
        Some(raw) => Some(
            trail::parse_cursor(raw)
                .ok_or_else(|| ApiError::field("before", Text::new("err-trail-before")))?,
        ),
        None => None,
    };
    let calendar = tenant.calendar;
    Ok(Filter {
        actor: query.actor.clone(),
        subject: query.subject.clone(),
        kind: query.kind,
        action: query.action.clone(),
        from: query.from.map(|day| calendar.start_of(day).naive_utc()),
        until: query
            .to
            .and_then(|day| day.succ_opt())
            .map(|day| calendar.start_of(day).naive_utc()),
        before,
    })
}

/// Admins: the trail, newest first, filtered by who, what about, which
/// action and which days.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "association",
    security(("bearer" = [])),
    params(TrailQuery),
    responses(
        (status = 200, description = "A page of events, newest first", body = TrailPage),
        (status = 400, description = "A filter that is not one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Filters that do not fit together", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_trail(
    tenant: Tenant,
    _admin: RequireAdmin,
    query: web::Query<TrailQuery>,
) -> ApiResult<web::Json<TrailPage>> {
    let filter = filter_of(&tenant, &query)?;
    let limit = i64::from(query.limit());
    // One more than asked, to know whether another page follows.
    let mut events = tenant
        .db
        .run(move |conn| trail::page(conn, &filter, limit + 1))
        .await?;
    let next = if events.len() > usize::try_from(limit).unwrap_or(usize::MAX) {
        events.pop();
        events.last().map(trail::cursor)
    } else {
        None
    };
    Ok(web::Json(TrailPage { events, next }))
}

/// Admins: the same events as CSV, every one that matches, streamed a page
/// at a time. The download itself is recorded in the trail.
#[utoipa::path(
    get,
    path = "/api/v1/audit.csv",
    tag = "association",
    security(("bearer" = [])),
    params(TrailQuery),
    responses(
        (status = 200, description = "One event per row, newest first, with a header row", content_type = "text/csv", body = String),
        (status = 400, description = "A filter that is not one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Filters that do not fit together", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_trail_csv(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    query: web::Query<TrailQuery>,
) -> ApiResult<HttpResponse> {
    let mut filter = filter_of(&tenant, &query)?;
    filter.before = None;
    tenant
        .record_export(by(&admin, &request), "audit.csv".into())
        .await?;
    let db = tenant.db.clone();
    let header = csv::row(&[
        "at", "actor", "actor_id", "ip", "kind", "subject", "action", "from", "to", "reason",
        "details",
    ]);
    let first = futures_util::stream::once(async move { Ok::<_, actix_web::Error>(header.into()) });
    let pages = futures_util::stream::unfold(Some(filter), move |state| {
        let db = db.clone();
        async move {
            let mut filter = state?;
            let page = {
                let filter = filter.clone();
                db.run(move |conn| trail::page(conn, &filter, CSV_PAGE))
                    .await
            };
            match page {
                Err(error) => {
                    tracing::error!(%error, "the audit trail's CSV stopped");
                    Some((Err(actix_web::Error::from(ApiError::from(error))), None))
                }
                Ok(events) => {
                    let chunk: String = events.iter().map(csv_row).collect();
                    let full = i64::try_from(events.len()).unwrap_or(i64::MAX) == CSV_PAGE;
                    let next = match (full, events.last()) {
                        (true, Some(last)) => {
                            filter.before = Some((last.at.naive_utc(), last.id.clone()));
                            Some(filter)
                        }
                        _ => None,
                    };
                    Some((Ok(bytes::Bytes::from(chunk)), next))
                }
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"audit.csv\"",
        ))
        .streaming(futures_util::StreamExt::chain(first, pages)))
}

fn csv_row(event: &TrailEvent) -> String {
    let status = |s: Option<endorse_shared::applications::ApplicationStatus>| {
        s.map(|s| s.as_str().to_string()).unwrap_or_default()
    };
    csv::row(&[
        event.at.to_rfc3339(),
        event.actor.clone(),
        event.actor_id.map(|id| id.to_string()).unwrap_or_default(),
        event.ip.clone().unwrap_or_default(),
        event
            .subject_kind
            .map(|kind| kind.as_str().to_string())
            .unwrap_or_default(),
        event.subject_id.clone().unwrap_or_default(),
        event.action.clone(),
        status(event.from_status),
        status(event.to_status),
        event.reason.clone().unwrap_or_default(),
        event.details.clone(),
    ])
}
