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
    /// Confirming an e-mail address (valid a week): the one the account has,
    /// or one the person asked to change to.
    EmailConfirm,
    /// Claiming an account an import made: choosing its first password
    /// (valid thirty days). Taken like a new-password link.
    Claim,
}

impl Purpose {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Purpose::PasswordReset => "password_reset",
            Purpose::EmailConfirm => "email_confirm",
            Purpose::Claim => "claim",
        }
    }

    /// Where in the app the link opens.
    pub const fn page(self) -> &'static str {
        match self {
            Purpose::PasswordReset => "/reset-password/",
            Purpose::EmailConfirm => "/confirm-email/",
            Purpose::Claim => "/claim-account/",
        }
    }

    /// The purpose stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        [
            Purpose::PasswordReset,
            Purpose::EmailConfirm,
            Purpose::Claim,
        ]
        .into_iter()
        .find(|p| p.as_str() == raw)
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
    /// What it is for, as stored.
    pub purpose: String,
    /// The address it confirms (links to confirm one).
    pub email: Option<String>,
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
/// purpose; a link to confirm an address names it in `email`. Returns the
/// new row's id. The person's row is locked first, so
/// of two requests racing for new links one retires the other's: only the
/// newest ever works.
pub fn issue(
    conn: &mut AnyConnection,
    user: UserId,
    (purpose, email): (Purpose, Option<&str>),
    (nonce, token_hash): (&str, &str),
    expires_at: NaiveDateTime,
    now: NaiveDateTime,
) -> DbResult<String> {
    super::lock_owner(conn, user)?;
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
            account_links::email.eq(email),
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
/// marks it used and gives it. None when there is no such link, or it was
/// used, retired or expired, or another request took it first.
pub fn take(
    conn: &mut AnyConnection,
    purpose: Purpose,
    token_hash: &str,
    now: NaiveDateTime,
) -> DbResult<Option<AccountLink>> {
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
    Ok((taken == 1).then_some(link))
}

impl AccountLink {
    /// Whose account, parsed.
    pub fn owner(&self) -> DbResult<UserId> {
        self.user_id
            .parse()
            .map_err(|_| super::DbError::Corrupt(format!("account link user '{}'", self.user_id)))
    }
}
