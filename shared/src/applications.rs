//! Applications: one person applying for one category, pinned to the rulebook
//! version it was started under, and the snapshot each submission freezes.

use crate::eligibility::EligibilityReport;
use crate::entries::PortfolioEntry;
use crate::ids::{ApplicationId, EntryId, UserId};
use crate::portfolio::ReferenceData;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use validator::Validate;

/// Where an application stands. The review issue adds the allowed transitions
/// between them; today an applicant submits a draft and may withdraw until
/// review starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Being prepared.
    Draft,
    /// Submitted, waiting for review.
    Submitted,
    /// With the peer reviewers.
    UnderReview,
    /// Reviewers asked for changes.
    RevisionRequested,
    /// Paused.
    OnHold,
    /// May sit the exam.
    ApprovedForExam,
    /// Exam booked.
    ExamScheduled,
    /// Exam passed.
    ExamPassed,
    /// Exam failed.
    ExamFailed,
    /// Endorsed.
    Endorsed,
    /// Emerging (IFRS).
    Emerging,
    /// Deferred with feedback.
    Deferred,
    /// Not endorsed.
    NotEndorsed,
    /// Withdrawn by the applicant.
    Withdrawn,
}

impl ApplicationStatus {
    /// Every status.
    pub const ALL: [ApplicationStatus; 14] = [
        ApplicationStatus::Draft,
        ApplicationStatus::Submitted,
        ApplicationStatus::UnderReview,
        ApplicationStatus::RevisionRequested,
        ApplicationStatus::OnHold,
        ApplicationStatus::ApprovedForExam,
        ApplicationStatus::ExamScheduled,
        ApplicationStatus::ExamPassed,
        ApplicationStatus::ExamFailed,
        ApplicationStatus::Endorsed,
        ApplicationStatus::Emerging,
        ApplicationStatus::Deferred,
        ApplicationStatus::NotEndorsed,
        ApplicationStatus::Withdrawn,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::UnderReview => "under_review",
            ApplicationStatus::RevisionRequested => "revision_requested",
            ApplicationStatus::OnHold => "on_hold",
            ApplicationStatus::ApprovedForExam => "approved_for_exam",
            ApplicationStatus::ExamScheduled => "exam_scheduled",
            ApplicationStatus::ExamPassed => "exam_passed",
            ApplicationStatus::ExamFailed => "exam_failed",
            ApplicationStatus::Endorsed => "endorsed",
            ApplicationStatus::Emerging => "emerging",
            ApplicationStatus::Deferred => "deferred",
            ApplicationStatus::NotEndorsed => "not_endorsed",
            ApplicationStatus::Withdrawn => "withdrawn",
        }
    }

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "Draft",
            ApplicationStatus::Submitted => "Submitted",
            ApplicationStatus::UnderReview => "Under review",
            ApplicationStatus::RevisionRequested => "Revision requested",
            ApplicationStatus::OnHold => "On hold",
            ApplicationStatus::ApprovedForExam => "Approved for the exam",
            ApplicationStatus::ExamScheduled => "Exam scheduled",
            ApplicationStatus::ExamPassed => "Exam passed",
            ApplicationStatus::ExamFailed => "Exam failed",
            ApplicationStatus::Endorsed => "Endorsed",
            ApplicationStatus::Emerging => "Emerging",
            ApplicationStatus::Deferred => "Deferred",
            ApplicationStatus::NotEndorsed => "Not endorsed",
            ApplicationStatus::Withdrawn => "Withdrawn",
        }
    }

    /// The status's name, in the person's language.
    pub fn text(self) -> crate::i18n::Text {
        crate::i18n::Text::new(match self {
            ApplicationStatus::Draft => "status-draft",
            ApplicationStatus::Submitted => "status-submitted",
            ApplicationStatus::UnderReview => "status-under-review",
            ApplicationStatus::RevisionRequested => "status-revision-requested",
            ApplicationStatus::OnHold => "status-on-hold",
            ApplicationStatus::ApprovedForExam => "status-approved-for-exam",
            ApplicationStatus::ExamScheduled => "status-exam-scheduled",
            ApplicationStatus::ExamPassed => "status-exam-passed",
            ApplicationStatus::ExamFailed => "status-exam-failed",
            ApplicationStatus::Endorsed => "status-endorsed",
            ApplicationStatus::Emerging => "status-emerging",
            ApplicationStatus::Deferred => "status-deferred",
            ApplicationStatus::NotEndorsed => "status-not-endorsed",
            ApplicationStatus::Withdrawn => "status-withdrawn",
        })
    }

    /// Whether the application is still running (a person has at most one
    /// running application per category). Must match the partial unique index
    /// `applications_one_open_per_category`.
    pub const fn is_open(self) -> bool {
        !matches!(
            self,
            ApplicationStatus::Withdrawn
                | ApplicationStatus::Endorsed
                | ApplicationStatus::Emerging
                | ApplicationStatus::NotEndorsed
        )
    }

    /// Whether the applicant may still withdraw (until review starts).
    pub const fn can_withdraw(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Draft | ApplicationStatus::Submitted
        )
    }
}

