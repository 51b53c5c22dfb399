//! Access tokens (JWT, HS256, 15 minutes) and refresh tokens (256 random bits,
//! stored only as SHA-256 hashes).
//!
//! Only HS256 is accepted when decoding: a token with `alg: none` or any other
//! algorithm is refused by `jsonwebtoken`'s validation.

use crate::config::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use endorse_shared::{Role, UserId};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `iss` of every access token.
pub const ISSUER: &str = "endorse";

/// What an access token says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AccessClaims {
    /// The user's id.
    pub sub: UserId,
    /// The role when the token was issued (the extractors re-read the account).
    pub role: Role,
    /// Issuer, always [`ISSUER`].
    pub iss: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
    /// The session (the refresh-token family of one sign-in) it belongs to:
    /// once that session ends (sign-out, a password change), the token is
    /// refused although it has not expired.
    pub sid: String,
    /// The association that issued it (its code): another one refuses it.
    /// Tokens made before associations have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
}

/// Signs and checks access tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    lifetime_seconds: u64,
}

impl TokenKeys {
    /// Keys from the configured secret.
    pub fn new(secret: &Secret, lifetime_seconds: u64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "sub"]);
        // `sid` is required too: serde refuses a token without it.
        validation.leeway = 5;
        // The audience (the association) is checked by the extractors,
        // against the association of the request.
        validation.validate_aud = false;
        Self {
            encoding: EncodingKey::from_secret(secret.expose()),
            decoding: DecodingKey::from_secret(secret.expose()),
            validation,
            lifetime_seconds,
        }
    }

    /// How long an access token lives.
    pub fn lifetime_seconds(&self) -> u64 {
        self.lifetime_seconds
    }

    /// Issues an access token for a user's session.
    pub fn issue(
        &self,
        association: &str,
        user: UserId,
        role: Role,
        session: &str,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            sub: user,
            role,
            iss: ISSUER.to_string(),
            iat: now,
            exp: now + i64::try_from(self.lifetime_seconds).unwrap_or(900),
            sid: session.to_string(),
            aud: Some(association.to_string()),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// Issues a token for another audience (a platform operator's, or a
    /// support session at an association) living `seconds`.
    pub fn issue_for(
        &self,
        audience: &str,
        subject: UserId,
        role: Role,
        session: &str,
        seconds: i64,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            sub: subject,
            role,
            iss: ISSUER.to_string(),
            iat: now,
            exp: now + seconds,
            sid: session.to_string(),
            aud: Some(audience.to_string()),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// Checks a token's signature, algorithm, issuer and expiry.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, jsonwebtoken::errors::Error> {
        decode::<AccessClaims>(token, &self.decoding, &self.validation).map(|data| data.claims)
    }
}

/// A new refresh token: the secret for the cookie, and the hash to store.
pub struct NewSecretToken {
    /// Goes to the client, never stored.
    pub secret: String,
    /// Stored.
    pub hash: String,
}

/// Generates a refresh token (256 bits from the OS).
pub fn new_secret_token() -> NewSecretToken {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_secret_token(&secret);
    NewSecretToken { secret, hash }
}

/// The stored form of a refresh token.
pub fn hash_secret_token(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::new(&Secret::new(vec![7; 32]), 900)
    }

    #[test]
    fn an_issued_token_verifies_and_carries_its_claims() {
        let user = UserId::from_uuid(uuid::Uuid::new_v4());
        let token = keys()
            .issue("mi", user, Role::Reviewer, "session-1")
            .unwrap();
        let claims = keys().verify(&token).unwrap();
        assert_eq!(claims.sub, user);
        assert_eq!(claims.role, Role::Reviewer);
        assert_eq!(claims.sid, "session-1");
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let other = TokenKeys::new(&Secret::new(vec![8; 32]), 900);
        let token = other
            .issue(
                "mi",
                UserId::from_uuid(uuid::Uuid::new_v4()),
                Role::Admin,
                "s",
            )
            .unwrap();
        assert!(keys().verify(&token).is_err());
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let a = new_secret_token();
        let b = new_secret_token();
        assert_ne!(a.secret, b.secret);
        assert_eq!(a.hash, hash_secret_token(&a.secret));
        assert_eq!(a.hash.len(), 64);
        assert!(!a.hash.contains(&a.secret));
    }
}
