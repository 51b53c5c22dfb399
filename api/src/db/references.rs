//! Queries on `reference_requests`. The referee flow (secret links, ratings) is
//! still to come; today the rows hold what the engine weighs, and tests insert
//! rated references directly.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::reference_requests;
use chrono::Utc;
use diesel::prelude::*;
use endorse_shared::portfolio::{Entry, Reference, ReferenceData};
use endorse_shared::{EntryId, UserId};

/// Every reference of an applicant, oldest first.
pub fn list(conn: &mut AnyConnection, applicant: UserId) -> DbResult<Vec<Reference>> {
    let rows: Vec<(String, String)> = reference_requests::table
        .filter(reference_requests::applicant_id.eq(applicant.to_string()))
        .order((
            reference_requests::created_at.asc(),
            reference_requests::id.asc(),
        ))
        .select((reference_requests::id, reference_requests::body))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, body)| {
            Ok(Entry {
                id: id
                    .parse()
                    .map_err(|_| DbError::Corrupt(format!("reference id '{id}'")))?,
                data: serde_json::from_str(&body)
                    .map_err(|error| DbError::Corrupt(format!("reference {id}: {error}")))?,
            })
        })
        .collect()
}

/// Records a reference (with its rating, if given).
pub fn insert(
    conn: &mut AnyConnection,
    applicant: UserId,
    data: &ReferenceData,
) -> DbResult<EntryId> {
    let id = EntryId::from_uuid(uuid::Uuid::new_v4());
    let now = Utc::now().naive_utc();
    let body = serde_json::to_string(data).map_err(|error| DbError::Corrupt(error.to_string()))?;
    diesel::insert_into(reference_requests::table)
        .values((
            reference_requests::id.eq(id.to_string()),
            reference_requests::applicant_id.eq(applicant.to_string()),
            reference_requests::body.eq(body),
            reference_requests::version.eq(1i64),
            reference_requests::created_at.eq(now),
            reference_requests::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}
