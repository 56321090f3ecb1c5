//! Time expressions: recognition of unresolved values, and a pure resolution
//! step against a reference date (the publication date), never the clock.
//!
//! Recognition is driven by per-language data in `data/<lang>/time/`: tables
//! of month, weekday, number, relative and unit words, and `rules.tsv`, whose
//! regex templates are expanded from those tables (see [`grammar`]). Each
//! language has an example corpus beside its rules, run by one generic test.
//!
//! Matching is leftmost-longest over all rules of a language: one combined
//! regex finds where the next expression can start, then every rule is tried
//! anchored at that place and the longest that passes its context checks and
//! builds a valid value wins.

mod grammar;
mod present;
mod produce;
mod resolve;
mod tables;

use accord_doc::{Annotated, Lang, Layer, Span};
use serde::Serialize;

pub use present::present_year;
pub use resolve::resolve;

/// The unit a relative offset or a duration counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    Day,
    Month,
    Year,
}

/// The year of a [`Date`] as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearRef {
    /// Written out: "1992".
    Stated(i32),
    /// An offset from the reference year: "this year" is 0, "last year" -1.
    Relative(i32),
    /// Not said ("on 31 July", "ngày 30/1"): taken from the reference date,
    /// see [`resolve`] for the rule.
    Unstated,
}

/// A calendar date at the precision the text gives: a year, a month of a
/// year, or a day. A day always comes with its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Date {
    pub year: YearRef,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Which way a duration runs from the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// "over the past 30 years": ends at the reference date.
    Past,
    /// "in the next two years", "within five years": starts at it.
    Next,
}

/// A word that bounds a date on one side ("by 2030", "trước năm 1992").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Edge {
    Before,
    By,
    Since,
    After,
}

/// A time expression as written, not yet tied to a reference date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimeValue {
    /// "May 12, 2025", "December 2023", "in 1992", "ngày 30/1".
    Date(Date),
    /// Both ends at their own precision: "May 11-12", "2020-21",
    /// "the first quarter of 2025" (months 1 to 3).
    Interval { from: Date, to: Date },
    /// An offset from the reference date: "yesterday" is (day, -1),
    /// "last year" (year, -1), "this month" (month, 0), "two years ago" (year, -2).
    Relative { grain: Grain, offset: i32 },
    /// "on Sunday": ISO weekday, 1 = Monday ... 7 = Sunday.
    Weekday { weekday: u8 },
    /// "over the past 30 years", "in the next two years".
    Duration { grain: Grain, amount: u32, direction: Direction },
    /// A date with a bounding word before it: "by 2030", "since 1992".
    Bounded { edge: Edge, date: Date },
}

/// Finds the time expressions of `text` inside `within`, in text order and
/// without overlaps, each with the name of the rule that found it. Spans are
/// byte offsets into `text`. Only the text inside `within` is read, also for
/// the context checks (word boundaries, "by" before a year). A language
/// without time data gives no values.
pub fn recognize(text: &str, within: Span, lang: Lang) -> Layer<TimeValue> {
    let mut layer = Vec::new();
    let Some(grammar) = grammar::for_lang(lang) else {
        return layer;
    };
    let Some((base, haystack)) = clamp_to_text(text, within) else {
        return layer;
    };
    let mut position = 0;
    let mut previous_end = 0;
    while position < haystack.len() {
        let Some(candidate) = grammar.search.find_at(haystack, position) else {
            break;
        };
        let start = candidate.start();
        match grammar.best_at(haystack, start) {
            Some(found) => {
                let (span_start, value) = grammar.attach_edge(haystack, start, previous_end, found.value);
                layer.push(Annotated { span: Span::new(base + span_start, base + found.end), rule: found.rule, value });
                previous_end = found.end;
                position = found.end.max(start + 1);
            }
            None => position = start + 1,
        }
        while position < haystack.len() && !haystack.is_char_boundary(position) {
            position += 1;
        }
    }
    layer
}

/// True when the value needs the reference date to become a date: today,
/// last year, on Sunday, a day or month without a year, a duration from now.
pub fn is_relative(value: &TimeValue) -> bool {
    fn date_is_relative(date: &Date) -> bool {
        !matches!(date.year, YearRef::Stated(_))
    }
    match value {
        TimeValue::Date(date) | TimeValue::Bounded { date, .. } => date_is_relative(date),
        TimeValue::Interval { from, to } => date_is_relative(from) || date_is_relative(to),
        TimeValue::Relative { .. } | TimeValue::Weekday { .. } | TimeValue::Duration { .. } => true,
    }
}

