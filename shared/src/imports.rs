//! Importing what an association already has: holders with their numbers,
//! members and applicants, past ratings and RSC logs, each from a CSV file.
//!
//! This module is the pure half: the columns of each kind of file (the
//! README lists them and the template is made from them), reading one row
//! into a typed record with every problem it has, the problems' words, and
//! the wire types of the dry run and the import. Decoding the file and
//! matching rows against what is stored are the server's.

use crate::endorsements::EndorsementStatus;
use crate::hours::Hours;
use crate::i18n::{Lang, Text};
use crate::portfolio::RscFormat;
use crate::references::Recommendation;
use crate::rulebook::Relationship;
use crate::validation::{hidden_code, normalize_email};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The largest file an import takes.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// The most rows (after the header) an import takes.
pub const MAX_IMPORT_ROWS: usize = 50_000;
/// The longest a name (a person's, a referee's, a provider's) may be.
const MAX_NAME: usize = 200;
/// The longest any other field may be.
const MAX_FIELD: usize = 2_000;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Endorsement holders, with their numbers and dates.
    Holders,
    /// Members and applicants.
    Members,
    /// Reference ratings given in the old system.
    Ratings,
    /// RSC sessions logged in the old system.
    Rsc,
}

crate::texts!(ImportKind {
    Holders => "import-kind-holders",
    Members => "import-kind-members",
    Ratings => "import-kind-ratings",
    Rsc => "import-kind-rsc",
});

impl ImportKind {
    /// Every kind, in the order they are best imported.
    pub const ALL: [ImportKind; 4] = [
        ImportKind::Holders,
        ImportKind::Members,
        ImportKind::Ratings,
        ImportKind::Rsc,
    ];

    /// The name in storage and addresses.
    pub const fn as_str(self) -> &'static str {
        match self {
            ImportKind::Holders => "holders",
            ImportKind::Members => "members",
            ImportKind::Ratings => "ratings",
            ImportKind::Rsc => "rsc",
        }
    }

    /// The kind a stored name names.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Its columns, in the template's order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            ImportKind::Holders => HOLDER_COLUMNS,
            ImportKind::Members => MEMBER_COLUMNS,
            ImportKind::Ratings => RATING_COLUMNS,
            ImportKind::Rsc => RSC_COLUMNS,
        }
    }

    /// The template: the header and one example row, as CSV.
    pub fn template(self) -> String {
        let header: Vec<&str> = self.columns().iter().map(|c| c.name).collect();
        let example: Vec<&str> = self.columns().iter().map(|c| c.example).collect();
        format!("{}\r\n{}\r\n", header.join(","), example.join(","))
    }
}

/// One column of a kind of file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its name in the header row.
    pub name: &'static str,
    /// Whether every row must fill it.
    pub required: bool,
    /// What the template's example row holds.
    pub example: &'static str,
}

const fn col(name: &'static str, required: bool, example: &'static str) -> Column {
    Column {
        name,
        required,
        example,
    }
}

const HOLDER_COLUMNS: &[Column] = &[
    col("name", true, "Ada Lovelace"),
    col("email", true, "ada@example.org"),
    col("category", true, "IFS"),
    col("endorsement_number", true, "MI-IFS-2019-0042"),
    col("awarded_on", true, "2019-05-14"),
    col("renewal_due", true, "2027-05-31"),
    col("status", false, "active"),
    col("membership_number", false, "M-1001"),
    col("membership_expires_on", false, "2027-12-31"),
];

const MEMBER_COLUMNS: &[Column] = &[
    col("name", true, "Grace Hopper"),
    col("email", true, "grace@example.org"),
    col("membership_number", false, "M-1002"),
    col("membership_expires_on", false, "2027-12-31"),
    col("category", false, "IFS"),
];

const RATING_COLUMNS: &[Column] = &[
    col("applicant_email", true, "grace@example.org"),
    col("category", true, "IFS"),
    col("referee_name", true, "Mary Ainsworth"),
    col("referee_email", true, "mary@example.org"),
    col("relationship", true, "current_supervisor"),
    col("known_since", true, "2018-09-01"),
    col("given_on", true, "2026-06-15"),
    col("recommendation", true, "recommend"),
    col("not_enough_information", false, "0"),
    col("referee_endorsement_number", false, ""),
    col("comments", false, ""),
];

const RSC_COLUMNS: &[Column] = &[
    col("applicant_email", true, "grace@example.org"),
    col("date", true, "2026-03-02"),
    col("hours", true, "1.5"),
    col("format", true, "individual"),
    col("provider_name", true, "Selma Fraiberg"),
    col("provider_category", false, "IMHM-C"),
    col("provider_number", false, "MI-IMHM-C-2015-0007"),
    col("about_providing", false, "no"),
];

