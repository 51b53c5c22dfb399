//! The rulebook: what each endorsement category requires, as data.
//!
//! Requirements differ between associations and change over time, so they are
//! never code. A rulebook is read from a file (the default ships as
//! `shared/rulebooks/alliance-baseline-2025.toml`), checked with
//! [`Rulebook::problems`], and published as a numbered version; the eligibility
//! engine (`crate::eligibility`) reads nothing else.

use crate::hours::Hours;
use crate::i18n::{LocalText, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// The default rulebook, as shipped.
pub const DEFAULT_RULEBOOK_TOML: &str = include_str!("../rulebooks/alliance-baseline-2025.toml");

/// A complete set of category requirements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rulebook {
    /// A name people recognise, e.g. "Alliance baseline 2025".
    pub name: LocalText,
    /// What changed and why.
    #[serde(default)]
    pub description: LocalText,
    /// The competency domains training and ratings refer to.
    pub competency_domains: Vec<CompetencyDomain>,
    /// How the association runs peer review.
    #[serde(default)]
    pub review: ReviewPolicy,
    /// How endorsements are numbered and when they are renewed.
    #[serde(default)]
    pub endorsement: EndorsementPolicy,
    /// What a renewal and a reinstatement ask for.
    #[serde(default)]
    pub renewal: RenewalPolicy,
    /// Every category an applicant may apply for.
    pub categories: Vec<CategoryRules>,
}

/// One area of the Competency Guidelines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompetencyDomain {
    /// Stable code, e.g. `reflection`.
    pub code: String,
    /// Its name, e.g. "Reflection".
    pub name: LocalText,
    /// What it means, in a line (shown to referees and reviewers beside it).
    #[serde(default)]
    pub description: LocalText,
}

/// How the association runs peer review: one policy for every category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewPolicy {
    /// Whether reviewers see the application without the applicant's name,
    /// e-mail or file names (free text is left as written).
    #[serde(default = "yes")]
    pub blind: bool,
    /// Days a reviewer has, from assignment to the review's due date.
    #[serde(default = "default_due_days")]
    pub due_days: u32,
    /// Days before the due date that a reminder goes out (another goes out
    /// the day after it, when the review is overdue).
    #[serde(default = "default_reminder_days")]
    pub reminder_days_before: u32,
    /// The rubric each competency domain is scored on, lowest first.
    #[serde(default = "default_rubric")]
    pub rubric: Vec<RubricLevel>,
}

fn yes() -> bool {
    true
}

fn default_due_days() -> u32 {
    30
}

fn default_reminder_days() -> u32 {
    7
}

fn default_rubric() -> Vec<RubricLevel> {
    [
        (
            1,
            "Not evident",
            "The portfolio shows no evidence of this competency.",
        ),
        (
            2,
            "Emerging",
            "Some evidence, not yet consistent across the portfolio.",
        ),
        (
            3,
            "Meets",
            "Consistent evidence at the level of the category.",
        ),
        (
            4,
            "Exceeds",
            "Strong, varied evidence beyond the level of the category.",
        ),
    ]
    .into_iter()
    .map(|(score, label, anchor)| RubricLevel {
        score,
        label: label.into(),
        anchor: anchor.into(),
    })
    .collect()
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        Self {
            blind: true,
            due_days: default_due_days(),
            reminder_days_before: default_reminder_days(),
            rubric: default_rubric(),
        }
    }
}

impl ReviewPolicy {
    /// The rubric level with this score, if any.
    pub fn level(&self, score: u32) -> Option<&RubricLevel> {
        self.rubric.iter().find(|level| level.score == score)
    }
}

/// How endorsements are numbered and when they are renewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EndorsementPolicy {
    /// The start of every number, e.g. `MI` in `MI-IMHS-2026-0042`.
    pub number_prefix: String,
    /// The month of the yearly renewal due date (1 to 12).
    pub renewal_month: u32,
    /// Its day.
    pub renewal_day: u32,
    /// Years in a renewal cycle (1: yearly).
    pub renewal_every_years: u32,
    /// Days after the due date that a missed renewal may still be made; when
    /// they have passed, the endorsement lapses.
    #[serde(default = "default_grace_days")]
    pub grace_days: u32,
    /// The shortest time, in months, from the award to the first due date:
    /// the first due date is the first yearly due date at least this long
    /// after the award. Absent: one full cycle (`renewal_every_years` × 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_cycle_months: Option<u32>,
}

impl EndorsementPolicy {
    /// Months in a renewal cycle.
    pub fn cycle_months(&self) -> u32 {
        self.renewal_every_years.saturating_mul(12)
    }

    /// The first renewal due date of an endorsement awarded on `awarded`: the
    /// first yearly due date at least [`EndorsementPolicy::first_cycle_months`]
    /// after it, never weeks after the award.
    pub fn first_due(&self, awarded: chrono::NaiveDate) -> chrono::NaiveDate {
        crate::endorsements::due_on_or_after(
            awarded,
            self.first_cycle_months
                .unwrap_or_else(|| self.cycle_months()),
            self.renewal_month,
            self.renewal_day,
        )
    }

    /// The due date after a renewal of one due on `due`: a cycle later.
    pub fn next_due(&self, due: chrono::NaiveDate) -> chrono::NaiveDate {
        crate::endorsements::due_on_or_after(
            due,
            self.cycle_months(),
            self.renewal_month,
            self.renewal_day,
        )
    }

