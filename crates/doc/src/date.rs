//! Calendar dates at the precision a text gives them (`"1992"`, `"2023-12"`,
//! `"2025-05-12"`) and intervals of them (`"2025-05-11/2025-05-12"`), written
//! as the ISO strings of facts.md.
//!
//! This is the workspace's one calendar (proleptic Gregorian): every stage
//! that counts days, checks a month's length or compares dates does it here,
//! so that two stages never disagree about what a date covers.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The years an ISO date of facts.md can write: four digits.
const YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A year, a month of a year, or a day. Ordered by year, then month, then
/// day, a coarser date before the finer ones it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a text or numbers are no date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    text: String,
    reason: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date {:?}: {}", self.text, self.reason)
    }
}

impl DateError {
    /// What is wrong, without the text ("the month has no such day").
    pub fn reason(&self) -> &str {
        self.reason
    }
}

impl std::error::Error for DateError {}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of a year; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The text is an ISO date known to the day (`YYYY-MM-DD`).
pub fn is_iso_day(text: &str) -> bool {
    text.parse::<Date>().is_ok_and(|d| d.is_day())
}

impl Date {
    /// A date from its parts; a day needs a month.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Date, DateError> {
        let error = |reason| DateError { text: format_parts(year, month, day), reason };
        if !YEARS.contains(&year) {
            return Err(error("the year is not one of 0000 to 9999"));
        }
        match (month, day) {
            (None, Some(_)) => Err(error("a day needs a month")),
            (Some(m), _) if !(1..=12).contains(&m) => Err(error("the month is not one of 01 to 12")),
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => Err(error("the month has no such day")),
            _ => Ok(Date { year, month, day }),
        }
    }

    /// A day, if the three numbers make one.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        Date::new(year, Some(month), Some(day)).ok()
    }

    /// A month of a year, if the numbers make one.
    pub fn from_ym(year: i32, month: u8) -> Option<Date> {
        Date::new(year, Some(month), None).ok()
    }

    /// A whole year, if it can be written with four digits.
    pub fn from_year(year: i32) -> Option<Date> {
        Date::new(year, None, None).ok()
    }

    /// The day `days` after 1970-01-01 (before it when negative).
    pub fn from_day_number(days: i64) -> Option<Date> {
        let (year, month, day) = civil_from_days(days);
        Date::from_ymd(i32::try_from(year).ok()?, month, day)
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
        }
    }

    /// The year or month this date falls in (no finer than the date itself).
    pub fn truncate(&self, precision: Precision) -> Date {
        match precision {
            Precision::Year => Date { year: self.year, month: None, day: None },
            Precision::Month => Date { day: None, ..*self },
            Precision::Day => *self,
        }
    }

    /// Known to the day.
    pub fn is_day(&self) -> bool {
        self.day.is_some()
    }

    /// The first day the date covers.
    pub fn first_day(&self) -> Date {
        Date { year: self.year, month: Some(self.month.unwrap_or(1)), day: Some(self.day.unwrap_or(1)) }
    }

    /// The last day the date covers.
    pub fn last_day(&self) -> Date {
        let month = self.month.unwrap_or(12);
        Date { year: self.year, month: Some(month), day: Some(self.day.unwrap_or_else(|| days_in_month(self.year, month))) }
    }

    /// The number of days the date covers: 1, 28 to 31, 365 or 366.
    pub fn span_days(&self) -> i64 {
        self.last_day_number() - self.day_number() + 1
    }

    /// Days from 1970-01-01 to the first day of the date.
    pub fn day_number(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Days from 1970-01-01 to the last day of the date.
    pub fn last_day_number(&self) -> i64 {
        self.last_day().day_number()
    }

    /// The day `days` after this one; None unless this is a day, or when the
    /// result has no four-digit year.
    pub fn add_days(&self, days: i64) -> Option<Date> {
        if !self.is_day() {
            return None;
        }
        Date::from_day_number(self.day_number().checked_add(days)?)
    }

    /// The month `months` after this one; None unless this is a month (a day
    /// has no month arithmetic: 31 January plus one month is no day).
    pub fn add_months(&self, months: i64) -> Option<Date> {
        let month = self.month.filter(|_| self.day.is_none())?;
        let index = i64::from(self.year).checked_mul(12)? + i64::from(month) - 1 + months;
        Date::from_ym(i32::try_from(index.div_euclid(12)).ok()?, (index.rem_euclid(12) + 1) as u8)
    }

    /// The year `years` after this one, at the precision of a year.
    pub fn add_years(&self, years: i32) -> Option<Date> {
        Date::from_year(self.year.checked_add(years)?)
    }

    /// Days from this day to `other` (negative when `other` is earlier);
    /// None unless both are days.
    pub fn days_until(&self, other: &Date) -> Option<i64> {
        (self.is_day() && other.is_day()).then(|| other.day_number() - self.day_number())
    }

    /// ISO weekday, 1 = Monday ... 7 = Sunday; None unless this is a day.
    pub fn weekday(&self) -> Option<u8> {
        // 1970-01-01 was a Thursday.
        self.is_day().then(|| ((self.day_number() + 3).rem_euclid(7) + 1) as u8)
    }

    /// Every day of `other` is a day of this date.
    pub fn contains(&self, other: &Date) -> bool {
        DateRange::from(*self).contains(&DateRange::from(*other))
    }

    /// The two dates share a day.
    pub fn overlaps(&self, other: &Date) -> bool {
        DateRange::from(*self).overlaps(&DateRange::from(*other))
    }
}

