//! The filters of the query commands: a date range and an area.

use crate::error::{ErrorKind, StoreError};
use crate::Result;

/// A date range, each end optional and at any precision (`2024`,
/// `2024-05`, `2024-05-11`), both ends included. A record is in it when its
/// date (or interval, or period) overlaps it; an undated record is not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dates {
    pub since: Option<String>,
    pub until: Option<String>,
}

impl Dates {
    /// No bound: every record, dated or not.
    pub fn any() -> Dates {
        Dates::default()
    }

    /// An error that says what a date is when a bound is not one, or when
    /// the range is empty.
    pub fn check(&self) -> Result<()> {
        self.keys().map(|_| ())
    }

    pub fn is_any(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// The bounds as 10-character keys that compare as strings with the
    /// padded ends of a stored date: since 2024-05 is `2024-05-00`, until
    /// 2024-05 is `2024-05-99`. A bound that is not a date is an error.
    pub(crate) fn keys(&self) -> Result<(Option<String>, Option<String>)> {
        let key = |given: &Option<String>, name: &str, pad: &str| -> Result<Option<String>> {
            let Some(given) = given else { return Ok(None) };
            let g = given.trim();
            if let Err(error) = g.parse::<accord_doc::Date>() {
                return Err(StoreError::new(
                    ErrorKind::BadArgument,
                    format!(
                        "--{name} '{given}' is not a date ({}): give YYYY, YYYY-MM or YYYY-MM-DD (2024, 2024-05, 2024-05-11)",
                        error.reason()
                    ),
                ));
            }
            Ok(Some(format!("{g}{pad}")[..10].to_string()))
        };
        let since = key(&self.since, "since", "-00-00")?;
        let until = key(&self.until, "until", "-99-99")?;
        if let (Some(s), Some(u)) = (&since, &until) {
            if s > u {
                return Err(StoreError::new(
                    ErrorKind::BadArgument,
                    format!(
                        "--since {} is after --until {}: nothing can be in between",
                        self.since.as_deref().unwrap_or_default(),
                        self.until.as_deref().unwrap_or_default()
                    ),
                ));
            }
        }
        Ok((since, until))
    }

    /// Whether a stored date (`2024`, `2024-05-11`, `2025-05-11/2025-05-12`)
    /// overlaps the range; `None` (undated) only when there is no bound.
    pub fn contains(&self, date: Option<&str>) -> bool {
        let Ok((since, until)) = self.keys() else {
            return false;
        };
        if since.is_none() && until.is_none() {
            return true;
        }
        let Some(date) = date else { return false };
        let (start, end) = date.split_once('/').unwrap_or((date, date));
        let end = format!("{end}-99-99");
        let start = format!("{start}-00-00");
        since.is_none_or(|s| end.get(..10).unwrap_or(&end) >= s.as_str())
            && until.is_none_or(|u| start.get(..10).unwrap_or(&start) <= u.as_str())
    }
}

/// An SQL condition: the date expression `date` (possibly an interval
/// `start/end`) overlaps the range bound to the parameters `?since` and
/// `?until` (keys from [`Dates::keys`]); true when both are NULL.
pub(crate) fn overlaps(date: &str, since: &str, until: &str) -> String {
    format!(
        "(({since} IS NULL AND {until} IS NULL) OR (\
         ({since} IS NULL OR substr(substr({date}, instr({date}, '/') + 1) || '-99-99', 1, 10) >= {since}) AND \
         ({until} IS NULL OR substr(substr({date}, 1, instr({date} || '/', '/') - 1) || '-00-00', 1, 10) <= {until})))"
    )
}

/// The areas of commitments and agreement topics (facts.md "Areas").
pub fn areas() -> &'static [&'static str] {
    static AREAS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<&str> = accord_lang::data_lines(accord_data::file(accord_doc::Lang::En, "areas.tsv"))
            .filter_map(|l| l.split('\t').next())
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        v.push("other");
        v
    });
    &AREAS
}

/// An area as the user typed it ("Science technology", "people-to-people"),
/// or an error naming the areas (and the nearest one).
pub(crate) fn area(given: &str) -> Result<String> {
    let area = given.trim().to_lowercase().replace([' ', '-'], "_");
    if areas().contains(&area.as_str()) {
        return Ok(area);
    }
    let nearest = areas().iter().copied().min_by_key(|a| edit_distance(a, &area)).filter(|a| edit_distance(a, &area) <= 2);
    let hint = nearest.map(|a| format!(" (did you mean {a}?)")).unwrap_or_default();
    Err(StoreError::new(ErrorKind::BadArgument, format!("unknown area '{given}'{hint}: give one of {}", areas().join(", "))))
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(since: Option<&str>, until: Option<&str>) -> Dates {
        Dates { since: since.map(Into::into), until: until.map(Into::into) }
    }

    #[test]
    fn a_record_is_in_a_range_when_its_dates_overlap_it() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let cases = [
            (range(Some("2024"), None), Some("2025-05-12"), true),
            (range(Some("2024"), None), Some("2023-12-31"), false),
            (range(Some("2024-05"), None), Some("2024"), true),
            (range(None, Some("2024-05")), Some("2024-05-31"), true),
            (range(None, Some("2024-05")), Some("2024-06-01"), false),
            (range(Some("2025-05-12"), Some("2025-05-12")), Some("2025-05-11/2025-05-12"), true),
            (range(Some("2025-05-13"), None), Some("2025-05-11/2025-05-12"), false),
            (range(Some("2019"), Some("2019")), Some("2016/2020"), true),
            (range(Some("2024"), None), None, false),
            (range(None, None), None, true),
        ];
        for (dates, date, expected) in cases {
            assert_eq!(dates.contains(date), expected, "{dates:?} {date:?}");
            let (since, until) = dates.keys().unwrap();
            let sql = format!("SELECT coalesce({}, 0)", overlaps("?1", "?2", "?3"));
            let got: bool = conn.query_row(&sql, rusqlite::params![date, since, until], |r| r.get(0)).unwrap();
            assert_eq!(got, expected, "SQL: {dates:?} {date:?}");
        }
    }

    #[test]
    fn bad_bounds_say_what_a_date_is() {
        for bad in ["2024-13", "24", "2024-5", "May 2024", "2024-05-11/2024-05-12", "2025-02-29", "2024-04-31"] {
            let e = range(Some(bad), None).keys().unwrap_err();
            assert!(e.message.contains("YYYY-MM"), "{e}");
        }
        let e = range(Some("2025"), Some("2024")).keys().unwrap_err();
        assert!(e.message.contains("after"), "{e}");
    }

    #[test]
    fn an_unknown_area_names_the_areas() {
        assert_eq!(area("Science technology").unwrap(), "science_technology");
        assert_eq!(area("people-to-people").unwrap(), "people_to_people");
        let e = area("tradee").unwrap_err();
        assert!(e.message.contains("did you mean trade?") && e.message.contains("maritime"), "{e}");
    }
}