    /// The last day an endorsement due on `due` is in good standing: the due
    /// date and its grace period. What "valid through" means everywhere (the
    /// registry, the certificate, the credential's `validUntil`).
    pub fn valid_through(&self, due: chrono::NaiveDate) -> chrono::NaiveDate {
        crate::renewal::last_day(due, self.grace_days)
    }

    /// The day an endorsement due on `due` and not renewed lapses: the day
    /// after [`EndorsementPolicy::valid_through`], however late the schedule
    /// notices it.
    pub fn lapses_on(&self, due: chrono::NaiveDate) -> chrono::NaiveDate {
        self.valid_through(due) + chrono::Duration::days(1)
    }
}

fn default_grace_days() -> u32 {
    30
}

impl Default for EndorsementPolicy {
    fn default() -> Self {
        Self {
            number_prefix: "EN".into(),
            renewal_month: 12,
            renewal_day: 31,
            renewal_every_years: 1,
            grace_days: default_grace_days(),
            first_cycle_months: None,
        }
    }
}

/// What renewing an endorsement asks for, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct RenewalPolicy {
    /// Days before the due date that renewal opens.
    pub opens_days_before: u32,
    /// Days before the due date that a reminder goes out (0: on the day).
    pub reminder_days_before: Vec<u32>,
    /// Training hours since the last renewal.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub training_hours: Hours,
    /// Of which on diversity, equity and inclusion.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub dei_hours: Hours,
    /// Of which on providing RSC, for holders who provide it.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub rsc_topic_hours_for_providers: Hours,
    /// RSC hours received since the last renewal, for the categories below.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub rsc_hours: Hours,
    /// The categories whose holders must receive RSC to renew.
    pub rsc_required_for: Vec<String>,
    /// Whether the first renewal after the award asks for no training hours.
    pub first_year_exempt: bool,
    /// New reference ratings a lapsed holder needs to be reinstated.
    pub reinstatement_references: u32,
}

impl Default for RenewalPolicy {
    fn default() -> Self {
        Self {
            opens_days_before: 90,
            reminder_days_before: vec![60, 30, 7, 0],
            training_hours: Hours::whole(15),
            dei_hours: Hours::whole(1),
            rsc_topic_hours_for_providers: Hours::whole(3),
            rsc_hours: Hours::whole(12),
            rsc_required_for: ["IFS", "IFRS", "IMHS", "IMHM-C"].map(String::from).to_vec(),
            first_year_exempt: true,
            reinstatement_references: 3,
        }
    }
}

/// One point of the rubric, with the anchor that says what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RubricLevel {
    /// The score, e.g. 3.
    pub score: u32,
    /// Its name, e.g. "Meets".
    pub label: LocalText,
    /// What a portfolio at this level shows.
    pub anchor: LocalText,
}

/// Who reviews a category, and how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryReview {
    /// Reviewers per application: 1 or 2.
    pub reviewers: u32,
    /// Categories whose holders may review this one besides the category
    /// itself: the ones at the same level or higher.
    #[serde(default)]
    pub qualified: Vec<String>,
    /// The competency domains reviewers score, by code, in the rulebook's
    /// order; none named: every domain.
    #[serde(default)]
    pub domains: Vec<String>,
}

impl Default for CategoryReview {
    fn default() -> Self {
        Self {
            reviewers: 1,
            qualified: Vec::new(),
            domains: Vec::new(),
        }
    }
}

/// The two families of categories, by the age of the children served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Prenatal to 36 months (IMH-E).
    Infant,
    /// 3 to 6 years (ECMH-E).
    EarlyChildhood,
}

impl Family {
    /// The age range this family serves.
    pub const fn age_range(self) -> AgeRange {
        match self {
            Family::Infant => AgeRange::PrenatalToThree,
            Family::EarlyChildhood => AgeRange::ThreeToSix,
        }
    }
}

/// The ages of the children a work experience served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgeRange {
    /// Pregnancy to 36 months.
    PrenatalToThree,
    /// 3 to 6 years.
    ThreeToSix,
}

impl AgeRange {
    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            AgeRange::PrenatalToThree => "children 0–36 months",
            AgeRange::ThreeToSix => "children 3–6 years",
        }
    }
}

/// Education levels, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DegreeLevel {
    /// No degree is required (as a rule), or none held (as an entry).
    None,
    /// Child Development Associate credential.
    Cda,
    /// Associate degree.
    Associate,
    /// Bachelor's degree.
    Bachelor,
    /// Master's degree.
    Master,
    /// Doctorate.
    Doctorate,
}

impl DegreeLevel {
    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            DegreeLevel::None => "no degree",
            DegreeLevel::Cda => "CDA credential",
            DegreeLevel::Associate => "associate degree",
            DegreeLevel::Bachelor => "bachelor's degree",
            DegreeLevel::Master => "master's degree",
            DegreeLevel::Doctorate => "doctorate",
        }
    }
}

