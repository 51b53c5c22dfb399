//! Queries on `association_events`: the association's own log (its settings,
//! support access granted and used). Append-only: the database refuses a
//! change or a removal.

use super::{AnyConnection, DbResult};
use crate::schema::association_events;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::trail::TrailKind;

/// Who did it: an id (a person here, or a platform operator), a name, an address.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// Their id.
    pub id: Option<&'a str>,
    /// Their name as the log shows it.
    pub name: &'a str,
    /// Where from.
    pub ip: Option<&'a str>,
}

/// Who acts, held for the length of a request (an admin, as a rule).
#[derive(Debug, Clone)]
pub struct By {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Where from.
    pub ip: Option<String>,
}

impl By {
    /// As the log names them.
    pub fn actor(&self) -> Actor<'_> {
        Actor {
            id: Some(&self.id),
            name: &self.name,
            ip: self.ip.as_deref(),
        }
    }
}

/// What an event is about, so the trail can be filtered by it.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// Its kind (a [`TrailKind`]).
    pub kind: TrailKind,
    /// Its id.
    pub id: &'a str,
}

impl<'a> Subject<'a> {
    /// An account.
    pub fn user(id: &'a str) -> Self {
        Subject {
            kind: TrailKind::User,
            id,
        }
    }

    /// Anything else.
    pub fn of(kind: TrailKind, id: &'a str) -> Self {
        Subject { kind, id }
    }
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = association_events)]
pub struct Event {
    /// Its id.
    pub id: String,
    /// When.
    pub at: NaiveDateTime,
    /// Who.
    pub actor_id: Option<String>,
    /// Their name.
    pub actor_name: String,
    /// From where.
    pub ip: Option<String>,
    /// What, as a code (`settings_changed`).
    pub action: String,
    /// What, in words.
    pub details: String,
    /// What it is about, by kind.
    pub subject_kind: Option<String>,
    /// What it is about, by id.
    pub subject_id: Option<String>,
}

/// Adds an event about the association as a whole.
pub fn record(
    conn: &mut AnyConnection,
    actor: Actor<'_>,
    what: (&str, &str),
    at: DateTime<Utc>,
) -> DbResult<()> {
    record_about(conn, actor, None, what, at)
}

/// Adds an event about `subject`.
pub fn record_about(
    conn: &mut AnyConnection,
    actor: Actor<'_>,
    subject: Option<Subject<'_>>,
    (action, details): (&str, &str),
    at: DateTime<Utc>,
) -> DbResult<()> {
    diesel::insert_into(association_events::table)
        .values((
            // Time-ordered (UUID v7), so events of one instant keep their order.
            association_events::id.eq(uuid::Uuid::now_v7().to_string()),
            association_events::at.eq(at.naive_utc()),
            association_events::actor_id.eq(actor.id),
            association_events::actor_name.eq(actor.name),
            association_events::ip.eq(actor.ip),
            association_events::action.eq(action),
            association_events::details.eq(details),
            association_events::subject_kind.eq(subject.map(|s| s.kind.as_str())),
            association_events::subject_id.eq(subject.map(|s| s.id)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The newest `limit` events, newest first.
pub fn recent(conn: &mut AnyConnection, limit: i64) -> DbResult<Vec<Event>> {
    Ok(association_events::table
        .order((association_events::at.desc(), association_events::id.desc()))
        .limit(limit)
        .select(Event::as_select())
        .load(conn)?)
}

/// The newest `limit` events about one subject, newest first.
pub fn about(conn: &mut AnyConnection, subject_id: &str, limit: i64) -> DbResult<Vec<Event>> {
    Ok(association_events::table
        .filter(association_events::subject_id.eq(subject_id))
        .order((association_events::at.desc(), association_events::id.desc()))
        .limit(limit)
        .select(Event::as_select())
        .load(conn)?)
}
