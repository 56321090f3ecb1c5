//! Span invariants on arbitrary input and on the shared news texts.

use accord_doc::{Lang, Span};
use accord_time::{recognize, resolve};
use proptest::prelude::*;

fn check_layer(text: &str, within: Span, lang: Lang) -> Result<(), String> {
    let layer = recognize(text, within, lang);
    let mut previous_end = within.start.min(text.len());
    for annotated in &layer {
        let span = annotated.span;
        if span.start < previous_end || span.end <= span.start || span.end > within.end.min(text.len()) {
            return Err(format!("bad span {span:?} within {within:?} after {previous_end}"));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(format!("span {span:?} is not on char boundaries"));
        }
        previous_end = span.end;
        // Resolution must not panic either, with or without an anchor.
        let _ = resolve(&annotated.value, accord_doc::Date::from_ymd(2025, 5, 13).as_ref());
        let _ = resolve(&annotated.value, None);
    }
    Ok(())
}

/// Text made of pieces that look like dates, to reach the rules often.
fn date_like_text() -> impl Strategy<Value = String> {
    accord_testdata::text_of(
        &[
            "12",
            "5",
            "2025",
            "1992",
            "31",
            "/",
            "-",
            "–",
            ".",
            ",",
            " ",
            "  ",
            "May",
            "June",
            "ngày",
            "tháng",
            "năm",
            "quý",
            "I",
            "từ",
            "đến",
            "hôm nay",
            "декабря",
            "года",
            "в",
            "the",
            "first",
            "of",
            "Q1",
            "é",
            "$",
            "Sunday",
            "thứ Hai",
            "past",
            "years",
            "ago",
            "by",
            "\u{a0}",
            "ǅ",
            "日",
        ],
        24,
    )
}

proptest! {
    #[test]
    fn arbitrary_strings_keep_span_invariants(text in any::<String>(), a in 0usize..64, b in 0usize..96) {
        for lang in [Lang::En, Lang::Vi, Lang::Ru, Lang::Other] {
            prop_assert!(check_layer(&text, Span::new(a.min(b), b.max(a)), lang).is_ok());
        }
    }

    #[test]
    fn date_like_strings_keep_span_invariants(text in date_like_text(), a in 0usize..40, len in 0usize..200) {
        for lang in Lang::known().iter().copied() {
            let within = Span::new(a, a + len);
            let result = check_layer(&text, within, lang);
            prop_assert!(result.is_ok(), "{:?} {:?}: {:?}", lang, text, result);
        }
    }
}

/// Runs over every file of the shared corpus (skipped when absent).
#[test]
fn shared_corpus_texts_keep_span_invariants() {
    let texts = accord_testdata::shared_texts(&["seeds", "dev"]);
    for (path, text) in &texts {
        for lang in Lang::known().iter().copied() {
            let within = Span::new(0, text.len());
            if let Err(error) = check_layer(text, within, lang) {
                panic!("{}: {lang}: {error}", path.display());
            }
        }
    }
    eprintln!("checked {} shared texts", texts.len());
}