/// Everything one category requires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryRules {
    /// Code, e.g. `IFS`.
    pub code: String,
    /// Name, e.g. "Infant Family Specialist".
    pub name: LocalText,
    /// Infant or early childhood.
    pub family: Family,
    /// Scope of practice, in a few words.
    #[serde(default)]
    pub scope: LocalText,
    /// The education needed.
    pub education: EducationRule,
    /// Each kind of work experience needed; all must be met.
    #[serde(default)]
    pub work: Vec<WorkRequirement>,
    /// In-service training needed.
    pub training: TrainingRule,
    /// Reflective supervision/consultation received, where required.
    #[serde(default)]
    pub rsc: Option<RscRule>,
    /// The reference ratings needed.
    pub references: ReferenceRule,
    /// The exam taken after review, where required.
    #[serde(default)]
    pub exam: Option<ExamRule>,
    /// The agreements to sign.
    pub agreements: Vec<AgreementKind>,
    /// Whether current, verified membership of the association is needed.
    pub membership_required: bool,
    /// Whether "emerging" is a possible outcome of review (IFRS).
    #[serde(default)]
    pub allows_emerging: bool,
    /// Who reviews it, and how many.
    #[serde(default)]
    pub review: CategoryReview,
    /// What it charges, in the association's currency (nothing unless named).
    #[serde(default, skip_serializing_if = "crate::fees::FeeSchedule::is_empty")]
    pub fees: crate::fees::FeeSchedule,
}

impl CategoryRules {
    /// Whether someone endorsed in `held` may review this category (the same
    /// category, or one the rulebook lists as qualified).
    pub fn reviewable_by(&self, held: &str) -> bool {
        self.code == held || self.review.qualified.iter().any(|code| code == held)
    }
}

/// The education a category needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EducationRule {
    /// The lowest degree that qualifies (`none`: no degree needed).
    pub min_level: DegreeLevel,
    /// Whether a state mental-health license qualifies instead.
    #[serde(default)]
    pub license_accepted: bool,
    /// Months of relevant work that qualify instead of the degree, if any.
    #[serde(default)]
    pub work_months_instead: Option<u32>,
}

/// Kinds of work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    /// Promotion, prevention or early-intervention service to families.
    DirectService,
    /// Parent–infant (dyadic) treatment.
    DyadicTreatment,
    /// Providing reflective supervision/consultation.
    ProvidingRsc,
    /// Leadership in policy or program administration.
    PolicyLeadership,
    /// University teaching or published research.
    TeachingResearch,
}

impl WorkKind {
    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            WorkKind::DirectService => "direct service",
            WorkKind::DyadicTreatment => "dyadic treatment",
            WorkKind::ProvidingRsc => "providing RSC",
            WorkKind::PolicyLeadership => "leadership in policy or administration",
            WorkKind::TeachingResearch => "teaching or research",
        }
    }
}

/// On what terms the work was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    /// Paid work.
    Paid,
    /// Volunteer work under supervision.
    VolunteerSupervised,
    /// Volunteer work without supervision.
    VolunteerUnsupervised,
    /// An internship.
    Internship,
}

impl Employment {
    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            Employment::Paid => "paid work",
            Employment::VolunteerSupervised => "supervised volunteer work",
            Employment::VolunteerUnsupervised => "unsupervised volunteer work",
            Employment::Internship => "an internship",
        }
    }
}

/// One kind of work experience a category needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkRequirement {
    /// What it is called in the checklist, e.g. "Work with infants and families".
    pub label: LocalText,
    /// Months of such work needed (overlapping periods count once).
    pub min_months: u32,
    /// The kinds of work that count.
    pub kinds: Vec<WorkKind>,
    /// The terms that count.
    pub employment: Vec<Employment>,
    /// Whether only work after the qualifying degree counts.
    #[serde(default)]
    pub post_graduate: bool,
    /// Whether the work must have served the category's age range.
    #[serde(default)]
    pub serves_family_age_range: bool,
    /// Families served over all counted entries, if required.
    #[serde(default)]
    pub min_families: Option<u32>,
}

/// Topics a training may cover that some categories count separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingTopic {
    /// Diversity, equity and inclusion.
    Dei,
    /// Providing reflective supervision/consultation.
    Rsc,
}

impl TrainingTopic {
    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            TrainingTopic::Dei => "diversity, equity and inclusion",
            TrainingTopic::Rsc => "providing RSC",
        }
    }
}

/// The in-service training a category needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrainingRule {
    /// Hours in all.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub min_hours: Hours,
    /// Hours needed on particular topics, counted within the total.
    #[serde(default)]
    pub topics: Vec<TopicMinimum>,
}

/// Hours needed on one topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TopicMinimum {
    /// The topic.
    pub topic: TrainingTopic,
    /// Hours on it.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub min_hours: Hours,
}

/// The reflective supervision/consultation a category needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RscRule {
    /// Hours received.
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub min_hours: Hours,
    /// The sessions counted must spread over at least this many months…
    pub min_span_months: u32,
    /// …and fall within a window of at most this many months.
    pub max_span_months: u32,
    /// Providers endorsed in these categories qualify.
    pub provider_categories: Vec<String>,
    /// Whether a provider vetted by the association qualifies too.
    #[serde(default)]
    pub vetted_providers_qualify: bool,
    /// Hours, within the total, about the RSC the applicant provides.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    pub min_hours_about_providing: Option<Hours>,
}

