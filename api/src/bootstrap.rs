//! The first admin: on a start with no admin, one is created with a random
//! one-time password that is printed once. There is never a fixed default.

use crate::auth::passwords;
use crate::db::users::{self, NewUser};
use crate::db::{Db, DbError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use endorse_shared::Role;
use rand::RngCore;

/// The account created and its one-time password.
pub struct FirstAdmin {
    /// The e-mail address to sign in with.
    pub email: String,
    /// The random password, to be replaced at first sign-in.
    pub password: String,
}

/// Creates the first admin if there is no admin. Blocking: call at start-up.
pub fn ensure_admin(db: &Db, email: &str) -> anyhow::Result<Option<FirstAdmin>> {
    let mut conn = db.get()?;
    if users::count_with_role(&mut conn, Role::Admin)? > 0 {
        return Ok(None);
    }
    let mut bytes = [0u8; 18];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let password = URL_SAFE_NO_PAD.encode(bytes);
    let password_hash = passwords::hash(&password)
        .map_err(|error| anyhow::anyhow!("password hashing failed: {error}"))?;
    let new = NewUser {
        email: email.to_string(),
        name: "Administrator".to_string(),
        role: Role::Admin,
        password_hash,
        must_change_password: true,
    };
    match users::insert(&mut conn, new) {
        Ok(_) => Ok(Some(FirstAdmin {
            email: email.to_string(),
            password,
        })),
        // Another process starting on the same new database made it first.
        Err(DbError::UniqueViolation(_))
            if users::count_with_role(&mut conn, Role::Admin)? > 0 =>
        {
            Ok(None)
        }
        Err(DbError::UniqueViolation(_)) => anyhow::bail!(
            "ENDORSE_ADMIN_EMAIL: there is no admin yet, but '{email}' already has an account of another role; \
             choose another address, or make that account an admin with `endorse user create`"
        ),
        Err(other) => Err(other.into()),
    }
}
