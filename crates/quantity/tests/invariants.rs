//! Whatever the input: no panic, spans on char boundaries inside `within`,
//! in text order, non-overlapping, number spans inside expression spans.

use accord_doc::{Lang, Span};
use accord_quantity::recognize;
use proptest::prelude::*;

fn check_invariants(text: &str, within: Span, lang: Lang) {
    let found = recognize(text, within, lang);
    let mut previous_end = 0;
    for q in &found {
        let span = q.span;
        assert!(span.start < span.end, "empty span {span:?}");
        assert!(within.start <= span.start && span.end <= within.end, "{span:?} outside {within:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(previous_end <= span.start, "overlap or disorder at {span:?}");
        assert!(span.contains(q.value.number) && !q.value.number.is_empty());
        assert!(text.is_char_boundary(q.value.number.start) && text.is_char_boundary(q.value.number.end));
        assert!(q.value.value.is_finite() && q.value.value >= 0.0);
        previous_end = span.end;
    }
}

fn lang_strategy() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::En), Just(Lang::Vi), Just(Lang::Ru), Just(Lang::Other)]
}

/// Text made of the pieces quantities are made of, so that the interesting
/// paths are taken often.
fn quantity_like_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        1 => "[0-9]{1,5}",
        8 => accord_testdata::one_of(&[",", ".", " ", "-", "/", "$", "%", "\u{a0}"]),
        1 => accord_testdata::one_of(&[
            "million",
            "bn",
            "m",
            "USD",
            "US$",
            "about",
            "more than",
            "to",
            "people",
            "nine",
            "hundred",
            "provincial-level",
            "localities",
            "triệu",
            "tỷ",
            "nghìn",
            "đồng",
            "khoảng",
            "hơn",
            "năm",
            "hai",
            "mươi",
            "lăm",
            "người",
            "tỉnh",
            "млн",
            "млрд",
            "рублей",
            "около",
            "до",
            "человек",
            "May",
            "lần thứ",
        ]),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn arbitrary_strings_keep_the_invariants(text in any::<String>(), a in 0usize..200, b in 0usize..200, lang in lang_strategy()) {
        let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
        if text.is_char_boundary(start) && text.is_char_boundary(end) {
            check_invariants(&text, Span::new(start, end), lang);
        } else {
            // Spans off char boundaries are shrunk, never a panic.
            let _ = recognize(&text, Span { start, end }, lang);
        }
    }

    #[test]
    fn quantity_like_strings_keep_the_invariants(text in quantity_like_text(), lang in lang_strategy()) {
        check_invariants(&text, Span::new(0, text.len()), lang);
        let middle = (1..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        check_invariants(&text, Span::new(middle, text.len()), lang);
    }
}

#[test]
fn shared_corpus_texts_keep_the_invariants() {
    let texts = accord_testdata::shared_texts(&["seeds", "dev"]);
    for (path, text) in &texts {
        let name = path.to_string_lossy();
        for lang in Lang::known().iter().copied() {
            check_invariants(text, Span::new(0, text.len()), lang);
        }
        if name.ends_with("_vi.txt") || name.ends_with("_ru.txt") || name.ends_with("_en.txt") {
            let middle = (text.len() / 2..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
            check_invariants(text, Span::new(middle, text.len()), Lang::En);
        }
    }
    eprintln!("checked {} shared texts", texts.len());
}
