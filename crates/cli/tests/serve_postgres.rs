//! `accord serve --db postgres://…` as a deployment runs it: a server
//! process reading as a role that may only SELECT, and the writer another
//! process (on another machine, it would be the same): the next request
//! after an ingest shows the new document, and after a deletion its absence,
//! though the answer before each was kept. Needs `ACCORD_TEST_PG` (see `accord_testdata::pg`); skipped with a
//! note without it.

use accord_testdata::pg::TestDatabase;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn accord() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.env_remove("ACCORD_DB");
    c
}

fn ingest(file: &Path, db: &str) {
    let out = accord().arg("ingest").arg(file).args(["--db", db]).output().unwrap();
    assert!(out.status.success(), "ingest {}: {}", file.display(), String::from_utf8_lossy(&out.stderr));
}

/// The status, the `ETag` and the body of a GET.
fn http_get(addr: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let etag = head.lines().find_map(|l| l.to_ascii_lowercase().strip_prefix("etag: ").map(str::to_string)).unwrap_or_default();
    (status, etag, body.to_string())
}

fn json(addr: &str, path: &str) -> (String, serde_json::Value) {
    let (status, etag, body) = http_get(addr, path);
    assert_eq!(status, 200, "{path}: {body}");
    (etag, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}")))
}

#[test]
fn a_server_on_postgres_shows_what_another_process_ingests_at_the_next_request() {
    let Some(db) = TestDatabase::new("serve_fresh") else { return };
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&first, "Vietnam and Belarus agreed to expand trade. Officials met in Minsk.").unwrap();
    std::fs::write(&second, "Vietnam and Laos signed an agreement on education cooperation. Officials met in Vientiane.").unwrap();
    ingest(&first, &db.url);
    let reader = db.read_only_role("serve_fresh");

    let mut server = accord()
        .args(["serve", "--addr", "127.0.0.1:0", "--db", &reader.url])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|s| s.split('/').next()).map(str::to_string);
    let result = std::panic::catch_unwind(|| {
        let addr = addr.unwrap_or_else(|| panic!("the address is printed: {line}"));
        assert!(line.contains(":***@"), "the password is not printed: {line}");
        let (tag, home) = json(&addr, "/index.json");
        assert_eq!(home["documents"], 1, "{home}");
        let (again, _) = json(&addr, "/index.json");
        assert_eq!(again, tag, "the same answer while nothing is written");
        let (_, found) = json(&addr, "/search.json?q=vientiane");
        assert_eq!(found["hits"].as_array().map(Vec::len), Some(0), "{found}");

        // Another process writes: the next request sees it.
        ingest(&second, &db.url);
        let (tag_after, home) = json(&addr, "/index.json");
        assert_eq!(home["documents"], 2, "{home}");
        assert_ne!(tag_after, tag);
        let pairs: Vec<String> =
            home["pairs"].as_array().unwrap().iter().map(|p| format!("{}-{}", p["a"]["code"], p["b"]["code"])).collect();
        assert!(pairs.iter().any(|p| p.contains("LA")), "the new pair is listed: {pairs:?}");
        let (_, found) = json(&addr, "/search.json?q=vientiane");
        assert_eq!(found["hits"].as_array().map(Vec::len), Some(1), "{found}");
        let (status, _, body) = http_get(&addr, "/pairs/VN-LA.json");
        assert_eq!(status, 200, "{body}");

        // A deletion, which takes no document in, shows too.
        let out = accord().args(["delete", "b", "--db", &db.url]).output().unwrap();
        assert!(out.status.success(), "delete: {}", String::from_utf8_lossy(&out.stderr));
        let (_, home) = json(&addr, "/index.json");
        assert_eq!(home["documents"], 1, "{home}");
        let (_, found) = json(&addr, "/search.json?q=vientiane");
        assert_eq!(found["hits"].as_array().map(Vec::len), Some(0), "{found}");
    });
    let _ = server.kill();
    let output = server.wait_with_output().unwrap();
    if let Err(panic) = result {
        eprintln!("server: {}", String::from_utf8_lossy(&output.stderr));
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn serving_a_postgres_database_that_is_not_a_knowledge_base_says_what_to_do() {
    let Some(db) = TestDatabase::new("serve_empty") else { return };
    let out = accord().args(["serve", "--addr", "127.0.0.1:0", "--db", &db.url]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no knowledge base") && err.contains("accord ingest"), "{err}");
}