/// What is wrong with a row, or with a field of it. Stored with the dry
/// run, so that it is said in whichever language the reader reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "issue", rename_all = "snake_case")]
pub enum ImportIssue {
    /// A required column is empty.
    Missing {
        /// The column.
        column: String,
    },
    /// Longer than the column allows.
    TooLong {
        /// The column.
        column: String,
        /// The most characters it takes.
        max: u32,
    },
    /// Holds control or invisible characters.
    Hidden {
        /// The column.
        column: String,
    },
    /// Not a day (`2026-05-31` or `5/31/2026`).
    NotADate {
        /// The column.
        column: String,
        /// What it held.
        value: String,
    },
    /// A day that has not come yet where only a past day makes sense.
    InTheFuture {
        /// The column.
        column: String,
    },
    /// Not an e-mail address.
    NotAnEmail {
        /// The column.
        column: String,
    },
    /// Not a whole number, or out of range.
    NotANumber {
        /// The column.
        column: String,
        /// What it held.
        value: String,
    },
    /// Not hours in quarter hours (1, 1.5, 0.25), at most 24.
    NotHours {
        /// What it held.
        value: String,
    },
    /// The day's RSC would come to more than 24 hours with this session.
    DayOverFull {
        /// The hours already logged that day.
        logged: String,
    },
    /// Not one of the column's values.
    NotOneOf {
        /// The column.
        column: String,
        /// What it held.
        value: String,
        /// What it may hold.
        allowed: String,
    },
    /// No category of the rulebook has this code.
    UnknownCategory {
        /// What it held.
        value: String,
    },
    /// The renewal falls due before the award.
    DueBeforeAward,
    /// The same endorsement number is on an earlier line of the file.
    DuplicateNumber {
        /// That line.
        line: u32,
    },
    /// The same row (by what identifies it) is on an earlier line.
    DuplicateRow {
        /// That line.
        line: u32,
    },
    /// The number is another person's endorsement.
    NumberOfAnother,
    /// The number is an endorsement of another category.
    CategoryDiffers {
        /// The category it has.
        stored: String,
    },
    /// The number was earned through Endorse, not imported: an import does
    /// not change it.
    NotImported,
    /// No account has this address (import the members first).
    NoAccount {
        /// The address.
        email: String,
    },
    /// The account is not an applicant's (a referee's own address, an
    /// admin's).
    SameAsApplicant,
}

impl ImportIssue {
    /// The column it is about, if one.
    pub fn column(&self) -> Option<&str> {
        match self {
            ImportIssue::Missing { column }
            | ImportIssue::TooLong { column, .. }
            | ImportIssue::Hidden { column }
            | ImportIssue::NotADate { column, .. }
            | ImportIssue::InTheFuture { column }
            | ImportIssue::NotAnEmail { column }
            | ImportIssue::NotANumber { column, .. }
            | ImportIssue::NotOneOf { column, .. } => Some(column),
            ImportIssue::NotHours { .. } | ImportIssue::DayOverFull { .. } => Some("hours"),
            ImportIssue::UnknownCategory { .. } | ImportIssue::CategoryDiffers { .. } => {
                Some("category")
            }
            ImportIssue::DuplicateNumber { .. }
            | ImportIssue::NumberOfAnother
            | ImportIssue::NotImported => Some("endorsement_number"),
            ImportIssue::DueBeforeAward => Some("renewal_due"),
            ImportIssue::NoAccount { .. } => Some("applicant_email"),
            ImportIssue::SameAsApplicant => Some("referee_email"),
            ImportIssue::DuplicateRow { .. } => None,
        }
    }

    /// Its words.
    pub fn text(&self) -> Text {
        match self {
            ImportIssue::Missing { column } => {
                Text::new("import-issue-missing").with("column", column.clone())
            }
            ImportIssue::TooLong { column, max } => Text::new("import-issue-too-long")
                .with("column", column.clone())
                .with("max", *max),
            ImportIssue::Hidden { column } => {
                Text::new("import-issue-hidden").with("column", column.clone())
            }
            ImportIssue::NotADate { column, value } => Text::new("import-issue-not-a-date")
                .with("column", column.clone())
                .with("value", value.clone()),
            ImportIssue::InTheFuture { column } => {
                Text::new("import-issue-in-the-future").with("column", column.clone())
            }
            ImportIssue::NotAnEmail { column } => {
                Text::new("import-issue-not-an-email").with("column", column.clone())
            }
            ImportIssue::NotANumber { column, value } => Text::new("import-issue-not-a-number")
                .with("column", column.clone())
                .with("value", value.clone()),
            ImportIssue::NotHours { value } => {
                Text::new("import-issue-not-hours").with("value", value.clone())
            }
            ImportIssue::DayOverFull { logged } => {
                Text::new("import-issue-day-over-full").with("logged", logged.clone())
            }
            ImportIssue::NotOneOf {
                column,
                value,
                allowed,
            } => Text::new("import-issue-not-one-of")
                .with("column", column.clone())
                .with("value", value.clone())
                .with("allowed", allowed.clone()),
            ImportIssue::UnknownCategory { value } => {
                Text::new("import-issue-unknown-category").with("value", value.clone())
            }
            ImportIssue::DueBeforeAward => Text::new("import-issue-due-before-award"),
            ImportIssue::DuplicateNumber { line } => {
                Text::new("import-issue-duplicate-number").with("line", *line)
            }
            ImportIssue::DuplicateRow { line } => {
                Text::new("import-issue-duplicate-row").with("line", *line)
            }
            ImportIssue::NumberOfAnother => Text::new("import-issue-number-of-another"),
            ImportIssue::CategoryDiffers { stored } => {
                Text::new("import-issue-category-differs").with("stored", stored.clone())
            }
            ImportIssue::NotImported => Text::new("import-issue-not-imported"),
            ImportIssue::NoAccount { email } => {
                Text::new("import-issue-no-account").with("email", email.clone())
            }
            ImportIssue::SameAsApplicant => Text::new("import-issue-same-as-applicant"),
        }
    }
}

