use super::*;

fn date(text: &str) -> Date {
    text.parse().unwrap_or_else(|e| panic!("{e}"))
}

fn range(text: &str) -> DateRange {
    text.parse().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn iso_strings_round_trip_at_every_precision() {
    for text in ["1992", "2023-12", "2025-05-12", "0000", "9999-12-31", "2024-02-29"] {
        assert_eq!(date(text).to_string(), text);
    }
    for text in ["2025-05-11/2025-05-12", "2020/2021", "2025-01/2025-03", "1995/2025-05", "2025-05-12"] {
        assert_eq!(range(text).to_string(), text);
    }
    assert_eq!(date("2023-12").precision(), Precision::Month);
    assert_eq!(date("1992").precision(), Precision::Year);
    assert!(date("2025-05-12").is_day() && !date("2025-05").is_day());
    assert!(is_iso_day("2025-05-12") && !is_iso_day("2025-05") && !is_iso_day("2025-05-11/2025-05-12"));
    assert_eq!(date("2025-05-12").truncate(Precision::Month), date("2025-05"));
    assert_eq!(date("2025-05-12").truncate(Precision::Year), date("2025"));
    assert_eq!(date("2025").truncate(Precision::Month), date("2025"));
}

#[test]
fn invalid_text_is_rejected_with_a_reason() {
    let bad = [
        ("2025-02-30", "the month has no such day"),
        ("2023-02-29", "the month has no such day"),
        ("2025-04-31", "the month has no such day"),
        ("2025-13", "the month is not one of 01 to 12"),
        ("2025-00", "the month is not one of 01 to 12"),
        ("2025-05-00", "the month has no such day"),
        ("2025-5-1", "not of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("25", "not of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("", "not of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("May 2025", "not of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2025-05-13-1", "not of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("+202-05", "not of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ];
    for (text, reason) in bad {
        let error = text.parse::<Date>().expect_err(text);
        assert_eq!(error.to_string(), format!("invalid date {text:?}: {reason}"));
        assert_eq!(error.reason(), reason);
    }
    assert!("2025-05-12/2025-05-11".parse::<DateRange>().is_err());
    assert!("2025-05-12/".parse::<DateRange>().is_err());
    assert!("2025-Q1".parse::<DateRange>().is_err());
    assert!(Date::new(2025, None, Some(3)).is_err());
    assert!(Date::from_year(10_000).is_none() && Date::from_year(-1).is_none());
}

#[test]
fn serde_writes_the_iso_string() {
    let json = serde_json::to_string(&(date("2025-05"), range("2025-05-11/2025-05-12"))).unwrap_or_default();
    assert_eq!(json, r#"["2025-05","2025-05-11/2025-05-12"]"#);
    let back: Option<Date> = serde_json::from_str(r#""2024-02-29""#).unwrap_or_default();
    assert_eq!(back, Some(date("2024-02-29")));
    assert!(serde_json::from_str::<Date>(r#""2025-02-30""#).is_err());
}

#[test]
fn leap_years_and_month_ends() {
    assert!(is_leap_year(2024) && is_leap_year(2000) && !is_leap_year(1900) && !is_leap_year(2025));
    assert_eq!(days_in_month(2024, 2), 29);
    assert_eq!(days_in_month(1900, 2), 28);
    assert_eq!(days_in_month(2025, 13), 0);
    assert_eq!(date("2024-02").last_day(), date("2024-02-29"));
    assert_eq!(date("2023-02").last_day(), date("2023-02-28"));
    assert_eq!(date("2025-04").span_days(), 30);
    assert_eq!(date("2025-02-28").add_days(1), Some(date("2025-03-01")));
    assert_eq!(date("2024-02-28").add_days(1), Some(date("2024-02-29")));
    assert_eq!(date("2024-12-31").add_days(1), Some(date("2025-01-01")));
    assert_eq!(date("2025-03-01").add_days(-1), Some(date("2025-02-28")));
    assert_eq!(date("2025-05").add_days(1), None);
    assert_eq!(date("9999-12-31").add_days(1), None);
}

#[test]
fn year_precision_spans_the_whole_year() {
    let year = date("2024");
    assert_eq!((year.first_day(), year.last_day()), (date("2024-01-01"), date("2024-12-31")));
    assert_eq!(year.span_days(), 366);
    assert_eq!(date("2025").span_days(), 365);
    assert_eq!(date("2025").last_day_number() - date("2025").day_number(), 364);
    assert!(year.contains(&date("2024-02")) && year.contains(&date("2024-12-31")) && !year.contains(&date("2025-01-01")));
    assert!(!date("2024-02").contains(&year) && year.overlaps(&date("2024-02")));
}

#[test]
fn day_numbers_are_exact() {
    assert_eq!(date("1970-01-01").day_number(), 0);
    assert_eq!(date("2000-03-01").day_number() - date("2000-02-28").day_number(), 2);
    assert_eq!(date("1900-03-01").day_number() - date("1900-02-28").day_number(), 1);
    assert_eq!(date("2024-02-28").days_until(&date("2024-03-01")), Some(2));
    assert_eq!(date("2025-05-25").days_until(&date("2025-05-20")), Some(-5));
    assert_eq!(date("2025-05").days_until(&date("2025-05-20")), None);
    for days in [-719_528, -1, 0, 1, 10_957, 20_221, 2_932_896] {
        let day = Date::from_day_number(days).unwrap_or_else(|| panic!("{days}"));
        assert_eq!(day.day_number(), days);
    }
    assert_eq!(Date::from_day_number(-719_529), None);
}

#[test]
fn weekdays_and_months() {
    // 2025-05-11 was a Sunday, 1991-12-27 a Friday.
    assert_eq!(date("2025-05-11").weekday(), Some(7));
    assert_eq!(date("1991-12-27").weekday(), Some(5));
    assert_eq!(date("2025-05").weekday(), None);
    assert_eq!(date("2025-01").add_months(-1), Some(date("2024-12")));
    assert_eq!(date("2025-11").add_months(3), Some(date("2026-02")));
    assert_eq!(date("2025-11-01").add_months(3), None);
    assert_eq!(date("2019").add_years(-1), Some(date("2018")));
}

#[test]
fn ranges_nest_and_overlap_by_days() {
    let year = range("2025");
    let month = range("2025-05");
    let visit = range("2025-05-11/2025-05-12");
    let day = range("2025-05-12");
    assert!(year.contains(&month) && month.contains(&visit) && visit.contains(&day));
    assert_eq!(visit.span_days(), 2);
    assert_eq!((day.single_day(), visit.single_day(), month.single_day()), (Some(date("2025-05-12")), None, None));
    assert_eq!(range("2025-01/2025-03").span_days(), 90);
    assert!(!day.nested(&range("2025-05-20")) && visit.nested(&day));
    assert!(!range("1957").overlaps(&range("1961")) && range("2017-06").overlaps(&range("2017-06-27")));
    assert!(range("2025/2025-02").overlaps(&range("2025-02-28")));
    assert!(date("2025") < date("2025-01") && date("2025-01") < date("2025-01-01") && date("2024-12-31") < date("2025"));
}

proptest::proptest! {
    /// Every day of the four-digit years: its number, the text and the next
    /// day all agree with each other.
    #[test]
    fn every_day_round_trips(days in -719_528i64..=2_932_896) {
        let day = Date::from_day_number(days).unwrap_or_else(|| panic!("{days}"));
        proptest::prop_assert_eq!(day.day_number(), days);
        proptest::prop_assert_eq!(date(&day.to_string()), day);
        let month = day.truncate(Precision::Month);
        proptest::prop_assert!(month.contains(&day) && month.span_days() == i64::from(days_in_month(day.year(), day.month().unwrap_or(0))));
        if let Some(next) = day.add_days(1) {
            proptest::prop_assert!(next > day && day.days_until(&next) == Some(1));
        }
    }
}
