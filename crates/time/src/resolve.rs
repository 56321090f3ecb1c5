//! Pure resolution of a [`TimeValue`] against a reference date.

use crate::calendar::{civil_from_days, days_from_civil, days_in_month, from_month_index, iso_weekday, month_index};
use crate::{Date, Direction, Grain, TimeValue, YearRef};

/// A day or month without a year is put in the reference year unless that
/// would place it more than this many months after the reference month; then
/// it goes to the year before. News reports the recent past: an article of
/// January 2025 that says "on 20 December" means December 2024, while one of
/// May that says "on 31 July" is announcing a date two months ahead.
const MONTHS_AHEAD_IN_SAME_YEAR: i64 = 2;

/// The reference date at the precision it was given.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Anchor {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl Anchor {
    /// "2025-05-13", "2019-11", "2017"; a time part after the date
    /// ("2025-05-13T08:00") is ignored.
    fn parse(text: &str) -> Option<Anchor> {
        let text = text.trim();
        let date = text.split(['T', ' ']).next()?;
        let mut fields = date.split('-');
        let year_text = fields.next()?;
        if year_text.len() != 4 {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let mut number = |limit: u8| -> Option<Option<u8>> {
            match fields.next() {
                None => Some(None),
                Some(text) if text.len() == 2 => text.parse().ok().filter(|n| (1..=limit).contains(n)).map(Some),
                Some(_) => None,
            }
        };
        let month = number(12)?;
        let day = number(31)?;
        if fields.next().is_some() || (month.is_none() && day.is_some()) {
            return None;
        }
        if let (Some(month), Some(day)) = (month, day) {
            if day > days_in_month(Some(year), month) {
                return None;
            }
        }
        Some(Anchor { year, month, day })
    }

    fn days(&self) -> Option<i64> {
        Some(days_from_civil(self.year, self.month?, self.day?))
    }
}

/// A concrete date at some precision.
struct Resolved {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl Resolved {
    fn iso(&self) -> Option<String> {
        if !(0..=9999).contains(&self.year) {
            return None;
        }
        Some(match (self.month, self.day) {
            (Some(month), Some(day)) => format!("{:04}-{month:02}-{day:02}", self.year),
            (Some(month), None) => format!("{:04}-{month:02}", self.year),
            _ => format!("{:04}", self.year),
        })
    }

    fn from_days(days: i64) -> Resolved {
        let (year, month, day) = civil_from_days(days);
        Resolved { year, month: Some(month), day: Some(day) }
    }

