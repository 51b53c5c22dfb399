//! Days, as an association counts them. Instants are stored and compared in
//! UTC; a day (a due date, the day a rating was given, "valid through", the
//! day the schedule runs for) is the association's, in its time zone. Every
//! conversion between the two goes through a [`Calendar`], never through
//! `date_naive()`, which would give the day in Greenwich.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// An association's time zone, and the days it makes of instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calendar {
    zone: Tz,
}

impl Default for Calendar {
    fn default() -> Self {
        Self::utc()
    }
}

impl Calendar {
    /// The calendar of the IANA zone `name`. Zones are checked where they
    /// come in (settings, an association's set-up); one that no longer
    /// parses counts in UTC rather than failing a request.
    pub fn new(name: &str) -> Self {
        match name.parse::<Tz>() {
            Ok(zone) => Self { zone },
            Err(_) => {
                tracing::warn!(zone = name, "unknown time zone; counting days in UTC");
                Self::utc()
            }
        }
    }

    /// Days in UTC.
    pub fn utc() -> Self {
        Self { zone: Tz::UTC }
    }

    /// The zone's IANA name.
    pub fn zone_name(&self) -> &'static str {
        self.zone.name()
    }

    /// The day `at` falls on, here.
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.zone).date_naive()
    }

    /// The year `at` falls in, here (endorsement numbers carry it).
    pub fn year_of(&self, at: DateTime<Utc>) -> i32 {
        self.day_of(at).year()
    }

    /// The first instant of `day`, here. Where a clock change skips
    /// midnight, the first instant that exists.
    pub fn start_of(&self, day: NaiveDate) -> DateTime<Utc> {
        self.at(day, NaiveTime::MIN)
    }

    /// The last second of `day`, here (23:59:59): until when something
    /// "valid through" that day holds.
    pub fn end_of(&self, day: NaiveDate) -> DateTime<Utc> {
        match day.succ_opt() {
            Some(next) => self.start_of(next) - chrono::Duration::seconds(1),
            None => self.at(
                day,
                NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
            ),
        }
    }

    /// `time` on `day`, here; in a gap of a clock change, the first instant
    /// after it; in an overlap, the earlier.
    fn at(&self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let local = day.and_time(time);
        let mut probe = local;
        // A gap lasts at most a few hours: step forward until time exists.
        for _ in 0..(24 * 4) {
            if let Some(found) = self.zone.from_local_datetime(&probe).earliest() {
                return found.with_timezone(&Utc);
            }
            probe += chrono::Duration::minutes(15);
        }
        local.and_utc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|at| at.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn an_evening_in_detroit_is_still_that_day_there() {
        let detroit = Calendar::new("America/Detroit");
        // 03:30 UTC on 1 January is 22:30 on 31 December in Detroit.
        let at = utc("2027-01-01T03:30:00Z");
        assert_eq!(detroit.day_of(at), day(2026, 12, 31));
        assert_eq!(detroit.year_of(at), 2026);
        assert_eq!(Calendar::utc().day_of(at), day(2027, 1, 1));
        // Sydney is already on the 1st at 20:00 UTC on 31 December.
        let sydney = Calendar::new("Australia/Sydney");
        assert_eq!(sydney.day_of(utc("2026-12-31T20:00:00Z")), day(2027, 1, 1));
    }

    #[test]
    fn a_day_starts_and_ends_at_local_midnight() {
        let detroit = Calendar::new("America/Detroit");
        assert_eq!(
            detroit.start_of(day(2027, 1, 15)),
            utc("2027-01-15T05:00:00Z")
        );
        assert_eq!(
            detroit.end_of(day(2027, 12, 31)),
            utc("2028-01-01T04:59:59Z")
        );
        // Summer time: four hours behind.
        assert_eq!(detroit.end_of(day(2027, 7, 4)), utc("2027-07-05T03:59:59Z"));
        assert_eq!(
            Calendar::utc().end_of(day(2027, 12, 31)),
            utc("2027-12-31T23:59:59Z")
        );
    }

    #[test]
    fn a_midnight_that_a_clock_change_skips_starts_at_the_first_real_instant() {
        // Santiago moved its clocks from 00:00 to 01:00 on 8 September 2024.
        let santiago = Calendar::new("America/Santiago");
        let start = santiago.start_of(day(2024, 9, 8));
        assert_eq!(santiago.day_of(start), day(2024, 9, 8));
        assert_eq!(start, utc("2024-09-08T04:00:00Z"));
        // The day before ends one second before it.
        assert_eq!(
            santiago.end_of(day(2024, 9, 7)),
            start - chrono::Duration::seconds(1)
        );
    }

    #[test]
    fn an_unknown_zone_counts_in_utc() {
        assert_eq!(Calendar::new("Mars/Olympus"), Calendar::utc());
        assert_eq!(
            Calendar::new("America/Detroit").zone_name(),
            "America/Detroit"
        );
    }
}
