//! Dates across stages: each stage dates its records from its own sentence;
//! this pass gives every record the most precise date the document supports.
//!
//! - A milestone, meeting or signing dated by a span of days ("during the
//!   visit on May 11-12") happened on one of them: when the document names
//!   exactly one day inside the span, that is the day.
//! - An instrument signed with no date of its own in its sentence was signed
//!   at the talks of that sentence or, failing that, at the report's
//!   occasion ([`crate::occasion`]) or its one dated meeting.

use crate::occasion::Occasion;
use accord_doc::date::is_iso_day;
use accord_doc::facts::{Agreement, Event};
use accord_doc::{Date, DateRange};
use accord_recognize::Analysis;

/// The single days the document's time expressions name, in order.
fn days_named(a: &Analysis) -> Vec<Date> {
    let anchor = a.reference();
    let mut days: Vec<Date> = a.times.iter().filter_map(|t| accord_time::resolve(&t.value, anchor)?.single_day()).collect();
    days.sort();
    days.dedup();
    days
}

/// The one named day inside a span of days, if exactly one.
fn narrow(span: &DateRange, days: &[Date]) -> Option<Date> {
    if span.is_single() || !span.start.is_day() || !span.end.is_day() {
        return None;
    }
    let mut inside = days.iter().filter(|d| span.contains(&DateRange::from(**d)));
    match (inside.next(), inside.next()) {
        (Some(day), None) => Some(*day),
        _ => None,
    }
}

/// The one named day inside a record's span of days (ISO text), if exactly one.
fn narrow_text(span: &str, days: &[Date]) -> Option<String> {
    narrow(&span.parse().ok()?, days).map(|d| d.to_string())
}

pub fn refine(a: &Analysis, occasion: Option<&Occasion>, events: &mut [Event], agreements: &mut [Agreement]) {
    let days = days_named(a);
    for e in events.iter_mut().filter(|e| e.kind == "milestone" || e.kind == "meeting") {
        if let Some(day) = e.date.as_deref().and_then(|d| narrow_text(d, &days)) {
            e.date = Some(day);
        }
    }
    let mut meeting_days = events.iter().filter(|e| e.kind == "meeting").filter_map(|e| e.date.clone()).filter(|d| is_iso_day(d));
    let only_meeting_day = match (meeting_days.next(), meeting_days.next()) {
        (Some(d), None) => Some(d),
        _ => None,
    };
    let anchor = a.reference();
    for ag in agreements.iter_mut().filter(|g| g.status.as_deref() == Some("signed")) {
        if let Some(day) = ag.signed.as_deref().and_then(|d| narrow_text(d, &days)) {
            ag.signed = Some(day);
            continue;
        }
        if ag.signed.is_some() {
            continue;
        }
        let sentence = accord_doc::Span::new(ag.evidence.start, ag.evidence.end);
        // A span of days in the signing sentence, narrowed to the one day named.
        let in_sentence = Analysis::inside(&a.times, sentence)
            .filter_map(|t| accord_time::resolve(&t.value, anchor))
            .find_map(|d| narrow(&d, &days).map(|d| d.to_string()));
        let talks_in_sentence = events
            .iter()
            .filter(|e| e.kind == "meeting" && e.evidence.start == ag.evidence.start)
            .find_map(|e| e.date.clone().filter(|d| is_iso_day(d)));
        let at_occasion = || occasion.and_then(|o| o.signing_day(ag));
        ag.signed = in_sentence.or(talks_in_sentence).or_else(at_occasion).or_else(|| only_meeting_day.clone());
    }
}
