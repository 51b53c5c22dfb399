//! Queries on `information_items`: the entries a reviewer flagged, each with
//! the entry as submitted, the applicant's answer and the entry as amended.
//! Rows are never removed, so every earlier version stays.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::information_items;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::entries::{EditableSection, EntryData};
use endorse_shared::review::InformationItem;
use endorse_shared::{ApplicationId, AssignmentId, EntryId, InformationItemId};

/// A flag to store.
pub struct NewItem<'a> {
    /// The entry's section.
    pub section: EditableSection,
    /// The entry.
    pub entry: EntryId,
    /// What the reviewer asks.
    pub message: &'a str,
    /// The entry as submitted.
    pub before: Option<&'a EntryData>,
}

fn json(data: Option<&EntryData>) -> DbResult<Option<String>> {
    data.map(serde_json::to_string)
        .transpose()
        .map_err(|error| DbError::Corrupt(error.to_string()))
}

/// Stores the flags of one request.
pub fn insert(
    conn: &mut AnyConnection,
    application: ApplicationId,
    assignment: AssignmentId,
    round: i64,
    items: &[NewItem<'_>],
    now: DateTime<Utc>,
) -> DbResult<()> {
    for item in items {
        diesel::insert_into(information_items::table)
            .values((
                information_items::id.eq(uuid::Uuid::new_v4().to_string()),
                information_items::application_id.eq(application.to_string()),
                information_items::assignment_id.eq(assignment.to_string()),
                information_items::round.eq(round),
                information_items::section.eq(item.section.as_str()),
                information_items::entry_id.eq(item.entry.to_string()),
                information_items::message.eq(item.message),
                information_items::asked_at.eq(now.naive_utc()),
                information_items::before_data.eq(json(item.before)?),
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = information_items)]
struct Row {
    id: String,
    round: i64,
    section: String,
    entry_id: String,
    message: String,
    asked_at: NaiveDateTime,
    before_data: Option<String>,
    after_data: Option<String>,
    answer: Option<String>,
    answered_at: Option<NaiveDateTime>,
}

fn parse_data(id: &str, raw: Option<String>) -> DbResult<Option<EntryData>> {
    raw.map(|raw| serde_json::from_str(&raw))
        .transpose()
        .map_err(|error| DbError::Corrupt(format!("information item {id}: {error}")))
}

fn from_row(row: Row) -> DbResult<InformationItem> {
    let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("{what} '{value}'"));
    Ok(InformationItem {
        id: row.id.parse().map_err(|_| corrupt("item id", &row.id))?,
        round: row.round,
        section: row
            .section
            .parse()
            .map_err(|_| corrupt("section", &row.section))?,
        entry: row
            .entry_id
            .parse()
            .map_err(|_| corrupt("entry id", &row.entry_id))?,
        message: row.message,
        asked_at: row.asked_at.and_utc(),
        before: parse_data(&row.id, row.before_data)?,
        after: parse_data(&row.id, row.after_data)?,
        answer: row.answer,
        answered_at: row.answered_at.map(|at| at.and_utc()),
    })
}

/// Every flag on an application, oldest first.
pub fn for_application(
    conn: &mut AnyConnection,
    application: ApplicationId,
) -> DbResult<Vec<InformationItem>> {
    information_items::table
        .filter(information_items::application_id.eq(application.to_string()))
        .order((
            information_items::asked_at.asc(),
            information_items::id.asc(),
        ))
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Records the answer to an open flag and the entry as it is now. False if
/// the flag was answered already.
pub fn answer(
    conn: &mut AnyConnection,
    id: InformationItemId,
    answer: &str,
    after: Option<&EntryData>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        information_items::table
            .filter(information_items::id.eq(id.to_string()))
            .filter(information_items::answered_at.is_null()),
    )
    .set((
        information_items::answer.eq(Some(answer)),
        information_items::after_data.eq(json(after)?),
        information_items::answered_at.eq(Some(now.naive_utc())),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}
