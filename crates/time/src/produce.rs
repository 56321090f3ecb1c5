//! Productions: from the groups a rule captured to a [`TimeValue`].
//!
//! Group names used by the rules: `d1 m1 y1` (a date or the start of a
//! range), `d2 m2 y2` (the end of a range; `y2` may have two digits, as in
//! "2020-21"), `yrel` (a relative year phrase: "last year", "năm nay"),
//! `thisyear` (a bare "the year"/"năm" meaning the current one), `rel`, `wd`,
//! `n` (a count), `unit`, `q` (quarter), `h` (half).

use crate::tables::Tables;
use crate::{Date, Direction, Grain, TimeValue, YearRef};
use accord_doc::date::days_in_month;
use regex::Captures;

/// Years standing alone are taken only in this range; with a month or a day
/// a wider range is fine ("1 May 1890" is clearly a date, "1890" may not be).
const BARE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
const DATED_YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;
/// "over the past 5000 years" is history, not a date we can write.
const MAX_DURATION: u32 = 1000;

/// What a rule builds, from the second column of `rules.tsv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Date,
    Relative,
    Weekday,
    Past,
    Future,
    Ago,
    /// The first N months of a year; N from group `n` or fixed here.
    FirstMonths(Option<u8>),
    Quarter,
    Half,
    /// A fixed run of months of a year ("nửa cuối năm": 7-12).
    Months(u8, u8),
}

impl Kind {
    pub(crate) fn parse(text: &str) -> Option<Kind> {
        Some(match text {
            "date" => Kind::Date,
            "relative" => Kind::Relative,
            "weekday" => Kind::Weekday,
            "past" => Kind::Past,
            "future" => Kind::Future,
            "ago" => Kind::Ago,
            "first_months" => Kind::FirstMonths(None),
            "quarter" => Kind::Quarter,
            "half" => Kind::Half,
            _ => {
                if let Some(count) = text.strip_prefix("first_months=") {
                    Kind::FirstMonths(Some(count.parse().ok().filter(|n| (1..=12).contains(n))?))
                } else {
                    let (first, last) = text.strip_prefix("months=")?.split_once('-')?;
                    let (first, last): (u8, u8) = (first.parse().ok()?, last.parse().ok()?);
                    if !(1..=12).contains(&first) || !(first..=12).contains(&last) {
                        return None;
                    }
                    Kind::Months(first, last)
                }
            }
        })
    }
}

/// The text of a rule's named groups.
struct Groups<'c, 'h>(&'c Captures<'h>);

impl<'h> Groups<'_, 'h> {
    fn get(&self, name: &str) -> Option<&'h str> {
        self.0.name(name).map(|m| m.as_str())
    }
}

pub(crate) fn build(kind: Kind, captures: &Captures, tables: &Tables) -> Option<TimeValue> {
    let groups = Groups(captures);
    let group = |name: &str| groups.get(name);
    match kind {
        Kind::Date => build_date(&groups, tables),
        Kind::Relative => {
            let (grain, offset) = tables.relative.get(group("rel")?)?;
            Some(TimeValue::Relative { grain, offset })
        }
        Kind::Weekday => Some(TimeValue::Weekday { weekday: tables.weekdays.get(group("wd")?)? }),
        Kind::Past | Kind::Future | Kind::Ago => {
            let (grain, amount) = duration(&groups, tables)?;
            Some(match kind {
                Kind::Ago => TimeValue::Relative { grain, offset: -i32::try_from(amount).ok()? },
                Kind::Past => TimeValue::Duration { grain, amount, direction: Direction::Past },
                _ => TimeValue::Duration { grain, amount, direction: Direction::Next },
            })
        }
        Kind::FirstMonths(fixed) => {
            let count = match group("n") {
                Some(text) => u8::try_from(count(text, tables)?).ok()?,
                None => fixed?,
            };
            months_of_year(&groups, tables, 1, count)
        }
        Kind::Quarter => {
            let quarter = u8::try_from(count(group("q")?, tables)?).ok().filter(|q| (1..=4).contains(q))?;
            months_of_year(&groups, tables, quarter * 3 - 2, quarter * 3)
        }
        Kind::Half => {
            let half = u8::try_from(count(group("h")?, tables)?).ok().filter(|h| (1..=2).contains(h))?;
            months_of_year(&groups, tables, half * 6 - 5, half * 6)
        }
        Kind::Months(first, last) => months_of_year(&groups, tables, first, last),
    }
}

