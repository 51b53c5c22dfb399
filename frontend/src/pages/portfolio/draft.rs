//! The forms of the portfolio sections, described as data: which fields each
//! section has, how the typed text becomes an entry, and how an entry reads back
//! into a form. Parsing failures and the shared rules both land beside fields.

use chrono::NaiveDate;
use endorse_shared::entries::{EditableSection, EntryData, FieldErrors, PortfolioEntry};
use endorse_shared::i18n::Text;
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
    /// The label.
    pub label: &'static str,
    /// The input.
    pub kind: Kind,
    /// A hint under the label.
    pub hint: Option<&'static str>,
    /// Whether it may be left empty.
    pub optional: bool,
}

fn field(name: &'static str, label: &'static str, kind: Kind) -> FieldSpec {
    FieldSpec {
        name,
        label,
        kind,
        hint: None,
        optional: false,
    }
}

fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

/// The fields of a section's form.
pub fn specs(section: EditableSection, rulebook: &Rulebook) -> Vec<FieldSpec> {
    match section {
        EditableSection::Education => vec![
            field(
                "credential",
                "Degree, credential or license",
                Kind::Select(options(&[
                    ("cda", "CDA credential"),
                    ("associate", "Associate degree"),
                    ("bachelor", "Bachelor's degree"),
                    ("master", "Master's degree"),
                    ("doctorate", "Doctorate"),
                    ("license", "State mental-health license"),
                ])),
            ),
            field("field", "Field", Kind::Text),
            field("institution", "School or licensing board", Kind::Text),
            field("year", "Year completed", Kind::Whole),
            FieldSpec {
                hint: Some("PDF, PNG or JPEG, at most 10 MB."),
                optional: true,
                ..field("transcript", "Transcript or license", Kind::Document)
            },
        ],
        EditableSection::Work => vec![
            field("employer", "Employer", Kind::Text),
            field("position", "Position", Kind::Text),
            field("start", "Start", Kind::Date),
            FieldSpec {
                hint: Some("Leave empty while you still work there."),
                optional: true,
                ..field("end", "End", Kind::Date)
            },
            field("hours_per_week", "Hours per week", Kind::Whole),
            field(
                "employment",
                "Terms",
                Kind::Select(options(&[
                    ("paid", "Paid"),
                    ("volunteer_supervised", "Volunteer, supervised"),
                    ("volunteer_unsupervised", "Volunteer, unsupervised"),
                    ("internship", "Internship"),
                ])),
            ),
            field(
                "age_ranges",
                "Ages of the children served",
                Kind::Checks(options(&[
                    ("prenatal_to_three", "Pregnancy to 36 months"),
                    ("three_to_six", "3 to 6 years"),
                ])),
            ),
            field("families_served", "Families served", Kind::Whole),
            field(
                "kinds",
                "Kind of work",
                Kind::Checks(options(&[
                    (
                        "direct_service",
                        "Direct service (promotion, prevention, early intervention)",
                    ),
                    ("dyadic_treatment", "Dyadic (parent–infant) treatment"),
                    (
                        "providing_rsc",
                        "Providing reflective supervision/consultation",
                    ),
                    (
                        "policy_leadership",
                        "Leadership in policy or administration",
                    ),
                    ("teaching_research", "University teaching or research"),
                ])),
            ),
        ],
        EditableSection::Training => vec![
            field("title", "Title", Kind::Text),
            field("provider", "Provider", Kind::Text),
            field("date", "Date", Kind::Date),
            FieldSpec {
                hint: Some("In quarter hours, e.g. 6.25."),
                ..field("hours", "Hours", Kind::Hours)
            },
            field(
                "domains",
                "Competency domains covered",
                Kind::Checks(
                    rulebook
                        .competency_domains
                        .iter()
                        .map(|d| (d.code.clone(), d.name.to_string()))
                        .collect(),
                ),
            ),
            FieldSpec {
                optional: true,
                ..field(
                    "topics",
                    "Topics",
                    Kind::Checks(options(&[
                        ("dei", "Diversity, equity and inclusion"),
                        ("rsc", "Providing RSC"),
                    ])),
                )
            },
        ],
        EditableSection::Rsc => {
            let mut categories = vec![(String::new(), "Not endorsed".to_string())];
            categories.extend(
                rulebook
                    .categories
                    .iter()
                    .map(|c| (c.code.clone(), format!("{} — {}", c.code, c.name))),
            );
            vec![
                field("date", "Date", Kind::Date),
                FieldSpec {
                    hint: Some("In quarter hours, at most 24 on one day."),
                    ..field("hours", "Hours", Kind::Hours)
                },
                field(
                    "format",
                    "Format",
                    Kind::Select(options(&[("individual", "Individual"), ("group", "Group")])),
                ),
                field("provider_name", "Provider's name", Kind::Text),
                FieldSpec {
                    optional: true,
                    ..field(
                        "provider_category",
                        "Provider's endorsement",
                        Kind::Select(categories),
                    )
                },
                FieldSpec {
                    optional: true,
                    ..field(
                        "provider_number",
                        "Provider's endorsement number",
                        Kind::Text,
                    )
                },
                FieldSpec {
                    optional: true,
                    ..field("about_providing", "About the RSC I provide", Kind::Flag)
                },
            ]
        }
        EditableSection::Agreements => vec![
            field(
                "kind",
                "Agreement",
                Kind::Select(options(&[
                    ("code_of_ethics", "Code of Ethics"),
                    ("endorsement_agreement", "Endorsement Agreement"),
                    (
                        "no_sanction_attestation",
                        "No licensing board has sanctioned me",
                    ),
                ])),
            ),
            FieldSpec {
                hint: Some("Type your full name to sign."),
                ..field("signed_name", "Signature", Kind::Text)
            },
        ],
        EditableSection::Membership => vec![
            field("association", "Association", Kind::Text),
            field("number", "Membership number", Kind::Text),
            field("expires_on", "Valid until", Kind::Date),
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
            let mut fail = |message: &str| {
                errors
                    .entry(spec.name.to_string())
                    .or_default()
                    .push(Text::plain(message))
            };
            let value = match &spec.kind {
                Kind::Checks(_) => json!(self.sets.get(spec.name).cloned().unwrap_or_default()),
                Kind::Flag => json!(self.flags.get(spec.name).copied().unwrap_or(false)),
                Kind::Document if text.is_empty() => Value::Null,
                Kind::Document => json!(text),
                _ if text.is_empty() && spec.optional => Value::Null,
                _ if text.is_empty() && !matches!(spec.kind, Kind::Text) => {
                    fail("must not be empty");
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
                        fail("enter a date");
                        continue;
                    }
                },
                Kind::Hours => match text.parse::<f64>() {
                    Ok(hours) if hours < 0.0 => {
                        fail("must be a positive number of hours");
                        continue;
                    }
                    Ok(hours) if (hours * 4.0).fract() != 0.0 => {
                        fail("must be in quarter hours (for example 1.25)");
                        continue;
                    }
                    Ok(hours) => json!(hours),
                    Err(_) => {
                        fail("enter a number of hours");
                        continue;
                    }
                },
                Kind::Whole => match text.parse::<i64>() {
                    Ok(n) if n < 0 => {
                        fail("must not be negative");
                        continue;
                    }
                    Ok(n) => json!(n),
                    Err(_) => {
                        fail("enter a whole number");
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

/// One line that says what an entry is.
pub fn summary(data: &EntryData) -> String {
    match data {
        EntryData::Education(e) => {
            let what = match e.credential {
                endorse_shared::portfolio::Credential::License => "License".to_string(),
                endorse_shared::portfolio::Credential::Degree(level) => {
                    let label = level.label();
                    let mut chars = label.chars();
                    chars
                        .next()
                        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                        .unwrap_or_default()
                }
            };
            format!("{what} in {}, {} ({})", e.field, e.institution, e.year)
        }
        EntryData::Work(w) => format!(
            "{} at {}, {} to {}, {} families",
            w.position,
            w.employer,
            w.start,
            w.end.map_or("now".to_string(), |d| d.to_string()),
            w.families_served
        ),
        EntryData::Training(t) => {
            format!("{} — {} h on {} ({})", t.title, t.hours, t.date, t.provider)
        }
        EntryData::Rsc(r) => format!(
            "{} h on {} with {}{}",
            r.hours,
            r.date,
            r.provider_name,
            r.provider_category
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        ),
        EntryData::Agreements(a) => format!(
            "{} — signed by {} on {}",
            a.kind.label(),
            a.signed_name,
            a.signed_at.date_naive()
        ),
        EntryData::Membership(m) => format!(
            "{} no. {}, valid until {}{}",
            m.association,
            m.number,
            m.expires_on,
            if m.verified {
                " (verified)"
            } else {
                " (awaiting verification)"
            }
        ),
    }
}
