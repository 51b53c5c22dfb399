//! Queries on `recognitions`: holders' requests that this association
//! recognise another association's endorsement.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::{endorsements, recognitions, users};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::recognitions::{RecognitionStatus, RecognitionView};
use endorse_shared::UserId;

#[derive(Queryable, Selectable)]
#[diesel(table_name = recognitions)]
struct Row {
    id: String,
    holder_id: String,
    from_association: String,
    from_association_name: String,
    from_number: String,
    from_category: String,
    from_category_name: String,
    from_holder_name: String,
    same_email: bool,
    endorsed_since: NaiveDateTime,
    valid_until: Option<NaiveDateTime>,
    credential_jwt: String,
    category: String,
    status: String,
    asked_at: NaiveDateTime,
    decided_at: Option<NaiveDateTime>,
    reason: Option<String>,
    version: i64,
}

/// A request as stored, with the holder's name and e-mail address here and
/// the number of the endorsement issued for it. The category's name here is
/// the caller's to fill in (from the rulebook).
fn from_row(
    (row, name, email, number): (Row, String, String, Option<String>),
) -> DbResult<RecognitionView> {
    let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("{what} '{value}'"));
    Ok(RecognitionView {
        holder: row
            .holder_id
            .parse()
            .map_err(|_| corrupt("user id", &row.holder_id))?,
        holder_name: name,
        holder_email: email,
        status: RecognitionStatus::parse(&row.status)
            .ok_or_else(|| corrupt("recognition status", &row.status))?,
        endorsed_since: row.endorsed_since.date(),
        valid_until: row.valid_until.map(|at| at.and_utc()),
        asked_at: row.asked_at.and_utc(),
        decided_at: row.decided_at.map(|at| at.and_utc()),
        category_name: row.category.clone(),
        id: row.id,
        from_association: row.from_association,
        from_association_name: row.from_association_name,
        from_number: row.from_number,
        from_category: row.from_category,
        from_category_name: row.from_category_name,
        from_holder_name: row.from_holder_name,
        same_email: row.same_email,
        credential_jwt: row.credential_jwt,
        category: row.category,
        reason: row.reason,
        number,
        version: row.version,
    })
}

macro_rules! joined {
    () => {
        recognitions::table
            .inner_join(users::table.on(users::id.eq(recognitions::holder_id)))
            .left_join(
                endorsements::table
                    .on(endorsements::id.nullable().eq(recognitions::endorsement_id)),
            )
            .select((
                Row::as_select(),
                users::name,
                users::email,
                endorsements::number.nullable(),
            ))
    };
}

/// A new request, verified.
pub struct NewRecognition<'a> {
    /// Who asks.
    pub holder: UserId,
    /// The other association's code and name.
    pub from_association: (&'a str, &'a str),
    /// The endorsement's number there.
    pub from_number: &'a str,
    /// Its category there: code and name.
    pub from_category: (&'a str, &'a str),
    /// The holder's name as the credential gives it.
    pub from_holder_name: &'a str,
    /// Whether the other association knows her by the same address.
    pub same_email: bool,
    /// Endorsed there since.
    pub endorsed_since: NaiveDate,
    /// Until when the credential holds.
    pub valid_until: Option<DateTime<Utc>>,
    /// The signed credential.
    pub credential_jwt: &'a str,
    /// The category asked for here.
    pub category: &'a str,
}

/// Stores a pending request and returns its id. A second live request for
/// the same endorsement (pending or granted) is [`DbError::UniqueViolation`].
pub fn insert(
    conn: &mut AnyConnection,
    new: &NewRecognition<'_>,
    now: DateTime<Utc>,
) -> DbResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(recognitions::table)
        .values((
            recognitions::id.eq(&id),
            recognitions::holder_id.eq(new.holder.to_string()),
            recognitions::from_association.eq(new.from_association.0),
            recognitions::from_association_name.eq(new.from_association.1),
            recognitions::from_number.eq(new.from_number),
            recognitions::from_category.eq(new.from_category.0),
            recognitions::from_category_name.eq(new.from_category.1),
            recognitions::from_holder_name.eq(new.from_holder_name),
            recognitions::same_email.eq(new.same_email),
            recognitions::endorsed_since.eq(new.endorsed_since.and_time(chrono::NaiveTime::MIN)),
            recognitions::valid_until.eq(new.valid_until.map(|at| at.naive_utc())),
            recognitions::credential_jwt.eq(new.credential_jwt),
            recognitions::category.eq(new.category),
            recognitions::status.eq(RecognitionStatus::Pending.as_str()),
            recognitions::asked_at.eq(now.naive_utc()),
            recognitions::published.eq(false),
            recognitions::version.eq(1i64),
        ))
        .execute(conn)?;
    Ok(id)
}