/// A count written in digits, as a Roman numeral (quarters: "quý II") or as
/// a number word of the language.
fn count(text: &str, tables: &Tables) -> Option<u32> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    match text.to_ascii_uppercase().as_str() {
        "I" => Some(1),
        "II" => Some(2),
        "III" => Some(3),
        "IV" => Some(4),
        _ => tables.numbers.get(text),
    }
}

fn duration(group: &Groups, tables: &Tables) -> Option<(Grain, u32)> {
    let (grain, multiplier) = tables.units.get(group.get("unit")?)?;
    let amount = match group.get("n") {
        Some(text) => count(text, tables)?,
        None => 1,
    };
    let amount = amount.checked_mul(multiplier)?;
    (1..=MAX_DURATION).contains(&amount).then_some((grain, amount))
}

/// The year a "first N months" or quarter phrase is about.
fn year_of_period(group: &Groups, tables: &Tables) -> Option<YearRef> {
    if let Some(year) = group.get("y1") {
        return year.parse().ok().filter(|y| BARE_YEARS.contains(y)).map(YearRef::Stated);
    }
    if let Some(phrase) = group.get("yrel") {
        return relative_year(phrase, tables);
    }
    Some(if group.get("thisyear").is_some() { YearRef::Relative(0) } else { YearRef::Unstated })
}

fn months_of_year(group: &Groups, tables: &Tables, first: u8, last: u8) -> Option<TimeValue> {
    if !(1..=12).contains(&first) || !(first..=12).contains(&last) {
        return None;
    }
    let year = year_of_period(group, tables)?;
    Some(TimeValue::Interval { from: Date { year, month: Some(first), day: None }, to: Date { year, month: Some(last), day: None } })
}

fn relative_year(phrase: &str, tables: &Tables) -> Option<YearRef> {
    match tables.relative.get(phrase)? {
        (Grain::Year, offset) => Some(YearRef::Relative(offset)),
        _ => None,
    }
}

/// The fields of one end of a date expression, before validation.
#[derive(Debug, Clone, Copy)]
struct Parts {
    year: Option<YearRef>,
    month: Option<u8>,
    day: Option<u8>,
}

