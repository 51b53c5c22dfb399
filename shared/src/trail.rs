//! The association's one audit trail: every application's log and the
//! association's own (accounts, settings, rulebooks, keys, endorsements no
//! application earned, exports), read together, newest first.

use crate::applications::ApplicationStatus;
use crate::UserId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// What an event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrailKind {
    /// An application (its steps, reviews, exam, references, decision).
    Application,
    /// An account.
    User,
    /// An endorsement no application here earned (recognised, imported).
    Endorsement,
    /// A rulebook version.
    Rulebook,
    /// A credential signing key.
    Key,
    /// A download of the association's records.
    Export,
    /// The association's settings and support access.
    Association,
    /// A fee paid or waived (about the person whose fee it is).
    Payment,
    /// An import of the association's earlier records.
    Import,
}

impl TrailKind {
    /// Every kind, in the order the filter offers them.
    pub const ALL: [TrailKind; 9] = [
        TrailKind::Application,
        TrailKind::User,
        TrailKind::Endorsement,
        TrailKind::Rulebook,
        TrailKind::Key,
        TrailKind::Export,
        TrailKind::Association,
        TrailKind::Payment,
        TrailKind::Import,
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            TrailKind::Application => "application",
            TrailKind::User => "user",
            TrailKind::Endorsement => "endorsement",
            TrailKind::Rulebook => "rulebook",
            TrailKind::Key => "key",
            TrailKind::Export => "export",
            TrailKind::Association => "association",
            TrailKind::Payment => "payment",
            TrailKind::Import => "import",
        }
    }

    /// The kind a stored name stands for.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }
}

crate::texts!(TrailKind {
    Application => "trail-kind-application",
    User => "trail-kind-user",
    Endorsement => "trail-kind-endorsement",
    Rulebook => "trail-kind-rulebook",
    Key => "trail-kind-key",
    Export => "trail-kind-export",
    Association => "trail-kind-association",
    Payment => "trail-kind-payment",
    Import => "trail-kind-import",
});

/// The schedule, as the trail's filter names it.
pub const SCHEDULE_ACTOR: &str = "schedule";

/// The schedule, as the log records its name where it acted.
pub const SCHEDULE_NAME: &str = "Endorse (the schedule)";

/// Query of the trail (`GET /api/v1/audit`, and its CSV).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TrailQuery {
    /// Only what this account did, or `schedule` for what the schedule did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 64))]
    pub actor: Option<String>,
    /// Only events about this: an application's or an account's id, an
    /// endorsement's number, a rulebook version's number, a key's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 64))]
    pub subject: Option<String>,
    /// Only events about this kind of thing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TrailKind>,
    /// Only this action (`account_disabled`, `submit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 64))]
    pub action: Option<String>,
    /// On or after this day (the association's days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// On or before this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Older than this event (the `next` of the page before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 100))]
    pub before: Option<String>,
    /// Events per page, 1 to 200 (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 200))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
}

impl TrailQuery {
    /// The page size asked for, 50 when none was.
    pub fn limit(&self) -> u32 {
        self.limit.unwrap_or(50)
    }
}

/// One event of the trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrailEvent {
    /// Its id (the `before` of the next page, with its time).
    pub id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Who, if a person (none: the schedule, or an account since erased).
    pub actor_id: Option<UserId>,
    /// Their name as recorded (the schedule names itself).
    pub actor: String,
    /// From which address.
    pub ip: Option<String>,
    /// What, as a code.
    pub action: String,
    /// What it is about.
    pub subject_kind: Option<TrailKind>,
    /// Which one.
    pub subject_id: Option<String>,
    /// For a step of an application: the status before.
    pub from_status: Option<ApplicationStatus>,
    /// And after.
    pub to_status: Option<ApplicationStatus>,
    /// Why, when one was given.
    pub reason: Option<String>,
    /// What, in the words it was recorded with.
    pub details: String,
}

/// One page of the trail, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrailPage {
    /// The events.
    pub events: Vec<TrailEvent>,
    /// Where the next page starts (its `before`), when there is one.
    pub next: Option<String>,
}

/// The words of an action recorded in the association's log, in the
/// catalog (none for one the reader sees in its recorded words).
pub fn action_text(action: &str) -> Option<crate::i18n::Text> {
    let key = match action {
        "account_created" => "trail-account-created",
        "account_disabled" => "trail-account-disabled",
        "account_enabled" => "trail-account-enabled",
        "account_erased" => "trail-account-erased",
        "name_changed" => "trail-name-changed",
        "email_changed" => "trail-email-changed",
        "email_confirmed" => "trail-email-confirmed",
        "role_changed" => "trail-role-changed",
        "reset_sent" => "trail-reset-sent",
        "mfa_enrolled" => "trail-mfa-enrolled",
        "mfa_reset" => "trail-mfa-reset",
        "mfa_turned_off" => "trail-mfa-turned-off",
        "recovery_code_used" => "trail-recovery-code-used",
        "recovery_codes_renewed" => "trail-recovery-codes-renewed",
        "membership_verified" => "trail-membership-verified",
        "provider_vetted" => "trail-provider-vetted",
        "reviewer_profile_changed" => "trail-reviewer-profile-changed",
        "rulebook_published" => "trail-rulebook-published",
        "key_rotated" => "trail-key-rotated",
        "export_downloaded" => "trail-export-downloaded",
        "settings_changed" => "trail-settings-changed",
        "support_granted" => "trail-support-granted",
        "support_revoked" => "trail-support-revoked",
        "support_session" => "trail-support-session",
        "mail_retried" => "trail-mail-retried",
        "data_downloaded" => "trail-data-downloaded",
        "association_created" => "trail-association-created",
        "payment_recorded" => "trail-payment-recorded",
        "fee_waived" => "trail-fee-waived",
        "payment_online" => "trail-payment-online",
        "payment_refused" => "trail-payment-refused",
        "payment_duplicate" => "trail-payment-duplicate",
        _ => return None,
    };
    Some(crate::i18n::Text::new(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_their_names() {
        for kind in TrailKind::ALL {
            assert_eq!(TrailKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(TrailKind::parse("nothing"), None);
    }
}
