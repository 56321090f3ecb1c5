//! The knowledge-base commands as a user meets them: ingest (twice, killed
//! half-way), queries, exports scored against the corpus gold, and bad
//! input. Tests that read ../shared skip (with a note) when it is absent.

use accord_store::{KnowledgeStore, SqliteStore};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn accord() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.env_remove("ACCORD_DB");
    c
}

fn shared() -> Option<PathBuf> {
    accord_testdata::shared("eval/score.py", "this test was")
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("accord runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "a panic: {stderr}");
    out
}

fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A command that must fail with a message containing `needle`.
fn fails(cmd: &mut Command, needle: &str) {
    let out = run(cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail: {cmd:?}");
    assert!(stderr.contains(needle), "{cmd:?}: expected '{needle}' in: {stderr}");
}

fn ingest(db: &Path, paths: &[PathBuf]) -> String {
    ok(accord().arg("ingest").args(paths).arg("--db").arg(db))
}

fn export_json(db: &Path, out: &Path, id: &str) -> Value {
    ok(accord().args(["export", "--format", "json", "--id", id, "--out"]).arg(out).arg("--db").arg(db));
    serde_json::from_str(&std::fs::read_to_string(out.join(format!("{id}.json"))).expect("export file")).expect("json")
}

#[test]
fn ingest_export_and_score_the_seeds() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let summary = ingest(&db, &[shared.join("corpus/seeds")]);
    assert!(summary.contains("5 added"), "{summary}");
    let out = dir.path().join("out");
    let json = export_json(&db, &out, "seeds");
    assert_eq!(json["doc"]["id"], "seeds");
    eprintln!("== accord ingest seeds; accord export --format json --id seeds");
    let Some(scores) = accord_testdata::score_json(&shared, "seeds-corpus", &out) else {
        return;
    };
    assert_meets_the_corpus_bar(&scores);

    // The other formats, from the same database.
    let lines = ok(accord().args(["export", "--format", "jsonl", "--db"]).arg(&db));
    for line in lines.lines() {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        assert!(v["kind"].is_string());
    }
    let csv = dir.path().join("csv");
    ok(accord().args(["export", "--format", "csv", "--out"]).arg(&csv).arg("--db").arg(&db));
    for name in ["entities", "events", "agreements", "figures", "commitments", "sources", "conflicts"] {
        assert!(csv.join(format!("{name}.csv")).is_file(), "{name}.csv");
    }
    let plover = ok(accord().args(["export", "--format", "plover", "--db"]).arg(&db));
    assert!(plover.starts_with("event_id,date,plover_type"), "{plover}");
    fails(accord().args(["export", "--format", "csv", "--db"]).arg(&db), "--out");
}

/// The bar for a merged corpus: F1 >= 0.90 over all kinds, and
/// every gold source cited for at least 90% of the matched records.
fn assert_meets_the_corpus_bar(scores: &Value) {
    for (field, v) in scores["fields"].as_object().into_iter().flatten() {
        eprintln!("  {field:<34} {}/{}", v["right"], v["of"]);
    }
    let all = scores["all"]["f1"].as_f64().unwrap_or(0.0);
    eprintln!("all          F1 {all:.3}");
    assert!(all >= 0.90, "merged F1 over all kinds {all}");
    let (mut cited, mut matched) = (0, 0);
    for (field, v) in scores["fields"].as_object().into_iter().flatten() {
        if field.ends_with(".all sources cited") {
            cited += v["right"].as_u64().unwrap_or(0);
            matched += v["of"].as_u64().unwrap_or(0);
        }
    }
    assert!(matched > 0, "the corpus gold lists its sources");
    assert!(cited * 10 >= matched * 9, "every gold source cited for only {cited} of {matched} matched records");
}

#[test]
fn a_second_ingest_changes_no_table() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    let corpus = [shared.join("corpus/seeds"), shared.join("corpus/dev")];
    ingest(&db, &corpus);
    let counts = SqliteStore::open_existing(&db).unwrap().table_counts().unwrap();
    let summary = ingest(&db, &corpus);
    assert!(summary.contains("0 added, 0 replaced, 45 unchanged"), "{summary}");
    assert_eq!(SqliteStore::open_existing(&db).unwrap().table_counts().unwrap(), counts);
}

