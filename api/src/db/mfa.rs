//! Queries on a person's second factor: the sealed key on their row (and
//! one being set up), the last step a code was taken for, and their
//! recovery codes. Every taking is a guarded update, so a code or a
//! recovery code works once however many requests race with it.

use super::{AnyConnection, DbResult};
use crate::schema::{recovery_codes, users};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::UserId;

/// What is stored of a person's second factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// The key in use, sealed.
    pub secret: Option<String>,
    /// A key being set up, sealed.
    pub pending: Option<String>,
    /// When it was turned on.
    pub enrolled_at: Option<NaiveDateTime>,
}

/// The person's keys, or none for no such account.
pub fn keys(conn: &mut AnyConnection, user: UserId) -> DbResult<Option<Keys>> {
    let found: Option<(Option<String>, Option<String>, Option<NaiveDateTime>)> = users::table
        .find(user.to_string())
        .select((
            users::totp_secret_sealed,
            users::totp_pending_sealed,
            users::totp_enrolled_at,
        ))
        .first(conn)
        .optional()?;
    Ok(found.map(|(secret, pending, enrolled_at)| Keys {
        secret,
        pending,
        enrolled_at,
    }))
}

/// Keeps `sealed` as the key being set up (replacing any earlier one);
/// false when the person has a second factor on already.
pub fn set_pending(conn: &mut AnyConnection, user: UserId, sealed: &str) -> DbResult<bool> {
    let changed = diesel::update(
        users::table
            .find(user.to_string())
            .filter(users::totp_enrolled_at.is_null()),
    )
    .set(users::totp_pending_sealed.eq(sealed))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Turns on the key being set up, `sealed` (as read), its code taken at
/// `step`, with fresh recovery codes; false when it is no longer the key
/// being set up (another request turned it on first, or set up another).
pub fn enroll(
    conn: &mut AnyConnection,
    user: UserId,
    sealed: &str,
    step: i64,
    code_hashes: &[String],
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        users::table
            .find(user.to_string())
            .filter(users::totp_enrolled_at.is_null())
            .filter(users::totp_pending_sealed.eq(sealed)),
    )
    .set((
        users::totp_secret_sealed.eq(sealed),
        users::totp_pending_sealed.eq(None::<String>),
        users::totp_enrolled_at.eq(now.naive_utc()),
        users::totp_last_step.eq(step),
    ))
    .execute(conn)?;
    if changed == 1 {
        replace_recovery_codes(conn, user, code_hashes, now)?;
    }
    Ok(changed == 1)
}

/// Takes a code's `step`: true only the first time a step at least this
/// late is taken (a code seen once, or an older one, is refused).
pub fn take_step(conn: &mut AnyConnection, user: UserId, step: i64) -> DbResult<bool> {
    let changed = diesel::update(
        users::table
            .find(user.to_string())
            .filter(users::totp_enrolled_at.is_not_null())
            .filter(users::totp_last_step.lt(step)),
    )
    .set(users::totp_last_step.eq(step))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Uses the recovery code whose hash is `hash`: true the first time.
pub fn use_recovery_code(
    conn: &mut AnyConnection,
    user: UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user.to_string()))
            .filter(recovery_codes::code_hash.eq(hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Replaces every recovery code of the person with these.
pub fn replace_recovery_codes(
    conn: &mut AnyConnection,
    user: UserId,
    hashes: &[String],
    now: DateTime<Utc>,
) -> DbResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user.to_string())))
        .execute(conn)?;
    // One row at a time: the multi-backend connection has no batch insert.
    for hash in hashes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::id.eq(uuid::Uuid::new_v4().to_string()),
                recovery_codes::user_id.eq(user.to_string()),
                recovery_codes::code_hash.eq(hash),
                recovery_codes::created_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// How many recovery codes the person has not used.
pub fn codes_left(conn: &mut AnyConnection, user: UserId) -> DbResult<i64> {
    Ok(recovery_codes::table
        .filter(recovery_codes::user_id.eq(user.to_string()))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Turns the second factor off and forgets its key and codes; false when
/// it was not on.
pub fn remove(conn: &mut AnyConnection, user: UserId) -> DbResult<bool> {
    let changed = diesel::update(
        users::table
            .find(user.to_string())
            .filter(users::totp_enrolled_at.is_not_null()),
    )
    .set((
        users::totp_secret_sealed.eq(None::<String>),
        users::totp_pending_sealed.eq(None::<String>),
        users::totp_enrolled_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user.to_string())))
        .execute(conn)?;
    Ok(changed == 1)
}
