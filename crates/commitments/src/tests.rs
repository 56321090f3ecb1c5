//! The example corpora of `data/<lang>/commitments/corpus.tsv` (each line an
//! expected modality, or `-` for none, and a sentence), the lexicon labels,
//! and the shared texts when they are present.

use super::*;
use accord_doc::{Document, Lang};

fn commitments_of(lang: Lang, text: &str) -> Vec<Commitment> {
    let mut doc = Document::from_text("example", text);
    doc.meta.lang = lang;
    let analysis = accord_recognize::analyze(doc);
    extract(&analysis, &["AA".to_string(), "BB".to_string()])
}

#[test]
fn every_corpus_example_gives_its_expected_parse() {
    // An optional third column: the areas, comma-separated.
    accord_testdata::check_corpus("commitments/corpus.tsv", 40, 2..=3, |lang, cols, failures| {
        let (expected, sentence, areas) = (cols[0], cols[1], cols.get(2).copied());
        let found = commitments_of(lang, sentence);
        let modalities: Vec<&str> = found.iter().map(|c| c.modality.as_str()).collect();
        let ok = if expected == "-" { found.is_empty() } else { modalities == [expected] };
        if !ok {
            failures.push(format!("{lang}: {sentence:?}: expected {expected}, found {modalities:?}"));
        }
        if let (Some(areas), Some(c)) = (areas, found.first()) {
            let want: Vec<&str> = areas.split(',').map(str::trim).collect();
            let mut got: Vec<&str> = c.areas.iter().map(String::as_str).collect();
            let mut sorted_want = want.clone();
            got.sort_unstable();
            sorted_want.sort_unstable();
            if got != sorted_want {
                failures.push(format!("{lang}: {sentence:?}: expected areas {want:?}, found {:?}", c.areas));
            }
        }
        for c in &found {
            assert_eq!(c.evidence.quote, sentence.trim_end(), "the evidence is the sentence");
            assert!(!c.areas.is_empty());
        }
    });
}

#[test]
fn a_bad_cue_line_is_an_error_naming_file_and_line() {
    let cases = [
        ("cues", CUE_LABELS, "commit:agreed\tagreed\npromise\tpromised\n", "2: unknown label 'promise'"),
        ("cues", CUE_LABELS, "modal:can\tcan\n", "1: unknown label 'modal:can'"),
        ("cues", CUE_LABELS, "commit:agreed\n", "1: missing column 2"),
        ("action", areas::ACTION_LABELS, "alone:weather\train\n", "1: unknown label 'alone:weather'"),
        ("action", areas::ACTION_LABELS, "tail\tsuch as\tlike\n", "1: 2 columns at most"),
        ("subjects", SUBJECT_LABELS, "# who\njoint\tboth\nthey\tthey\n", "3: unknown label 'they'"),
    ];
    for (name, labels, text, expected) in cases {
        let file = format!("xx/commitments/{name}.tsv");
        accord_data::tsv::assert_fails(lexicon::Lexicon::load(&accord_data::tsv::Table::new(&file, text), labels), &file, expected);
    }
}

#[test]
fn one_record_per_sentence_and_the_action_is_short() {
    let long_tail = "trade, ".repeat(80);
    let text = format!("Both sides agreed to expand {long_tail}and they will also boost tourism.");
    let found = commitments_of(Lang::En, &text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].modality, "agreed");
    assert!(found[0].text.chars().count() <= ACTION_CHARS);
    assert!(found[0].text.starts_with("expand trade"));
    assert_eq!(found[0].rule.as_deref(), Some("commitments/cue"));
}

#[test]
fn no_text_no_commitments() {
    assert!(commitments_of(Lang::En, "").is_empty());
    assert!(commitments_of(Lang::Vi, "   ").is_empty());
}

/// Every shared text: evidence quotes are the input at their offsets.
#[test]
fn shared_texts_give_exact_evidence() {
    for (path, text) in accord_testdata::shared_texts(&["seeds", "dev", "dev2"]) {
        let analysis = accord_recognize::analyze(Document::from_text("shared", text.as_str()));
        for c in extract(&analysis, &[]) {
            assert_eq!(text.get(c.evidence.start..c.evidence.end), Some(c.evidence.quote.as_str()), "{path:?}");
        }
    }
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_in_any_language(text in "\\PC{0,200}", words in prop::collection::vec("(will|sẽ|agreed to|nhất trí|, |they|hai bên|готова|\\.|\"|–| )", 0..12)) {
            let input = format!("{text}{}", words.concat());
            for lang in [Lang::En, Lang::Vi, Lang::Ru, Lang::Other] {
                let _ = commitments_of(lang, &input);
            }
        }
    }
}