    fn from_month_index(index: i64) -> Resolved {
        let (year, month) = from_month_index(index);
        Resolved { year, month: Some(month), day: None }
    }
}

/// ISO 8601 at the precision the text supports: "1992", "2023-12",
/// "1992-01-24", an interval "2025-05-11/2025-05-12", a quarter
/// "2025-01/2025-03".
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
pub fn resolve(value: &TimeValue, anchor: Option<&str>) -> Option<String> {
    let anchor = anchor.and_then(Anchor::parse);
    match value {
        TimeValue::Date(date) | TimeValue::Bounded { date, .. } => resolve_date(date, anchor.as_ref())?.iso(),
        TimeValue::Interval { from, to } => {
            let start = resolve_date(from, anchor.as_ref())?;
            let end = match to.year {
                // An end without a year follows the start, into the next
                // year when it falls earlier in the year ("Dec 30 - Jan 2").
                YearRef::Unstated => {
                    let wraps = (to.month, to.day) < (from.month, from.day);
                    Resolved { year: start.year + i32::from(wraps), month: to.month, day: to.day }
                }
                _ => resolve_date(to, anchor.as_ref())?,
            };
            Some(format!("{}/{}", start.iso()?, end.iso()?))
        }
        TimeValue::Relative { grain, offset } => shift(&anchor?, *grain, i64::from(*offset))?.iso(),
        TimeValue::Weekday { weekday } => {
            let anchor_days = anchor?.days()?;
            let back = i64::from((iso_weekday(anchor_days) + 7 - weekday) % 7);
            Resolved::from_days(anchor_days - back).iso()
        }
        TimeValue::Duration { grain, amount, direction } => {
            let anchor = anchor?;
            let amount = i64::from(*amount);
            let (start, end) = match direction {
                Direction::Past => (shift(&anchor, *grain, -amount)?, shift(&anchor, *grain, 0)?),
                Direction::Next => (shift(&anchor, *grain, 0)?, shift(&anchor, *grain, amount)?),
            };
            Some(format!("{}/{}", start.iso()?, end.iso()?))
        }
    }
}

/// The anchor moved by `offset` units of `grain`, at that grain's precision.
fn shift(anchor: &Anchor, grain: Grain, offset: i64) -> Option<Resolved> {
    Some(match grain {
        Grain::Year => Resolved { year: anchor.year.checked_add(i32::try_from(offset).ok()?)?, month: None, day: None },
        Grain::Month => Resolved::from_month_index(month_index(anchor.year, anchor.month?) + offset),
        Grain::Day => Resolved::from_days(anchor.days()? + offset),
    })
}

fn resolve_date(date: &Date, anchor: Option<&Anchor>) -> Option<Resolved> {
    let year = match date.year {
        YearRef::Stated(year) => year,
        YearRef::Relative(offset) => anchor?.year.checked_add(offset)?,
        YearRef::Unstated => implicit_year(date.month, anchor?),
    };
    if date.day.is_some_and(|day| date.month.is_some_and(|month| day > days_in_month(Some(year), month))) {
        // 29 February in a year that has none.
        return None;
    }
    Some(Resolved { year, month: date.month, day: date.day })
}

/// See [`MONTHS_AHEAD_IN_SAME_YEAR`]. With an anchor that has only a year,
/// that year is used.
fn implicit_year(month: Option<u8>, anchor: &Anchor) -> i32 {
    match (month, anchor.month) {
        (Some(month), Some(anchor_month)) if i64::from(month) - i64::from(anchor_month) > MONTHS_AHEAD_IN_SAME_YEAR => anchor.year - 1,
        _ => anchor.year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: YearRef, month: Option<u8>, day: Option<u8>) -> TimeValue {
        TimeValue::Date(Date { year, month, day })
    }

    #[test]
    fn anchors_parse_at_any_precision() {
        assert_eq!(Anchor::parse("2025-05-13"), Some(Anchor { year: 2025, month: Some(5), day: Some(13) }));
        assert_eq!(Anchor::parse("2019-11"), Some(Anchor { year: 2019, month: Some(11), day: None }));
        assert_eq!(Anchor::parse("2017"), Some(Anchor { year: 2017, month: None, day: None }));
        assert_eq!(Anchor::parse("2025-05-13T10:00:00Z").map(|a| a.day), Some(Some(13)));
        for bad in ["", "25", "2025-13", "2025-02-30", "2025-5-1", "May 2025", "2025-05-13-1"] {
            assert_eq!(Anchor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_without_year_goes_back_a_year_only_when_far_ahead() {
        let on = |month, day| date(YearRef::Unstated, Some(month), Some(day));
        assert_eq!(resolve(&on(12, 20), Some("2025-01-15")).as_deref(), Some("2024-12-20"));
        assert_eq!(resolve(&on(7, 31), Some("2025-05-13")).as_deref(), Some("2025-07-31"));
        assert_eq!(resolve(&on(8, 1), Some("2025-05-13")).as_deref(), Some("2024-08-01"));
        assert_eq!(resolve(&on(5, 1), Some("2025-05-13")).as_deref(), Some("2025-05-01"));
        assert_eq!(resolve(&on(12, 20), Some("2025")).as_deref(), Some("2025-12-20"));
        assert_eq!(resolve(&on(12, 20), None), None);
        assert_eq!(resolve(&on(2, 29), Some("2025-03-01")), None);
    }

    #[test]
    fn relative_offsets_keep_their_grain() {
        let relative = |grain, offset| TimeValue::Relative { grain, offset };
        assert_eq!(resolve(&relative(Grain::Day, -1), Some("2025-03-01")).as_deref(), Some("2025-02-28"));
        assert_eq!(resolve(&relative(Grain::Month, -1), Some("2025-01-09")).as_deref(), Some("2024-12"));
        assert_eq!(resolve(&relative(Grain::Year, 0), Some("2025-01-09")).as_deref(), Some("2025"));
        assert_eq!(resolve(&relative(Grain::Year, -1), Some("2019")).as_deref(), Some("2018"));
        assert_eq!(resolve(&relative(Grain::Day, 0), Some("2019-11")), None);
        assert_eq!(resolve(&relative(Grain::Month, 0), Some("2019")), None);
        assert_eq!(resolve(&relative(Grain::Day, 0), Some("garbage")), None);
    }

    #[test]
    fn weekday_is_the_latest_on_or_before_the_anchor() {
        let sunday = TimeValue::Weekday { weekday: 7 };
        // 2025-05-13 is a Tuesday; 2025-05-11 a Sunday.
        assert_eq!(resolve(&sunday, Some("2025-05-13")).as_deref(), Some("2025-05-11"));
        assert_eq!(resolve(&sunday, Some("2025-05-11")).as_deref(), Some("2025-05-11"));
        assert_eq!(resolve(&TimeValue::Weekday { weekday: 3 }, Some("2025-05-13")).as_deref(), Some("2025-05-07"));
        assert_eq!(resolve(&sunday, Some("2025-05")), None);
    }

    #[test]
    fn intervals_and_durations() {
        let unstated = |month, day| Date { year: YearRef::Unstated, month: Some(month), day: Some(day) };
        let new_year = TimeValue::Interval { from: unstated(12, 30), to: unstated(1, 2) };
        assert_eq!(resolve(&new_year, Some("2025-01-05")).as_deref(), Some("2024-12-30/2025-01-02"));
        let past = TimeValue::Duration { grain: Grain::Year, amount: 30, direction: Direction::Past };
        assert_eq!(resolve(&past, Some("2025-05-13")).as_deref(), Some("1995/2025"));
        assert_eq!(resolve(&past, None), None);
        let next = TimeValue::Duration { grain: Grain::Month, amount: 3, direction: Direction::Next };
        assert_eq!(resolve(&next, Some("2025-11-13")).as_deref(), Some("2025-11/2026-02"));
        assert_eq!(resolve(&next, Some("2025")), None);
    }

    #[test]
    fn stated_values_need_no_anchor() {
        assert_eq!(resolve(&date(YearRef::Stated(1992), None, None), None).as_deref(), Some("1992"));
        assert_eq!(resolve(&date(YearRef::Stated(1992), Some(1), Some(24)), None).as_deref(), Some("1992-01-24"));
    }
}
