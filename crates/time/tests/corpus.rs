//! The per-language example corpora in `data/<lang>/time/corpus.tsv`: each
//! line is `text<TAB>anchor<TAB>expected span<TAB>expected resolution`.
//! A positive line must yield exactly one expression, with that span text
//! and that resolution (`null`: found but not resolvable with this anchor).
//! A negative line has `-` as span and must yield nothing. An anchor of `-`
//! means no reference date.

use accord_doc::{Lang, Span};
use accord_time::{recognize, resolve};

/// Examples each language's corpus must at least hold (a folder may leave
/// time out altogether).
fn minimum_examples(lang: Lang) -> usize {
    match lang {
        Lang::En | Lang::Vi => 40,
        Lang::Ru => 10,
        _ => 0,
    }
}

fn check_corpus(lang: Lang) -> (usize, Vec<String>) {
    let source = accord_data::file(lang, "time/corpus.tsv");
    let mut failures = Vec::new();
    let mut examples = 0;
    for (number, line) in source.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        examples += 1;
        let where_ = format!("{}:{}", lang.code(), number + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let [text, anchor, expected_span, expected_value] = fields[..] else {
            failures.push(format!("{where_}: expected 4 tab-separated fields"));
            continue;
        };
        let anchor = match anchor {
            "-" => None,
            text => match text.parse::<accord_doc::Date>() {
                Ok(date) => Some(date),
                Err(error) => {
                    failures.push(format!("{where_}: {error}"));
                    continue;
                }
            },
        };
        let resolve = |value| resolve(value, anchor.as_ref()).map(|d| d.to_string());
        let layer = recognize(text, Span::new(0, text.len()), lang);
        let found: Vec<String> =
            layer.iter().map(|a| format!("{:?} [{}] -> {:?}", a.span.slice(text), a.rule, resolve(&a.value))).collect();
        if expected_span == "-" {
            if !layer.is_empty() {
                failures.push(format!("{where_}: {text:?}: expected nothing, found {found:?}"));
            }
            continue;
        }
        let expected = (expected_value != "null").then(|| expected_value.to_string());
        match &layer[..] {
            [only] if only.span.slice(text) == expected_span && resolve(&only.value) == expected => {}
            _ => failures.push(format!("{where_}: {text:?}: expected {expected_span:?} -> {expected:?}, found {found:?}")),
        }
    }
    (examples, failures)
}

#[test]
fn every_language_corpus_parses_as_expected() {
    let mut failures = Vec::new();
    for lang in Lang::known().iter().copied() {
        let (examples, mut lang_failures) = check_corpus(lang);
        if examples < minimum_examples(lang) {
            failures.push(format!("{lang}: only {examples} examples"));
        }
        failures.append(&mut lang_failures);
    }
    assert!(failures.is_empty(), "{} corpus failures:\n{}", failures.len(), failures.join("\n"));
}
