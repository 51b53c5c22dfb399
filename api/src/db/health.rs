//! What a platform operator may know of an association: counts, never
//! records.

use super::{AnyConnection, DbResult};
use crate::schema::{applications, endorsements, outbox, users};
use diesel::prelude::*;
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::endorsements::EndorsementStatus;
use endorse_shared::mail::MailStatus;
use endorse_shared::Role;

/// An association's counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Applicant accounts.
    pub applicants: u64,
    /// Reviewer accounts.
    pub reviewers: u64,
    /// Admin accounts.
    pub admins: u64,
    /// Applications still open.
    pub open_applications: u64,
    /// Endorsements in good standing.
    pub active_endorsements: u64,
    /// Mail waiting to go.
    pub mail_waiting: u64,
    /// Mail given up on.
    pub mail_failed: u64,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

/// The counts, in a handful of grouped queries.
pub fn counts(conn: &mut AnyConnection) -> DbResult<Counts> {
    let mut found = Counts::default();
    let roles: Vec<(String, i64)> = users::table
        .group_by(users::role)
        .select((users::role, diesel::dsl::count_star()))
        .load(conn)?;
    for (role, n) in roles {
        match role.parse::<Role>() {
            Ok(Role::Applicant) => found.applicants = count(n),
            Ok(Role::Reviewer) => found.reviewers = count(n),
            Ok(Role::Admin) => found.admins = count(n),
            Err(_) => {}
        }
    }
    let statuses: Vec<(String, i64)> = applications::table
        .group_by(applications::status)
        .select((applications::status, diesel::dsl::count_star()))
        .load(conn)?;
    found.open_applications = statuses
        .iter()
        .filter(|(status, _)| {
            status
                .parse::<ApplicationStatus>()
                .is_ok_and(ApplicationStatus::is_open)
        })
        .map(|(_, n)| count(*n))
        .sum();
    let standing: Vec<(String, i64)> = endorsements::table
        .group_by(endorsements::status)
        .select((endorsements::status, diesel::dsl::count_star()))
        .load(conn)?;
    found.active_endorsements = standing
        .iter()
        .filter(|(status, _)| {
            EndorsementStatus::parse(status).is_some_and(EndorsementStatus::in_good_standing)
        })
        .map(|(_, n)| count(*n))
        .sum();
    let mail: Vec<(String, i64)> = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)?;
    for (status, n) in mail {
        match MailStatus::parse(&status) {
            Some(MailStatus::Pending) => found.mail_waiting = count(n),
            Some(MailStatus::Failed) => found.mail_failed = count(n),
            _ => {}
        }
    }
    Ok(found)
}