/// The part of `text` that `within` covers, shrunk to char boundaries and to
/// the text's length, with its offset. None when nothing is left.
fn clamp_to_text(text: &str, within: Span) -> Option<(usize, &str)> {
    let mut start = within.start.min(text.len());
    let mut end = within.end.min(text.len());
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    (start < end).then(|| (start, &text[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, lang: Lang) -> Vec<(String, &'static str, TimeValue)> {
        recognize(text, Span::new(0, text.len()), lang).into_iter().map(|a| (a.span.slice(text).to_string(), a.rule, a.value)).collect()
    }

    #[test]
    fn every_language_grammar_loads() {
        // A folder may leave time out: no rules, no grammar.
        for lang in Lang::known().iter().copied().filter(|&l| !accord_data::file(l, "time/rules.tsv").is_empty()) {
            if let Err(error) = grammar::load_result(lang) {
                panic!("{lang}: {error}");
            }
        }
    }

    /// Data test: every relative phrase of every language is found whole on
    /// its own and resolves against a full anchor.
    #[test]
    fn every_relative_phrase_is_recognised() {
        for lang in Lang::known().iter().copied() {
            let Ok(grammar) = grammar::load_result(lang) else {
                continue;
            };
            for phrase in grammar.tables.relative.names() {
                let found = find(phrase, lang);
                assert!(
                    found.len() == 1 && found[0].0 == phrase && resolve(&found[0].2, "2025-05-13".parse().ok().as_ref()).is_some(),
                    "{lang}: {phrase:?} gave {found:?}"
                );
            }
        }
    }

    #[test]
    fn other_language_gives_nothing() {
        assert!(find("May 12, 2025", Lang::Other).is_empty());
    }

    #[test]
    fn spans_are_offsets_into_the_whole_text_and_stay_inside_within() {
        let text = "On May 12, 2025 and on June 1, 2025.";
        let within = Span::new(17, text.len());
        let layer = recognize(text, within, Lang::En);
        assert_eq!(layer.len(), 1);
        assert_eq!(layer[0].span.slice(text), "June 1, 2025");
    }

    #[test]
    fn within_past_the_end_or_inside_a_char_is_clamped() {
        let text = "ngày 12/5/2025 é";
        assert_eq!(recognize(text, Span::new(0, 999), Lang::Vi).len(), 1);
        let e_acute = text.find('é').unwrap_or(0);
        assert!(recognize(text, Span::new(e_acute + 1, 999), Lang::Vi).is_empty());
    }

    #[test]
    fn year_modifier_rules_are_named_as_such() {
        let found = find("under the 2015 FTA and UNCLOS 1982", Lang::En);
        let rules: Vec<_> = found.iter().map(|f| f.1).collect();
        assert_eq!(rules, ["en.year_modifier", "en.year_after_name"]);
    }

    #[test]
    fn bounding_words_are_kept_in_the_value_and_span() {
        let found = find("Trade should double by 2030.", Lang::En);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "by 2030");
        assert_eq!(found[0].2, TimeValue::Bounded { edge: Edge::By, date: Date { year: YearRef::Stated(2030), month: None, day: None } });
        let found = find("quan hệ từ trước năm 1992", Lang::Vi);
        assert!(matches!(found[0].2, TimeValue::Bounded { edge: Edge::Before, .. }));
    }

    #[test]
    fn relative_values_are_flagged() {
        let relative = ["today", "on Sunday", "on 31 July", "last year", "over the past 30 years"];
        for text in relative {
            let found = find(text, Lang::En);
            assert!(found.len() == 1 && is_relative(&found[0].2), "{text}: {found:?}");
        }
        for text in ["May 12, 2025", "in 1992", "from 2022 to 2027", "Q1 2025"] {
            let found = find(text, Lang::En);
            assert!(found.len() == 1 && !is_relative(&found[0].2), "{text}: {found:?}");
        }
    }

    #[test]
    fn values_serialize_with_a_kind_tag() {
        let found = find("hôm qua", Lang::Vi);
        let json = serde_json::to_string(&found[0].2).unwrap_or_default();
        assert_eq!(json, r#"{"kind":"relative","grain":"day","offset":-1}"#);
    }
}
