//! Editing a portfolio: the sections an applicant writes to, the body of each
//! entry, and the rules an entry must follow before it is stored.
//!
//! The same [`EntryData::problems`] runs in the browser as the applicant types and
//! in the API before anything is written, so both say the same thing.

use crate::hours::Hours;
use crate::i18n::Text;
use crate::ids::EntryId;
use crate::portfolio::{
    AgreementData, Credential, EducationData, MembershipData, RscData, TrainingData, WorkData,
};
use crate::rulebook::Rulebook;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Field name to messages.
pub type FieldErrors = BTreeMap<String, Vec<Text>>;

/// The sections an applicant edits directly. References arrive through the
/// referee flow instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EditableSection {
    /// Degrees, credentials and licenses.
    Education,
    /// Work experience.
    Work,
    /// Specialized training.
    Training,
    /// Reflective supervision/consultation received.
    Rsc,
    /// Signed agreements.
    Agreements,
    /// Association membership.
    Membership,
}

impl EditableSection {
    /// Every editable section, in portfolio order.
    pub const ALL: [EditableSection; 6] = [
        EditableSection::Education,
        EditableSection::Work,
        EditableSection::Training,
        EditableSection::Rsc,
        EditableSection::Agreements,
        EditableSection::Membership,
    ];

    /// The name in addresses and storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            EditableSection::Education => "education",
            EditableSection::Work => "work",
            EditableSection::Training => "training",
            EditableSection::Rsc => "rsc",
            EditableSection::Agreements => "agreements",
            EditableSection::Membership => "membership",
        }
    }

    /// The heading people see.
    pub const fn label(self) -> &'static str {
        match self {
            EditableSection::Education => "Education and licenses",
            EditableSection::Work => "Work experience",
            EditableSection::Training => "Specialized training",
            EditableSection::Rsc => "Reflective supervision/consultation",
            EditableSection::Agreements => "Agreements",
            EditableSection::Membership => "Membership",
        }
    }
}

crate::texts!(EditableSection {
    Education => "section-education",
    Work => "section-work",
    Training => "section-training",
    Rsc => "section-rsc",
    Agreements => "section-agreements",
    Membership => "section-membership",
});

impl EditableSection {
    /// What the button that adds an entry to it says.
    pub fn add_text(self) -> crate::i18n::Text {
        crate::i18n::Text::new(match self {
            EditableSection::Education => "section-add-education",
            EditableSection::Work => "section-add-work",
            EditableSection::Training => "section-add-training",
            EditableSection::Rsc => "section-add-rsc",
            EditableSection::Agreements => "section-add-agreements",
            EditableSection::Membership => "section-add-membership",
        })
    }
}

impl fmt::Display for EditableSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EditableSection {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EditableSection::ALL
            .into_iter()
            .find(|section| section.as_str() == s)
            .ok_or_else(|| format!("unknown portfolio section '{s}'"))
    }
}

/// The content of an entry, by section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "section", content = "data", rename_all = "snake_case")]
pub enum EntryData {
    /// A degree, credential or license.
    Education(EducationData),
    /// A period of work.
    Work(WorkData),
    /// A training.
    Training(TrainingData),
    /// Reflective supervision/consultation received on one day.
    Rsc(RscData),
    /// A signed agreement.
    Agreements(AgreementData),
    /// An association membership.
    Membership(MembershipData),
}

/// One stored entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortfolioEntry {
    /// The entry's id.
    pub id: EntryId,
    /// Goes up by one with every change; send it back in `If-Match`.
    pub version: i64,
    /// The content.
    #[serde(flatten)]
    pub data: EntryData,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The applicant's note to reviewers on one section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionNote {
    /// The section.
    pub section: EditableSection,
    /// The note.
    pub note: String,
    /// Send it back in `If-Match` to change the note.
    pub version: i64,
}

/// Write the note on a section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoteRequest {
    /// At most 4000 characters; empty removes it.
    pub note: String,
}

/// Log many RSC sessions at once (`POST /api/v1/me/portfolio/rsc/batch`): all
/// are stored, or none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RscBatchRequest {
    /// The sessions, at most [`RSC_BATCH_MAX`].
    pub sessions: Vec<RscData>,
}