fn format_parts(year: i32, month: Option<u8>, day: Option<u8>) -> String {
    match (month, day) {
        (Some(month), Some(day)) => format!("{year:04}-{month:02}-{day:02}"),
        (Some(month), None) => format!("{year:04}-{month:02}"),
        (None, Some(day)) => format!("{year:04}-??-{day:02}"),
        (None, None) => format!("{year:04}"),
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_parts(self.year, self.month, self.day))
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with exactly those digits.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let error = |reason| DateError { text: text.to_string(), reason };
        let mut fields = text.split('-');
        let mut number = |digits: usize| -> Result<Option<u16>, DateError> {
            match fields.next() {
                None => Ok(None),
                Some(f) if f.len() == digits && f.bytes().all(|b| b.is_ascii_digit()) => Ok(f.parse().ok()),
                Some(_) => Err(error("not of the form YYYY, YYYY-MM or YYYY-MM-DD")),
            }
        };
        let year = number(4)?.ok_or_else(|| error("no year"))?;
        let month = number(2)?.map(|m| m as u8);
        let day = number(2)?.map(|d| d as u8);
        if fields.next().is_some() {
            return Err(error("not of the form YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        Date::new(i32::from(year), month, day).map_err(|e| DateError { text: text.to_string(), reason: e.reason })
    }
}

/// From `start` to `end`, both included, each at its own precision
/// (`"2025-05-11/2025-05-12"`, `"2020/2021"`, a quarter `"2025-01/2025-03"`).
/// A single date is the range from itself to itself, and is written alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    pub start: Date,
    pub end: Date,
}

impl DateRange {
    /// None when `end` would finish before `start` begins.
    pub fn new(start: Date, end: Date) -> Option<DateRange> {
        (start.day_number() <= end.last_day_number()).then_some(DateRange { start, end })
    }

    pub fn is_single(&self) -> bool {
        self.start == self.end
    }

    /// The day this range is, when it is one date known to the day.
    pub fn single_day(&self) -> Option<Date> {
        (self.is_single() && self.start.is_day()).then_some(self.start)
    }

    pub fn first_day_number(&self) -> i64 {
        self.start.day_number()
    }

    pub fn last_day_number(&self) -> i64 {
        self.end.last_day_number()
    }

    /// The number of days covered: smaller is more precise.
    pub fn span_days(&self) -> i64 {
        self.last_day_number() - self.first_day_number() + 1
    }

    /// Every day of `other` is a day of this range.
    pub fn contains(&self, other: &DateRange) -> bool {
        self.first_day_number() <= other.first_day_number() && other.last_day_number() <= self.last_day_number()
    }

    /// The two ranges share a day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.first_day_number() <= other.last_day_number() && other.first_day_number() <= self.last_day_number()
    }

    /// One contains the other: the two can be the same date reported at
    /// different precisions.
    pub fn nested(&self, other: &DateRange) -> bool {
        self.contains(other) || other.contains(self)
    }
}

impl From<Date> for DateRange {
    fn from(date: Date) -> DateRange {
        DateRange { start: date, end: date }
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}/{}", self.start, self.end)
        }
    }
}

impl FromStr for DateRange {
    type Err = DateError;

    /// A date, or two dates joined by `/`, the second not before the first.
    fn from_str(text: &str) -> Result<DateRange, DateError> {
        let Some((start, end)) = text.split_once('/') else {
            return text.parse::<Date>().map(DateRange::from);
        };
        DateRange::new(start.parse()?, end.parse()?)
            .ok_or_else(|| DateError { text: text.to_string(), reason: "the interval ends before it begins" })
    }
}

macro_rules! iso_string_serde {
    ($type:ty) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

iso_string_serde!(Date);
iso_string_serde!(DateRange);

/// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days.saturating_add(719_468);
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    (year_of_era + era * 400 + i64::from(month <= 2), month as u8, day as u8)
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
