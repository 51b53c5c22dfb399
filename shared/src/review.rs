//! Peer review: who may review an application (eligibility and conflicts of
//! interest), how work is shared out, the review form and its checks, requests
//! for information on single entries, and disagreement between reviewers.
//!
//! Everything here is a pure function of data, so the browser checks a review
//! with the same rules the API enforces.

use crate::applications::{ApplicationStatus, Snapshot};
use crate::entries::{Checker, EditableSection, EntryData, FieldErrors, SectionNote};
use crate::i18n::Text;
use crate::ids::{ApplicationId, AssignmentId, EntryId, InformationItemId, UserId};
use crate::process::{Action, Track};
use crate::references::ReviewedReference;
use crate::reviewers::ReviewerProfile;
use crate::rulebook::{CategoryRules, CompetencyDomain, Relationship, RubricLevel};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest comment on a section, and the longest message of a flag.
pub const MAX_COMMENT: usize = 4000;
/// The longest rationale.
pub const MAX_RATIONALE: usize = 8000;
/// The most entries one request for information may flag.
pub const MAX_FLAGS: usize = 30;

// ---------------------------------------------------------------------------
// Who may review

/// Whether a reviewer may review applications for `category`: it must be
/// among the categories of their profile, and they must hold an endorsement in
/// it or in a category the rulebook says is qualified to review it. `Err`
/// says why not.
pub fn eligibility(category: &CategoryRules, profile: &ReviewerProfile) -> Result<(), Text> {
    if !profile.categories.contains(&category.code) {
        return Err(Text::new("reviewer-not-their-category").with("category", &category.code));
    }
    if !profile
        .endorsements
        .iter()
        .any(|held| category.reviewable_by(&held.category))
    {
        return Err(Text::new("reviewer-not-qualified").with("category", &category.code));
    }
    Ok(())
}

/// A period of work, for the same-employer check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// The employer, as written.
    pub employer: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day; none while ongoing.
    pub end: Option<NaiveDate>,
}

/// What is known of a reviewer when looking for conflicts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewerFacts {
    /// Their account's e-mail.
    pub email: String,
    /// Their name.
    pub name: String,
    /// The numbers of the endorsements they hold.
    pub numbers: Vec<String>,
    /// The work in their own portfolio.
    pub work: Vec<Period>,
}

/// A referee of the applicant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referee {
    /// Their e-mail.
    pub email: String,
    /// How they know the applicant (as the referee confirmed it, if they did).
    pub relationship: Relationship,
}

/// An RSC provider named in the applicant's portfolio.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provider {
    /// The name as written.
    pub name: String,
    /// Their endorsement number, if given.
    pub number: Option<String>,
}

/// What is known of an applicant when looking for conflicts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplicantFacts {
    /// Everyone asked for a reference (cancelled requests left out).
    pub referees: Vec<Referee>,
    /// RSC providers.
    pub providers: Vec<Provider>,
    /// Work experience.
    pub work: Vec<Period>,
    /// Reasons the reviewer gave when declaring a conflict with this applicant.
    pub declared: Vec<String>,
}

/// Why a reviewer may not review an applicant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    /// The reviewer declared one.
    Declared {
        /// The reason they gave.
        reason: String,
    },
    /// The reviewer was asked for a reference.
    Referee {
        /// How they know the applicant.
        relationship: Relationship,
    },
    /// The reviewer provides the applicant's reflective supervision/consultation.
    RscProvider,
    /// Both worked for the same employer at the same time.
    SameEmployer {
        /// The employer, as the applicant wrote it.
        employer: String,
    },
}

impl Conflict {
    /// In words, for admins.
    pub fn describe(&self) -> Text {
        match self {
            Conflict::Declared { reason } => Text::new("conflict-declared").with("reason", reason),
            Conflict::Referee { relationship } => {
                Text::new("conflict-referee").with("relationship", relationship.text())
            }
            Conflict::RscProvider => Text::new("conflict-rsc-provider"),
            Conflict::SameEmployer { employer } => {
                Text::new("conflict-same-employer").with("employer", employer)
            }
        }
    }
}

/// Letters and digits only, lower case: "St. Mary's  Clinic" and
/// "st marys clinic" match, as do "O'Neil" and "o neil".
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn overlaps(a: &Period, b: &Period, today: NaiveDate) -> bool {
    let a_end = a.end.unwrap_or(today);
    let b_end = b.end.unwrap_or(today);
    a.start <= b_end && b.start <= a_end
}

