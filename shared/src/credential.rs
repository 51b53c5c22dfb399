//! The credential Endorse issues for an endorsement: an Open Badges 3.0
//! credential (the W3C Verifiable Credentials 2.0 data model) signed as a
//! VC-JWT with EdDSA over Ed25519, and the W3C Bitstring Status Lists that say
//! whether it has been revoked or suspended.
//!
//! The server issues with this code; the verify page checks with the same code,
//! compiled to WebAssembly. Nothing here does I/O: the caller fetches the keys
//! and the status lists and hands them in.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, TimeZone, Utc};
#[cfg(feature = "sign")]
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::io::{Read, Write};

/// The W3C Verifiable Credentials 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context.
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The JOSE `typ` of a credential secured as a JWT.
pub const JWT_TYPE: &str = "vc+jwt";
/// The fewest bits a status list has, so that one holder's index says little
/// about them (the specification's 16 KiB minimum).
pub const STATUS_LIST_MIN_BITS: usize = 131_072;
/// The most bytes a status list may inflate to; a larger one is refused, not
/// read (a hostile list could otherwise exhaust memory).
pub const STATUS_LIST_MAX_BYTES: usize = 16 * 1024 * 1024;
/// The longest credential text the verifier reads.
pub const MAX_JWT_CHARS: usize = 64 * 1024;

/// Where an Endorse server publishes what verifiers need. Every address is
/// under the server's public URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addresses {
    base: String,
}

impl Addresses {
    /// The addresses under this public URL (with or without a trailing slash).
    pub fn new(base_url: &str) -> Self {
        Self {
            base: base_url.trim_end_matches('/').to_string(),
        }
    }

    /// The public URL itself.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The issuer's identifier: its profile's address.
    pub fn issuer(&self) -> String {
        format!("{}/api/v1/issuer", self.base)
    }

    /// The issuer's public keys.
    pub fn jwks(&self) -> String {
        format!("{}/.well-known/jwks.json", self.base)
    }

    /// A status list's address.
    pub fn status_list(&self, purpose: StatusPurpose) -> String {
        format!("{}/api/v1/status-lists/{}", self.base, purpose.as_str())
    }

    /// The achievement a category's endorsement stands for.
    pub fn achievement(&self, category: &str) -> String {
        format!("{}/api/v1/issuer/achievements/{category}", self.base)
    }

    /// The public check of an endorsement by its number: what a verifier
    /// can open (the credential's evidence).
    pub fn verify_number(&self, number: &str) -> String {
        format!("{}/verify/{number}", self.base)
    }

    /// The verify page for an endorsement, with the code that lets anyone
    /// holding the certificate fetch its credential.
    pub fn verify_page(&self, number: &str, code: &str) -> String {
        format!("{}/verify/{number}?code={code}", self.base)
    }
}

/// Why a status list says what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum StatusPurpose {
    /// A set bit: revoked for good.
    Revocation,
    /// A set bit: not in good standing for now (suspended, lapsed, inactive…).
    Suspension,
    /// [`STATUS_SIZE`] bits per credential, whose value [`STATUS_MESSAGES`]
    /// explains: valid, suspended or revoked. What credentials issued now
    /// point to: one entry, as Open Badges 3.0 allows.
    Message,
}

/// Bits per credential in the `message` list.
pub const STATUS_SIZE: u32 = 2;
/// What each value of the `message` list means, as the credential's entry
/// states it (`statusMessage`).
pub const STATUS_MESSAGES: [(&str, Standing); 3] = [
    ("0x0", Standing::Valid),
    ("0x1", Standing::Suspended),
    ("0x2", Standing::Revoked),
];

/// Where a credential stands by its status lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Neither revoked nor suspended.
    Valid,
    /// Not in good standing for now.
    Suspended,
    /// Revoked for good.
    Revoked,
}

impl Standing {
    /// The word in the credential's `statusMessage`.
    pub const fn message(self) -> &'static str {
        match self {
            Standing::Valid => "valid",
            Standing::Suspended => "suspended",
            Standing::Revoked => "revoked",
        }
    }

    /// The value in the `message` list.
    pub const fn value(self) -> u8 {
        match self {
            Standing::Valid => 0,
            Standing::Suspended => 1,
            Standing::Revoked => 2,
        }
    }
}

impl StatusPurpose {
    /// Every list an Endorse server publishes: `message` for credentials
    /// issued now, the other two for credentials issued before.
    pub const ALL: [StatusPurpose; 3] = [
        StatusPurpose::Message,
        StatusPurpose::Revocation,
        StatusPurpose::Suspension,
    ];

    /// The name in credentials and addresses.
    pub const fn as_str(self) -> &'static str {
        match self {
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
            StatusPurpose::Message => "message",
        }
    }

    /// Bits per credential in this purpose's list.
    pub const fn size(self) -> u32 {
        match self {
            StatusPurpose::Message => STATUS_SIZE,
            _ => 1,
        }
    }

    /// The purpose with this name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }
}

/// Dates as credentials write them: RFC 3339, whole seconds, UTC.
mod rfc3339 {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Secs, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let raw = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&raw)
            .map(|at| at.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }

    pub mod option {
        use chrono::{DateTime, Utc};
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            at: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => super::serialize(at, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|raw| {
                    DateTime::parse_from_rfc3339(&raw)
                        .map(|at| at.with_timezone(&Utc))
                        .map_err(serde::de::Error::custom)
                })
                .transpose()
        }
    }
}

/// The issuer, as credentials name it (an Open Badges `Profile`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The profile's address.
    pub id: String,
    /// `["Profile"]`.
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// The association's name.
    pub name: String,
    /// The association's web address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where to write to the association.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// What the endorsement stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Achievement {
    /// The achievement's address.
    pub id: String,
    /// `["Achievement"]`.
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// `Certification`.
    pub achievement_type: String,
    /// The category's name.
    pub name: String,
    /// What the category is.
    pub description: String,
    /// How it is earned.
    pub criteria: Criteria,
    /// The category's code, e.g. `IFS`.
    pub human_code: String,
}

/// How an achievement is earned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criteria {
    /// In words.
    pub narrative: String,
}

