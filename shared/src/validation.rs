//! Helpers that turn `validator` results into the field map of a [`Problem`], and
//! the small custom rules shared by several request types.
//!
//! The API and the SPA both run these, so a message shown in the browser before
//! sending is the same one the API would answer with.
//!
//! [`Problem`]: crate::Problem

use std::borrow::Cow;
use std::collections::BTreeMap;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

/// The shortest password Endorse accepts.
pub const PASSWORD_MIN_CHARS: u64 = 12;
/// The longest password Endorse accepts (long enough for passphrases, short enough
/// to keep hashing cheap).
pub const PASSWORD_MAX_CHARS: u64 = 128;

/// Flattens validation errors into `field -> messages`, nested fields joined by dots.
pub fn field_errors(errors: &ValidationErrors) -> BTreeMap<String, Vec<String>> {
    let mut map = BTreeMap::new();
    collect(errors, "", &mut map);
    map
}

fn collect(errors: &ValidationErrors, prefix: &str, map: &mut BTreeMap<String, Vec<String>>) {
    for (field, kind) in errors.errors() {
        let name = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                let messages = map.entry(name).or_default();
                messages.extend(list.iter().map(message_of));
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &name, map),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect(inner, &format!("{name}[{index}]"), map);
                }
            }
        }
    }
}

fn message_of(error: &ValidationError) -> String {
    match &error.message {
        Some(message) => message.to_string(),
        None => format!("is invalid ({})", error.code),
    }
}

/// Refuses a value that is empty or only whitespace.
pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::new("blank").with_message(Cow::Borrowed("must not be blank")))
    } else {
        Ok(())
    }
}

/// Whether `c` is an invisible format character that can make a name read
/// as something else: bidirectional controls (right-to-left overrides and
/// isolates), zero-width characters and joiners, word joiners and invisible
/// operators, the byte-order mark, interlinear annotation marks and tags
/// (Unicode's format category, Cf).
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{070F}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// What is wrong with a one-line text (a name) that has control characters
/// (NUL among them) or invisible format characters; `None` when it has
/// neither.
pub fn hidden_characters(value: &str) -> Option<&'static str> {
    if value.chars().any(char::is_control) {
        Some("must not contain control characters")
    } else if value.chars().any(is_invisible_format) {
        Some("must not contain invisible formatting characters (such as right-to-left overrides or zero-width spaces)")
    } else {
        None
    }
}

/// Refuses control characters and invisible format characters (a name is
/// shown in lists, mail headers, certificates and credentials).
pub fn no_control_chars(value: &str) -> Result<(), ValidationError> {
    match hidden_characters(value) {
        Some(message) => {
            Err(ValidationError::new("control_chars").with_message(Cow::Borrowed(message)))
        }
        None => Ok(()),
    }
}

/// Normalises an e-mail address the way Endorse stores it: trimmed, lower case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod invisible_tests {
    use super::*;

    #[test]
    fn bidirectional_and_zero_width_characters_are_refused_in_names() {
        for name in [
            "Ada\u{202E}ecalevol",
            "Ada\u{200B}Lovelace",
            "\u{2066}Ada\u{2069}",
            "Ada\u{FEFF}",
            "Ada\u{0}",
        ] {
            assert!(no_control_chars(name).is_err(), "{name:?}");
        }
        for name in [
            "María José Hernández",
            "Nguyễn Thị Minh",
            "李小龍",
            "O'Brien-Smith",
        ] {
            assert!(no_control_chars(name).is_ok(), "{name}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use validator::Validate;

    #[derive(Validate)]
    struct Sample {
        #[validate(length(min = 3, message = "must be at least 3 characters"))]
        name: String,
        #[validate(custom(function = "not_blank"))]
        title: String,
    }

    #[test]
    fn field_errors_names_every_failing_field_with_its_message() {
        let sample = Sample {
            name: "ab".into(),
            title: "   ".into(),
        };
        let errors = field_errors(&sample.validate().unwrap_err());
        assert_eq!(errors["name"], vec!["must be at least 3 characters"]);
        assert_eq!(errors["title"], vec!["must not be blank"]);
    }

    #[test]
    fn control_characters_are_refused_and_plain_text_is_not() {
        assert!(no_control_chars("Ada\u{7}").is_err());
        assert!(no_control_chars("Ada Lovelace-Byron").is_ok());
    }

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(normalize_email("  Ada@Example.ORG "), "ada@example.org");
    }
}
