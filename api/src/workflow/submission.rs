//! Submitting an application: weighed by the engine, refused while any
//! requirement is short, and otherwise frozen in a snapshot of the entries
//! and references that counted, which later edits never change.

use super::weighing::{own, Loader};
use crate::calendar::Calendar;
use crate::db::applications;
use crate::db::audit::{self, NewEvent};
use crate::db::{AnyConnection, DbError, DbResult};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use endorse_shared::applications::{
    ApplicationResponse, ApplicationStatus, Snapshot, SnapshotReference,
};
use endorse_shared::i18n::Text;
use endorse_shared::process::{self, Track};
use endorse_shared::{ApplicationId, Role, UserId};
use std::collections::{BTreeMap, HashSet};

/// Submits the owner's draft, or resubmits their deferred application (a new
/// round), if it is still at version `expected`: 422 naming every
/// requirement still short, 409 in any other status, 412 when it moved on.
/// Earlier rounds' snapshots are kept.
pub fn submit(
    conn: &mut AnyConnection,
    (owner, ip): (UserId, Option<&str>),
    id: ApplicationId,
    expected: i64,
    (now, calendar, currency): (DateTime<Utc>, Calendar, &str),
) -> DbResult<Result<ApplicationResponse, ApiError>> {
    let today = calendar.day_of(now);
    // The snapshot must be what the engine weighed: no entry changes
    // between the two.
    crate::db::lock_owner(conn, owner)?;
    let Some(application) = own(conn, owner, id)? else {
        return Ok(Err(super::not_yours()));
    };
    let action = if application.status == ApplicationStatus::Deferred {
        process::Action::Resubmit
    } else {
        process::Action::Submit
    };
    let Some(to) = process::next(application.status, action, Track::default()) else {
        return Ok(Err(ApiError::Conflict(
            Text::new("err-application-only-draft-deferred-application-can")
                .with("status", application.status.text()),
        )));
    };
    if application.version != expected {
        return Ok(Err(ApiError::stale("application", application.version)));
    }
    let mut loader = Loader::on(today, Role::Applicant, currency);
    let weighed = loader.weigh(conn, &application)?;
    if !weighed.report.eligible {
        let mut errors = BTreeMap::new();
        for line in weighed.report.short_lines() {
            errors.insert(
                line.key.clone(),
                vec![Text::plain(
                    line.shortfall
                        .clone()
                        .unwrap_or_else(|| line.summary.clone()),
                )],
            );
        }
        return Ok(Err(ApiError::Validation(errors)));
    }
    let counted: HashSet<_> = weighed
        .report
        .entries
        .iter()
        .filter(|v| v.counts)
        .map(|v| v.entry)
        .collect();
    let weighable = loader
        .portfolio_of(application.applicant.id)
        .ok_or(DbError::NotFound)?;
    let snapshot = Snapshot {
        round: applications::snapshot_count(conn, id)? + 1,
        taken_at: now,
        entries: weighable
            .entries
            .iter()
            .filter(|e| counted.contains(&e.id))
            .cloned()
            .collect(),
        references: weighable
            .references
            .iter()
            .filter(|r| counted.contains(&r.id))
            .map(|r| SnapshotReference {
                id: r.id,
                data: r.data.clone(),
            })
            .collect(),
        report: weighed.report,
    };
    // The guarded update first: if someone else moved it meanwhile,
    // nothing has been written yet.
    if application.version != expected
        || !applications::transition(conn, id, (application.status, expected), to, now)?
    {
        return Ok(Err(ApiError::stale("application", application.version)));
    }
    audit::record(
        conn,
        &NewEvent {
            application: id,
            actor: Some(owner),
            role: Role::Applicant,
            ip,
            action: action.as_str(),
            from: Some(application.status),
            to: Some(to),
            reason: None,
            details: format!(
                "Submitted (round {}) with {} counted entries and {} counted references.",
                snapshot.round,
                snapshot.entries.len(),
                snapshot.references.len()
            ),
        },
        now,
    )?;
    applications::insert_snapshot(conn, id, &snapshot)?;
    let application = applications::get(conn, id)?.ok_or(DbError::NotFound)?;
    Ok(Ok(loader.respond(conn, application)?))
}
