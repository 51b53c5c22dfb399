//! How dates, times, numbers and hours read, one way per language, for the
//! server (certificates, mail) and the app alike. Nothing else in Endorse
//! formats a date for a person. The day given is already the association's
//! day (see the API's `Calendar`); this module knows no time zones.

use super::Lang;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn month(day: NaiveDate, lang: Lang) -> &'static str {
    let index = day.month0() as usize % 12;
    match lang {
        Lang::En => MONTHS_EN[index],
        Lang::Es => MONTHS_ES[index],
    }
}

/// A day in words: `December 31, 2027`, `31 de diciembre de 2027`.
pub fn date(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {}, {}", month(day, lang), day.day(), day.year()),
        Lang::Es => format!("{} de {} de {}", day.day(), month(day, lang), day.year()),
    }
}

/// A month in words: `December 2027`, `diciembre de 2027`.
pub fn month_year(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {}", month(day, lang), day.year()),
        Lang::Es => format!("{} de {}", month(day, lang), day.year()),
    }
}

/// A day, short, for tables: `Dec 31, 2027`, `31 dic 2027`.
pub fn date_short(day: NaiveDate, lang: Lang) -> String {
    let name: String = month(day, lang).chars().take(3).collect();
    match lang {
        Lang::En => format!("{name} {}, {}", day.day(), day.year()),
        Lang::Es => format!("{} {name} {}", day.day(), day.year()),
    }
}

/// The day of a moment in UTC, in words (for moments whose day is the same
/// everywhere that matters, such as a credential's issue day).
pub fn day_of(at: DateTime<Utc>, lang: Lang) -> String {
    date(at.date_naive(), lang)
}

/// A time of day: `3:05 PM`, `3:05 p. m.`.
pub fn time(at: NaiveDateTime, lang: Lang) -> String {
    let (pm, hour) = at.hour12();
    let marker = match (lang, pm) {
        (Lang::En, false) => "AM",
        (Lang::En, true) => "PM",
        (Lang::Es, false) => "a. m.",
        (Lang::Es, true) => "p. m.",
    };
    format!("{hour}:{:02} {marker}", at.minute())
}

/// A day and a time: `December 31, 2027, 3:05 PM`, `31 de diciembre de 2027, 3:05 p. m.`.
pub fn date_time(at: NaiveDateTime, lang: Lang) -> String {
    format!("{}, {}", date(at.date(), lang), time(at, lang))
}

/// A number as the language writes it in the United States: `1,234.5`
/// (both languages group by commas and use a decimal point there), at
/// most two decimals, none when whole.
pub fn number(value: f64, _lang: Lang) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let hundredths = (value.abs() * 100.0).round() as u64;
    let whole = hundredths / 100;
    let fraction = hundredths % 100;
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if value < 0.0 && hundredths > 0 {
        grouped.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        0 => {}
        f if f % 10 == 0 => grouped.push_str(&format!(".{}", f / 10)),
        f => grouped.push_str(&format!(".{f:02}")),
    }
    grouped
}

/// Hours as a figure: `18`, `18.25`, `1,200.5`.
pub fn hours(hours: crate::hours::Hours, lang: Lang) -> String {
    number(hours.as_f64(), lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn days_read_one_way_per_language() {
        assert_eq!(date(day(2027, 12, 31), Lang::En), "December 31, 2027");
        assert_eq!(date(day(2027, 12, 31), Lang::Es), "31 de diciembre de 2027");
        assert_eq!(date(day(2027, 1, 1), Lang::Es), "1 de enero de 2027");
        assert_eq!(date_short(day(2027, 9, 3), Lang::En), "Sep 3, 2027");
        assert_eq!(date_short(day(2027, 9, 3), Lang::Es), "3 sep 2027");
    }

    #[test]
    fn times_read_as_the_language_says_them() {
        let at = day(2027, 3, 4).and_hms_opt(15, 5, 0).unwrap_or_default();
        assert_eq!(time(at, Lang::En), "3:05 PM");
        assert_eq!(time(at, Lang::Es), "3:05 p. m.");
        let midnight = day(2027, 3, 4).and_hms_opt(0, 30, 0).unwrap_or_default();
        assert_eq!(time(midnight, Lang::En), "12:30 AM");
        assert_eq!(date_time(at, Lang::En), "March 4, 2027, 3:05 PM");
    }

    #[test]
    fn numbers_group_thousands_and_drop_needless_decimals() {
        assert_eq!(number(0.0, Lang::En), "0");
        assert_eq!(number(18.25, Lang::Es), "18.25");
        assert_eq!(number(18.5, Lang::En), "18.5");
        assert_eq!(number(1234.0, Lang::En), "1,234");
        assert_eq!(number(1_234_567.75, Lang::Es), "1,234,567.75");
        assert_eq!(number(-3.0, Lang::En), "-3");
        assert_eq!(number(f64::NAN, Lang::En), "");
    }
}
