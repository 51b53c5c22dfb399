//! What a holder may renew today: every endorsement whose renewal window is
//! open, or else the lapsed ones to reinstate. The holder's renewal page, its
//! submission and the renewal and reinstatement fees all read this plan.

use crate::calendar::Calendar;
use crate::db::endorsements::Endorsement;
use chrono::NaiveDate;
use endorse_shared::eligibility::RenewalCase;
use endorse_shared::endorsements::EndorsementStatus;
use endorse_shared::renewal::{opens_on, RenewalKind};
use endorse_shared::rulebook::Rulebook;

/// What a holder may renew today, and the engine's input for it.
pub struct Plan {
    /// Renewal or reinstatement and its terms; none when nothing is open.
    pub case: Option<RenewalCase>,
    /// The endorsements it covers.
    pub covers: Vec<Endorsement>,
    /// The due date they renew (renewal).
    pub due: Option<NaiveDate>,
    /// When renewal opens, while nothing is open.
    pub opens_on: Option<NaiveDate>,
    /// The day the hours count from.
    pub since: NaiveDate,
}

impl Plan {
    /// Renewal or reinstatement, if either is open.
    pub fn kind(&self) -> Option<RenewalKind> {
        self.case.as_ref().map(RenewalCase::kind)
    }
}

/// Renewal when any endorsement in good standing has its window open
/// (covering every such one: hours count once); otherwise reinstatement of
/// lapsed ones; otherwise nothing yet, with the day renewal opens.
pub fn plan(
    mine: Vec<Endorsement>,
    rulebook: &Rulebook,
    today: NaiveDate,
    calendar: Calendar,
) -> Plan {
    let policy = &rulebook.renewal;
    let (open, rest): (Vec<Endorsement>, Vec<Endorsement>) = mine.into_iter().partition(|e| {
        e.status.in_good_standing() && today >= opens_on(e.renewal_due, policy.opens_days_before)
    });
    if !open.is_empty() {
        let since = open
            .iter()
            .map(|e| calendar.day_of(e.renewed_at.unwrap_or(e.awarded_at)))
            .min()
            .unwrap_or(today);
        let due = open.iter().map(|e| e.renewal_due).min();
        // The first renewal after the award closes the first cycle (the first
        // due date is a full cycle after the award): no training hours due.
        let first_year = open.iter().all(|e| e.renewed_at.is_none());
        return Plan {
            case: Some(RenewalCase::Renewal { first_year }),
            covers: open,
            due,
            opens_on: None,
            since,
        };
    }
    let lapsed: Vec<Endorsement> = rest
        .iter()
        .filter(|e| e.status == EndorsementStatus::Lapsed)
        .cloned()
        .collect();
    if !lapsed.is_empty() {
        let lapsed_on = lapsed
            .iter()
            .filter_map(|e| e.lapsed_at)
            .map(|at| calendar.day_of(at))
            .min()
            .unwrap_or(today);
        return Plan {
            case: Some(RenewalCase::Reinstatement { lapsed_on }),
            covers: lapsed,
            due: None,
            opens_on: None,
            since: lapsed_on,
        };
    }
    Plan {
        case: None,
        covers: Vec::new(),
        due: None,
        opens_on: rest
            .iter()
            .filter(|e| e.status.in_good_standing())
            .map(|e| opens_on(e.renewal_due, policy.opens_days_before))
            .min(),
        since: today,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn endorsement(number: &str, status: EndorsementStatus, due: NaiveDate) -> Endorsement {
        Endorsement {
            id: number.into(),
            number: number.into(),
            holder: endorse_shared::UserId::from_uuid(uuid::Uuid::nil()),
            holder_name: "Ada".into(),
            holder_email: "ada@example.org".into(),
            application: Some(endorse_shared::ApplicationId::from_uuid(uuid::Uuid::nil())),
            origin: endorse_shared::endorsements::EndorsementOrigin::Application,
            category: number.split('-').nth(1).unwrap_or_default().into(),
            awarded_at: (due - Duration::days(200))
                .and_hms_opt(9, 0, 0)
                .unwrap_or_default()
                .and_utc(),
            renewal_due: due,
            status,
            listed: false,
            version: 1,
            status_index: None,
            verify_code: None,
            renewed_at: None,
            lapsed_at: None,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn renewal_covers_every_endorsement_due_and_opens_90_days_before() {
        let rulebook = Rulebook::default_rulebook().unwrap_or_else(|_| unreachable!());
        let due = day(2026, 12, 31);
        let mine = || {
            vec![
                endorsement("AL-IFS-2026-0001", EndorsementStatus::Active, due),
                endorsement("AL-IMHS-2026-0001", EndorsementStatus::RenewalDue, due),
            ]
        };
        let early = plan(mine(), &rulebook, day(2026, 10, 1), Calendar::utc());
        assert_eq!(early.kind(), None);
        assert_eq!(early.opens_on, Some(day(2026, 10, 2)));
        let open = plan(mine(), &rulebook, day(2026, 10, 2), Calendar::utc());
        assert_eq!(open.kind(), Some(RenewalKind::Renewal));
        assert_eq!(open.covers.len(), 2);
        assert_eq!(open.case, Some(RenewalCase::Renewal { first_year: true }));
        let lapsed = plan(
            vec![endorsement(
                "AL-IFS-2026-0001",
                EndorsementStatus::Lapsed,
                due,
            )],
            &rulebook,
            day(2027, 3, 1),
            Calendar::utc(),
        );
        assert_eq!(lapsed.kind(), Some(RenewalKind::Reinstatement));
    }
}
