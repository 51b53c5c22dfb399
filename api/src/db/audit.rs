//! The audit log (`audit_events`): written, never changed. Both backends refuse
//! an update or a delete with a trigger; this module has no function for either.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::audit_events;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::process::AuditEvent;
use endorse_shared::{ApplicationId, Role, UserId};

/// An event to record.
pub struct NewEvent<'a> {
    /// The application.
    pub application: ApplicationId,
    /// Who, if a person.
    pub actor: Option<UserId>,
    /// In which role.
    pub role: Role,
    /// From where.
    pub ip: Option<&'a str>,
    /// What happened.
    pub action: &'a str,
    /// The status before.
    pub from: Option<ApplicationStatus>,
    /// The status after.
    pub to: Option<ApplicationStatus>,
    /// Why.
    pub reason: Option<&'a str>,
    /// What changed, in words.
    pub details: String,
}

/// An event in an endorsement's life.
pub struct EndorsementEvent<'a> {
    /// The application that earned it, if one did.
    pub application: Option<ApplicationId>,
    /// Its number, once there is one (a declined recognition has none).
    pub number: Option<&'a str>,
    /// Who, if a person.
    pub actor: Option<UserId>,
    /// Their name (for the association's log), or what acted.
    pub actor_name: &'a str,
    /// In which role.
    pub role: Role,
    /// From where.
    pub ip: Option<&'a str>,
    /// What happened.
    pub action: &'a str,
    /// Why.
    pub reason: Option<&'a str>,
    /// What changed, in words (naming the endorsement's number).
    pub details: String,
}

/// Appends an endorsement's event where its history is kept: the audit log
/// of the application that earned it, or, for one no application here
/// earned (recognised from another association), the association's own log.
pub fn record_endorsement(
    conn: &mut AnyConnection,
    event: EndorsementEvent<'_>,
    at: DateTime<Utc>,
) -> DbResult<()> {
    match event.application {
        Some(application) => record(
            conn,
            &NewEvent {
                application,
                actor: event.actor,
                role: event.role,
                ip: event.ip,
                action: event.action,
                from: None,
                to: None,
                reason: event.reason,
                details: event.details,
            },
            at,
        ),
        None => {
            let actor = event.actor.map(|a| a.to_string());
            let details = match event.reason {
                Some(reason) => format!("{} Reason: {reason}", event.details),
                None => event.details,
            };
            super::association_log::record_about(
                conn,
                super::association_log::Actor {
                    id: actor.as_deref(),
                    name: event.actor_name,
                    ip: event.ip,
                },
                event.number.map(|number| {
                    super::association_log::Subject::of(
                        endorse_shared::trail::TrailKind::Endorsement,
                        number,
                    )
                }),
                (event.action, &details),
                at,
            )
        }
    }
}

/// Appends an event, numbered after the application's last one. Callers write
/// it in the transaction that changed the application, whose row update
/// serializes them.
pub fn record(conn: &mut AnyConnection, event: &NewEvent<'_>, at: DateTime<Utc>) -> DbResult<()> {
    // The number is read, then written: on PostgreSQL the application's row
    // lock keeps two events from taking the same one (SQLite's transaction
    // holds the write lock already).
    super::lock_rows(
        conn,
        super::Lockable::Applications,
        vec![event.application.to_string()],
    )?;
    let last: Option<i64> = audit_events::table
        .filter(audit_events::application_id.eq(event.application.to_string()))
        .select(diesel::dsl::max(audit_events::seq))
        .first(conn)?;
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::id.eq(uuid::Uuid::now_v7().to_string()),
            audit_events::application_id.eq(event.application.to_string()),
            audit_events::seq.eq(last.unwrap_or(0) + 1),
            audit_events::at.eq(at.naive_utc()),
            audit_events::actor_id.eq(event.actor.map(|a| a.to_string())),
            audit_events::actor_role.eq(event.role.as_str()),
            audit_events::ip.eq(event.ip),
            audit_events::action.eq(event.action),
            audit_events::from_status.eq(event.from.map(ApplicationStatus::as_str)),
            audit_events::to_status.eq(event.to.map(ApplicationStatus::as_str)),
            audit_events::reason.eq(event.reason),
            audit_events::details.eq(&event.details),
        ))
        .execute(conn)?;
    Ok(())
}

