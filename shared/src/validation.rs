//! Helpers that turn `validator` results into the field map of a [`Problem`], and
//! the small custom rules shared by several request types.
//!
//! The API and the SPA both run these, so a message shown in the browser before
//! sending is the same one the API would answer with.
//!
//! [`Problem`]: crate::Problem

use crate::i18n::{Arg, Text};
use std::collections::BTreeMap;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

/// The shortest password Endorse accepts.
pub const PASSWORD_MIN_CHARS: u64 = 12;
/// The longest password Endorse accepts (long enough for passphrases, short enough
/// to keep hashing cheap).
pub const PASSWORD_MAX_CHARS: u64 = 128;

/// Flattens validation errors into `field -> messages`, nested fields joined by dots.
pub fn field_errors(errors: &ValidationErrors) -> BTreeMap<String, Vec<Text>> {
    let mut map = BTreeMap::new();
    collect(errors, "", &mut map);
    map
}

fn collect(errors: &ValidationErrors, prefix: &str, map: &mut BTreeMap<String, Vec<Text>>) {
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

/// The catalog's message for a failed rule: by the rule's code (`length`,
/// `range`, `email`, or a custom one such as `blank`), with its limits.
fn message_of(error: &ValidationError) -> Text {
    let number = |name: &str| error.params.get(name).and_then(serde_json::Value::as_f64);
    let limits = |text: Text, min: Option<f64>, max: Option<f64>| {
        let text = match min {
            Some(min) => text.with("min", Arg::Num(min)),
            None => text,
        };
        match max {
            Some(max) => text.with("max", Arg::Num(max)),
            None => text,
        }
    };
    let (min, max) = (number("min"), number("max"));
    match error.code.as_ref() {
        "length" => match (min, max) {
            (Some(_), Some(_)) => limits(Text::new("field-length-between"), min, max),
            (Some(_), None) => limits(Text::new("field-too-short"), min, None),
            (None, Some(_)) => limits(Text::new("field-too-long"), None, max),
            (None, None) => Text::new("field-invalid"),
        },
        "range" => match (min, max) {
            (Some(_), Some(_)) => limits(Text::new("field-range-between"), min, max),
            (Some(_), None) => limits(Text::new("field-range-min"), min, None),
            (None, Some(_)) => limits(Text::new("field-range-max"), None, max),
            (None, None) => Text::new("field-invalid"),
        },
        "email" => Text::new("field-email"),
        "blank" => Text::new("field-blank"),
        "control_chars" => Text::new("field-control-chars"),
        "invisible_chars" => Text::new("field-invisible-chars"),
        "per_page" => limits(Text::new("field-per-page"), min, max),
        "choose_category" => Text::new("field-choose-category"),
        "category_code" => Text::new("field-category-code"),
        "empty" => Text::new("field-empty"),
        _ => Text::new("field-invalid"),
    }
}

/// Refuses a value that is empty or only whitespace.
pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::new("blank"))
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
pub fn hidden_characters(value: &str) -> Option<Text> {
    hidden_code(value).map(|code| match code {
        "control_chars" => Text::new("field-control-chars"),
        _ => Text::new("field-invisible-chars"),
    })
}

pub(crate) fn hidden_code(value: &str) -> Option<&'static str> {
    if value.chars().any(char::is_control) {
        Some("control_chars")
    } else if value.chars().any(is_invisible_format) {
        Some("invisible_chars")
    } else {
        None
    }
}

/// Refuses control characters and invisible format characters (a name is
/// shown in lists, mail headers, certificates and credentials).
pub fn no_control_chars(value: &str) -> Result<(), ValidationError> {
    match hidden_code(value) {
        Some(code) => Err(ValidationError::new(code)),
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
    use crate::i18n::Lang;
    use validator::Validate;

    #[derive(Validate)]
    struct Sample {
        #[validate(length(min = 3))]
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
        let said = |field: &str, lang| -> Vec<String> {
            errors[field].iter().map(|m| m.say(lang)).collect()
        };
        assert_eq!(said("name", Lang::En), ["must be at least 3 characters"]);
        assert_eq!(said("title", Lang::En), ["must not be blank"]);
        assert_eq!(said("name", Lang::Es), ["debe tener al menos 3 caracteres"]);
        assert_eq!(said("title", Lang::Es), ["no puede quedar en blanco"]);
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