impl fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApplicationStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| format!("unknown application status '{s}'"))
    }
}

/// Start an application (`POST /api/v1/me/applications`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartApplicationRequest {
    /// The category's code, e.g. `IFS`.
    #[validate(length(min = 1, max = 32, code = "choose_category"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 32))]
    pub category: String,
}

/// Who applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applicant {
    /// The account.
    pub id: UserId,
    /// Full name.
    pub name: String,
    /// E-mail.
    pub email: String,
}

/// A reference as a snapshot keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotReference {
    /// The reference's id.
    pub id: EntryId,
    /// What the engine weighed.
    pub data: ReferenceData,
}

/// What a submission froze: the entries it counted and the report that let it
/// through. Later edits to the portfolio never change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Snapshot {
    /// The submission round, from 1.
    pub round: i64,
    /// When it was taken.
    pub taken_at: DateTime<Utc>,
    /// The portfolio entries that counted.
    pub entries: Vec<PortfolioEntry>,
    /// The references that counted.
    pub references: Vec<SnapshotReference>,
    /// The report at submission.
    pub report: EligibilityReport,
}

/// An application, with where it stands against its rulebook version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationResponse {
    /// The application.
    pub id: ApplicationId,
    /// Who applies.
    pub applicant: Applicant,
    /// The category's code.
    pub category: String,
    /// The category's name.
    pub category_name: String,
    /// The rulebook version it is judged by.
    pub rulebook_version: i64,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// Send it back in `If-Match` to act on the application.
    pub version: i64,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// When it was last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The current portfolio weighed against the category today.
    pub report: EligibilityReport,
    /// The latest submission's snapshot, once submitted.
    pub snapshot: Option<Snapshot>,
    /// What the caller may do to it now (the process's allowed actions for
    /// the caller's role).
    #[serde(default)]
    pub actions: Vec<crate::process::Action>,
    /// The association's feedback with the latest decision (the reason given
    /// for deferring, endorsing or not), meant for the applicant.
    #[serde(default)]
    pub feedback: Option<String>,
    /// Reviewers' requests for information on single entries, oldest first
    /// (never naming the reviewer); open ones have no answer yet.
    #[serde(default)]
    pub information_requests: Vec<crate::review::InformationItem>,
    /// Its fees: the applicant's registration (where the category charges
    /// one), its processing, its exam's sittings; owed ones first.
    #[serde(default)]
    pub fees: Vec<crate::fees::FeeLine>,
}