/// How a referee knows the applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// The applicant's current (program) supervisor.
    CurrentSupervisor,
    /// Whoever provides the applicant's reflective supervision/consultation.
    RscProvider,
    /// Another supervisor, present or past.
    OtherSupervisor,
    /// A colleague.
    Colleague,
    /// Someone the applicant supervises or provides RSC to.
    Supervisee,
    /// A parent or other recipient of the applicant's services.
    ServiceRecipient,
}

impl Relationship {
    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            Relationship::CurrentSupervisor => "current supervisor",
            Relationship::RscProvider => "RSC provider",
            Relationship::OtherSupervisor => "another supervisor",
            Relationship::Colleague => "colleague",
            Relationship::Supervisee => "supervisee",
            Relationship::ServiceRecipient => "parent or service recipient",
        }
    }
}

crate::texts!(AgeRange {
    PrenatalToThree => "age-range-prenatal-to-three",
    ThreeToSix => "age-range-three-to-six",
});

crate::texts!(DegreeLevel {
    None => "degree-none",
    Cda => "degree-cda",
    Associate => "degree-associate",
    Bachelor => "degree-bachelor",
    Master => "degree-master",
    Doctorate => "degree-doctorate",
});

crate::texts!(WorkKind {
    DirectService => "work-kind-direct-service",
    DyadicTreatment => "work-kind-dyadic-treatment",
    ProvidingRsc => "work-kind-providing-rsc",
    PolicyLeadership => "work-kind-policy-leadership",
    TeachingResearch => "work-kind-teaching-research",
});

crate::texts!(Employment {
    Paid => "employment-paid",
    VolunteerSupervised => "employment-volunteer-supervised",
    VolunteerUnsupervised => "employment-volunteer-unsupervised",
    Internship => "employment-internship",
});

crate::texts!(TrainingTopic {
    Dei => "training-topic-dei",
    Rsc => "training-topic-rsc",
});

crate::texts!(AgreementKind {
    CodeOfEthics => "agreement-code-of-ethics",
    EndorsementAgreement => "agreement-endorsement-agreement",
    NoSanctionAttestation => "agreement-no-sanction-attestation",
});

crate::texts!(Relationship {
    CurrentSupervisor => "relationship-current-supervisor",
    RscProvider => "relationship-rsc-provider",
    OtherSupervisor => "relationship-other-supervisor",
    Colleague => "relationship-colleague",
    Supervisee => "relationship-supervisee",
    ServiceRecipient => "relationship-service-recipient",
});

/// The reference ratings a category needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferenceRule {
    /// Counted ratings needed.
    pub count: u32,
    /// Relationships that must be among them, each filled by a different referee.
    #[serde(default)]
    pub required: Vec<RelationshipSlot>,
    /// Relationships of which only a few count.
    #[serde(default)]
    pub limits: Vec<RelationshipLimit>,
    /// Counted ratings from endorsed (or vetted) raters needed.
    #[serde(default)]
    pub min_endorsed: u32,
    /// A rating with this many "not enough information" answers or more is not counted.
    pub not_enough_information_limit: u32,
    /// Days a rating stays valid after it was given.
    pub valid_days: u32,
    /// Months a rater should have known the applicant (advice shown, not a bar).
    #[serde(default)]
    pub recommended_known_months: u32,
    /// The competency domains referees rate, by code; none named: every
    /// domain.
    #[serde(default)]
    pub domains: Vec<String>,
}

/// One relationship that must be among the references.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RelationshipSlot {
    /// What the checklist calls it, e.g. "Program supervisor".
    pub label: LocalText,
    /// Any of these relationships fills it.
    pub any_of: Vec<Relationship>,
}

/// At most `max` counted references may have one of these relationships.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RelationshipLimit {
    /// The relationships limited together.
    pub any_of: Vec<Relationship>,
    /// How many of them count.
    pub max: u32,
}

/// The exam, where a category requires one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExamRule {
    /// Multiple-choice questions in part 1.
    pub part1_questions: u32,
    /// Percent of part 1 needed to pass.
    pub part1_pass_percent: u32,
    /// Vignettes offered in part 2…
    pub part2_vignettes_offered: u32,
    /// …of which the examinee answers this many.
    pub part2_vignettes_answered: u32,
    /// Minutes for each part.
    pub minutes_per_part: u32,
    /// Days before a failed exam may be taken again.
    pub retake_after_days: u32,
    /// The least mean rubric score of Part 2's marks that passes.
    #[serde(default = "default_part2_pass_score")]
    pub part2_pass_score: u32,
}

fn default_part2_pass_score() -> u32 {
    3
}

/// Documents an applicant signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    /// The Code of Ethics.
    CodeOfEthics,
    /// The Endorsement Agreement.
    EndorsementAgreement,
    /// That no licensing board has sanctioned the applicant.
    NoSanctionAttestation,
}

impl AgreementKind {
    /// Every agreement.
    pub const ALL: [AgreementKind; 3] = [
        AgreementKind::CodeOfEthics,
        AgreementKind::EndorsementAgreement,
        AgreementKind::NoSanctionAttestation,
    ];

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            AgreementKind::CodeOfEthics => "Code of Ethics",
            AgreementKind::EndorsementAgreement => "Endorsement Agreement",
            AgreementKind::NoSanctionAttestation => "No-sanction attestation",
        }
    }
}

