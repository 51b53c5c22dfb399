//! Queries on `portfolio_entries` and `portfolio_notes`. Every query names the
//! owner, so one person's entries can never be reached through another's id.
//! Entries are kept as JSON (`EntryData`), versioned for optimistic concurrency.

use super::{AnyConnection, DbError, DbResult, Guarded};
use crate::schema::{portfolio_entries, portfolio_notes};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::entries::{EditableSection, EntryData, PortfolioEntry, SectionNote};
use endorse_shared::{EntryId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = portfolio_entries)]
struct Row {
    id: String,
    version: i64,
    body: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl TryFrom<Row> for PortfolioEntry {
    type Error = DbError;

    fn try_from(row: Row) -> Result<Self, Self::Error> {
        Ok(PortfolioEntry {
            id: row
                .id
                .parse()
                .map_err(|_| DbError::Corrupt(format!("entry id '{}'", row.id)))?,
            version: row.version,
            data: serde_json::from_str(&row.body)
                .map_err(|error| DbError::Corrupt(format!("entry {}: {error}", row.id)))?,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

fn encode(data: &EntryData) -> DbResult<String> {
    serde_json::to_string(data)
        .map_err(|error| DbError::Corrupt(format!("entry cannot be encoded: {error}")))
}

/// Every entry of an owner, oldest first; one query however many there are.
pub fn list(conn: &mut AnyConnection, owner: UserId) -> DbResult<Vec<PortfolioEntry>> {
    portfolio_entries::table
        .filter(portfolio_entries::owner_id.eq(owner.to_string()))
        .order((
            portfolio_entries::created_at.asc(),
            portfolio_entries::id.asc(),
        ))
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(PortfolioEntry::try_from)
        .collect()
}

/// Every entry of an owner, with the owner locked until the transaction ends
/// ([`super::lock_owner`]): what a change is checked against (no duplicate,
/// a day's RSC total, a document still in use) cannot change before it is
/// written. Call it inside [`super::write`], before the check.
pub fn lock(conn: &mut AnyConnection, owner: UserId) -> DbResult<Vec<PortfolioEntry>> {
    super::lock_owner(conn, owner)?;
    list(conn, owner)
}

/// The work entries of many owners at once (for conflict checks), by owner.
pub fn work_of(
    conn: &mut AnyConnection,
    owners: &[UserId],
) -> DbResult<std::collections::HashMap<UserId, Vec<PortfolioEntry>>> {
    sections_of(conn, owners, &[EditableSection::Work])
}

/// The entries of some sections of many owners at once, by owner, in one query
/// per thousand owners.
pub fn sections_of(
    conn: &mut AnyConnection,
    owners: &[UserId],
    sections: &[EditableSection],
) -> DbResult<std::collections::HashMap<UserId, Vec<PortfolioEntry>>> {
    let sections: Vec<&str> = sections.iter().map(|s| s.as_str()).collect();
    let mut found: std::collections::HashMap<UserId, Vec<PortfolioEntry>> =
        std::collections::HashMap::new();
    for chunk in owners.chunks(super::IN_LIST) {
        let ids: Vec<String> = chunk.iter().map(ToString::to_string).collect();
        let rows: Vec<(String, Row)> = portfolio_entries::table
            .filter(portfolio_entries::owner_id.eq_any(ids))
            .filter(portfolio_entries::section.eq_any(&sections))
            .order((
                portfolio_entries::created_at.asc(),
                portfolio_entries::id.asc(),
            ))
            .select((portfolio_entries::owner_id, Row::as_select()))
            .load(conn)?;
        for (owner, row) in rows {
            let owner: UserId = owner
                .parse()
                .map_err(|_| DbError::Corrupt(format!("user id '{owner}'")))?;
            found
                .entry(owner)
                .or_default()
                .push(PortfolioEntry::try_from(row)?);
        }
    }
    Ok(found)
}

/// One entry of an owner.
pub fn get(
    conn: &mut AnyConnection,
    owner: UserId,
    id: EntryId,
) -> DbResult<Option<PortfolioEntry>> {
    portfolio_entries::table
        .filter(portfolio_entries::id.eq(id.to_string()))
        .filter(portfolio_entries::owner_id.eq(owner.to_string()))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(PortfolioEntry::try_from)
        .transpose()
}

/// Adds an entry at version 1.
pub fn insert(
    conn: &mut AnyConnection,
    owner: UserId,
    data: &EntryData,
) -> DbResult<PortfolioEntry> {
    let id = EntryId::from_uuid(uuid::Uuid::new_v4());
    let now = Utc::now().naive_utc();
    diesel::insert_into(portfolio_entries::table)
        .values((
            portfolio_entries::id.eq(id.to_string()),
            portfolio_entries::owner_id.eq(owner.to_string()),
            portfolio_entries::section.eq(data.section().as_str()),
            portfolio_entries::version.eq(1i64),
            portfolio_entries::body.eq(encode(data)?),
            portfolio_entries::created_at.eq(now),
            portfolio_entries::updated_at.eq(now),
        ))
        .execute(conn)?;
    get(conn, owner, id)?.ok_or(DbError::NotFound)
}

/// Replaces an entry's content if it is still at `expected` version.
pub fn update(
    conn: &mut AnyConnection,
    owner: UserId,
    id: EntryId,
    expected: i64,
    data: &EntryData,
) -> DbResult<Guarded<PortfolioEntry>> {
    let changed = diesel::update(
        portfolio_entries::table
            .filter(portfolio_entries::id.eq(id.to_string()))
            .filter(portfolio_entries::owner_id.eq(owner.to_string()))
            .filter(portfolio_entries::version.eq(expected)),
    )
    .set((
        portfolio_entries::body.eq(encode(data)?),
        portfolio_entries::version.eq(expected + 1),
        portfolio_entries::updated_at.eq(Utc::now().naive_utc()),
    ))
    .execute(conn)?;
    match (changed, get(conn, owner, id)?) {
        (1, Some(entry)) => Ok(Guarded::Done(entry)),
        (_, Some(entry)) => Ok(Guarded::Stale {
            current: entry.version,
        }),
        (_, None) => Ok(Guarded::Missing),
    }
}

/// Deletes an entry if it is still at `expected` version.
pub fn delete(
    conn: &mut AnyConnection,
    owner: UserId,
    id: EntryId,
    expected: i64,
) -> DbResult<Guarded<()>> {
    let deleted = diesel::delete(
        portfolio_entries::table
            .filter(portfolio_entries::id.eq(id.to_string()))
            .filter(portfolio_entries::owner_id.eq(owner.to_string()))
            .filter(portfolio_entries::version.eq(expected)),
    )
    .execute(conn)?;
    if deleted == 1 {
        return Ok(Guarded::Done(()));
    }
    Ok(match get(conn, owner, id)? {
        Some(entry) => Guarded::Stale {
            current: entry.version,
        },
        None => Guarded::Missing,
    })
}

/// The owner's notes to reviewers.
pub fn notes(conn: &mut AnyConnection, owner: UserId) -> DbResult<Vec<SectionNote>> {
    let rows: Vec<(String, String, i64)> = portfolio_notes::table
        .filter(portfolio_notes::owner_id.eq(owner.to_string()))
        .order(portfolio_notes::section.asc())
        .select((
            portfolio_notes::section,
            portfolio_notes::note,
            portfolio_notes::version,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(section, note, version)| {
            Ok(SectionNote {
                section: section.parse().map_err(DbError::Corrupt)?,
                note,
                version,
            })
        })
        .collect()
}

/// Writes the note on a section if it is still at `expected` version (0: none yet).
pub fn put_note(
    conn: &mut AnyConnection,
    owner: UserId,
    section: EditableSection,
    note: &str,
    expected: i64,
) -> DbResult<Guarded<SectionNote>> {
    let now = Utc::now().naive_utc();
    let current: Option<i64> = portfolio_notes::table
        .find((owner.to_string(), section.as_str()))
        .select(portfolio_notes::version)
        .first(conn)
        .optional()?;
    match current {
        None if expected == 0 => {
            diesel::insert_into(portfolio_notes::table)
                .values((
                    portfolio_notes::owner_id.eq(owner.to_string()),
                    portfolio_notes::section.eq(section.as_str()),
                    portfolio_notes::note.eq(note),
                    portfolio_notes::version.eq(1i64),
                    portfolio_notes::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        Some(version) if version == expected => {
            let changed = diesel::update(
                portfolio_notes::table
                    .find((owner.to_string(), section.as_str()))
                    .filter(portfolio_notes::version.eq(expected)),
            )
            .set((
                portfolio_notes::note.eq(note),
                portfolio_notes::version.eq(expected + 1),
                portfolio_notes::updated_at.eq(now),
            ))
            .execute(conn)?;
            if changed == 0 {
                return Ok(Guarded::Stale {
                    current: expected + 1,
                });
            }
        }
        other => {
            return Ok(Guarded::Stale {
                current: other.unwrap_or(0),
            })
        }
    }
    Ok(Guarded::Done(SectionNote {
        section,
        note: note.to_string(),
        version: expected + 1,
    }))
}

/// What the eligibility engine weighs for one person: the stored entries, the
/// references, and the two joined into a [`Portfolio`]. Two queries, however
/// many entries there are.
pub struct Weighable {
    /// The portfolio entries as stored.
    pub entries: Vec<PortfolioEntry>,
    /// The references.
    pub references: Vec<endorse_shared::portfolio::Reference>,
    /// Both, as the engine reads them.
    pub portfolio: endorse_shared::portfolio::Portfolio,
}

/// Loads what the engine weighs for `owner`; `rulebook` is the one in force
/// (it says which counts a waived rating withholds).
pub fn weighable(
    conn: &mut AnyConnection,
    owner: UserId,
    rulebook: &endorse_shared::rulebook::Rulebook,
) -> DbResult<Weighable> {
    let entries = list(conn, owner)?;
    let references = super::references::list(conn, owner, rulebook)?;
    let mut portfolio = endorse_shared::entries::to_portfolio(&entries);
    portfolio.references = references.clone();
    Ok(Weighable {
        entries,
        references,
        portfolio,
    })
}
