//! What waits on the association's admins: the work list on their overview
//! (and, later, in their daily digest).

use crate::UserId;
use serde::{Deserialize, Serialize};

/// A kind of work that waits on an admin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    /// Current memberships nobody has verified yet.
    MembershipsToVerify,
    /// RSC providers, not endorsed themselves, nobody has vetted yet.
    ProvidersToVet,
    /// Applications submitted (or under review) with no reviewer on their
    /// current round.
    ApplicationsWithoutReviewers,
    /// Reviews past their due date.
    ReviewsOverdue,
    /// Exam attempts with no date yet.
    ExamsToSchedule,
    /// Exam answers in, no result yet.
    ExamsToScore,
    /// Renewals and reinstatements waiting for a decision.
    RenewalsWaiting,
    /// Requests to recognise another association's endorsement.
    RecognitionsWaiting,
    /// E-mail that could not be delivered.
    MailFailed,
}

impl WorkKind {
    /// Every kind, in the order the overview lists them.
    pub const ALL: [WorkKind; 9] = [
        WorkKind::MembershipsToVerify,
        WorkKind::ProvidersToVet,
        WorkKind::ApplicationsWithoutReviewers,
        WorkKind::ReviewsOverdue,
        WorkKind::ExamsToSchedule,
        WorkKind::ExamsToScore,
        WorkKind::RenewalsWaiting,
        WorkKind::RecognitionsWaiting,
        WorkKind::MailFailed,
    ];
}

crate::texts!(WorkKind {
    MembershipsToVerify => "work-memberships",
    ProvidersToVet => "work-providers",
    ApplicationsWithoutReviewers => "work-unassigned",
    ReviewsOverdue => "work-overdue",
    ExamsToSchedule => "work-exams-schedule",
    ExamsToScore => "work-exams-score",
    RenewalsWaiting => "work-renewals",
    RecognitionsWaiting => "work-recognitions",
    MailFailed => "work-mail",
});

/// A person with something to verify, for a link to their page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkPerson {
    /// Their account.
    pub id: UserId,
    /// Their name.
    pub name: String,
}

/// One kind of work and how much of it waits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkItem {
    /// What.
    pub kind: WorkKind,
    /// How many.
    pub count: u64,
    /// For what is verified on a person's page: the people it waits on
    /// (the longest waiting first, at most [`WORK_PEOPLE_SHOWN`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<WorkPerson>,
}

/// How many people an item names at most.
pub const WORK_PEOPLE_SHOWN: usize = 10;

/// Everything that waits on the admins (`GET /api/v1/association/work`):
/// every kind, in order, with its count (zero included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkList {
    /// Each kind of work.
    pub items: Vec<WorkItem>,
}

impl WorkList {
    /// Whether anything waits at all.
    pub fn is_empty(&self) -> bool {
        self.items.iter().all(|item| item.count == 0)
    }
}