#[test]
fn the_merged_export_is_the_same_for_any_input_order() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = accord_testdata::corpus_files(&shared, &["seeds", "dev"]);
    let a = dir.path().join("a.db");
    ingest(&a, &inputs);
    inputs.reverse();
    let b = dir.path().join("b.db");
    ingest(&b, &inputs);
    let ea = export_json(&a, &dir.path().join("a"), "corpus");
    let eb = export_json(&b, &dir.path().join("b"), "corpus");
    assert!(ea == eb, "the exports differ with the input order");
}

/// Copies of the shared corpus, each with its own name and last line.
fn replicate(shared: &Path, into: &Path, copies: usize) -> usize {
    let originals: Vec<PathBuf> =
        accord_testdata::corpus_files(shared, &["dev"]).into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    let mut n = 0;
    for copy in 0..copies {
        for p in &originals {
            let text = std::fs::read_to_string(p).unwrap();
            let stem = p.file_stem().unwrap().to_string_lossy();
            std::fs::write(into.join(format!("{stem}-{copy}.txt")), format!("{text}\n\nRef. {copy}.")).unwrap();
            n += 1;
        }
    }
    n
}

#[test]
fn an_ingest_killed_half_way_leaves_a_sound_database() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let total = replicate(&shared, &corpus, 30);
    let db = dir.path().join("kb.db");
    let mut child = accord().arg("ingest").arg(&corpus).arg("--db").arg(&db).spawn().unwrap();
    // Kill it as soon as the writer has committed a document: mid-batch,
    // with the rest of the batch being written or extracted.
    let t = Instant::now();
    loop {
        let written = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if written > 0 || t.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let store = SqliteStore::open_existing(&db).expect("the database opens");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let stored = store.document_count().unwrap() as usize;
    eprintln!("killed after {stored} of {total} documents");
    assert!(stored < total, "the ingest was killed before it ended");
    drop(store);

    let summary = ingest(&db, std::slice::from_ref(&corpus));
    assert!(summary.contains(&format!("{} added", total - stored)), "{summary}");
    let mut store = SqliteStore::open_existing(&db).unwrap();
    assert_eq!(store.document_count().unwrap() as usize, total);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    // Every document's rows are exactly its facts: nothing twice.
    let conn = rusqlite::Connection::open(&db).unwrap();
    for (table, kind) in [
        ("doc_entities", "entities"),
        ("doc_events", "events"),
        ("doc_agreements", "agreements"),
        ("doc_figures", "figures"),
        ("doc_commitments", "commitments"),
    ] {
        let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        // A twin's facts are its holder's (schema v12).
        let sql = format!(
            "SELECT sum(json_array_length(h.facts, '$.{kind}')) FROM documents d JOIN documents h ON h.id = coalesce(d.facts_of, d.id)"
        );
        let facts: i64 = conn.query_row(&sql, [], |r| r.get(0)).unwrap();
        assert_eq!(rows, facts, "{table}");
    }
    let counts = store.table_counts().unwrap();
    store.refresh_merged(true).unwrap();
    assert_eq!(store.table_counts().unwrap(), counts, "the merged tables are those of all documents");
}

#[test]
fn queries_read_by_pair_and_search_ignores_diacritics() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    ingest(&db, &[shared.join("corpus/seeds")]);
    let q = |args: &[&str]| ok(accord().args(args).arg("--db").arg(&db));
    for cmd in ["timeline", "agreements", "figures", "commitments"] {
        let by_code = q(&[cmd, "VN", "BY", "--json"]);
        assert_eq!(by_code, q(&[cmd, "Việt Nam", "Belarus", "--json"]), "{cmd}");
        assert_eq!(by_code, q(&[cmd, "by", "Вьетнам", "--json"]), "{cmd}");
        for line in by_code.lines() {
            let row: Value = serde_json::from_str(line).unwrap();
            let parties = row["parties"].as_array().unwrap();
            assert!(parties.contains(&"VN".into()) && parties.contains(&"BY".into()), "{row}");
        }
        assert!(q(&[cmd, "VN", "BY"]).lines().count() >= 2, "a header and a rule");
    }
    let folded = q(&["search", "ha noi", "--json"]);
    assert!(!folded.is_empty(), "search finds a sentence");
    assert_eq!(folded, q(&["search", "Hà Nội", "--json"]));
    let figures = q(&["figures", "VN", "BY", "--json"]);
    if let Some(line) = figures.lines().next() {
        let id = serde_json::from_str::<Value>(line).unwrap()["id"].as_str().unwrap().to_string();
        let sources = q(&["sources", &id, "--json"]);
        assert!(sources.lines().count() >= 1);
    }
    assert!(q(&["entity", "belarus"]).contains("Belarus"));
}

