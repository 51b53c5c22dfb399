//! Queries on `refresh_tokens`: each row is one refresh token, stored only as a
//! SHA-256 hash, in a family that starts at sign-in and grows by rotation.

use super::{AnyConnection, DbResult};
use crate::schema::refresh_tokens;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use endorse_shared::UserId;

/// A stored refresh token.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    /// Row id.
    pub id: String,
    /// The owner.
    pub user_id: String,
    /// Every token descended from one sign-in shares a family.
    pub family_id: String,
    /// When it stops working.
    pub expires_at: NaiveDateTime,
    /// Set once it has been exchanged for a new one.
    pub rotated_at: Option<NaiveDateTime>,
    /// Set when it was revoked (sign-out, reuse, password change).
    pub revoked_at: Option<NaiveDateTime>,
}

/// A refresh token to store.
pub struct NewRefreshToken<'a> {
    /// The owner.
    pub user_id: UserId,
    /// The session it belongs to.
    pub family_id: &'a str,
    /// The SHA-256 of the secret.
    pub token_hash: &'a str,
    /// When it stops working.
    pub expires_at: NaiveDateTime,
    /// The address it was issued to.
    pub ip: Option<&'a str>,
    /// The SHA-256 of the browser's device cookie.
    pub device_hash: Option<&'a str>,
}

/// Stores a new refresh token.
pub fn insert(
    conn: &mut AnyConnection,
    token: &NewRefreshToken<'_>,
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(uuid::Uuid::new_v4().to_string()),
            refresh_tokens::user_id.eq(token.user_id.to_string()),
            refresh_tokens::family_id.eq(token.family_id),
            refresh_tokens::token_hash.eq(token.token_hash),
            refresh_tokens::created_at.eq(now),
            refresh_tokens::expires_at.eq(token.expires_at),
            refresh_tokens::ip.eq(token.ip),
            refresh_tokens::device_hash.eq(token.device_hash),
        ))
        .execute(conn)?;
    Ok(())
}

/// The token with this hash, if any.
pub fn find_by_hash(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> DbResult<Option<RefreshTokenRow>> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select(RefreshTokenRow::as_select())
        .first(conn)
        .optional()?)
}

/// The addresses `user` signed in or refreshed from, among live sessions.
pub fn ips_of(conn: &mut AnyConnection, user: UserId) -> DbResult<Vec<String>> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::user_id.eq(user.to_string()))
        .filter(refresh_tokens::ip.is_not_null())
        .select(refresh_tokens::ip.assume_not_null())
        .distinct()
        .load(conn)?)
}

/// The device hashes of the browsers `user` signed in with.
pub fn devices_of(conn: &mut AnyConnection, user: UserId) -> DbResult<Vec<String>> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::user_id.eq(user.to_string()))
        .filter(refresh_tokens::device_hash.is_not_null())
        .select(refresh_tokens::device_hash.assume_not_null())
        .distinct()
        .load(conn)?)
}

/// Whether the session `family` of `user` is still going: one of its tokens
/// is neither revoked nor expired. A session ends at sign-out, when the
/// password changes, or when a rotated token is presented again.
pub fn session_live(
    conn: &mut AnyConnection,
    user: UserId,
    family: &str,
    now: NaiveDateTime,
) -> DbResult<bool> {
    use diesel::dsl::exists;
    Ok(diesel::select(exists(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family))
            .filter(refresh_tokens::user_id.eq(user.to_string()))
            .filter(refresh_tokens::revoked_at.is_null())
            .filter(refresh_tokens::expires_at.gt(now)),
    ))
    .get_result(conn)?)
}

/// Marks a live token as exchanged. False when it was no longer live (a concurrent
/// rotation got there first), which the caller treats as reuse.
pub fn mark_rotated(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> DbResult<bool> {
    let updated = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::id.eq(id))
            .filter(refresh_tokens::rotated_at.is_null())
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::rotated_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Revokes every token of a family.
pub fn revoke_family(
    conn: &mut AnyConnection,
    family_id: &str,
    now: NaiveDateTime,
) -> DbResult<usize> {
    Ok(diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)?)
}

/// Revokes every token of a user (password change, role change).
pub fn revoke_all_for_user(
    conn: &mut AnyConnection,
    user_id: UserId,
    now: NaiveDateTime,
) -> DbResult<usize> {
    Ok(diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::user_id.eq(user_id.to_string()))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)?)
}

/// Deletes tokens that expired before `cutoff`; they can never be used again.
pub fn delete_expired(conn: &mut AnyConnection, cutoff: NaiveDateTime) -> DbResult<usize> {
    Ok(
        diesel::delete(refresh_tokens::table.filter(refresh_tokens::expires_at.lt(cutoff)))
            .execute(conn)?,
    )
}
