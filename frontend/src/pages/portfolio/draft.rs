//! The forms of the portfolio sections, described as data: which fields each
//! section has, how the typed text becomes an entry, and how an entry reads back
//! into a form. Parsing failures and the shared rules both land beside fields.

use chrono::NaiveDate;
use endorse_shared::entries::{EditableSection, EntryData, FieldErrors, PortfolioEntry};
use endorse_shared::i18n::{tr as t, Lang, Text};
use endorse_shared::rulebook::Rulebook;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// What kind of input a field is.
#[derive(Clone, PartialEq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A date (`YYYY-MM-DD`).
    Date,
    /// Hours, in quarter hours.
    Hours,
    /// A whole number.
    Whole,
    /// One of these `(value, label)`.
    Select(Vec<(String, String)>),
    /// Any of these `(value, label)`.
    Checks(Vec<(String, String)>),
    /// Yes or no.
    Flag,
    /// An uploaded document (its id).
    Document,
}

/// One field of a section's form.
#[derive(Clone, PartialEq)]
pub struct FieldSpec {
    /// The JSON field name.
    pub name: &'static str,
    /// The label, in the person's language.
    pub label: String,
    /// The input.
    pub kind: Kind,
    /// A hint under the label, in the person's language.
    pub hint: Option<String>,
    /// Whether it may be left empty.
    pub optional: bool,
}

fn field(name: &'static str, label: String, kind: Kind) -> FieldSpec {
    FieldSpec {
        name,
        label,
        kind,
        hint: None,
        optional: false,
    }
}

/// Options: a value and the catalog key of its label.
fn options(say: &dyn Fn(&str) -> String, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, key)| (v.to_string(), say(key)))
        .collect()
}

