//! Queries on `account_links`: links mailed to a person about their own
//! account. Only the nonce (from which the server makes the link again, with
//! its key) and the SHA-256 of the token are stored, never the token.
//!
//! A link works once: taking it is one guarded update (`used_at` still empty,
//! not retired, not expired), so of twenty requests racing with the same link
//! exactly one gets the account.

use super::{AnyConnection, DbResult};
use crate::schema::account_links;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use endorse_shared::UserId;

/// What a link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Choosing a new password (valid one hour).
    PasswordReset,
}

impl Purpose {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Purpose::PasswordReset => "password_reset",
        }
    }
}

/// A stored link.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = account_links)]
pub struct AccountLink {
    /// Row id.
    pub id: String,
    /// Whose account.
    pub user_id: String,
    /// The nonce the link's token is made from.
    pub nonce: String,
    /// When it stops working.
    pub expires_at: NaiveDateTime,
    /// When it was used.
    pub used_at: Option<NaiveDateTime>,
    /// When a newer link replaced it.
    pub retired_at: Option<NaiveDateTime>,
}

impl AccountLink {
    /// Whether the link still works at `now`.
    pub fn is_live(&self, now: NaiveDateTime) -> bool {
        self.used_at.is_none() && self.retired_at.is_none() && self.expires_at > now
    }
}

/// Stores a new link for `user`, retiring every older one of the same
/// purpose. Returns the new row's id.
pub fn issue(
    conn: &mut AnyConnection,
    user: UserId,
    purpose: Purpose,
    (nonce, token_hash): (&str, &str),
    expires_at: NaiveDateTime,
    now: NaiveDateTime,
) -> DbResult<String> {
    diesel::update(
        account_links::table
            .filter(account_links::user_id.eq(user.to_string()))
            .filter(account_links::purpose.eq(purpose.as_str()))
            .filter(account_links::used_at.is_null())
            .filter(account_links::retired_at.is_null()),
    )
    .set(account_links::retired_at.eq(now))
    .execute(conn)?;
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(account_links::table)
        .values((
            account_links::id.eq(&id),
            account_links::user_id.eq(user.to_string()),
            account_links::purpose.eq(purpose.as_str()),
            account_links::nonce.eq(nonce),
            account_links::token_hash.eq(token_hash),
            account_links::created_at.eq(now),
            account_links::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The link with this id.
pub fn get(conn: &mut AnyConnection, id: &str) -> DbResult<Option<AccountLink>> {
    Ok(account_links::table
        .find(id)
        .select(AccountLink::as_select())
        .first(conn)
        .optional()?)
}

/// The live link of `purpose` whose token hashes to `token_hash`, if any
/// (without taking it).
pub fn find_live(
    conn: &mut AnyConnection,
    purpose: Purpose,
    token_hash: &str,
    now: NaiveDateTime,
) -> DbResult<Option<AccountLink>> {
    let found = account_links::table
        .filter(account_links::token_hash.eq(token_hash))
        .filter(account_links::purpose.eq(purpose.as_str()))
        .select(AccountLink::as_select())
        .first(conn)
        .optional()?;
    Ok(found.filter(|link| link.is_live(now)))
}

/// Takes the live link of `purpose` whose token hashes to `token_hash`:
/// marks it used and gives its account. None when there is no such link, or
/// it was used, retired or expired, or another request took it first.
pub fn take(
    conn: &mut AnyConnection,
    purpose: Purpose,
    token_hash: &str,
    now: NaiveDateTime,
) -> DbResult<Option<UserId>> {
    let Some(link) = find_live(conn, purpose, token_hash, now)? else {
        return Ok(None);
    };
    let taken = diesel::update(
        account_links::table
            .filter(account_links::id.eq(&link.id))
            .filter(account_links::used_at.is_null())
            .filter(account_links::retired_at.is_null())
            .filter(account_links::expires_at.gt(now)),
    )
    .set(account_links::used_at.eq(now))
    .execute(conn)?;
    if taken != 1 {
        return Ok(None);
    }
    Ok(link.user_id.parse().ok())
}