/// Every conflict between a reviewer and an applicant, most serious first.
pub fn conflicts(
    reviewer: &ReviewerFacts,
    applicant: &ApplicantFacts,
    today: NaiveDate,
) -> Vec<Conflict> {
    let mut found = Vec::new();
    for reason in &applicant.declared {
        found.push(Conflict::Declared {
            reason: reason.clone(),
        });
    }
    for referee in &applicant.referees {
        if referee
            .email
            .trim()
            .eq_ignore_ascii_case(reviewer.email.trim())
        {
            found.push(Conflict::Referee {
                relationship: referee.relationship,
            });
        }
    }
    let name = plain(&reviewer.name);
    if applicant.providers.iter().any(|provider| {
        (!name.is_empty() && plain(&provider.name) == name)
            || provider.number.as_deref().is_some_and(|number| {
                let number = plain(number);
                !number.is_empty() && reviewer.numbers.iter().any(|n| plain(n) == number)
            })
    }) {
        found.push(Conflict::RscProvider);
    }
    let mut employers = Vec::new();
    for theirs in &applicant.work {
        let employer = plain(&theirs.employer);
        if employer.is_empty() || employers.contains(&employer) {
            continue;
        }
        if reviewer
            .work
            .iter()
            .any(|mine| plain(&mine.employer) == employer && overlaps(mine, theirs, today))
        {
            found.push(Conflict::SameEmployer {
                employer: theirs.employer.trim().to_string(),
            });
            employers.push(employer);
        }
    }
    found
}

/// A reviewer as the assignment proposal weighs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The reviewer.
    pub reviewer: UserId,
    /// For a stable order among equals.
    pub name: String,
    /// Whether they may review the category.
    pub eligible: bool,
    /// Whether anything stands in the way with this applicant.
    pub conflicted: bool,
    /// Whether they are already assigned to this application.
    pub assigned: bool,
    /// Reviews they have open now.
    pub load: u32,
    /// The most they take at once.
    pub max_load: u32,
}

impl Candidate {
    /// Whether they could be given this application now.
    pub fn available(&self) -> bool {
        self.eligible && !self.conflicted && !self.assigned && self.load < self.max_load
    }
}

/// Proposes `needed` reviewers: only available ones, the least loaded first
/// (relative to what each takes), so work spreads across reviewers. Fewer
/// come back when not enough are available.
pub fn propose(needed: usize, candidates: &[Candidate]) -> Vec<UserId> {
    let mut open: Vec<&Candidate> = candidates.iter().filter(|c| c.available()).collect();
    // Compare load / max_load without division: a/b < c/d ⇔ a·d < c·b.
    open.sort_by(|a, b| {
        (u64::from(a.load) * u64::from(b.max_load))
            .cmp(&(u64::from(b.load) * u64::from(a.max_load)))
            .then(a.load.cmp(&b.load))
            .then(a.name.cmp(&b.name))
            .then(a.reviewer.cmp(&b.reviewer))
    });
    open.into_iter().take(needed).map(|c| c.reviewer).collect()
}

// ---------------------------------------------------------------------------
// The review form

/// The parts of a portfolio a reviewer judges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewSection {
    /// Degrees, credentials and licenses.
    Education,
    /// Work experience.
    Work,
    /// Specialized training.
    Training,
    /// Reflective supervision/consultation received.
    Rsc,
    /// Reference ratings.
    References,
}

crate::texts!(ReviewSection {
    Education => "section-education",
    Work => "section-work",
    Training => "section-training",
    Rsc => "section-rsc",
    References => "section-references",
});

crate::texts!(Recommendation {
    Endorse => "review-rec-endorse",
    ApproveForExam => "review-rec-approve-for-exam",
    Defer => "review-rec-defer",
    OnHold => "review-rec-on-hold",
    Emerging => "review-rec-emerging",
    NotEndorsed => "review-rec-not-endorsed",
});

impl ReviewSection {
    /// Every section, in portfolio order.
    pub const ALL: [ReviewSection; 5] = [
        ReviewSection::Education,
        ReviewSection::Work,
        ReviewSection::Training,
        ReviewSection::Rsc,
        ReviewSection::References,
    ];

