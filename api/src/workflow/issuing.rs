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

/// Issues an endorsement awarded in recognition of another association's,
/// by the current rulebook, in the caller's transaction.
pub fn issue_recognised(
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
    award.issue(conn, issuer, &rulebook, now)
}

/// What is awarded, to whom, and how it came to be.
struct Award<'a> {
    holder: UserId,
    category: &'a str,
    application: Option<ApplicationId>,
    origin: EndorsementOrigin,
}

impl Award<'_> {
    fn issue(
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
        let mut endorsement = endorsements::get(conn, &number)?.ok_or(DbError::NotFound)?;
        issuer.issue(conn, &mut endorsement, rulebook, now)?;
        Ok(endorsement)
    }
}
