//! Payments: the treasurer's page (totals by month, fee and method, and the
//! payments a page at a time) and its streamed CSV, each payment's receipt,
//! and Stripe's webhook, the only way an online payment is recorded.

use crate::auth::{AuthUser, RequireAdmin};
use crate::db::payments::{self, Filter, Payment};
use crate::db::users;
use crate::error::{ApiError, ApiResult};
use crate::http::client::by;
use crate::http::csv;
use crate::stripe::{self, CompletedSession, Event};
use crate::tenancy::Tenant;
use crate::workflow::fees::{self, Settle};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use endorse_shared::fees::{
    PaymentMethod, PaymentRecord, PaymentTotal, PaymentsPage, PaymentsQuery,
};
use endorse_shared::i18n::Text;
use endorse_shared::ids::PaymentId;
use endorse_shared::{Problem, Role};
use validator::Validate;

/// How many payments one read of the CSV's stream takes.
const CSV_PAGE: i64 = 500;

fn record_of(payment: Payment) -> PaymentRecord {
    PaymentRecord {
        person: payment.person,
        person_name: payment.person_name,
        kind: payment.fee.kind(),
        fee: payment.fee,
        category: payment.category,
        settlement: payment.settlement,
    }
}

/// `2026-12-01/<id>`: where the next page starts.
fn cursor(payment: &PaymentRecord) -> String {
    format!("{}/{}", payment.settlement.paid_on, payment.settlement.id)
}

fn parse_cursor(raw: &str) -> Option<(NaiveDate, PaymentId)> {
    let (day, id) = raw.split_once('/')?;
    Some((day.parse().ok()?, id.parse().ok()?))
}

fn filter_of(query: &PaymentsQuery) -> ApiResult<(Filter, Option<(NaiveDate, PaymentId)>)> {
    query.validate()?;
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if to < from {
            return Err(ApiError::field("to", Text::new("err-trail-to-before-from")));
        }
    }
    let before = match query.before.as_deref() {
        Some(raw) => Some(
            parse_cursor(raw)
                .ok_or_else(|| ApiError::field("before", Text::new("err-trail-before")))?,
        ),
        None => None,
    };
    Ok((
        Filter {
            from: query.from,
            to: query.to,
            kind: query.kind,
        },
        before,
    ))
}

