//! The two languages of Endorse: one catalog of messages (Fluent), read by the
//! server (problems, mail, certificates) and the app (every screen), so a key
//! means the same words on both sides.
//!
//! The catalog is `shared/locales/{en,es}/*.ftl`, compiled into the binary.
//! `i18n::tests` fails when a message is missing from either language or the two
//! name different placeholders, and `api/tests/it/catalog.rs` fails when code
//! asks for a key that does not exist. Text a person typed (names, notes) is
//! never run through the catalog. This module must not read the clock or the
//! environment: the language is always an argument.

pub mod format;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A language Endorse speaks.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    /// English (United States).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Spanish, as written in the United States.
    #[serde(rename = "es")]
    Es,
}

impl Lang {
    /// Every language, in the order the switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language's tag, for `lang` attributes and `Content-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The language of a tag (`es`, `es-US`, `ES-419`, `en-GB`), when Endorse
    /// speaks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The language an `Accept-Language` header prefers among the ones Endorse
    /// speaks (highest weight first, the header's order among equals; `*` and
    /// weight 0 are ignored), or none when it names neither.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(u16, usize, Lang)> = None;
        for (position, item) in accept_language.split(',').enumerate().take(32) {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), parse_weight);
            let Some(weight) = weight.filter(|w| *w > 0) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((w, p, _)) => weight > w || (weight == w && position < p),
            };
            if better {
                best = Some((weight, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang)
    }
}

/// A `q` value as thousandths (`0.8` → 800), none when it is not one.
fn parse_weight(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "en" => Ok(Lang::En),
            "es" => Ok(Lang::Es),
            _ => Err(()),
        }
    }
}

/// A value put into a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Words shown as they are (a name, a code, a formatted date).
    Str(String),
    /// A number: shown as the language writes numbers, and chooses plural forms.
    Num(f64),
    /// Another message, said in the same language.
    Text(Box<Text>),
    /// A day, written as the language writes days.
    Date(chrono::NaiveDate),
    /// Words an association wrote, in the language it wrote them in.
    Local(Box<LocalText>),
    /// A day and a time, written as the language writes them.
    Moment(chrono::NaiveDateTime),
}

impl From<chrono::NaiveDateTime> for Arg {
    fn from(value: chrono::NaiveDateTime) -> Self {
        Arg::Moment(value)
    }
}

