//! The command line as a user meets it: bad inputs, exit status, output forms.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn accord() -> Command {
    Command::new(env!("CARGO_BIN_EXE_accord"))
}

#[test]
fn a_batch_goes_on_past_bad_inputs_and_the_exit_status_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "The minister of Vietnam visited Minsk, the capital of Belarus.",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3],
    )
    .unwrap();
    let mut bad = b"Trade between Vietnam and Laos grew. ".to_vec();
    bad.extend([0xff, 0xfe]);
    bad.extend(b" More text.");
    std::fs::write(dir.path().join("invalid-utf8.txt"), bad).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = accord()
        .arg("extract")
        .arg(dir.path())
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "some inputs could not be read");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(stderr.contains("binary.txt"), "{stderr}");
    assert!(
        stderr.contains("invalid-utf8.txt"),
        "the bad bytes are reported: {stderr}"
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["doc"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["good", "invalid-utf8"]);
    let countries: Vec<&str> = lines[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert!(
        countries.contains(&"VN") && countries.contains(&"BY"),
        "{countries:?}"
    );
}

#[test]
fn standard_input_and_a_publication_date_header() {
    let mut child = accord()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(" date 2024-03-05 Hai bên nhất trí tăng cường hợp tác.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["doc"]["published"], "2024-03-05");
    assert_eq!(v["doc"]["lang"], "vi");
    for kind in ["entities", "events", "agreements", "figures", "commitments"] {
        assert!(v[kind].is_array(), "{kind} is a list");
    }
}

#[test]
fn unknown_language_is_a_usage_error() {
    let out = accord()
        .args(["extract", "-", "--lang", "xx"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown language"));
}

#[test]
fn help_teaches_inputs_and_outputs() {
    let out = accord().args(["extract", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--out",
        "jsonl",
        "date YYYY-MM-DD",
        "Examples",
        "Exit status",
    ] {
        assert!(help.contains(needle), "help mentions {needle}");
    }
}

#[test]
fn the_examples_give_a_knowledge_base() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let out = accord().args(["extract", examples]).output().unwrap();
    assert!(out.status.success());
    let docs: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(docs.len() >= 3);
    let people: usize = docs
        .iter()
        .map(|d| {
            d["entities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["type"] == "person")
                .count()
        })
        .sum();
    assert!(people >= 2, "people found in the examples");
}