    /// The sections judged for a category (RSC only where it is required).
    pub fn for_category(category: &CategoryRules) -> Vec<ReviewSection> {
        Self::ALL
            .into_iter()
            .filter(|s| *s != ReviewSection::Rsc || category.rsc.is_some())
            .collect()
    }

    /// The name in addresses and field paths.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReviewSection::Education => "education",
            ReviewSection::Work => "work",
            ReviewSection::Training => "training",
            ReviewSection::Rsc => "rsc",
            ReviewSection::References => "references",
        }
    }

    /// The heading people see.
    pub const fn label(self) -> &'static str {
        match self {
            ReviewSection::Education => "Education and licenses",
            ReviewSection::Work => "Work experience",
            ReviewSection::Training => "Specialized training",
            ReviewSection::Rsc => "Reflective supervision/consultation",
            ReviewSection::References => "Reference ratings",
        }
    }
}

/// Whether a section shows what the category needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// It does.
    Sufficient,
    /// It does not (the comment says what is missing).
    Insufficient,
}

/// The verdict on one section, with a comment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionVerdict {
    /// Sufficient or not; none until chosen.
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// Why; needed when insufficient.
    #[serde(default)]
    pub comment: String,
}

/// What a reviewer recommends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// Award the endorsement (categories without an exam).
    Endorse,
    /// Approve the applicant to sit the exam (categories with one).
    ApproveForExam,
    /// Defer, with feedback to revise and resubmit.
    Defer,
    /// Put the application on hold.
    OnHold,
    /// Emerging (where the category allows it).
    Emerging,
    /// Not endorsed.
    NotEndorsed,
}

impl Recommendation {
    /// Every recommendation.
    pub const ALL: [Recommendation; 6] = [
        Recommendation::Endorse,
        Recommendation::ApproveForExam,
        Recommendation::Defer,
        Recommendation::OnHold,
        Recommendation::Emerging,
        Recommendation::NotEndorsed,
    ];

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            Recommendation::Endorse => "Endorse",
            Recommendation::ApproveForExam => "Approve for the exam",
            Recommendation::Defer => "Defer with feedback",
            Recommendation::OnHold => "Put on hold",
            Recommendation::Emerging => "Emerging",
            Recommendation::NotEndorsed => "Not endorsed",
        }
    }

    /// The admin's action that follows it.
    pub const fn action(self) -> Action {
        match self {
            Recommendation::Endorse => Action::Endorse,
            Recommendation::ApproveForExam => Action::ApproveForExam,
            Recommendation::Defer => Action::Defer,
            Recommendation::OnHold => Action::PutOnHold,
            Recommendation::Emerging => Action::DecideEmerging,
            Recommendation::NotEndorsed => Action::NotEndorse,
        }
    }

    /// The recommendations open on a category's track: the ones whose action
    /// the process allows from review.
    pub fn on(track: Track) -> Vec<Recommendation> {
        Self::ALL
            .into_iter()
            .filter(|r| {
                crate::process::next(ApplicationStatus::UnderReview, r.action(), track).is_some()
            })
            .collect()
    }
}

/// A review, as a draft or submitted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewForm {
    /// A rubric score per competency domain (by code).
    #[serde(default)]
    pub scores: BTreeMap<String, u32>,
    /// A verdict per section.
    #[serde(default)]
    pub sections: BTreeMap<ReviewSection, SectionVerdict>,
    /// The recommendation.
    #[serde(default)]
    pub recommendation: Option<Recommendation>,
    /// Why, for the admin and the other reviewer (never shown to the applicant).
    #[serde(default)]
    pub rationale: String,
}

/// What a review is checked against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewRules {
    /// The domains to score.
    pub domains: Vec<CompetencyDomain>,
    /// The rubric, lowest first.
    pub rubric: Vec<RubricLevel>,
    /// The sections to judge.
    pub sections: Vec<ReviewSection>,
    /// The recommendations open to this category.
    pub recommendations: Vec<Recommendation>,
}

impl ReviewRules {
    /// The rules for reviewing `category` under `rulebook`.
    pub fn of(rulebook: &crate::rulebook::Rulebook, category: &CategoryRules) -> Self {
        Self {
            domains: rulebook.reviewer_domains(category),
            rubric: rulebook.review.rubric.clone(),
            sections: ReviewSection::for_category(category),
            recommendations: Recommendation::on(Track::of(category)),
        }
    }
}

