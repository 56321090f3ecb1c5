//! Nothing is lost silently (issue 12, item 5): standard input and JSON
//! lines without an id are named by their content, a different article
//! under a stored id is refused (or kept beside it, or replaces it, when
//! asked), `accord delete` removes documents and what only they supported,
//! and `--id` names a single input. Texts written here, in our own words.

use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `accord SUBCOMMAND --db DB ARGS`, with `stdin` piped in when given.
fn run(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_accord"));
    cmd.env_remove("ACCORD_DB").args(args).arg("--db").arg(db);
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("accord runs");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stored documents: id -> origin.
fn documents(db: &Path) -> BTreeMap<String, String> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT id, coalesce(origin, '') FROM documents").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

const TALKS: &str = "The foreign ministers of Vietnam and Belarus held talks in Hanoi on 4 March 2024.\n";
const CALL: &str = "The presidents of Vietnam and Belarus spoke by telephone on 12 June 2024.\n";

#[test]
fn two_texts_on_standard_input_are_two_documents_and_the_same_text_again_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    let first = run(&db, &["ingest", "-"], Some(TALKS));
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("<stdin>: stored as \"doc-"), "the id is told: {}", stderr(&first));
    let second = run(&db, &["ingest", "-"], Some(CALL));
    assert!(second.status.success(), "{}", stderr(&second));
    let docs = documents(&db);
    assert_eq!(docs.len(), 2, "the second text did not overwrite the first: {docs:?}");
    assert!(docs.keys().all(|id| id.starts_with("doc-")), "{docs:?}");
    assert!(docs.values().all(|origin| origin == "<stdin>"), "{docs:?}");

    let again = run(&db, &["ingest", "-"], Some(TALKS));
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("0 added, 0 replaced, 1 unchanged"), "{}", stdout(&again));
    assert!(stderr(&again).contains("unchanged: already stored as \"doc-"), "{}", stderr(&again));
    assert_eq!(documents(&db), docs);
}

