//! The second factor: time-based one-time passwords (RFC 6238: HMAC-SHA-1,
//! six digits, 30-second steps, one step of drift either way) and the
//! recovery codes that stand in for a lost device. The key is sealed in the
//! database bound to its account; a code is taken once (its step is stored
//! and must grow), a recovery code once (only its hash is stored).

use super::seal::Sealer;
use crate::config::Secret;
use chrono::{DateTime, Utc};
use endorse_shared::UserId;
use rand::Rng;
use sha2::{Digest, Sha256};
use totp_rs::{Builder, Totp};

/// How many recovery codes a person gets at a time.
pub const RECOVERY_CODES: usize = 10;

/// The letters a recovery code is made of (no 0/O, 1/l/I).
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// How the deployment treats admins without a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AdminMfa {
    /// Each person chooses; once enrolled, sign-in asks for it.
    #[default]
    Enrolled,
    /// An admin must enroll before any admin page answers.
    Required,
}

impl std::str::FromStr for AdminMfa {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "required" => Ok(AdminMfa::Required),
            "enrolled" | "optional" | "" => Ok(AdminMfa::Enrolled),
            other => Err(format!(
                "ENDORSE_ADMIN_MFA must be `required` or `enrolled`, not `{other}`"
            )),
        }
    }
}

/// A fresh key: 160 random bits, as RFC 4226 recommends.
pub fn new_key() -> Vec<u8> {
    let mut key = vec![0u8; 20];
    rand::thread_rng().fill(&mut key[..]);
    key
}

fn sealer(secret: &Secret) -> Sealer {
    Sealer::new(secret, "totp")
}

/// `key` sealed for `user`'s row.
pub fn seal(secret: &Secret, user: UserId, key: &[u8]) -> Option<String> {
    sealer(secret).seal(key, user.to_string().as_bytes())
}

/// The key sealed in `user`'s row, or none when it does not open.
pub fn open(secret: &Secret, user: UserId, sealed: &str) -> Option<Vec<u8>> {
    sealer(secret).open(sealed, user.to_string().as_bytes())
}

fn totp(key: &[u8], account: &str, issuer: &str) -> Option<Totp> {
    // The label's parts may not hold a colon (Key Uri Format).
    let clean = |s: &str| s.replace(':', " ");
    Builder::new()
        .with_secret(key.to_vec())
        .with_account_name(clean(account))
        .with_issuer(Some(clean(issuer)))
        .build()
        .ok()
}

/// The `otpauth://` address an authenticator app reads (as a QR code or
/// typed), and the key in Base32 for typing by hand.
pub fn enrollment(key: &[u8], account: &str, issuer: &str) -> Option<(String, String)> {
    let totp = totp(key, account, issuer)?;
    Some((totp.to_url().ok()?, totp.secret().to_base32()))
}

/// The step `code` belongs to at `now` (this step or one either side), or
/// none when it is no code of `key`'s.
pub fn check(key: &[u8], code: &str, now: DateTime<Utc>) -> Option<i64> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = Builder::new().with_secret(key.to_vec()).build().ok()?;
    let at = u64::try_from(now.timestamp()).ok()?;
    totp.check(&digits, at)
        .and_then(|step| i64::try_from(step).ok())
}

/// The code of `key` at `now` (for tests and the journeys: a person's
/// authenticator does this).
pub fn code_at(key: &[u8], now: DateTime<Utc>) -> String {
    let totp = Builder::new()
        .with_secret(key.to_vec())
        .build_noncompliant();
    totp.generate(u64::try_from(now.timestamp()).unwrap_or_default())
        .to_string()
}

/// The key a Base32 text stands for (as [`enrollment`] gives it).
pub fn key_from_base32(text: &str) -> Option<Vec<u8>> {
    totp_rs::Secret::try_from_base32(text.trim())
        .ok()
        .map(|secret| secret.as_ref().to_vec())
}

/// Whether `code` looks like a one-time password rather than a recovery
/// code.
pub fn is_one_time_password(code: &str) -> bool {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Fresh recovery codes, as shown to the person (`abcde-fghjk`).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::thread_rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let letters: String = (0..10)
                .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
                .collect();
            format!("{}-{}", &letters[..5], &letters[5..])
        })
        .collect()
}

