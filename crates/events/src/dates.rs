//! Which date of a sentence belongs to which trigger: a time expression
//! goes to the nearest trigger before it ("talks in the capital on June 9",
//! "a visit from 24 to 28 November"), or, when none precedes it, to the
//! first after it ("On Monday, the leaders held talks"); a trigger takes the
//! nearest of its own. Times joined only by a conjunction ("in 1957 and
//! 1961") go together: the trigger happened once at each.

use crate::cues::{CueKind, Hit};
use crate::gap;
use accord_doc::{Date, DateRange, Span};
use accord_recognize::Analysis;
use accord_time::TimeValue;

struct Time<'a> {
    span: Span,
    value: &'a TimeValue,
    /// Index of the trigger it belongs to.
    owner: Option<usize>,
}

/// The time expressions of one sentence, each given to its nearest trigger.
pub struct Assigned<'a> {
    times: Vec<Time<'a>>,
    triggers: &'a [(Span, CueKind)],
    hits: &'a [Hit],
    text: &'a str,
    anchor: Option<&'a Date>,
}

impl<'a> Assigned<'a> {
    pub fn new(a: &'a Analysis, sentence: Span, triggers: &'a [(Span, CueKind)], hits: &'a [Hit]) -> Assigned<'a> {
        let times = Analysis::inside(&a.times, sentence)
            .map(|t| {
                // "since 1992" dates a step or a measure, never a visit or talks.
                let bounded = matches!(t.value, TimeValue::Bounded { .. });
                let can_own = |i: &usize| !bounded || matches!(triggers[*i].1, CueKind::MilestoneObject | CueKind::Policy);
                let before =
                    (0..triggers.len()).filter(can_own).filter(|&i| triggers[i].0.end <= t.span.start).max_by_key(|&i| triggers[i].0.end);
                let owner = before.or_else(|| {
                    (0..triggers.len()).filter(can_own).filter(|&i| triggers[i].0.start >= t.span.end).min_by_key(|&i| triggers[i].0.start)
                });
                Time { span: t.span, value: &t.value, owner }
            })
            .collect();
        Assigned { times, triggers, hits, text: a.doc.text.as_str(), anchor: a.reference() }
    }

    /// The dates of the trigger at `trigger`: its nearest usable time, with
    /// the times conjoined to it.
    /// Visits and talks last days: an interval of years beside them dates
    /// something else ("the 80th anniversary (1945-2025)").
    pub fn for_trigger(&self, trigger: Span) -> Vec<DateRange> {
        self.dates_of(trigger, |_| false, true)
    }

    /// As [`Assigned::for_trigger`], also taking the bounded values that
    /// `also` accepts ("since 1992" for a milestone).
    pub fn for_trigger_with(&self, trigger: Span, also: impl Fn(&TimeValue) -> bool) -> Vec<DateRange> {
        self.dates_of(trigger, also, false)
    }

    fn dates_of(&self, trigger: Span, also: impl Fn(&TimeValue) -> bool, lasts_days: bool) -> Vec<DateRange> {
        let Some(me) = self.triggers.iter().position(|t| t.0 == trigger) else {
            return Vec::new();
        };
        let usable = |t: &Time| -> Option<DateRange> {
            let ok = match t.value {
                TimeValue::Date(_) | TimeValue::Interval { .. } | TimeValue::Relative { .. } | TimeValue::Weekday { .. } => true,
                TimeValue::Duration { .. } => false,
                TimeValue::Bounded { .. } => also(t.value),
            };
            if ok {
                accord_time::resolve(t.value, self.anchor).filter(|d| !(lasts_days && spans_years(d)))
            } else {
                None
            }
        };
        let mut mine: Vec<usize> = (0..self.times.len()).filter(|&i| self.times[i].owner == Some(me)).collect();
        // A date after the trigger is its own ("a visit from May 11-12");
        // one before it only when none follows.
        mine.sort_by_key(|&i| (self.times[i].span.end <= trigger.start, gap(self.times[i].span, trigger)));
        let Some((first, date)) = mine.iter().find_map(|&i| usable(&self.times[i]).map(|d| (i, d))) else {
            return Vec::new();
        };
        let mut out = vec![date];
        let mut i = first;
        while i > 0 && self.conjoined(i - 1, i) {
            i -= 1;
            if let Some(d) = usable(&self.times[i]) {
                out.insert(0, d);
            }
        }
        let mut i = first;
        while i + 1 < self.times.len() && self.conjoined(i, i + 1) {
            i += 1;
            if let Some(d) = usable(&self.times[i]) {
                out.push(d);
            }
        }
        out.dedup();
        out
    }

    /// Only a conjunction (and punctuation) stands between two times.
    fn conjoined(&self, left: usize, right: usize) -> bool {
        let (from, to) = (self.times[left].span.end, self.times[right].span.start);
        if from > to {
            return false;
        }
        let mut rest = String::new();
        let mut at = from;
        for h in self.hits.iter().filter(|h| h.kind == CueKind::Conjunction && h.span.start >= from && h.span.end <= to) {
            rest.push_str(&self.text[at..h.span.start]);
            at = h.span.end;
        }
        rest.push_str(&self.text[at..to]);
        let saw_conjunction = at != from;
        saw_conjunction && rest.chars().all(|c| c.is_whitespace() || c == ',')
    }
}

/// The one day the sentence's dates name, if they name exactly one.
pub fn single_day_of(a: &Analysis, sentence: Span) -> Option<DateRange> {
    let mut days = Analysis::inside(&a.times, sentence)
        .filter(|t| matches!(t.value, TimeValue::Date(_) | TimeValue::Relative { .. } | TimeValue::Weekday { .. }))
        .filter_map(|t| accord_time::resolve(&t.value, a.reference()))
        .filter(|d| d.single_day().is_some());
    let day = days.next()?;
    days.all(|d| d == day).then_some(day)
}

/// Whether a resolved interval ("1945-10-10/2025-10-10", "2026/2030")
/// runs over more than a year boundary.
fn spans_years(date: &DateRange) -> bool {
    date.end.year() - date.start.year() > 1
}

#[cfg(test)]
mod span_tests {
    #[test]
    fn intervals_of_years_are_not_the_dates_of_a_visit() {
        let spans_years = |text: &str| text.parse().is_ok_and(|d| super::spans_years(&d));
        assert!(spans_years("1945-10-10/2025-10-10"));
        assert!(!spans_years("2024-12-30/2025-01-02"));
        assert!(!spans_years("2025-05-11/2025-05-12"));
        assert!(!spans_years("2025"));
    }
}
