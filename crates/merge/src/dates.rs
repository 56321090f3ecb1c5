//! ISO dates at any precision as day intervals, for comparing what two
//! sources say: `"2025"`, `"2025-05"`, `"2025-Q2"`, `"2025-05-12"`, and
//! intervals `"2025-05-11/2025-05-12"`.

/// A closed interval of days (days counted from 0000-03-01; only order and
/// length matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Days {
    pub first: i64,
    pub last: i64,
}

impl Days {
    pub fn parse(text: &str) -> Option<Days> {
        let (a, b) = match text.split_once('/') {
            Some((a, b)) => (a, b),
            None => (text, text),
        };
        let first = point(a.trim(), false)?;
        let last = point(b.trim(), true)?;
        (first <= last).then_some(Days { first, last })
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

fn point(text: &str, end: bool) -> Option<i64> {
    let mut parts = text.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    if !(1..=9999).contains(&year) {
        return None;
    }
    let (month, day) = match (parts.next(), parts.next()) {
        (None, _) => (if end { 12 } else { 1 }, None),
        (Some(q), None) if q.starts_with('Q') => {
            let quarter: i64 = q[1..].parse().ok().filter(|q| (1..=4).contains(q))?;
            (if end { 3 * quarter } else { 3 * quarter - 2 }, None)
        }
        (Some(m), day) => {
            let month: i64 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            (month, day)
        }
    };
    let last_day = days_in_month(year, month);
    let day = match day {
        Some(d) => d.parse().ok().filter(|d| (1..=last_day).contains(d))?,
        None if end => last_day,
        None => 1,
    };
    Some(day_number(year, month, day))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from a fixed origin (the civil-from-days algorithm in reverse).
fn day_number(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe
}

fn year_of(days: i64) -> i64 {
    let era = days.div_euclid(146097);
    let doe = days - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
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
        assert_eq!(Days::parse("2025-Q1").unwrap(), Days::parse("2025-01/2025-03").unwrap());
        assert!(!day.nested(&Days::parse("2025-05-20").unwrap()));
        assert_eq!(Days::parse("not a date"), None);
        assert_eq!(most_precise(["2025", "2025-05-12", "2025-05"].into_iter()), Some("2025-05-12"));
        assert_eq!(day.first_year(), 2025);
        assert_eq!(Days::parse("2024-02-29").map(|d| d.len()), Some(1));
        assert_eq!(Days::parse("2023-02-29"), None);
        assert_eq!(Days::parse("2025-05-12/2025-05-11"), None);
        assert_eq!(Days::parse("2025-13"), None);
        assert_eq!(Days::parse("2025-Q5"), None);
    }
}
