//! Secret links: referees', and those mailed about a person's own account.
//!
//! A link's token is `HMAC-SHA256(key, nonce)`, base64url: 256 bits that nobody
//! can guess without the server's key, from a nonce of 256 random bits. The
//! database keeps the nonce and a SHA-256 hash of the token, never the token,
//! so a copy of the database opens no link. The server can make the token again
//! from the nonce, which is how reminders and "copy the link" work without
//! storing it. The key is derived from the token-signing secret.

use crate::config::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// What the database keeps of a new link, and the link's token.
pub struct NewLink {
    /// 256 random bits, hex.
    pub nonce: String,
    /// The token in the link; never stored.
    pub token: String,
    /// The stored hash of the token.
    pub token_hash: String,
}

/// Makes and re-makes link tokens.
pub struct LinkKeys {
    key: [u8; 32],
}

impl LinkKeys {
    /// Keys for referees' links, derived from the server's secret, separate
    /// from its token signing.
    pub fn new(secret: &Secret) -> Self {
        Self::derived(secret, b"endorse referee links v1\0")
    }

    /// Keys for links about a person's own account (a new password), apart
    /// from referees' links: one kind's token never opens the other.
    pub fn for_accounts(secret: &Secret) -> Self {
        Self::derived(secret, b"endorse account links v1\0")
    }

    fn derived(secret: &Secret, label: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(label);
        hasher.update(secret.expose());
        Self {
            key: hasher.finalize().into(),
        }
    }

    /// A fresh link.
    pub fn new_link(&self) -> NewLink {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let nonce: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let token = self.token_for(&nonce);
        let token_hash = super::tokens::hash_secret_token(&token);
        NewLink {
            nonce,
            token,
            token_hash,
        }
    }

    /// The token of the link made from `nonce`.
    pub fn token_for(&self, nonce: &str) -> String {
        // HMAC takes keys of any length, so this never fails.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(nonce.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

/// Whether `token` has the shape of a link token (43 base64url characters), so
/// junk is refused before it reaches the database.
pub fn looks_like_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_made_again_from_its_nonce_and_only_with_the_key() {
        let keys = LinkKeys::new(&Secret::new(vec![1; 32]));
        let link = keys.new_link();
        assert!(looks_like_token(&link.token));
        assert_eq!(keys.token_for(&link.nonce), link.token);
        assert_eq!(link.nonce.len(), 64);
        assert_ne!(link.token_hash, link.token);
        let other = LinkKeys::new(&Secret::new(vec![2; 32]));
        assert_ne!(other.token_for(&link.nonce), link.token);
        let accounts = LinkKeys::for_accounts(&Secret::new(vec![1; 32]));
        assert_ne!(accounts.token_for(&link.nonce), link.token);
        assert_ne!(keys.new_link().token, link.token);
    }

    #[test]
    fn junk_does_not_look_like_a_token() {
        assert!(!looks_like_token(""));
        assert!(!looks_like_token(&"a".repeat(44)));
        assert!(!looks_like_token(&format!("{}/", "a".repeat(42))));
    }
}