/// The fields of a section's form.
pub fn specs(section: EditableSection, rulebook: &Rulebook, lang: Lang) -> Vec<FieldSpec> {
    let say = |key: &str| t(lang, key);
    match section {
        EditableSection::Education => vec![
            field(
                "credential",
                say("draft-credential"),
                Kind::Select(options(
                    &say,
                    &[
                        ("cda", "draft-cda"),
                        ("associate", "draft-associate"),
                        ("bachelor", "draft-bachelor"),
                        ("master", "draft-master"),
                        ("doctorate", "draft-doctorate"),
                        ("license", "draft-license"),
                    ],
                )),
            ),
            field("field", say("draft-field"), Kind::Text),
            field("institution", say("draft-institution"), Kind::Text),
            field("year", say("draft-year"), Kind::Whole),
            FieldSpec {
                hint: Some(say("draft-document-hint")),
                optional: true,
                ..field("transcript", say("draft-transcript"), Kind::Document)
            },
        ],
        EditableSection::Work => vec![
            field("employer", say("draft-employer"), Kind::Text),
            field("position", say("draft-position"), Kind::Text),
            field("start", say("draft-start"), Kind::Date),
            FieldSpec {
                hint: Some(say("draft-end-hint")),
                optional: true,
                ..field("end", say("draft-end"), Kind::Date)
            },
            field("hours_per_week", say("draft-hours-per-week"), Kind::Whole),
            field(
                "employment",
                say("draft-employment"),
                Kind::Select(options(
                    &say,
                    &[
                        ("paid", "draft-paid"),
                        ("volunteer_supervised", "draft-volunteer-supervised"),
                        ("volunteer_unsupervised", "draft-volunteer-unsupervised"),
                        ("internship", "draft-internship"),
                    ],
                )),
            ),
            field(
                "age_ranges",
                say("draft-age-ranges"),
                Kind::Checks(options(
                    &say,
                    &[
                        ("prenatal_to_three", "draft-prenatal-to-three"),
                        ("three_to_six", "draft-three-to-six"),
                    ],
                )),
            ),
            field("families_served", say("draft-families-served"), Kind::Whole),
            field(
                "kinds",
                say("draft-kinds"),
                Kind::Checks(options(
                    &say,
                    &[
                        ("direct_service", "draft-direct-service"),
                        ("dyadic_treatment", "draft-dyadic-treatment"),
                        ("providing_rsc", "draft-providing-rsc"),
                        ("policy_leadership", "draft-policy-leadership"),
                        ("teaching_research", "draft-teaching-research"),
                    ],
                )),
            ),
            FieldSpec {
                hint: Some(say("draft-document-hint")),
                optional: true,
                ..field("verification", say("draft-verification"), Kind::Document)
            },
        ],
        EditableSection::Training => vec![
            field("title", say("draft-title"), Kind::Text),
            field("provider", say("draft-provider"), Kind::Text),
            field("date", say("draft-date"), Kind::Date),
            FieldSpec {
                hint: Some(say("draft-hours-hint")),
                ..field("hours", say("draft-hours"), Kind::Hours)
            },
            field(
                "domains",
                say("draft-domains"),
                Kind::Checks(
                    rulebook
                        .competency_domains
                        .iter()
                        .map(|d| (d.code.clone(), d.name.get(lang).to_string()))
                        .collect(),
                ),
            ),
            FieldSpec {
                optional: true,
                ..field(
                    "topics",
                    say("draft-topics"),
                    Kind::Checks(options(
                        &say,
                        &[("dei", "draft-dei"), ("rsc", "draft-topic-rsc")],
                    )),
                )
            },
            FieldSpec {
                hint: Some(say("draft-document-hint")),
                optional: true,
                ..field("certificate", say("draft-certificate"), Kind::Document)
            },
        ],
        EditableSection::Rsc => {
            let mut categories = vec![(String::new(), say("draft-not-endorsed"))];
            categories.extend(
                rulebook
                    .categories
                    .iter()
                    .map(|c| (c.code.clone(), format!("{} — {}", c.code, c.name.get(lang)))),
            );
            vec![
                field("date", say("draft-date"), Kind::Date),
                FieldSpec {
                    hint: Some(say("draft-rsc-hours-hint")),
                    ..field("hours", say("draft-hours"), Kind::Hours)
                },
                field(
                    "format",
                    say("draft-format"),
                    Kind::Select(options(
                        &say,
                        &[("individual", "draft-individual"), ("group", "draft-group")],
                    )),
                ),
                field("provider_name", say("draft-provider-name"), Kind::Text),
                FieldSpec {
                    optional: true,
                    ..field(
                        "provider_category",
                        say("draft-provider-category"),
                        Kind::Select(categories),
                    )
                },
                FieldSpec {
                    optional: true,
                    ..field("provider_number", say("draft-provider-number"), Kind::Text)
                },
                FieldSpec {
                    optional: true,
                    ..field("about_providing", say("draft-about-providing"), Kind::Flag)
                },
                FieldSpec {
                    hint: Some(say("draft-document-hint")),
                    optional: true,
                    ..field("evidence", say("draft-rsc-evidence"), Kind::Document)
                },
            ]
        }
        EditableSection::Agreements => vec![
            field(
                "kind",
                say("draft-agreement"),
                Kind::Select(options(
                    &say,
                    &[
                        ("code_of_ethics", "draft-code-of-ethics"),
                        ("endorsement_agreement", "draft-endorsement-agreement"),
                        ("no_sanction_attestation", "draft-no-sanction"),
                    ],
                )),
            ),
            FieldSpec {
                hint: Some(say("draft-signature-hint")),
                ..field("signed_name", say("draft-signature"), Kind::Text)
            },
            FieldSpec {
                hint: Some(say("draft-document-hint")),
                optional: true,
                ..field("signed_copy", say("draft-signed-copy"), Kind::Document)
            },
        ],
        EditableSection::Membership => vec![
            field("association", say("draft-association"), Kind::Text),
            field("number", say("draft-membership-number"), Kind::Text),
            field("expires_on", say("draft-valid-until"), Kind::Date),
            FieldSpec {
                hint: Some(say("draft-document-hint")),
                optional: true,
                ..field("card", say("draft-card"), Kind::Document)
            },
        ],
    }
}

