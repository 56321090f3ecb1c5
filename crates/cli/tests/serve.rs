//! `accord serve` as a user starts it: help, a missing database, and a real
//! server on a free loopback port answering over TCP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn accord() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.env_remove("ACCORD_DB");
    c
}

#[test]
fn help_names_the_options_and_the_pages() {
    for cmd in ["serve", "bench-serve"] {
        let out = accord().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success());
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Examples") && help.contains("--db"), "{cmd}: {help}");
    }
    let help = String::from_utf8_lossy(&accord().args(["serve", "--help"]).output().unwrap().stdout).into_owned();
    for needle in ["--addr", "127.0.0.1:8080", "/pairs/VN-BY", ".json", "/openapi.json", "read-only"] {
        assert!(help.contains(needle), "serve --help mentions {needle}");
    }
}

#[test]
fn a_missing_database_is_an_error_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = accord().args(["serve", "--addr", "127.0.0.1:0", "--db"]).arg(dir.path().join("none.db")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no database") && err.contains("accord ingest"), "{err}");
    assert!(!dir.path().join("none.db").exists(), "serving never creates a database");
}

fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn it_serves_a_database_on_a_free_loopback_port_without_writing_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "Vietnam and Belarus agreed to expand trade. Officials met in Minsk.").unwrap();
    let db = dir.path().join("kb.db");
    assert!(accord().arg("ingest").arg(&text).arg("--db").arg(&db).status().unwrap().success());
    let before = std::fs::read(&db).unwrap();

    let mut server =
        accord().args(["serve", "--addr", "127.0.0.1:0", "--db"]).arg(&db).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|s| s.split('/').next()).map(str::to_string);
    let result = std::panic::catch_unwind(|| {
        let addr = addr.expect("the address is printed");
        assert!(addr.starts_with("127.0.0.1:"), "loopback: {line}");
        let (status, body) = http_get(&addr, "/index.json");
        assert_eq!(status, 200, "{body}");
        let home: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(home["documents"], 1);
        let (status, body) = http_get(&addr, "/pairs/VN-Atlantis.json");
        assert_eq!(status, 404, "{body}");
        assert!(body.contains("unknown country"));
    });
    let _ = server.kill();
    let _ = server.wait();
    result.unwrap();
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database file is unchanged");
}
