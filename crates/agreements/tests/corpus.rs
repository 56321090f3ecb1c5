//! The example corpus of every language (`data/<lang>/agreements/corpus.tsv`):
//! each small document must give exactly the records its line expects.

use accord_doc::{Document, Lang};

/// The publication date the corpus examples are written against.
const PUBLISHED: &str = "2025-05-13";

struct Expected {
    kind: String,
    topics: Vec<String>,
    /// `=a,b`: the record's topics are exactly these, not only among them.
    exact_topics: bool,
    signed: Option<String>,
    in_force: Option<String>,
    /// A fifth field, when given: the record's title exactly.
    title: Option<String>,
}

fn date(field: &str) -> Option<String> {
    (field != "-" && !field.is_empty()).then(|| field.to_string())
}

fn parse_expected(field: &str) -> Vec<Expected> {
    if field.trim() == "-" {
        return Vec::new();
    }
    field
        .split(" ; ")
        .map(|record| {
            let parts: Vec<&str> = record.trim().split('|').collect();
            assert!(matches!(parts.len(), 4 | 5), "bad expectation {record:?}");
            let (exact_topics, topics) = match parts[1].strip_prefix('=') {
                Some(exact) => (true, exact),
                None => (false, parts[1]),
            };
            Expected {
                kind: parts[0].to_string(),
                topics: topics.split(',').map(str::to_string).collect(),
                exact_topics,
                signed: date(parts[2]),
                in_force: date(parts[3]),
                title: parts.get(4).map(|t| t.to_string()),
            }
        })
        .collect()
}

#[test]
fn every_corpus_example_gives_its_records() {
    accord_testdata::check_corpus("agreements/corpus.tsv", 31, 2..=2, |lang, cols, failures| {
        let [text, expected] = cols else { unreachable!("two columns") };
        let expected = parse_expected(expected);
        // `\n` in a line stands for a line break (lists, datelines).
        let text = &text.replace("\\n", "\n");
        let mut doc = Document::from_text("corpus", text);
        doc.meta.lang = lang;
        doc.meta.published = PUBLISHED.parse().ok();
        let analysis = accord_recognize::analyze(doc);
        let got = accord_agreements::extract(&analysis, &["AA".to_string(), "BB".to_string()]);
        let fits = got.len() == expected.len()
            && got.iter().zip(&expected).all(|(g, e)| {
                g.kind == e.kind
                    && e.topics.iter().all(|t| g.topics.contains(t))
                    && (!e.exact_topics || g.topics.len() == e.topics.len())
                    && g.signed == e.signed
                    && g.in_force == e.in_force
                    && e.title.as_ref().is_none_or(|t| *t == g.title)
            });
        if !fits {
            let shown: Vec<String> =
                got.iter().map(|g| format!("{}|{}|{:?}|{:?} «{}»", g.kind, g.topics.join(","), g.signed, g.in_force, g.title)).collect();
            failures.push(format!("{lang:?}: {text}\n    got {shown:?}"));
        }
    });
}

#[test]
fn no_input_makes_it_panic() {
    for text in ["", "agreement", "(", "Agreement (", "signed", "các văn kiện trên các lĩnh vực", "the 2020 - agreements on ,, and"]
    {
        for lang in [Lang::En, Lang::Vi, Lang::Ru] {
            let mut doc = Document::from_text("odd", text);
            doc.meta.lang = lang;
            let _ = accord_agreements::extract(&accord_recognize::analyze(doc), &[]);
        }
    }
}