/// A rule in a rulebook that cannot work, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleProblem {
    /// Where, e.g. `categories[IFS].rsc.provider_categories`.
    pub path: String,
    /// What is wrong, in the reader's language.
    pub message: Text,
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Rulebook {
    /// The default rulebook. It is checked by a test, so this cannot fail in a
    /// released build; the error is kept for honesty.
    pub fn default_rulebook() -> Result<Self, String> {
        Self::from_toml(DEFAULT_RULEBOOK_TOML).map_err(|problems| {
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Parses and checks a rulebook written in TOML.
    pub fn from_toml(text: &str) -> Result<Self, Vec<RuleProblem>> {
        let rulebook: Rulebook = toml::from_str(text).map_err(|error| {
            vec![RuleProblem {
                path: error
                    .span()
                    .map(|span| format!("line {}", line_of(text, span.start)))
                    .unwrap_or_else(|| "rulebook".to_string()),
                message: Text::plain(error.message()),
            }]
        })?;
        rulebook.checked()
    }

    /// The rulebook if every rule can work, else every problem found.
    pub fn checked(self) -> Result<Self, Vec<RuleProblem>> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }

    /// The rules for a category.
    pub fn category(&self, code: &str) -> Option<&CategoryRules> {
        self.categories.iter().find(|c| c.code == code)
    }

    /// The domains referees rate for `category`, in the rulebook's order.
    pub fn referee_domains(&self, category: &CategoryRules) -> Vec<CompetencyDomain> {
        self.domains_named(&category.references.domains)
    }

    /// The domains reviewers score for `category`, in the rulebook's order.
    pub fn reviewer_domains(&self, category: &CategoryRules) -> Vec<CompetencyDomain> {
        self.domains_named(&category.review.domains)
    }

    /// The rulebook's domains that `codes` names; every one when it names none.
    fn domains_named(&self, codes: &[String]) -> Vec<CompetencyDomain> {
        self.competency_domains
            .iter()
            .filter(|d| codes.is_empty() || codes.contains(&d.code))
            .cloned()
            .collect()
    }

    /// Whether a competency domain code exists.
    pub fn has_domain(&self, code: &str) -> bool {
        self.competency_domains.iter().any(|d| d.code == code)
    }

    /// Every rule that cannot work, with its path. Empty when the rulebook is sound.
    pub fn problems(&self) -> Vec<RuleProblem> {
        let mut problems = Vec::new();
        let mut say = |path: String, message: Text| problems.push(RuleProblem { path, message });
        if self.name.trim().is_empty() {
            say("name".into(), Text::new("field-blank"));
        }
        if self.competency_domains.is_empty() {
            say(
                "competency_domains".into(),
                Text::new("rule-must-list-at-least-one-domain"),
            );
        }
        let mut domain_codes = BTreeSet::new();
        for (i, domain) in self.competency_domains.iter().enumerate() {
            if !is_code(&domain.code, |c| c.is_ascii_lowercase() || c == '_') {
                say(
                    format!("competency_domains[{i}].code"),
                    Text::new("rule-must-be-lower-case-letters-and"),
                );
            }
            if !domain_codes.insert(domain.code.as_str()) {
                say(
                    format!("competency_domains[{i}].code"),
                    Text::new("rule-is-listed-twice"),
                );
            }
            if domain.name.trim().is_empty() {
                say(
                    format!("competency_domains[{i}].name"),
                    Text::new("field-blank"),
                );
            }
        }
        let review = &self.review;
        if review.due_days == 0 || review.due_days > 365 {
            say(
                "review.due_days".into(),
                Text::new("field-range-between")
                    .with("min", 1u32)
                    .with("max", 365u32),
            );
        }
        if review.reminder_days_before >= review.due_days {
            say(
                "review.reminder_days_before".into(),
                Text::new("rule-must-be-less-than-due-days"),
            );
        }
        if review.rubric.len() < 2 || review.rubric.len() > 10 {
            say(
                "review.rubric".into(),
                Text::new("rule-must-have-between-2-and-10"),
            );
        }
        for (r, level) in review.rubric.iter().enumerate() {
            if r > 0 && level.score <= review.rubric[r - 1].score {
                say(
                    format!("review.rubric[{r}].score"),
                    Text::new("rule-must-be-higher-than-the-level"),
                );
            }
            if level.label.trim().is_empty() {
                say(
                    format!("review.rubric[{r}].label"),
                    Text::new("field-blank"),
                );
            }
            if level.anchor.trim().is_empty() {
                say(
                    format!("review.rubric[{r}].anchor"),
                    Text::new("field-blank"),
                );
            }
        }
        let endorsement = &self.endorsement;
        if !is_code(&endorsement.number_prefix, |c| c.is_ascii_uppercase())
            || endorsement.number_prefix.len() > 8
        {
            say(
                "endorsement.number_prefix".into(),
                Text::new("rule-must-be-1-to-8-capital"),
            );
        }
        if chrono::NaiveDate::from_ymd_opt(2024, endorsement.renewal_month, endorsement.renewal_day)
            .is_none()
        {
            say(
                "endorsement.renewal_day".into(),
                Text::new("rule-renewal-month-and-renewal-day-must"),
            );
        }
        if !(1..=10).contains(&endorsement.renewal_every_years) {
            say(
                "endorsement.renewal_every_years".into(),
                Text::new("field-range-between")
                    .with("min", 1u32)
                    .with("max", 10u32),
            );
        }
        if endorsement.grace_days > 365 {
            say(
                "endorsement.grace_days".into(),
                Text::new("field-range-max").with("max", 365u32),
            );
        }
        let renewal = &self.renewal;
        if renewal.opens_days_before > 365 {
            say(
                "renewal.opens_days_before".into(),
                Text::new("field-range-max").with("max", 365u32),
            );
        }
        if renewal
            .reminder_days_before
            .iter()
            .any(|d| *d > renewal.opens_days_before)
        {
            say(
                "renewal.reminder_days_before".into(),
                Text::new("rule-a-reminder-cannot-go-out-before"),
            );
        }
        if renewal.dei_hours + renewal.rsc_topic_hours_for_providers > renewal.training_hours {
            say(
                "renewal.dei_hours".into(),
                Text::new("rule-the-topic-hours-cannot-exceed-the"),
            );
        }
        if !(1..=10).contains(&renewal.reinstatement_references) {
            say(
                "renewal.reinstatement_references".into(),
                Text::new("field-range-between")
                    .with("min", 1u32)
                    .with("max", 10u32),
            );
        }
        if self.categories.is_empty() {
            say(
                "categories".into(),
                Text::new("rule-must-list-at-least-one-category"),
            );
        }
        let codes: BTreeSet<&str> = self.categories.iter().map(|c| c.code.as_str()).collect();
        for (i, code) in self.renewal.rsc_required_for.iter().enumerate() {
            if !codes.contains(code.as_str()) {
                say(
                    format!("renewal.rsc_required_for[{i}]"),
                    Text::new("rule-names-no-category-of-this-rulebook"),
                );
            }
        }
        let mut seen = BTreeSet::new();
        for (i, category) in self.categories.iter().enumerate() {
            let at = if category.code.is_empty() {
                format!("categories[{i}]")
            } else {
                format!("categories[{}]", category.code)
            };
            if !is_code(&category.code, |c| c.is_ascii_uppercase() || c == '-') {
                say(
                    format!("{at}.code"),
                    Text::new("rule-must-be-capital-letters-and-hyphens"),
                );
            }
            if !seen.insert(category.code.as_str()) {
                say(format!("{at}.code"), Text::new("rule-is-listed-twice"));
            }
            if category.name.trim().is_empty() {
                say(format!("{at}.name"), Text::new("field-blank"));
            }
            for (w, work) in category.work.iter().enumerate() {
                let at = format!("{at}.work[{w}]");
                if work.label.trim().is_empty() {
                    say(format!("{at}.label"), Text::new("field-blank"));
                }
                if work.kinds.is_empty() {
                    say(format!("{at}.kinds"), Text::new("rule-kinds-of-work"));
                }
                if work.employment.is_empty() {
                    say(
                        format!("{at}.employment"),
                        Text::new("rule-kinds-of-employment"),
                    );
                }
                if work.min_months > 600 {
                    say(
                        format!("{at}.min_months"),
                        Text::new("field-range-max").with("max", 600u32),
                    );
                }
            }
            if let Some(months) = category.education.work_months_instead {
                if months == 0 || months > 600 {
                    say(
                        format!("{at}.education.work_months_instead"),
                        Text::new("field-range-between")
                            .with("min", 1u32)
                            .with("max", 600u32),
                    );
                }
            }
            for (t, topic) in category.training.topics.iter().enumerate() {
                if topic.min_hours > category.training.min_hours {
                    say(
                        format!("{at}.training.topics[{t}].min_hours"),
                        Text::new("rule-must-not-exceed-the-training-total"),
                    );
                }
                if category.training.topics[..t]
                    .iter()
                    .any(|other| other.topic == topic.topic)
                {
                    say(
                        format!("{at}.training.topics[{t}].topic"),
                        Text::new("rule-is-listed-twice"),
                    );
                }
            }
            if let Some(rsc) = &category.rsc {
                let at = format!("{at}.rsc");
                if rsc.min_hours == Hours::ZERO {
                    say(
                        format!("{at}.min_hours"),
                        Text::new("rule-must-be-more-than-0-leave"),
                    );
                }
                if rsc.max_span_months == 0 || rsc.max_span_months > 120 {
                    say(
                        format!("{at}.max_span_months"),
                        Text::new("field-range-between")
                            .with("min", 1u32)
                            .with("max", 120u32),
                    );
                }
                if rsc.min_span_months > rsc.max_span_months {
                    say(
                        format!("{at}.min_span_months"),
                        Text::new("rule-must-not-exceed-max-span-months"),
                    );
                }
                if rsc.provider_categories.is_empty() && !rsc.vetted_providers_qualify {
                    say(
                        format!("{at}.provider_categories"),
                        Text::new("rule-must-list-a-category-or-let"),
                    );
                }
                for (p, provider) in rsc.provider_categories.iter().enumerate() {
                    if !codes.contains(provider.as_str()) {
                        say(
                            format!("{at}.provider_categories[{p}]"),
                            Text::new("rule-is-not-a-category-of-this"),
                        );
                    }
                }
                if rsc
                    .min_hours_about_providing
                    .is_some_and(|h| h > rsc.min_hours)
                {
                    say(
                        format!("{at}.min_hours_about_providing"),
                        Text::new("rule-must-not-exceed-min-hours"),
                    );
                }
            }
            let refs = &category.references;
            let at_refs = format!("{at}.references");
            if refs.count == 0 || refs.count > 10 {
                say(
                    format!("{at_refs}.count"),
                    Text::new("field-range-between")
                        .with("min", 1u32)
                        .with("max", 10u32),
                );
            }
            if refs.required.len() > refs.count as usize {
                say(
                    format!("{at_refs}.required"),
                    Text::new("rule-asks-for-more-relationships-than-references"),
                );
            }
            for (r, slot) in refs.required.iter().enumerate() {
                if slot.any_of.is_empty() {
                    say(
                        format!("{at_refs}.required[{r}].any_of"),
                        Text::new("rule-must-list-at-least-one-relationship"),
                    );
                }
                if slot.label.trim().is_empty() {
                    say(
                        format!("{at_refs}.required[{r}].label"),
                        Text::new("field-blank"),
                    );
                }
            }
            for (l, limit) in refs.limits.iter().enumerate() {
                if limit.any_of.is_empty() {
                    say(
                        format!("{at_refs}.limits[{l}].any_of"),
                        Text::new("rule-must-list-at-least-one-relationship"),
                    );
                }
            }
            if refs.min_endorsed > refs.count {
                say(
                    format!("{at_refs}.min_endorsed"),
                    Text::new("rule-must-not-exceed-count"),
                );
            }
            if refs.not_enough_information_limit == 0 {
                say(
                    format!("{at_refs}.not_enough_information_limit"),
                    Text::new("field-range-min").with("min", 1u32),
                );
            }
            if refs.valid_days == 0 {
                say(
                    format!("{at_refs}.valid_days"),
                    Text::new("field-range-min").with("min", 1u32),
                );
            }
            if let Some(exam) = &category.exam {
                let at = format!("{at}.exam");
                if exam.part1_questions == 0 {
                    say(
                        format!("{at}.part1_questions"),
                        Text::new("field-range-min").with("min", 1u32),
                    );
                }
                if exam.part1_pass_percent == 0 || exam.part1_pass_percent > 100 {
                    say(
                        format!("{at}.part1_pass_percent"),
                        Text::new("field-range-between")
                            .with("min", 1u32)
                            .with("max", 100u32),
                    );
                }
                if self.review.level(exam.part2_pass_score).is_none() {
                    say(
                        format!("{at}.part2_pass_score"),
                        Text::new("rule-must-be-a-score-of-the"),
                    );
                }
                if exam.part2_vignettes_answered == 0
                    || exam.part2_vignettes_answered > exam.part2_vignettes_offered
                {
                    say(
                        format!("{at}.part2_vignettes_answered"),
                        Text::new("rule-must-be-between-1-and-part2"),
                    );
                }
            }
            for kind in crate::fees::FeeKind::ALL {
                if category
                    .fees
                    .get(kind)
                    .is_some_and(|fee| fee.amount.is_zero())
                {
                    say(
                        format!("{at}.fees.{}.amount", kind.as_str()),
                        Text::new("rule-fee-of-nothing"),
                    );
                }
            }
            if category.fees.exam.is_some() && category.exam.is_none() {
                say(
                    format!("{at}.fees.exam"),
                    Text::new("rule-exam-fee-without-exam"),
                );
            }
            if !(1..=2).contains(&category.review.reviewers) {
                say(
                    format!("{at}.review.reviewers"),
                    Text::new("rule-must-be-1-or-2"),
                );
            }
            for (list, named) in [
                ("references.domains", &category.references.domains),
                ("review.domains", &category.review.domains),
            ] {
                let mut seen = BTreeSet::new();
                for (d, code) in named.iter().enumerate() {
                    if !domain_codes.contains(code.as_str()) {
                        say(
                            format!("{at}.{list}[{d}]"),
                            Text::new("rule-is-not-a-competency-domain-of"),
                        );
                    } else if !seen.insert(code.as_str()) {
                        say(
                            format!("{at}.{list}[{d}]"),
                            Text::new("rule-is-listed-twice"),
                        );
                    }
                }
            }
            for (q, code) in category.review.qualified.iter().enumerate() {
                if !codes.contains(code.as_str()) {
                    say(
                        format!("{at}.review.qualified[{q}]"),
                        Text::new("rule-is-not-a-category-of-this"),
                    );
                }
            }
            let mut agreements = BTreeSet::new();
            for (a, agreement) in category.agreements.iter().enumerate() {
                if !agreements.insert(*agreement) {
                    say(
                        format!("{at}.agreements[{a}]"),
                        Text::new("rule-is-listed-twice"),
                    );
                }
            }
        }
        problems
    }
}

/// A published version of a rulebook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RulebookVersionResponse {
    /// The version number, from 1.
    pub number: i64,
    /// When it was published.
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// The rules.
    pub rulebook: Rulebook,
    /// The same rules as TOML, ready to be edited into the next version.
    pub toml: String,
}

/// One line of the list of versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RulebookVersionSummary {
    /// The version number.
    pub number: i64,
    /// The rulebook's name.
    pub name: String,
    /// When it was published.
    pub published_at: chrono::DateTime<chrono::Utc>,
}