#[test]
fn a_repeated_json_lines_id_is_refused_within_a_file_and_across_runs_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    let line = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string() + "\n";
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, [line("a", TALKS), line("a", CALL), line("b", CALL), line("b", CALL)].concat()).unwrap();
    let feed = feed.to_str().unwrap();

    // Within one file: line 2 reuses "a" for another text and is refused;
    // line 4 repeats line 3 exactly and is unchanged.
    let out = run(&db, &["ingest", feed], None);
    assert_eq!(out.status.code(), Some(1), "a refusal is a failure: {}", stderr(&out));
    let err = stderr(&out);
    for needle in ["feed.jsonl:2: not stored", "the id \"a\" is taken", "feed.jsonl:1", "--on-conflict keep-both"] {
        assert!(err.contains(needle), "{needle:?} in: {err}");
    }
    assert!(!err.contains("feed.jsonl:4"), "an identical repeat is no conflict: {err}");
    assert!(stdout(&out).contains("2 added, 0 replaced, 1 unchanged, 1 refused"), "{}", stdout(&out));
    assert_eq!(documents(&db)["a"], format!("{feed}:1"), "the first \"a\" stays");

    // Across runs: another file's "b" for another text is refused too.
    let later = dir.path().join("later.jsonl");
    std::fs::write(&later, line("b", TALKS)).unwrap();
    let later = later.to_str().unwrap();
    let out = run(&db, &["ingest", later], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the id \"b\" is taken"), "{}", stderr(&out));
    assert_eq!(documents(&db).len(), 2);

    // Kept beside on request, and found there the next time.
    let out = run(&db, &["ingest", later, "--on-conflict", "keep-both"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = documents(&db);
    let kept: Vec<&String> = docs.keys().filter(|id| id.starts_with("b-")).collect();
    assert_eq!(kept.len(), 1, "{docs:?}");
    assert!(stderr(&out).contains(&format!("stored as \"{}\"", kept[0])), "{}", stderr(&out));
    let out = run(&db, &["ingest", later, "--on-conflict", "keep-both"], None);
    assert!(stdout(&out).contains("0 added, 0 replaced, 1 unchanged"), "{}", stdout(&out));
    assert_eq!(documents(&db).len(), 3);

    // Replaced on request, with a word.
    let out = run(&db, &["ingest", later, "--on-conflict", "replace"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("replaced the different document stored as \"b\""), "{}", stderr(&out));
    assert_eq!(documents(&db)["b"], format!("{later}:1"));
    assert_eq!(documents(&db).len(), 3);
}

/// The documents each merged record cites, by kind and record content (the
/// stored record JSON): the fact must survive its other source's deletion,
/// whatever id the merge gives it.
fn cited(db: &Path) -> BTreeMap<(String, String), BTreeSet<String>> {
    let conn = Connection::open(db).unwrap();
    let records = ["entities", "events", "agreements", "figures", "commitments"]
        .map(|k| format!("SELECT '{k}' AS kind, id, record FROM kb_{k}"))
        .join(" UNION ALL ");
    let mut stmt = conn
        .prepare(&format!("SELECT s.kind, r.record, s.doc FROM kb_sources s JOIN ({records}) r ON r.kind = s.kind AND r.id = s.record"))
        .unwrap();
    let mut out: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap() {
        let (kind, record, doc): (String, String, String) = row.unwrap();
        out.entry((kind, record)).or_default().insert(doc);
    }
    out
}

#[test]
fn delete_removes_documents_and_what_only_they_supported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    let visa = "Vietnam and Belarus signed an agreement on visa exemption on 2 April 2024.\n";
    let trade = "Trade between Vietnam and Belarus reached 150 million USD in 2023.\n";
    std::fs::write(dir.path().join("short.txt"), visa).unwrap();
    std::fs::write(dir.path().join("long.txt"), format!("{visa}{trade}")).unwrap();
    let out = run(&db, &["ingest", dir.path().to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = cited(&db);
    let only_long: Vec<_> = before.iter().filter(|(_, d)| d.len() == 1 && d.contains("long")).map(|(k, _)| k).collect();
    let shared: Vec<_> = before.iter().filter(|(_, d)| d.len() == 2).map(|(k, _)| k).collect();
    assert!(!only_long.is_empty() && !shared.is_empty(), "the setting: records of long alone and of both: {before:?}");

    // An unknown id deletes nothing.
    let out = run(&db, &["delete", "long", "no-such-doc"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no document \"no-such-doc\"") && stderr(&out).contains("nothing was deleted"), "{}", stderr(&out));
    assert_eq!(documents(&db).len(), 2);

    let out = run(&db, &["delete", "long"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("1 document deleted"), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 document (-1)"), "{}", stdout(&out));
    let after = cited(&db);
    for key in &only_long {
        assert!(!after.contains_key(*key), "{key:?} went with its only source");
    }
    for key in &shared {
        assert_eq!(after.get(*key).map(|d| d.iter().collect::<Vec<_>>()), Some(vec![&"short".to_string()]), "{key:?}");
    }
    let conn = Connection::open(&db).unwrap();
    for table in ["sentences", "doc_entities", "doc_agreements", "doc_events", "kb_sources"] {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table} WHERE doc = 'long'"), [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let search = stdout(&run(&db, &["search", "million", "--json"], None));
    assert!(search.trim().is_empty(), "its sentences left the search: {search}");
}

#[test]
fn ingest_id_names_one_file_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    let note = dir.path().join("note.txt");
    std::fs::write(&note, TALKS).unwrap();
    let note = note.to_str().unwrap();
    let out = run(&db, &["ingest", note, "--id", "talks-2024"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&db, &["ingest", "-", "--id", "call-2024"], Some(CALL));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(documents(&db).keys().collect::<Vec<_>>(), ["call-2024", "talks-2024"]);

    // The same id for another text is a conflict like any other.
    let out = run(&db, &["ingest", "-", "--id", "talks-2024"], Some(CALL));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the id \"talks-2024\" is taken"), "{}", stderr(&out));

    // One id cannot name many documents.
    let out = run(&db, &["ingest", note, note, "--id", "x"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--id names one document, and 2 inputs were given"), "{}", stderr(&out));
    let out = run(&db, &["ingest", dir.path().to_str().unwrap(), "--id", "x"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a directory, and --id names one document"), "{}", stderr(&out));
    assert_eq!(documents(&db).len(), 2);
}
