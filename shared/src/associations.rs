//! Associations: the state and national bodies that each run the Endorsement
//! on one deployment, apart from each other.

use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// The longest association code.
pub const CODE_MAX_CHARS: usize = 20;

/// Whether `code` can name an association: 2 to 20 characters, lowercase
/// ASCII letters and digits, starting with a letter (`mi`, `ny`, `ie`). The
/// code is the `/a/{code}/` path, the name of its database file or schema and
/// part of its PostgreSQL role, so nothing else is allowed in it.
pub fn is_code(code: &str) -> bool {
    let mut chars = code.chars();
    matches!(chars.next(), Some(first) if first.is_ascii_lowercase())
        && (2..=CODE_MAX_CHARS).contains(&code.len())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// Whether `host` is a host name an association can have (`mi.example.org`,
/// `mi.localhost`): lowercase labels of letters, digits and hyphens, dot
/// separated, no port.
pub fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// Whether `colour` is a `#rrggbb` colour.
pub fn is_colour(colour: &str) -> bool {
    colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// What anyone may know about the association an address serves: what the
/// app needs to show itself in its colours, name and language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssociationProfile {
    /// The short code (`mi`).
    pub code: String,
    /// The association's name.
    pub name: String,
    /// Where people reach it, without a trailing slash.
    pub public_url: String,
    /// The path the app and the API live under on that address: `""` on an
    /// address of its own, `/a/{code}` on a shared one.
    pub base_path: String,
    /// The IANA time zone its days are counted in (`America/Detroit`).
    pub time_zone: String,
    /// The ISO 4217 currency its fees are in (`USD`).
    pub currency: String,
    /// The language people see when they have not chosen (`en` or `es`).
    pub language: String,
    /// The main colour, `#rrggbb`.
    pub primary_colour: String,
    /// The second colour, `#rrggbb`.
    pub accent_colour: String,
    /// The logo as a `data:` URL, if it has one.
    pub logo: Option<String>,
}

/// The relative luminance of a `#rrggbb` colour (WCAG 2.x).
pub fn luminance(colour: &str) -> Option<f64> {
    if !is_colour(colour) {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let value = f64::from(u8::from_str_radix(colour.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if value <= 0.039_28 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(1)? + 0.7152 * channel(3)? + 0.0722 * channel(5)?)
}

/// The contrast ratio of a colour against white (WCAG 2.x): the app writes
/// white text on both colours, so each must reach 4.5.
pub fn contrast_with_white(colour: &str) -> Option<f64> {
    luminance(colour).map(|l| 1.05 / (l + 0.05))
}

/// The least contrast with white an association's colours must have.
pub const MIN_CONTRAST: f64 = 4.5;

/// The languages an association may choose as its default.
pub const LANGUAGES: [&str; 2] = ["en", "es"];

/// The largest logo, as a `data:` URL.
/// (The whole request must fit the API's 64 KiB JSON limit.)
pub const LOGO_MAX_BYTES: usize = 48 * 1024;

/// What an association's admins see and change of its settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssociationSettings {
    /// What everyone sees.
    pub profile: AssociationProfile,
    /// The sender of its e-mail.
    pub mail_from: String,
    /// Where replies go; the contact referees are given.
    pub mail_reply_to: String,
    /// The signature under every message.
    pub mail_signature: String,
    /// Whether it sends through an SMTP server of its own (its address is
    /// never shown again once saved).
    pub own_smtp: bool,
    /// Whether its public registry takes part in the search across
    /// associations.
    pub registry_shared: bool,
    /// The version, for `If-Match`.
    pub version: i64,
}

/// A change to an association's settings (every field; `smtp_url` is kept
/// when absent or null, removed when empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssociationSettingsRequest {
    /// Its name (1 to 120 characters).
    pub name: String,
    /// An IANA time zone (`America/Detroit`).
    pub time_zone: String,
    /// An ISO 4217 code (`USD`).
    pub currency: String,
    /// `en` or `es`.
    pub language: String,
    /// `#rrggbb`, with white text readable on it (4.5:1).
    pub primary_colour: String,
    /// `#rrggbb`, likewise.
    pub accent_colour: String,
    /// A PNG or SVG logo as a `data:` URL, at most 48 KB, or none.
    #[serde(default)]
    pub logo: Option<String>,
    /// The sender address.
    pub mail_from: String,
    /// The reply-to address.
    pub mail_reply_to: String,
    /// The signature (at most 500 characters).
    pub mail_signature: String,
    /// `smtp://…` or `smtps://…` of its own server; empty removes it.
    #[serde(default)]
    pub smtp_url: Option<String>,
    /// Whether its registry is in the search across associations.
    pub registry_shared: bool,
}

impl AssociationSettingsRequest {
    /// What is wrong with it, by field (the time zone is checked by the
    /// server, which has the zone database).
    pub fn problems(&self) -> std::collections::BTreeMap<String, Text> {
        let mut problems = std::collections::BTreeMap::new();
        let mut say = |field: &str, message: Text| {
            problems.insert(field.to_string(), message);
        };
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
            say("name", Text::new("association-name-rule"));
        }
        if !(self.currency.len() == 3 && self.currency.chars().all(|c| c.is_ascii_uppercase())) {
            say("currency", Text::new("association-currency-rule"));
        }
        if !LANGUAGES.contains(&self.language.as_str()) {
            say("language", Text::new("association-language-rule"));
        }
        for (field, colour) in [
            ("primary_colour", &self.primary_colour),
            ("accent_colour", &self.accent_colour),
        ] {
            match contrast_with_white(colour) {
                None => say(field, Text::new("association-colour-rule")),
                Some(ratio) if ratio < MIN_CONTRAST => say(
                    field,
                    Text::new("association-colour-contrast")
                        .with("ratio", format!("{ratio:.1}"))
                        .with("needed", format!("{MIN_CONTRAST}")),
                ),
                Some(_) => {}
            }
        }
        if let Some(logo) = &self.logo {
            let allowed = ["data:image/png;base64,", "data:image/svg+xml;base64,"];
            if !allowed.iter().any(|prefix| logo.starts_with(prefix)) {
                say("logo", Text::new("association-logo-kind"));
            } else if logo.len() > LOGO_MAX_BYTES {
                say(
                    "logo",
                    Text::new("association-logo-size").with("kb", LOGO_MAX_BYTES / 1024),
                );
            }
        }
        for (field, address) in [
            ("mail_from", &self.mail_from),
            ("mail_reply_to", &self.mail_reply_to),
        ] {
            if !validator::ValidateEmail::validate_email(&crate::validation::normalize_email(
                address,
            )) {
                say(field, Text::new("field-email"));
            }
        }
        let signature = self.mail_signature.trim();
        if signature.is_empty() || signature.chars().count() > 500 {
            say(
                "mail_signature",
                Text::new("field-length-between")
                    .with("min", 1)
                    .with("max", 500),
            );
        }
        if let Some(url) = self.smtp_url.as_deref().filter(|u| !u.is_empty()) {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://"))
                || url.chars().any(char::is_whitespace)
            {
                say("smtp_url", Text::new("association-smtp-rule"));
            }
        }
        problems
    }
}

