//! The outbox as admins see it: every e-mail Endorse queued, where it stands and
//! each delivery attempt.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

/// What an e-mail is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    /// A referee's request, with the secret link.
    ReferenceRequest,
    /// A reminder to a referee before the link expires.
    ReferenceReminder,
    /// To the applicant: a rating arrived.
    RatingReceived,
    /// To the applicant: a referee declined.
    ReferenceDeclined,
    /// To the applicant: the association decided on the application.
    Decision,
    /// To a reviewer: an application was assigned to them.
    ReviewAssigned,
    /// To a reviewer: a review is due soon, or late.
    ReviewReminder,
    /// To the applicant: a reviewer asks for more information.
    InformationRequested,
    /// To a holder: renewal is due.
    RenewalReminder,
    /// To a holder: the association decided on a renewal or reinstatement.
    RenewalDecision,
    /// To a holder: the endorsement lapsed.
    Lapsed,
    /// To a holder: the association decided whether it recognises another
    /// association's endorsement.
    RecognitionDecision,
    /// To a person who asked: a link to choose a new password.
    PasswordReset,
    /// To a new address: a link to confirm it.
    EmailConfirm,
    /// To the address an account used to have: it changed.
    EmailChanged,
    /// To an admin, once a day when something waits: what waits on them.
    AdminDigest,
    /// To a person an import brought in: a link to claim the account (choose
    /// its password).
    AccountClaim,
}

impl MailKind {
    /// Every kind.
    pub const ALL: [MailKind; 17] = [
        MailKind::ReferenceRequest,
        MailKind::ReferenceReminder,
        MailKind::RatingReceived,
        MailKind::ReferenceDeclined,
        MailKind::Decision,
        MailKind::ReviewAssigned,
        MailKind::ReviewReminder,
        MailKind::InformationRequested,
        MailKind::RenewalReminder,
        MailKind::RenewalDecision,
        MailKind::Lapsed,
        MailKind::RecognitionDecision,
        MailKind::PasswordReset,
        MailKind::EmailConfirm,
        MailKind::EmailChanged,
        MailKind::AdminDigest,
        MailKind::AccountClaim,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            MailKind::ReferenceRequest => "reference_request",
            MailKind::ReferenceReminder => "reference_reminder",
            MailKind::RatingReceived => "rating_received",
            MailKind::ReferenceDeclined => "reference_declined",
            MailKind::Decision => "decision",
            MailKind::ReviewAssigned => "review_assigned",
            MailKind::ReviewReminder => "review_reminder",
            MailKind::InformationRequested => "information_requested",
            MailKind::RenewalReminder => "renewal_reminder",
            MailKind::RenewalDecision => "renewal_decision",
            MailKind::Lapsed => "lapsed",
            MailKind::RecognitionDecision => "recognition_decision",
            MailKind::PasswordReset => "password_reset",
            MailKind::EmailConfirm => "email_confirm",
            MailKind::EmailChanged => "email_changed",
            MailKind::AdminDigest => "admin_digest",
            MailKind::AccountClaim => "account_claim",
        }
    }

    /// The kind stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Whether the message carries a secret link (a referee's, one to
    /// choose a new password or one to confirm an address), made only at
    /// delivery.
    pub const fn carries_link(self) -> bool {
        matches!(
            self,
            MailKind::ReferenceRequest
                | MailKind::ReferenceReminder
                | MailKind::PasswordReset
                | MailKind::EmailConfirm
                | MailKind::AccountClaim
        )
    }
}

impl MailKind {
    /// Whether the message matters enough that a person who has not
    /// confirmed their address is asked, in it, to confirm it: news about
    /// their references, application, exam and endorsement.
    pub const fn asks_confirmed_address(self) -> bool {
        matches!(
            self,
            MailKind::RatingReceived
                | MailKind::ReferenceDeclined
                | MailKind::Decision
                | MailKind::InformationRequested
                | MailKind::RenewalReminder
                | MailKind::RenewalDecision
                | MailKind::Lapsed
                | MailKind::RecognitionDecision
        )
    }
}

