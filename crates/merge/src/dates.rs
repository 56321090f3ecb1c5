//! Record dates at any precision as the days they cover, for comparing
//! what two sources say: `"2025"`, `"2025-05"`, `"2025-05-12"`, and
//! intervals `"2025-05-11/2025-05-12"`. Two dates that cover the same days
//! (`"2025-01/2025-03"` and `"2025-01-01/2025-03-31"`) are one date here.

use accord_doc::{Date, DateRange};

/// A closed interval of day numbers (as [`Date::day_number`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Days {
    pub first: i64,
    pub last: i64,
}

impl From<DateRange> for Days {
    fn from(range: DateRange) -> Days {
        Days { first: range.first_day_number(), last: range.last_day_number() }
    }
}

impl Days {
    /// None for text that is no ISO date or interval.
    pub fn parse(text: &str) -> Option<Days> {
        text.parse::<DateRange>().ok().map(Days::from)
    }

    /// Length in days: smaller is more precise.
    pub fn len(&self) -> i64 {
        self.last - self.first + 1
    }

    pub fn contains(&self, other: &Days) -> bool {
        self.first <= other.first && other.last <= self.last
    }

    /// One contains the other: the two can be the same date reported at
    /// different precisions.
    pub fn nested(&self, other: &Days) -> bool {
        self.contains(other) || other.contains(self)
    }

    pub fn first_year(&self) -> i64 {
        year_of(self.first)
    }

    pub fn last_year(&self) -> i64 {
        year_of(self.last)
    }
}

/// Among compatible dates, the most precise (shortest interval; ties broken
/// by the text so the choice is deterministic).
pub fn most_precise<'a>(dates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    dates.filter_map(|d| Days::parse(d).map(|days| (days.len(), d))).min().map(|(_, d)| d)
}

fn year_of(day_number: i64) -> i64 {
    // Day numbers of parsed dates always have a day.
    Date::from_day_number(day_number).map_or(0, |d| i64::from(d.year()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_and_nesting() {
        let year = Days::parse("2025").unwrap();
        let month = Days::parse("2025-05").unwrap();
        let visit = Days::parse("2025-05-11/2025-05-12").unwrap();
        let day = Days::parse("2025-05-12").unwrap();
        assert!(year.contains(&month) && month.contains(&visit) && visit.contains(&day));
        assert_eq!(visit.len(), 2);
        assert_eq!(Days::parse("2024").unwrap().len(), 366);
        assert_eq!(Days::parse("2025-01/2025-03"), Days::parse("2025-01-01/2025-03-31"));
        assert!(!day.nested(&Days::parse("2025-05-20").unwrap()));
        assert_eq!(Days::parse("not a date"), None);
        assert_eq!(most_precise(["2025", "2025-05-12", "2025-05"].into_iter()), Some("2025-05-12"));
        assert_eq!(day.first_year(), 2025);
        assert_eq!(Days::parse("2024-02-29").map(|d| d.len()), Some(1));
        assert_eq!(Days::parse("2023-02-29"), None);
        assert_eq!(Days::parse("2025-05-12/2025-05-11"), None);
        assert_eq!(Days::parse("2025-13"), None);
        assert_eq!(day.last_year(), 2025);
        assert_eq!(Days::parse("1995/2025").map(|d| (d.first_year(), d.last_year())), Some((1995, 2025)));
    }
}