/// One row of a file, by column name (the header's names, lower case, with
/// spaces and hyphens read as underscores).
#[derive(Clone, Debug, Default)]
pub struct Record {
    values: HashMap<String, String>,
}

/// A header's name as columns are matched.
pub fn column_key(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

impl Record {
    /// The row whose cells are `cells`, under `header`.
    pub fn new(header: &[String], cells: &[String]) -> Self {
        Record {
            values: header
                .iter()
                .zip(cells)
                .map(|(name, cell)| (column_key(name), cell.trim().to_string()))
                .collect(),
        }
    }

    /// The row's value in `column`, unless empty.
    pub fn value(&self, column: &str) -> Option<&str> {
        self.get(column)
    }

    fn get(&self, column: &str) -> Option<&str> {
        self.values
            .get(column)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// What the columns of a header say: the required ones it lacks, and those
/// no column of the kind has (ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderCheck {
    /// Required columns that are not there.
    pub missing: Vec<&'static str>,
    /// Columns the kind does not read.
    pub ignored: Vec<String>,
    /// Columns named twice.
    pub repeated: Vec<String>,
}

/// Checks a header row against a kind's columns.
pub fn check_header(kind: ImportKind, header: &[String]) -> HeaderCheck {
    let keys: Vec<String> = header.iter().map(|h| column_key(h)).collect();
    let known = kind.columns();
    let mut repeated = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if !key.is_empty() && keys[..i].contains(key) && !repeated.contains(key) {
            repeated.push(key.clone());
        }
    }
    HeaderCheck {
        missing: known
            .iter()
            .filter(|c| c.required && !keys.contains(&c.name.to_string()))
            .map(|c| c.name)
            .collect(),
        ignored: keys
            .iter()
            .filter(|k| !k.is_empty() && !known.iter().any(|c| c.name == k.as_str()))
            .cloned()
            .collect(),
        repeated,
    }
}

/// Reads a row's fields one by one, gathering every problem.
struct Reader<'a> {
    record: &'a Record,
    issues: Vec<ImportIssue>,
}

impl<'a> Reader<'a> {
    fn new(record: &'a Record) -> Self {
        Reader {
            record,
            issues: Vec::new(),
        }
    }

    fn optional_text(&mut self, column: &str, max: usize) -> Option<String> {
        let value = self.record.get(column)?;
        if value.chars().count() > max {
            self.issues.push(ImportIssue::TooLong {
                column: column.into(),
                max: u32::try_from(max).unwrap_or(u32::MAX),
            });
            return None;
        }
        if hidden_code(value).is_some() {
            self.issues.push(ImportIssue::Hidden {
                column: column.into(),
            });
            return None;
        }
        Some(value.to_string())
    }

    fn text(&mut self, column: &str, max: usize) -> Option<String> {
        if self.record.get(column).is_none() {
            self.issues.push(ImportIssue::Missing {
                column: column.into(),
            });
            return None;
        }
        self.optional_text(column, max)
    }

    fn email(&mut self, column: &str) -> Option<String> {
        let value = self.text(column, 254)?;
        let email = normalize_email(&value);
        if validator::ValidateEmail::validate_email(&email) {
            Some(email)
        } else {
            self.issues.push(ImportIssue::NotAnEmail {
                column: column.into(),
            });
            None
        }
    }

    fn optional_date(&mut self, column: &str) -> Option<NaiveDate> {
        let value = self.record.get(column)?;
        match parse_date(value) {
            Some(day) => Some(day),
            None => {
                self.issues.push(ImportIssue::NotADate {
                    column: column.into(),
                    value: shown(value),
                });
                None
            }
        }
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        if self.record.get(column).is_none() {
            self.issues.push(ImportIssue::Missing {
                column: column.into(),
            });
            return None;
        }
        self.optional_date(column)
    }