impl Parts {
    /// (month, day) for ordering two ends within a year; a missing day sorts first.
    fn month_day(&self) -> (u8, u8) {
        (self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

fn parse_month(text: &str, tables: &Tables) -> Option<u8> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok().filter(|m| (1..=12).contains(m))
    } else {
        tables.months.get(text)
    }
}

fn parse_parts(group: &Groups, tables: &Tables, day: &str, month: &str, year: &str, start_year: Option<i32>) -> Option<Parts> {
    let day = match group.get(day) {
        Some(text) => Some(text.parse().ok()?),
        None => None,
    };
    let month = match group.get(month) {
        Some(text) => Some(parse_month(text, tables)?),
        None => None,
    };
    let year = match group.get(year) {
        Some(text) if text.len() == 2 => Some(YearRef::Stated(expand_short_year(start_year?, text.parse().ok()?)?)),
        Some(text) => Some(YearRef::Stated(text.parse().ok()?)),
        None => None,
    };
    Some(Parts { year, month, day })
}

/// "2020-21": the two digits are the end of a later year close after the start.
fn expand_short_year(start: i32, short: i32) -> Option<i32> {
    let mut year = start - start.rem_euclid(100) + short;
    if year <= start {
        year += 100;
    }
    (year - start <= 10).then_some(year)
}

fn build_date(group: &Groups, tables: &Tables) -> Option<TimeValue> {
    let relative = match group.get("yrel") {
        Some(phrase) => Some(relative_year(phrase, tables)?),
        None => None,
    };
    let mut from = parse_parts(group, tables, "d1", "m1", "y1", None)?;
    let start_year = match from.year {
        Some(YearRef::Stated(year)) => Some(year),
        _ => None,
    };
    let is_range = ["d2", "m2", "y2"].iter().any(|name| group.get(name).is_some());
    if !is_range {
        if from.year.is_none() {
            from.year = relative;
        }
        return single_date(from);
    }
    let mut to = parse_parts(group, tables, "d2", "m2", "y2", start_year)?;
    if to.year.is_none() {
        to.year = relative;
    }
    fill_range(&mut from, &mut to);
    let (from, to) = (date_of(from)?, date_of(to)?);
    if !is_ordered(&from, &to) {
        return None;
    }
    Some(TimeValue::Interval { from, to })
}

fn single_date(parts: Parts) -> Option<TimeValue> {
    if parts.month.is_none() && parts.day.is_none() {
        if let Some(YearRef::Relative(offset)) = parts.year {
            return Some(TimeValue::Relative { grain: Grain::Year, offset });
        }
    }
    date_of(parts).map(TimeValue::Date)
}

/// One end of a range borrows what it lacks from the other: "May 11-12"
/// (month), "from May 5-7, 2025" and "28 Dec - 2 Jan 2025" (the year, one
/// less when the start falls later in the year than the end).
fn fill_range(from: &mut Parts, to: &mut Parts) {
    if from.day.is_some() && from.month.is_none() {
        from.month = to.month;
    }
    if to.day.is_some() && to.month.is_none() {
        to.month = from.month;
    }
    let wraps = from.month.is_some() && to.month.is_some() && from.month_day() > to.month_day();
    let step = |year: YearRef, by: i32| match year {
        YearRef::Stated(y) => YearRef::Stated(y + by),
        YearRef::Relative(k) => YearRef::Relative(k + by),
        YearRef::Unstated => YearRef::Unstated,
    };
    match (from.year, to.year) {
        (None, Some(year)) if from.month.is_some() => from.year = Some(step(year, if wraps { -1 } else { 0 })),
        (Some(year), None) if to.month.is_some() => to.year = Some(step(year, if wraps { 1 } else { 0 })),
        _ => {}
    }
}

/// A valid date from parts: a day needs a month, a month may lack a year,
/// a year alone must look like a year.
fn date_of(parts: Parts) -> Option<Date> {
    let year = parts.year.unwrap_or(YearRef::Unstated);
    let stated = match year {
        YearRef::Stated(y) => Some(y),
        _ => None,
    };
    match (parts.month, parts.day) {
        (None, Some(_)) => return None,
        (None, None) => {
            if !stated.is_some_and(|y| BARE_YEARS.contains(&y)) {
                return None;
            }
        }
        (Some(month), day) => {
            if !(1..=12).contains(&month) || stated.is_some_and(|y| !DATED_YEARS.contains(&y)) {
                return None;
            }
            // With no year, 29 February may be meant (2000 is a leap year).
            if day.is_some_and(|d| d == 0 || d > days_in_month(stated.unwrap_or(2000), month)) {
                return None;
            }
        }
    }
    Some(Date { year, month: parts.month, day: parts.day })
}

/// A range must not run backwards when both years are known in the same way.
fn is_ordered(from: &Date, to: &Date) -> bool {
    let key = |date: &Date, year: i32| (year, date.month.unwrap_or(0), date.day.unwrap_or(0));
    match (from.year, to.year) {
        (YearRef::Stated(a), YearRef::Stated(b)) | (YearRef::Relative(a), YearRef::Relative(b)) => key(from, a) <= key(to, b),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_end_years_follow_the_start() {
        assert_eq!(expand_short_year(2020, 21), Some(2021));
        assert_eq!(expand_short_year(1999, 0), Some(2000));
        assert_eq!(expand_short_year(2016, 20), Some(2020));
        assert_eq!(expand_short_year(2020, 12), None);
    }

    #[test]
    fn kinds_parse_with_parameters() {
        assert_eq!(Kind::parse("first_months=6"), Some(Kind::FirstMonths(Some(6))));
        assert_eq!(Kind::parse("months=7-12"), Some(Kind::Months(7, 12)));
        assert_eq!(Kind::parse("months=12-7"), None);
        assert_eq!(Kind::parse("first_months=13"), None);
    }

    #[test]
    fn ranges_borrow_month_and_year_across_the_new_year() {
        let mut from = Parts { year: None, month: Some(12), day: Some(28) };
        let mut to = Parts { year: Some(YearRef::Stated(2025)), month: Some(1), day: Some(2) };
        fill_range(&mut from, &mut to);
        assert_eq!(from.year, Some(YearRef::Stated(2024)));
        let mut from = Parts { year: None, month: None, day: Some(11) };
        let mut to = Parts { year: None, month: Some(5), day: Some(12) };
        fill_range(&mut from, &mut to);
        assert_eq!(from.month, Some(5));
    }

    #[test]
    fn impossible_days_are_not_dates() {
        let parts = |year, month, day| Parts { year: Some(YearRef::Stated(year)), month: Some(month), day: Some(day) };
        assert!(date_of(parts(2023, 2, 29)).is_none());
        assert!(date_of(parts(2024, 2, 29)).is_some());
        assert!(date_of(parts(2024, 4, 31)).is_none());
        assert!(date_of(Parts { year: Some(YearRef::Stated(1850)), month: None, day: None }).is_none());
    }
}
