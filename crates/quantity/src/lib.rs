//! Quantities and money in news text: "60 triệu USD", "$43.3 billion",
//! "khoảng 500 người", "nine provincial-level localities", "25,3%",
//! "130 миллионов долларов".
//!
//! [`recognize`] finds the expressions and returns their values in units.
//! Inside, recognition (`scan`: where the expression is and what it is made
//! of) is separate from normalisation (`normalize`: pure arithmetic on those
//! pieces). All language knowledge lives in `data/<lang>/quantity/*.tsv`:
//! number format, number words, scale words, currencies, percent words,
//! approximation markers, counted nouns and context words; each language's
//! `corpus.tsv` is its test.
//!
//! Numbers are read with the document language's decimal convention unless
//! the shape decides: `1,500` is 1500 in English, `1,5` is 1.5 anywhere,
//! `1.500` is 1500 in Vietnamese. Years standing alone, dates, clock times,
//! ordinals and numbers in names (`COVID-19`, `Resolution 36`) are skipped.

mod lexicon;
mod normalize;
mod rules;
mod scan;

use accord_doc::{Annotated, Lang, Layer, Span};
use serde::Serialize;

/// A quantity found in the text, its value in units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// "60 triệu USD" is 60 000 000; "35 lakh" is 3 500 000.
    pub value: f64,
    pub unit: Option<Unit>,
    pub approx: Option<Approx>,
    /// The digits or number words only.
    pub number: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// An ISO 4217 code.
    Currency(&'static str),
    Percent,
    Count(CountNoun),
}

impl Unit {
    /// The unit as facts.md writes it: `USD`, `percent`, `persons`,
    /// `documents`, `localities`, `other`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Unit::Currency(code) => code,
            Unit::Percent => "percent",
            Unit::Count(CountNoun::Persons) => "persons",
            Unit::Count(CountNoun::Documents) => "documents",
            Unit::Count(CountNoun::Localities) => "localities",
            Unit::Count(CountNoun::Other) => "other",
        }
    }
}

/// What is counted, from the counted-noun lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountNoun {
    Persons,
    Documents,
    Localities,
    Other,
}

/// An approximation marker before the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// about, around, khoảng, около
    About,
    /// nearly, almost, gần, почти
    Nearly,
    /// over, more than, hơn, trên, более, свыше
    Over,
    /// less than, under, dưới, менее
    Under,
    /// up to, tới, до
    UpTo,
}

/// The quantities in `text[within]`, in text order and non-overlapping. Each
/// span covers the whole expression: approximation marker, currency sign,
/// number, scale words, and percent word, currency or counted noun. Rule
/// names: `money`, `percent`, `count`, `number` (no unit), and `range_low`
/// for the first end of a range, which takes the scale and unit of the second
/// ("45 to 50 billion dollars"). Never panics; a `within` off the text or off
/// char boundaries is shrunk onto it.
pub fn recognize(text: &str, within: Span, lang: Lang) -> Layer<Quantity> {
    let rules = rules::rules_for(lang);
    scan::scan(text, within, rules)
        .into_iter()
        .map(|candidate| Annotated { span: candidate.span, rule: candidate.rule, value: normalize_candidate(&candidate) })
        .collect()
}

fn normalize_candidate(candidate: &scan::Candidate) -> Quantity {
    let value = match &candidate.written {
        scan::Written::Digits(number) => normalize::digit_value(*number, candidate.scale),
        scan::Written::Words(words) => normalize::words_value(words, candidate.scale),
    };
    Quantity { value, unit: candidate.unit, approx: candidate.approx, number: candidate.number }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_data_loads() {
        for lang in Lang::known().iter().copied() {
            rules::rules_for(lang);
        }
    }

    fn only(text: &str, lang: Lang) -> Annotated<Quantity> {
        let found = recognize(text, Span::new(0, text.len()), lang);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn spans_cover_the_expression_and_the_number() {
        let text = "Trade reached about $43.3 billion last year.";
        let q = only(text, Lang::En);
        assert_eq!(q.span.slice(text), "about $43.3 billion");
        assert_eq!(q.value.number.slice(text), "43.3");
        assert_eq!(q.rule, "money");

        let text = "Hiện có khoảng 500 người lao động.";
        let q = only(text, Lang::Vi);
        assert_eq!(q.span.slice(text), "khoảng 500 người lao động");
        assert_eq!(q.value.unit, Some(Unit::Count(CountNoun::Persons)));

        let text = "Nine provincial-level localities have ties.";
        let q = only(text, Lang::En);
        assert_eq!(q.span.slice(text), "Nine provincial-level localities");
        assert_eq!(q.value.number.slice(text), "Nine");
    }

    #[test]
    fn a_range_gives_both_ends_the_unit_of_the_second() {
        let text = "trade could reach 45 to 50 billion dollars";
        let found = recognize(text, Span::new(0, text.len()), Lang::En);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rule, "range_low");
        assert_eq!(found[0].span.slice(text), "45");
        assert_eq!(found[0].value.value, 45e9);
        assert_eq!(found[1].span.slice(text), "50 billion dollars");
        assert_eq!(found[1].value.unit, Some(Unit::Currency("USD")));
    }

    #[test]
    fn within_limits_the_search_and_odd_spans_do_not_panic() {
        let text = "5 người và 7 tỉnh";
        let found = recognize(text, Span::new(1, text.len()), Lang::Vi);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.slice(text), "7 tỉnh");
        assert!(recognize(text, Span { start: 7, end: 3 }, Lang::Vi).is_empty());
        let _ = recognize(text, Span::new(6, 1000), Lang::Vi);
    }
}
