//! Issuing an endorsement: its number, its dates and its signed credential.

use crate::db::applications::Application;
use crate::db::endorsements::{self, NewEndorsement};
use crate::db::{rulebooks, AnyConnection, DbError, DbResult};
use crate::issuer::Issuer;
use chrono::{DateTime, Utc};
use endorse_shared::endorsements::EndorsementOrigin;
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{ApplicationId, UserId};

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
    let award = Award {
        holder: application.applicant.id,
        category: &application.category,
        application: Some(application.id),
        origin: EndorsementOrigin::Application,
    };
    Ok(award.issue(conn, issuer, &rulebook, now)?.number)
}

/// Records an endorsement awarded in recognition of another association's,
/// numbered and dated by the current rulebook, in the caller's
/// transaction, not yet signed: the caller links it to the recognition and
/// then [`sign`]s it, so that its credential names what it recognises.
pub fn record_recognised(
    conn: &mut AnyConnection,
    issuer: &Issuer,
    holder: UserId,
    category: &str,
    now: DateTime<Utc>,
) -> DbResult<endorsements::Endorsement> {
    let rulebook = rulebooks::current(conn)?.rulebook;
    let award = Award {
        holder,
        category,
        application: None,
        origin: EndorsementOrigin::Recognition,
    };
    award.record(conn, issuer, &rulebook, now)
}

/// Signs the endorsement's first credential, by the current rulebook.
pub fn sign(
    conn: &mut AnyConnection,
    issuer: &Issuer,
    endorsement: &mut endorsements::Endorsement,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let rulebook = rulebooks::current(conn)?.rulebook;
    issuer.issue(conn, endorsement, &rulebook, now)?;
    Ok(())
}

/// What is awarded, to whom, and how it came to be.
struct Award<'a> {
    holder: UserId,
    category: &'a str,
    application: Option<ApplicationId>,
    origin: EndorsementOrigin,
}

impl Award<'_> {
    /// Records it, numbered and dated, and signs its credential.
    fn issue(
        &self,
        conn: &mut AnyConnection,
        issuer: &Issuer,
        rulebook: &Rulebook,
        now: DateTime<Utc>,
    ) -> DbResult<endorsements::Endorsement> {
        let mut endorsement = self.record(conn, issuer, rulebook, now)?;
        issuer.issue(conn, &mut endorsement, rulebook, now)?;
        Ok(endorsement)
    }

    /// Records it, numbered and dated.
    fn record(
        &self,
        conn: &mut AnyConnection,
        issuer: &Issuer,
        rulebook: &Rulebook,
        now: DateTime<Utc>,
    ) -> DbResult<endorsements::Endorsement> {
        let policy = &rulebook.endorsement;
        let number = endorsements::next_number(
            conn,
            &policy.number_prefix,
            self.category,
            issuer.calendar.year_of(now),
        )?;
        endorsements::insert(
            conn,
            &NewEndorsement {
                number: &number,
                holder: self.holder,
                application: self.application,
                origin: self.origin,
                category: self.category,
                renewal_due: policy.first_due(issuer.calendar.day_of(now)),
            },
            now,
        )?;
        endorsements::get(conn, &number)?.ok_or(DbError::NotFound)
    }
}
