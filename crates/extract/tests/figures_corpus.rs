//! The example corpus of the figures of every language
//! (`data/<lang>/figures/corpus.tsv`), run through the whole pipeline.

use accord_doc::Document;

fn describe(f: &accord_doc::facts::Figure) -> String {
    let mut s = format!("{} {} {}", f.indicator, f.value, f.unit.as_deref().unwrap_or("-"));
    if let Some(p) = &f.period {
        s.push_str(&format!(" period={p}"));
    }
    s.push(' ');
    s.push_str(&f.status);
    s
}

/// An expectation without a status or period accepts any.
fn satisfies(found: &str, want: &str) -> bool {
    let found: Vec<&str> = found.split(' ').collect();
    let want: Vec<&str> = want.split(' ').collect();
    found[..3] == want[..3] && want[3..].iter().all(|w| found[3..].contains(w))
}

#[test]
fn every_language_corpus_finds_its_figures() {
    accord_testdata::check_corpus("figures/corpus.tsv", 10, 3..=3, |lang, cols, failures| {
        let mut doc = Document::from_text("example", cols[1]);
        doc.meta.lang = lang;
        doc.meta.published = (cols[0] != "-").then(|| cols[0].parse().unwrap_or_else(|e| panic!("{e}")));
        let found: Vec<String> = accord_extract::document(doc).figures.iter().map(describe).collect();
        let wanted: Vec<&str> = if cols[2].trim() == "-" { Vec::new() } else { cols[2].split(';').map(str::trim).collect() };
        let all_found = wanted.iter().all(|w| found.iter().any(|f| satisfies(f, w)));
        if !all_found || found.len() != wanted.len() {
            failures.push(format!("{lang}: {}\n    want {wanted:?}\n    got  {found:?}", cols[1]));
        }
    });
}
