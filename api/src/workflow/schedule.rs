//! The association's schedule, run by the worker: renewal opens, reminders
//! go out, and what was not renewed in time lapses.

use crate::db::audit::{self, EndorsementEvent};
use crate::db::endorsements;
use crate::db::{outbox, renewals, rulebooks, AnyConnection, DbError, DbResult};
use crate::mail::templates::{Context, RenewalReminder};
use chrono::{DateTime, Duration, Utc};
use endorse_shared::endorsements::EndorsementStatus;
use endorse_shared::renewal::{opens_on, reminder_due};
use endorse_shared::Role;

/// What one run of the schedule did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ScheduleRound {
    /// Endorsements whose renewal opened.
    pub opened: usize,
    /// Reminders queued.
    pub reminded: usize,
    /// Endorsements lapsed.
    pub lapsed: usize,
}

/// The association's schedule, on `now`: renewal opens (active → renewal
/// due), reminders go out 60, 30 and 7 days before the due date and on the
/// day (once each), and an endorsement not renewed by the end of its grace
/// period lapses (it leaves the registry and its suspension bit is set),
/// unless a renewal covering it is waiting for the association.
pub fn run_schedule(
    conn: &mut AnyConnection,
    mail: &Context<'_>,
    now: DateTime<Utc>,
) -> DbResult<ScheduleRound> {
    let rulebook = rulebooks::current(conn)?.rulebook;
    let policy = &rulebook.renewal;
    let today = mail.calendar.day_of(now);
    let waiting = renewals::waiting_numbers(conn)?;
    let mut round = ScheduleRound::default();
    let standing = [EndorsementStatus::Active, EndorsementStatus::RenewalDue];
    // Nothing happens to an endorsement before its renewal opens.
    let horizon = today + Duration::days(i64::from(policy.opens_days_before));
    for endorsement in endorsements::due_by(conn, &standing, horizon)? {
        let number = endorsement.number.clone();
        let due = endorsement.renewal_due;
        let covered = waiting.contains(&number);
        let lapse_after = rulebook.endorsement.valid_through(due);
        let lapses_on = rulebook.endorsement.lapses_on(due);
        let system = |conn: &mut AnyConnection, action: &str, details: String| {
            audit::record_endorsement(
                conn,
                EndorsementEvent {
                    application: endorsement.application,
                    number: Some(&endorsement.number),
                    actor: None,
                    actor_name: crate::db::trail::SCHEDULE_NAME,
                    role: Role::Admin,
                    ip: None,
                    action,
                    reason: None,
                    details,
                },
                now,
            )
        };
        if today > lapse_after && !covered {
            crate::db::write::<_, DbError, _>(conn, |conn| {
                if endorsements::move_by_schedule(
                    conn,
                    &number,
                    (endorsement.status, EndorsementStatus::Lapsed),
                    Some(lapses_on),
                    now,
                )? {
                    system(
                        conn,
                        "lapse",
                        format!("Endorsement {number} lapsed: not renewed by {lapse_after}."),
                    )?;
                    let reads = crate::db::users::reader_of(conn, &endorsement.holder_email)?;
                    let message = mail.to(reads).lapsed(
                        &endorsement.holder_email,
                        &endorsement.holder_name,
                        &number,
                        format!("lapsed:{number}:{lapses_on}"),
                    );
                    outbox::enqueue(conn, &message, now)?;
                    round.lapsed += 1;
                }
                Ok::<_, DbError>(())
            })?;
            continue;
        }
        if endorsement.status == EndorsementStatus::Active
            && today >= opens_on(due, policy.opens_days_before)
        {
            crate::db::write::<_, DbError, _>(conn, |conn| {
                if endorsements::move_by_schedule(
                    conn,
                    &number,
                    (EndorsementStatus::Active, EndorsementStatus::RenewalDue),
                    None,
                    now,
                )? {
                    system(
                        conn,
                        "renewal_open",
                        format!("Endorsement {number}: renewal opened; due {due}."),
                    )?;
                    round.opened += 1;
                }
                Ok::<_, DbError>(())
            })?;
        }
        if covered {
            continue;
        }
        if let Some(days) = reminder_due(today, due, &policy.reminder_days_before) {
            let reads = crate::db::users::reader_of(conn, &endorsement.holder_email)?;
            let message = mail.to(reads).renewal_reminder(
                &endorsement.holder_email,
                &endorsement.holder_name,
                &RenewalReminder {
                    numbers: std::slice::from_ref(&number),
                    due,
                    last_day: lapse_after,
                    days,
                },
                format!("renewal:{number}:{due}:{days}"),
            );
            if crate::db::write::<_, DbError, _>(conn, |conn| outbox::enqueue(conn, &message, now))?
            {
                round.reminded += 1;
            }
        }
    }
    Ok(round)
}

/// Queues the day's digest for each admin who can sign in, when something
/// waits on them (once a day each: the key names the admin and the
/// association's day). Returns how many were queued.
pub fn queue_digests(
    conn: &mut AnyConnection,
    mail: &Context<'_>,
    now: DateTime<Utc>,
) -> DbResult<usize> {
    let today = mail.calendar.day_of(now);
    let list = crate::db::worklist::work_list(conn, now, today)?;
    if list.is_empty() {
        return Ok(0);
    }
    let mut queued = 0;
    for admin in crate::db::users::enabled_with_role(conn, Role::Admin)? {
        let message = mail.to(admin.reader()).admin_digest(
            &admin.email,
            &admin.name,
            &list,
            format!("digest:{}:{today}", admin.id),
        );
        if crate::db::write::<_, DbError, _>(conn, |conn| outbox::enqueue(conn, &message, now))? {
            queued += 1;
        }
    }
    Ok(queued)
}