/// Publish a new version from an edited copy (`POST /api/v1/rulebooks`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishRulebookRequest {
    /// The whole rulebook, as TOML.
    pub toml: String,
}

impl Rulebook {
    /// The rulebook as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

fn is_code(code: &str, allowed: impl Fn(char) -> bool) -> bool {
    !code.is_empty() && code.len() <= 32 && code.chars().all(|c| allowed(c) || c.is_ascii_digit())
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rulebook_is_sound_and_has_all_fourteen_categories() {
        let rulebook = Rulebook::default_rulebook().unwrap();
        let codes: Vec<&str> = rulebook
            .categories
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "IFA", "IFS", "IFRS", "IMHS", "IMHM-C", "IMHM-P", "IMHM-RF", "ECFA", "ECFS",
                "ECFRS", "ECMHS", "ECMHM-C", "ECMHM-P", "ECMHM-RF"
            ]
        );
        assert_eq!(rulebook.competency_domains.len(), 10);
    }

    #[test]
    fn referees_and_reviewers_rate_the_domains_their_category_lists() {
        let mut rulebook = Rulebook::default_rulebook().unwrap();
        let codes = |domains: Vec<CompetencyDomain>| -> Vec<String> {
            domains.into_iter().map(|d| d.code).collect()
        };
        let ifs = rulebook.category("IFS").unwrap().clone();
        let asked = codes(rulebook.referee_domains(&ifs));
        assert_eq!(asked.len(), 8);
        assert!(!asked.contains(&"administration".to_string()));
        assert!(!asked.contains(&"research_evaluation".to_string()));
        assert_eq!(asked, codes(rulebook.reviewer_domains(&ifs)));
        let mentor = rulebook.category("IMHM-P").unwrap().clone();
        assert_eq!(rulebook.referee_domains(&mentor).len(), 10);
        // Every domain has a line that says what it means, in both languages.
        for domain in &rulebook.competency_domains {
            assert!(!domain.description.is_blank(), "{}", domain.code);
            assert!(domain.description.es.is_some(), "{}", domain.code);
        }
        // None named: every domain. A code the rulebook lacks, or one named
        // twice, is refused with its path.
        let ifs = rulebook
            .categories
            .iter_mut()
            .find(|c| c.code == "IFS")
            .unwrap();
        ifs.references.domains.clear();
        ifs.review.domains = vec!["reflection".into(), "nope".into(), "reflection".into()];
        let ifs = ifs.clone();
        assert_eq!(rulebook.referee_domains(&ifs).len(), 10);
        let paths: Vec<String> = rulebook.problems().into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            [
                "categories[IFS].review.domains[1]",
                "categories[IFS].review.domains[2]"
            ]
        );
    }

    #[test]
    fn a_malformed_rule_is_refused_with_its_path() {
        let mut rulebook = Rulebook::default_rulebook().unwrap();
        let ifs = rulebook
            .categories
            .iter_mut()
            .find(|c| c.code == "IFS")
            .unwrap();
        ifs.rsc
            .as_mut()
            .unwrap()
            .provider_categories
            .push("NOPE".into());
        ifs.references.min_endorsed = 9;
        let problems = rulebook.problems();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "categories[IFS].rsc.provider_categories[3]",
                "categories[IFS].references.min_endorsed"
            ]
        );
    }

    #[test]
    fn a_malformed_renewal_policy_is_refused_with_its_paths() {
        let mut rulebook = Rulebook::default_rulebook().unwrap();
        rulebook.endorsement.grace_days = 366;
        let renewal = &mut rulebook.renewal;
        renewal.opens_days_before = 30;
        renewal.reminder_days_before = vec![60, 0];
        renewal.dei_hours = Hours::whole(14);
        renewal.reinstatement_references = 0;
        renewal.rsc_required_for.push("NOPE".into());
        let problems = rulebook.problems();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "endorsement.grace_days",
                "renewal.reminder_days_before",
                "renewal.dei_hours",
                "renewal.reinstatement_references",
                "renewal.rsc_required_for[4]",
            ]
        );
        // Stored rulebooks from before renewal existed still load, with the
        // defaults.
        let older = DEFAULT_RULEBOOK_TOML
            .split("[renewal]")
            .next()
            .unwrap()
            .to_string()
            + DEFAULT_RULEBOOK_TOML
                .split("[[categories]]")
                .skip(1)
                .map(|c| format!("[[categories]]{c}"))
                .collect::<String>()
                .as_str();
        let loaded = Rulebook::from_toml(&older).unwrap();
        assert_eq!(loaded.renewal, RenewalPolicy::default());
    }

    #[test]
    fn a_toml_syntax_error_names_its_line() {
        let problems = Rulebook::from_toml("name = \"x\"\ncategories = [\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].path.starts_with("line "), "{problems:?}");
    }

    #[test]
    fn a_rulebook_survives_the_trip_to_toml_and_back() {
        let rulebook = Rulebook::default_rulebook().unwrap();
        assert_eq!(Rulebook::from_toml(&rulebook.to_toml()).unwrap(), rulebook);
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let text = DEFAULT_RULEBOOK_TOML.replacen(
            "membership_required = true",
            "membership_required = true\nfavourite_colour = \"teal\"",
            1,
        );
        let problems = Rulebook::from_toml(&text).unwrap_err();
        assert!(
            problems[0].message.to_string().contains("favourite_colour"),
            "{problems:?}"
        );
    }
}