    fn past_date(&mut self, column: &str, today: NaiveDate) -> Option<NaiveDate> {
        let day = self.date(column)?;
        if day > today {
            self.issues.push(ImportIssue::InTheFuture {
                column: column.into(),
            });
            return None;
        }
        Some(day)
    }

    fn choice<T: Copy>(
        &mut self,
        column: &str,
        choices: &[(&str, T)],
        default: Option<T>,
    ) -> Option<T> {
        let Some(value) = self.record.get(column) else {
            if default.is_none() {
                self.issues.push(ImportIssue::Missing {
                    column: column.into(),
                });
            }
            return default;
        };
        let key = column_key(value);
        match choices.iter().find(|(name, _)| *name == key) {
            Some((_, choice)) => Some(*choice),
            None => {
                let mut allowed: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
                allowed.dedup();
                self.issues.push(ImportIssue::NotOneOf {
                    column: column.into(),
                    value: shown(value),
                    allowed: allowed.join(", "),
                });
                None
            }
        }
    }

    fn category(&mut self, column: &str, known: &dyn Fn(&str) -> bool) -> Option<String> {
        let value = self.text(column, 32)?;
        let code = value.to_uppercase();
        if known(&code) {
            Some(code)
        } else {
            self.issues.push(ImportIssue::UnknownCategory {
                value: shown(&value),
            });
            None
        }
    }

    fn optional_category(&mut self, column: &str, known: &dyn Fn(&str) -> bool) -> Option<String> {
        self.record.get(column)?;
        self.category(column, known)
    }

    fn finish<T>(self, row: Option<T>) -> Result<T, Vec<ImportIssue>> {
        match row {
            Some(row) if self.issues.is_empty() => Ok(row),
            _ => Err(self.issues),
        }
    }
}

/// A value as a problem quotes it: at most 60 characters.
fn shown(value: &str) -> String {
    let mut out: String = value.chars().take(60).collect();
    if value.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// A day written `2026-05-31` (ISO 8601) or `5/31/2026` (month first, as
/// spreadsheets in the United States write it).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%m/%d/%Y"))
        .ok()
        .filter(|day| (1900..=2200).contains(&chrono::Datelike::year(day)))
}

const YES_NO: &[(&str, bool)] = &[
    ("yes", true),
    ("no", false),
    ("true", true),
    ("false", false),
    ("y", true),
    ("n", false),
    ("1", true),
    ("0", false),
];

/// A holder as a row names her.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolderRow {
    /// Her name.
    pub name: String,
    /// Her address, lower case.
    pub email: String,
    /// The category's code.
    pub category: String,
    /// The number, exactly as written.
    pub number: String,
    /// The day it was awarded.
    pub awarded_on: NaiveDate,
    /// When its renewal falls due.
    pub renewal_due: NaiveDate,
    /// Where it stands.
    pub status: EndorsementStatus,
    /// Her membership, if given.
    pub membership: Option<MembershipRow>,
}

/// A membership as a row names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MembershipRow {
    /// The number.
    pub number: String,
    /// When it runs out.
    pub expires_on: NaiveDate,
}

/// A member or applicant as a row names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRow {
    /// The name.
    pub name: String,
    /// The address, lower case.
    pub email: String,
    /// The membership, if given.
    pub membership: Option<MembershipRow>,
    /// The category applied for, if any.
    pub category: Option<String>,
}

/// A rating given in the old system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRow {
    /// Whose portfolio it is for.
    pub applicant_email: String,
    /// The category it was for.
    pub category: String,
    /// The referee.
    pub referee_name: String,
    /// The referee's address, lower case.
    pub referee_email: String,
    /// How the referee knows the applicant.
    pub relationship: Relationship,
    /// Since when.
    pub known_since: NaiveDate,
    /// The day it was given: its validity counts from it.
    pub given_on: NaiveDate,
    /// The referee's recommendation.
    pub recommendation: Recommendation,
    /// How many competency domains the referee could not rate.
    pub not_enough_information: u32,
    /// The referee's endorsement number, if endorsed.
    pub referee_number: Option<String>,
    /// What the referee wrote.
    pub comments: String,
}

/// An RSC session logged in the old system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RscRow {
    /// Whose log it is.
    pub applicant_email: String,
    /// The day.
    pub date: NaiveDate,
    /// How long.
    pub hours: Hours,
    /// Individual or group.
    pub format: RscFormat,
    /// The provider.
    pub provider_name: String,
    /// The provider's endorsement category, if known.
    pub provider_category: Option<String>,
    /// The provider's endorsement number, if known.
    pub provider_number: Option<String>,
    /// Whether the session was about providing RSC.
    pub about_providing: bool,
}