/// One request.
pub fn get(conn: &mut AnyConnection, id: &str) -> DbResult<Option<RecognitionView>> {
    joined!()
        .filter(recognitions::id.eq(id))
        .first(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// A holder's requests, the newest first.
pub fn for_holder(conn: &mut AnyConnection, holder: UserId) -> DbResult<Vec<RecognitionView>> {
    joined!()
        .filter(recognitions::holder_id.eq(holder.to_string()))
        .order((recognitions::asked_at.desc(), recognitions::id.desc()))
        .load(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// The most recent requests (at most `limit`), those waiting first, then
/// the newest.
pub fn all(conn: &mut AnyConnection, limit: i64) -> DbResult<Vec<RecognitionView>> {
    let pending = RecognitionStatus::Pending.as_str();
    let mut waiting: Vec<RecognitionView> = joined!()
        .filter(recognitions::status.eq(pending))
        .order((recognitions::asked_at.asc(), recognitions::id.asc()))
        .limit(limit)
        .load(conn)?
        .into_iter()
        .map(from_row)
        .collect::<DbResult<_>>()?;
    let room = limit - i64::try_from(waiting.len()).unwrap_or(limit);
    if room > 0 {
        let decided = joined!()
            .filter(recognitions::status.ne(pending))
            .order((recognitions::decided_at.desc(), recognitions::id.desc()))
            .limit(room)
            .load(conn)?
            .into_iter()
            .map(from_row)
            .collect::<DbResult<Vec<_>>>()?;
        waiting.extend(decided);
    }
    Ok(waiting)
}

/// Decides a pending request at version `expected`: whether it moved (not
/// when it was decided or changed meanwhile).
pub fn decide(
    conn: &mut AnyConnection,
    id: &str,
    expected: i64,
    decision: (RecognitionStatus, Option<&str>, Option<&str>),
    by: UserId,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let (to, reason, endorsement) = decision;
    let changed = diesel::update(
        recognitions::table
            .filter(recognitions::id.eq(id))
            .filter(recognitions::status.eq(RecognitionStatus::Pending.as_str()))
            .filter(recognitions::version.eq(expected)),
    )
    .set((
        recognitions::status.eq(to.as_str()),
        recognitions::decided_by.eq(Some(by.to_string())),
        recognitions::decided_at.eq(Some(now.naive_utc())),
        recognitions::reason.eq(reason),
        recognitions::endorsement_id.eq(endorsement),
        recognitions::version.eq(expected + 1),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// A granted recognition the platform's list does not know of yet: its id,
/// the other association's code and number, this number, and when.
pub struct Unpublished {
    /// The request's id.
    pub id: String,
    /// The other association.
    pub from_association: String,
    /// Its endorsement's number.
    pub from_number: String,
    /// The endorsement issued here.
    pub number: String,
    /// When it was granted.
    pub granted_at: NaiveDateTime,
}

/// Granted recognitions the platform's list does not know of yet.
pub fn unpublished(conn: &mut AnyConnection) -> DbResult<Vec<Unpublished>> {
    let rows: Vec<(String, String, String, String, Option<NaiveDateTime>)> = recognitions::table
        .inner_join(
            endorsements::table.on(endorsements::id.nullable().eq(recognitions::endorsement_id)),
        )
        .filter(recognitions::status.eq(RecognitionStatus::Granted.as_str()))
        .filter(recognitions::published.eq(false))
        .select((
            recognitions::id,
            recognitions::from_association,
            recognitions::from_number,
            endorsements::number,
            recognitions::decided_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, from_association, from_number, number, at)| Unpublished {
                id,
                from_association,
                from_number,
                number,
                granted_at: at.unwrap_or_default(),
            },
        )
        .collect())
}

/// Marks a granted recognition as known to the platform's list.
pub fn mark_published(conn: &mut AnyConnection, id: &str) -> DbResult<()> {
    diesel::update(recognitions::table.filter(recognitions::id.eq(id)))
        .set(recognitions::published.eq(true))
        .execute(conn)?;
    Ok(())
}

/// The other association's name and endorsement number an endorsement
/// here recognises, if it was awarded in recognition of one.
pub fn source_of(
    conn: &mut AnyConnection,
    endorsement: &str,
) -> DbResult<Option<(String, String)>> {
    Ok(recognitions::table
        .filter(recognitions::endorsement_id.eq(endorsement))
        .select((
            recognitions::from_association_name,
            recognitions::from_number,
        ))
        .first(conn)
        .optional()?)
}