/// The reason given with the latest decision (endorse, emerging, defer, not
/// endorsed) on an application: the feedback meant for the applicant.
pub fn latest_feedback(
    conn: &mut AnyConnection,
    application: ApplicationId,
) -> DbResult<Option<String>> {
    use endorse_shared::process::Action;
    let decisions = [
        Action::Endorse,
        Action::DecideEmerging,
        Action::Defer,
        Action::NotEndorse,
    ]
    .map(Action::as_str);
    Ok(audit_events::table
        .filter(audit_events::application_id.eq(application.to_string()))
        .filter(audit_events::action.eq_any(decisions))
        .order(audit_events::seq.desc())
        .select(audit_events::reason)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

type Row = (
    NaiveDateTime,
    Option<String>,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// An application's events, oldest first, with the actors' names.
pub fn list(conn: &mut AnyConnection, application: ApplicationId) -> DbResult<Vec<AuditEvent>> {
    let rows: Vec<Row> = audit_events::table
        .filter(audit_events::application_id.eq(application.to_string()))
        .order(audit_events::seq.asc())
        .select((
            audit_events::at,
            audit_events::actor_id,
            audit_events::actor_role,
            audit_events::ip,
            audit_events::action,
            audit_events::from_status,
            audit_events::to_status,
            audit_events::reason,
            audit_events::details,
        ))
        .load(conn)?;
    let ids: Vec<String> = rows.iter().filter_map(|r| r.1.clone()).collect();
    let names = super::users::names_of(conn, ids)?;
    let status = |raw: Option<String>| -> DbResult<Option<ApplicationStatus>> {
        raw.map(|s| s.parse().map_err(DbError::Corrupt)).transpose()
    };
    rows.into_iter()
        .map(|(at, actor, role, ip, action, from, to, reason, details)| {
            Ok(AuditEvent {
                at: at.and_utc(),
                actor: actor.and_then(|id| names.get(&id).cloned()),
                role: role
                    .parse()
                    .map_err(|_| DbError::Corrupt(format!("audit role '{role}'")))?,
                ip,
                action,
                from_status: status(from)?,
                to_status: status(to)?,
                reason,
                details,
            })
        })
        .collect()
}

/// Records a change to the portfolio of `owner` on each of their applications
/// that is submitted and still open (a draft's changes are not history yet).
pub fn portfolio_change(
    conn: &mut AnyConnection,
    owner: UserId,
    ip: Option<&str>,
    details: &str,
    at: DateTime<Utc>,
) -> DbResult<()> {
    for_open_applications(
        conn,
        owner,
        false,
        (owner, Role::Applicant, ip),
        ("portfolio_change", details),
        at,
    )
}

/// Records something done to a person's records by someone else (an admin
/// copying a referee's link) in the audit log of each of their open
/// applications, drafts included.
pub fn person_event(
    conn: &mut AnyConnection,
    person: UserId,
    actor: (UserId, Role, Option<&str>),
    action: &str,
    details: &str,
    at: DateTime<Utc>,
) -> DbResult<()> {
    for_open_applications(conn, person, true, actor, (action, details), at)
}

/// One event in the log of each open application of `person` (drafts only
/// when `drafts`).
fn for_open_applications(
    conn: &mut AnyConnection,
    person: UserId,
    drafts: bool,
    (actor, role, ip): (UserId, Role, Option<&str>),
    (action, details): (&str, &str),
    at: DateTime<Utc>,
) -> DbResult<()> {
    for application in super::applications::list_for(conn, person)? {
        let skipped = application.status == ApplicationStatus::Draft && !drafts;
        if skipped || !application.status.is_open() {
            continue;
        }
        record(
            conn,
            &NewEvent {
                application: application.id,
                actor: Some(actor),
                role,
                ip,
                action,
                from: None,
                to: None,
                reason: None,
                details: details.to_string(),
            },
            at,
        )?;
    }
    Ok(())
}
