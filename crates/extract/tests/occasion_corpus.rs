//! The example corpus of the occasion of a report
//! (`data/<lang>/occasion/corpus.tsv`), run through the whole pipeline:
//! what happened at the occasion takes its day.

use accord_doc::facts::DocFacts;
use accord_doc::Document;

/// `event:TYPE date=D` or `agreement:KIND signed=D` as found in `facts`.
fn found(facts: &DocFacts, record: &str) -> Vec<String> {
    let (what, kind) = record.split_once(':').unwrap_or((record, ""));
    let shown = |d: &Option<String>| d.clone().unwrap_or_else(|| "-".to_string());
    match what {
        "event" => facts.events.iter().filter(|e| e.kind == kind).map(|e| format!("date={}", shown(&e.date))).collect(),
        "agreement" => facts.agreements.iter().filter(|g| g.kind == kind).map(|g| format!("signed={}", shown(&g.signed))).collect(),
        _ => panic!("unknown record {record:?}: write event:TYPE or agreement:KIND"),
    }
}

#[test]
fn what_happened_at_the_occasion_takes_its_day() {
    accord_testdata::check_corpus("occasion/corpus.tsv", 9, 3..=3, |lang, cols, failures| {
        // `\n` in a line stands for a line break (a date on a line of its own).
        let mut doc = Document::from_text("example", cols[1].replace("\\n", "\n"));
        doc.meta.lang = lang;
        doc.meta.published = (cols[0] != "-").then(|| cols[0].parse().unwrap_or_else(|e| panic!("{e}")));
        let facts = accord_extract::document(doc);
        for want in cols[2].split(';').map(str::trim) {
            let (record, value) = want.split_once(' ').expect("a record and its date");
            let got = found(&facts, record);
            if !got.iter().any(|g| g == value) {
                failures.push(format!("{lang}: {}\n    want {record} {value}\n    got  {got:?}", cols[1]));
            }
        }
    });
}