/// What an admin gives: read-only access for an operator, for some hours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SupportGrantRequest {
    /// The operator's e-mail.
    pub operator_email: String,
    /// For how long, 1 to 72 hours.
    pub hours: u32,
    /// Why (1 to 500 characters): it is in both logs.
    pub reason: String,
}

/// The most hours a support grant lasts.
pub const SUPPORT_MAX_HOURS: u32 = 72;

/// A support grant as the association's admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportGrantView {
    /// Its id.
    pub id: String,
    /// The operator's e-mail.
    pub operator_email: String,
    /// The operator's name.
    pub operator_name: String,
    /// Who gave it.
    pub granted_by_name: String,
    /// Why.
    pub reason: String,
    /// When.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Until when.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// When it was taken back.
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether it lets the operator in now.
    pub live: bool,
}

/// One line of an association's own log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssociationEvent {
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who (a person here, or a platform operator).
    pub actor: String,
    /// What, as a code.
    pub action: String,
    /// What, in words.
    pub details: String,
}

/// An operator's sign-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OperatorLoginRequest {
    /// Their e-mail.
    pub email: String,
    /// Their password.
    pub password: String,
}

/// A signed-in operator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorSession {
    /// The bearer token for `/platform/api/v1`.
    pub access_token: String,
    /// Seconds it lives.
    pub expires_in: u64,
    /// Their name.
    pub name: String,
    /// Their e-mail.
    pub email: String,
}

