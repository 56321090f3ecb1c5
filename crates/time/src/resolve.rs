//! Pure resolution of a [`TimeValue`] against a reference date.

use crate::{Date, Direction, Grain, TimeValue, YearRef};
use accord_doc::{date, DateRange};

/// A day or month without a year is put in the reference year unless that
/// would place it more than this many months after the reference month; then
/// it goes to the year before. News reports the recent past: an article of
/// January 2025 that says "on 20 December" means December 2024, while one of
/// May that says "on 31 July" is announcing a date two months ahead.
const MONTHS_AHEAD_IN_SAME_YEAR: i64 = 2;

/// The date at the precision the text supports: "1992", "2023-12",
/// "1992-01-24", an interval "2025-05-11/2025-05-12", a quarter
/// "2025-01/2025-03" (an interval whose two ends are one date is that date).
///
/// `anchor` is the reference date (the publication date) at any precision:
/// "2025-05-13", "2019-11", "2017". Returns None when the value needs more of
/// an anchor than it has: relative expressions, a day or month without a
/// year, a weekday when the anchor has no day.
///
/// Rules: relative offsets count from the anchor at their own grain ("this
/// year" is the year only); a weekday ("on Sunday") is the most recent such
/// day on or before the anchor, since news reports past events; a day or
/// month without a year takes the anchor's year unless it would then lie
/// more than two months after the anchor, in which case it takes the year
/// before; a duration into the past is the interval that ends at the anchor
/// (at the duration's grain), one into the future the interval that starts
/// there; a bounded date ("by 2030") resolves to the date itself.
pub fn resolve(value: &TimeValue, anchor: Option<&date::Date>) -> Option<DateRange> {
    match value {
        TimeValue::Date(date) | TimeValue::Bounded { date, .. } => resolve_date(date, anchor).map(DateRange::from),
        TimeValue::Interval { from, to } => {
            let start = resolve_date(from, anchor)?;
            let end = match to.year {
                // An end without a year follows the start, into the next
                // year when it falls earlier in the year ("Dec 30 - Jan 2").
                YearRef::Unstated => {
                    let wraps = (to.month, to.day) < (from.month, from.day);
                    date::Date::new(start.year() + i32::from(wraps), to.month, to.day).ok()?
                }
                _ => resolve_date(to, anchor)?,
            };
            Some(DateRange { start, end })
        }
        TimeValue::Relative { grain, offset } => shift(anchor?, *grain, i64::from(*offset)).map(DateRange::from),
        TimeValue::Weekday { weekday } => {
            let anchor = anchor?;
            let back = i64::from((anchor.weekday()? + 7 - weekday) % 7);
            anchor.add_days(-back).map(DateRange::from)
        }
        TimeValue::Duration { grain, amount, direction } => {
            let anchor = anchor?;
            let amount = i64::from(*amount);
            let (start, end) = match direction {
                Direction::Past => (shift(anchor, *grain, -amount)?, shift(anchor, *grain, 0)?),
                Direction::Next => (shift(anchor, *grain, 0)?, shift(anchor, *grain, amount)?),
            };
            Some(DateRange { start, end })
        }
    }
}

/// The anchor moved by `offset` units of `grain`, at that grain's precision.
fn shift(anchor: &date::Date, grain: Grain, offset: i64) -> Option<date::Date> {
    match grain {
        Grain::Year => anchor.add_years(i32::try_from(offset).ok()?),
        Grain::Month => date::Date::from_ym(anchor.year(), anchor.month()?)?.add_months(offset),
        Grain::Day => anchor.add_days(offset),
    }
}

/// None for a day its month does not have (29 February in a year that has
/// none) or a year of more than four digits.
fn resolve_date(date: &Date, anchor: Option<&date::Date>) -> Option<date::Date> {
    let year = match date.year {
        YearRef::Stated(year) => year,
        YearRef::Relative(offset) => anchor?.year().checked_add(offset)?,
        YearRef::Unstated => implicit_year(date.month, anchor?),
    };
    date::Date::new(year, date.month, date.day).ok()
}

