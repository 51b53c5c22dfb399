//! Queries on `renewals`.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::{renewals, users};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::eligibility::EligibilityReport;
use endorse_shared::renewal::{RenewalKind, RenewalRecord, RenewalStatus};
use endorse_shared::UserId;

#[derive(Queryable, Selectable)]
#[diesel(table_name = renewals)]
struct Row {
    id: String,
    holder_id: String,
    kind: String,
    numbers: String,
    provides_rsc: bool,
    report: String,
    status: String,
    submitted_at: NaiveDateTime,
    decided_at: Option<NaiveDateTime>,
    reason: Option<String>,
    version: i64,
}

fn from_row((row, name): (Row, String)) -> DbResult<RenewalRecord> {
    let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("{what} '{value}'"));
    Ok(RenewalRecord {
        id: row.id.parse().map_err(|_| corrupt("renewal id", &row.id))?,
        holder: row
            .holder_id
            .parse()
            .map_err(|_| corrupt("user id", &row.holder_id))?,
        holder_name: name,
        kind: RenewalKind::parse(&row.kind).ok_or_else(|| corrupt("renewal kind", &row.kind))?,
        numbers: row
            .numbers
            .split(',')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect(),
        provides_rsc: row.provides_rsc,
        report: serde_json::from_str::<EligibilityReport>(&row.report)
            .map_err(|_| corrupt("renewal report of", &row.id))?,
        status: RenewalStatus::parse(&row.status)
            .ok_or_else(|| corrupt("renewal status", &row.status))?,
        submitted_at: row.submitted_at.and_utc(),
        decided_at: row.decided_at.map(|at| at.and_utc()),
        reason: row.reason,
        version: row.version,
    })
}

macro_rules! joined {
    () => {
        renewals::table
            .inner_join(users::table.on(users::id.eq(renewals::holder_id)))
            .select((Row::as_select(), users::name))
    };
}

/// A new submission.
pub struct NewRenewal<'a> {
    /// The holder.
    pub holder: UserId,
    /// Renewal or reinstatement.
    pub kind: RenewalKind,
    /// The numbers covered.
    pub numbers: &'a [String],
    /// The holder's declaration.
    pub provides_rsc: bool,
    /// The engine's report.
    pub report: &'a EligibilityReport,
}

/// Stores a submitted renewal. A second one waiting for the same holder is
/// [`DbError::UniqueViolation`].
pub fn insert(
    conn: &mut AnyConnection,
    new: &NewRenewal<'_>,
    now: DateTime<Utc>,
) -> DbResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let report = serde_json::to_string(new.report)
        .map_err(|e| DbError::Corrupt(format!("renewal report: {e}")))?;
    diesel::insert_into(renewals::table)
        .values((
            renewals::id.eq(&id),
            renewals::holder_id.eq(new.holder.to_string()),
            renewals::kind.eq(new.kind.as_str()),
            renewals::numbers.eq(new.numbers.join(",")),
            renewals::provides_rsc.eq(new.provides_rsc),
            renewals::report.eq(report),
            renewals::status.eq(RenewalStatus::Submitted.as_str()),
            renewals::submitted_at.eq(now.naive_utc()),
            renewals::version.eq(1i64),
        ))
        .execute(conn)?;
    Ok(id)
}

/// One renewal.
pub fn get(conn: &mut AnyConnection, id: &str) -> DbResult<Option<RenewalRecord>> {
    joined!()
        .filter(renewals::id.eq(id))
        .first::<(Row, String)>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// A holder's renewals, the newest first.
pub fn for_holder(conn: &mut AnyConnection, holder: UserId) -> DbResult<Vec<RenewalRecord>> {
    joined!()
        .filter(renewals::holder_id.eq(holder.to_string()))
        .order((renewals::submitted_at.desc(), renewals::id.desc()))
        .load::<(Row, String)>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Renewals in a status, the oldest first.
pub fn in_status(conn: &mut AnyConnection, status: RenewalStatus) -> DbResult<Vec<RenewalRecord>> {
    joined!()
        .filter(renewals::status.eq(status.as_str()))
        .order((renewals::submitted_at.asc(), renewals::id.asc()))
        .load::<(Row, String)>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// The endorsement numbers covered by renewals waiting for a decision.
pub fn waiting_numbers(conn: &mut AnyConnection) -> DbResult<Vec<String>> {
    let lists: Vec<String> = renewals::table
        .filter(renewals::status.eq(RenewalStatus::Submitted.as_str()))
        .select(renewals::numbers)
        .load(conn)?;
    Ok(lists
        .iter()
        .flat_map(|list| list.split(','))
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect())
}

/// Decides a submitted renewal at `expected`. False if it changed.
pub fn decide(
    conn: &mut AnyConnection,
    id: &str,
    expected: i64,
    to: RenewalStatus,
    by: UserId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        renewals::table
            .filter(renewals::id.eq(id))
            .filter(renewals::status.eq(RenewalStatus::Submitted.as_str()))
            .filter(renewals::version.eq(expected)),
    )
    .set((
        renewals::status.eq(to.as_str()),
        renewals::decided_by.eq(Some(by.to_string())),
        renewals::decided_at.eq(Some(now.naive_utc())),
        renewals::reason.eq(reason),
        renewals::version.eq(expected + 1),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}