fn membership(reader: &mut Reader<'_>) -> Option<Option<MembershipRow>> {
    let number = reader.optional_text("membership_number", 64);
    let expires_on = reader.optional_date("membership_expires_on");
    match (number, expires_on) {
        (Some(number), Some(expires_on)) => Some(Some(MembershipRow { number, expires_on })),
        (None, None)
            if reader.record.get("membership_number").is_none()
                && reader.record.get("membership_expires_on").is_none() =>
        {
            Some(None)
        }
        (None, _) if reader.record.get("membership_number").is_none() => {
            reader.issues.push(ImportIssue::Missing {
                column: "membership_number".into(),
            });
            None
        }
        (_, None) if reader.record.get("membership_expires_on").is_none() => {
            reader.issues.push(ImportIssue::Missing {
                column: "membership_expires_on".into(),
            });
            None
        }
        _ => None,
    }
}

/// Reads a holder's row; `known` says whether a category code is the
/// rulebook's.
pub fn holder_row(
    record: &Record,
    known: &dyn Fn(&str) -> bool,
) -> Result<HolderRow, Vec<ImportIssue>> {
    use EndorsementStatus as S;
    let mut r = Reader::new(record);
    let name = r.text("name", MAX_NAME);
    let email = r.email("email");
    let category = r.category("category", known);
    let number = r.text("endorsement_number", 64);
    let awarded_on = r.date("awarded_on");
    let renewal_due = r.date("renewal_due");
    let status = r.choice(
        "status",
        &[
            ("active", S::Active),
            ("lapsed", S::Lapsed),
            ("inactive", S::Inactive),
            ("emeritus", S::Emeritus),
            ("suspended", S::Suspended),
            ("revoked", S::Revoked),
            ("archived", S::Archived),
        ],
        Some(S::Active),
    );
    let membership = membership(&mut r);
    if let (Some(awarded), Some(due)) = (awarded_on, renewal_due) {
        if due <= awarded {
            r.issues.push(ImportIssue::DueBeforeAward);
        }
    }
    let row = (|| {
        Some(HolderRow {
            name: name?,
            email: email?,
            category: category?,
            number: number?,
            awarded_on: awarded_on?,
            renewal_due: renewal_due?,
            status: status?,
            membership: membership?,
        })
    })();
    r.finish(row)
}

/// Reads a member's row.
pub fn member_row(
    record: &Record,
    known: &dyn Fn(&str) -> bool,
) -> Result<MemberRow, Vec<ImportIssue>> {
    let mut r = Reader::new(record);
    let name = r.text("name", MAX_NAME);
    let email = r.email("email");
    let membership = membership(&mut r);
    let category = if r.record.get("category").is_some() {
        r.optional_category("category", known).map(Some)
    } else {
        Some(None)
    };
    let row = (|| {
        Some(MemberRow {
            name: name?,
            email: email?,
            membership: membership?,
            category: category?,
        })
    })();
    r.finish(row)
}

/// Reads a rating's row, as of `today` (no rating is given in the future).
pub fn rating_row(
    record: &Record,
    known: &dyn Fn(&str) -> bool,
    today: NaiveDate,
) -> Result<RatingRow, Vec<ImportIssue>> {
    use Relationship as R;
    let mut r = Reader::new(record);
    let applicant_email = r.email("applicant_email");
    let category = r.category("category", known);
    let referee_name = r.text("referee_name", MAX_NAME);
    let referee_email = r.email("referee_email");
    let relationship = r.choice(
        "relationship",
        &[
            ("current_supervisor", R::CurrentSupervisor),
            ("rsc_provider", R::RscProvider),
            ("other_supervisor", R::OtherSupervisor),
            ("colleague", R::Colleague),
            ("supervisee", R::Supervisee),
            ("service_recipient", R::ServiceRecipient),
        ],
        None,
    );
    let known_since = r.past_date("known_since", today);
    let given_on = r.past_date("given_on", today);
    let recommendation = r.choice(
        "recommendation",
        &[
            ("recommend", Recommendation::Recommend),
            (
                "recommend_with_reservations",
                Recommendation::RecommendWithReservations,
            ),
            ("do_not_recommend", Recommendation::DoNotRecommend),
        ],
        None,
    );
    let not_enough_information = match record.get("not_enough_information") {
        None => Some(0),
        Some(value) => match value.parse::<u32>() {
            Ok(count) if count <= 20 => Some(count),
            _ => {
                r.issues.push(ImportIssue::NotANumber {
                    column: "not_enough_information".into(),
                    value: shown(value),
                });
                None
            }
        },
    };
    let referee_number = r.optional_text("referee_endorsement_number", 64);
    let comments = r.optional_text("comments", MAX_FIELD).unwrap_or_default();
    if let (Some(applicant), Some(referee)) = (&applicant_email, &referee_email) {
        if applicant == referee {
            r.issues.push(ImportIssue::SameAsApplicant);
        }
    }
    let row = (|| {
        Some(RatingRow {
            applicant_email: applicant_email?,
            category: category?,
            referee_name: referee_name?,
            referee_email: referee_email?,
            relationship: relationship?,
            known_since: known_since?,
            given_on: given_on?,
            recommendation: recommendation?,
            not_enough_information: not_enough_information?,
            referee_number,
            comments,
        })
    })();
    r.finish(row)
}