/// See [`MONTHS_AHEAD_IN_SAME_YEAR`]. With an anchor that has only a year,
/// that year is used.
fn implicit_year(month: Option<u8>, anchor: &date::Date) -> i32 {
    match (month, anchor.month()) {
        (Some(month), Some(anchor_month)) if i64::from(month) - i64::from(anchor_month) > MONTHS_AHEAD_IN_SAME_YEAR => anchor.year() - 1,
        _ => anchor.year(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value resolved against an anchor written as ISO text (`-` for
    /// none), written as ISO text.
    fn resolve(value: &TimeValue, anchor: &str) -> Option<String> {
        let anchor = (anchor != "-").then(|| anchor.parse::<date::Date>().unwrap_or_else(|e| panic!("{e}")));
        super::resolve(value, anchor.as_ref()).map(|d| d.to_string())
    }

    fn date(year: YearRef, month: Option<u8>, day: Option<u8>) -> TimeValue {
        TimeValue::Date(Date { year, month, day })
    }

    #[test]
    fn day_without_year_goes_back_a_year_only_when_far_ahead() {
        let on = |month, day| date(YearRef::Unstated, Some(month), Some(day));
        assert_eq!(resolve(&on(12, 20), "2025-01-15").as_deref(), Some("2024-12-20"));
        assert_eq!(resolve(&on(7, 31), "2025-05-13").as_deref(), Some("2025-07-31"));
        assert_eq!(resolve(&on(8, 1), "2025-05-13").as_deref(), Some("2024-08-01"));
        assert_eq!(resolve(&on(5, 1), "2025-05-13").as_deref(), Some("2025-05-01"));
        assert_eq!(resolve(&on(12, 20), "2025").as_deref(), Some("2025-12-20"));
        assert_eq!(resolve(&on(12, 20), "-"), None);
        assert_eq!(resolve(&on(2, 29), "2025-03-01"), None);
    }

    #[test]
    fn relative_offsets_keep_their_grain() {
        let relative = |grain, offset| TimeValue::Relative { grain, offset };
        assert_eq!(resolve(&relative(Grain::Day, -1), "2025-03-01").as_deref(), Some("2025-02-28"));
        assert_eq!(resolve(&relative(Grain::Month, -1), "2025-01-09").as_deref(), Some("2024-12"));
        assert_eq!(resolve(&relative(Grain::Year, 0), "2025-01-09").as_deref(), Some("2025"));
        assert_eq!(resolve(&relative(Grain::Year, -1), "2019").as_deref(), Some("2018"));
        assert_eq!(resolve(&relative(Grain::Day, 0), "2019-11"), None);
        assert_eq!(resolve(&relative(Grain::Month, 0), "2019"), None);
    }

    #[test]
    fn weekday_is_the_latest_on_or_before_the_anchor() {
        let sunday = TimeValue::Weekday { weekday: 7 };
        // 2025-05-13 is a Tuesday; 2025-05-11 a Sunday.
        assert_eq!(resolve(&sunday, "2025-05-13").as_deref(), Some("2025-05-11"));
        assert_eq!(resolve(&sunday, "2025-05-11").as_deref(), Some("2025-05-11"));
        assert_eq!(resolve(&TimeValue::Weekday { weekday: 3 }, "2025-05-13").as_deref(), Some("2025-05-07"));
        assert_eq!(resolve(&sunday, "2025-05"), None);
    }

    #[test]
    fn intervals_and_durations() {
        let unstated = |month, day| Date { year: YearRef::Unstated, month: Some(month), day: Some(day) };
        let new_year = TimeValue::Interval { from: unstated(12, 30), to: unstated(1, 2) };
        assert_eq!(resolve(&new_year, "2025-01-05").as_deref(), Some("2024-12-30/2025-01-02"));
        let past = TimeValue::Duration { grain: Grain::Year, amount: 30, direction: Direction::Past };
        assert_eq!(resolve(&past, "2025-05-13").as_deref(), Some("1995/2025"));
        assert_eq!(resolve(&past, "-"), None);
        let next = TimeValue::Duration { grain: Grain::Month, amount: 3, direction: Direction::Next };
        assert_eq!(resolve(&next, "2025-11-13").as_deref(), Some("2025-11/2026-02"));
        assert_eq!(resolve(&next, "2025"), None);
    }

    #[test]
    fn stated_values_need_no_anchor() {
        assert_eq!(resolve(&date(YearRef::Stated(1992), None, None), "-").as_deref(), Some("1992"));
        assert_eq!(resolve(&date(YearRef::Stated(1992), Some(1), Some(24)), "-").as_deref(), Some("1992-01-24"));
    }
}
