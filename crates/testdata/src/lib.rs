//! Where tests and benchmarks find `../shared`, the folder beside the
//! checkout that holds the corpora and the gold sets (never copied into the
//! repository), and the loops the tests share over those texts and over the
//! example corpora of the language folders.

pub mod pg;

use proptest::prelude::*;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

/// `../shared` when it holds `needs` (a file or folder inside it, such as
/// `eval/score.py`); otherwise `None`, after saying which tests are skipped.
pub fn shared(needs: &str, skipped: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join(needs).exists() {
        Some(p)
    } else {
        eprintln!("note: ../shared is missing; {skipped} skipped");
        None
    }
}

/// The scores of `score.py GOLD OUT --json` with `gold` inside
/// `shared/eval/gold`, after printing each kind's precision, recall and F1;
/// `None` (after a note) when python3 cannot be run, so the scoring is
/// skipped. Panics when the scorer fails.
pub fn score_json(shared: &Path, gold: &str, out: &Path) -> Option<serde_json::Value> {
    let run = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(shared.join("eval/gold").join(gold))
        .arg(out)
        .arg("--json")
        .output();
    let scored = match run {
        Ok(output) => output,
        Err(e) => {
            eprintln!("note: python3 is not available ({e}); the scoring was skipped");
            return None;
        }
    };
    assert!(scored.status.success(), "score.py: {}", String::from_utf8_lossy(&scored.stderr));
    let scores: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("score.py --json prints JSON");
    for (kind, v) in scores["kinds"].as_object().into_iter().flatten() {
        eprintln!("{kind:<12} P {:.3} R {:.3} F1 {:.3}", v["precision"], v["recall"], v["f1"]);
    }
    Some(scores)
}

/// Runs `check` on the tab-separated columns of every example line of the
/// corpus `path` (`data/<lang>/<path>`, comments and blank lines left out)
/// of every language; `check` pushes what went wrong onto the failures. A
/// line whose count of columns is not in `columns` is a failure that names
/// the file. Fails when the corpora hold fewer than `least` examples, or
/// with every failure at once, so that one run shows all the broken examples.
pub fn check_corpus(
    path: &str,
    least: usize,
    columns: RangeInclusive<usize>,
    mut check: impl FnMut(accord_data::Lang, &[&'static str], &mut Vec<String>),
) {
    let mut failures = Vec::new();
    let mut examples = 0;
    for (lang, file) in accord_data::files_for_all(path) {
        for line in accord_lang::data_lines(file) {
            examples += 1;
            let cols: Vec<&'static str> = line.split('\t').collect();
            if columns.contains(&cols.len()) {
                check(lang, &cols, &mut failures);
            } else {
                failures.push(format!("data/{lang}/{path}: {} columns, not {columns:?}, in {line:?}", cols.len()));
            }
        }
    }
    assert!(examples >= least, "the corpora of {path} hold {examples} examples, fewer than {least}");
    assert!(failures.is_empty(), "{} of {examples} examples of {path} fail:\n{}", failures.len(), failures.join("\n"));
}

/// The files of the corpora `sets` of `shared` (folders of
/// `shared/corpus`, such as `seeds`), each set's sorted by name, in the
/// order of `sets`.
pub fn corpus_files(shared: &Path, sets: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for set in sets {
        let dir = shared.join("corpus").join(set);
        let mut these: Vec<PathBuf> =
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.unwrap().path()).collect();
        these.sort();
        files.extend(these);
    }
    files
}

/// Every text of the shared corpora `sets` (folders of `shared/corpus`, such
/// as `seeds`), with its path, read as UTF-8 with any bad bytes replaced;
/// a set that is absent is skipped after a note.
pub fn shared_texts(sets: &[&str]) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut texts = Vec::new();
    for set in sets {
        let Ok(entries) = std::fs::read_dir(root.join(set)) else {
            eprintln!("note: {}/{set} is absent; skipping it", root.display());
            continue;
        };
        for entry in entries.flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                texts.push((entry.path(), String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    texts
}

/// Text of fewer than `most` pieces, each one of `pieces`: how the property
/// tests reach the interesting paths of a stage often.
pub fn text_of(pieces: &'static [&'static str], most: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..most).prop_map(|parts| parts.concat())
}

/// One of `pieces`, owned: an arm of `prop_oneof!` among other strategies.
pub fn one_of(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(pieces).prop_map(str::to_string)
}