/// Who the holder is, as Open Badges says it: an identity in plain text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityObject {
    /// `IdentityObject`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The identity itself (not hashed).
    pub identity_hash: String,
    /// `name`.
    pub identity_type: String,
    /// `false`.
    pub hashed: bool,
}

/// The holder and what they achieved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subject {
    /// `["AchievementSubject"]`.
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// The holder's name.
    pub identifier: Vec<IdentityObject>,
    /// The endorsement number.
    pub license_number: String,
    /// What the endorsement stands for.
    pub achievement: Achievement,
}

/// A credential's place in a status list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusEntry {
    /// The list's address and the index.
    pub id: String,
    /// `BitstringStatusListEntry`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What a set bit means.
    pub status_purpose: StatusPurpose,
    /// The credential's index in the list, in decimal.
    pub status_list_index: String,
    /// The list credential's address.
    pub status_list_credential: String,
    /// Bits per credential; absent means 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_size: Option<u32>,
    /// What each value means (required when `statusSize` is above 1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_message: Vec<StatusMessage>,
}

/// One value of a multi-bit status and what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusMessage {
    /// The value, in hexadecimal (`0x0`).
    pub status: String,
    /// Its meaning.
    pub message: String,
}

impl StatusEntry {
    /// Bits per credential.
    pub fn size(&self) -> u32 {
        self.status_size.unwrap_or(1)
    }

    /// Where a value read from this entry's list puts the credential.
    /// A `message` entry says it in its own words; a single bit means
    /// revoked or suspended by the list's purpose. None for a value the
    /// entry does not explain.
    pub fn standing(&self, value: u8) -> Option<Standing> {
        match self.status_purpose {
            StatusPurpose::Message => {
                let status = format!("{value:#x}");
                let message = self
                    .status_message
                    .iter()
                    .find(|m| m.status.eq_ignore_ascii_case(&status))?;
                [Standing::Valid, Standing::Suspended, Standing::Revoked]
                    .into_iter()
                    .find(|s| s.message() == message.message)
            }
            StatusPurpose::Revocation if value == 1 => Some(Standing::Revoked),
            StatusPurpose::Suspension if value == 1 => Some(Standing::Suspended),
            _ if value == 0 => Some(Standing::Valid),
            _ => None,
        }
    }
}

/// A credential's `credentialStatus`: one entry (credentials issued now), or
/// the revocation and suspension entries of credentials issued before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CredentialStatus {
    /// One `message` entry.
    One(StatusEntry),
    /// Several entries (credentials issued before December 2026).
    Many(Vec<StatusEntry>),
}

impl CredentialStatus {
    /// Every entry.
    pub fn entries(&self) -> &[StatusEntry] {
        match self {
            CredentialStatus::One(entry) => std::slice::from_ref(entry),
            CredentialStatus::Many(entries) => entries,
        }
    }
}

/// What the decision rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Where the decision is recorded.
    pub id: String,
    /// `["Evidence"]`.
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// A short name.
    pub name: String,
    /// In words.
    pub narrative: String,
}

/// An Open Badges 3.0 credential for one endorsement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    /// The JSON-LD contexts.
    #[serde(rename = "@context")]
    pub context: Vec<String>,
    /// `urn:uuid:…`, one per credential issued.
    pub id: String,
    /// `["VerifiableCredential", "OpenBadgeCredential"]`.
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// The association.
    pub issuer: Profile,
    /// A name for people.
    pub name: String,
    /// From when it holds.
    #[serde(with = "rfc3339")]
    pub valid_from: DateTime<Utc>,
    /// Until when it holds: the renewal due date and its grace period.
    #[serde(
        with = "rfc3339::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_until: Option<DateTime<Utc>>,
    /// The date the endorsement was first awarded.
    #[serde(with = "rfc3339")]
    pub awarded_date: DateTime<Utc>,
    /// The holder and the achievement.
    pub credential_subject: Subject,
    /// Its place in the status list.
    pub credential_status: CredentialStatus,
    /// The decision.
    pub evidence: Vec<Evidence>,
}

/// What goes into one credential.
#[derive(Clone, Debug)]
pub struct CredentialFacts<'a> {
    /// Where the issuer publishes.
    pub addresses: &'a Addresses,
    /// The association's name.
    pub issuer_name: &'a str,
    /// The credential's own identifier (a UUID).
    pub credential_id: &'a str,
    /// The endorsement number.
    pub number: &'a str,
    /// The category's code.
    pub category: &'a str,
    /// The category's name.
    pub category_name: &'a str,
    /// What the category is (its scope of practice).
    pub category_description: &'a str,
    /// The holder's name.
    pub holder_name: &'a str,
    /// When the endorsement was awarded.
    pub awarded_at: DateTime<Utc>,
    /// From when this credential holds (issue time).
    pub valid_from: DateTime<Utc>,
    /// Until when it holds.
    pub valid_until: DateTime<Utc>,
    /// The endorsement's index in the status lists.
    pub status_index: u64,
    /// What the award rests on, when it is not this association's own peer
    /// review: the other association's name and endorsement number it
    /// recognises.
    pub recognises: Option<(&'a str, &'a str)>,
}

/// Whole seconds: what a JWT's dates can say.
fn whole_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    Utc.timestamp_opt(at.timestamp(), 0).single().unwrap_or(at)
}

