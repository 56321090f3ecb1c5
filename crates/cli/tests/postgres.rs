//! `accord` on PostgreSQL, as processes: several `ingest` processes over
//! overlapping inputs into one database at once, and one killed mid-ingest
//! then run again, give exactly the records of one ingest of the union into
//! SQLite. Needs `ACCORD_TEST_PG` (see `accord_testdata::pg`) and
//! `../shared`; skipped with a note without them.

use accord_testdata::pg::TestDatabase;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn accord() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command.env_remove("ACCORD_DB");
    command
}

/// The export as JSON Lines, lines sorted.
fn sorted_export(db: &str) -> String {
    let out = accord().args(["export", "--format", "jsonl", "--db", db]).output().unwrap();
    assert!(out.status.success(), "export from {db}: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines.join("\n")
}

fn ingest(db: &str, inputs: &[PathBuf]) -> Command {
    let mut command = accord();
    command.arg("ingest").args(inputs).args(["--db", db]).stdout(Stdio::null()).stderr(Stdio::piped());
    command
}

/// A test database, the corpora, and the sorted export of one ingest of
/// them all into SQLite: what every way of ingesting them must give.
fn setup(tag: &str) -> Option<(TestDatabase, Vec<PathBuf>, String)> {
    let shared = accord_testdata::shared("corpus/dev2", "the PostgreSQL process tests were")?;
    let db = TestDatabase::new(tag)?;
    let sets: Vec<PathBuf> = ["seeds", "dev", "dev2"].iter().map(|s| shared.join("corpus").join(s)).collect();
    let dir = tempfile::tempdir().unwrap();
    let union = dir.path().join("union.db").to_string_lossy().into_owned();
    assert!(ingest(&union, &sets).status().unwrap().success());
    let want = sorted_export(&union);
    Some((db, sets, want))
}

#[test]
fn ingest_processes_at_once_give_the_records_of_one_ingest_of_the_union() {
    let Some((db, sets, want)) = setup("processes") else { return };
    // Overlapping halves: each set is read by two of the three processes.
    let workers: Vec<_> = [[0, 1], [1, 2], [2, 0]]
        .iter()
        .map(|pair| ingest(&db.url, &[sets[pair[0]].clone(), sets[pair[1]].clone()]).spawn().unwrap())
        .collect();
    for worker in workers {
        let out = worker.wait_with_output().unwrap();
        assert!(out.status.success(), "a worker failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(want == sorted_export(&db.url), "three workers at once gave another knowledge base than one ingest");
}

#[test]
fn an_ingest_killed_midway_leaves_nothing_half_written() {
    let Some((db, sets, want)) = setup("killed") else { return };
    let mut client = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let mut victim = ingest(&db.url, &sets).spawn().unwrap();
    // Killed (SIGKILL) once it has stored some documents but not all.
    let started = std::time::Instant::now();
    let stored = loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        // Until the ingest has made its tables, the count fails: none yet.
        let stored = client.query_one("SELECT count(*) FROM documents", &[]).map_or(0, |r| r.get::<_, i64>(0));
        if stored > 0 || started.elapsed().as_secs() > 60 || victim.try_wait().unwrap().is_some() {
            break stored;
        }
    };
    eprintln!("killed after {:.1} s, with {stored} documents stored", started.elapsed().as_secs_f64());
    victim.kill().unwrap();
    victim.wait().unwrap();
    // Every stored document has its sentences: none was half written.
    let half: i64 = client
        .query_one("SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc = d.id)", &[])
        .unwrap()
        .get(0);
    assert_eq!(half, 0, "documents stored without their sentences");
    assert!(ingest(&db.url, &sets).status().unwrap().success());
    assert!(want == sorted_export(&db.url), "after a killed ingest and another, another knowledge base than one ingest");
}
