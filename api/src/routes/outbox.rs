//! Admins: the outbox. Every e-mail Endorse queued, its attempts, and a way to
//! put a failed one back in the queue. Without an SMTP server this page is where
//! mail "arrives".

use crate::auth::RequireAdmin;
use crate::db::outbox;
use crate::error::{ApiError, ApiResult};
use crate::tenancy::Tenant;
use actix_web::web;
use endorse_shared::i18n::Text;
use endorse_shared::mail::{MailMessage, MailSummary, OutboxPage, OutboxQuery};
use endorse_shared::Problem;
use uuid::Uuid;
use validator::Validate;

/// A page of the outbox, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/outbox",
    tag = "outbox",
    security(("bearer" = [])),
    params(OutboxQuery),
    responses(
        (status = 200, description = "A page of messages", body = OutboxPage),
        (status = 400, description = "The query is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is out of range", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_outbox(
    tenant: Tenant,
    _admin: RequireAdmin,
    query: web::Query<OutboxQuery>,
) -> ApiResult<web::Json<OutboxPage>> {
    let query = query.into_inner();
    query.validate()?;
    let page = query.page();
    let per_page = query.per_page.unwrap_or(25);
    let (rows, total) = tenant
        .db
        .run(move |conn| outbox::list(conn, &query))
        .await?;
    let items = rows
        .iter()
        .map(outbox::MessageRow::summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(web::Json(OutboxPage {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page,
        per_page,
    }))
}

fn missing() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-message-outbox"))
}

/// One message, with its bodies and every attempt.
#[utoipa::path(
    get,
    path = "/api/v1/outbox/{id}",
    tag = "outbox",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The message")),
    responses(
        (status = 200, description = "The message", body = MailMessage),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such message", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_message(
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<MailMessage>> {
    let id = id.into_inner().to_string();
    let (row, attempts) = tenant
        .db
        .run(move |conn| {
            let row = outbox::get(conn, &id)?;
            Ok((row, outbox::attempts(conn, &id)?))
        })
        .await?;
    let row = row.ok_or_else(missing)?;
    Ok(web::Json(MailMessage {
        summary: row.summary()?,
        body_text: row.body_text,
        body_html: row.body_html,
        attempts,
    }))
}

/// Puts a failed message back in the queue for another round of attempts.
#[utoipa::path(
    post,
    path = "/api/v1/outbox/{id}/retry",
    tag = "outbox",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The message")),
    responses(
        (status = 200, description = "Queued again", body = MailSummary),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such message", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The message has not failed", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn retry_message(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: actix_web::HttpRequest,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<MailSummary>> {
    let id = id.into_inner().to_string();
    let now = tenant.clock.now();
    let who = crate::http::client::by(&admin, &request);
    let (retried, row) = tenant
        .db
        .transaction(move |conn| {
            let retried = outbox::retry(conn, &id, now)?;
            if retried {
                crate::db::association_log::record(
                    conn,
                    who.actor(),
                    ("mail_retried", &format!("Sent message {id} again")),
                    now,
                )?;
            }
            Ok((retried, outbox::get(conn, &id)?))
        })
        .await?;
    let row = row.ok_or_else(missing)?;
    if !retried {
        return Err(ApiError::Conflict(
            Text::new("err-only-failed-message-can-retried-one")
                .with("status", row.status()?.text()),
        ));
    }
    Ok(web::Json(row.summary()?))
}