/// The credential for these facts.
pub fn credential(facts: &CredentialFacts<'_>) -> Credential {
    let a = facts.addresses;
    let list = a.status_list(StatusPurpose::Message);
    let status = StatusEntry {
        id: format!("{list}#{}", facts.status_index),
        kind: "BitstringStatusListEntry".into(),
        status_purpose: StatusPurpose::Message,
        status_list_index: facts.status_index.to_string(),
        status_list_credential: list,
        status_size: Some(STATUS_SIZE),
        status_message: STATUS_MESSAGES
            .iter()
            .map(|(status, standing)| StatusMessage {
                status: (*status).into(),
                message: standing.message().into(),
            })
            .collect(),
    };
    Credential {
        context: vec![VC_CONTEXT.into(), OB_CONTEXT.into()],
        id: format!("urn:uuid:{}", facts.credential_id),
        types: vec!["VerifiableCredential".into(), "OpenBadgeCredential".into()],
        issuer: Profile {
            id: a.issuer(),
            types: vec!["Profile".into()],
            name: facts.issuer_name.into(),
            url: Some(a.base().into()),
            email: None,
        },
        name: format!("{} endorsement", facts.category_name),
        valid_from: whole_seconds(facts.valid_from),
        valid_until: Some(whole_seconds(facts.valid_until)),
        awarded_date: whole_seconds(facts.awarded_at),
        credential_subject: Subject {
            types: vec!["AchievementSubject".into()],
            identifier: vec![IdentityObject {
                kind: "IdentityObject".into(),
                identity_hash: facts.holder_name.into(),
                identity_type: "name".into(),
                hashed: false,
            }],
            license_number: facts.number.into(),
            achievement: Achievement {
                id: a.achievement(facts.category),
                types: vec!["Achievement".into()],
                achievement_type: "Certification".into(),
                name: facts.category_name.into(),
                description: format!("Scope of practice: {}.", facts.category_description),
                criteria: Criteria {
                    narrative: format!(
                        "Awarded by {} after peer review of a portfolio against the {} requirements of the association's rulebook.",
                        facts.issuer_name, facts.category
                    ),
                },
                human_code: facts.category.into(),
            },
        },
        credential_status: CredentialStatus::One(status),
        evidence: vec![Evidence {
            id: a.verify_number(facts.number),
            types: vec!["Evidence".into()],
            name: "Endorsement decision".into(),
            narrative: match facts.recognises {
                None => format!(
                    "The association decided to endorse on {} after peer review. The public check of endorsement {} is at this address.",
                    facts.awarded_at.format("%Y-%m-%d"),
                    facts.number
                ),
                Some((association, number)) => format!(
                    "The association decided to endorse on {} in recognition of endorsement {number} awarded by {association}, whose credential it verified. The public check of endorsement {} is at this address.",
                    facts.awarded_at.format("%Y-%m-%d"),
                    facts.number
                ),
            },
        }],
    }
}

impl Credential {
    /// The holder's name.
    pub fn holder_name(&self) -> &str {
        self.credential_subject
            .identifier
            .iter()
            .find(|i| i.identity_type == "name")
            .map_or("", |i| i.identity_hash.as_str())
    }

    /// The endorsement number.
    pub fn number(&self) -> &str {
        &self.credential_subject.license_number
    }

    /// The category's code and name.
    pub fn category(&self) -> (&str, &str) {
        let achievement = &self.credential_subject.achievement;
        (&achievement.human_code, &achievement.name)
    }
}

/// A signed payload: the registered JWT claims around the credential, so that
/// any JWT library also checks its dates.
#[derive(Serialize, Deserialize)]
struct Claims<T> {
    iss: String,
    jti: String,
    iat: i64,
    nbf: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exp: Option<i64>,
    #[serde(flatten)]
    body: T,
}

/// An Ed25519 signing key, as the server keeps it: the 32-byte seed.
#[cfg(feature = "sign")]
pub struct SigningKey {
    /// The key's identifier in the JWKS.
    pub kid: String,
    key: EncodingKey,
}

#[cfg(feature = "sign")]
impl SigningKey {
    /// The key with this identifier and 32-byte seed.
    pub fn from_seed(kid: &str, seed: &[u8; 32]) -> Self {
        // PKCS#8 v1 wrapping of an Ed25519 seed (RFC 8410): a fixed prefix.
        const PREFIX: [u8; 16] = [
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20,
        ];
        let mut der = Vec::with_capacity(48);
        der.extend_from_slice(&PREFIX);
        der.extend_from_slice(seed);
        Self {
            kid: kid.to_string(),
            key: EncodingKey::from_ed_der(&der),
        }
    }
}

/// The public half of a key, as a JWK (`OKP`, `Ed25519`).
pub fn public_jwk(kid: &str, public_key: &[u8; 32]) -> Jwk {
    Jwk {
        kty: "OKP".into(),
        crv: Some("Ed25519".into()),
        x: Some(URL_SAFE_NO_PAD.encode(public_key)),
        kid: Some(kid.to_string()),
        key_use: Some("sig".into()),
        alg: Some("EdDSA".into()),
    }
}

#[cfg(feature = "sign")]
fn sign<T: Serialize>(
    body: T,
    id: &str,
    issuer: &str,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
    key: &SigningKey,
) -> Result<String, jsonwebtoken::errors::Error> {
    let mut header = Header::new(Algorithm::EdDSA);
    header.typ = Some(JWT_TYPE.into());
    header.kid = Some(key.kid.clone());
    let claims = Claims {
        iss: issuer.into(),
        jti: id.into(),
        iat: valid_from.timestamp(),
        nbf: valid_from.timestamp(),
        exp: valid_until.map(|at| at.timestamp()),
        body,
    };
    jsonwebtoken::encode(&header, &claims, &key.key)
}

/// The credential, signed as a VC-JWT.
#[cfg(feature = "sign")]
pub fn sign_credential(
    credential: &Credential,
    key: &SigningKey,
) -> Result<String, jsonwebtoken::errors::Error> {
    sign(
        credential,
        &credential.id,
        &credential.issuer.id,
        credential.valid_from,
        credential.valid_until,
        key,
    )
}

/// Why a credential is not genuine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotGenuine {
    /// Not a JWT at all, or not one of ours.
    Malformed(String),
    /// Signed with a key the issuer never published.
    UnknownKey(String),
    /// The signature does not match the content: it was changed, or signed
    /// by someone else.
    BadSignature,
    /// Names another issuer.
    WrongIssuer(String),
    /// A status list that is not what the credential points to.
    BadStatusList(String),
}

impl NotGenuine {
    /// Why, in the person's language (the technical detail stays as it is).
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            NotGenuine::Malformed(why) => Text::new("not-genuine-malformed").with("detail", why),
            NotGenuine::UnknownKey(kid) => Text::new("not-genuine-unknown-key").with("key", kid),
            NotGenuine::BadSignature => Text::new("not-genuine-bad-signature"),
            NotGenuine::WrongIssuer(issuer) => {
                Text::new("not-genuine-wrong-issuer").with("issuer", issuer)
            }
            NotGenuine::BadStatusList(why) => {
                Text::new("not-genuine-bad-status-list").with("detail", why)
            }
        }
    }
}

