//! The endorsement process as an explicit state machine: every allowed
//! transition, as data, with the role allowed to take it.
//!
//! The API enforces it (an illegal action is a 409 naming the current status)
//! and the app shows only the actions [`allowed`] now. Nothing else moves an
//! application's status.

use crate::applications::ApplicationStatus;
use crate::i18n::Text;
use crate::rulebook::CategoryRules;
use crate::users::Role;
use serde::{Deserialize, Serialize};

/// Something that moves an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The applicant submits the draft (the eligibility gate applies).
    Submit,
    /// The applicant withdraws, before review starts.
    Withdraw,
    /// Review starts (reviewers are assigned).
    StartReview,
    /// A reviewer asks for more information on some entries.
    RequestRevision,
    /// The applicant answers the request for information.
    AnswerRevision,
    /// An admin pauses the application.
    PutOnHold,
    /// An admin takes it up again, back in review.
    Resume,
    /// An admin approves the applicant to sit the exam.
    ApproveForExam,
    /// An admin books the exam.
    ScheduleExam,
    /// An admin records a passed exam.
    RecordExamPassed,
    /// An admin records a failed exam.
    RecordExamFailed,
    /// An admin awards the endorsement.
    Endorse,
    /// An admin decides "emerging" (where the category allows it).
    DecideEmerging,
    /// An admin defers, with feedback for the applicant.
    Defer,
    /// An admin decides "not endorsed".
    NotEndorse,
    /// The applicant resubmits a deferred application, revised.
    Resubmit,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 16] = [
        Action::Submit,
        Action::Withdraw,
        Action::StartReview,
        Action::RequestRevision,
        Action::AnswerRevision,
        Action::PutOnHold,
        Action::Resume,
        Action::ApproveForExam,
        Action::ScheduleExam,
        Action::RecordExamPassed,
        Action::RecordExamFailed,
        Action::Endorse,
        Action::DecideEmerging,
        Action::Defer,
        Action::NotEndorse,
        Action::Resubmit,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Withdraw => "withdraw",
            Action::StartReview => "start_review",
            Action::RequestRevision => "request_revision",
            Action::AnswerRevision => "answer_revision",
            Action::PutOnHold => "put_on_hold",
            Action::Resume => "resume",
            Action::ApproveForExam => "approve_for_exam",
            Action::ScheduleExam => "schedule_exam",
            Action::RecordExamPassed => "record_exam_passed",
            Action::RecordExamFailed => "record_exam_failed",
            Action::Endorse => "endorse",
            Action::DecideEmerging => "decide_emerging",
            Action::Defer => "defer",
            Action::NotEndorse => "not_endorse",
            Action::Resubmit => "resubmit",
        }
    }

    /// The action stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }

    /// Words for a button.
    pub const fn label(self) -> &'static str {
        match self {
            Action::Submit => "Submit",
            Action::Withdraw => "Withdraw",
            Action::StartReview => "Start the review",
            Action::RequestRevision => "Request more information",
            Action::AnswerRevision => "Send the answers",
            Action::PutOnHold => "Put on hold",
            Action::Resume => "Resume the review",
            Action::ApproveForExam => "Approve for the exam",
            Action::ScheduleExam => "Schedule the exam",
            Action::RecordExamPassed => "Record: exam passed",
            Action::RecordExamFailed => "Record: exam failed",
            Action::Endorse => "Endorse",
            Action::DecideEmerging => "Decide: emerging",
            Action::Defer => "Defer with feedback",
            Action::NotEndorse => "Decide: not endorsed",
            Action::Resubmit => "Resubmit",
        }
    }

    /// Words for a button, in the person's language.
    pub fn text(self) -> Text {
        Text::new(match self {
            Action::Submit => "action-submit",
            Action::Withdraw => "action-withdraw",
            Action::StartReview => "action-start-review",
            Action::RequestRevision => "action-request-revision",
            Action::AnswerRevision => "action-answer-revision",
            Action::PutOnHold => "action-put-on-hold",
            Action::Resume => "action-resume",
            Action::ApproveForExam => "action-approve-for-exam",
            Action::ScheduleExam => "action-schedule-exam",
            Action::RecordExamPassed => "action-record-exam-passed",
            Action::RecordExamFailed => "action-record-exam-failed",
            Action::Endorse => "action-endorse",
            Action::DecideEmerging => "action-decide-emerging",
            Action::Defer => "action-defer",
            Action::NotEndorse => "action-not-endorse",
            Action::Resubmit => "action-resubmit",
        })
    }

    /// Who may take it.
    pub const fn role(self) -> Role {
        match self {
            Action::Submit | Action::Withdraw | Action::AnswerRevision | Action::Resubmit => {
                Role::Applicant
            }
            Action::RequestRevision => Role::Reviewer,
            _ => Role::Admin,
        }
    }

    /// For decisions the applicant is told of by mail: the outcome in words.
    pub fn outcome(self) -> Option<crate::i18n::Text> {
        let key = match self {
            Action::Endorse => "outcome-endorsed",
            Action::DecideEmerging => "outcome-emerging",
            Action::Defer => "outcome-deferred",
            Action::NotEndorse => "outcome-not-endorsed",
            Action::ApproveForExam => "outcome-approved-for-exam",
            _ => return None,
        };
        Some(crate::i18n::Text::new(key))
    }

    /// Whether it carries data of its own (the exam's date, its scores) and so
    /// is taken through its own operation, never as a bare transition.
    pub const fn has_own_operation(self) -> bool {
        matches!(
            self,
            Action::ScheduleExam | Action::RecordExamPassed | Action::RecordExamFailed
        )
    }

    /// Whether taking it needs a reason, kept in the audit log (decisions and
    /// everything that stops or redirects the process).
    pub const fn needs_reason(self) -> bool {
        matches!(
            self,
            Action::RequestRevision
                | Action::PutOnHold
                | Action::Endorse
                | Action::DecideEmerging
                | Action::Defer
                | Action::NotEndorse
        )
    }
}

