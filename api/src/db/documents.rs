//! Queries on `documents`: the facts of uploaded files. The bytes are in the
//! object store, under `documents/<owner>/<id>`.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::documents;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::documents::DocumentResponse;
use endorse_shared::{DocumentId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = documents)]
struct Row {
    id: String,
    owner_id: String,
    file_name: String,
    content_type: String,
    size: i64,
    sha256: String,
    created_at: NaiveDateTime,
}

/// A stored document and its owner.
#[derive(Debug, Clone)]
pub struct Document {
    /// Who uploaded it.
    pub owner: UserId,
    /// What the API says about it.
    pub facts: DocumentResponse,
}

impl TryFrom<Row> for Document {
    type Error = DbError;

    fn try_from(row: Row) -> Result<Self, Self::Error> {
        Ok(Document {
            owner: row
                .owner_id
                .parse()
                .map_err(|_| DbError::Corrupt(format!("owner '{}'", row.owner_id)))?,
            facts: DocumentResponse {
                id: row
                    .id
                    .parse()
                    .map_err(|_| DbError::Corrupt(format!("document id '{}'", row.id)))?,
                file_name: row.file_name,
                content_type: row.content_type,
                size: u64::try_from(row.size).unwrap_or_default(),
                sha256: row.sha256,
                created_at: row.created_at.and_utc(),
            },
        })
    }
}

/// The object-store key of a document.
pub fn key(owner: UserId, id: DocumentId) -> String {
    format!("documents/{owner}/{id}")
}

/// Records an uploaded document.
pub fn insert(conn: &mut AnyConnection, owner: UserId, facts: &DocumentResponse) -> DbResult<()> {
    diesel::insert_into(documents::table)
        .values((
            documents::id.eq(facts.id.to_string()),
            documents::owner_id.eq(owner.to_string()),
            documents::file_name.eq(&facts.file_name),
            documents::content_type.eq(&facts.content_type),
            documents::size.eq(i64::try_from(facts.size).unwrap_or(i64::MAX)),
            documents::sha256.eq(&facts.sha256),
            documents::created_at.eq(facts.created_at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// One document, whoever owns it.
pub fn get(conn: &mut AnyConnection, id: DocumentId) -> DbResult<Option<Document>> {
    documents::table
        .find(id.to_string())
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Document::try_from)
        .transpose()
}

/// An owner's documents, newest first.
pub fn list(conn: &mut AnyConnection, owner: UserId) -> DbResult<Vec<DocumentResponse>> {
    documents::table
        .filter(documents::owner_id.eq(owner.to_string()))
        .order((documents::created_at.desc(), documents::id.asc()))
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| Document::try_from(row).map(|d| d.facts))
        .collect()
}

/// Removes an owner's document record.
pub fn delete(conn: &mut AnyConnection, owner: UserId, id: DocumentId) -> DbResult<bool> {
    Ok(diesel::delete(
        documents::table
            .filter(documents::id.eq(id.to_string()))
            .filter(documents::owner_id.eq(owner.to_string())),
    )
    .execute(conn)?
        == 1)
}

/// A new document's facts, dated now.
pub fn new_facts(
    file_name: String,
    content_type: &str,
    size: usize,
    sha256: String,
) -> DocumentResponse {
    DocumentResponse {
        id: DocumentId::from_uuid(uuid::Uuid::new_v4()),
        file_name,
        content_type: content_type.to_string(),
        size: u64::try_from(size).unwrap_or(u64::MAX),
        sha256,
        // Microseconds: what both databases keep, so the answer to the upload
        // equals what is read back later.
        created_at: chrono::SubsecRound::trunc_subsecs(Utc::now(), 6),
    }
}
