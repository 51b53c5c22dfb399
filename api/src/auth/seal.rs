//! Sealing a secret the server must read back (an association's SMTP
//! password, a person's second-factor key) under the deployment's
//! signing-key secret: XChaCha20-Poly1305, a key derived per purpose, bound
//! to what it belongs to, URL-safe base64 on the way to the database.

use crate::config::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

const NONCE: usize = 24;

/// A key for one purpose.
pub struct Sealer(XChaCha20Poly1305);

impl Sealer {
    /// The key for `purpose` (`"association smtp"`, `"totp"`) under `secret`.
    pub fn new(secret: &Secret, purpose: &str) -> Self {
        let mut hash = Sha256::new();
        hash.update(format!("endorse {purpose} seal v1\0").as_bytes());
        hash.update(secret.expose());
        let key: [u8; 32] = hash.finalize().into();
        Sealer(XChaCha20Poly1305::new((&key).into()))
    }

    /// `plain` sealed, bound to `bound_to` (opening it with anything else
    /// fails), as text.
    pub fn seal(&self, plain: &[u8], bound_to: &[u8]) -> Option<String> {
        let mut nonce = [0u8; NONCE];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .0
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain,
                    aad: bound_to,
                },
            )
            .ok()?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Some(URL_SAFE_NO_PAD.encode(out))
    }

    /// What `sealed` holds, or none when it does not open (another secret,
    /// another binding, a damaged value).
    pub fn open(&self, sealed: &str, bound_to: &[u8]) -> Option<Vec<u8>> {
        let bytes = URL_SAFE_NO_PAD
            .decode(sealed)
            .ok()
            .filter(|b| b.len() > NONCE)?;
        let (nonce, body) = bytes.split_at(NONCE);
        let nonce: [u8; NONCE] = nonce.try_into().ok()?;
        self.0
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: body,
                    aad: bound_to,
                },
            )
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_sealed_opens_only_with_its_secret_purpose_and_binding() {
        let secret = Secret::new(vec![7; 32]);
        let sealer = Sealer::new(&secret, "totp");
        let sealed = sealer.seal(b"hello", b"user-1").unwrap();
        assert_eq!(
            sealer.open(&sealed, b"user-1").as_deref(),
            Some(&b"hello"[..])
        );
        assert!(sealer.open(&sealed, b"user-2").is_none());
        assert!(Sealer::new(&secret, "smtp")
            .open(&sealed, b"user-1")
            .is_none());
        assert!(Sealer::new(&Secret::new(vec![8; 32]), "totp")
            .open(&sealed, b"user-1")
            .is_none());
        assert!(sealer.open("not base64!", b"user-1").is_none());
        assert!(sealer.open("", b"user-1").is_none());
        // Two seals of one value differ (a fresh nonce each).
        assert_ne!(sealed, sealer.seal(b"hello", b"user-1").unwrap());
    }
}