/// One line of a list of applications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    /// The application.
    pub id: ApplicationId,
    /// Who applies.
    pub applicant: Applicant,
    /// The category's code.
    pub category: String,
    /// The rulebook version.
    pub rulebook_version: i64,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// When it was last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// Query of the admins' list (`GET /api/v1/applications`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListApplicationsQuery {
    /// Part of the applicant's name or e-mail address, without regard to case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// Only this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ApplicationStatus>,
    /// Only this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 32, code = "category_code"))]
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 32))]
    pub category: Option<String>,
    /// Only applications judged by this rulebook version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1))]
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub rulebook_version: Option<i64>,
    /// Submitted on or after this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_from: Option<NaiveDate>,
    /// Submitted on or before this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_to: Option<NaiveDate>,
    /// The page, from 1 (an offset: for a page far in, follow `after`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1_000_000))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 1000000))]
    pub page: Option<u32>,
    /// The applications after this place in the list: the `next` of the page
    /// before. Not with a `page` other than 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 64))]
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 64, pattern = r"^[0-9]{1,19}\.[0-9a-f-]{36}$")
    )]
    pub after: Option<String>,
    /// Per page, 1 to 100 (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub per_page: Option<u32>,
}

/// A place in the admins' list, newest first: after the application started
/// at `started` with the id `id` (the list's order is the start, then the id,
/// both descending). Written as `after` and `next`: the start in nanoseconds
/// since 1970, a dot, the id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListCursor {
    /// When the application was started.
    pub started: DateTime<Utc>,
    /// Its id.
    pub id: ApplicationId,
}

impl fmt::Display for ListCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nanos = self.started.timestamp_nanos_opt().unwrap_or_default();
        write!(f, "{nanos}.{}", self.id)
    }
}

impl FromStr for ListCursor {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        let (nanos, id) = text.split_once('.').ok_or(())?;
        if nanos.is_empty() || !nanos.bytes().all(|b| b.is_ascii_digit()) {
            return Err(());
        }
        let nanos: i64 = nanos.parse().map_err(|_| ())?;
        Ok(Self {
            started: DateTime::from_timestamp_nanos(nanos),
            id: id.parse().map_err(|_| ())?,
        })
    }
}

impl ListApplicationsQuery {
    /// The page asked for.
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1)
    }

    /// The page size asked for.
    pub fn per_page(&self) -> u32 {
        self.per_page.unwrap_or(25)
    }
}

/// One page of applications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationListResponse {
    /// The applications, newest first.
    pub items: Vec<ApplicationSummary>,
    /// How many match, over all pages (with `total_is_lower_bound`, at
    /// least this many).
    pub total: u64,
    /// Whether counting stopped at `total` ([`COUNT_LIMIT`]): more match. A
    /// list of one status, or of all, is always counted exactly.
    #[serde(default)]
    pub total_is_lower_bound: bool,
    /// This page.
    pub page: u32,
    /// The page size.
    pub per_page: u32,
    /// The `after` of the next page; none on the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// Where the admins' list stops counting a search or a filter other than the
/// status (so a count costs the same at any size): more matches are shown as
/// "1,000 or more".
pub const COUNT_LIMIT: u64 = 1_000;

/// How many applications are in one status and how long they have waited there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineStage {
    /// The status.
    pub status: ApplicationStatus,
    /// How many applications are in it.
    pub count: u64,
    /// The median number of whole days since they entered it.
    pub median_days: Option<i64>,
    /// The longest wait, in whole days.
    pub oldest_days: Option<i64>,
    /// The application that has waited longest.
    pub oldest: Option<ApplicationId>,
}

/// The admins' overview: every status with its applications and waits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineResponse {
    /// Every status of the process, in process order.
    pub stages: Vec<PipelineStage>,
    /// Reviews past their due date, the longest overdue first.
    #[serde(default)]
    pub overdue_reviews: Vec<OverdueReview>,
}

/// A review past its due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueReview {
    /// The application.
    pub application: ApplicationId,
    /// The applicant's name.
    pub applicant_name: String,
    /// The reviewer's name.
    pub reviewer_name: String,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// Whole days late.
    pub days_late: i64,
}

