//! Queries on `payments` (each fee settled, once), `checkout_sessions` (online
//! payments begun at Stripe) and `stripe_events` (every event taken, once).

use super::{AnyConnection, DbError, DbResult};
use crate::schema::{checkout_sessions, payments, stripe_events, users};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::fees::{Amount, FeeKey, FeeKind, PaymentMethod, Settlement};
use endorse_shared::ids::PaymentId;
use endorse_shared::UserId;

/// A settled fee as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    /// The person whose fee it settled.
    pub person: UserId,
    /// Their name.
    pub person_name: String,
    /// Which fee.
    pub fee: FeeKey,
    /// The category whose schedule named it.
    pub category: String,
    /// How it was settled.
    pub settlement: Settlement,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = payments)]
struct Row {
    id: String,
    person_id: String,
    fee_key: String,
    category: String,
    method: String,
    amount: i64,
    currency: String,
    reference: Option<String>,
    reason: Option<String>,
    paid_on: NaiveDateTime,
    recorded_at: NaiveDateTime,
    receipt_number: Option<String>,
}

fn from_row((row, person_name, recorded_by): (Row, String, Option<String>)) -> DbResult<Payment> {
    let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("payment {what} '{value}'"));
    Ok(Payment {
        person: row
            .person_id
            .parse()
            .map_err(|_| corrupt("person", &row.person_id))?,
        person_name,
        fee: row
            .fee_key
            .parse()
            .map_err(|()| corrupt("fee", &row.fee_key))?,
        category: row.category,
        settlement: Settlement {
            id: row.id.parse().map_err(|_| corrupt("id", &row.id))?,
            method: PaymentMethod::parse(&row.method)
                .ok_or_else(|| corrupt("method", &row.method))?,
            amount: Amount::from_hundredths(row.amount),
            currency: row.currency,
            reference: row.reference,
            reason: row.reason,
            paid_on: row.paid_on.date(),
            recorded_at: row.recorded_at.and_utc(),
            recorded_by,
            receipt_number: row.receipt_number,
        },
    })
}

macro_rules! joined {
    () => {{
        let (person, recorder) = diesel::alias!(users as person, users as recorder);
        payments::table
            .inner_join(person.on(person.field(users::id).eq(payments::person_id)))
            .left_join(recorder.on(payments::recorded_by.eq(recorder.field(users::id).nullable())))
            .select((
                Row::as_select(),
                person.field(users::name),
                recorder.field(users::name).nullable(),
            ))
    }};
}

/// A fee being settled.
pub struct NewPayment<'a> {
    /// Whose fee.
    pub person: UserId,
    /// Which.
    pub fee: &'a FeeKey,
    /// The category whose schedule names it.
    pub category: &'a str,
    /// How.
    pub method: PaymentMethod,
    /// What was received (nothing for a waiver).
    pub amount: Amount,
    /// In this currency.
    pub currency: &'a str,
    /// The check number, the transfer's reference, Stripe's payment id.
    pub reference: Option<&'a str>,
    /// Why it was waived.
    pub reason: Option<&'a str>,
    /// The day the money came in.
    pub paid_on: NaiveDate,
    /// The admin who recorded it (none online).
    pub recorded_by: Option<UserId>,
    /// The Checkout Session it completes (online).
    pub checkout_session: Option<&'a str>,
}

/// Settles a fee, with a receipt number for a payment (`R-2026-000001`,
/// counted per year). A fee already settled is [`DbError::UniqueViolation`]
/// (in a savepoint: the caller's transaction goes on, and should roll back
/// the receipt number it drew by refusing).
pub fn insert(
    conn: &mut AnyConnection,
    new: &NewPayment<'_>,
    now: DateTime<Utc>,
) -> DbResult<PaymentId> {
    let receipt_number = if new.method == PaymentMethod::Waived {
        None
    } else {
        let year = new.paid_on.year();
        let n = super::endorsements::next_in_sequence(conn, &format!("receipt-{year}"))?;
        Some(format!("R-{year}-{n:06}"))
    };
    let id = PaymentId::from_uuid(uuid::Uuid::now_v7());
    super::write::<_, DbError, _>(conn, |conn| {
        diesel::insert_into(payments::table)
            .values((
                payments::id.eq(id.to_string()),
                payments::person_id.eq(new.person.to_string()),
                payments::fee_key.eq(new.fee.to_string()),
                payments::kind.eq(new.fee.kind().as_str()),
                payments::category.eq(new.category),
                payments::method.eq(new.method.as_str()),
                payments::amount.eq(new.amount.hundredths()),
                payments::currency.eq(new.currency),
                payments::reference.eq(new.reference),
                payments::reason.eq(new.reason),
                payments::paid_on.eq(new.paid_on.and_time(chrono::NaiveTime::MIN)),
                payments::recorded_at.eq(now.naive_utc()),
                payments::recorded_by.eq(new.recorded_by.map(|u| u.to_string())),
                payments::receipt_number.eq(receipt_number),
                payments::checkout_session.eq(new.checkout_session),
            ))
            .execute(conn)?;
        Ok(())
    })?;
    Ok(id)
}

