//! The issuer: the association's Ed25519 signing keys, the credentials it
//! signs for endorsements, and the status lists it publishes.
//!
//! Keys are generated on first start and kept in the database with the
//! private half sealed (XChaCha20-Poly1305 under a key derived from
//! `ENDORSE_SIGNING_KEY_SECRET`), so a copy of the database alone cannot sign.
//! Rotation adds a key and retires the old one from signing; every key stays in
//! the published set, so credentials it signed keep verifying.

use crate::calendar::Calendar;
use crate::config::Secret;
use crate::db::credentials::{self, StoredCredential};
use crate::db::endorsements::{self, Endorsement, STATUS_INDEX_SEQUENCE};
use crate::db::{AnyConnection, DbError, DbResult};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use endorse_shared::credential::JwkSet;
use endorse_shared::credential::{self, Addresses, CredentialFacts, SigningKey, StatusPurpose};
use endorse_shared::endorsements::EndorsementOrigin;
use endorse_shared::endorsements::EndorsementStatus;
use endorse_shared::rulebook::Rulebook;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// What signs and where it is published. Cheap to clone.
#[derive(Clone)]
pub struct Issuer {
    seal: [u8; 32],
    /// Where verifiers find the issuer.
    pub addresses: Addresses,
    /// The association's name.
    pub name: String,
    /// Where to write to the association.
    pub email: String,
    /// The association's days ("valid through" ends at its midnight).
    pub calendar: Calendar,
}

/// The key that seals signing keys, from the deployment's secret.
fn seal_key(secret: &Secret) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(b"endorse issuer key seal v1\0");
    hash.update(secret.expose());
    hash.finalize().into()
}

fn corrupt(what: impl Into<String>) -> DbError {
    DbError::Corrupt(what.into())
}

/// Characters of a verification code: no 0/O or 1/I/L to misread.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// A verification code's length (about 59 bits).
const CODE_LENGTH: usize = 12;

fn verification_code() -> String {
    let mut bytes = [0u8; CODE_LENGTH];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect()
}