/// The hash a recovery code is kept as: of its letters, without case,
/// spaces or dashes, so that however it is typed it matches.
pub fn recovery_hash(code: &str) -> String {
    let letters: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let digest = Sha256::digest(format!("endorse recovery code\0{letters}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// How a code given at sign-in (or to change the second factor) proved
/// the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// A one-time password, its step taken now.
    Code,
    /// A recovery code, used up now.
    RecoveryCode,
    /// Neither: wrong, already used, or too old.
    Wrong,
}

/// Checks `code` against `user`'s second factor and takes it: a one-time
/// password's step, or a recovery code, works once.
pub fn prove(
    conn: &mut crate::db::AnyConnection,
    secret: &Secret,
    user: UserId,
    code: &str,
    now: DateTime<Utc>,
) -> crate::db::DbResult<Proof> {
    use crate::db::mfa;
    let Some(sealed) = mfa::keys(conn, user)?.and_then(|keys| keys.secret) else {
        return Ok(Proof::Wrong);
    };
    if is_one_time_password(code) {
        let Some(key) = open(secret, user, &sealed) else {
            tracing::warn!(user_id = %user, "a second-factor key does not open with this signing-key secret");
            return Ok(Proof::Wrong);
        };
        return Ok(match check(&key, code, now) {
            Some(step) if mfa::take_step(conn, user, step)? => Proof::Code,
            _ => Proof::Wrong,
        });
    }
    Ok(
        if mfa::use_recovery_code(conn, user, &recovery_hash(code), now)? {
            Proof::RecoveryCode
        } else {
            Proof::Wrong
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// RFC 6238, appendix B: the SHA-1 key and the codes it gives (the
    /// last six of the eight digits there).
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let key = b"12345678901234567890";
        for (at, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            let now = Utc.timestamp_opt(at, 0).unwrap();
            assert_eq!(code_at(key, now), code, "at {at}");
            assert_eq!(check(key, code, now), Some(at / 30));
        }
    }

    #[test]
    fn a_code_counts_one_step_either_side_and_no_further() {
        let key = new_key();
        let now = Utc.timestamp_opt(1_800_000_000, 0).unwrap();
        let code = code_at(&key, now);
        let step = now.timestamp() / 30;
        assert_eq!(
            check(&key, &code, now + chrono::Duration::seconds(30)),
            Some(step)
        );
        assert_eq!(
            check(&key, &code, now - chrono::Duration::seconds(30)),
            Some(step)
        );
        assert_eq!(
            check(&key, &code, now + chrono::Duration::seconds(90)),
            None
        );
        assert_eq!(
            check(&key, &format!(" {} {} ", &code[..3], &code[3..]), now),
            Some(step)
        );
        assert_eq!(check(&key, "12345", now), None);
        assert_eq!(check(&key, "abcdef", now), None);
        assert_eq!(check(&new_key(), &code, now), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_match_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert_eq!(
            recovery_hash(code),
            recovery_hash(&code.to_uppercase().replace('-', " "))
        );
        assert_ne!(recovery_hash(code), recovery_hash(&codes[1]));
        assert!(!is_one_time_password(code));
        assert!(is_one_time_password("123 456"));
    }

    #[test]
    fn the_enrollment_address_names_the_account_and_the_association() {
        let (url, base32) =
            enrollment(b"12345678901234567890", "ada@example.org", "Michigan: AIMH").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains(&format!("secret={base32}")), "{url}");
        assert!(url.contains("issuer=Michigan"), "{url}");
        assert!(
            url.contains("ada%40example.org") || url.contains("ada@example.org"),
            "{url}"
        );
    }

    #[test]
    fn the_setting_reads_its_two_values() {
        assert_eq!("required".parse::<AdminMfa>(), Ok(AdminMfa::Required));
        assert_eq!("".parse::<AdminMfa>(), Ok(AdminMfa::Enrolled));
        assert!("always".parse::<AdminMfa>().is_err());
    }
}
