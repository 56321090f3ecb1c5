//! The present year of a document that gives no publication date, when the
//! text itself fixes it.

use accord_doc::{Layer, Span};

use crate::{Date, TimeValue, YearRef};

/// The year the text calls "this year", read from the text alone, or None.
///
/// Reports set the last full year beside the current one: "60 million in
/// 2024 and 20.9 million in the first three months of this year". When one
/// sentence names a year and then "this year", the two are different years
/// (a writer would not name one year twice), so "this year" is later. It is
/// taken as the year right after the latest year the document names as a
/// plain date, which must be the named one, so that a later year anywhere
/// ("by 2030", "in 2026") leaves the present unknown instead of guessed.
pub fn present_year(times: &Layer<TimeValue>, sentences: &[Span]) -> Option<i32> {
    let latest = times.iter().filter_map(|t| latest_stated_year(&t.value)).max()?;
    // The layer is in text order: a sentence's values are found by binary
    // search, not a scan of the whole layer per sentence.
    let in_order = times.is_sorted_by_key(|t| t.span.start);
    let contrasted = sentences.iter().any(|sentence| {
        let inside: Vec<_> = if in_order {
            let from = times.partition_point(|t| t.span.start < sentence.start);
            times[from..].iter().take_while(|t| t.span.start <= sentence.end).filter(|t| sentence.contains(t.span)).collect()
        } else {
            times.iter().filter(|t| sentence.contains(t.span)).collect()
        };
        inside
            .iter()
            .enumerate()
            .any(|(i, named)| plain_year(&named.value) == Some(latest) && inside[i + 1..].iter().any(|later| says_this_year(&later.value)))
    });
    contrasted.then(|| latest.checked_add(1)).flatten()
}

/// The latest year a value states, bounded ("by 2030") or not.
fn latest_stated_year(value: &TimeValue) -> Option<i32> {
    let stated = |date: &Date| match date.year {
        YearRef::Stated(year) => Some(year),
        _ => None,
    };
    match value {
        TimeValue::Date(date) | TimeValue::Bounded { date, .. } => stated(date),
        TimeValue::Interval { from, to } => stated(to).or(stated(from)),
        _ => None,
    }
}

/// The year of a plain date or interval ("in 2024", "2023-2024"), not of a
/// bounded one: "since 1992" says nothing about which years are past.
fn plain_year(value: &TimeValue) -> Option<i32> {
    match value {
        TimeValue::Date(_) | TimeValue::Interval { .. } => latest_stated_year(value),
        _ => None,
    }
}

fn says_this_year(value: &TimeValue) -> bool {
    let this_year = |date: &Date| date.year == YearRef::Relative(0);
    match value {
        TimeValue::Date(date) => this_year(date),
        TimeValue::Interval { from, to } => this_year(from) || this_year(to),
        TimeValue::Relative { grain: crate::Grain::Year, offset: 0 } => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_doc::Lang;

    fn present(text: &str, lang: Lang) -> Option<i32> {
        let whole = Span::new(0, text.len());
        let times = crate::recognize(text, whole, lang);
        let sentences = line_sentences(text);
        present_year(&times, &sentences)
    }

    /// One sentence a line, enough for these tests.
    fn line_sentences(text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            spans.push(Span::new(start, start + line.len()));
            start += line.len();
        }
        spans
    }

    #[test]
    fn a_named_year_set_beside_this_year_makes_this_year_the_next() {
        assert_eq!(present("Exports reached $5 million in 2019 and $2 million in the first half of this year.", Lang::En), Some(2020));
        assert_eq!(present("Xuất khẩu đạt 5 triệu USD trong năm 2019 và 2 triệu USD trong sáu tháng đầu năm nay.", Lang::Vi), Some(2020));
    }

    #[test]
    fn without_the_contrast_the_present_stays_unknown() {
        // "this year" alone, or a year alone, fixes nothing.
        assert_eq!(present("Trade grew this year.", Lang::En), None);
        assert_eq!(present("Relations were established in 1992.", Lang::En), None);
        // In different sentences the two may be the same year.
        assert_eq!(present("Trade fell in 2019.\nThis year it grew.", Lang::En), None);
        // "this year" first: it may be the earlier of the two.
        assert_eq!(present("This year and in 2019 trade grew.", Lang::En), None);
    }

    #[test]
    fn a_later_year_anywhere_leaves_the_present_unknown() {
        let text = "Trade reached $5 million in 2019 and $2 million this year.\nThey aim for $10 million by 2030.";
        assert_eq!(present(text, Lang::En), None);
    }
}
