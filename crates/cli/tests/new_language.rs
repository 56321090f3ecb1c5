//! A language added from a folder alone: a copy of `data/` with a minimal
//! `xx/` folder, read at run time through `ACCORD_DATA` (and `--data`),
//! without compiling anything.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn write(dir: &Path, path: &str, text: &str) {
    let file = dir.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

/// `data/` plus `xx/`, a made-up language with a visit cue and a title; its
/// countries are named as in English, whose names every language reads.
fn data_with_xx() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"), dir.path());
    let xx = dir.path().join("xx");
    write(&xx, "language.tsv", "xx\tExample\texample|xxx\n");
    write(&xx, "events/visits.tsv", "# label\tphrases\nunstated\tvizito|vizitis\nto\tal\n");
    write(&xx, "titles.tsv", "ministro\tminister\n");
    write(
        &xx,
        "events/corpus.tsv",
        "2025-05-01\tLa ministro de Belarus vizitis al Vietnam.\tvisit host=VN\n2025-05-01\tLa vetero estis bela.\t-\n",
    );
    dir
}

/// `accord extract` of JSON Lines `input` with the languages of `data`.
fn extract(data: &Path, use_flag: bool, input: &str) -> Output {
    let file = data.join("input.jsonl");
    std::fs::write(&file, input).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    if use_flag {
        command.arg("--data").arg(data).env_remove("ACCORD_DATA");
    } else {
        command.env("ACCORD_DATA", data);
    }
    command.arg("extract").arg(&file).output().unwrap()
}

#[test]
fn a_folder_alone_adds_a_language() {
    let data = data_with_xx();
    let doc = r#"{"id": "x1", "lang": "xx", "published": "2025-05-01", "text": "La ministro de Belarus vizitis al Vietnam."}"#;
    for use_flag in [false, true] {
        let out = extract(data.path(), use_flag, &format!("{doc}\n"));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        assert_eq!(v["doc"]["lang"], "xx");
        let countries: Vec<&str> = v["entities"].as_array().unwrap().iter().filter_map(|e| e["code"].as_str()).collect();
        assert!(countries.contains(&"VN") && countries.contains(&"BY"), "{countries:?}");
        let visits: Vec<&Value> = v["events"].as_array().unwrap().iter().filter(|e| e["type"] == "visit").collect();
        assert_eq!(visits.len(), 1, "{}", v["events"]);
        assert_eq!(visits[0]["host"], "VN", "{}", visits[0]);
    }
}

#[test]
fn without_the_folder_the_language_is_unknown() {
    let doc = r#"{"id": "x1", "lang": "xx", "text": "La ministro vizitis al Vietnam."}"#;
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env_remove("ACCORD_DATA")
        .args(["extract", "-", "--lang", "example"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown language"));
    let data = data_with_xx();
    let out = extract(data.path(), false, &format!("{doc}\n"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_bad_data_folder_is_an_error_naming_file_and_line() {
    let data = data_with_xx();
    write(&data.path().join("xx"), "events/visits.tsv", "unstated\tvizito\nsomething\tstrange\n");
    let out = extract(data.path(), false, "{\"id\": \"x1\", \"lang\": \"xx\", \"text\": \"La ministro vizitis al Vietnam.\"}\n");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("data/xx/events/visits.tsv:2: unknown label 'something'"), "{stderr}");

    let data = data_with_xx();
    write(&data.path().join("xx"), "language.tsv", "yy\tExample\n");
    let out = extract(data.path(), true, "");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("data/xx/language.tsv:1:"), "{stderr}");
}
