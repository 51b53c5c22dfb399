//! A person's portfolio as the eligibility engine reads it: one list per section.
//!
//! The portfolio belongs to the person and is reused across applications and
//! renewals. These are the facts the engine weighs; how entries are stored and
//! edited is the API's business.

use crate::hours::Hours;
use crate::ids::EntryId;
use crate::rulebook::{
    AgeRange, AgreementKind, DegreeLevel, Employment, Relationship, TrainingTopic, WorkKind,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Everything the engine weighs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    /// Degrees, credentials and licenses.
    #[serde(default)]
    pub education: Vec<Education>,
    /// Work experience.
    #[serde(default)]
    pub work: Vec<Work>,
    /// Specialized (in-service) training.
    #[serde(default)]
    pub training: Vec<Training>,
    /// Reflective supervision/consultation received.
    #[serde(default)]
    pub rsc: Vec<RscSession>,
    /// Reference requests and their ratings.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// Signed agreements.
    #[serde(default)]
    pub agreements: Vec<Agreement>,
    /// Association memberships.
    #[serde(default)]
    pub memberships: Vec<Membership>,
}

/// One entry of a section: its id and its content. Field access reaches through
/// to the content (`entry.hours`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry<T> {
    /// The entry's id.
    pub id: EntryId,
    /// What the entry says.
    #[serde(flatten)]
    pub data: T,
}

impl<T> std::ops::Deref for Entry<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T> std::ops::DerefMut for Entry<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

/// A degree, credential or license entry.
pub type Education = Entry<EducationData>;
/// A work experience entry.
pub type Work = Entry<WorkData>;
/// A training entry.
pub type Training = Entry<TrainingData>;
/// An RSC session entry.
pub type RscSession = Entry<RscData>;
/// A reference entry.
pub type Reference = Entry<ReferenceData>;
/// A signed agreement entry.
pub type Agreement = Entry<AgreementData>;
/// A membership entry.
pub type Membership = Entry<MembershipData>;

/// What an education entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind", content = "level")]
pub enum Credential {
    /// A degree or credential of this level.
    Degree(DegreeLevel),
    /// A state mental-health license.
    License,
}

/// A degree, credential or license.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EducationData {
    /// Degree level, or license.
    pub credential: Credential,
    /// Field of study or of the license.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub field: String,
    /// School, or licensing board.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub institution: String,
    /// Year completed (or licensed).
    pub year: i32,
    /// The uploaded transcript or license, if any.
    #[serde(default)]
    pub transcript: Option<crate::ids::DocumentId>,
}

/// A period of work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkData {
    /// Employer or organisation.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub employer: String,
    /// Position held.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub position: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day; none while ongoing.
    pub end: Option<NaiveDate>,
    /// Hours per week.
    pub hours_per_week: u32,
    /// Paid, volunteer or internship.
    pub employment: Employment,
    /// Ages of the children served.
    pub age_ranges: Vec<AgeRange>,
    /// Families served in this position.
    pub families_served: u32,
    /// Kinds of work done.
    pub kinds: Vec<WorkKind>,
    /// The uploaded letter from the employer that verifies the position, if any.
    #[serde(default)]
    pub verification: Option<crate::ids::DocumentId>,
}

/// A training attended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingData {
    /// Title.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 300))]
    pub title: String,
    /// Who gave it.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub provider: String,
    /// When.
    pub date: NaiveDate,
    /// How long.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub hours: Hours,
    /// Competency domains it covers (codes of the rulebook).
    pub domains: Vec<String>,
    /// Topics counted separately.
    pub topics: Vec<TrainingTopic>,
    /// The uploaded certificate, if any.
    #[serde(default)]
    pub certificate: Option<crate::ids::DocumentId>,
}

/// Individual or group RSC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RscFormat {
    /// One to one.
    Individual,
    /// In a group.
    Group,
}

/// Reflective supervision/consultation received on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RscData {
    /// The day (or the first of the month when logged by month).
    pub date: NaiveDate,
    /// How long.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub hours: Hours,
    /// Individual or group.
    pub format: RscFormat,
    /// The provider's name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub provider_name: String,
    /// The category the provider is endorsed in, if any.
    pub provider_category: Option<String>,
    /// The provider's endorsement number, if any.
    #[serde(default)]
    pub provider_number: Option<String>,
    /// Whether the association vetted this provider (set by an admin).
    pub provider_vetted: bool,
    /// Whether the session was about the RSC the applicant provides.
    pub about_providing: bool,
    /// The uploaded log or letter from the provider, if any.
    #[serde(default)]
    pub evidence: Option<crate::ids::DocumentId>,
}

/// A reference and, once given, its rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferenceData {
    /// The referee's e-mail, lower case (two references from one person count once).
    pub referee_email: String,
    /// How the referee knows the applicant.
    pub relationship: Relationship,
    /// Whether the referee is endorsed (or vetted by the association).
    pub endorsed: bool,
    /// Since when they have known each other.
    pub known_since: Option<NaiveDate>,
    /// The rating, once given.
    pub rating: Option<RatingSummary>,
}

/// What the engine needs of a rating: when, and how many answers were "I do not
/// have enough information to rate".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingSummary {
    /// The day it was given.
    pub given_on: NaiveDate,
    /// How many answers were "not enough information". Where the applicant
    /// waived access, only whether it reaches the limit is told: the count is then
    /// either 0 or the limit, and `withheld` is set.
    pub not_enough_information: u32,
    /// Set when the count is withheld from the applicant (see above).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withheld: bool,
    /// Set when the rating was imported from the association's earlier
    /// records (its day is the one it was given there).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub imported: bool,
}

/// A signed agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementData {
    /// Which agreement.
    pub kind: AgreementKind,
    /// The full name typed as the signature.
    pub signed_name: String,
    /// When.
    pub signed_at: DateTime<Utc>,
    /// The uploaded copy of the signed agreement, if any.
    #[serde(default)]
    pub signed_copy: Option<crate::ids::DocumentId>,
}

/// Membership of the association.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MembershipData {
    /// The association.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub association: String,
    /// The membership number.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 50))]
    pub number: String,
    /// The last day it is valid.
    pub expires_on: NaiveDate,
    /// Whether an admin verified it.
    pub verified: bool,
    /// The uploaded membership card or receipt, if any.
    #[serde(default)]
    pub card: Option<crate::ids::DocumentId>,
}
