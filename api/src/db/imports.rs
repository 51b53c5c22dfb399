//! Queries on `imports` and `import_rows`: a file checked (each row's
//! planned outcome), confirmed once, and written a batch at a time, each
//! batch moving `next_position` in its own transaction.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::{import_rows, imports, users};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::i18n::Lang;
use endorse_shared::imports::{
    ImportKind, ImportStatus, ImportView, OutcomeCounts, RowDetail, RowOutcome, RowPlan,
};
use endorse_shared::UserId;

/// A new import, as the dry run found it.
pub struct NewImport<'a> {
    /// Its id.
    pub id: &'a str,
    /// What the file holds.
    pub kind: ImportKind,
    /// The file's name.
    pub file_name: &'a str,
    /// The SHA-256 of its bytes, hex.
    pub sha256: &'a str,
    /// How it was decoded.
    pub encoding: &'a str,
    /// Its separator.
    pub delimiter: &'a str,
    /// Columns it has that the kind does not read.
    pub ignored_columns: &'a [String],
    /// Its text, decoded.
    pub content: &'a str,
    /// Its rows.
    pub rows: u32,
    /// What the dry run found.
    pub planned: OutcomeCounts,
    /// Who uploaded it.
    pub uploaded_by: UserId,
}

/// One row's plan, to store.
pub struct NewRow {
    /// Its position among the file's rows (from 0).
    pub position: i64,
    /// Its line in the file.
    pub line: i64,
    /// Who or what it is about.
    pub subject: String,
    /// What the dry run found.
    pub outcome: RowOutcome,
    /// Why, and what changes.
    pub detail: RowDetail,
}

/// A stored import.
#[derive(Clone, Debug)]
pub struct Import {
    /// Its id.
    pub id: String,
    /// What the file holds.
    pub kind: ImportKind,
    /// Where it is.
    pub status: ImportStatus,
    /// How many rows were written (or refused) so far.
    pub next_position: i64,
    /// Who confirmed it.
    pub confirmed_by: Option<UserId>,
    /// The optimistic-concurrency version.
    pub version: i64,
    /// The admins' view.
    pub view: ImportView,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = imports)]
struct Row {
    id: String,
    kind: String,
    file_name: String,
    sha256: String,
    encoding: String,
    delimiter: String,
    ignored_columns: String,
    status: String,
    row_count: i64,
    planned_create: i64,
    planned_update: i64,
    planned_unchanged: i64,
    planned_refused: i64,
    applied_create: i64,
    applied_update: i64,
    applied_unchanged: i64,
    applied_refused: i64,
    invited: i64,
    next_position: i64,
    uploaded_at: NaiveDateTime,
    confirmed_by: Option<String>,
    confirmed_at: Option<NaiveDateTime>,
    finished_at: Option<NaiveDateTime>,
    version: i64,
}

fn count(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Corrupt(format!("import {what} '{value}'"))
}

