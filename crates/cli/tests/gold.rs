//! End to end: `accord extract` over the shared corpora, scored by
//! `shared/eval/score.py` against the gold, with the thresholds of the
//! issues asserted. Skips (with a note) when ../shared is not beside the
//! checkout.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    accord_testdata::shared("eval/score.py", "the gold tests were")
}

/// Extract a corpus folder into a fresh output folder.
fn extract(corpus: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let status =
        Command::new(env!("CARGO_BIN_EXE_accord")).arg("extract").arg(corpus).arg("--out").arg(out.path()).status().expect("accord runs");
    assert!(status.success(), "accord extract {} failed: {status}", corpus.display());
    out
}

/// A gold folder holding only the documents in the given languages.
fn gold_subset(gold: &Path, langs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(gold).expect("gold folder") {
        let path = entry.expect("entry").path();
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("gold file")).expect("gold json");
        if langs.contains(&json["doc"]["lang"].as_str().unwrap_or("")) {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

fn score(shared: &Path, gold: &Path, out: &Path) -> Value {
    let output = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(gold)
        .arg(out)
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    assert!(output.status.success(), "score.py failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("scorer JSON")
}

fn f1(scores: &Value, kind: &str) -> f64 {
    scores["kinds"][kind]["f1"].as_f64().unwrap_or(0.0)
}

fn print(name: &str, scores: &Value) {
    eprintln!("== {name}");
    for (kind, v) in scores["kinds"].as_object().into_iter().flatten() {
        eprintln!("{kind:<12} P {:.3} R {:.3} F1 {:.3}", v["precision"], v["recall"], v["f1"]);
    }
    for (field, v) in scores["fields"].as_object().into_iter().flatten() {
        eprintln!("  {field:<34} {}/{}", v["right"], v["of"]);
    }
}

fn all_right(scores: &Value, field: &str) -> bool {
    let f = &scores["fields"][field];
    f["right"] == f["of"]
}

#[test]
fn seeds_meet_the_thresholds() {
    let Some(shared) = shared() else { return };
    let out = extract(&shared.join("corpus/seeds"));
    let gold = gold_subset(&shared.join("eval/gold/seeds"), &["en", "vi"]);
    let scores = score(&shared, gold.path(), out.path());
    print("seeds (en, vi)", &scores);
    assert!(f1(&scores, "entities") >= 0.90, "seed entities F1 {}", f1(&scores, "entities"));
    assert!(f1(&scores, "figures") >= 0.80, "seed figures F1 {}", f1(&scores, "figures"));
    for kind in ["events", "agreements", "commitments"] {
        assert!(f1(&scores, kind) >= 0.90, "seed {kind} F1 {}", f1(&scores, kind));
    }
    let all = scores["all"]["f1"].as_f64().unwrap_or(0.0);
    assert!(all >= 0.97, "seed F1 over all kinds {all}");
    assert!(share_right(&scores, &["events.date"]) >= 0.90, "event dates {}", scores["fields"]["events.date"]);
    // One seed states no publication date; its "ngày 30/1" is dated by the
    // year its own figures fix (accord_time::present_year), while its "hôm
    // nay" (today) stays null as facts.md asks: 16 of 17 is the most the
    // text supports.
    let agreement_dates = share_right(&scores, &["agreements.signed", "agreements.in_force"]);
    assert!(agreement_dates >= 0.90, "agreement dates {agreement_dates}");
    assert!(all_right(&scores, "doc.published"), "publication dates: {}", scores["fields"]["doc.published"]);
    // Issue 11: the areas of a commitment come from its own action.
    let areas = share_right(&scores, &["commitments.areas exact"]);
    assert!(areas >= 0.70, "seed commitment areas {}", scores["fields"]["commitments.areas exact"]);
}

/// The share of matched records whose listed fields are right.
fn share_right(scores: &Value, fields: &[&str]) -> f64 {
    let (mut right, mut of) = (0.0, 0.0);
    for f in fields {
        right += scores["fields"][f]["right"].as_f64().unwrap_or(0.0);
        of += scores["fields"][f]["of"].as_f64().unwrap_or(0.0);
    }
    if of == 0.0 {
        0.0
    } else {
        right / of
    }
}

/// A set extracted and scored twice: its en and vi documents, and its
/// Russian ones (reported apart); both printed.
fn scored_by_language(shared: &Path, set: &str) -> (Value, Value) {
    let out = extract(&shared.join("corpus").join(set));
    let gold = shared.join("eval/gold").join(set);
    let envi = score(shared, gold_subset(&gold, &["en", "vi"]).path(), out.path());
    print(&format!("{set} (en, vi)"), &envi);
    let ru = score(shared, gold_subset(&gold, &["ru"]).path(), out.path());
    print(&format!("{set} (ru, reported apart)"), &ru);
    (envi, ru)
}

#[test]
fn dev_set_meets_the_thresholds() {
    let Some(shared) = shared() else { return };
    let (scores, _) = scored_by_language(&shared, "dev");
    assert!(f1(&scores, "entities") >= 0.80, "dev entities F1 {}", f1(&scores, "entities"));
    for kind in ["events", "agreements", "figures", "commitments"] {
        assert!(f1(&scores, kind) >= 0.65, "dev {kind} F1 {}", f1(&scores, kind));
    }
    let all = scores["all"]["f1"].as_f64().unwrap_or(0.0);
    assert!(all >= 0.95, "dev F1 over all kinds {all}");
    assert!(all_right(&scores, "doc.published"), "publication dates: {}", scores["fields"]["doc.published"]);
}

/// Issue 10: entities on dev2 (outlets, pairs and styles dev does not have),
/// en and vi apart from Russian; over all kinds a floor that keeps what
/// this set gained.
#[test]
fn dev2_set_meets_the_entity_thresholds() {
    let Some(shared) = shared() else { return };
    let (scores, ru_scores) = scored_by_language(&shared, "dev2");
    assert!(f1(&scores, "entities") >= 0.92, "dev2 en+vi entities F1 {}", f1(&scores, "entities"));
    assert!(f1(&ru_scores, "entities") >= 0.85, "dev2 ru entities F1 {}", f1(&ru_scores, "entities"));
    let all = scores["all"]["f1"].as_f64().unwrap_or(0.0);
    assert!(all >= 0.90, "dev2 en+vi F1 over all kinds {all}");
    assert!(all_right(&scores, "doc.published"), "publication dates: {}", scores["fields"]["doc.published"]);
    // Issue 11: events, agreements and figures read from unread text, with
    // their dates: the occasion dates what happened at it, lists are read
    // item by item, a figure's period comes from its clause.
    for (kind, floor) in [("events", 0.85), ("agreements", 0.88), ("figures", 0.85)] {
        assert!(f1(&scores, kind) >= floor, "dev2 en+vi {kind} F1 {}", f1(&scores, kind));
    }
    assert!(share_right(&scores, &["events.date"]) >= 0.90, "dev2 event dates {}", scores["fields"]["events.date"]);
    assert!(share_right(&scores, &["figures.period"]) >= 0.90, "dev2 figure periods {}", scores["fields"]["figures.period"]);
    assert!(share_right(&scores, &["figures.status"]) >= 0.90, "dev2 figure statuses {}", scores["fields"]["figures.status"]);
    // Issue 11: when a matched agreement was signed (after a passive verb's
    // agent, for one document of a group, not a plan's year).
    assert!(share_right(&scores, &["agreements.signed"]) >= 0.85, "dev2 signing dates {}", scores["fields"]["agreements.signed"]);
    assert!(
        share_right(&scores, &["commitments.areas exact"]) >= 0.70,
        "dev2 commitment areas {}",
        scores["fields"]["commitments.areas exact"]
    );
}

/// Issue 11: the Russian documents of dev and dev2 together, over all kinds.
#[test]
fn russian_documents_of_dev_and_dev2_meet_the_threshold() {
    let Some(shared) = shared() else { return };
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for set in ["dev", "dev2"] {
        let out = extract(&shared.join("corpus").join(set));
        let gold = gold_subset(&shared.join("eval/gold").join(set), &["ru"]);
        let scores = score(&shared, gold.path(), out.path());
        tp += scores["all"]["tp"].as_f64().unwrap_or(0.0);
        fp += scores["all"]["fp"].as_f64().unwrap_or(0.0);
        fn_ += scores["all"]["fn"].as_f64().unwrap_or(0.0);
    }
    let f1 = if tp == 0.0 { 0.0 } else { 2.0 * tp / (2.0 * tp + fp + fn_) };
    assert!(f1 >= 0.80, "ru documents of dev and dev2: F1 over all kinds {f1}");
}

/// Every offset points into the input file and every quote is the bytes it points at.
#[test]
fn evidence_and_mentions_point_into_the_input() {
    let Some(shared) = shared() else { return };
    for set in ["seeds", "dev"] {
        let corpus = shared.join("corpus").join(set);
        let out = extract(&corpus);
        for entry in std::fs::read_dir(out.path()).expect("output") {
            let path = entry.expect("entry").path();
            let facts: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            let id = facts["doc"]["id"].as_str().expect("id");
            let input = std::fs::read_to_string(corpus.join(format!("{id}.txt"))).expect("input text");
            for kind in ["events", "agreements", "figures", "commitments"] {
                for r in facts[kind].as_array().expect("list") {
                    let e = &r["evidence"];
                    let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
                    assert_eq!(input.get(s..t), e["quote"].as_str(), "{id} {kind} evidence");
                }
            }
            for r in facts["entities"].as_array().expect("list") {
                for m in r["mentions"].as_array().expect("mentions") {
                    let (s, t) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
                    assert!(input.get(s..t).is_some_and(|x| !x.trim().is_empty()), "{id} mention {s}..{t}");
                }
            }
        }
    }
}