crate::texts!(MailKind {
    ReferenceRequest => "mail-kind-reference-request",
    ReferenceReminder => "mail-kind-reference-reminder",
    RatingReceived => "mail-kind-rating-received",
    ReferenceDeclined => "mail-kind-reference-declined",
    Decision => "mail-kind-decision",
    ReviewAssigned => "mail-kind-review-assigned",
    ReviewReminder => "mail-kind-review-reminder",
    InformationRequested => "mail-kind-information-requested",
    RenewalReminder => "mail-kind-renewal-reminder",
    RenewalDecision => "mail-kind-renewal-decision",
    Lapsed => "mail-kind-lapsed",
    RecognitionDecision => "mail-kind-recognition-decision",
    PasswordReset => "mail-kind-password-reset",
    EmailConfirm => "mail-kind-email-confirm",
    EmailChanged => "mail-kind-email-changed",
    AdminDigest => "mail-kind-admin-digest",
    AccountClaim => "mail-kind-account-claim",
});

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting for its first or next attempt.
    Pending,
    /// Delivered to the mail server (or, without one, to the log).
    Sent,
    /// Given up.
    Failed,
    /// Not sent because it no longer applied (the request was cancelled or answered).
    Skipped,
}

impl MailStatus {
    /// Every status.
    pub const ALL: [MailStatus; 4] = [
        MailStatus::Pending,
        MailStatus::Sent,
        MailStatus::Failed,
        MailStatus::Skipped,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
            MailStatus::Skipped => "skipped",
        }
    }

    /// The status stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            MailStatus::Pending => "Waiting",
            MailStatus::Sent => "Sent",
            MailStatus::Failed => "Failed",
            MailStatus::Skipped => "Not sent",
        }
    }
}

/// One message in the outbox list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailSummary {
    /// Its id.
    pub id: Uuid,
    /// What it is for.
    pub kind: MailKind,
    /// The recipient.
    pub to_address: String,
    /// The recipient's name.
    pub to_name: String,
    /// Subject.
    pub subject: String,
    /// Where it stands.
    pub status: MailStatus,
    /// Attempts made.
    pub attempts: u32,
    /// When the next attempt is due (while waiting).
    pub next_attempt_at: DateTime<Utc>,
    /// The last failure, or why it was not sent.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was delivered.
    pub sent_at: Option<DateTime<Utc>>,
}

/// One delivery attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailAttempt {
    /// When.
    pub attempted_at: DateTime<Utc>,
    /// `smtp` or `log`.
    pub transport: String,
    /// Whether it was delivered.
    pub ok: bool,
    /// What went wrong.
    pub error: Option<String>,
}

/// A message with its bodies and attempts. A referee's secret link shows as
/// `{referee_link}`: it is made at delivery and never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailMessage {
    /// The summary.
    pub summary: MailSummary,
    /// The plain-text body.
    pub body_text: String,
    /// The HTML body.
    pub body_html: String,
    /// Every attempt, oldest first.
    pub attempts: Vec<MailAttempt>,
}

/// Query of the outbox list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct OutboxQuery {
    /// Only this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MailStatus>,
    /// Only to this address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 254))]
    #[cfg_attr(feature = "openapi", param(max_length = 254))]
    pub to: Option<String>,
    /// The page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1_000_000))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 1000000))]
    pub page: Option<u32>,
    /// Per page, 1 to 100 (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub per_page: Option<u32>,
}

impl OutboxQuery {
    /// The page asked for.
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1)
    }

    /// The page size, as a row count.
    pub fn per_page(&self) -> i64 {
        i64::from(self.per_page.unwrap_or(25))
    }

    /// Rows to skip.
    pub fn offset(&self) -> i64 {
        i64::from(self.page().saturating_sub(1)) * self.per_page()
    }
}

/// One page of the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxPage {
    /// The messages, newest first.
    pub items: Vec<MailSummary>,
    /// How many match, over all pages.
    pub total: u64,
    /// This page.
    pub page: u32,
    /// The page size.
    pub per_page: u32,
}

crate::texts!(MailStatus {
    Pending => "mail-status-pending",
    Sent => "mail-status-sent",
    Failed => "mail-status-failed",
    Skipped => "mail-status-skipped",
});