/// The most sessions one batch may carry.
pub const RSC_BATCH_MAX: usize = 200;

/// The longest section note.
pub const NOTE_MAX_CHARS: usize = 4000;

/// A whole portfolio as its owner edits it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortfolioResponse {
    /// Every entry, oldest first.
    pub entries: Vec<PortfolioEntry>,
    /// The notes to reviewers.
    pub notes: Vec<SectionNote>,
    /// The reference requests as the engine weighs them (never the answers).
    #[serde(default)]
    pub references: Vec<crate::portfolio::Reference>,
}

/// What the eligibility engine weighs, from stored entries.
pub fn to_portfolio(entries: &[PortfolioEntry]) -> crate::portfolio::Portfolio {
    use crate::portfolio::Entry;
    let mut portfolio = crate::portfolio::Portfolio::default();
    for entry in entries {
        let id = entry.id;
        match &entry.data {
            EntryData::Education(data) => portfolio.education.push(Entry {
                id,
                data: data.clone(),
            }),
            EntryData::Work(data) => portfolio.work.push(Entry {
                id,
                data: data.clone(),
            }),
            EntryData::Training(data) => portfolio.training.push(Entry {
                id,
                data: data.clone(),
            }),
            EntryData::Rsc(data) => portfolio.rsc.push(Entry {
                id,
                data: data.clone(),
            }),
            EntryData::Agreements(data) => portfolio.agreements.push(Entry {
                id,
                data: data.clone(),
            }),
            EntryData::Membership(data) => portfolio.memberships.push(Entry {
                id,
                data: data.clone(),
            }),
        }
    }
    portfolio
}

impl EntryData {
    /// Which section this belongs to.
    pub const fn section(&self) -> EditableSection {
        match self {
            EntryData::Education(_) => EditableSection::Education,
            EntryData::Work(_) => EditableSection::Work,
            EntryData::Training(_) => EditableSection::Training,
            EntryData::Rsc(_) => EditableSection::Rsc,
            EntryData::Agreements(_) => EditableSection::Agreements,
            EntryData::Membership(_) => EditableSection::Membership,
        }
    }

    /// The document attached to the entry as its evidence, if any, with the
    /// field that names it: a transcript or license, an employer's letter, a
    /// training certificate, a provider's log or letter, an agreement's signed
    /// copy, a membership card. Every check of who may open a document, and
    /// of whether one is still in use, asks this.
    pub fn document(&self) -> Option<(&'static str, crate::ids::DocumentId)> {
        match self {
            EntryData::Education(e) => e.transcript.map(|d| ("transcript", d)),
            EntryData::Work(w) => w.verification.map(|d| ("verification", d)),
            EntryData::Training(t) => t.certificate.map(|d| ("certificate", d)),
            EntryData::Rsc(r) => r.evidence.map(|d| ("evidence", d)),
            EntryData::Agreements(a) => a.signed_copy.map(|d| ("signed_copy", d)),
            EntryData::Membership(m) => m.card.map(|d| ("card", d)),
        }
    }

