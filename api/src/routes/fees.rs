//! Fees: what a person owes and paid (their own, or any person's for the
//! admins), an admin's record of a payment made outside Endorse or a waiver,
//! and paying online: a Stripe Checkout Session the applicant is sent to.
//! The payment itself is recorded only from Stripe's signed event
//! (`routes::payments`).

use crate::auth::{AuthUser, RequireAdmin};
use crate::db::payments;
use crate::db::users::{self, User};
use crate::db::DbError;
use crate::error::{ApiError, ApiResult};
use crate::http::client::by;
use crate::stripe::NewCheckout;
use crate::tenancy::Tenant;
use crate::workflow::fees::{self, Settle};
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::fees::{
    CheckoutRequest, CheckoutResponse, FeeLine, FeeStatus, FeesResponse, PaymentMethod,
    RecordPaymentRequest, WaiveFeeRequest,
};
use endorse_shared::i18n::Text;
use endorse_shared::{Problem, UserId};

fn no_such_fee() -> ApiError {
    ApiError::NotFound(Text::new("err-no-such-fee"))
}

/// Someone's fees as they stand now.
async fn fees_of(tenant: &Tenant, person: UserId) -> ApiResult<FeesResponse> {
    let (currency, today, calendar) = (
        tenant.association.currency.clone(),
        tenant.today(),
        tenant.calendar,
    );
    let fees = tenant
        .db
        .run(move |conn| fees::of_person(conn, person, &currency, today, calendar))
        .await?;
    Ok(FeesResponse {
        fees,
        online: tenant.stripe.is_some(),
    })
}