impl fmt::Display for NotGenuine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotGenuine::Malformed(why) => write!(f, "it is not a credential this issuer signs: {why}"),
            NotGenuine::UnknownKey(kid) => write!(
                f,
                "it is signed with a key (\"{kid}\") this issuer has never published"
            ),
            NotGenuine::BadSignature => f.write_str(
                "its signature does not match its content: it was altered after signing, or signed by someone else",
            ),
            NotGenuine::WrongIssuer(issuer) => {
                write!(f, "it names another issuer (\"{issuer}\")")
            }
            NotGenuine::BadStatusList(why) => write!(f, "its status list cannot be trusted: {why}"),
        }
    }
}

/// A JSON Web Key as a JWKS publishes it. Only Ed25519 keys (`OKP`) are
/// ever used; others are read and left unused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    /// The key type (`OKP` for Ed25519).
    pub kty: String,
    /// The curve (`Ed25519`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    /// The public key, base64url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    /// The key's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// What the key is for (`sig`).
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub key_use: Option<String>,
    /// The algorithm (`EdDSA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
}

/// A JWK set (RFC 7517): the keys an issuer signs with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwkSet {
    /// The keys.
    pub keys: Vec<Jwk>,
}

impl JwkSet {
    /// The key with this identifier.
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|k| k.kid.as_deref() == Some(kid))
    }
}

/// The header of a JWS, as far as it is read.
#[derive(Deserialize)]
struct JwsHeader {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

/// Checks the signature and the issuer, and reads the payload. Dates and status
/// are left to [`verdict`]: a genuine credential may still be expired.
///
/// The signature is checked with ed25519-dalek directly (RFC 8032, strict), so
/// the web app carries no general JWT library; the server signs with
/// jsonwebtoken, and a test keeps the two agreeing.
fn verify<T: for<'de> Deserialize<'de>>(
    jwt: &str,
    keys: &JwkSet,
    issuer: &str,
) -> Result<Claims<T>, NotGenuine> {
    let jwt = jwt.trim();
    if jwt.len() > MAX_JWT_CHARS {
        return Err(NotGenuine::Malformed(format!(
            "it is longer than {MAX_JWT_CHARS} characters"
        )));
    }
    let no_header = || NotGenuine::Malformed("it has no readable JWT header".into());
    let mut parts = jwt.split('.');
    let (Some(head), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(no_header());
    };
    let header: JwsHeader = URL_SAFE_NO_PAD
        .decode(head)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(no_header)?;
    if header.alg != "EdDSA" {
        return Err(NotGenuine::Malformed(format!(
            "it is signed with {}, not EdDSA",
            header.alg
        )));
    }
    let kid = header
        .kid
        .ok_or_else(|| NotGenuine::Malformed("its header names no key".into()))?;
    let jwk = keys
        .find(&kid)
        .ok_or_else(|| NotGenuine::UnknownKey(kid.clone()))?;
    let key = verifying_key(jwk).ok_or_else(|| NotGenuine::UnknownKey(kid.clone()))?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| NotGenuine::Malformed("its signature is not base64url".into()))?;
    let signature =
        ed25519_dalek::Signature::from_slice(&signature).map_err(|_| NotGenuine::BadSignature)?;
    let signed = &jwt[..head.len() + 1 + payload.len()];
    key.verify_strict(signed.as_bytes(), &signature)
        .map_err(|_| NotGenuine::BadSignature)?;
    let payload = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| NotGenuine::Malformed("its content is not base64url".into()))?;
    let claims: Claims<T> = serde_json::from_slice(&payload)
        .map_err(|why| NotGenuine::Malformed(format!("its content is not a credential ({why})")))?;
    if claims.iss != issuer {
        return Err(NotGenuine::WrongIssuer(claims.iss));
    }
    Ok(claims)
}

/// An Ed25519 public key from a JWK, if it is one (of the right length, and
/// a point on the curve).
fn verifying_key(jwk: &Jwk) -> Option<ed25519_dalek::VerifyingKey> {
    if jwk.kty != "OKP" || jwk.crv.as_deref() != Some("Ed25519") {
        return None;
    }
    let bytes: [u8; 32] = URL_SAFE_NO_PAD
        .decode(jwk.x.as_deref()?)
        .ok()?
        .try_into()
        .ok()?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()
}

/// Checks a credential's signature against the issuer's published keys.
pub fn verify_credential(jwt: &str, keys: &JwkSet, issuer: &str) -> Result<Credential, NotGenuine> {
    let claims = verify::<Credential>(jwt, keys, issuer)?;
    let credential = claims.body;
    if credential.issuer.id != issuer {
        return Err(NotGenuine::WrongIssuer(credential.issuer.id));
    }
    if !credential.types.iter().any(|t| t == "OpenBadgeCredential") {
        return Err(NotGenuine::Malformed(
            "it is not an Open Badges credential".into(),
        ));
    }
    Ok(credential)
}

/// A status list's subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusListSubject {
    /// `<list address>#list`.
    pub id: String,
    /// `BitstringStatusList`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What a set bit means.
    pub status_purpose: StatusPurpose,
    /// The bits: GZIP, then base64url with the multibase prefix `u`.
    pub encoded_list: String,
}

/// A Bitstring Status List credential.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusListCredential {
    /// The JSON-LD contexts.
    #[serde(rename = "@context")]
    pub context: Vec<String>,
    /// The list's address.
    pub id: String,
    /// `["VerifiableCredential", "BitstringStatusListCredential"]`.
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// The issuer's identifier.
    pub issuer: String,
    /// When this copy was made.
    #[serde(with = "rfc3339")]
    pub valid_from: DateTime<Utc>,
    /// The list.
    pub credential_subject: StatusListSubject,
}

/// The bits of a status list, index 0 the leftmost bit of the first byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitstring(Vec<u8>);

