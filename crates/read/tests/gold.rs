//! Compares the header fields read from the shared corpus with the gold
//! annotations: `published` must be right on every document, `dateline` and
//! `source` on a high share. Skips when ../shared is absent.

use accord_read::{read_source, Format, Input, Source};
use std::path::{Path, PathBuf};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
/// Sets that have a gold file per text.
const SETS: &[&str] = &["seeds", "dev"];
/// The least share of documents whose dateline and source must agree.
const MIN_AGREEMENT: f64 = 0.85;

/// Sources are compared without regard to case: the gold keeps each text's
/// spelling ("BELTA"), the reader gives a known agency its canonical one.
fn same_source(read: Option<&str>, gold: Option<&str>) -> bool {
    read.map(str::to_lowercase) == gold.map(str::to_lowercase)
}

#[test]
fn header_fields_agree_with_gold() {
    let shared = Path::new(SHARED);
    if !shared.join("corpus").is_dir() {
        eprintln!("note: {SHARED}/corpus is absent; gold comparison skipped");
        return;
    }
    let (mut total, mut published_ok, mut dateline_ok, mut source_ok) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for set in SETS {
        let corpus = shared.join("corpus").join(set);
        let mut texts: Vec<PathBuf> = match std::fs::read_dir(&corpus) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(_) => continue,
        };
        texts.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        texts.sort();
        for text in texts {
            let stem = text.file_stem().unwrap().to_string_lossy().into_owned();
            let gold_path = shared.join("eval/gold").join(set).join(format!("{stem}.json"));
            let Ok(gold) = std::fs::read_to_string(&gold_path) else {
                continue;
            };
            let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold is JSON");
            let gold_field = |name: &str| gold["doc"][name].as_str().map(str::to_string);
            let source = Source { input: Input::Path(text.clone()), format: Format::Text };
            let doc = read_source(&source).next().expect("one document").expect("readable");
            assert_eq!(doc.meta.id, stem);
            assert!(doc.text.len() == std::fs::metadata(&text).unwrap().len() as usize, "text is the file as is");

            total += 1;
            let published = doc.meta.published.map(|d| d.to_string());
            let checks = [
                ("published", published == gold_field("published"), &published, gold_field("published")),
                ("dateline", doc.meta.dateline == gold_field("dateline"), &doc.meta.dateline, gold_field("dateline")),
                (
                    "source",
                    same_source(doc.meta.source.as_deref(), gold_field("source").as_deref()),
                    &doc.meta.source,
                    gold_field("source"),
                ),
            ];
            published_ok += checks[0].1 as usize;
            dateline_ok += checks[1].1 as usize;
            source_ok += checks[2].1 as usize;
            for (field, ok, read, gold) in checks {
                if !ok {
                    report.push(format!("{set}/{stem} {field}: read {read:?}, gold {gold:?}"));
                }
            }
        }
    }
    if total == 0 {
        eprintln!("note: no gold files found; gold comparison skipped");
        return;
    }
    let share = |ok: usize| ok as f64 / total as f64;
    eprintln!(
        "header agreement over {total} documents: published {published_ok}, dateline {dateline_ok} ({:.0}%), source {source_ok} ({:.0}%)",
        share(dateline_ok) * 100.0,
        share(source_ok) * 100.0
    );
    for line in &report {
        eprintln!("  {line}");
    }
    assert_eq!(published_ok, total, "published must agree on every document");
    assert!(share(dateline_ok) >= MIN_AGREEMENT, "dateline agreement too low");
    assert!(share(source_ok) >= MIN_AGREEMENT, "source agreement too low");
}