    /// Everything wrong with the entry on `today`, by field; empty when it may be
    /// stored. `signer` is the account's name, which a signature must match.
    pub fn problems(&self, today: NaiveDate, rulebook: &Rulebook, signer: &str) -> FieldErrors {
        let mut errors = Checker::default();
        match self {
            EntryData::Education(e) => {
                errors.text("field", &e.field, 200);
                errors.text("institution", &e.institution, 200);
                if e.year < 1940 || e.year > today.year() {
                    errors.add(
                        "year",
                        Text::new("entry-year-range").with("last", today.year().to_string()),
                    );
                }
                if let Credential::Degree(crate::rulebook::DegreeLevel::None) = e.credential {
                    errors.add("credential", Text::new("entry-choose-credential"));
                }
            }
            EntryData::Work(w) => {
                errors.text("employer", &w.employer, 200);
                errors.text("position", &w.position, 200);
                errors.past("start", w.start, today);
                if let Some(end) = w.end {
                    errors.past("end", end, today);
                    if end < w.start {
                        errors.add("end", Text::new("entry-end-before-start"));
                    }
                }
                if w.start < NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or(NaiveDate::MIN) {
                    errors.add("start", Text::new("entry-start-too-early"));
                }
                if w.hours_per_week == 0 || w.hours_per_week > 80 {
                    errors.add("hours_per_week", Text::new("entry-hours-per-week"));
                }
                if w.age_ranges.is_empty() {
                    errors.add("age_ranges", Text::new("entry-choose-ages"));
                }
                if w.kinds.is_empty() {
                    errors.add("kinds", Text::new("entry-choose-kinds"));
                }
                if w.families_served > 100_000 {
                    errors.add(
                        "families_served",
                        Text::new("field-range-max").with("max", 100_000),
                    );
                }
            }
            EntryData::Training(t) => {
                errors.text("title", &t.title, 300);
                errors.text("provider", &t.provider, 200);
                errors.past("date", t.date, today);
                errors.hours(
                    "hours",
                    t.hours,
                    Hours::whole(200),
                    Text::new("entry-hours-max-training"),
                );
                if t.domains.is_empty() {
                    errors.add("domains", Text::new("entry-choose-domains"));
                }
                for domain in &t.domains {
                    if !rulebook.has_domain(domain) {
                        errors.add(
                            "domains",
                            Text::new("entry-unknown-domain").with("domain", domain),
                        );
                    }
                }
                if has_duplicates(&t.domains) {
                    errors.add("domains", Text::new("entry-domain-twice"));
                }
                if has_duplicates(&t.topics) {
                    errors.add("topics", Text::new("entry-topic-twice"));
                }
            }
            EntryData::Rsc(r) => {
                errors.past("date", r.date, today);
                errors.hours(
                    "hours",
                    r.hours,
                    Hours::whole(24),
                    Text::new("entry-hours-max-rsc"),
                );
                errors.text("provider_name", &r.provider_name, 200);
                if let Some(category) = &r.provider_category {
                    if rulebook.category(category).is_none() {
                        errors.add(
                            "provider_category",
                            Text::new("entry-unknown-category").with("category", category),
                        );
                    }
                }
                if let Some(number) = &r.provider_number {
                    if number.trim().is_empty() || number.chars().count() > 50 {
                        errors.add(
                            "provider_number",
                            Text::new("field-length-between")
                                .with("min", 1)
                                .with("max", 50),
                        );
                    }
                }
            }
            EntryData::Agreements(a) => {
                let typed = a
                    .signed_name
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let expected = signer.split_whitespace().collect::<Vec<_>>().join(" ");
                if typed.to_lowercase() != expected.to_lowercase() {
                    errors.add(
                        "signed_name",
                        Text::new("entry-sign-full-name").with("name", expected),
                    );
                }
            }
            EntryData::Membership(m) => {
                errors.text("association", &m.association, 200);
                errors.text("number", &m.number, 50);
                if m.expires_on.year() < 1950 || m.expires_on.year() > today.year() + 10 {
                    errors.add(
                        "expires_on",
                        Text::new("entry-expiry-range")
                            .with("last", (today.year() + 10).to_string()),
                    );
                }
            }
        }
        errors.0
    }
}

fn has_duplicates<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(i, item)| items[..i].contains(item))
}

#[derive(Default)]
pub(crate) struct Checker(pub(crate) FieldErrors);

impl Checker {
    pub(crate) fn add(&mut self, field: &str, message: impl Into<Text>) {
        self.0
            .entry(field.to_string())
            .or_default()
            .push(message.into());
    }