/// Reads an RSC session's row, as of `today`.
pub fn rsc_row(
    record: &Record,
    known: &dyn Fn(&str) -> bool,
    today: NaiveDate,
) -> Result<RscRow, Vec<ImportIssue>> {
    let mut r = Reader::new(record);
    let applicant_email = r.email("applicant_email");
    let date = r.past_date("date", today);
    let hours = match record.get("hours") {
        None => {
            r.issues.push(ImportIssue::Missing {
                column: "hours".into(),
            });
            None
        }
        Some(value) => match value
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .and_then(|h| Hours::from_f64(h).ok())
            .filter(|h| *h > Hours::ZERO && h.as_f64() <= 24.0)
        {
            Some(hours) => Some(hours),
            None => {
                r.issues.push(ImportIssue::NotHours {
                    value: shown(value),
                });
                None
            }
        },
    };
    let format = r.choice(
        "format",
        &[
            ("individual", RscFormat::Individual),
            ("group", RscFormat::Group),
        ],
        None,
    );
    let provider_name = r.text("provider_name", MAX_NAME);
    let provider_category = if record.get("provider_category").is_some() {
        r.optional_category("provider_category", known).map(Some)
    } else {
        Some(None)
    };
    let provider_number = r.optional_text("provider_number", 64);
    let about_providing = r.choice("about_providing", YES_NO, Some(false));
    let row = (|| {
        Some(RscRow {
            applicant_email: applicant_email?,
            date: date?,
            hours: hours?,
            format: format?,
            provider_name: provider_name?,
            provider_category: provider_category?,
            provider_number,
            about_providing: about_providing?,
        })
    })();
    r.finish(row)
}

/// What an import does, or did, with a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// Something new is made.
    Create,
    /// Something stored changes.
    Update,
    /// It is stored already, as it is.
    Unchanged,
    /// Nothing is written, for the reasons given.
    Refused,
}

crate::texts!(RowOutcome {
    Create => "import-outcome-create",
    Update => "import-outcome-update",
    Unchanged => "import-outcome-unchanged",
    Refused => "import-outcome-refused",
});

impl RowOutcome {
    /// Every outcome.
    pub const ALL: [RowOutcome; 4] = [
        RowOutcome::Create,
        RowOutcome::Update,
        RowOutcome::Unchanged,
        RowOutcome::Refused,
    ];

    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            RowOutcome::Create => "create",
            RowOutcome::Update => "update",
            RowOutcome::Unchanged => "unchanged",
            RowOutcome::Refused => "refused",
        }
    }

    /// From storage.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == raw)
    }
}

/// What a row does, and why, as stored with the import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowDetail {
    /// What is wrong (refused rows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<ImportIssue>,
    /// The columns whose values change (updated rows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    /// Whether an account is made (and its owner invited).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new_account: bool,
}

/// One problem of a row, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowProblem {
    /// The column it is about, if one.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
    /// The same, for programs.
    pub issue: ImportIssue,
}

/// One row of a file and what the import does with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowPlan {
    /// Its line in the file (the header is line 1).
    pub line: u32,
    /// Who or what it is about (an address, a number).
    pub subject: String,
    /// What the dry run found.
    pub outcome: RowOutcome,
    /// What happened when it was imported (once it was).
    pub applied: Option<RowOutcome>,
    /// The columns that change.
    pub changes: Vec<String>,
    /// Why it is refused.
    pub problems: Vec<RowProblem>,
    /// Whether an account is made, and its owner invited to claim it.
    pub new_account: bool,
}

impl RowPlan {
    /// The wire form of a stored row, its problems said in `lang`.
    pub fn from_detail(
        (line, subject): (u32, String),
        (outcome, applied): (RowOutcome, Option<RowOutcome>),
        detail: RowDetail,
        lang: Lang,
    ) -> Self {
        RowPlan {
            line,
            subject,
            outcome,
            applied,
            changes: detail.changes,
            problems: detail
                .issues
                .into_iter()
                .map(|issue| RowProblem {
                    column: issue.column().map(str::to_string),
                    message: issue.text().say(lang),
                    issue,
                })
                .collect(),
            new_account: detail.new_account,
        }
    }
}

/// How far an import is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Checked (the dry run); nothing is written until it is confirmed.
    Checked,
    /// Confirmed; its rows are being written, a batch at a time.
    Applying,
    /// Every row was written (or refused).
    Applied,
    /// Set aside without being imported.
    Discarded,
}