/// What has been typed into a form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// Text of text, date, number and select fields.
    pub text: BTreeMap<&'static str, String>,
    /// Checked values of check groups.
    pub sets: BTreeMap<&'static str, Vec<String>>,
    /// Yes/no fields.
    pub flags: BTreeMap<&'static str, bool>,
    /// What to call an attached document.
    pub labels: BTreeMap<&'static str, String>,
}

impl Draft {
    /// A new form, with the first option of each select chosen.
    pub fn new(specs: &[FieldSpec]) -> Self {
        let mut draft = Draft::default();
        for spec in specs {
            if let Kind::Select(options) = &spec.kind {
                let first = options.first().map(|(v, _)| v.clone()).unwrap_or_default();
                draft.text.insert(spec.name, first);
            }
        }
        draft
    }

    /// The form of an existing entry.
    pub fn from_entry(entry: &PortfolioEntry, specs: &[FieldSpec]) -> Self {
        let value = serde_json::to_value(&entry.data).unwrap_or(Value::Null);
        let data = &value["data"];
        let mut draft = Draft::default();
        for spec in specs {
            let field = &data[spec.name];
            match &spec.kind {
                Kind::Checks(_) => {
                    let values = field
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|v| v.as_str().map(String::from))
                                .collect()
                        })
                        .unwrap_or_default();
                    draft.sets.insert(spec.name, values);
                }
                Kind::Flag => {
                    draft
                        .flags
                        .insert(spec.name, field.as_bool().unwrap_or(false));
                }
                Kind::Document => {
                    if let Some(id) = field.as_str() {
                        draft.text.insert(spec.name, id.to_string());
                        // Attached before: its name is not at hand, only that it is there.
                        draft.labels.insert(spec.name, String::new());
                    }
                }
                _ if spec.name == "credential" => {
                    let text = match field["kind"].as_str() {
                        Some("license") => "license".to_string(),
                        _ => field["level"].as_str().unwrap_or_default().to_string(),
                    };
                    draft.text.insert(spec.name, text);
                }
                _ => {
                    let text = match field {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        _ => String::new(),
                    };
                    draft.text.insert(spec.name, text);
                }
            }
        }
        draft
    }

    /// The text of a field.
    pub fn text(&self, name: &str) -> String {
        self.text.get(name).cloned().unwrap_or_default()
    }

    /// Turns the form into an entry, or says what is wrong with which field:
    /// first what cannot be read, then the shared rules.
    pub fn build(
        &self,
        section: EditableSection,
        specs: &[FieldSpec],
        today: NaiveDate,
        rulebook: &Rulebook,
        signer: &str,
    ) -> Result<EntryData, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut data = Map::new();
        for spec in specs {
            let text = self.text(spec.name);
            let text = text.trim();
            let mut fail = |key: &'static str| {
                errors
                    .entry(spec.name.to_string())
                    .or_default()
                    .push(Text::new(key))
            };
            let value = match &spec.kind {
                Kind::Checks(_) => json!(self.sets.get(spec.name).cloned().unwrap_or_default()),
                Kind::Flag => json!(self.flags.get(spec.name).copied().unwrap_or(false)),
                Kind::Document if text.is_empty() => Value::Null,
                Kind::Document => json!(text),
                _ if text.is_empty() && spec.optional => Value::Null,
                _ if text.is_empty() && !matches!(spec.kind, Kind::Text) => {
                    fail("draft-not-empty");
                    continue;
                }
                Kind::Text | Kind::Select(_) if spec.name == "credential" => match text {
                    "license" => json!({ "kind": "license" }),
                    level => json!({ "kind": "degree", "level": level }),
                },
                Kind::Text | Kind::Select(_) => json!(text),
                Kind::Date => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                    Ok(date) => json!(date),
                    Err(_) => {
                        fail("draft-enter-date");
                        continue;
                    }
                },
                Kind::Hours => match text.parse::<f64>() {
                    Ok(hours) if hours < 0.0 => {
                        fail("draft-hours-positive");
                        continue;
                    }
                    Ok(hours) if (hours * 4.0).fract() != 0.0 => {
                        fail("draft-hours-quarters");
                        continue;
                    }
                    Ok(hours) => json!(hours),
                    Err(_) => {
                        fail("draft-enter-hours");
                        continue;
                    }
                },
                Kind::Whole => match text.parse::<i64>() {
                    Ok(n) if n < 0 => {
                        fail("draft-not-negative");
                        continue;
                    }
                    Ok(n) => json!(n),
                    Err(_) => {
                        fail("draft-enter-whole");
                        continue;
                    }
                },
            };
            data.insert(spec.name.to_string(), value);
        }
        // Fields the server sets; sent so the body is complete.
        match section {
            EditableSection::Rsc => {
                data.insert("provider_vetted".into(), json!(false));
            }
            EditableSection::Membership => {
                data.insert("verified".into(), json!(false));
            }
            EditableSection::Agreements => {
                data.insert("signed_at".into(), json!(chrono::Utc::now()));
            }
            _ => {}
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let entry: EntryData = serde_json::from_value(json!({ "section": section, "data": data }))
            .map_err(|error| {
                let mut errors = FieldErrors::new();
                errors.insert("form".into(), vec![Text::plain(error.to_string())]);
                errors
            })?;
        let problems = entry.problems(today, rulebook, signer);
        if problems.is_empty() {
            Ok(entry)
        } else {
            Err(problems)
        }
    }
}