impl Bitstring {
    /// A list with these indexes set, at least [`STATUS_LIST_MIN_BITS`] long.
    pub fn with_set(indexes: impl IntoIterator<Item = u64>) -> Self {
        let indexes: Vec<u64> = indexes.into_iter().collect();
        let highest = indexes.iter().copied().max().unwrap_or(0);
        let bits = usize::try_from(highest + 1)
            .unwrap_or(usize::MAX)
            .max(STATUS_LIST_MIN_BITS);
        let mut bytes = vec![0u8; bits.div_ceil(8)];
        for index in indexes {
            if let Ok(i) = usize::try_from(index) {
                bytes[i / 8] |= 0x80 >> (i % 8);
            }
        }
        Self(bytes)
    }

    /// A list of `size`-bit values, `(index, value)` set and every other 0,
    /// at least [`STATUS_LIST_MIN_BITS`] long. A value wider than `size` bits
    /// keeps its low bits.
    pub fn with_values(size: u32, values: impl IntoIterator<Item = (u64, u8)>) -> Self {
        let size = u64::from(size.clamp(1, 8));
        let values: Vec<(u64, u8)> = values.into_iter().collect();
        let highest = values.iter().map(|(i, _)| *i).max().unwrap_or(0);
        let bits = usize::try_from((highest + 1) * size)
            .unwrap_or(usize::MAX)
            .max(STATUS_LIST_MIN_BITS);
        let mut bytes = vec![0u8; bits.div_ceil(8)];
        for (index, value) in values {
            for bit in 0..size {
                // The most significant bit of the value comes first.
                let shift = u32::try_from(size - 1 - bit).unwrap_or(0);
                if (value >> shift) & 1 == 1 {
                    if let Ok(at) = usize::try_from(index * size + bit) {
                        bytes[at / 8] |= 0x80 >> (at % 8);
                    }
                }
            }
        }
        Self(bytes)
    }

    /// The `size`-bit value at `index`; `None` past the end.
    pub fn value(&self, index: u64, size: u32) -> Option<u8> {
        let size = u64::from(size.clamp(1, 8));
        let mut value = 0u8;
        for bit in 0..size {
            let set = self.get(index.checked_mul(size)?.checked_add(bit)?)?;
            value = (value << 1) | u8::from(set);
        }
        Some(value)
    }

    /// Whether the bit at `index` is set; `None` past the end.
    pub fn get(&self, index: u64) -> Option<bool> {
        let i = usize::try_from(index).ok()?;
        let byte = self.0.get(i / 8)?;
        Some(byte & (0x80 >> (i % 8)) != 0)
    }

    /// GZIP, base64url, multibase `u`.
    pub fn encode(&self) -> String {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail.
        let _ = gz.write_all(&self.0);
        let compressed = gz.finish().unwrap_or_default();
        format!("u{}", URL_SAFE_NO_PAD.encode(compressed))
    }

    /// The list an `encodedList` holds.
    pub fn decode(encoded: &str) -> Result<Self, String> {
        let body = encoded
            .strip_prefix('u')
            .ok_or("the list is not multibase base64url (it must start with 'u')")?;
        let compressed = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| "the list is not valid base64url".to_string())?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(compressed.as_slice())
            .take(STATUS_LIST_MAX_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| "the list is not GZIP-compressed".to_string())?;
        if bytes.len() > STATUS_LIST_MAX_BYTES {
            return Err(format!(
                "the list is larger than {STATUS_LIST_MAX_BYTES} bytes"
            ));
        }
        Ok(Self(bytes))
    }
}

/// The status list credential for a purpose: `values` gives each listed
/// index its value (1 for a set bit; 0 to 3 in the `message` list).
pub fn status_list(
    addresses: &Addresses,
    purpose: StatusPurpose,
    values: impl IntoIterator<Item = (u64, u8)>,
    now: DateTime<Utc>,
) -> StatusListCredential {
    let id = addresses.status_list(purpose);
    StatusListCredential {
        context: vec![VC_CONTEXT.into()],
        credential_subject: StatusListSubject {
            id: format!("{id}#list"),
            kind: "BitstringStatusList".into(),
            status_purpose: purpose,
            encoded_list: Bitstring::with_values(purpose.size(), values).encode(),
        },
        id,
        types: vec![
            "VerifiableCredential".into(),
            "BitstringStatusListCredential".into(),
        ],
        issuer: addresses.issuer(),
        valid_from: whole_seconds(now),
    }
}

/// The status list, signed as a VC-JWT.
#[cfg(feature = "sign")]
pub fn sign_status_list(
    list: &StatusListCredential,
    key: &SigningKey,
) -> Result<String, jsonwebtoken::errors::Error> {
    sign(list, &list.id, &list.issuer, list.valid_from, None, key)
}

/// Checks a status list's signature and that it is the list `entry` points to,
/// and reads where the entry puts the credential.
pub fn status_of(
    jwt: &str,
    keys: &JwkSet,
    issuer: &str,
    entry: &StatusEntry,
) -> Result<Standing, NotGenuine> {
    let bad = |why: &str| NotGenuine::BadStatusList(why.to_string());
    let list = verify::<StatusListCredential>(jwt, keys, issuer)
        .map_err(|why| NotGenuine::BadStatusList(why.to_string()))?
        .body;
    if list.id != entry.status_list_credential {
        return Err(bad("it is not the list the credential points to"));
    }
    if list.credential_subject.status_purpose != entry.status_purpose {
        return Err(bad("it is for another purpose"));
    }
    if entry.size() != entry.status_purpose.size() {
        return Err(bad("the credential's status size is not the list's"));
    }
    let index: u64 = entry
        .status_list_index
        .parse()
        .map_err(|_| bad("the credential's index is not a number"))?;
    let bits = Bitstring::decode(&list.credential_subject.encoded_list).map_err(|why| bad(&why))?;
    let value = bits
        .value(index, entry.size())
        .ok_or_else(|| bad("the credential's index is past the end of the list"))?;
    entry
        .standing(value)
        .ok_or_else(|| bad("the list holds a value the credential does not explain"))
}