impl From<chrono::NaiveDate> for Arg {
    fn from(value: chrono::NaiveDate) -> Self {
        Arg::Date(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Str(value.to_string())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Str(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Str(value.clone())
    }
}

impl From<Text> for Arg {
    fn from(value: Text) -> Self {
        Arg::Text(Box::new(value))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Num(value as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

/// A message to be said later, in a language not known yet: a problem the API
/// answers, a requirement line, a mail's subject. `Text::plain` carries words
/// that are not the catalog's (a person's name; a message a rule gave).
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    key: Cow<'static, str>,
    args: Vec<(Cow<'static, str>, Arg)>,
    plain: bool,
    joined: Vec<Text>,
}

impl Text {
    /// The catalog's message `key`.
    pub fn new(key: &'static str) -> Self {
        Text {
            key: Cow::Borrowed(key),
            args: Vec::new(),
            plain: false,
            joined: Vec::new(),
        }
    }

    /// Words said as they are, in every language.
    pub fn plain(words: impl Into<String>) -> Self {
        Text {
            key: Cow::Owned(words.into()),
            args: Vec::new(),
            plain: true,
            joined: Vec::new(),
        }
    }

    /// Sentences said one after the other, each in the same language.
    pub fn sentences(parts: Vec<Text>) -> Self {
        Text {
            key: Cow::Borrowed(""),
            args: Vec::new(),
            plain: false,
            joined: parts,
        }
    }

    /// The same message with one more placeholder filled.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The catalog key, or none for plain words.
    pub fn key(&self) -> Option<&str> {
        (!self.plain && self.joined.is_empty()).then_some(&*self.key)
    }

    /// The message in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        if !self.joined.is_empty() {
            let parts: Vec<String> = self.joined.iter().map(|part| part.say(lang)).collect();
            return parts.join(" ");
        }
        if self.plain {
            return self.key.to_string();
        }
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(name, value)| (&**name, value.clone()))
            .collect();
        tr_args(lang, &self.key, &args)
    }
}

impl std::fmt::Display for Text {
    /// The English words (for logs and `Debug` output).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl PartialEq<&str> for Text {
    /// Whether the message reads so in English (tests compare this way).
    fn eq(&self, other: &&str) -> bool {
        self.say(Lang::En) == *other
    }
}

/// Each message in `lang`.
pub fn say_all(texts: &[Text], lang: Lang) -> Vec<String> {
    texts.iter().map(|text| text.say(lang)).collect()
}

/// Gives an enum a `text()`: each variant's name, as a catalog message.
#[macro_export]
macro_rules! texts {
    ($ty:ty { $($variant:ident => $key:literal),* $(,)? }) => {
        impl $ty {
            /// Its name, in the person's language.
            pub fn text(self) -> $crate::i18n::Text {
                $crate::i18n::Text::new(match self { $(Self::$variant => $key),* })
            }
        }
    };
}

/// The message `key` in `lang`.
pub fn tr(lang: Lang, key: &str) -> String {
    tr_args(lang, key, &[])
}

/// The message `key` in `lang`, with its placeholders filled. A key the
/// catalog lacks comes back as itself (a test keeps that from shipping); a
/// message's attribute is asked for as `key.attribute`.
pub fn tr_args(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let (id, attribute) = match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    };
    let Some(message) = bundle.get_message(id) else {
        return key.to_string();
    };
    let pattern = match attribute {
        Some(name) => message.get_attribute(name).map(|a| a.value()),
        None => message.value(),
    };
    let Some(pattern) = pattern else {
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value: FluentValue = match value {
            Arg::Str(s) => FluentValue::from(s.clone()),
            Arg::Num(n) => FluentValue::from(*n),
            Arg::Text(text) => FluentValue::from(text.say(lang)),
            Arg::Date(day) => FluentValue::from(format::date(*day, lang)),
            Arg::Local(text) => FluentValue::from(text.get(lang).to_string()),
            Arg::Moment(at) => FluentValue::from(format::date_time(*at, lang)),
        };
        fluent_args.set(name.to_string(), value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Whether the catalog has `key` (a message, or `message.attribute`) in `lang`.
pub fn has(lang: Lang, key: &str) -> bool {
    let bundle = bundle(lang);
    match key.split_once('.') {
        Some((id, attribute)) => bundle
            .get_message(id)
            .is_some_and(|m| m.get_attribute(attribute).is_some()),
        None => bundle.get_message(key).is_some_and(|m| m.value().is_some()),
    }
}

/// The catalog's files: (language, file name, text).
pub const SOURCES: &[(Lang, &str, &str)] = &sources![
    "account",
    "app",
    "applicant",
    "documents",
    "engine",
    "fees",
    "fields",
    "imports",
    "mail",
    "problems",
    "referee",
    "staff"
];

/// Both languages' text of each named catalog file, compiled in.
macro_rules! sources {
    ($($file:literal),*) => {[$(
        (Lang::En, concat!($file, ".ftl"), include_str!(concat!("../../locales/en/", $file, ".ftl"))),
        (Lang::Es, concat!($file, ".ftl"), include_str!(concat!("../../locales/es/", $file, ".ftl"))),
    )*]};
}
use sources;

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static EN: OnceLock<Bundle> = OnceLock::new();
    static ES: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    };
    cell.get_or_init(|| build(lang))
}

fn build(lang: Lang) -> Bundle {
    let id = match lang {
        Lang::En => unic_langid::langid!("en-US"),
        Lang::Es => unic_langid::langid!("es-US"),
    };
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Plain text everywhere (mail, PDF, attributes): no bidi isolation marks
    // around placeholders.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::En => format_value_en,
        Lang::Es => format_value_es,
    }));
    for (source_lang, _, text) in SOURCES {
        if *source_lang != lang {
            continue;
        }
        // A file that does not parse keeps what did parse; the catalog tests
        // refuse such a file long before it ships.
        let resource = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn format_value_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(value, Lang::En)
}