/// One line that says what an entry is, in `lang`.
pub fn summary(data: &EntryData, lang: Lang) -> String {
    let day = |d: NaiveDate| endorse_shared::i18n::format::date_short(d, lang);
    let text = match data {
        EntryData::Education(e) => {
            let what = match e.credential {
                endorse_shared::portfolio::Credential::License => t(lang, "draft-license"),
                endorse_shared::portfolio::Credential::Degree(level) => {
                    let label = level.text().say(lang);
                    let mut chars = label.chars();
                    chars
                        .next()
                        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                        .unwrap_or_default()
                }
            };
            Text::new("summary-education")
                .with("what", what)
                .with("field", &e.field)
                .with("institution", &e.institution)
                .with("year", e.year.to_string())
        }
        EntryData::Work(w) => Text::new(if w.end.is_some() {
            "summary-work"
        } else {
            "summary-work-now"
        })
        .with("position", &w.position)
        .with("employer", &w.employer)
        .with("start", day(w.start))
        .with("end", w.end.map(day).unwrap_or_default())
        .with("families", w.families_served),
        EntryData::Training(tr) => Text::new("summary-training")
            .with("title", &tr.title)
            .with("hours", endorse_shared::i18n::format::hours(tr.hours, lang))
            .with("date", day(tr.date))
            .with("provider", &tr.provider),
        EntryData::Rsc(r) => Text::new(if r.provider_category.is_some() {
            "summary-rsc-endorsed"
        } else {
            "summary-rsc"
        })
        .with("hours", endorse_shared::i18n::format::hours(r.hours, lang))
        .with("date", day(r.date))
        .with("provider", &r.provider_name)
        .with("category", r.provider_category.clone().unwrap_or_default()),
        EntryData::Agreements(a) => Text::new("summary-agreement")
            .with("agreement", a.kind.text())
            .with("name", &a.signed_name)
            .with("date", day(a.signed_at.date_naive())),
        EntryData::Membership(m) => Text::new(if m.verified {
            "summary-membership-verified"
        } else {
            "summary-membership"
        })
        .with("association", &m.association)
        .with("number", &m.number)
        .with("until", day(m.expires_on)),
    };
    text.say(lang)
}
