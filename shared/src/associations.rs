//! Associations: the state and national bodies that each run the Endorsement
//! on one deployment, apart from each other.

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
    fn colours_are_six_hex_digits() {
        assert!(is_colour("#1a5e8a"));
        assert!(!is_colour("1a5e8a"));
        assert!(!is_colour("#1a5e8"));
        assert!(!is_colour("#1a5e8g"));
    }
}