impl Row {
    fn parse(self, uploaded_by_name: String) -> DbResult<Import> {
        let kind = ImportKind::parse(&self.kind).ok_or_else(|| corrupt("kind", &self.kind))?;
        let status =
            ImportStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?;
        let ignored_columns: Vec<String> = serde_json::from_str(&self.ignored_columns)
            .map_err(|_| corrupt("ignored columns", &self.ignored_columns))?;
        let confirmed_by = self
            .confirmed_by
            .as_deref()
            .map(|id| id.parse().map_err(|_| corrupt("confirmer", id)))
            .transpose()?;
        Ok(Import {
            kind,
            status,
            next_position: self.next_position,
            confirmed_by,
            version: self.version,
            view: ImportView {
                id: self.id.clone(),
                kind,
                file_name: self.file_name,
                sha256: self.sha256,
                encoding: self.encoding,
                delimiter: self.delimiter,
                ignored_columns,
                status,
                rows: count(self.row_count),
                planned: OutcomeCounts {
                    create: count(self.planned_create),
                    update: count(self.planned_update),
                    unchanged: count(self.planned_unchanged),
                    refused: count(self.planned_refused),
                },
                applied: OutcomeCounts {
                    create: count(self.applied_create),
                    update: count(self.applied_update),
                    unchanged: count(self.applied_unchanged),
                    refused: count(self.applied_refused),
                },
                invited: count(self.invited),
                uploaded_by_name,
                uploaded_at: self.uploaded_at.and_utc(),
                confirmed_at: self.confirmed_at.map(|at| at.and_utc()),
                finished_at: self.finished_at.map(|at| at.and_utc()),
            },
            id: self.id,
        })
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> DbResult<String> {
    serde_json::to_string(value).map_err(|error| DbError::Corrupt(error.to_string()))
}

/// Stores a checked import (not its rows: see [`insert_rows`]).
pub fn insert(conn: &mut AnyConnection, new: &NewImport<'_>, now: DateTime<Utc>) -> DbResult<()> {
    let at = now.naive_utc();
    diesel::insert_into(imports::table)
        .values((
            imports::id.eq(new.id),
            imports::kind.eq(new.kind.as_str()),
            imports::file_name.eq(new.file_name),
            imports::sha256.eq(new.sha256),
            imports::encoding.eq(new.encoding),
            imports::delimiter.eq(new.delimiter),
            imports::ignored_columns.eq(to_json(&new.ignored_columns)?),
            imports::content.eq(new.content),
            imports::status.eq(ImportStatus::Checked.as_str()),
            imports::row_count.eq(i64::from(new.rows)),
            imports::planned_create.eq(i64::from(new.planned.create)),
            imports::planned_update.eq(i64::from(new.planned.update)),
            imports::planned_unchanged.eq(i64::from(new.planned.unchanged)),
            imports::planned_refused.eq(i64::from(new.planned.refused)),
            imports::uploaded_by.eq(new.uploaded_by.to_string()),
            imports::uploaded_at.eq(at),
            imports::version.eq(1i64),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stores rows' plans (one statement each: the backends share no batch
/// insert; the caller's transaction makes them one write).
pub fn insert_rows(conn: &mut AnyConnection, import: &str, rows: &[NewRow]) -> DbResult<()> {
    for row in rows {
        diesel::insert_into(import_rows::table)
            .values((
                import_rows::import_id.eq(import),
                import_rows::position.eq(row.position),
                import_rows::line.eq(row.line),
                import_rows::subject.eq(&row.subject),
                import_rows::outcome.eq(row.outcome.as_str()),
                import_rows::detail.eq(to_json(&row.detail)?),
            ))
            .execute(conn)?;
    }
    Ok(())
}

macro_rules! with_uploader {
    () => {
        imports::table
            .inner_join(users::table.on(users::id.eq(imports::uploaded_by)))
            .select((Row::as_select(), users::name))
    };
}

/// One import.
pub fn get(conn: &mut AnyConnection, id: &str) -> DbResult<Option<Import>> {
    with_uploader!()
        .filter(imports::id.eq(id))
        .first::<(Row, String)>(conn)
        .optional()?
        .map(|(row, name)| row.parse(name))
        .transpose()
}

/// The newest imports.
pub fn list(conn: &mut AnyConnection, limit: i64) -> DbResult<Vec<Import>> {
    with_uploader!()
        .order((imports::uploaded_at.desc(), imports::id.desc()))
        .limit(limit)
        .load::<(Row, String)>(conn)?
        .into_iter()
        .map(|(row, name)| row.parse(name))
        .collect()
}

/// The ids of imports being written (to take up again after a stop).
pub fn applying(conn: &mut AnyConnection) -> DbResult<Vec<String>> {
    Ok(imports::table
        .filter(imports::status.eq(ImportStatus::Applying.as_str()))
        .order(imports::confirmed_at.asc())
        .select(imports::id)
        .load(conn)?)
}

/// The file's text.
pub fn content(conn: &mut AnyConnection, id: &str) -> DbResult<String> {
    Ok(imports::table
        .find(id)
        .select(imports::content)
        .first(conn)?)
}

/// How many rows' plans are stored (all of them, once the check finished).
pub fn stored_rows(conn: &mut AnyConnection, id: &str) -> DbResult<i64> {
    Ok(import_rows::table
        .filter(import_rows::import_id.eq(id))
        .count()
        .get_result(conn)?)
}

/// Moves a checked import to `to` (applying, once confirmed by `by`; or
/// discarded). False when it was no longer checked: of admins racing to
/// confirm, one does.
pub fn leave_checked(
    conn: &mut AnyConnection,
    id: &str,
    to: ImportStatus,
    by: UserId,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        imports::table
            .find(id)
            .filter(imports::status.eq(ImportStatus::Checked.as_str())),
    )
    .set((
        imports::status.eq(to.as_str()),
        imports::confirmed_by.eq(by.to_string()),
        imports::confirmed_at.eq(now.naive_utc()),
        imports::version.eq(imports::version + 1i64),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// A stored row, for writing it.
pub struct StoredRow {
    /// Its position.
    pub position: i64,
    /// Its line.
    pub line: i64,
    /// What the dry run found.
    pub outcome: RowOutcome,
}

/// The rows from `position` on, at most `limit`.
pub fn rows_from(
    conn: &mut AnyConnection,
    id: &str,
    position: i64,
    limit: i64,
) -> DbResult<Vec<StoredRow>> {
    import_rows::table
        .filter(import_rows::import_id.eq(id))
        .filter(import_rows::position.ge(position))
        .order(import_rows::position.asc())
        .limit(limit)
        .select((
            import_rows::position,
            import_rows::line,
            import_rows::outcome,
        ))
        .load::<(i64, i64, String)>(conn)?
        .into_iter()
        .map(|(position, line, outcome)| {
            Ok(StoredRow {
                position,
                line,
                outcome: RowOutcome::parse(&outcome).ok_or_else(|| corrupt("outcome", &outcome))?,
            })
        })
        .collect()
}

/// Records what writing a row did, and why (when that differs from the dry
/// run, which it may: the data moved in between).
pub fn set_applied(
    conn: &mut AnyConnection,
    id: &str,
    position: i64,
    applied: RowOutcome,
    detail: Option<&RowDetail>,
) -> DbResult<()> {
    let target = import_rows::table
        .filter(import_rows::import_id.eq(id))
        .filter(import_rows::position.eq(position));
    match detail {
        Some(detail) => diesel::update(target)
            .set((
                import_rows::applied.eq(applied.as_str()),
                import_rows::detail.eq(to_json(detail)?),
            ))
            .execute(conn)?,
        None => diesel::update(target)
            .set(import_rows::applied.eq(applied.as_str()))
            .execute(conn)?,
    };
    Ok(())
}

/// Moves the import past a batch: its counts, the accounts invited, and
/// where the next batch starts; applied once `finished`. Guarded by the
/// position it started from, so a second writer of the same import (a
/// process that took it up while this one was slow) changes nothing.
pub fn advance(
    conn: &mut AnyConnection,
    id: &str,
    (from, to): (i64, i64),
    (counts, invited): (OutcomeCounts, u32),
    finished: bool,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let status = if finished {
        ImportStatus::Applied
    } else {
        ImportStatus::Applying
    };
    let changed = diesel::update(
        imports::table
            .find(id)
            .filter(imports::status.eq(ImportStatus::Applying.as_str()))
            .filter(imports::next_position.eq(from)),
    )
    .set((
        imports::next_position.eq(to),
        imports::applied_create.eq(imports::applied_create + i64::from(counts.create)),
        imports::applied_update.eq(imports::applied_update + i64::from(counts.update)),
        imports::applied_unchanged.eq(imports::applied_unchanged + i64::from(counts.unchanged)),
        imports::applied_refused.eq(imports::applied_refused + i64::from(counts.refused)),
        imports::invited.eq(imports::invited + i64::from(invited)),
        imports::status.eq(status.as_str()),
        imports::finished_at.eq(finished.then_some(now.naive_utc())),
        imports::version.eq(imports::version + 1i64),
    ))
    .execute(conn)?;
    if changed == 1 && finished {
        forget_content(conn, id)?;
    }
    Ok(changed == 1)
}

/// Drops a file's text once nothing more is read from it (written, or set
/// aside): the rows' plans and the counts stay, the people's data in the
/// file does not.
pub fn forget_content(conn: &mut AnyConnection, id: &str) -> DbResult<()> {
    diesel::update(imports::table.find(id))
        .set(imports::content.eq(""))
        .execute(conn)?;
    Ok(())
}

/// A page of rows, in file order, after `after` (a line), of `outcome`
/// (the dry run's) when given; their problems said in `lang`.
pub fn rows_page(
    conn: &mut AnyConnection,
    id: &str,
    (outcome, after, limit): (Option<RowOutcome>, Option<u32>, i64),
    lang: Lang,
) -> DbResult<(Vec<RowPlan>, bool)> {
    let mut query = import_rows::table
        .filter(import_rows::import_id.eq(id))
        .filter(import_rows::line.gt(after.map_or(0, i64::from)))
        .into_boxed();
    if let Some(outcome) = outcome {
        query = query.filter(import_rows::outcome.eq(outcome.as_str()));
    }
    let mut rows = query
        .order(import_rows::line.asc())
        .limit(limit + 1)
        .select((
            import_rows::line,
            import_rows::subject,
            import_rows::outcome,
            import_rows::applied,
            import_rows::detail,
        ))
        .load::<(i64, String, String, Option<String>, String)>(conn)?;
    let more = rows.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let plans = rows
        .into_iter()
        .map(|(line, subject, outcome, applied, detail)| {
            let outcome =
                RowOutcome::parse(&outcome).ok_or_else(|| corrupt("outcome", &outcome))?;
            let applied = applied
                .map(|a| RowOutcome::parse(&a).ok_or_else(|| corrupt("outcome", &a)))
                .transpose()?;
            let detail: RowDetail =
                serde_json::from_str(&detail).map_err(|_| corrupt("detail", &detail))?;
            Ok(RowPlan::from_detail(
                (count(line), subject),
                (outcome, applied),
                detail,
                lang,
            ))
        })
        .collect::<DbResult<Vec<_>>>()?;
    Ok((plans, more))
}
