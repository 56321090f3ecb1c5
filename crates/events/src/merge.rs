//! One record per happening: mentions of the same type whose people, host
//! and dates are compatible are merged, keeping the most precise date.

use crate::{Mention, Type};
use accord_doc::{Date, DateRange, Precision};

/// How many records, the latest begun, a mention is compared with: a
/// happening told again after more than this many others begins a record
/// of its own. An article has a few dozen at most; the bound keeps merging
/// linear in the length of a document.
const RECORD_REACH: usize = 64;

/// Merge mentions (in text order) until no two describe one happening.
/// Each mention joins the compatible record it shares most with, so the
/// result does not depend on which mention came first beyond ties.
pub fn merge(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in mentions {
        absorb_or_push(&mut out, m);
    }
    // A merge can make two records compatible (a host learnt later).
    loop {
        let before = out.len();
        let mut again: Vec<Mention> = Vec::new();
        for m in out {
            absorb_or_push(&mut again, m);
        }
        out = again;
        if out.len() == before {
            return out;
        }
    }
}

fn absorb_or_push(out: &mut Vec<Mention>, m: Mention) {
    let from = out.len().saturating_sub(RECORD_REACH);
    let best = out[from..]
        .iter()
        .enumerate()
        .filter_map(|(i, o)| affinity(o, &m).map(|s| (s, from + i)))
        .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)));
    match best {
        Some((_, i)) => absorb(&mut out[i], m),
        None => out.push(m),
    }
}

/// How much two mentions share, or None when they cannot be one happening.
fn affinity(x: &Mention, y: &Mention) -> Option<u8> {
    if x.kind != y.kind {
        return None;
    }
    let shared_people = x.people.iter().any(|p| y.people.contains(p));
    let same_host = x.host.is_some() && x.host == y.host;
    // The same person's visit to the same host, dated a few days apart in
    // two sentences ("on Monday" read against a later publication), is one.
    let same_trip = x.kind == Type::Visit
        && shared_people
        && same_host
        && days_apart(x.date.as_ref(), y.date.as_ref()).is_some_and(|d| d <= SAME_TRIP_DAYS);
    if !same_trip && !dates_compatible(x.date.as_ref(), y.date.as_ref()) {
        return None;
    }
    match x.kind {
        Type::Visit => {
            if x.host.is_some() && y.host.is_some() && x.host != y.host {
                return None;
            }
            if !(shared_people || x.people.is_empty() || y.people.is_empty()) {
                return None;
            }
            if x.from.is_some() && y.from.is_some() && x.from != y.from {
                return None;
            }
        }
        Type::Meeting => {
            let subset = |a: &[usize], b: &[usize]| a.iter().all(|p| b.contains(p));
            if !(subset(&x.people, &y.people) || subset(&y.people, &x.people)) {
                return None;
            }
        }
        Type::Milestone => {
            if x.label != y.label {
                return None;
            }
        }
        Type::Policy => {
            if x.label != y.label || x.by != y.by {
                return None;
            }
        }
    }
    let both_dated = x.date.is_some() && y.date.is_some();
    Some(2 * u8::from(shared_people) + 2 * u8::from(same_host) + u8::from(both_dated))
}

fn absorb(into: &mut Mention, m: Mention) {
    for p in m.people {
        if !into.people.contains(&p) {
            into.people.push(p);
        }
    }
    into.host = into.host.take().or(m.host);
    into.place = into.place.take().or(m.place);
    into.from = into.from.take().or(m.from);
    if into.kind == Type::Visit && into.label == "unstated" {
        into.label = m.label;
    }
    if precision(into.kind, m.date.as_ref()) > precision(into.kind, into.date.as_ref()) {
        into.date = m.date;
    }
}

/// How precise a date is for an event of this type. A visit lasts days,
/// so a day range beats a single day of it; other events happen on a day.
fn precision(kind: Type, date: Option<&DateRange>) -> u8 {
    let Some(date) = date else { return 0 };
    if date.is_single() {
        return match date.start.precision() {
            Precision::Day => 4,
            Precision::Month => 2,
            Precision::Year => 1,
        };
    }
    match (date.start.precision(), date.end.precision()) {
        (Precision::Day, Precision::Day) if kind == Type::Visit => 5,
        (Precision::Day, Precision::Day) => 3,
        (Precision::Year, _) => 1,
        _ => 2,
    }
}

/// How many days apart two day-precise mentions of one visit may be.
const SAME_TRIP_DAYS: i64 = 7;

/// Days between the starts of two dates that begin on a given day.
fn days_apart(x: Option<&DateRange>, y: Option<&DateRange>) -> Option<i64> {
    x?.start.days_until(&y?.start).map(i64::abs)
}

/// The date begins more than `slack` days after the reference date ends.
pub fn starts_after(date: Option<&DateRange>, reference: Option<&Date>, slack: i64) -> bool {
    match (date, reference) {
        (Some(date), Some(reference)) => date.first_day_number() > reference.last_day_number() + slack,
        _ => false,
    }
}

/// Two dates contradict when both are present and share no day.
fn dates_compatible(x: Option<&DateRange>, y: Option<&DateRange>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => x.overlaps(y),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> Option<DateRange> {
        text.parse().ok()
    }

    #[test]
    fn date_compatibility() {
        assert!(dates_compatible(range("2025-05-11/2025-05-12").as_ref(), range("2025-05-12").as_ref()));
        assert!(dates_compatible(range("2017-06").as_ref(), range("2017-06-27").as_ref()));
        assert!(!dates_compatible(range("1957").as_ref(), range("1961").as_ref()));
        assert!(dates_compatible(None, range("1961").as_ref()));
    }

    #[test]
    fn days_are_counted_on_the_calendar_across_month_ends() {
        // Months of 31 days made 30 April to 1 May two days, and a week
        // from 27 February ten.
        let published = "2025-04-30".parse::<Date>().ok();
        assert!(!starts_after(range("2025-05-01").as_ref(), published.as_ref(), 1));
        assert!(starts_after(range("2025-05-02").as_ref(), published.as_ref(), 1));
        assert!(!starts_after(range("2025-05").as_ref(), "2025-05".parse::<Date>().ok().as_ref(), 1));
        assert_eq!(days_apart(range("2025-02-27").as_ref(), range("2025-03-06").as_ref()), Some(7));
        assert_eq!(days_apart(range("2024-02-27").as_ref(), range("2024-03-06").as_ref()), Some(8));
        assert_eq!(days_apart(range("2025-02").as_ref(), range("2025-03-06").as_ref()), None);
    }

    #[test]
    fn visit_ranges_beat_days() {
        assert!(precision(Type::Visit, range("2025-05-11/2025-05-12").as_ref()) > precision(Type::Visit, range("2025-05-11").as_ref()));
        assert!(precision(Type::Meeting, range("2025-05-11").as_ref()) > precision(Type::Meeting, range("2025-05-11/2025-05-12").as_ref()));
        assert!(precision(Type::Milestone, range("1992-01-24").as_ref()) > precision(Type::Milestone, range("1992").as_ref()));
    }
}
