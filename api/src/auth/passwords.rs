//! Password hashing with argon2id (the crate's defaults: OWASP's recommended
//! memory and time cost). Hashing is slow on purpose: call these only from the
//! blocking pool.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::LazyLock;

/// Hashes a password into a PHC string (`$argon2id$...`).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks a password against a stored PHC string. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of nothing anyone knows: verifying against it when an e-mail is unknown
/// makes that answer take as long as a wrong password, so timing reveals nothing.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    hash("decoy password that no account has").unwrap_or_else(|_| String::from("$argon2id$invalid"))
});

/// Spends the time of one verification and fails.
pub fn verify_decoy(password: &str) -> bool {
    let _ = verify(password, &DECOY_HASH);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let stored = hash("correct horse battery staple").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", &stored));
        assert!(!verify("correct horse battery stapler", &stored));
        assert!(!verify("anything", "not a hash"));
        assert!(!verify_decoy("decoy password that no account has"));
    }
}
