//! Issuing an endorsement: its number, its dates and its signed credential.

use crate::db::applications::Application;
use crate::db::endorsements::{self, NewEndorsement};
use crate::db::{rulebooks, AnyConnection, DbError, DbResult};
use crate::issuer::Issuer;
use chrono::{DateTime, Utc};

/// Issues the endorsement an application earned, numbered and dated by the
/// rulebook version the application is pinned to (the first due date a full
/// cycle after the award), with its signed credential, in the caller's
/// transaction. Returns its number.
pub fn issue(
    conn: &mut AnyConnection,
    issuer: &Issuer,
    application: &Application,
    now: DateTime<Utc>,
) -> DbResult<String> {
    let rulebook = rulebooks::get(conn, application.rulebook_version)?
        .ok_or(DbError::NotFound)?
        .rulebook;
    let policy = &rulebook.endorsement;
    let number = endorsements::next_number(
        conn,
        &policy.number_prefix,
        &application.category,
        issuer.calendar.year_of(now),
    )?;
    endorsements::insert(
        conn,
        &NewEndorsement {
            number: &number,
            holder: application.applicant.id,
            application: application.id,
            category: &application.category,
            renewal_due: policy.first_due(issuer.calendar.day_of(now)),
        },
        now,
    )?;
    let mut endorsement = endorsements::get(conn, &number)?.ok_or(DbError::NotFound)?;
    issuer.issue(conn, &mut endorsement, &rulebook, now)?;
    Ok(number)
}
