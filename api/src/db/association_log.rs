//! Queries on `association_events`: the association's own log (its settings,
//! support access granted and used). Append-only: the database refuses a
//! change or a removal.

use super::{AnyConnection, DbResult};
use crate::schema::association_events;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

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
}

/// Adds an event.
pub fn record(
    conn: &mut AnyConnection,
    actor: Actor<'_>,
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