/// What in a category changes the graph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Track {
    /// An exam follows a successful review.
    pub exam: bool,
    /// "Emerging" is a possible outcome.
    pub emerging: bool,
}

impl Track {
    /// The track of a category.
    pub fn of(category: &CategoryRules) -> Self {
        Self {
            exam: category.exam.is_some(),
            emerging: category.allows_emerging,
        }
    }
}

use ApplicationStatus as S;

/// Every transition: from, action, to. Some hold only on one track (see
/// [`next`]).
pub const TRANSITIONS: &[(ApplicationStatus, Action, ApplicationStatus)] = &[
    (S::Draft, Action::Submit, S::Submitted),
    (S::Draft, Action::Withdraw, S::Withdrawn),
    (S::Submitted, Action::Withdraw, S::Withdrawn),
    (S::Submitted, Action::StartReview, S::UnderReview),
    (S::Submitted, Action::PutOnHold, S::OnHold),
    (
        S::UnderReview,
        Action::RequestRevision,
        S::RevisionRequested,
    ),
    (S::RevisionRequested, Action::AnswerRevision, S::UnderReview),
    (S::UnderReview, Action::PutOnHold, S::OnHold),
    (S::RevisionRequested, Action::PutOnHold, S::OnHold),
    (S::OnHold, Action::Resume, S::UnderReview),
    (S::UnderReview, Action::ApproveForExam, S::ApprovedForExam),
    (S::ApprovedForExam, Action::ScheduleExam, S::ExamScheduled),
    (S::ExamFailed, Action::ScheduleExam, S::ExamScheduled),
    (S::ExamScheduled, Action::RecordExamPassed, S::ExamPassed),
    (S::ExamScheduled, Action::RecordExamFailed, S::ExamFailed),
    (S::UnderReview, Action::Endorse, S::Endorsed),
    (S::ExamPassed, Action::Endorse, S::Endorsed),
    (S::UnderReview, Action::DecideEmerging, S::Emerging),
    (S::UnderReview, Action::Defer, S::Deferred),
    (S::UnderReview, Action::NotEndorse, S::NotEndorsed),
    (S::ExamFailed, Action::NotEndorse, S::NotEndorsed),
    (S::Deferred, Action::Resubmit, S::Submitted),
];

/// Where `action` takes an application in `status` on `track`, if it may be
/// taken at all.
pub fn next(status: ApplicationStatus, action: Action, track: Track) -> Option<ApplicationStatus> {
    let on_track = match action {
        Action::ApproveForExam
        | Action::ScheduleExam
        | Action::RecordExamPassed
        | Action::RecordExamFailed => track.exam,
        // With an exam, review alone never endorses: the exam comes first.
        Action::Endorse => status == S::ExamPassed || !track.exam,
        Action::DecideEmerging => track.emerging,
        _ => true,
    };
    if !on_track {
        return None;
    }
    TRANSITIONS
        .iter()
        .find(|(from, a, _)| *from == status && *a == action)
        .map(|(_, _, to)| *to)
}

