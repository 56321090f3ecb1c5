//! Calendar dates as they appear in article headers: `2024-05-06`,
//! `06/05/2024`, `6 May 2024`, `May 6, 2024`, `6 мая 2024`, `ngày 6 tháng 5
//! năm 2024`, and the year-less `6 May` of datelines.
//!
//! Numeric dates are read day first (`09/10/2024` is 9 October), the order of
//! the outlets in our languages; a first number above 12 or a second number
//! above 12 settles the order either way.

use crate::lexicon::{alternation, LEXICON};
use accord_doc::Date;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A day-month-year group of regex source, with the month names of every
/// language (case-insensitive; abbreviations may carry a full stop).
fn month_pattern() -> String {
    format!(r"(?i:{})\.?", alternation(LEXICON.months.keys().map(String::as_str)))
}

fn year_words_pattern() -> String {
    if LEXICON.year_words.is_empty() {
        String::new()
    } else {
        format!(r"(?:(?i:{})[ \t]+)?", alternation(LEXICON.year_words.iter().map(String::as_str)))
    }
}

/// Regex source of a date with a day and a month name and an optional year,
/// for use inside other patterns (datelines). Groups are unnamed.
pub(crate) fn day_month_pattern() -> String {
    let month = month_pattern();
    let year_word = year_words_pattern();
    format!(
        r"(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{month}(?:,?[ \t]+{year_word}\d{{4}})?|{month}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?-u:\b)(?:,?[ \t]+\d{{4}})?)"
    )
}

/// Dates with a year, in the forms listed in the module comment.
/// Boundaries are written out rather than Unicode `\b`, which would keep the
/// regex engine off its fast automaton on non-ASCII text.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = month_pattern();
    let year_word = year_words_pattern();
    let pattern = format!(
        r"(?:(?-u:\b)(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})|(?-u:\b)(?P<nd>\d{{1,2}})[./-](?P<nm>\d{{1,2}})[./-](?P<ny>\d{{4}})|(?-u:\b)(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<dm>{month})(?:,?[ \t]+){year_word}(?P<dy>\d{{4}})|(?:^|[^\p{{L}}])(?P<mm>{month})[ \t]+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<my>\d{{4}}))(?-u:\b)"
    );
    Regex::new(&pattern).expect("date pattern is valid")
});

/// The month number of a month name as matched (case and a trailing full
/// stop ignored).
pub(crate) fn month_number(name: &str) -> Option<u32> {
    LEXICON.months.get(&name.trim_end_matches('.').to_lowercase()).copied()
}

/// The years a header date may have: a wider range is more likely a
/// misread number than a date.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<u32> = 1800..=2200;

/// The day of the three numbers, if they form a real date of a plausible year.
pub(crate) fn iso_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let small = |n: u32| u8::try_from(n).ok();
    PLAUSIBLE_YEARS.contains(&year).then(|| Date::from_ymd(year as i32, small(month)?, small(day)?))?
}

/// A `YYYY-MM-DD` or `YYYY-MM` string of a plausible year as a date (the
/// numbers may lack their leading zeros).
pub(crate) fn iso_date_or_month(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    match (parts.next(), parts.next()) {
        (None, _) => PLAUSIBLE_YEARS.contains(&year).then(|| Date::from_ym(year as i32, u8::try_from(month).ok()?))?,
        (Some(day), None) => iso_date(year, month, day.parse().ok()?),
        _ => None,
    }
}

/// The date of a metadata value (a JSON Lines `published` field, an HTML
/// meta tag): an ISO date or month, a timestamp whose date part is ISO (the
/// date as written, with no time-zone shift), or any form of
/// [`find_full_date`].
pub(crate) fn date_value(value: &str) -> Option<Date> {
    let value = value.trim();
    let date_part = value.split(['T', ' ']).next().unwrap_or(value);
    iso_date_or_month(date_part).or_else(|| find_full_date(value).map(|(_, iso)| iso))
}

/// The first date with a year in `text`: its byte range and ISO form.
pub(crate) fn find_full_date(text: &str) -> Option<(Range<usize>, Date)> {
    for caps in FULL_DATE.captures_iter(text) {
        let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let iso = if let (Some(y), Some(m), Some(d)) = (number("iy"), number("im"), number("id")) {
            iso_date(y, m, d)
        } else if let (Some(first), Some(second), Some(y)) = (number("nd"), number("nm"), number("ny")) {
            // Day first unless that cannot be.
            iso_date(y, second, first).or_else(|| iso_date(y, first, second))
        } else if let (Some(d), Some(m), Some(y)) = (number("dd"), caps.name("dm"), number("dy")) {
            month_number(m.as_str()).and_then(|m| iso_date(y, m, d))
        } else if let (Some(m), Some(d), Some(y)) = (caps.name("mm"), number("md"), number("my")) {
            month_number(m.as_str()).and_then(|m| iso_date(y, m, d))
        } else {
            None
        };
        if let (Some(iso), Some(whole)) = (iso, caps.get(0)) {
            return Some((whole.range(), iso));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header_date_forms() {
        let cases = [
            ("2024-05-06", Some("2024-05-06")),
            ("Updated: 06/05/2024 10:00", Some("2024-05-06")),
            ("05/13/2024", Some("2024-05-13")),
            ("Posted: 07.08.2023 09:15:00", Some("2023-08-07")),
            ("6 June 2024", Some("2024-06-06")),
            ("June 6, 2024 | 10:30 am", Some("2024-06-06")),
            ("Sept. 3, 2021", Some("2021-09-03")),
            ("12 октября 2022", Some("2022-10-12")),
            ("ngày 9 tháng 11 năm 2020", Some("2020-11-09")),
            ("31/02/2024", None),
            ("the 6 May", None),
            ("version 1.2.3", None),
        ];
        for (text, expected) in cases {
            assert_eq!(find_full_date(text).map(|(_, iso)| iso.to_string()).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn checks_header_marker_dates() {
        assert_eq!(iso_date_or_month("2024-02-29"), Date::from_ymd(2024, 2, 29));
        assert_eq!(iso_date_or_month("2023-02-29"), None);
        assert_eq!(iso_date_or_month("2019-11"), Date::from_ym(2019, 11));
        assert_eq!(iso_date_or_month("2019-1-5"), Date::from_ymd(2019, 1, 5));
        assert_eq!(iso_date_or_month("1700-01"), None);
        assert_eq!(iso_date_or_month("2019-13"), None);
    }
}