/// Every fee the person settled, oldest first.
pub fn for_person(conn: &mut AnyConnection, person: UserId) -> DbResult<Vec<Payment>> {
    joined!()
        .filter(payments::person_id.eq(person.to_string()))
        .order((payments::recorded_at.asc(), payments::id.asc()))
        .load(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// One settlement.
pub fn get(conn: &mut AnyConnection, id: PaymentId) -> DbResult<Option<Payment>> {
    joined!()
        .filter(payments::id.eq(id.to_string()))
        .first(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// What the payments page asks for.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// From this day (received on or after).
    pub from: Option<NaiveDate>,
    /// To this day (received on or before).
    pub to: Option<NaiveDate>,
    /// Of this kind.
    pub kind: Option<FeeKind>,
}

/// Settlements received in the filter's period, newest first: a page of
/// `limit` after the keyset `after` (`paid_on`, id).
pub fn list(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<(NaiveDate, PaymentId)>,
    limit: i64,
) -> DbResult<Vec<Payment>> {
    let mut query = joined!().into_boxed();
    if let Some(from) = filter.from {
        query = query.filter(payments::paid_on.ge(from.and_time(chrono::NaiveTime::MIN)));
    }
    if let Some(to) = filter.to {
        query = query.filter(payments::paid_on.le(to.and_time(chrono::NaiveTime::MIN)));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(payments::kind.eq(kind.as_str()));
    }
    if let Some((day, id)) = after {
        let day = day.and_time(chrono::NaiveTime::MIN);
        query = query.filter(
            payments::paid_on.lt(day).or(payments::paid_on
                .eq(day)
                .and(payments::id.lt(id.to_string()))),
        );
    }
    query
        .order((payments::paid_on.desc(), payments::id.desc()))
        .limit(limit)
        .load(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// One total of the payments page: a kind, a method and a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Total {
    /// The fee's kind.
    pub kind: FeeKind,
    /// How it was settled.
    pub method: PaymentMethod,
    /// The first day of the month.
    pub month: NaiveDate,
    /// The currency.
    pub currency: String,
    /// How many.
    pub count: i64,
    /// Their sum.
    pub amount: Amount,
}

/// Totals by kind, method, month and currency over the filter's period,
/// oldest month first. Reads five small columns of each settlement in the
/// period (a year of an association's payments is thousands of rows).
pub fn totals(conn: &mut AnyConnection, filter: &Filter) -> DbResult<Vec<Total>> {
    let mut query = payments::table.into_boxed();
    if let Some(from) = filter.from {
        query = query.filter(payments::paid_on.ge(from.and_time(chrono::NaiveTime::MIN)));
    }
    if let Some(to) = filter.to {
        query = query.filter(payments::paid_on.le(to.and_time(chrono::NaiveTime::MIN)));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(payments::kind.eq(kind.as_str()));
    }
    let rows: Vec<(String, String, NaiveDateTime, String, i64)> = query
        .select((
            payments::kind,
            payments::method,
            payments::paid_on,
            payments::currency,
            payments::amount,
        ))
        .load(conn)?;
    let mut sums: std::collections::BTreeMap<
        (NaiveDate, &'static str, &'static str, String),
        (i64, i64),
    > = std::collections::BTreeMap::new();
    for (kind, method, paid_on, currency, amount) in rows {
        let corrupt =
            |what: &str, value: &str| DbError::Corrupt(format!("payment {what} '{value}'"));
        let kind = FeeKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?;
        let method = PaymentMethod::parse(&method).ok_or_else(|| corrupt("method", &method))?;
        let day = paid_on.date();
        let month = day.with_day(1).unwrap_or(day);
        let sum = sums
            .entry((month, kind.as_str(), method.as_str(), currency))
            .or_default();
        sum.0 += 1;
        sum.1 += amount;
    }
    Ok(sums
        .into_iter()
        .filter_map(|((month, kind, method, currency), (count, amount))| {
            Some(Total {
                kind: FeeKind::parse(kind)?,
                method: PaymentMethod::parse(method)?,
                month,
                currency,
                count,
                amount: Amount::from_hundredths(amount),
            })
        })
        .collect())
}

/// Records an online payment begun: the Checkout Session made at Stripe.
pub fn begin_checkout(
    conn: &mut AnyConnection,
    session: &str,
    person: UserId,
    fee: &FeeKey,
    (amount, currency): (Amount, &str),
    url: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    diesel::insert_into(checkout_sessions::table)
        .values((
            checkout_sessions::id.eq(session),
            checkout_sessions::person_id.eq(person.to_string()),
            checkout_sessions::fee_key.eq(fee.to_string()),
            checkout_sessions::amount.eq(amount.hundredths()),
            checkout_sessions::currency.eq(currency),
            checkout_sessions::url.eq(url),
            checkout_sessions::created_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A Checkout Session Endorse made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkout {
    /// Stripe's id.
    pub id: String,
    /// Whose fee.
    pub person: UserId,
    /// Which.
    pub fee: FeeKey,
    /// What it asked for.
    pub amount: Amount,
    /// In this currency (upper case).
    pub currency: String,
    /// Where the payer was sent.
    pub url: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When its payment was recorded.
    pub completed_at: Option<DateTime<Utc>>,
}

type CheckoutRow = (
    String,
    String,
    String,
    i64,
    String,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

/// The columns a [`CheckoutRow`] reads.
const CHECKOUT_COLUMNS: (
    checkout_sessions::id,
    checkout_sessions::person_id,
    checkout_sessions::fee_key,
    checkout_sessions::amount,
    checkout_sessions::currency,
    checkout_sessions::url,
    checkout_sessions::created_at,
    checkout_sessions::completed_at,
) = (
    checkout_sessions::id,
    checkout_sessions::person_id,
    checkout_sessions::fee_key,
    checkout_sessions::amount,
    checkout_sessions::currency,
    checkout_sessions::url,
    checkout_sessions::created_at,
    checkout_sessions::completed_at,
);

fn checkout_of(row: CheckoutRow) -> DbResult<Checkout> {
    let (id, person, fee, amount, currency, url, created_at, completed_at) = row;
    Ok(Checkout {
        person: person
            .parse()
            .map_err(|_| DbError::Corrupt(format!("checkout {id} person")))?,
        fee: fee
            .parse()
            .map_err(|()| DbError::Corrupt(format!("checkout {id} fee")))?,
        id,
        amount: Amount::from_hundredths(amount),
        currency,
        url,
        created_at: created_at.and_utc(),
        completed_at: completed_at.map(|at| at.and_utc()),
    })
}

/// The Checkout Session Stripe calls `id`, if Endorse made it.
pub fn checkout(conn: &mut AnyConnection, id: &str) -> DbResult<Option<Checkout>> {
    checkout_sessions::table
        .find(id)
        .select(CHECKOUT_COLUMNS)
        .first::<CheckoutRow>(conn)
        .optional()?
        .map(checkout_of)
        .transpose()
}

/// The newest open Checkout Session for a fee made after `since`, to send
/// the payer back to rather than make another.
pub fn open_checkout(
    conn: &mut AnyConnection,
    person: UserId,
    fee: &FeeKey,
    since: DateTime<Utc>,
) -> DbResult<Option<Checkout>> {
    checkout_sessions::table
        .filter(checkout_sessions::person_id.eq(person.to_string()))
        .filter(checkout_sessions::fee_key.eq(fee.to_string()))
        .filter(checkout_sessions::completed_at.is_null())
        .filter(checkout_sessions::created_at.gt(since.naive_utc()))
        .order(checkout_sessions::created_at.desc())
        .select(CHECKOUT_COLUMNS)
        .first::<CheckoutRow>(conn)
        .optional()?
        .map(checkout_of)
        .transpose()
}

/// Marks a Checkout Session's payment recorded.
pub fn complete_checkout(conn: &mut AnyConnection, id: &str, now: DateTime<Utc>) -> DbResult<()> {
    diesel::update(checkout_sessions::table.find(id))
        .set(checkout_sessions::completed_at.eq(now.naive_utc()))
        .execute(conn)?;
    Ok(())
}

/// Takes a Stripe event once: false when it was taken before (a replay).
pub fn take_event(
    conn: &mut AnyConnection,
    id: &str,
    kind: &str,
    outcome: &str,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let inserted = super::write::<_, DbError, _>(conn, |conn| {
        diesel::insert_into(stripe_events::table)
            .values((
                stripe_events::id.eq(id),
                stripe_events::kind.eq(kind),
                stripe_events::received_at.eq(now.naive_utc()),
                stripe_events::outcome.eq(outcome),
            ))
            .execute(conn)?;
        Ok(())
    });
    match inserted {
        Ok(()) => Ok(true),
        Err(DbError::UniqueViolation(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Keeps what became of a Stripe event taken.
pub fn set_event_outcome(conn: &mut AnyConnection, id: &str, outcome: &str) -> DbResult<()> {
    diesel::update(stripe_events::table.find(id))
        .set(stripe_events::outcome.eq(outcome))
        .execute(conn)?;
    Ok(())
}