/// The actions `role` may take now. Admins may take every admin action; an
/// applicant or reviewer only theirs.
pub fn allowed(status: ApplicationStatus, role: Role, track: Track) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| a.role() == role && next(status, *a, track).is_some())
        .collect()
}

/// Why an action was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The action does not apply to the current status.
    NotNow {
        /// The status now.
        status: ApplicationStatus,
        /// What was asked.
        action: Action,
    },
    /// Someone else must take it.
    NotYours {
        /// What was asked.
        action: Action,
        /// Who may.
        role: Role,
    },
}

impl Refusal {
    /// Words for people.
    pub fn describe(&self) -> Text {
        match self {
            Refusal::NotNow { status, action } => Text::new("refusal-not-now")
                .with("status", status.text())
                .with("action", action.text()),
            Refusal::NotYours { action, role } => Text::new(match role {
                Role::Applicant => "refusal-only-applicant",
                Role::Reviewer => "refusal-only-reviewer",
                Role::Admin => "refusal-only-admin",
            })
            .with("action", action.text()),
        }
    }
}

/// Takes `action` as `role`: the new status, or why not.
pub fn apply(
    status: ApplicationStatus,
    action: Action,
    role: Role,
    track: Track,
) -> Result<ApplicationStatus, Refusal> {
    if action.role() != role {
        return Err(Refusal::NotYours {
            action,
            role: action.role(),
        });
    }
    next(status, action, track).ok_or(Refusal::NotNow { status, action })
}

/// Move an application (`POST /api/v1/applications/{id}/transitions`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionRequest {
    /// What to do.
    pub action: Action,
    /// Why; required for decisions and for anything that stops the process.
    #[serde(default)]
    pub reason: Option<String>,
}

impl TransitionRequest {
    /// The reason, trimmed, or the field error when one is needed and missing.
    pub fn checked_reason(&self) -> Result<Option<String>, crate::entries::FieldErrors> {
        let reason = self
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        let mut errors = crate::entries::FieldErrors::new();
        match &reason {
            None if self.action.needs_reason() => {
                errors.insert(
                    "reason".into(),
                    vec![Text::new("field-reason-needed").with("action", self.action.text())],
                );
            }
            Some(text) if text.chars().count() > 5000 => {
                errors.insert(
                    "reason".into(),
                    vec![Text::new("field-too-long").with("max", 5000)],
                );
            }
            _ => {}
        }
        if errors.is_empty() {
            Ok(reason)
        } else {
            Err(errors)
        }
    }
}

