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
use accord_doc::facts::{Agreement, Event};
use accord_recognize::Analysis;

/// The single days (ISO `YYYY-MM-DD`) the document's time expressions name.
fn days_named(a: &Analysis) -> Vec<String> {
    let anchor = a.reference();
    let mut days: Vec<String> =
        a.times.iter().filter_map(|t| accord_time::resolve(&t.value, anchor)).filter(|d| d.len() == 10 && !d.contains('/')).collect();
    days.sort();
    days.dedup();
    days
}

/// The one named day inside a span `from/to` of days, if exactly one.
fn narrow(span: &str, days: &[String]) -> Option<String> {
    let (from, to) = span.split_once('/')?;
    if from.len() != 10 || to.len() != 10 {
        return None;
    }
    let mut inside = days.iter().filter(|d| d.as_str() >= from && d.as_str() <= to);
    match (inside.next(), inside.next()) {
        (Some(day), None) => Some(day.clone()),
        _ => None,
    }
}

pub fn refine(a: &Analysis, occasion: Option<&Occasion>, events: &mut [Event], agreements: &mut [Agreement]) {
    let days = days_named(a);
    for e in events.iter_mut().filter(|e| e.kind == "milestone" || e.kind == "meeting") {
        if let Some(day) = e.date.as_deref().and_then(|d| narrow(d, &days)) {
            e.date = Some(day);
        }
    }
    let mut meeting_days = events.iter().filter(|e| e.kind == "meeting").filter_map(|e| e.date.clone()).filter(|d| d.len() == 10);
    let only_meeting_day = match (meeting_days.next(), meeting_days.next()) {
        (Some(d), None) => Some(d),
        _ => None,
    };
    let anchor = a.reference();
    for ag in agreements.iter_mut().filter(|g| g.status.as_deref() == Some("signed")) {
        if let Some(day) = ag.signed.as_deref().and_then(|d| narrow(d, &days)) {
            ag.signed = Some(day);
            continue;
        }
        if ag.signed.is_some() {
            continue;
        }
        let sentence = accord_doc::Span::new(ag.evidence.start, ag.evidence.end);
        // A span of days in the signing sentence, narrowed to the one day named.
        let in_sentence =
            Analysis::inside(&a.times, sentence).filter_map(|t| accord_time::resolve(&t.value, anchor)).find_map(|d| narrow(&d, &days));
        let talks_in_sentence = events
            .iter()
            .filter(|e| e.kind == "meeting" && e.evidence.start == ag.evidence.start)
            .find_map(|e| e.date.clone().filter(|d| d.len() == 10));
        let at_occasion = || occasion.and_then(|o| o.signing_day(ag));
        ag.signed = in_sentence.or(talks_in_sentence).or_else(at_occasion).or_else(|| only_meeting_day.clone());
    }
}
