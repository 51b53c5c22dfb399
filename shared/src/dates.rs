//! How dates read to people: one format for the whole product, used by the
//! server (certificates, e-mail) and the app (registry, verify page), so a
//! date never reads two ways. Issue 14 gives it a second language.

use chrono::{DateTime, NaiveDate, Utc};

/// A day in words: `31 December 2027`.
pub fn long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The day of a moment (in UTC), in words.
pub fn long_day(at: DateTime<Utc>) -> String {
    long(at.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_in_words() {
        let day = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap_or_default();
        assert_eq!(long(day), "31 December 2027");
        let first = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default();
        assert_eq!(long(first), "1 January 2027");
    }
}
