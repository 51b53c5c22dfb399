//! Renewal and reinstatement: when renewal opens, which reminder is due,
//! when a missed renewal lapses, and what crosses the wire. The requirements
//! themselves are weighed by the eligibility engine
//! ([`crate::eligibility::evaluate_renewal`]).

use crate::eligibility::EligibilityReport;
use crate::ids::UserId;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Renewing endorsements in good standing, or reinstating lapsed ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RenewalKind {
    /// The yearly renewal.
    Renewal,
    /// Coming back after a lapse.
    Reinstatement,
}

impl RenewalKind {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            RenewalKind::Renewal => "renewal",
            RenewalKind::Reinstatement => "reinstatement",
        }
    }

    /// The kind stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        [RenewalKind::Renewal, RenewalKind::Reinstatement]
            .into_iter()
            .find(|k| k.as_str() == raw)
    }

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            RenewalKind::Renewal => "Renewal",
            RenewalKind::Reinstatement => "Reinstatement",
        }
    }
}

/// Where a submitted renewal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RenewalStatus {
    /// Waiting for an admin.
    Submitted,
    /// Approved: the endorsements run another cycle.
    Approved,
    /// Sent back with a reason; the holder may submit again.
    Returned,
}

impl RenewalStatus {
    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            RenewalStatus::Submitted => "submitted",
            RenewalStatus::Approved => "approved",
            RenewalStatus::Returned => "returned",
        }
    }

    /// The status stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        [
            RenewalStatus::Submitted,
            RenewalStatus::Approved,
            RenewalStatus::Returned,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            RenewalStatus::Submitted => "Submitted",
            RenewalStatus::Approved => "Approved",
            RenewalStatus::Returned => "Returned",
        }
    }
}

/// The day renewal opens for an endorsement due on `due`.
pub fn opens_on(due: NaiveDate, opens_days_before: u32) -> NaiveDate {
    due - Duration::days(i64::from(opens_days_before))
}

/// The last day a missed renewal may still be made; the day after, the
/// endorsement lapses.
pub fn last_day(due: NaiveDate, grace_days: u32) -> NaiveDate {
    due + Duration::days(i64::from(grace_days))
}

/// The reminder due on `today` for a renewal due on `due`: the most urgent of
/// the thresholds (days before the due date) already reached, so a worker
/// that was down sends the one that matters now, not every one it missed.
/// None before the first threshold and after the due date.
pub fn reminder_due(today: NaiveDate, due: NaiveDate, thresholds: &[u32]) -> Option<u32> {
    let days_left = (due - today).num_days();
    if days_left < 0 {
        return None;
    }
    thresholds
        .iter()
        .copied()
        .filter(|t| i64::from(*t) >= days_left)
        .min()
}

/// A renewal as submitted, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenewalRecord {
    /// Its id.
    pub id: uuid::Uuid,
    /// The holder.
    pub holder: UserId,
    /// The holder's name.
    pub holder_name: String,
    /// Renewal or reinstatement.
    pub kind: RenewalKind,
    /// The endorsement numbers it covers.
    pub numbers: Vec<String>,
    /// Whether the holder declared providing RSC.
    pub provides_rsc: bool,
    /// The engine's report when it was submitted.
    pub report: EligibilityReport,
    /// Where it stands.
    pub status: RenewalStatus,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// Why it was returned (or a note on approval).
    pub reason: Option<String>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// What a holder may do about renewal now (`GET /api/v1/me/renewal`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenewalOverview {
    /// Renewal, or reinstatement for lapsed endorsements; none when the
    /// holder has nothing to renew yet.
    pub kind: Option<RenewalKind>,
    /// The endorsement numbers it would cover.
    pub covers: Vec<String>,
    /// The due date of the endorsements covered (renewal).
    pub due: Option<NaiveDate>,
    /// The last day before they lapse (renewal).
    pub last_day: Option<NaiveDate>,
    /// When renewal opens, if it is not open yet.
    pub opens_on: Option<NaiveDate>,
    /// The engine's report on the portfolio now, while one may be submitted.
    pub report: Option<EligibilityReport>,
    /// Whether the holder declared providing RSC the last time (the default
    /// for the form).
    pub provides_rsc: bool,
    /// A submitted renewal waiting for the association.
    pub pending: Option<RenewalRecord>,
    /// The newest decided one.
    pub last: Option<RenewalRecord>,
}

/// Submitting a renewal (or reinstatement).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitRenewalRequest {
    /// Whether the holder provides reflective supervision/consultation (they
    /// then need training hours on providing it).
    pub provides_rsc: bool,
}

/// An admin's decision on a renewal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenewalDecisionRequest {
    /// Approve, or return to the holder.
    pub approve: bool,
    /// Why (required to return; kept in the audit log).
    #[serde(default)]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    #[test]
    fn the_most_urgent_reminder_reached_is_the_one_due() {
        let due = day(12, 31);
        let t = [60, 30, 7, 0];
        assert_eq!(reminder_due(day(10, 31), due, &t), None, "61 days before");
        assert_eq!(reminder_due(day(11, 1), due, &t), Some(60));
        assert_eq!(reminder_due(day(11, 2), due, &t), Some(60));
        assert_eq!(reminder_due(day(12, 1), due, &t), Some(30));
        assert_eq!(reminder_due(day(12, 24), due, &t), Some(7));
        assert_eq!(reminder_due(day(12, 25), due, &t), Some(7));
        assert_eq!(reminder_due(day(12, 31), due, &t), Some(0));
        assert_eq!(
            reminder_due(
                NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default(),
                due,
                &t
            ),
            None
        );
    }

    #[test]
    fn renewal_opens_and_lapses_around_the_due_date() {
        assert_eq!(opens_on(day(12, 31), 90), day(10, 2));
        assert_eq!(
            last_day(day(12, 31), 30),
            NaiveDate::from_ymd_opt(2027, 1, 30).unwrap_or_default()
        );
    }
}

crate::texts!(RenewalStatus {
    Submitted => "renewal-status-submitted",
    Approved => "renewal-status-approved",
    Returned => "renewal-status-returned",
});

crate::texts!(RenewalKind {
    Renewal => "renewal-kind-renewal",
    Reinstatement => "renewal-kind-reinstatement",
});
