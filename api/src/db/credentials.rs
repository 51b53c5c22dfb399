//! Queries on `issuer_keys` and `credentials`.

use super::{AnyConnection, DbResult};
use crate::schema::{credentials, issuer_keys};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

/// An issuer key as stored: the public half in the clear, the private half
/// sealed.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = issuer_keys)]
pub struct IssuerKey {
    /// The key's identifier (the JWT header's `kid`).
    pub kid: String,
    /// The Ed25519 public key, base64url.
    pub public_key: String,
    /// The seed, sealed.
    pub sealed_private_key: String,
    /// When it was made.
    pub created_at: NaiveDateTime,
    /// When a newer key replaced it for signing.
    pub retired_at: Option<NaiveDateTime>,
}

/// Stores a new key and retires every other one, so that it alone signs.
pub fn insert_key(
    conn: &mut AnyConnection,
    kid: &str,
    public_key: &str,
    sealed_private_key: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    diesel::update(issuer_keys::table.filter(issuer_keys::retired_at.is_null()))
        .set(issuer_keys::retired_at.eq(now.naive_utc()))
        .execute(conn)?;
    diesel::insert_into(issuer_keys::table)
        .values((
            issuer_keys::kid.eq(kid),
            issuer_keys::public_key.eq(public_key),
            issuer_keys::sealed_private_key.eq(sealed_private_key),
            issuer_keys::created_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The key that signs, if there is one.
pub fn active_key(conn: &mut AnyConnection) -> DbResult<Option<IssuerKey>> {
    Ok(issuer_keys::table
        .filter(issuer_keys::retired_at.is_null())
        .order(issuer_keys::created_at.desc())
        .select(IssuerKey::as_select())
        .first(conn)
        .optional()?)
}

/// Every key ever used, the newest first: the published set.
pub fn all_keys(conn: &mut AnyConnection) -> DbResult<Vec<IssuerKey>> {
    Ok(issuer_keys::table
        .order((issuer_keys::created_at.desc(), issuer_keys::kid.asc()))
        .select(IssuerKey::as_select())
        .load(conn)?)
}

/// A credential as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = credentials)]
pub struct StoredCredential {
    /// Its UUID.
    pub id: String,
    /// The endorsement it is for.
    pub endorsement_id: String,
    /// The key that signed it.
    pub kid: String,
    /// The VC-JWT.
    pub jwt: String,
    /// When it was issued.
    pub issued_at: NaiveDateTime,
    /// Until when it holds.
    pub valid_until: NaiveDateTime,
}

/// Stores an issued credential.
pub fn insert(conn: &mut AnyConnection, credential: &StoredCredential) -> DbResult<()> {
    diesel::insert_into(credentials::table)
        .values((
            credentials::id.eq(&credential.id),
            credentials::endorsement_id.eq(&credential.endorsement_id),
            credentials::kid.eq(&credential.kid),
            credentials::jwt.eq(&credential.jwt),
            credentials::issued_at.eq(credential.issued_at),
            credentials::valid_until.eq(credential.valid_until),
        ))
        .execute(conn)?;
    Ok(())
}

/// The newest credential issued for an endorsement.
pub fn latest(
    conn: &mut AnyConnection,
    endorsement_id: &str,
) -> DbResult<Option<StoredCredential>> {
    Ok(credentials::table
        .filter(credentials::endorsement_id.eq(endorsement_id))
        .order((credentials::issued_at.desc(), credentials::id.desc()))
        .select(StoredCredential::as_select())
        .first(conn)
        .optional()?)
}
