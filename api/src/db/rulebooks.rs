//! Queries on `rulebook_versions`: published rulebooks, numbered from 1, never
//! changed once written. The rules are kept as JSON.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::rulebook_versions;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::rulebook::{Rulebook, RulebookVersionSummary};
use endorse_shared::UserId;

/// A published version.
#[derive(Debug, Clone)]
pub struct RulebookVersion {
    /// The number, from 1.
    pub number: i64,
    /// The rules.
    pub rulebook: Rulebook,
    /// When it was published.
    pub published_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = rulebook_versions)]
struct Row {
    number: i64,
    body: String,
    published_at: NaiveDateTime,
}

impl TryFrom<Row> for RulebookVersion {
    type Error = DbError;

    fn try_from(row: Row) -> Result<Self, Self::Error> {
        let rulebook = serde_json::from_str(&row.body).map_err(|error| {
            DbError::Corrupt(format!("rulebook version {}: {error}", row.number))
        })?;
        Ok(RulebookVersion {
            number: row.number,
            rulebook,
            published_at: row.published_at,
        })
    }
}

/// The newest version, if any was published.
pub fn latest(conn: &mut AnyConnection) -> DbResult<Option<RulebookVersion>> {
    rulebook_versions::table
        .order(rulebook_versions::number.desc())
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(RulebookVersion::try_from)
        .transpose()
}

/// The version in force. Start-up publishes the default when there is none, so
/// none here means the database was changed by hand.
pub fn current(conn: &mut AnyConnection) -> DbResult<RulebookVersion> {
    latest(conn)?.ok_or_else(|| DbError::Corrupt("no rulebook was ever published".into()))
}

/// One version.
pub fn get(conn: &mut AnyConnection, number: i64) -> DbResult<Option<RulebookVersion>> {
    rulebook_versions::table
        .find(number)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(RulebookVersion::try_from)
        .transpose()
}

/// Every version, newest first.
pub fn list(conn: &mut AnyConnection) -> DbResult<Vec<RulebookVersionSummary>> {
    let rows: Vec<(i64, String, NaiveDateTime)> = rulebook_versions::table
        .order(rulebook_versions::number.desc())
        .select((
            rulebook_versions::number,
            rulebook_versions::name,
            rulebook_versions::published_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(number, name, published_at)| RulebookVersionSummary {
            number,
            name,
            published_at: published_at.and_utc(),
        })
        .collect())
}

/// Publishes a checked rulebook as the next version. Two publishers at once:
/// one of them gets [`DbError::UniqueViolation`].
pub fn publish(conn: &mut AnyConnection, rulebook: &Rulebook, by: Option<UserId>) -> DbResult<i64> {
    let latest: Option<i64> = rulebook_versions::table
        .select(diesel::dsl::max(rulebook_versions::number))
        .first(conn)?;
    let number = latest.unwrap_or(0) + 1;
    let body = serde_json::to_string(rulebook)
        .map_err(|error| DbError::Corrupt(format!("rulebook cannot be encoded: {error}")))?;
    diesel::insert_into(rulebook_versions::table)
        .values((
            rulebook_versions::number.eq(number),
            rulebook_versions::name.eq(&rulebook.name.en),
            rulebook_versions::body.eq(body),
            rulebook_versions::published_by.eq(by.map(|id| id.to_string())),
            rulebook_versions::published_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(number)
}

/// Publishes the shipped default when nothing was ever published.
pub fn ensure_default(conn: &mut AnyConnection) -> DbResult<()> {
    let any: i64 = rulebook_versions::table.count().get_result(conn)?;
    if any == 0 {
        let rulebook = Rulebook::default_rulebook().map_err(DbError::Corrupt)?;
        publish(conn, &rulebook, None)?;
    }
    Ok(())
}