crate::texts!(ImportStatus {
    Checked => "import-status-checked",
    Applying => "import-status-applying",
    Applied => "import-status-applied",
    Discarded => "import-status-discarded",
});

impl ImportStatus {
    /// Every status.
    pub const ALL: [ImportStatus; 4] = [
        ImportStatus::Checked,
        ImportStatus::Applying,
        ImportStatus::Applied,
        ImportStatus::Discarded,
    ];

    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Checked => "checked",
            ImportStatus::Applying => "applying",
            ImportStatus::Applied => "applied",
            ImportStatus::Discarded => "discarded",
        }
    }

    /// From storage.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// How many rows of each outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeCounts {
    /// Rows that make something new.
    pub create: u32,
    /// Rows that change something stored.
    pub update: u32,
    /// Rows stored already as they are.
    pub unchanged: u32,
    /// Rows refused.
    pub refused: u32,
}

impl OutcomeCounts {
    /// Counts one more row of `outcome`.
    pub fn add(&mut self, outcome: RowOutcome) {
        let count = match outcome {
            RowOutcome::Create => &mut self.create,
            RowOutcome::Update => &mut self.update,
            RowOutcome::Unchanged => &mut self.unchanged,
            RowOutcome::Refused => &mut self.refused,
        };
        *count = count.saturating_add(1);
    }

    /// Every row counted.
    pub fn total(&self) -> u32 {
        self.create
            .saturating_add(self.update)
            .saturating_add(self.unchanged)
            .saturating_add(self.refused)
    }
}

/// An import, as admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportView {
    /// Its id.
    pub id: String,
    /// What the file holds.
    pub kind: ImportKind,
    /// The file's name, as uploaded.
    pub file_name: String,
    /// The file's SHA-256, hex.
    pub sha256: String,
    /// How the file was read: `utf-8` or `windows-1252`.
    pub encoding: String,
    /// The separator between fields: `,` or `;`.
    pub delimiter: String,
    /// Columns of the file that this kind does not read.
    pub ignored_columns: Vec<String>,
    /// Where it is.
    pub status: ImportStatus,
    /// Rows in the file (after the header).
    pub rows: u32,
    /// What the dry run found.
    pub planned: OutcomeCounts,
    /// What was done, so far.
    pub applied: OutcomeCounts,
    /// Accounts made, whose owners are invited to claim them.
    pub invited: u32,
    /// Who uploaded it.
    pub uploaded_by_name: String,
    /// When.
    pub uploaded_at: DateTime<Utc>,
    /// When it was confirmed.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// When its last row was written.
    pub finished_at: Option<DateTime<Utc>>,
}

/// A page of an import's rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRowsPage {
    /// The rows, in file order.
    pub rows: Vec<RowPlan>,
    /// The line to ask from for the next page, if there is one.
    pub next_after: Option<u32>,
}

/// Which rows of an import to list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ImportRowsQuery {
    /// Only rows of this outcome (as the dry run found it).
    pub outcome: Option<RowOutcome>,
    /// Rows after this line.
    pub after: Option<u32>,
    /// How many (1 to 500; 100 unless given).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 500))]
    pub limit: Option<u32>,
}

