//! The example corpora of `data/<lang>/events/corpus.tsv`, run through the
//! whole recognise + events pipeline, and a no-panic run over the shared
//! texts when they are present.

use super::*;
use accord_doc::Document;
use std::collections::BTreeMap;

fn analysed(lang: Lang, published: Option<&str>, text: &str) -> Analysis {
    let mut doc = Document::from_text("example", text);
    doc.meta.lang = lang;
    doc.meta.published = published.and_then(|p| p.parse().ok());
    accord_recognize::analyze(doc)
}

/// The two countries mentioned most, as the extract stage pairs them.
fn pair(a: &Analysis) -> Vec<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in a.entities.records.iter().filter(|r| r.kind == EntityType::Country) {
        if let Some(code) = &r.code {
            *counts.entry(code.clone()).or_default() += r.mentions.len();
        }
    }
    let mut by_count: Vec<(String, usize)> = counts.into_iter().collect();
    by_count.sort_by_key(|x| std::cmp::Reverse(x.1));
    by_count.into_iter().take(2).map(|(c, _)| c).collect()
}

/// `who=` (the participants, `,`-joined) is shown when the line asks for it.
fn describe_with_people(e: &Event) -> String {
    format!("{} who={}", describe(e), e.participants.join(","))
}

fn describe(e: &Event) -> String {
    let mut s = e.kind.clone();
    if let Some(k) = e.visit_kind.as_ref().or(e.what.as_ref()) {
        s.push(':');
        s.push_str(k);
    }
    for (key, value) in [("host", &e.host), ("by", &e.by), ("date", &e.date)] {
        if let Some(v) = value {
            s.push_str(&format!(" {key}={v}"));
        }
    }
    s
}

#[test]
fn example_corpora() {
    accord_testdata::check_corpus("events/corpus.tsv", 1, 3..=3, |lang, cols, failures| {
        let [published, text, expected] = cols else {
            unreachable!("three columns");
        };
        let published = (*published != "-").then_some(*published);
        let a = analysed(lang, published, text);
        let shown = if expected.contains("who=") { describe_with_people } else { describe };
        let mut got: Vec<String> = extract(&a, &pair(&a)).iter().map(shown).collect();
        got.sort();
        let mut want: Vec<String> = if *expected == "-" { Vec::new() } else { expected.split(';').map(|e| e.trim().to_string()).collect() };
        want.sort();
        if got != want {
            failures.push(format!("{lang}: {text}\n    want {want:?}\n    got  {got:?}"));
        }
    });
}

#[test]
fn no_panic_on_odd_input() {
    for lang in Lang::known().iter().copied() {
        for text in ["", "visit", "thăm", "визит", "  ,;:() – visit to", "Talks. Met. 1992 and"] {
            let a = analysed(lang, Some("2025-01-01"), text);
            let _ = extract(&a, &pair(&a));
        }
    }
}

/// Every shared text, when the folder is there: nothing may panic, and the
/// events must have a type facts.md knows.
#[test]
fn shared_corpus_runs() {
    for (_, text) in accord_testdata::shared_texts(&["seeds", "dev", "dev2"]) {
        let a = analysed(Lang::Other, None, &text);
        for e in extract(&a, &pair(&a)) {
            assert!(["visit", "meeting", "milestone", "policy"].contains(&e.kind.as_str()));
        }
    }
}

#[test]
fn a_bad_cue_line_is_an_error_naming_file_and_line() {
    let cases = [
        (0, "state\tstate visit\nholiday\ttrip\n", "2: unknown label 'holiday'"),
        (2, "act:build\tbuilt\n", "1: unknown label 'act:build'"),
        (1, "# meetings\n\ntalks\n", "3: missing column 2"),
        (4, "future\twill\tshall\n", "1: 2 columns at most"),
    ];
    for (index, text, expected) in cases {
        let mut tables = cues::tables(Lang::En);
        let file = tables[index].file.replacen("en/", "xx/", 1);
        tables[index] = accord_data::tsv::Table::new(Box::leak(file.into_boxed_str()), text);
        accord_data::tsv::assert_fails(Lexicon::parse(&tables), tables[index].file, expected);
    }
}