fn long_text(errors: &mut Checker, field: &str, value: &str, max: usize, required: bool) {
    if required && value.trim().is_empty() {
        errors.add(field, Text::new("field-blank"));
    } else if value.chars().count() > max {
        errors.add(field, Text::new("field-too-long").with("max", max));
    } else if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        errors.add(field, Text::new("field-control-chars"));
    }
}

impl ReviewForm {
    /// What is wrong, by field. A draft may be incomplete, never wrong;
    /// `complete` also asks for everything a submitted review needs.
    pub fn problems(&self, rules: &ReviewRules, complete: bool) -> FieldErrors {
        let mut errors = Checker::default();
        let (lowest, highest) = match (rules.rubric.first(), rules.rubric.last()) {
            (Some(low), Some(high)) => (low.score, high.score),
            _ => (0, 0),
        };
        for (code, score) in &self.scores {
            let field = format!("scores.{code}");
            if !rules.domains.iter().any(|d| d.code == *code) {
                errors.add(&field, Text::new("review-not-a-domain"));
            } else if !rules.rubric.iter().any(|level| level.score == *score) {
                errors.add(
                    &field,
                    Text::new("exam-score-range")
                        .with("low", lowest)
                        .with("high", highest),
                );
            }
        }
        for (section, verdict) in &self.sections {
            let field = format!("sections.{}", section.as_str());
            if !rules.sections.contains(section) {
                errors.add(&field, Text::new("review-section-not-judged"));
                continue;
            }
            long_text(
                &mut errors,
                &format!("{field}.comment"),
                &verdict.comment,
                MAX_COMMENT,
                complete && verdict.verdict == Some(Verdict::Insufficient),
            );
        }
        if let Some(recommendation) = self.recommendation {
            if !rules.recommendations.contains(&recommendation) {
                errors.add(
                    "recommendation",
                    Text::new("review-recommendation-closed")
                        .with("recommendation", recommendation.label()),
                );
            }
        }
        long_text(
            &mut errors,
            "rationale",
            &self.rationale,
            MAX_RATIONALE,
            complete,
        );
        if complete {
            for domain in &rules.domains {
                if !self.scores.contains_key(&domain.code) {
                    errors.add(
                        &format!("scores.{}", domain.code),
                        Text::new("exam-choose-score"),
                    );
                }
            }
            for section in &rules.sections {
                if self.sections.get(section).and_then(|s| s.verdict).is_none() {
                    errors.add(
                        &format!("sections.{}.verdict", section.as_str()),
                        Text::new("review-choose-verdict"),
                    );
                }
            }
            if self.recommendation.is_none() {
                errors.add("recommendation", Text::new("review-choose-recommendation"));
            }
        }
        errors.0
    }
}

/// Where two submitted reviews disagree enough for the admin to look: a
/// different recommendation, or a domain scored two or more points apart.
pub fn disagreement(a: &ReviewForm, b: &ReviewForm, domains: &[CompetencyDomain]) -> Vec<String> {
    let mut found = Vec::new();
    if let (Some(x), Some(y)) = (a.recommendation, b.recommendation) {
        if x != y {
            found.push(format!(
                "The recommendations differ: \"{}\" and \"{}\".",
                x.label(),
                y.label()
            ));
        }
    }
    for domain in domains {
        if let (Some(x), Some(y)) = (a.scores.get(&domain.code), b.scores.get(&domain.code)) {
            if x.abs_diff(*y) >= 2 {
                found.push(format!("{} is scored {x} and {y}.", domain.name));
            }
        }
    }
    found
}

/// What blind review shows in place of a name.
pub const WITHHELD: &str = "(withheld for blind review)";

/// An entry as a blind reviewer sees it: the structured fields that name the
/// applicant (the typed signature of an agreement) are withheld. Free text is
/// left as written.
pub fn blinded(data: &mut EntryData) {
    if let EntryData::Agreements(agreement) = data {
        agreement.signed_name = WITHHELD.to_string();
    }
}

// ---------------------------------------------------------------------------
// Assignments on the wire

/// Where an assignment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssignmentState {
    /// The review is being written.
    Active,
    /// The review is submitted.
    Submitted,
    /// The reviewer was released (unassigned, or declared a conflict).
    Released,
}

