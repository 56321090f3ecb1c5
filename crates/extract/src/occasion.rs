//! The occasion of a report. A news report mostly tells one occasion (talks,
//! a welcome ceremony, a signing, a call) in its lead, with its day, and then
//! what happened at it in the sentences after, often with no date of their
//! own: "The two leaders then held talks", "The first document exchanged
//! was a memorandum on ...". What happened there inherits the day:
//!
//! - talks and meetings with no date of their own were held that day;
//! - an instrument signed with no date of its own was signed that day;
//! - the visit the occasion is part of, when the text gives it no dates,
//!   is dated by the occasion's month.
//!
//! The occasion's date is the first day or span of days (a visit "from 12
//! to 14 May") the lead names: a date, a relative day ("today", "hôm nay")
//! or a weekday, resolved against the publication date. A date a month or
//! more before the publication is background ("On 8 May 1989 the two
//! countries ..."), not the occasion.

use accord_doc::facts::{Agreement, EntityType, Event};
use accord_doc::{Date, DateRange, Precision, Span};
use accord_recognize::Analysis;
use accord_time::TimeValue;

/// The sentences that make a report's lead (a caption or dateline line may
/// come before the first sentence of the story).
const LEAD_SENTENCES: usize = 5;
/// The longest span of days an occasion lasts (a visit, a session).
const OCCASION_DAYS: i64 = 10;
/// A day this long before the publication is background, not the occasion.
const BACKGROUND_DAYS: i64 = 31;
/// A report may be dated a day before what it reports (time zones).
const PUBLICATION_LAG_DAYS: i64 = 1;

/// The occasion a report tells.
#[derive(Debug, Clone, PartialEq)]
pub struct Occasion {
    /// The day, or the span of days.
    pub day: DateRange,
    /// The lead sentence that dates it.
    pub sentence: Span,
    /// The people that sentence names.
    pub people: Vec<String>,
}

/// The occasion of the report, when its lead dates one to a day.
pub fn find(a: &Analysis) -> Option<Occasion> {
    let anchor = a.reference();
    let published = a.doc.meta.published.filter(Date::is_day);
    let near_publication = |day: &Date| match published {
        Some(p) => day.days_until(&p).is_some_and(|d| (-PUBLICATION_LAG_DAYS..BACKGROUND_DAYS).contains(&d)),
        None => true,
    };
    // One day, or a span of days shorter than an occasion lasts.
    let occasion_date = |date: &DateRange| {
        date.start.days_until(&date.end).is_some_and(|d| (0..OCCASION_DAYS).contains(&d)) && near_publication(&date.start)
    };
    for &sentence in a.sentences.iter().take(LEAD_SENTENCES) {
        let day = Analysis::inside(&a.times, sentence)
            .filter(|t| !matches!(t.value, TimeValue::Duration { .. } | TimeValue::Bounded { .. }))
            .filter(|t| tells_more_than_the_date(a, sentence, t.span))
            .filter_map(|t| accord_time::resolve(&t.value, anchor))
            .find(|d| occasion_date(d));
        if let Some(day) = day {
            let people = Analysis::inside(&a.entities.mentions, sentence)
                .filter_map(|m| a.entities.records.get(m.value))
                .filter(|r| r.kind == EntityType::Person)
                .map(|r| r.name.clone())
                .collect();
            return Some(Occasion { day, sentence, people });
        }
    }
    None
}

/// Words a sentence needs besides its date to tell a happening: a line
/// that is only a date ("23rd July, 2003") dates the release, not what it
/// reports.
const WORDS_BESIDES_THE_DATE: usize = 3;

fn tells_more_than_the_date(a: &Analysis, sentence: Span, date: Span) -> bool {
    let text = a.doc.text.as_str();
    let words = |from: usize, to: usize| {
        text.get(from..to).into_iter().flat_map(str::split_whitespace).filter(|w| w.chars().any(accord_lang::is_alphabetic))
    };
    // Counted until there are enough: most sentences have many more.
    words(sentence.start, date.start).chain(words(date.end, sentence.end)).nth(WORDS_BESIDES_THE_DATE - 1).is_some()
}

impl Occasion {
    /// Date the meetings that have no date of their own, and the visit the
    /// occasion is part of.
    pub fn date_events(&self, events: &mut [Event]) {
        for e in events.iter_mut().filter(|e| e.kind == "meeting" && e.date.is_none()) {
            e.date = Some(self.day.to_string());
        }
        let undated_visits = events.iter().filter(|e| e.kind == "visit" && e.date.is_none()).count();
        for e in events.iter_mut().filter(|e| e.kind == "visit" && e.date.is_none()) {
            // The occasion's own visitor, or the one visit the report tells.
            let part_of_it = e.participants.iter().any(|p| self.people.contains(p)) || (undated_visits == 1 && self.people.is_empty());
            if part_of_it {
                e.date = Some(match self.day.is_single() {
                    false => self.day.to_string(),
                    true => self.day.start.truncate(Precision::Month).to_string(),
                });
            }
        }
    }

    /// The day an instrument signed with no date of its own was signed.
    pub fn signing_day(&self, agreement: &Agreement) -> Option<String> {
        (agreement.status.as_deref() == Some("signed") && agreement.signed.is_none()).then(|| self.day.to_string())
    }
}
