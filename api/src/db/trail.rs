//! The audit trail: the applications' logs (`audit_events`) and the
//! association's own (`association_events`) read as one, newest first, a
//! page at a time by keyset (time, then id), so a page costs the same at
//! the millionth event as at the first.

use super::{AnyConnection, DbResult};
use crate::schema::{applications, association_events, audit_events};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::trail::{TrailEvent, TrailKind, SCHEDULE_ACTOR};

pub use endorse_shared::trail::SCHEDULE_NAME;

/// Which events, already checked.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// An account's id, or [`SCHEDULE_ACTOR`].
    pub actor: Option<String>,
    /// What an event is about, by id.
    pub subject: Option<String>,
    /// What an event is about, by kind.
    pub kind: Option<TrailKind>,
    /// An action.
    pub action: Option<String>,
    /// At or after.
    pub from: Option<NaiveDateTime>,
    /// Before.
    pub until: Option<NaiveDateTime>,
    /// Older than this event (time, id).
    pub before: Option<(NaiveDateTime, String)>,
}

/// A page's position as the API writes it: the event's time in
/// microseconds, a dot, its id.
pub fn cursor(event: &TrailEvent) -> String {
    format!("{}.{}", event.at.timestamp_micros(), event.id)
}

/// The position a cursor names, or none for one this did not write.
pub fn parse_cursor(raw: &str) -> Option<(NaiveDateTime, String)> {
    let (micros, id) = raw.split_once('.')?;
    let at = DateTime::<Utc>::from_timestamp_micros(micros.parse().ok()?)?;
    let id = uuid::Uuid::parse_str(id).ok()?;
    Some((at.naive_utc(), id.to_string()))
}

type AssociationRow = (
    String,
    NaiveDateTime,
    Option<String>,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
);

type ApplicationRow = (
    String,
    NaiveDateTime,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// Up to `limit` events matching `filter`, newest first.
pub fn page(conn: &mut AnyConnection, filter: &Filter, limit: i64) -> DbResult<Vec<TrailEvent>> {
    let mut events = Vec::new();
    if filter
        .kind
        .is_none_or(|kind| kind != TrailKind::Application)
    {
        events.extend(association_page(conn, filter, limit)?);
    }
    if filter
        .kind
        .is_none_or(|kind| kind == TrailKind::Application)
    {
        events.extend(application_page(conn, filter, limit)?);
    }
    events.sort_by(|a, b| (b.at, &b.id).cmp(&(a.at, &a.id)));
    events.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(events)
}

fn association_page(
    conn: &mut AnyConnection,
    filter: &Filter,
    limit: i64,
) -> DbResult<Vec<TrailEvent>> {
    let mut q = association_events::table.into_boxed();
    match filter.actor.as_deref() {
        Some(SCHEDULE_ACTOR) => q = q.filter(association_events::actor_id.is_null()),
        Some(actor) => q = q.filter(association_events::actor_id.eq(actor.to_string())),
        None => {}
    }
    if let Some(subject) = &filter.subject {
        q = q.filter(association_events::subject_id.eq(subject.clone()));
    }
    match filter.kind {
        // Settings and support events were recorded before events named
        // their subject: the association is what they are about.
        Some(TrailKind::Association) => {
            q = q.filter(
                association_events::subject_kind
                    .is_null()
                    .or(association_events::subject_kind.eq(TrailKind::Association.as_str())),
            )
        }
        Some(kind) => q = q.filter(association_events::subject_kind.eq(kind.as_str())),
        None => {}
    }
    if let Some(action) = &filter.action {
        q = q.filter(association_events::action.eq(action.clone()));
    }
    if let Some(from) = filter.from {
        q = q.filter(association_events::at.ge(from));
    }
    if let Some(until) = filter.until {
        q = q.filter(association_events::at.lt(until));
    }
    if let Some((at, id)) = &filter.before {
        q = q.filter(
            association_events::at.lt(*at).or(association_events::at
                .eq(*at)
                .and(association_events::id.lt(id.clone()))),
        );
    }
    let rows: Vec<AssociationRow> = q
        .order((association_events::at.desc(), association_events::id.desc()))
        .limit(limit)
        .select((
            association_events::id,
            association_events::at,
            association_events::actor_id,
            association_events::actor_name,
            association_events::ip,
            association_events::action,
            association_events::details,
            association_events::subject_kind,
            association_events::subject_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, at, actor_id, actor, ip, action, details, kind, subject)| TrailEvent {
                id,
                at: at.and_utc(),
                actor_id: actor_id.and_then(|id| id.parse().ok()),
                actor,
                ip,
                action,
                subject_kind: Some(
                    kind.as_deref()
                        .and_then(TrailKind::parse)
                        .unwrap_or(TrailKind::Association),
                ),
                subject_id: subject,
                from_status: None,
                to_status: None,
                reason: None,
                details,
            },
        )
        .collect())
}

fn application_page(
    conn: &mut AnyConnection,
    filter: &Filter,
    limit: i64,
) -> DbResult<Vec<TrailEvent>> {
    let mut q = audit_events::table.into_boxed();
    match filter.actor.as_deref() {
        Some(SCHEDULE_ACTOR) => q = q.filter(audit_events::actor_id.is_null()),
        Some(actor) => q = q.filter(audit_events::actor_id.eq(actor.to_string())),
        None => {}
    }
    if let Some(subject) = &filter.subject {
        // An application, or a person: then their applications too.
        q = q.filter(
            audit_events::application_id
                .eq(subject.clone())
                .or(audit_events::application_id.eq_any(
                    applications::table
                        .filter(applications::applicant_id.eq(subject.clone()))
                        .select(applications::id),
                )),
        );
    }
    if let Some(action) = &filter.action {
        q = q.filter(audit_events::action.eq(action.clone()));
    }
    if let Some(from) = filter.from {
        q = q.filter(audit_events::at.ge(from));
    }
    if let Some(until) = filter.until {
        q = q.filter(audit_events::at.lt(until));
    }
    if let Some((at, id)) = &filter.before {
        q = q.filter(
            audit_events::at.lt(*at).or(audit_events::at
                .eq(*at)
                .and(audit_events::id.lt(id.clone()))),
        );
    }
    let rows: Vec<ApplicationRow> = q
        .order((audit_events::at.desc(), audit_events::id.desc()))
        .limit(limit)
        .select((
            audit_events::id,
            audit_events::at,
            audit_events::actor_id,
            audit_events::ip,
            audit_events::action,
            audit_events::application_id,
            audit_events::from_status,
            audit_events::to_status,
            audit_events::reason,
            audit_events::details,
        ))
        .load(conn)?;
    let ids: Vec<String> = rows.iter().filter_map(|row| row.2.clone()).collect();
    let names = super::users::names_of(conn, ids)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, at, actor_id, ip, action, application, from, to, reason, details)| {
                let actor = match &actor_id {
                    Some(actor) => names.get(actor).cloned().unwrap_or_default(),
                    None => SCHEDULE_NAME.to_string(),
                };
                TrailEvent {
                    id,
                    at: at.and_utc(),
                    actor_id: actor_id.and_then(|id| id.parse().ok()),
                    actor,
                    ip,
                    action,
                    subject_kind: Some(TrailKind::Application),
                    subject_id: Some(application),
                    from_status: from.and_then(|s| s.parse().ok()),
                    to_status: to.and_then(|s| s.parse().ok()),
                    reason,
                    details,
                }
            },
        )
        .collect())
}