impl AssignmentState {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            AssignmentState::Active => "active",
            AssignmentState::Submitted => "submitted",
            AssignmentState::Released => "released",
        }
    }

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            AssignmentState::Active => "In progress",
            AssignmentState::Submitted => "Submitted",
            AssignmentState::Released => "Released",
        }
    }

    /// The state stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Active, Self::Submitted, Self::Released]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// Assign a reviewer (`POST /api/v1/applications/{id}/assignments`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignRequest {
    /// The reviewer.
    pub reviewer: UserId,
    /// Needed to assign despite a conflict of interest; kept in the audit log.
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// Release a reviewer, or declare a conflict, with a reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonRequest {
    /// Why, at most 2000 characters.
    pub reason: String,
}

impl ReasonRequest {
    /// The trimmed reason, or the field error.
    pub fn checked(&self) -> Result<String, FieldErrors> {
        let mut errors = Checker::default();
        long_text(&mut errors, "reason", &self.reason, 2000, true);
        if errors.0.is_empty() {
            Ok(self.reason.trim().to_string())
        } else {
            Err(errors.0)
        }
    }
}

/// One reviewer's assignment, as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentView {
    /// The assignment.
    pub id: AssignmentId,
    /// The application.
    pub application: ApplicationId,
    /// The reviewer.
    pub reviewer: UserId,
    /// The reviewer's name.
    pub reviewer_name: String,
    /// Whether an admin disabled the reviewer's account: the review will not
    /// come, and the application needs another reviewer.
    #[serde(default)]
    pub reviewer_disabled: bool,
    /// The submission round reviewed.
    pub round: i64,
    /// When it was given.
    pub assigned_at: DateTime<Utc>,
    /// When the review is due.
    pub due_at: DateTime<Utc>,
    /// Where it stands.
    pub state: AssignmentState,
    /// Whether the review is late.
    pub overdue: bool,
    /// When the review was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The reason an admin gave for assigning despite a conflict.
    pub override_reason: Option<String>,
    /// Why the reviewer was released.
    pub released_reason: Option<String>,
}

/// A reviewer who could be assigned, with what stands in the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateView {
    /// The reviewer.
    pub reviewer: UserId,
    /// Their name.
    pub name: String,
    /// Their e-mail.
    pub email: String,
    /// Reviews they have open.
    pub load: u32,
    /// The most they take.
    pub max_load: u32,
    /// Why they may not review the category, if so.
    pub ineligible: Option<String>,
    /// Conflicts of interest with this applicant.
    pub conflicts: Vec<Conflict>,
    /// Whether they are assigned already.
    pub assigned: bool,
    /// Whether Endorse proposes them.
    pub proposed: bool,
}

/// A submitted review, with who wrote it (staff only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmittedReview {
    /// The assignment.
    pub assignment: AssignmentId,
    /// Who wrote it.
    pub reviewer_name: String,
    /// When.
    pub submitted_at: DateTime<Utc>,
    /// The review.
    pub review: ReviewForm,
}

/// An application's review, as admins see it
/// (`GET /api/v1/applications/{id}/review`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationReview {
    /// Reviewers the category needs.
    pub needed: u32,
    /// Every assignment, released ones too.
    pub assignments: Vec<AssignmentView>,
    /// Reviewers who could be assigned, proposed ones first.
    pub candidates: Vec<CandidateView>,
    /// Submitted reviews of the current round.
    pub reviews: Vec<SubmittedReview>,
    /// Where the two reviews disagree.
    pub disagreement: Vec<String>,
    /// Every request for information.
    pub information_requests: Vec<InformationItem>,
    /// The rules the reviews followed.
    pub rules: ReviewRules,
}

// ---------------------------------------------------------------------------
// The reviewer's side

/// One of a reviewer's assignments (`GET /api/v1/reviews`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyAssignment {
    /// The assignment.
    pub id: AssignmentId,
    /// The category's code.
    pub category: String,
    /// The category's name.
    pub category_name: String,
    /// The applicant's name; none when review is blind.
    pub applicant: Option<String>,
    /// A reference for the application that names no one.
    pub reference: String,
    /// The submission round.
    pub round: i64,
    /// When it was given.
    pub assigned_at: DateTime<Utc>,
    /// When the review is due.
    pub due_at: DateTime<Utc>,
    /// Whether it is late.
    pub overdue: bool,
    /// Where the review stands.
    pub state: AssignmentState,
    /// Where the application stands.
    pub application_status: ApplicationStatus,
}

