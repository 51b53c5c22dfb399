//! The platform's own tables: the associations one deployment serves. These
//! live in the platform database (SQLite: `platform.db` beside the main
//! file; PostgreSQL: the `endorse_platform` schema), never in an
//! association's, and only [`crate::tenancy`] reads them.

use super::{AnyConnection, DbResult};
use chrono::NaiveDateTime;
use diesel::prelude::*;

diesel::table! {
    /// The associations (see the platform migration).
    associations (code) {
        code -> Text,
        name -> Text,
        host -> Nullable<Text>,
        storage -> Text,
        is_default -> Bool,
        time_zone -> Text,
        currency -> Text,
        language -> Text,
        primary_colour -> Text,
        accent_colour -> Text,
        logo -> Nullable<Text>,
        mail_from -> Text,
        mail_reply_to -> Text,
        mail_signature -> Text,
        smtp_url_sealed -> Nullable<Text>,
        registry_shared -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

/// One association, as the platform keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = associations)]
pub struct Association {
    /// The short code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its own host name, if it has one.
    pub host: Option<String>,
    /// Where its records are (`""`: the deployment's own database).
    pub storage: String,
    /// Whether the deployment's bare address serves it.
    pub is_default: bool,
    /// The IANA time zone of its days.
    pub time_zone: String,
    /// The ISO 4217 currency of its fees.
    pub currency: String,
    /// The language people see before they choose.
    pub language: String,
    /// Main colour.
    pub primary_colour: String,
    /// Second colour.
    pub accent_colour: String,
    /// Logo (`data:` URL).
    pub logo: Option<String>,
    /// Mail's From address.
    pub mail_from: String,
    /// Mail's Reply-To address.
    pub mail_reply_to: String,
    /// The signature under every message.
    pub mail_signature: String,
    /// Its own SMTP server's URL, sealed; none: the deployment's.
    pub smtp_url_sealed: Option<String>,
    /// Whether its registry is in the search across associations.
    pub registry_shared: bool,
    /// Bumped by every change.
    pub version: i64,
    /// When it joined.
    pub created_at: NaiveDateTime,
    /// When it last changed.
    pub updated_at: NaiveDateTime,
}

/// Every association, by code.
pub fn list(conn: &mut AnyConnection) -> DbResult<Vec<Association>> {
    Ok(associations::table
        .order(associations::code.asc())
        .select(Association::as_select())
        .load(conn)?)
}

/// The association with this code.
pub fn by_code(conn: &mut AnyConnection, code: &str) -> DbResult<Option<Association>> {
    Ok(associations::table
        .find(code)
        .select(Association::as_select())
        .first(conn)
        .optional()?)
}

/// The association whose own host name this is.
pub fn by_host(conn: &mut AnyConnection, host: &str) -> DbResult<Option<Association>> {
    Ok(associations::table
        .filter(associations::host.eq(host))
        .select(Association::as_select())
        .first(conn)
        .optional()?)
}

/// The association the bare address serves, if any.
pub fn default(conn: &mut AnyConnection) -> DbResult<Option<Association>> {
    Ok(associations::table
        .filter(associations::is_default.eq(true))
        .select(Association::as_select())
        .first(conn)
        .optional()?)
}

/// Adds an association. A taken code, host or storage is a
/// [`super::DbError::UniqueViolation`].
pub fn insert(conn: &mut AnyConnection, association: &Association) -> DbResult<()> {
    diesel::insert_into(associations::table)
        .values(association)
        .execute(conn)?;
    Ok(())
}

/// Adds the association unless one with its code (or any other unique
/// value) is there: two processes starting on a new database at once make
/// one. Whether this call made it.
pub fn insert_if_absent(conn: &mut AnyConnection, association: &Association) -> DbResult<bool> {
    // In a savepoint of its own, so that losing the race leaves a
    // surrounding transaction usable (PostgreSQL).
    match super::write::<_, super::DbError, _>(conn, |conn| insert(conn, association)) {
        Ok(()) => Ok(true),
        Err(super::DbError::UniqueViolation(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

/// The associations a request could be for: the one with its host name, the
/// one its path names, and the default (see [`crate::tenancy::resolve`]).
pub fn candidates(
    conn: &mut AnyConnection,
    host: Option<&str>,
    code: Option<&str>,
) -> DbResult<Vec<Association>> {
    let mut query = associations::table
        .filter(associations::is_default.eq(true))
        .into_boxed();
    if let Some(host) = host {
        query = query.or_filter(associations::host.eq(host));
    }
    if let Some(code) = code {
        query = query.or_filter(associations::code.eq(code));
    }
    Ok(query.select(Association::as_select()).load(conn)?)
}