/// Where several entries put a credential: revoked outweighs suspended,
/// suspended outweighs valid.
pub fn combined(standings: impl IntoIterator<Item = Standing>) -> Standing {
    standings
        .into_iter()
        .max_by_key(|s| s.value())
        .unwrap_or(Standing::Valid)
}

/// The plain answer a verifier gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Genuine, in its validity window, neither revoked nor suspended.
    Valid,
    /// Genuine, but its validity window has passed.
    Expired,
    /// Genuine, but not valid yet.
    NotYetValid,
    /// Genuine, but suspended (or otherwise not in good standing) for now.
    Suspended,
    /// Genuine, but revoked for good.
    Revoked,
    /// Not genuine.
    NotGenuine(NotGenuine),
}

impl Verdict {
    /// The answer, in the person's language.
    pub fn headline_text(&self) -> crate::i18n::Text {
        crate::i18n::Text::new(match self {
            Verdict::Valid => "verdict-valid",
            Verdict::Expired => "verdict-expired",
            Verdict::NotYetValid => "verdict-not-yet-valid",
            Verdict::Suspended => "verdict-suspended",
            Verdict::Revoked => "verdict-revoked",
            Verdict::NotGenuine(_) => "verdict-not-genuine",
        })
    }

    /// Why, in a sentence.
    pub fn explanation(&self, credential: Option<&Credential>) -> crate::i18n::Text {
        use crate::i18n::Text;
        let until = credential
            .and_then(|c| c.valid_until)
            .map(|at| at.date_naive());
        let from = credential.map(|c| c.valid_from.date_naive());
        let dated = |key: &'static str, day: Option<chrono::NaiveDate>| match day {
            Some(day) => Text::new(key).with("day", day),
            None => Text::new(key).with("day", "—"),
        };
        match self {
            Verdict::Valid => dated("verdict-valid-why", until),
            Verdict::Expired => dated("verdict-expired-why", until),
            Verdict::NotYetValid => dated("verdict-not-yet-valid-why", from),
            Verdict::Suspended => Text::new("verdict-suspended-why"),
            Verdict::Revoked => Text::new("verdict-revoked-why"),
            Verdict::NotGenuine(why) => {
                Text::new("verdict-not-genuine-why").with("why", why.text())
            }
        }
    }
}

/// The answer for a genuine credential, given where its status lists put it
/// and the time. Revocation outweighs everything; an expired credential reads
/// as expired even when it is also suspended (a lapsed endorsement is both).
pub fn verdict(credential: &Credential, standing: Standing, now: DateTime<Utc>) -> Verdict {
    if standing == Standing::Revoked {
        Verdict::Revoked
    } else if credential.valid_until.is_some_and(|until| now > until) {
        Verdict::Expired
    } else if standing == Standing::Suspended {
        Verdict::Suspended
    } else if now < credential.valid_from {
        Verdict::NotYetValid
    } else {
        Verdict::Valid
    }
}

/// Whether the text is a readable copy of a credential rather than the signed
/// one (people paste the `.json` download).
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// The payload of a JWT, readable, without checking anything: for the holder's
/// `.json` download, never for deciding.
pub fn readable_payload(jwt: &str) -> Option<serde_json::Value> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(all(test, feature = "sign"))]
mod tests {
    use super::*;
    use chrono::Duration;

    fn key(kid: &str, seed: u8) -> (SigningKey, Jwk) {
        let seed = [seed; 32];
        let public = ed25519_public(&seed);
        (SigningKey::from_seed(kid, &seed), public_jwk(kid, &public))
    }

    /// The public key for a seed (jsonwebtoken has no derivation of its own).
    fn ed25519_public(seed: &[u8; 32]) -> [u8; 32] {
        ed25519_dalek::SigningKey::from_bytes(seed)
            .verifying_key()
            .to_bytes()
    }