/// An association as the platform's operators see it: where it is and how
/// it is doing, never a person's records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssociationHealth {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Where it is reached.
    pub public_url: String,
    /// Whether the bare address serves it.
    pub is_default: bool,
    /// Its time zone.
    pub time_zone: String,
    /// Accounts: applicants.
    pub applicants: u64,
    /// Accounts: reviewers.
    pub reviewers: u64,
    /// Accounts: admins.
    pub admins: u64,
    /// Applications not yet decided or closed.
    pub open_applications: u64,
    /// Endorsements in good standing.
    pub active_endorsements: u64,
    /// Messages waiting to be delivered.
    pub mail_waiting: u64,
    /// Messages given up on.
    pub mail_failed: u64,
    /// Whether the database answered (the counts are zero when not).
    pub reachable: bool,
}

/// What makes an association.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAssociationRequest {
    /// 2 to 20 lowercase letters and digits, starting with a letter.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its own host name, or none (then `/a/{code}/`).
    #[serde(default)]
    pub host: Option<String>,
    /// Its IANA time zone.
    pub time_zone: String,
    /// The e-mail of its first admin.
    pub admin_email: String,
}

/// A new association and its first admin's one-time password (shown once;
/// they choose their own at first sign-in).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedAssociation {
    /// The association.
    pub association: AssociationHealth,
    /// Its first admin's e-mail.
    pub admin_email: String,
    /// Their one-time password.
    pub admin_password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_lowercase_and_start_with_a_letter() {
        for good in [
            "mi",
            "ny",
            "ie",
            "au",
            "main",
            "mi2",
            "abcdefghijklmnopqrst",
        ] {
            assert!(is_code(good), "{good}");
        }
        for bad in [
            "",
            "m",
            "Mi",
            "2mi",
            "m-i",
            "m_i",
            "mi ",
            "m\u{e9}",
            "abcdefghijklmnopqrstu",
            "a/b",
            "a\"b",
        ] {
            assert!(!is_code(bad), "{bad:?}");
        }
    }

    #[test]
    fn hosts_are_lowercase_labels_without_a_port() {
        for good in ["mi.example.org", "mi.localhost", "a", "x-1.y"] {
            assert!(is_host(good), "{good}");
        }
        for bad in [
            "",
            "MI.example.org",
            "mi.example.org:8080",
            "-a.b",
            "a..b",
            "a.b-",
            "a b",
        ] {
            assert!(!is_host(bad), "{bad:?}");
        }
    }

    #[test]
    fn colours_need_contrast_with_white_text() {
        assert!(contrast_with_white("#1f5f5b").unwrap_or_default() >= MIN_CONTRAST);
        assert!(contrast_with_white("#000000").unwrap_or_default() > 20.0);
        assert!(contrast_with_white("#ffff00").unwrap_or_default() < MIN_CONTRAST);
        assert_eq!(contrast_with_white("yellow"), None);
    }

    #[test]
    fn a_settings_change_names_each_wrong_field() {
        let good = AssociationSettingsRequest {
            name: "Michigan AIMH".into(),
            time_zone: "America/Detroit".into(),
            currency: "USD".into(),
            language: "es".into(),
            primary_colour: "#1f5f5b".into(),
            accent_colour: "#154441".into(),
            logo: None,
            mail_from: "endorse@mi-aimh.org".into(),
            mail_reply_to: "help@mi-aimh.org".into(),
            mail_signature: "The MI-AIMH team".into(),
            smtp_url: None,
            registry_shared: true,
        };
        assert!(good.problems().is_empty(), "{:?}", good.problems());
        let bad = AssociationSettingsRequest {
            name: " ".into(),
            currency: "usd".into(),
            language: "fr".into(),
            primary_colour: "#ffff00".into(),
            accent_colour: "blue".into(),
            logo: Some("data:text/html;base64,PHNjcmlwdD4=".into()),
            mail_from: "nobody".into(),
            smtp_url: Some("http://mail".into()),
            ..good
        };
        let fields: Vec<String> = bad.problems().into_keys().collect();
        assert_eq!(
            fields,
            [
                "accent_colour",
                "currency",
                "language",
                "logo",
                "mail_from",
                "name",
                "primary_colour",
                "smtp_url"
            ]
        );
    }

    #[test]
    fn colours_are_six_hex_digits() {
        assert!(is_colour("#1a5e8a"));
        assert!(!is_colour("1a5e8a"));
        assert!(!is_colour("#1a5e8"));
        assert!(!is_colour("#1a5e8g"));
    }
}