fn format_value_es<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(value, Lang::Es)
}

fn format_number(value: &FluentValue, lang: Lang) -> Option<String> {
    match value {
        FluentValue::Number(number) => Some(format::number(number.value, lang)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;

/// Words an association writes (a rulebook's category names, labels and
/// descriptions) in English, and in Spanish when it has them. Read and
/// written as a plain string when there is only English, else as
/// `{ en = "…", es = "…" }`; Spanish falls back to English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "LocalTextForm", into = "LocalTextForm")]
pub struct LocalText {
    /// The English words (always there).
    pub en: String,
    /// The Spanish words, if written.
    pub es: Option<String>,
}

/// How [`LocalText`] is written: a string, or a table per language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum LocalTextForm {
    /// English only.
    Plain(String),
    /// Each language.
    Both {
        /// English.
        en: String,
        /// Spanish.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        es: Option<String>,
    },
}

impl From<LocalTextForm> for LocalText {
    fn from(form: LocalTextForm) -> Self {
        match form {
            LocalTextForm::Plain(en) => LocalText { en, es: None },
            LocalTextForm::Both { en, es } => LocalText {
                en,
                es: es.filter(|es| !es.trim().is_empty()),
            },
        }
    }
}

impl From<LocalText> for LocalTextForm {
    fn from(text: LocalText) -> Self {
        match text.es {
            None => LocalTextForm::Plain(text.en),
            Some(es) => LocalTextForm::Both {
                en: text.en,
                es: Some(es),
            },
        }
    }
}

impl LocalText {
    /// English only.
    pub fn english(en: impl Into<String>) -> Self {
        LocalText {
            en: en.into(),
            es: None,
        }
    }

    /// The words in `lang` (English where Spanish is not written).
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.es) {
            (Lang::Es, Some(es)) => es,
            _ => &self.en,
        }
    }

    /// Whether the English is empty or only spaces.
    pub fn is_blank(&self) -> bool {
        self.en.trim().is_empty()
    }
}

impl std::ops::Deref for LocalText {
    type Target = str;

    /// The English (the rulebook's own language, in checks and logs).
    fn deref(&self) -> &str {
        &self.en
    }
}

impl std::fmt::Display for LocalText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl From<&str> for LocalText {
    fn from(en: &str) -> Self {
        LocalText::english(en)
    }
}

impl From<LocalText> for Arg {
    fn from(value: LocalText) -> Self {
        Arg::Local(Box::new(value))
    }
}

impl From<&LocalText> for Arg {
    fn from(value: &LocalText) -> Self {
        Arg::Local(Box::new(value.clone()))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for LocalText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <LocalTextForm as utoipa::PartialSchema>::schema()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for LocalText {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("LocalText")
    }
}

impl LocalText {
    /// The same words with their first letter in lower case, for the middle
    /// of a sentence ("Record 6 more months of work with infants …").
    #[must_use]
    pub fn lower_first(&self) -> LocalText {
        fn lower(text: &str) -> String {
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().collect::<String>() + chars.as_str()
            })
        }
        LocalText {
            en: lower(&self.en),
            es: self.es.as_deref().map(lower),
        }
    }
}

impl Text {
    /// Words an association wrote, said in the language asked for.
    pub fn local(words: &LocalText) -> Text {
        Text::new("local-words").with("words", words)
    }
}