/// The overview of `applications`: (id, status, when it entered the status).
/// Waits are counted for open applications only; closed ones are counted.
pub fn pipeline(
    applications: &[(ApplicationId, ApplicationStatus, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> PipelineResponse {
    let stages = ApplicationStatus::ALL
        .into_iter()
        .map(|status| {
            let mut waits: Vec<(i64, ApplicationId)> = applications
                .iter()
                .filter(|(_, s, _)| *s == status)
                .map(|(id, _, since)| ((now - *since).num_days().max(0), *id))
                .collect();
            let count = u64::try_from(waits.len()).unwrap_or(u64::MAX);
            if !status.is_open() || waits.is_empty() {
                return PipelineStage {
                    status,
                    count,
                    median_days: None,
                    oldest_days: None,
                    oldest: None,
                };
            }
            waits.sort();
            let middle = waits.len() / 2;
            let median = if waits.len() % 2 == 1 {
                waits[middle].0
            } else {
                (waits[middle - 1].0 + waits[middle].0) / 2
            };
            // The one that entered first; of two that entered together, the
            // later id (the order the server's index gives).
            let (oldest_days, oldest) = applications
                .iter()
                .filter(|(_, s, _)| *s == status)
                .min_by_key(|(id, _, since)| (*since, std::cmp::Reverse(*id)))
                .map(|(id, _, since)| ((now - *since).num_days().max(0), *id))
                .unwrap_or(waits[waits.len() - 1]);
            PipelineStage {
                status,
                count,
                median_days: Some(median),
                oldest_days: Some(oldest_days),
                oldest: Some(oldest),
            }
        })
        .collect();
    PipelineResponse {
        stages,
        overdue_reviews: Vec::new(),
    }
}

/// Move an application to another rulebook version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveRulebookRequest {
    /// The newer version.
    pub rulebook_version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_counts_each_status_and_its_waits() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let id = |n: u128| ApplicationId::from_uuid(uuid::Uuid::from_u128(n));
        let days = |d: i64| now - chrono::Duration::days(d);
        let rows = [
            (id(1), ApplicationStatus::Submitted, days(2)),
            (id(2), ApplicationStatus::Submitted, days(10)),
            (id(3), ApplicationStatus::Submitted, days(4)),
            (id(4), ApplicationStatus::UnderReview, days(30)),
            (id(5), ApplicationStatus::UnderReview, days(40)),
            (id(6), ApplicationStatus::Endorsed, days(90)),
        ];
        let stages = pipeline(&rows, now).stages;
        assert_eq!(stages.len(), ApplicationStatus::ALL.len());
        let submitted = &stages[1];
        assert_eq!(
            (
                submitted.count,
                submitted.median_days,
                submitted.oldest_days
            ),
            (3, Some(4), Some(10))
        );
        assert_eq!(submitted.oldest, Some(id(2)));
        let review = &stages[2];
        assert_eq!((review.count, review.median_days), (2, Some(35)));
        let endorsed = stages
            .iter()
            .find(|s| s.status == ApplicationStatus::Endorsed)
            .unwrap();
        assert_eq!((endorsed.count, endorsed.median_days), (1, None));
        assert_eq!(stages[0].count, 0);
    }

    #[test]
    fn statuses_round_trip_and_closed_ones_are_not_open() {
        for status in ApplicationStatus::ALL {
            assert_eq!(status.as_str().parse::<ApplicationStatus>(), Ok(status));
        }
        let closed: Vec<_> = ApplicationStatus::ALL
            .into_iter()
            .filter(|s| !s.is_open())
            .collect();
        assert_eq!(
            closed,
            [
                ApplicationStatus::Endorsed,
                ApplicationStatus::Emerging,
                ApplicationStatus::NotEndorsed,
                ApplicationStatus::Withdrawn
            ]
        );
    }
}