/// Another reviewer's submitted review, shown once one's own is submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeerReview {
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
    /// The review.
    pub review: ReviewForm,
}

/// Everything a reviewer needs to review (`GET /api/v1/reviews/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewPacket {
    /// The assignment.
    pub assignment: MyAssignment,
    /// What was submitted, with amended entries replaced by their answers.
    pub snapshot: Snapshot,
    /// The reference requests, with their ratings and the signals to look
    /// at twice (without the addresses they come from).
    pub references: Vec<ReviewedReference>,
    /// The applicant's notes to reviewers.
    pub notes: Vec<SectionNote>,
    /// What the review is checked against.
    pub rules: ReviewRules,
    /// The review so far.
    pub review: ReviewForm,
    /// Send it back in `If-Match` to save the draft.
    pub version: i64,
    /// The other reviewers' reviews, once this one is submitted.
    pub peers: Vec<PeerReview>,
    /// Requests for information on this application.
    pub information_requests: Vec<InformationItem>,
    /// What the reviewer may do to the application now.
    pub actions: Vec<Action>,
}

// ---------------------------------------------------------------------------
// Requests for information

/// One entry to flag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Flag {
    /// The entry, from the submitted snapshot.
    pub entry: EntryId,
    /// What is missing, e.g. "The hours of this training are not documented".
    pub message: String,
}

/// Ask the applicant about some entries
/// (`POST /api/v1/reviews/{id}/information-requests`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InformationRequest {
    /// The entries flagged.
    pub flags: Vec<Flag>,
}

impl InformationRequest {
    /// What is wrong, by field; `in_snapshot` says whether an entry was
    /// submitted.
    pub fn problems(&self, in_snapshot: impl Fn(EntryId) -> bool) -> FieldErrors {
        let mut errors = Checker::default();
        if self.flags.is_empty() {
            errors.add("flags", Text::new("review-flag-one"));
        }
        if self.flags.len() > MAX_FLAGS {
            errors.add("flags", Text::new("review-flag-max").with("max", MAX_FLAGS));
        }
        for (i, flag) in self.flags.iter().enumerate() {
            if !in_snapshot(flag.entry) {
                errors.add(
                    &format!("flags[{i}].entry"),
                    Text::new("review-not-submitted-entry"),
                );
            } else if self.flags[..i].iter().any(|f| f.entry == flag.entry) {
                errors.add(
                    &format!("flags[{i}].entry"),
                    Text::new("review-flagged-twice"),
                );
            }
            long_text(
                &mut errors,
                &format!("flags[{i}].message"),
                &flag.message,
                MAX_COMMENT,
                true,
            );
        }
        errors.0
    }
}

/// One flagged entry, its answer and what changed. Never names the reviewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InformationItem {
    /// The flag.
    pub id: InformationItemId,
    /// The submission round.
    pub round: i64,
    /// The entry's section.
    pub section: EditableSection,
    /// The entry.
    pub entry: EntryId,
    /// What the reviewer asks.
    pub message: String,
    /// When it was asked.
    pub asked_at: DateTime<Utc>,
    /// The entry as submitted.
    pub before: Option<EntryData>,
    /// The entry as the applicant left it when answering (none if removed).
    pub after: Option<EntryData>,
    /// The applicant's answer.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<DateTime<Utc>>,
}

/// The applicant answers every open flag
/// (`POST /api/v1/me/applications/{id}/answer`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerRequest {
    /// An answer per flag, by the flag's id.
    pub answers: BTreeMap<InformationItemId, String>,
}

impl AnswerRequest {
    /// What is wrong, by field; `open` are the flags waiting for an answer.
    pub fn problems(&self, open: &[InformationItemId]) -> FieldErrors {
        let mut errors = Checker::default();
        for id in open {
            let field = format!("answers.{id}");
            match self.answers.get(id) {
                Some(answer) => long_text(&mut errors, &field, answer, MAX_COMMENT, true),
                None => errors.add(&field, Text::new("review-answer-request")),
            }
        }
        for id in self.answers.keys() {
            if !open.contains(id) {
                errors.add(
                    &format!("answers.{id}"),
                    Text::new("review-not-open-request"),
                );
            }
        }
        errors.0
    }
}

#[cfg(test)]
mod tests;

crate::texts!(AssignmentState {
    Active => "assignment-state-active",
    Submitted => "assignment-state-submitted",
    Released => "assignment-state-released",
});
