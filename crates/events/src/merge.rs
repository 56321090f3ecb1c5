//! One record per happening: mentions of the same type whose people, host
//! and dates are compatible are merged, keeping the most precise date.

use crate::{Mention, Type};

/// How many records, the latest begun, a mention is compared with: a
/// happening told again after more than this many others begins a record
/// of its own. An article has a few dozen at most; the bound keeps merging
/// linear in the length of a document.
const RECORD_REACH: usize = 64;

/// A mention with its date's bounds, read once.
struct Dated {
    m: Mention,
    bounds: Option<(Day, Day)>,
}

impl Dated {
    fn new(m: Mention) -> Dated {
        let bounds = m.date.as_deref().and_then(bounds);
        Dated { m, bounds }
    }
}

/// Merge mentions (in text order) until no two describe one happening.
/// Each mention joins the compatible record it shares most with, so the
/// result does not depend on which mention came first beyond ties.
pub fn merge(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Dated> = Vec::new();
    for m in mentions {
        absorb_or_push(&mut out, Dated::new(m));
    }
    // A merge can make two records compatible (a host learnt later).
    loop {
        let before = out.len();
        let mut again: Vec<Dated> = Vec::new();
        for m in out {
            absorb_or_push(&mut again, m);
        }
        out = again;
        if out.len() == before {
            return out.into_iter().map(|d| d.m).collect();
        }
    }
}

fn absorb_or_push(out: &mut Vec<Dated>, m: Dated) {
    let from = out.len().saturating_sub(RECORD_REACH);
    let best = out[from..]
        .iter()
        .enumerate()
        .filter_map(|(i, o)| affinity(o, &m).map(|s| (s, from + i)))
        .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)));
    match best {
        Some((_, i)) => absorb(&mut out[i], m.m),
        None => out.push(m),
    }
}

/// How much two mentions share, or None when they cannot be one happening.
fn affinity(xd: &Dated, yd: &Dated) -> Option<u8> {
    let (x, y) = (&xd.m, &yd.m);
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
        && days_apart(x.date.as_deref(), y.date.as_deref()).is_some_and(|d| d <= SAME_TRIP_DAYS);
    if !same_trip && !bounds_compatible(xd.bounds, yd.bounds) {
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

fn absorb(dated: &mut Dated, m: Mention) {
    let into = &mut dated.m;
    for p in m.people {
        if !into.people.contains(&p) {
            into.people.push(p);
        }
    }
    if into.host.is_none() {
        into.host = m.host;
    }
    if into.place.is_none() {
        into.place = m.place;
    }
    if into.from.is_none() {
        into.from = m.from;
    }
    if into.kind == Type::Visit && into.label == "unstated" {
        into.label = m.label;
    }
    if precision(into.kind, m.date.as_deref()) > precision(into.kind, into.date.as_deref()) {
        into.date = m.date;
        dated.bounds = into.date.as_deref().and_then(bounds);
    }
}

/// How precise a date is for an event of this type. A visit lasts days,
/// so a day range beats a single day of it; other events happen on a day.
fn precision(kind: Type, date: Option<&str>) -> u8 {
    let Some(date) = date else { return 0 };
    match date.split_once('/') {
        Some((from, to)) if from.len() == 10 && to.len() == 10 => {
            if kind == Type::Visit {
                5
            } else {
                3
            }
        }
        Some((from, _)) if from.len() >= 7 => 2,
        Some(_) => 1,
        None if date.len() == 10 => 4,
        None if date.len() == 7 => 2,
        None => 1,
    }
}

/// How many days apart two day-precise mentions of one visit may be.
const SAME_TRIP_DAYS: u32 = 7;

/// Days between the starts of two dates given to the day.
fn days_apart(x: Option<&str>, y: Option<&str>) -> Option<u32> {
    let (x, y) = (x?, y?);
    if x.len() < 10 || y.len() < 10 {
        return None;
    }
    let (a, b) = (ordinal(bounds(x)?.0), ordinal(bounds(y)?.0));
    Some(a.abs_diff(b))
}

/// The date begins more than `slack` days after the reference date ends.
pub fn starts_after(date: Option<&str>, reference: Option<&str>, slack: u32) -> bool {
    match (date.and_then(bounds), reference.and_then(bounds)) {
        (Some((start, _)), Some((_, reference_end))) => ordinal(start) > ordinal(reference_end) + slack,
        _ => false,
    }
}

/// A day count that orders dates and measures short distances (months
/// counted as 31 days; exact enough within a month or two).
fn ordinal((year, month, day): (u32, u32, u32)) -> u32 {
    year * 372 + month * 31 + day
}

/// Two dates contradict when both are present and do not overlap.
#[cfg(test)]
fn dates_compatible(x: Option<&str>, y: Option<&str>) -> bool {
    bounds_compatible(x.and_then(bounds), y.and_then(bounds))
}

fn bounds_compatible(x: Option<(Day, Day)>, y: Option<(Day, Day)>) -> bool {
    match (x, y) {
        (Some((xl, xh)), Some((yl, yh))) => xl <= yh && yl <= xh,
        _ => true,
    }
}

/// A calendar day as (year, month, day).
type Day = (u32, u32, u32);

/// First and last day an ISO date or interval covers.
fn bounds(date: &str) -> Option<(Day, Day)> {
    let (from, to) = date.split_once('/').unwrap_or((date, date));
    Some((day_of(from, false)?, day_of(to, true)?))
}

fn day_of(date: &str, last: bool) -> Option<(u32, u32, u32)> {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let year = parts.next()??;
    let month = parts.next().flatten();
    let day = parts.next().flatten();
    let (dm, dd) = if last { (12, 31) } else { (1, 1) };
    Some((year, month.unwrap_or(dm), day.unwrap_or(dd)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_compatibility() {
        assert!(dates_compatible(Some("2025-05-11/2025-05-12"), Some("2025-05-12")));
        assert!(dates_compatible(Some("2017-06"), Some("2017-06-27")));
        assert!(!dates_compatible(Some("1957"), Some("1961")));
        assert!(dates_compatible(None, Some("1961")));
    }

    #[test]
    fn visit_ranges_beat_days() {
        assert!(precision(Type::Visit, Some("2025-05-11/2025-05-12")) > precision(Type::Visit, Some("2025-05-11")));
        assert!(precision(Type::Meeting, Some("2025-05-11")) > precision(Type::Meeting, Some("2025-05-11/2025-05-12")));
        assert!(precision(Type::Milestone, Some("1992-01-24")) > precision(Type::Milestone, Some("1992")));
    }
}