/// The imports made, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportList {
    /// The imports.
    pub imports: Vec<ImportView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(pairs: &[(&str, &str)]) -> Record {
        let header: Vec<String> = pairs.iter().map(|(k, _)| k.to_string()).collect();
        let cells: Vec<String> = pairs.iter().map(|(_, v)| v.to_string()).collect();
        Record::new(&header, &cells)
    }

    fn known(code: &str) -> bool {
        matches!(code, "IFS" | "IMHS" | "IMHM-C")
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn a_holder_row_reads_every_column_and_dates_in_both_forms() {
        let row = holder_row(
            &record(&[
                ("Name", " Ada Lovelace "),
                ("E-mail", "Ada@Example.org"),
                ("category", "ifs"),
                ("endorsement number", "MI-IFS-2019-0042"),
                ("awarded_on", "5/14/2019"),
                ("renewal_due", "2027-05-31"),
                ("status", "Emeritus"),
                ("membership_number", "M-1"),
                ("membership_expires_on", "2027-12-31"),
            ]),
            &known,
        );
        // "E-mail" is not "email": the column is missing.
        assert!(row.is_err());
        let row = holder_row(
            &record(&[
                ("Name", " Ada Lovelace "),
                ("Email", "Ada@Example.org"),
                ("category", "ifs"),
                ("endorsement number", "MI-IFS-2019-0042"),
                ("awarded_on", "5/14/2019"),
                ("renewal_due", "2027-05-31"),
                ("status", "Emeritus"),
                ("membership_number", "M-1"),
                ("membership_expires_on", "2027-12-31"),
            ]),
            &known,
        )
        .unwrap();
        assert_eq!(row.name, "Ada Lovelace");
        assert_eq!(row.email, "ada@example.org");
        assert_eq!(row.category, "IFS");
        assert_eq!(
            row.awarded_on,
            NaiveDate::from_ymd_opt(2019, 5, 14).unwrap()
        );
        assert_eq!(row.status, EndorsementStatus::Emeritus);
        assert_eq!(row.membership.unwrap().number, "M-1");
    }

    #[test]
    fn a_bad_holder_row_names_every_problem() {
        let issues = holder_row(
            &record(&[
                ("name", ""),
                ("email", "not an address"),
                ("category", "XYZ"),
                ("endorsement_number", "N-1"),
                ("awarded_on", "31/12/2019"),
                ("renewal_due", "2027-05-31"),
                ("status", "retired"),
                ("membership_number", "M-1"),
            ]),
            &known,
        )
        .unwrap_err();
        let columns: Vec<Option<&str>> = issues.iter().map(ImportIssue::column).collect();
        assert_eq!(
            columns,
            [
                Some("name"),
                Some("email"),
                Some("category"),
                Some("awarded_on"),
                Some("status"),
                Some("membership_expires_on"),
            ],
            "{issues:?}"
        );
        assert!(issues
            .iter()
            .all(|i| !i.text().say(Lang::En).contains("import-issue")));
    }

    #[test]
    fn a_renewal_due_before_the_award_is_refused() {
        let issues = holder_row(
            &record(&[
                ("name", "Ada"),
                ("email", "ada@example.org"),
                ("category", "IFS"),
                ("endorsement_number", "N-1"),
                ("awarded_on", "2020-01-01"),
                ("renewal_due", "2019-01-01"),
            ]),
            &known,
        )
        .unwrap_err();
        assert_eq!(issues, [ImportIssue::DueBeforeAward]);
    }

    #[test]
    fn a_rating_row_keeps_its_day_and_refuses_one_in_the_future() {
        let base = [
            ("applicant_email", "grace@example.org"),
            ("category", "IFS"),
            ("referee_name", "Mary"),
            ("referee_email", "mary@example.org"),
            ("relationship", "Current supervisor"),
            ("known_since", "2018-09-01"),
            ("given_on", "2026-06-15"),
            ("recommendation", "recommend with reservations"),
            ("not_enough_information", "2"),
        ];
        let row = rating_row(&record(&base), &known, today()).unwrap();
        assert_eq!(row.given_on, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap());
        assert_eq!(row.relationship, Relationship::CurrentSupervisor);
        assert_eq!(row.not_enough_information, 2);
        let mut future = base;
        future[6] = ("given_on", "2027-01-01");
        future[3] = ("referee_email", "GRACE@example.org");
        let issues = rating_row(&record(&future), &known, today()).unwrap_err();
        assert_eq!(
            issues,
            [
                ImportIssue::InTheFuture {
                    column: "given_on".into()
                },
                ImportIssue::SameAsApplicant
            ]
        );
    }

    #[test]
    fn rsc_hours_are_quarter_hours_up_to_a_day() {
        let row = |hours: &str| {
            rsc_row(
                &record(&[
                    ("applicant_email", "grace@example.org"),
                    ("date", "2026-03-02"),
                    ("hours", hours),
                    ("format", "group"),
                    ("provider_name", "Selma"),
                ]),
                &known,
                today(),
            )
        };
        assert_eq!(row("1,5").unwrap().hours.as_f64(), 1.5);
        assert!(row("0").is_err());
        assert!(row("25").is_err());
        assert!(row("1.1").is_err());
        assert!(row("lots").is_err());
    }

    #[test]
    fn headers_say_what_is_missing_ignored_and_repeated() {
        let header: Vec<String> = ["\u{feff}Name", "email", "Email", "Shoe size"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let check = check_header(ImportKind::Members, &header);
        assert!(check.missing.is_empty());
        assert_eq!(check.ignored, ["shoe_size"]);
        assert_eq!(check.repeated, ["email"]);
        let check = check_header(ImportKind::Holders, &header);
        assert_eq!(
            check.missing,
            [
                "category",
                "endorsement_number",
                "awarded_on",
                "renewal_due"
            ]
        );
    }

    #[test]
    fn every_template_reads_back_without_a_problem() {
        for kind in ImportKind::ALL {
            let template = kind.template();
            let mut lines = template.lines();
            let header: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
            let cells: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
            assert_eq!(check_header(kind, &header), HeaderCheck::default());
            let record = Record::new(&header, &cells);
            let ok = match kind {
                ImportKind::Holders => holder_row(&record, &known).is_ok(),
                ImportKind::Members => member_row(&record, &known).is_ok(),
                ImportKind::Ratings => rating_row(&record, &known, today()).is_ok(),
                ImportKind::Rsc => rsc_row(&record, &known, today()).is_ok(),
            };
            assert!(ok, "{kind:?}");
        }
    }
}