/// Whether two codes are equal, in time that does not depend on where they
/// differ.
pub fn codes_match(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Issuer {
    /// The issuer of one association: its keys are sealed under the
    /// deployment's `signing_key_secret` and it is published at its
    /// `public_url`.
    pub fn new(
        signing_key_secret: &Secret,
        public_url: &str,
        (name, email): (&str, &str),
        calendar: Calendar,
    ) -> Self {
        Self {
            seal: seal_key(signing_key_secret),
            addresses: Addresses::new(public_url),
            name: name.to_string(),
            email: email.to_string(),
            calendar,
        }
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.seal).into())
    }

    fn seal(&self, kid: &str, seed: &[u8; 32]) -> DbResult<String> {
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher()
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: seed,
                    aad: kid.as_bytes(),
                },
            )
            .map_err(|_| corrupt("the signing key could not be sealed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(URL_SAFE_NO_PAD.encode(out))
    }

    fn open(&self, kid: &str, sealed: &str) -> DbResult<[u8; 32]> {
        let wrong = || {
            corrupt(format!(
                "the signing key '{kid}' cannot be opened: ENDORSE_SIGNING_KEY_SECRET is not the secret it was sealed with"
            ))
        };
        let bytes = URL_SAFE_NO_PAD.decode(sealed).map_err(|_| wrong())?;
        if bytes.len() < 24 {
            return Err(wrong());
        }
        let (nonce, body) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| wrong())?;
        let seed = self
            .cipher()
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: body,
                    aad: kid.as_bytes(),
                },
            )
            .map_err(|_| wrong())?;
        seed.try_into().map_err(|_| wrong())
    }

    /// Makes a key and makes it the one that signs. Returns its `kid`.
    pub fn rotate(&self, conn: &mut AnyConnection, now: DateTime<Utc>) -> DbResult<String> {
        let mut seed = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut seed);
        let mut tag = [0u8; 4];
        rand::rngs::OsRng.fill_bytes(&mut tag);
        let kid = format!(
            "{}-{}",
            now.format("%Y-%m-%d"),
            tag.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        let public = ed25519_dalek::SigningKey::from_bytes(&seed)
            .verifying_key()
            .to_bytes();
        let sealed = self.seal(&kid, &seed)?;
        credentials::insert_key(conn, &kid, &URL_SAFE_NO_PAD.encode(public), &sealed, now)?;
        Ok(kid)
    }

    /// On start: makes the first key when there is none, and checks that the
    /// signing key opens with the configured secret (a wrong secret stops
    /// start-up rather than failing at the first award).
    pub fn ensure_key(&self, conn: &mut AnyConnection, now: DateTime<Utc>) -> DbResult<()> {
        match credentials::active_key(conn)? {
            Some(key) => self.open(&key.kid, &key.sealed_private_key).map(|_| ()),
            None => self.rotate(conn, now).map(|_| ()),
        }
    }

    /// The key that signs now.
    pub fn signing_key(&self, conn: &mut AnyConnection) -> DbResult<SigningKey> {
        let key = credentials::active_key(conn)?
            .ok_or_else(|| corrupt("there is no signing key; it is made when the server starts"))?;
        let seed = self.open(&key.kid, &key.sealed_private_key)?;
        Ok(SigningKey::from_seed(&key.kid, &seed))
    }

    /// Every key the issuer has published, the newest first.
    pub fn jwks(conn: &mut AnyConnection) -> DbResult<JwkSet> {
        let keys = credentials::all_keys(conn)?
            .into_iter()
            .map(|key| {
                let bytes: [u8; 32] = URL_SAFE_NO_PAD
                    .decode(&key.public_key)
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| corrupt(format!("public key '{}'", key.kid)))?;
                Ok(credential::public_jwk(&key.kid, &bytes))
            })
            .collect::<DbResult<Vec<_>>>()?;
        Ok(JwkSet { keys })
    }

    /// Until when an endorsement's credential holds: the end (the
    /// association's 23:59:59) of its renewal due date's grace period.
    pub fn valid_until(&self, endorsement: &Endorsement, rulebook: &Rulebook) -> DateTime<Utc> {
        self.calendar
            .end_of(rulebook.endorsement.valid_through(endorsement.renewal_due))
    }

    /// Issues a new credential for the endorsement, in the caller's
    /// transaction. One without a status bit and verification code gets them
    /// first (stored, and set on `endorsement`).
    pub fn issue(
        &self,
        conn: &mut AnyConnection,
        endorsement: &mut Endorsement,
        rulebook: &Rulebook,
        now: DateTime<Utc>,
    ) -> DbResult<StoredCredential> {
        let status_index = match endorsement.status_index {
            Some(index) => index,
            None => {
                let index = endorsements::next_in_sequence(conn, STATUS_INDEX_SEQUENCE)?;
                let code = verification_code();
                endorsements::set_credential_facts(conn, &endorsement.id, index, &code)?;
                endorsement.status_index = Some(index);
                endorsement.verify_code = Some(code);
                index
            }
        };
        let category = rulebook.category(&endorsement.category);
        let recognises = match endorsement.origin {
            EndorsementOrigin::Recognition => {
                crate::db::recognitions::source_of(conn, &endorsement.id)?
            }
            EndorsementOrigin::Application | EndorsementOrigin::Import => None,
        };
        let id = uuid::Uuid::new_v4().to_string();
        let valid_until = self.valid_until(endorsement, rulebook);
        let vc = credential::credential(&CredentialFacts {
            addresses: &self.addresses,
            issuer_name: &self.name,
            credential_id: &id,
            number: &endorsement.number,
            category: &endorsement.category,
            category_name: category.map_or(endorsement.category.as_str(), |c| c.name.en.as_str()),
            category_description: category.map_or("", |c| c.scope.en.as_str()),
            holder_name: &endorsement.holder_name,
            awarded_at: endorsement.awarded_at,
            valid_from: now,
            valid_until,
            status_index: u64::try_from(status_index).unwrap_or_default(),
            recognises: recognises.as_ref().map(|(a, n)| (a.as_str(), n.as_str())),
        });
        let key = self.signing_key(conn)?;
        let jwt = credential::sign_credential(&vc, &key)
            .map_err(|e| corrupt(format!("the credential could not be signed: {e}")))?;
        let stored = StoredCredential {
            id,
            endorsement_id: endorsement.id.clone(),
            kid: key.kid.clone(),
            jwt,
            issued_at: vc.valid_from.naive_utc(),
            valid_until: valid_until.naive_utc(),
        };
        credentials::insert(conn, &stored)?;
        Ok(stored)
    }

    /// The endorsement's current credential: the newest one, or a new one
    /// (see [`Issuer::issue`]) when there is none or the endorsement's dates
    /// have moved since (a renewal).
    pub fn current(
        &self,
        conn: &mut AnyConnection,
        endorsement: &mut Endorsement,
        rulebook: &Rulebook,
        now: DateTime<Utc>,
    ) -> DbResult<StoredCredential> {
        let until = self.valid_until(endorsement, rulebook).naive_utc();
        match credentials::latest(conn, &endorsement.id)? {
            Some(stored) if stored.valid_until == until => Ok(stored),
            _ => self.issue(conn, endorsement, rulebook, now),
        }
    }

    /// The signed status list for a purpose, as it stands now.
    pub fn status_list(
        &self,
        conn: &mut AnyConnection,
        purpose: StatusPurpose,
        now: DateTime<Utc>,
    ) -> DbResult<String> {
        // Each list holds a value per endorsement not in good standing: the
        // `message` list 1 (suspended) or 2 (revoked), the two older lists a
        // set bit for their own purpose.
        let not_in_good_standing: Vec<EndorsementStatus> = EndorsementStatus::ALL
            .into_iter()
            .filter(|s| !s.in_good_standing())
            .collect();
        let values: Vec<(u64, u8)> = endorsements::status_indexes(conn, &not_in_good_standing)?
            .into_iter()
            .filter_map(|(status, index)| {
                let value = match purpose {
                    StatusPurpose::Message => status.standing().value(),
                    _ => u8::from(status.status_bit() == Some(purpose)),
                };
                let index = u64::try_from(index).ok()?;
                (value > 0).then_some((index, value))
            })
            .collect();
        let list = credential::status_list(&self.addresses, purpose, values, now);
        let key = self.signing_key(conn)?;
        credential::sign_status_list(&list, &key)
            .map_err(|e| corrupt(format!("the status list could not be signed: {e}")))
    }

    /// The issuer's Open Badges profile.
    pub fn profile(&self) -> serde_json::Value {
        serde_json::json!({
            "@context": [credential::VC_CONTEXT, credential::OB_CONTEXT],
            "id": self.addresses.issuer(),
            "type": ["Profile"],
            "name": self.name,
            "url": self.addresses.base(),
            "email": self.email,
            "publicKeys": self.addresses.jwks(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer(secret: &str) -> Issuer {
        let mut hash = Sha256::new();
        hash.update(secret.as_bytes());
        Issuer {
            seal: hash.finalize().into(),
            addresses: Addresses::new("http://localhost"),
            name: "Test".into(),
            email: "a@b.c".into(),
            calendar: Calendar::utc(),
        }
    }

    #[test]
    fn a_sealed_key_opens_only_with_its_secret_and_kid() {
        let seed = [7u8; 32];
        let sealed = issuer("one").seal("k1", &seed).unwrap_or_default();
        assert!(!sealed.contains(&URL_SAFE_NO_PAD.encode(seed)));
        assert_eq!(issuer("one").open("k1", &sealed).ok(), Some(seed));
        assert!(issuer("two").open("k1", &sealed).is_err());
        assert!(issuer("one").open("k2", &sealed).is_err());
        assert!(issuer("one").open("k1", "short").is_err());
    }

    #[test]
    fn verification_codes_are_long_and_unambiguous() {
        let code = verification_code();
        assert_eq!(code.len(), CODE_LENGTH);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert_ne!(code, verification_code());
        assert!(codes_match(&code, &code.clone()));
        assert!(!codes_match(&code, "ABC"));
    }
}
