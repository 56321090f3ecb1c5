//! End to end over the shared seed corpus: read, extract, merge, export,
//! and score the export against the corpus gold with the shared scorer.
//! Skips (with a note) when ../shared or python3 is absent.

use accord_doc::facts::DocFacts;
use std::path::{Path, PathBuf};
use std::process::Command;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn extract_all(dir: &Path) -> Vec<accord_doc::facts::DocFacts> {
    let (sources, errors) = accord_read::expand(&[accord_read::Input::Path(dir.to_path_buf())]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut facts = Vec::new();
    for source in &sources {
        for doc in accord_read::read_source(source) {
            match doc {
                Ok(doc) => facts.push(accord_extract::document(doc)),
                Err(error) => panic!("{error}"),
            }
        }
    }
    facts
}

fn score(gold: &Path, out: &Path, extra: &[&str]) -> Option<String> {
    let output = Command::new("python3").arg(Path::new(SHARED).join("eval/score.py")).arg(gold).arg(out).args(extra).output().ok()?;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Exports `kb` as the document `seeds`, prints the scorer's explanation
/// against `gold` and returns its scores; `None` when python3 is missing.
fn score_export(kb: &accord_merge::KnowledgeBase, gold: &Path, scratch: &str) -> Option<serde_json::Value> {
    let out: PathBuf = std::env::temp_dir().join(format!("accord-merge-{scratch}-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let exported = accord_merge::export_named(kb, "seeds");
    std::fs::write(out.join("seeds.json"), serde_json::to_string_pretty(&exported).unwrap()).unwrap();
    let Some(report) = score(gold, &out, &["--explain"]) else {
        eprintln!("note: python3 not available; skipping the scoring");
        return None;
    };
    println!("{report}");
    let json = score(gold, &out, &["--json"]).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&out);
    Some(serde_json::from_str(&json).expect("scorer JSON"))
}

#[test]
fn seed_corpus_merges_to_the_gold() {
    let corpus = Path::new(SHARED).join("corpus/seeds");
    let gold = Path::new(SHARED).join("eval/gold/seeds-corpus");
    if !corpus.is_dir() || !gold.is_dir() {
        eprintln!("note: {} not found; skipping the seed corpus test", corpus.display());
        return;
    }
    let facts = extract_all(&corpus);
    assert!(!facts.is_empty());
    let kb = accord_merge::merge(&facts);
    let Some(scores) = score_export(&kb, &gold, "seeds") else { return };
    let f1 = |kind: &str| scores["kinds"][kind]["f1"].as_f64().unwrap_or(0.0);
    let field = |name: &str| {
        let f = &scores["fields"][name];
        (f["right"].as_u64().unwrap_or(0), f["of"].as_u64().unwrap_or(0))
    };
    for kind in ["entities", "events", "agreements", "figures", "commitments"] {
        println!("{kind:<12} f1 {:.3}", f1(kind));
    }
    for kind in ["entities", "events", "agreements", "figures", "commitments"] {
        let (right, of) = field(&format!("{kind}.all sources cited"));
        println!("{kind:<12} all sources cited {right}/{of}");
    }

    // The corpus gold leaves out what the per-document gold marks
    // optional, so precision here is bounded by the extractors finding
    // those; the bar is on all kinds together.
    let recall = |kind: &str| scores["kinds"][kind]["recall"].as_f64().unwrap_or(0.0);
    assert!(recall("entities") >= 0.95, "entities recall {}", recall("entities"));
    assert!(f1("entities") >= 0.8, "entities f1 {}", f1("entities"));
    let (right, of) = field("entities.all sources cited");
    assert!(of > 0 && right * 10 >= of * 9, "entities: every gold source cited for {right} of {of}");
    assert!(recall("figures") >= 0.8, "figures recall {}", recall("figures"));
    let all = scores["all"]["f1"].as_f64().unwrap_or(0.0);
    assert!(all >= 0.9, "F1 over all kinds {all}");
}

/// A per-document gold file as extracted facts (its required records
/// only, without offsets): what a perfect extractor would give.
fn gold_as_facts(gold: &serde_json::Value) -> Option<DocFacts> {
    let required = |kind: &str| -> Vec<serde_json::Value> {
        gold[kind].as_array().map(|records| records.iter().filter(|r| r["optional"] != true).cloned().collect()).unwrap_or_default()
    };
    let evidence = |r: &serde_json::Value| {
        let quote = r["quote"].as_str().unwrap_or("").to_string();
        serde_json::json!({"start": 0, "end": quote.len(), "quote": quote})
    };
    let mut doc = gold["doc"].clone();
    doc["lang"] = doc["lang"].as_str().unwrap_or("en").into();
    let entities: Vec<serde_json::Value> = required("entities")
        .into_iter()
        .map(|mut r| {
            r["aliases"] = r["names"].clone();
            r["mentions"] = serde_json::json!([]);
            r
        })
        .collect();
    let with_evidence = |kind: &str| -> Vec<serde_json::Value> {
        required(kind)
            .into_iter()
            .map(|mut r| {
                r["evidence"] = evidence(&r);
                r
            })
            .collect()
    };
    let commitments: Vec<serde_json::Value> = with_evidence("commitments")
        .into_iter()
        .map(|mut r| {
            r["text"] = r["quote"].clone();
            r["modality"] = "".into();
            r
        })
        .collect();
    let facts = serde_json::json!({
        "doc": doc,
        "entities": entities,
        "events": with_evidence("events"),
        "agreements": with_evidence("agreements"),
        "figures": with_evidence("figures"),
        "commitments": commitments,
    });
    match serde_json::from_value(facts) {
        Ok(facts) => Some(facts),
        Err(error) => panic!("gold {}: {error}", gold["doc"]["id"]),
    }
}

/// The merge alone: the per-document gold of the seed corpus, merged, must
/// give the corpus gold.
#[test]
fn seed_gold_documents_merge_to_the_corpus_gold() {
    let per_doc = Path::new(SHARED).join("eval/gold/seeds");
    let gold = Path::new(SHARED).join("eval/gold/seeds-corpus");
    let Ok(entries) = std::fs::read_dir(&per_doc) else {
        eprintln!("note: {} not found; skipping", per_doc.display());
        return;
    };
    let mut facts = Vec::new();
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        facts.extend(gold_as_facts(&value));
    }
    let kb = accord_merge::merge(&facts);
    let Some(scores) = score_export(&kb, &gold, "gold") else { return };
    for kind in ["entities", "events", "agreements", "figures"] {
        let f1 = scores["kinds"][kind]["f1"].as_f64().unwrap_or(0.0);
        assert!(f1 >= 0.9, "{kind} f1 {f1}");
        let cited = &scores["fields"][format!("{kind}.all sources cited")];
        let (right, of) = (cited["right"].as_u64().unwrap_or(0), cited["of"].as_u64().unwrap_or(0));
        assert!(right * 10 >= of * 9, "{kind}: every gold source cited for {right} of {of}");
    }
}

/// Copies of every document under other ids: each report is then made
/// several times, and each merged record must gain sources, not twins.
#[test]
fn copies_of_the_shared_corpus_merge_into_the_same_records() {
    let corpus = Path::new(SHARED).join("corpus");
    if !corpus.is_dir() {
        eprintln!("note: {} not found; skipping", corpus.display());
        return;
    }
    let originals = extract_all(&corpus);
    let counts = |kb: &accord_merge::KnowledgeBase| {
        [kb.entities.len(), kb.events.len(), kb.agreements.len(), kb.figures.len(), kb.commitments.len()]
    };
    let once = accord_merge::merge(&originals);
    let mut copies: Vec<DocFacts> = Vec::new();
    for copy in 0..4 {
        for facts in &originals {
            let mut facts = facts.clone();
            facts.doc.id = format!("{}~{copy}", facts.doc.id);
            copies.push(facts);
        }
    }
    let fourfold = accord_merge::merge(&copies);
    assert_eq!(counts(&fourfold), counts(&once), "records per kind (entities, events, agreements, figures, commitments)");
    let sources = |kb: &accord_merge::KnowledgeBase| kb.events.iter().map(|e| e.sources.len()).sum::<usize>();
    assert_eq!(sources(&fourfold), 4 * sources(&once), "every copy cited");
}