/// One line of an application's audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who: the account's name (none for the system, or a removed account).
    pub actor: Option<String>,
    /// In which role.
    pub role: Role,
    /// From which IP address.
    pub ip: Option<String>,
    /// What happened (an [`Action`] name, or `start`, `move_rulebook`).
    pub action: String,
    /// The status before, for transitions.
    pub from_status: Option<ApplicationStatus>,
    /// The status after, for transitions.
    pub to_status: Option<ApplicationStatus>,
    /// Why.
    pub reason: Option<String>,
    /// What changed, in words.
    pub details: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TRACKS: [Track; 4] = [
        Track {
            exam: false,
            emerging: false,
        },
        Track {
            exam: true,
            emerging: false,
        },
        Track {
            exam: false,
            emerging: true,
        },
        Track {
            exam: true,
            emerging: true,
        },
    ];

    fn any_track() -> impl Strategy<Value = Track> {
        (0..TRACKS.len()).prop_map(|i| TRACKS[i])
    }

    /// A walk from a draft: at each step one of the actions allowed to anyone.
    fn walk(track: Track, choices: &[usize]) -> Vec<(Action, ApplicationStatus)> {
        let mut status = S::Draft;
        let mut path = Vec::new();
        for choice in choices {
            let options: Vec<Action> = [Role::Applicant, Role::Reviewer, Role::Admin]
                .into_iter()
                .flat_map(|role| allowed(status, role, track))
                .collect();
            if options.is_empty() {
                break;
            }
            let action = options[choice % options.len()];
            status =
                apply(status, action, action.role(), track).expect("an allowed action applies");
            path.push((action, status));
        }
        path
    }

    proptest! {
        #[test]
        fn no_walk_leaves_the_graph(track in any_track(), choices in proptest::collection::vec(0usize..16, 0..40)) {
            let mut from = S::Draft;
            for (action, to) in walk(track, &choices) {
                prop_assert!(TRANSITIONS.contains(&(from, action, to)), "{from:?} --{action:?}--> {to:?}");
                if !track.exam {
                    prop_assert!(!matches!(to, S::ApprovedForExam | S::ExamScheduled | S::ExamPassed | S::ExamFailed));
                }
                if !track.emerging {
                    prop_assert_ne!(to, S::Emerging);
                }
                from = to;
            }
        }

        #[test]
        fn every_path_to_endorsed_passes_through_review_and_the_exam_where_required(
            track in any_track(),
            choices in proptest::collection::vec(0usize..16, 0..40),
        ) {
            let path = walk(track, &choices);
            if let Some(at) = path.iter().position(|(_, s)| *s == S::Endorsed) {
                let before = &path[..at];
                prop_assert!(before.iter().any(|(_, s)| *s == S::UnderReview));
                if track.exam {
                    prop_assert_eq!(path[at - 1].1, S::ExamPassed);
                }
            }
        }

        #[test]
        fn closed_applications_stay_closed(track in any_track(), choices in proptest::collection::vec(0usize..16, 0..40)) {
            let path = walk(track, &choices);
            if let Some(at) = path.iter().position(|(_, s)| !s.is_open()) {
                prop_assert_eq!(at + 1, path.len(), "nothing follows a closed status");
            }
        }
    }

    #[test]
    fn every_status_is_reachable_on_some_track() {
        for status in ApplicationStatus::ALL {
            let reachable =
                status == S::Draft || TRANSITIONS.iter().any(|(_, _, to)| *to == status);
            assert!(reachable, "{status:?}");
        }
    }

    #[test]
    fn an_illegal_action_names_the_current_status() {
        let refusal = apply(S::Draft, Action::Endorse, Role::Admin, Track::default()).unwrap_err();
        assert_eq!(
            refusal.describe(),
            "The application is at \u{201c}Draft\u{201d}; \u{201c}Endorse\u{201d} is not possible now."
        );
        let not_yours = apply(
            S::Submitted,
            Action::StartReview,
            Role::Applicant,
            Track::default(),
        )
        .unwrap_err();
        assert!(not_yours
            .describe()
            .say(crate::i18n::Lang::En)
            .starts_with("Only an admin"));
    }

    #[test]
    fn with_an_exam_review_leads_to_the_exam_not_to_the_award() {
        let exam = Track {
            exam: true,
            emerging: false,
        };
        assert_eq!(next(S::UnderReview, Action::Endorse, exam), None);
        assert_eq!(
            next(S::UnderReview, Action::ApproveForExam, exam),
            Some(S::ApprovedForExam)
        );
        assert_eq!(
            next(S::ExamPassed, Action::Endorse, exam),
            Some(S::Endorsed)
        );
        assert_eq!(
            next(S::UnderReview, Action::ApproveForExam, Track::default()),
            None
        );
        assert_eq!(
            allowed(S::UnderReview, Role::Admin, exam),
            [
                Action::PutOnHold,
                Action::ApproveForExam,
                Action::Defer,
                Action::NotEndorse
            ]
        );
    }

    #[test]
    fn withdrawal_matches_the_graph() {
        for status in ApplicationStatus::ALL {
            assert_eq!(
                status.can_withdraw(),
                next(status, Action::Withdraw, Track::default()).is_some(),
                "{status:?}"
            );
        }
    }

    #[test]
    fn decisions_need_a_reason() {
        let request = TransitionRequest {
            action: Action::Defer,
            reason: Some("  ".into()),
        };
        assert!(request.checked_reason().unwrap_err().contains_key("reason"));
        let request = TransitionRequest {
            action: Action::StartReview,
            reason: None,
        };
        assert_eq!(request.checked_reason(), Ok(None));
    }

    #[test]
    fn names_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
            let json = serde_json::to_value(action).unwrap();
            assert_eq!(json.as_str(), Some(action.as_str()));
        }
    }
}