/// Admins: payments and waivers received in a period (by the day the
/// money came in), newest first, with the period's totals by month, fee
/// and way of paying.
#[utoipa::path(
    get,
    path = "/api/v1/payments",
    tag = "fees",
    security(("bearer" = [])),
    params(PaymentsQuery),
    responses(
        (status = 200, description = "Totals and a page of payments", body = PaymentsPage),
        (status = 400, description = "A filter that is not one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Filters that do not fit together", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_payments(
    tenant: Tenant,
    _admin: RequireAdmin,
    query: web::Query<PaymentsQuery>,
) -> ApiResult<web::Json<PaymentsPage>> {
    let (filter, before) = filter_of(&query)?;
    let limit = i64::from(query.limit.unwrap_or(50));
    let (totals, mut page) = tenant
        .db
        .run(move |conn| {
            Ok((
                payments::totals(conn, &filter)?,
                payments::list(conn, &filter, before, limit + 1)?,
            ))
        })
        .await?;
    let next = if page.len() > usize::try_from(limit).unwrap_or(usize::MAX) {
        page.pop();
        true
    } else {
        false
    };
    let payments: Vec<PaymentRecord> = page.into_iter().map(record_of).collect();
    Ok(web::Json(PaymentsPage {
        totals: totals
            .into_iter()
            .map(|t| PaymentTotal {
                month: t.month,
                kind: t.kind,
                method: t.method,
                currency: t.currency,
                count: u64::try_from(t.count).unwrap_or_default(),
                amount: t.amount,
            })
            .collect(),
        next: if next {
            payments.last().map(cursor)
        } else {
            None
        },
        payments,
    }))
}

/// Admins: the same payments as CSV for the treasurer, every one in the
/// period, streamed a page at a time. The download is in the trail.
#[utoipa::path(
    get,
    path = "/api/v1/payments.csv",
    tag = "fees",
    security(("bearer" = [])),
    params(PaymentsQuery),
    responses(
        (status = 200, description = "One payment per row, newest first, with a header row", content_type = "text/csv", body = String),
        (status = 400, description = "A filter that is not one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Filters that do not fit together", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn payments_csv(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    query: web::Query<PaymentsQuery>,
) -> ApiResult<HttpResponse> {
    let (filter, _) = filter_of(&query)?;
    tenant
        .record_export(by(&admin, &request), "payments.csv".into())
        .await?;
    let db = tenant.db.clone();
    let header = csv::row(&[
        "paid_on",
        "receipt",
        "person",
        "person_id",
        "fee",
        "kind",
        "category",
        "method",
        "amount",
        "currency",
        "reference",
        "reason",
        "recorded_at",
        "recorded_by",
    ]);
    let first = futures_util::stream::once(async move { Ok::<_, actix_web::Error>(header.into()) });
    let pages = futures_util::stream::unfold(Some(None), move |state| {
        let (db, filter) = (db.clone(), filter.clone());
        async move {
            let before: Option<(NaiveDate, PaymentId)> = state?;
            let page = db
                .run(move |conn| payments::list(conn, &filter, before, CSV_PAGE))
                .await;
            match page {
                Err(error) => {
                    tracing::error!(%error, "the payments CSV stopped");
                    Some((Err(actix_web::Error::from(ApiError::from(error))), None))
                }
                Ok(rows) => {
                    let chunk: String = rows.iter().map(csv_row).collect();
                    let full = i64::try_from(rows.len()).unwrap_or(i64::MAX) == CSV_PAGE;
                    let next = match (full, rows.last()) {
                        (true, Some(last)) => {
                            Some(Some((last.settlement.paid_on, last.settlement.id)))
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
            "attachment; filename=\"payments.csv\"",
        ))
        .streaming(futures_util::StreamExt::chain(first, pages)))
}

fn csv_row(payment: &Payment) -> String {
    let s = &payment.settlement;
    csv::row(&[
        s.paid_on.to_string(),
        s.receipt_number.clone().unwrap_or_default(),
        payment.person_name.clone(),
        payment.person.to_string(),
        payment.fee.to_string(),
        payment.fee.kind().as_str().to_string(),
        payment.category.clone(),
        s.method.as_str().to_string(),
        s.amount.to_string(),
        s.currency.clone(),
        s.reference.clone().unwrap_or_default(),
        s.reason.clone().unwrap_or_default(),
        s.recorded_at.to_rfc3339(),
        s.recorded_by.clone().unwrap_or_default(),
    ])
}

/// A payment's receipt (PDF, in the reader's language): the payer's own, or
/// any for an admin. A waiver has none.
#[utoipa::path(
    get,
    path = "/api/v1/payments/{id}/receipt",
    tag = "fees",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The payment")),
    responses(
        (status = 200, description = "The receipt", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, description = "No such payment of yours, or a waiver", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn receipt(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    id: web::Path<PaymentId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (currency, today, calendar) = (
        tenant.association.currency.clone(),
        tenant.today(),
        tenant.calendar,
    );
    let found = tenant
        .db
        .run(move |conn| {
            let Some(payment) = payments::get(conn, id)? else {
                return Ok(None);
            };
            if payment.person != user.id && user.role != Role::Admin {
                return Ok(None);
            }
            let line = fees::of_person(conn, payment.person, &currency, today, calendar)?
                .into_iter()
                .find(|line| line.key == payment.fee);
            Ok(Some((payment, line)))
        })
        .await?;
    let Some((payment, line)) = found else {
        return Err(ApiError::NotFound(Text::new("err-no-such-receipt")));
    };
    let (Some(number), false) = (
        payment.settlement.receipt_number.as_deref(),
        payment.settlement.method == PaymentMethod::Waived,
    ) else {
        return Err(ApiError::NotFound(Text::new("err-no-such-receipt")));
    };
    let lang = crate::locale::current();
    let description = line.map_or_else(
        || fees::describe(&payment.fee, &payment.category, lang),
        |line| line.description,
    );
    let pdf = crate::receipt::render(&crate::receipt::ReceiptFacts {
        association: &tenant.association.name,
        number,
        payer: &payment.person_name,
        description: &description,
        amount: payment.settlement.amount,
        currency: &payment.settlement.currency,
        method: payment.settlement.method,
        reference: payment.settlement.reference.as_deref(),
        paid_on: payment.settlement.paid_on,
        lang,
    });
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"receipt-{number}.pdf\""),
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "private, no-store"))
        .body(pdf))
}

/// The largest event body read.
pub const WEBHOOK_LIMIT: usize = 256 * 1024;

/// What became of an event (kept beside its id).
fn taken(outcome: &str) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "received": true, "outcome": outcome }))
}

/// Stripe's webhook: an event is believed only with a valid
/// `Stripe-Signature` made within five minutes, and taken once by its id.
/// A completed Checkout Session that Endorse made, paid, for the amount and
/// currency it asked, records the payment (with a receipt); any other
/// event is answered and changes nothing. A forged or late event is a 400.
#[utoipa::path(
    post,
    path = "/api/v1/payments/stripe",
    tag = "fees",
    request_body(content = String, description = "Stripe's event, as Stripe sent it", content_type = "application/json"),
    params(("Stripe-Signature" = String, Header, description = "t=<unix time>,v1=<HMAC-SHA256 of \"t.body\">")),
    responses(
        (status = 200, description = "Taken (or taken before: a replay changes nothing)"),
        (status = 400, description = "Not signed by Stripe, signed too long ago, or not an event", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Online payment is not configured", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn stripe_webhook(
    tenant: Tenant,
    request: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let Some(client) = tenant.stripe.clone() else {
        return Err(ApiError::NotFound(Text::new(
            "err-online-payment-not-offered",
        )));
    };
    let signature = request
        .headers()
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let now = tenant.clock.now();
    if let Err(why) =
        stripe::verify_signature(signature, &body, client.webhook_secret(), now.timestamp())
    {
        tracing::warn!(%why, "a Stripe event was refused");
        return Err(ApiError::BadRequest(Text::new("err-stripe-signature")));
    }
    let event: Event = serde_json::from_slice(&body)
        .map_err(|_| ApiError::BadRequest(Text::new("err-stripe-event-unreadable")))?;
    if event.id.is_empty() || event.id.len() > 255 {
        return Err(ApiError::BadRequest(Text::new(
            "err-stripe-event-unreadable",
        )));
    }
    let completes = matches!(
        event.kind.as_str(),
        "checkout.session.completed" | "checkout.session.async_payment_succeeded"
    );
    let session: Option<CompletedSession> = if completes {
        Some(
            serde_json::from_value(event.data.object.clone())
                .map_err(|_| ApiError::BadRequest(Text::new("err-stripe-event-unreadable")))?,
        )
    } else {
        None
    };
    let (currency, calendar) = (tenant.association.currency.clone(), tenant.calendar);
    let outcome = tenant
        .db
        .transaction(move |conn| {
            // Taken first: a replay, or the same event delivered twice at
            // once, stops here (the second waits for the first's insert).
            if !payments::take_event(conn, &event.id, &event.kind, "taken", now)? {
                return Ok("replayed");
            }
            let Some(session) = session else {
                payments::set_event_outcome(conn, &event.id, "ignored")?;
                return Ok("ignored");
            };
            let outcome = record_online(conn, &session, &currency, now, calendar)?;
            payments::set_event_outcome(conn, &event.id, outcome)?;
            Ok(outcome)
        })
        .await?;
    Ok(taken(outcome))
}

/// Records the payment a completed Checkout Session tells of, when it is
/// one Endorse made, paid, for what it asked; says what became of it.
fn record_online(
    conn: &mut crate::db::AnyConnection,
    session: &CompletedSession,
    currency: &str,
    now: chrono::DateTime<chrono::Utc>,
    calendar: crate::calendar::Calendar,
) -> crate::db::DbResult<&'static str> {
    use crate::db::association_log::{self, Actor, Subject};
    let Some(checkout) = payments::checkout(conn, &session.id)? else {
        return Ok("unknown_session");
    };
    if session.payment_status != "paid" {
        return Ok("not_paid");
    }
    if checkout.completed_at.is_some() {
        return Ok("already_recorded");
    }
    let person_id = checkout.person.to_string();
    let Some(person) = users::find(conn, checkout.person)? else {
        return Ok("unknown_person");
    };
    let asked = stripe::unit_amount(checkout.amount, &checkout.currency);
    let same_currency = session
        .currency
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case(&checkout.currency));
    if asked.is_none() || session.amount_total != asked || !same_currency {
        let details = format!(
            "Stripe reported {} {} paid for Checkout Session {} of {}, which asked for {} {}: not recorded.",
            session.amount_total.map_or_else(|| "no amount".into(), |a| a.to_string()),
            session.currency.as_deref().unwrap_or("no currency"),
            session.id,
            person.name,
            asked.map_or_else(|| checkout.amount.to_string(), |a| a.to_string()),
            checkout.currency.to_lowercase(),
        );
        association_log::record_about(
            conn,
            Actor {
                id: None,
                name: "Stripe",
                ip: None,
            },
            Some(Subject::of(
                endorse_shared::trail::TrailKind::Payment,
                &person_id,
            )),
            ("payment_refused", &details),
            now,
        )?;
        return Ok("amount_mismatch");
    }
    crate::db::lock_owner(conn, checkout.person)?;
    let today = calendar.day_of(now);
    let line = fees::find(
        conn,
        checkout.person,
        &checkout.fee,
        currency,
        today,
        calendar,
    )?;
    let paid_on = session
        .created
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map_or(today, |at| calendar.day_of(at).min(today));
    let settled = match line {
        Some(line) if line.status == endorse_shared::fees::FeeStatus::Due => {
            let how = Settle {
                method: PaymentMethod::Card,
                amount: checkout.amount,
                currency: &checkout.currency,
                reference: session.payment_intent.as_deref().or(Some(&session.id)),
                reason: None,
                paid_on,
                checkout_session: Some(&session.id),
            };
            fees::settle(conn, &person, &line, &how, None, now)?.is_ok()
        }
        _ => false,
    };
    payments::complete_checkout(conn, &checkout.id, now)?;
    if settled {
        return Ok("recorded");
    }
    // Settled meanwhile (a check came in, an admin waived it, another
    // session was paid): the money is in Stripe and must go back.
    let details = format!(
        "{} paid {} {} online (Stripe {}) for a fee already settled ({}): refund it in Stripe.",
        person.name,
        checkout.amount,
        checkout.currency,
        session.payment_intent.as_deref().unwrap_or(&session.id),
        checkout.fee,
    );
    association_log::record_about(
        conn,
        Actor {
            id: Some(&person_id),
            name: &person.name,
            ip: None,
        },
        Some(Subject::of(
            endorse_shared::trail::TrailKind::Payment,
            &person_id,
        )),
        ("payment_duplicate", &details),
        now,
    )?;
    Ok("already_settled")
}