#[test]
fn bad_input_is_a_clear_message_and_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    fails(accord().args(["timeline", "VN", "BY", "--db"]).arg(&missing), "accord ingest");
    assert!(!missing.exists(), "a query creates no database");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database at all, only text ".repeat(100)).unwrap();
    fails(accord().args(["timeline", "VN", "BY", "--db"]).arg(&junk), "not an accord database");
    fails(accord().arg("ingest").arg(dir.path().join("nothing")).arg("--db").arg(&junk), "not an accord database");

    let newer = dir.path().join("newer.db");
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 999).unwrap();
    fails(accord().args(["figures", "VN", "BY", "--db"]).arg(&newer), "newer");

    // Every query command, on a malformed file and on a newer schema.
    let queries: [&[&str]; 8] = [
        &["timeline", "VN", "BY"],
        &["agreements", "VN", "BY"],
        &["figures", "VN", "BY"],
        &["commitments", "VN", "BY"],
        &["conflicts", "VN", "BY"],
        &["entity", "Minsk"],
        &["search", "visa"],
        &["sources", "event:0"],
    ];
    for query in queries {
        fails(accord().args(query).arg("--db").arg(&junk), "not an accord database");
        fails(accord().args(query).arg("--db").arg(&newer), "newer");
    }

    // An empty database: created by an ingest that read nothing.
    let empty_dir = dir.path().join("empty");
    std::fs::create_dir_all(&empty_dir).unwrap();
    let empty = dir.path().join("empty.db");
    run(accord().arg("ingest").arg(&empty_dir).arg("--db").arg(&empty));
    for query in queries {
        fails(accord().args(query).arg("--db").arg(&empty), "no documents");
    }
    fails(accord().args(["export", "--db"]).arg(&empty), "no documents");

    // ACCORD_DB names the database when --db does not.
    fails(accord().args(["search", "visa"]).env("ACCORD_DB", &empty), "no documents");

    let text = dir.path().join("a.txt");
    std::fs::write(&text, "Vietnam and Belarus agreed to expand trade. Officials met in Minsk.").unwrap();
    let db = dir.path().join("kb.db");
    ingest(&db, &[text]);
    for cmd in ["timeline", "agreements", "figures", "commitments", "conflicts"] {
        fails(accord().args([cmd, "VN", "Atlantis", "--db"]).arg(&db), "unknown country 'Atlantis'");
    }
    fails(accord().args(["sources", "no-such-id", "--db"]).arg(&db), "no merged record");
    fails(accord().args(["search", "...", "--db"]).arg(&db), "nothing to search for");
}

#[test]
fn help_teaches_with_examples() {
    for cmd in
        ["ingest", "timeline", "agreements", "figures", "commitments", "entity", "conflicts", "search", "sources", "export", "bench-kb"]
    {
        let help = ok(accord().args([cmd, "--help"]));
        assert!(help.contains("Examples"), "{cmd} --help has examples");
        assert!(help.contains("--db") || cmd == "bench-kb", "{cmd} --help names --db");
    }
    assert!(ok(accord().args(["ingest", "--help"])).contains("ACCORD_DB"));
}

#[test]
fn bench_kb_measures_an_incremental_ingest_apart() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let out = ok(accord().arg("bench-kb").arg(&examples).args(["--docs", "12", "--more", "4", "-j", "1"]));
    let line = out.lines().find(|l| l.starts_with("incremental ingest of 4 more documents")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("into the 12-document database") && line.contains("into an empty one"), "{line}");
    assert!(out.contains("KB per document"), "{out}");
}
