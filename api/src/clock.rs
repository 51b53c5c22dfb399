//! The time, as the server sees it. Handlers and the mail worker ask the
//! [`Clock`] in the application state instead of the system, so tests can move
//! time forward (link expiry, reminders, a rating's validity) without sleeping.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use std::sync::{Arc, Mutex, PoisonError};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// Now, to the microsecond (what both databases keep).
    fn now(&self) -> DateTime<Utc>;

    /// Now, as stored in the database.
    fn now_naive(&self) -> NaiveDateTime {
        self.now().naive_utc()
    }

    // No `today()`: a day is an association's (`crate::calendar::Calendar`),
    // never the clock's.
}

/// The system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
    }
}

/// A clock that stands still until told to move. For tests.
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    /// A clock showing `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(start.trunc_subsecs(6))))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(chrono::Duration::days(30));
        assert_eq!(
            clock.now().date_naive(),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
        );
    }
}