    fn facts<'a>(addresses: &'a Addresses, now: DateTime<Utc>) -> CredentialFacts<'a> {
        CredentialFacts {
            addresses,
            issuer_name: "Alliance for Infant Mental Health",
            credential_id: "00000000-0000-4000-8000-000000000001",
            number: "AL-IFS-2026-0001",
            category: "IFS",
            category_name: "Infant Family Specialist",
            category_description: "Works with families.",
            holder_name: "Ada Lovelace",
            awarded_at: now,
            valid_from: now,
            valid_until: now + Duration::days(60),
            status_index: 7,
            recognises: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_signed_credential_verifies_and_reads_back() {
        let addresses = Addresses::new("https://endorse.example.org/");
        let (signing, jwk) = key("k1", 1);
        let keys = JwkSet { keys: vec![jwk] };
        let credential = credential(&facts(&addresses, now()));
        let jwt = sign_credential(&credential, &signing).unwrap_or_default();
        let read = verify_credential(&jwt, &keys, &addresses.issuer());
        assert_eq!(read, Ok(credential.clone()));
        assert_eq!(credential.holder_name(), "Ada Lovelace");
        assert_eq!(credential.number(), "AL-IFS-2026-0001");
        let header = jsonwebtoken::decode_header(&jwt).ok();
        assert_eq!(
            header.as_ref().and_then(|h| h.typ.as_deref()),
            Some("vc+jwt")
        );
        assert_eq!(header.and_then(|h| h.kid), Some("k1".into()));
        assert_eq!(verdict(&credential, Standing::Valid, now()), Verdict::Valid);
    }

    #[test]
    fn tampering_a_wrong_key_and_another_issuer_are_not_genuine() {
        let addresses = Addresses::new("https://endorse.example.org");
        let (signing, jwk) = key("k1", 1);
        let keys = JwkSet { keys: vec![jwk] };
        let credential = credential(&facts(&addresses, now()));
        let jwt = sign_credential(&credential, &signing).unwrap_or_default();

        // Change the holder's name in the payload, keep the signature.
        let mut parts: Vec<String> = jwt.split('.').map(String::from).collect();
        let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(&parts[1]).unwrap_or_default())
            .unwrap_or_default()
            .replace("Ada Lovelace", "Eve Mallory");
        parts[1] = URL_SAFE_NO_PAD.encode(payload);
        let tampered = parts.join(".");
        assert_eq!(
            verify_credential(&tampered, &keys, &addresses.issuer()),
            Err(NotGenuine::BadSignature)
        );

        // The same kid, another key.
        let (forger, _) = key("k1", 2);
        let forged = sign_credential(&credential, &forger).unwrap_or_default();
        assert_eq!(
            verify_credential(&forged, &keys, &addresses.issuer()),
            Err(NotGenuine::BadSignature)
        );
        // A key the issuer never published.
        let (stranger, _) = key("k9", 3);
        let unknown = sign_credential(&credential, &stranger).unwrap_or_default();
        assert_eq!(
            verify_credential(&unknown, &keys, &addresses.issuer()),
            Err(NotGenuine::UnknownKey("k9".into()))
        );
        // Genuine, but checked against another issuer.
        assert!(matches!(
            verify_credential(&jwt, &keys, "https://other.example/api/v1/issuer"),
            Err(NotGenuine::WrongIssuer(_))
        ));
        // Rubbish.
        for junk in ["", "abc", "a.b.c", "{\"a\":1}"] {
            assert!(matches!(
                verify_credential(junk, &keys, &addresses.issuer()),
                Err(NotGenuine::Malformed(_))
            ));
        }
        // A JWK with a short key is refused, not a panic.
        let mut short = public_jwk("k1", &[0; 32]);
        short.x = Some("AAAA".into());
        let short_keys = JwkSet { keys: vec![short] };
        assert_eq!(
            verify_credential(&jwt, &short_keys, &addresses.issuer()),
            Err(NotGenuine::UnknownKey("k1".into()))
        );
    }

    /// What jsonwebtoken (the server's JWT library) makes of a token with a
    /// set of keys: the claims if it verifies, else nothing.
    fn jsonwebtoken_reads(jwt: &str, keys: &JwkSet) -> Option<serde_json::Value> {
        let header = jsonwebtoken::decode_header(jwt).ok()?;
        if header.alg != Algorithm::EdDSA {
            return None;
        }
        let jwk = keys.find(header.kid.as_deref()?)?;
        if jwk.kty != "OKP" || jwk.crv.as_deref() != Some("Ed25519") {
            return None;
        }
        let x = URL_SAFE_NO_PAD.decode(jwk.x.as_deref()?).ok()?;
        if x.len() != 32 {
            return None;
        }
        let key = jsonwebtoken::DecodingKey::from_ed_der(&x);
        let mut validation = jsonwebtoken::Validation::new(Algorithm::EdDSA);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims = std::collections::HashSet::new();
        jsonwebtoken::decode::<serde_json::Value>(jwt, &key, &validation)
            .ok()
            .map(|data| data.claims)
    }

    /// The web app's verifier (ed25519-dalek) and jsonwebtoken accept and
    /// refuse the same tokens, and read the same claims from those they
    /// accept.
    #[test]
    fn the_browsers_verifier_and_jsonwebtoken_agree() {
        let addresses = Addresses::new("https://endorse.example.org");
        let issuer = addresses.issuer();
        let (signing, jwk) = key("k1", 1);
        let (other, other_jwk) = key("k2", 2);
        let keys = JwkSet {
            keys: vec![jwk.clone(), other_jwk],
        };
        let credential = credential(&facts(&addresses, now()));
        let genuine = sign_credential(&credential, &signing).unwrap_or_default();
        let by_other = sign_credential(&credential, &other).unwrap_or_default();
        let (forger, _) = key("k1", 9);
        let forged = sign_credential(&credential, &forger).unwrap_or_default();
        let parts: Vec<&str> = genuine.split('.').collect();
        let tamper = |index: usize, from: &str, to: &str| {
            let mut changed: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            let text = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[index]).unwrap_or_default())
                .unwrap_or_default()
                .replace(from, to);
            changed[index] = URL_SAFE_NO_PAD.encode(text);
            changed.join(".")
        };
        let mut flipped: Vec<u8> = URL_SAFE_NO_PAD.decode(parts[2]).unwrap_or_default();
        flipped[10] ^= 1;
        let bad_signature = format!(
            "{}.{}.{}",
            parts[0],
            parts[1],
            URL_SAFE_NO_PAD.encode(&flipped)
        );
        let hs256 = jsonwebtoken::encode(
            &Header {
                kid: Some("k1".into()),
                ..Header::new(Algorithm::HS256)
            },
            &serde_json::json!({ "iss": issuer, "jti": "x", "iat": 0, "nbf": 0 }),
            &EncodingKey::from_secret(b"a secret anyone could guess"),
        )
        .unwrap_or_default();
        let tokens = [
            genuine.clone(),
            by_other,
            forged,
            tamper(1, "Ada Lovelace", "Eve Mallory"),
            tamper(0, "k1", "k2"),
            tamper(0, "EdDSA", "none"),
            bad_signature,
            format!("{}.{}.", parts[0], parts[1]),
            format!("{}.{}", parts[0], parts[1]),
            format!("{genuine}.extra"),
            hs256,
            String::new(),
            "a.b.c".into(),
        ];
        for (n, token) in tokens.iter().enumerate() {
            let ours = verify::<serde_json::Value>(token, &keys, &issuer).ok();
            let theirs = jsonwebtoken_reads(token, &keys);
            let ours = ours.map(|claims| serde_json::to_value(&claims).unwrap_or_default());
            assert_eq!(ours, theirs, "token {n} read differently");
        }
        assert!(jsonwebtoken_reads(&genuine, &keys).is_some());
        // A key the set lacks, or a short one: both refuse.
        let mut short = jwk;
        short.x = Some("AAAA".into());
        for keys in [JwkSet::default(), JwkSet { keys: vec![short] }] {
            assert!(verify::<serde_json::Value>(&genuine, &keys, &issuer).is_err());
            assert!(jsonwebtoken_reads(&genuine, &keys).is_none());
        }
    }

    #[test]
    fn dates_and_standing_decide_the_verdict() {
        let addresses = Addresses::new("https://endorse.example.org");
        let credential = credential(&facts(&addresses, now()));
        let later = now() + Duration::days(61);
        let (valid, suspended, revoked) = (Standing::Valid, Standing::Suspended, Standing::Revoked);
        assert_eq!(verdict(&credential, valid, later), Verdict::Expired);
        assert_eq!(verdict(&credential, suspended, later), Verdict::Expired);
        assert_eq!(verdict(&credential, revoked, later), Verdict::Revoked);
        assert_eq!(verdict(&credential, suspended, now()), Verdict::Suspended);
        assert_eq!(
            verdict(&credential, valid, now() - Duration::seconds(1)),
            Verdict::NotYetValid
        );
        // The last second of the window still counts.
        let last = now() + Duration::days(60);
        assert_eq!(verdict(&credential, valid, last), Verdict::Valid);
        assert_eq!(combined([valid, revoked, suspended]), revoked);
        assert_eq!(combined([]), valid);
    }

    #[test]
    fn a_credential_has_one_status_entry_that_tells_all_three_apart() {
        let addresses = Addresses::new("https://endorse.example.org");
        let credential = credential(&facts(&addresses, now()));
        let json = serde_json::to_value(&credential).unwrap_or_default();
        let status = &json["credentialStatus"];
        assert!(status.is_object(), "one object, not a list: {status}");
        assert_eq!(status["type"], "BitstringStatusListEntry");
        assert_eq!(status["statusPurpose"], "message");
        assert_eq!(status["statusSize"], 2);
        assert_eq!(
            status["statusListCredential"],
            "https://endorse.example.org/api/v1/status-lists/message"
        );
        assert_eq!(status["statusMessage"][2]["status"], "0x2");
        assert_eq!(status["statusMessage"][2]["message"], "revoked");
        // Evidence a verifier can open: the public check of the number.
        assert_eq!(
            json["evidence"][0]["id"],
            "https://endorse.example.org/verify/AL-IFS-2026-0001"
        );
    }

    #[test]
    fn a_credential_issued_with_two_entries_still_reads() {
        let addresses = Addresses::new("https://endorse.example.org");
        let mut json =
            serde_json::to_value(credential(&facts(&addresses, now()))).unwrap_or_default();
        let entry = |purpose: &str| {
            serde_json::json!({
                "id": format!("https://endorse.example.org/api/v1/status-lists/{purpose}#4"),
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": "4",
                "statusListCredential": format!("https://endorse.example.org/api/v1/status-lists/{purpose}"),
            })
        };
        json["credentialStatus"] = serde_json::json!([entry("revocation"), entry("suspension")]);
        let old: Credential = serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"));
        let entries = old.credential_status.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].standing(1), Some(Standing::Revoked));
        assert_eq!(entries[1].standing(1), Some(Standing::Suspended));
        assert_eq!(entries[1].standing(0), Some(Standing::Valid));
    }

    #[test]
    fn a_status_list_round_trips_and_is_checked_against_the_entry() {
        let addresses = Addresses::new("https://endorse.example.org");
        let (signing, jwk) = key("k1", 1);
        let keys = JwkSet { keys: vec![jwk] };
        let credential = credential(&facts(&addresses, now()));
        let entry = credential.credential_status.entries()[0].clone();
        let issuer = addresses.issuer();
        let list = |values: Vec<(u64, u8)>| {
            let list = status_list(&addresses, StatusPurpose::Message, values, now());
            sign_status_list(&list, &signing).unwrap_or_default()
        };
        // The facts give index 7.
        assert_eq!(
            status_of(&list(vec![(3, 2), (8, 1)]), &keys, &issuer, &entry),
            Ok(Standing::Valid)
        );
        assert_eq!(
            status_of(&list(vec![(7, 1)]), &keys, &issuer, &entry),
            Ok(Standing::Suspended)
        );
        assert_eq!(
            status_of(&list(vec![(7, 2)]), &keys, &issuer, &entry),
            Ok(Standing::Revoked)
        );
        // A value the entry does not explain is not trusted.
        assert!(matches!(
            status_of(&list(vec![(7, 3)]), &keys, &issuer, &entry),
            Err(NotGenuine::BadStatusList(_))
        ));
        // Another purpose's list cannot stand in for it.
        let other = status_list(&addresses, StatusPurpose::Suspension, [(7, 1)], now());
        let jwt = sign_status_list(&other, &signing).unwrap_or_default();
        assert!(matches!(
            status_of(&jwt, &keys, &issuer, &entry),
            Err(NotGenuine::BadStatusList(_))
        ));
    }

    #[test]
    fn bitstrings_are_left_to_right_and_at_least_16_kib() {
        let bits = Bitstring::with_values(1, [(0, 1), (9, 1), (200_000, 1)]);
        assert_eq!(bits.0[0], 0x80);
        assert_eq!(bits.0[1], 0x40);
        assert_eq!(bits.get(0), Some(true));
        assert_eq!(bits.get(1), Some(false));
        assert_eq!(bits.get(200_000), Some(true));
        assert_eq!(bits.get(200_008), None);
        let empty = Bitstring::with_values(2, []);
        assert_eq!(empty.0.len(), STATUS_LIST_MIN_BITS / 8);
        let decoded = Bitstring::decode(&bits.encode());
        assert_eq!(decoded, Ok(bits));
        assert!(Bitstring::decode("xabc").is_err());
        assert!(Bitstring::decode("u!!!").is_err());
        assert!(Bitstring::decode("uAAAA").is_err());
        // Two bits a value, the most significant first: index 1 holds 0b10.
        let pairs = Bitstring::with_values(2, [(1, 2), (2, 1)]);
        assert_eq!(pairs.0[0], 0b0010_0100);
        assert_eq!(pairs.value(1, 2), Some(2));
        assert_eq!(pairs.value(2, 2), Some(1));
        assert_eq!(pairs.value(0, 2), Some(0));
    }

    #[test]
    fn a_gzip_bomb_is_refused() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..17 {
            let _ = gz.write_all(&zeros);
        }
        let compressed = gz.finish().unwrap_or_default();
        let encoded = format!("u{}", URL_SAFE_NO_PAD.encode(compressed));
        assert!(Bitstring::decode(&encoded).is_err());
    }
}