/// One's own fees: what is owed (the oldest first) and what was paid or
/// waived, and whether paying online is offered.
#[utoipa::path(
    get,
    path = "/api/v1/me/fees",
    tag = "fees",
    security(("bearer" = [])),
    responses((status = 200, description = "Owed and settled fees", body = FeesResponse))
)]
pub async fn my_fees(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<FeesResponse>> {
    Ok(web::Json(fees_of(&tenant, user.id).await?))
}

/// Admins: a person's fees.
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}/fees",
    tag = "fees",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The person")),
    responses(
        (status = 200, description = "Owed and settled fees", body = FeesResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn person_fees(
    tenant: Tenant,
    RequireAdmin(_admin): RequireAdmin,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<FeesResponse>> {
    let id = id.into_inner();
    let exists = tenant
        .db
        .run(move |conn| Ok(users::find(conn, id)?.is_some()))
        .await?;
    if !exists {
        return Err(ApiError::NotFound(Text::new("err-there-no-such-account")));
    }
    Ok(web::Json(fees_of(&tenant, id).await?))
}

/// How an admin settles a fee: a payment received, or a waiver.
enum Settling {
    Paid(RecordPaymentRequest),
    Waived(WaiveFeeRequest),
}

/// Settles one of `person`'s fees for an admin, in one transaction with
/// the person's row locked (twenty admins recording the same check record
/// it once).
async fn settle_for_admin(
    tenant: &Tenant,
    admin: &User,
    request: &HttpRequest,
    person: UserId,
    settling: Settling,
) -> ApiResult<HttpResponse> {
    let (currency, today, calendar, now) = (
        tenant.association.currency.clone(),
        tenant.today(),
        tenant.calendar,
        tenant.clock.now(),
    );
    let by = by(admin, request);
    let lang = crate::locale::current();
    let line = tenant
        .db
        .attempt(move |conn| {
            crate::db::lock_owner(conn, person)?;
            let Some(user) = users::find(conn, person)?.filter(|u| u.erased_at.is_none()) else {
                return Ok(Err(ApiError::NotFound(Text::new(
                    "err-there-no-such-account",
                ))));
            };
            let key = match &settling {
                Settling::Paid(paid) => &paid.fee,
                Settling::Waived(waived) => &waived.fee,
            };
            let Some(line) = fees::find(conn, person, key, &currency, today, calendar)? else {
                return Ok(Err(no_such_fee()));
            };
            let how = match &settling {
                Settling::Paid(paid) => {
                    if line.status == FeeStatus::Due && paid.amount != line.amount {
                        return Ok(Err(ApiError::field(
                            "amount",
                            Text::new("err-fee-amount-differs").with(
                                "amount",
                                endorse_shared::fees::money(line.amount, &currency, lang),
                            ),
                        )));
                    }
                    Settle {
                        method: paid.method.into(),
                        amount: paid.amount,
                        currency: &currency,
                        reference: Some(paid.reference.trim()),
                        reason: None,
                        paid_on: paid.paid_on,
                        checkout_session: None,
                    }
                }
                Settling::Waived(waived) => Settle {
                    method: PaymentMethod::Waived,
                    amount: endorse_shared::fees::Amount::default(),
                    currency: &currency,
                    reference: None,
                    reason: Some(waived.reason.trim()),
                    paid_on: today,
                    checkout_session: None,
                },
            };
            if let Err(refused) = fees::settle(conn, &user, &line, &how, Some(&by), now)? {
                return Ok(Err(refused));
            }
            let settled = fees::find(conn, person, &line.key, &currency, today, calendar)?
                .ok_or(DbError::NotFound)?;
            Ok(Ok(settled))
        })
        .await??;
    Ok(HttpResponse::Created().json(line))
}

/// Admins: records a payment made outside Endorse (a check, a bank
/// transfer, cash) for one of a person's fees, with its reference. The
/// amount must be the fee's; the day not after today. A receipt is made.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/payments",
    tag = "fees",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The person")),
    request_body = RecordPaymentRequest,
    responses(
        (status = 201, description = "Recorded; the fee as it now stands", body = FeeLine),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account, or no such fee of theirs", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already paid or waived", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong (the amount is not the fee's)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn record_payment(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<UserId>,
    body: web::Json<RecordPaymentRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let problems = body.problems(tenant.today());
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    settle_for_admin(
        &tenant,
        &admin,
        &request,
        id.into_inner(),
        Settling::Paid(body),
    )
    .await
}

/// Admins: waives one of a person's fees, with the reason. Nothing is owed
/// for it afterwards, and no receipt is made.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/waivers",
    tag = "fees",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The person")),
    request_body = WaiveFeeRequest,
    responses(
        (status = 201, description = "Waived; the fee as it now stands", body = FeeLine),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account, or no such fee of theirs", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already paid or waived", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn waive_fee(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<UserId>,
    body: web::Json<WaiveFeeRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let problems = body.problems();
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    settle_for_admin(
        &tenant,
        &admin,
        &request,
        id.into_inner(),
        Settling::Waived(body),
    )
    .await
}

/// How long a Checkout Session made before is offered again rather than a
/// new one (Stripe's expire after a day).
const CHECKOUT_REUSE_HOURS: i64 = 12;

/// Pays one of one's own fees online: Endorse makes a Stripe Checkout
/// Session for its amount and answers where to send the payer. Nothing is
/// recorded until Stripe's signed event says it was paid.
#[utoipa::path(
    post,
    path = "/api/v1/me/fees/checkout",
    tag = "fees",
    security(("bearer" = [])),
    request_body = CheckoutRequest,
    responses(
        (status = 200, description = "Where to pay", body = CheckoutResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fee of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already paid or waived, or online payment is not offered", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Stripe cannot be reached now", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn checkout(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    body: web::Json<CheckoutRequest>,
) -> ApiResult<web::Json<CheckoutResponse>> {
    let Some(stripe) = tenant.stripe.clone() else {
        return Err(ApiError::Conflict(Text::new(
            "err-online-payment-not-offered",
        )));
    };
    let key = body.into_inner().fee;
    let (currency, today, calendar, now) = (
        tenant.association.currency.clone(),
        tenant.today(),
        tenant.calendar,
        tenant.clock.now(),
    );
    let person = user.id;
    let (line, reusable) = {
        let (key, currency) = (key.clone(), currency.clone());
        tenant
            .db
            .run(move |conn| {
                let line = fees::find(conn, person, &key, &currency, today, calendar)?;
                let since = now - chrono::Duration::hours(CHECKOUT_REUSE_HOURS);
                let open = payments::open_checkout(conn, person, &key, since)?;
                Ok((line, open))
            })
            .await?
    };
    let line = line.ok_or_else(no_such_fee)?;
    if line.status != FeeStatus::Due {
        return Err(ApiError::Conflict(
            Text::new("err-fee-already-settled").with("fee", line.description.as_str()),
        ));
    }
    if let Some(open) =
        reusable.filter(|open| open.amount == line.amount && open.currency == currency)
    {
        return Ok(web::Json(CheckoutResponse { url: open.url }));
    }
    // Back on the fees page, which waits for this fee to show as paid.
    let back = |outcome: &str| {
        format!(
            "{}/fees?{outcome}={}",
            tenant.public_url,
            line.key.to_string().replace(':', "%3A")
        )
    };
    let (success_url, cancel_url) = (back("paid"), back("cancelled"));
    let person_text = person.to_string();
    let fee_text = line.key.to_string();
    let attempt = uuid::Uuid::new_v4().to_string();
    let session = stripe
        .create_checkout(&NewCheckout {
            amount: line.amount,
            currency: &currency,
            description: &line.description,
            success_url: &success_url,
            cancel_url: &cancel_url,
            customer_email: &user.email,
            client_reference_id: &person_text,
            metadata: &[
                ("association", tenant.code()),
                ("person", &person_text),
                ("fee", &fee_text),
            ],
            idempotency_key: &attempt,
        })
        .await
        .map_err(|error| {
            tracing::warn!(%error, "Stripe checkout");
            match error {
                crate::stripe::StripeError::Amount(..) => {
                    ApiError::Conflict(Text::new("err-online-payment-not-offered"))
                }
                _ => ApiError::Unavailable(Text::new("err-stripe-unreachable")),
            }
        })?;
    if !session.url.starts_with("https://") && !session.url.starts_with("http://") {
        return Err(ApiError::Unavailable(Text::new("err-stripe-unreachable")));
    }
    let (id, url, key, amount) = (session.id, session.url, line.key, line.amount);
    let answer = url.clone();
    tenant
        .db
        .run(move |conn| {
            payments::begin_checkout(conn, &id, person, &key, (amount, &currency), &url, now)
        })
        .await?;
    Ok(web::Json(CheckoutResponse { url: answer }))
}