    pub(crate) fn text(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.add(field, Text::new("field-blank"));
        } else if value.chars().count() > max {
            self.add(field, Text::new("field-too-long").with("max", max));
        } else if let Some(message) = crate::validation::hidden_characters(value) {
            self.add(field, message);
        }
    }

    pub(crate) fn past(&mut self, field: &str, date: NaiveDate, today: NaiveDate) {
        if date > today {
            self.add(field, Text::new("field-future"));
        }
    }

    fn hours(&mut self, field: &str, hours: Hours, max: Hours, too_many: Text) {
        if hours == Hours::ZERO {
            self.add(field, Text::new("field-positive"));
        } else if hours > max {
            self.add(field, too_many);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::RscFormat;
    use crate::rulebook::TrainingTopic;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
    }

    fn rulebook() -> Rulebook {
        Rulebook::default_rulebook().unwrap()
    }

    #[test]
    fn entries_travel_tagged_by_section() {
        let json = serde_json::json!({
            "section": "training",
            "data": { "title": "Attachment", "provider": "Institute", "date": "2026-01-10",
                      "hours": 6.5, "domains": ["reflection"], "topics": ["dei"] }
        });
        let data: EntryData = serde_json::from_value(json).unwrap();
        assert_eq!(data.section(), EditableSection::Training);
        assert!(data.problems(today(), &rulebook(), "Ada").is_empty());
    }

    #[test]
    fn bad_training_is_refused_field_by_field() {
        let data = EntryData::Training(TrainingData {
            title: " ".into(),
            provider: "Institute".into(),
            date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            hours: Hours::ZERO,
            domains: vec!["astrology".into()],
            topics: vec![TrainingTopic::Dei, TrainingTopic::Dei],
            certificate: None,
        });
        let errors = data.problems(today(), &rulebook(), "Ada");
        assert_eq!(errors["title"], ["must not be blank"]);
        assert_eq!(errors["date"], ["must not be in the future"]);
        assert_eq!(errors["hours"], ["must be more than 0"]);
        assert_eq!(
            errors["domains"],
            ["'astrology' is not a competency domain"]
        );
        assert_eq!(errors["topics"], ["lists a topic twice"]);
    }

    #[test]
    fn rsc_over_a_day_or_from_an_unknown_category_is_refused() {
        let data = EntryData::Rsc(RscData {
            evidence: None,
            date: today(),
            hours: Hours::whole(25),
            format: RscFormat::Group,
            provider_name: "Dr. P".into(),
            provider_category: Some("XYZ".into()),
            provider_number: None,
            provider_vetted: false,
            about_providing: false,
        });
        let errors = data.problems(today(), &rulebook(), "Ada");
        assert_eq!(errors["hours"], ["must be at most 24 hours on one day"]);
        assert_eq!(
            errors["provider_category"],
            ["'XYZ' is not an endorsement category"]
        );
    }

    #[test]
    fn work_that_ends_before_it_starts_is_refused() {
        let data = EntryData::Work(WorkData {
            verification: None,
            employer: "Agency".into(),
            position: "Home visitor".into(),
            start: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            end: Some(NaiveDate::from_ymd_opt(2024, 4, 1).unwrap()),
            hours_per_week: 0,
            employment: crate::rulebook::Employment::Paid,
            age_ranges: vec![],
            families_served: 3,
            kinds: vec![],
        });
        let errors = data.problems(today(), &rulebook(), "Ada");
        assert_eq!(errors["end"], ["must not be before the start"]);
        assert_eq!(errors["hours_per_week"], ["must be between 1 and 80"]);
        assert!(errors.contains_key("age_ranges") && errors.contains_key("kinds"));
    }

    #[test]
    fn a_signature_must_be_the_account_name() {
        let signed = |name: &str| {
            EntryData::Agreements(AgreementData {
                signed_copy: None,
                kind: crate::rulebook::AgreementKind::CodeOfEthics,
                signed_name: name.into(),
                signed_at: Utc::now(),
            })
        };
        assert!(signed("  ada   LOVELACE ")
            .problems(today(), &rulebook(), "Ada Lovelace")
            .is_empty());
        assert_eq!(
            signed("A. L.").problems(today(), &rulebook(), "Ada Lovelace")["signed_name"],
            ["type your full name as on your account: Ada Lovelace"]
        );
    }

    #[test]
    fn sections_parse_from_their_names() {
        for section in EditableSection::ALL {
            assert_eq!(section.as_str().parse::<EditableSection>(), Ok(section));
        }
        assert!("references".parse::<EditableSection>().is_err());
    }
}
