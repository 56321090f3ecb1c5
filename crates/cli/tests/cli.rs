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
    std::fs::write(dir.path().join("good.txt"), "The minister of Vietnam visited Minsk, the capital of Belarus.").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let mut bad = b"Trade between Vietnam and Laos grew. ".to_vec();
    bad.extend([0xff, 0xfe]);
    bad.extend(b" More text.");
    std::fs::write(dir.path().join("invalid-utf8.txt"), bad).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = accord().arg("extract").arg(dir.path()).arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "some inputs could not be read");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(stderr.contains("binary.txt"), "{stderr}");
    assert!(stderr.contains("invalid-utf8.txt"), "the bad bytes are reported: {stderr}");
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["doc"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["good", "invalid-utf8"]);
    let countries: Vec<&str> = lines[0]["entities"].as_array().unwrap().iter().filter_map(|e| e["code"].as_str()).collect();
    assert!(countries.contains(&"VN") && countries.contains(&"BY"), "{countries:?}");
}

#[test]
fn standard_input_and_a_publication_date_header() {
    let mut child = accord().args(["extract", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(" date 2024-03-05 Hai bên nhất trí tăng cường hợp tác.".as_bytes()).unwrap();
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
    let out = accord().args(["extract", "-", "--lang", "xx"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown language"));
}

#[test]
fn help_teaches_inputs_and_outputs() {
    let out = accord().args(["extract", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in ["--out", "jsonl", "date YYYY-MM-DD", "Examples", "Exit status"] {
        assert!(help.contains(needle), "help mentions {needle}");
    }
}

#[test]
fn the_examples_give_a_knowledge_base() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let out = accord().args(["extract", examples]).output().unwrap();
    assert!(out.status.success());
    let docs: Vec<Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(docs.len() >= 3);
    let people: usize = docs.iter().map(|d| d["entities"].as_array().unwrap().iter().filter(|e| e["type"] == "person").count()).sum();
    assert!(people >= 2, "people found in the examples");
}

/// A knowledge base of the examples, in a folder that lives as long as it.
fn examples_db() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ex.db");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let out = accord().args(["ingest", examples, "--db"]).arg(&db).env_remove("ACCORD_DB").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, db, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `accord ARGS --db DB`, its output when it succeeds.
fn query(db: &std::path::Path, args: &[&str]) -> String {
    let out = accord().args(args).arg("--db").arg(db).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `accord ARGS --db DB` fails (not a panic) with every needle on standard error.
fn refused(db: &std::path::Path, args: &[&str], needles: &[&str]) {
    let out = accord().args(args).arg("--db").arg(db).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && !stderr.contains("panicked"), "{args:?} should fail: {stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "{args:?}: expected '{needle}' in: {stderr}");
    }
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn pairs_and_partners_show_what_the_database_holds() {
    let (_dir, db, _) = examples_db();
    let pairs = json_lines(&query(&db, &["pairs", "--json"]));
    let by_vn = pairs.iter().find(|p| p["a"] == "BY" && p["b"] == "VN").expect("the Belarus–Vietnam pair");
    assert_eq!(by_vn["names"], "Belarus – Vietnam");
    assert_eq!((by_vn["events"].as_i64(), by_vn["agreements"].as_i64()), (Some(1), Some(1)));
    assert_eq!(by_vn["latest"], "1992-01-24");
    let table = query(&db, &["pairs"]);
    assert!(table.starts_with("a "), "{table}");
    assert!(table.contains("India – Japan"), "{table}");
    let partners = json_lines(&query(&db, &["partners", "Vietnam", "--json"]));
    assert_eq!(partners.len(), 1, "{partners:?}");
    assert_eq!((partners[0]["partner"].as_str(), partners[0]["name"].as_str()), (Some("BY"), Some("Belarus")));
    // Alpha-3 codes, as the PLOVER export writes countries.
    assert_eq!(json_lines(&query(&db, &["partners", "BLR", "--json"]))[0]["partner"], "VN");
    refused(&db, &["partners", "Atlantis"], &["unknown country 'Atlantis'"]);
}

#[test]
fn since_and_until_keep_the_records_of_a_period() {
    let (_dir, db, _) = examples_db();
    let all = json_lines(&query(&db, &["timeline", "VN", "BY", "--json"]));
    assert!(all.iter().any(|e| e["date"] == "1992-01-24"), "{all:?}");
    for (since, until, kept) in [("1992", "1992", true), ("1992-01", "1992-01-24", true), ("1992-02", "2030", false)] {
        let rows = json_lines(&query(&db, &["timeline", "VN", "BY", "--since", since, "--until", until, "--json"]));
        assert_eq!(rows.iter().any(|e| e["date"] == "1992-01-24"), kept, "{since}..{until}: {rows:?}");
    }
    // The agreement is dated by its entry into force (2016-10-05).
    assert_eq!(json_lines(&query(&db, &["agreements", "VN", "BY", "--since", "2016", "--json"])).len(), 1);
    assert_eq!(json_lines(&query(&db, &["agreements", "VN", "BY", "--until", "2015", "--json"])).len(), 0);
    assert_eq!(json_lines(&query(&db, &["figures", "IN", "JP", "--since", "2100", "--json"])).len(), 0);
    query(&db, &["commitments", "VN", "BY", "--since", "2024-05"]);
    let exported = json_lines(&query(&db, &["export", "--format", "jsonl", "--since", "2000"]));
    assert!(exported.iter().all(|r| r["kind"] != "events" || r["date"].as_str() > Some("2000")), "{exported:?}");
    assert!(exported.iter().any(|r| r["kind"] == "agreements"));
    refused(&db, &["timeline", "VN", "BY", "--since", "2024-13"], &["--since '2024-13' is not a date", "YYYY-MM"]);
    refused(&db, &["timeline", "VN", "BY", "--since", "2025", "--until", "2024"], &["is after --until"]);
    refused(&db, &["export", "--format", "jsonl", "--until", "last year"], &["--until 'last year' is not a date"]);
}

/// Records of RFC 4180 text: fields split at commas, quoted fields with
/// doubled quotes, records ended by CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the last record ends with CRLF");
    records
}

#[test]
fn csv_output_has_every_column_of_the_json() {
    let (_dir, db, _) = examples_db();
    for args in [&["agreements", "VN", "BY"][..], &["figures", "IN", "JP"], &["pairs"], &["search", "Belarus"], &["entity", "Belarus"]] {
        let csv = query(&db, &[args, &["--csv"]].concat());
        assert_eq!(csv, query(&db, &[args, &["--format", "csv"]].concat()));
        let records = parse_csv(&csv);
        let rows = json_lines(&query(&db, &[args, &["--json"]].concat()));
        assert!(!rows.is_empty(), "{args:?}");
        assert_eq!(records.len(), rows.len() + 1, "{args:?}: a header and a line a row");
        let header = &records[0];
        for (record, row) in records[1..].iter().zip(&rows) {
            let row = row.as_object().unwrap();
            assert_eq!(header.len(), row.len(), "{args:?}");
            for (field, name) in record.iter().zip(header) {
                let value = &row[name];
                let expected = match value {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    Value::Array(items) => items.iter().map(|i| i.as_str().unwrap().to_string()).collect::<Vec<_>>().join("|"),
                    Value::Number(n) if n.as_f64().unwrap().fract() == 0.0 => (n.as_f64().unwrap() as i64).to_string(),
                    other => other.to_string(),
                };
                assert_eq!(field, &expected, "{args:?}");
            }
        }
    }
    // Numbers have thousands separators in tables only.
    let big = json_lines(&query(&db, &["figures", "IN", "JP", "--json"]))
        .into_iter()
        .filter_map(|f| f["value"].as_f64())
        .find(|&v| v >= 1000.0)
        .expect("a figure of four digits or more");
    let plain = format!("{}", big as i64);
    let table = query(&db, &["figures", "IN", "JP", "--width", "300"]);
    assert!(!table.contains(&plain) && table.contains(','), "{plain} thousands separated: {table}");
    assert!(query(&db, &["figures", "IN", "JP", "--csv"]).contains(&plain));
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // More output than a pipe holds (64 KiB), so the writer meets the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let text: String = (1..1200)
        .map(|i| {
            format!(
                "On {} May {}, the minister of Vietnam visited Minsk, the capital of Belarus, and signed agreement {i} \
                 on trade worth {i} million USD.\n",
                1 + i % 28,
                1990 + i % 30
            )
        })
        .collect();
    let input = dir.path().join("visits.txt");
    std::fs::write(&input, text).unwrap();
    let db = dir.path().join("visits.db");
    assert!(accord().arg("ingest").arg(&input).arg("--db").arg(&db).output().unwrap().status.success());
    let input = input.to_str().unwrap();
    for args in [&["export", "--format", "jsonl"][..], &["timeline", "VN", "BY"], &["extract", input]] {
        let mut cmd = accord();
        cmd.args(args);
        if args[0] != "extract" {
            cmd.arg("--db").arg(&db);
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        // Read a line, then close the pipe, as `head -1` does.
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        assert!(!line.is_empty(), "{args:?}");
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("roken pipe") && !stderr.contains("panicked") && !stderr.contains("error"), "{args:?}: {stderr}");
        // Exit 0, or killed by SIGPIPE as other Unix tools are.
        assert!(out.status.success() || out.status.code().is_none(), "{args:?}: {:?}", out.status);
    }
}

#[test]
fn wrong_filters_and_pairs_are_errors_that_say_what_to_give() {
    let (_dir, db, _) = examples_db();
    refused(&db, &["commitments", "VN", "BY", "--area", "tradee"], &["unknown area 'tradee'", "did you mean trade?", "maritime"]);
    query(&db, &["commitments", "VN", "BY", "--area", "Trade"]);
    refused(&db, &["agreements", "VN", "BY", "--format", "xml"], &["table", "json", "csv"]);
    refused(&db, &["timeline", "Vietnam", "Vietnam"], &["a pair needs two countries"]);
    refused(&db, &["timeline", "VN", "VNM"], &["a pair needs two countries"]);
    refused(&db, &["conflicts", "VN", "Việt Nam"], &["a pair needs two countries"]);
}

#[test]
fn three_letter_codes_name_countries() {
    let (_dir, db, _) = examples_db();
    assert_eq!(query(&db, &["timeline", "VNM", "BLR", "--json"]), query(&db, &["timeline", "VN", "BY", "--json"]));
    assert_eq!(query(&db, &["agreements", "vnm", "by", "--json"]), query(&db, &["agreements", "Vietnam", "Belarus", "--json"]));
    assert!(!query(&db, &["timeline", "VNM", "BLR", "--json"]).is_empty());
}

#[test]
fn counts_agree_with_their_nouns() {
    let (_dir, db, summary) = examples_db();
    assert!(summary.contains("1 agreement,") && summary.contains("0 commitments"), "{summary}");
    assert!(!summary.contains("1 agreements"), "{summary}");
    // One input that cannot be read: the summary says so.
    let one = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/vietnam-belarus-ties.txt");
    let out = accord().args(["extract", one, "no-such-file.txt"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 document from 1 input;"), "{stderr}");
    let out = accord().args(["delete", "vietnam-belarus-ties", "--db"]).arg(&db).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("1 document deleted"), "{said}");
}

#[test]
fn tables_fit_the_width_and_keep_their_ids() {
    let (_dir, db, _) = examples_db();
    let json = json_lines(&query(&db, &["agreements", "VN", "BY", "--json"]));
    let id = json[0]["id"].as_str().unwrap().to_string();
    for width in [120, 150] {
        let table = query(&db, &["agreements", "VN", "BY", "--width", &width.to_string()]);
        for line in table.lines() {
            assert!(line.chars().count() <= width, "{width}: {line}");
        }
        assert!(table.contains(&id), "the id is whole at {width}: {table}");
        assert!(table.contains('…'), "long text is cut at {width}: {table}");
    }
    // Narrower than the whole columns: the text is cut to its least, the id kept.
    assert!(query(&db, &["agreements", "VN", "BY", "--width", "40"]).contains(&id));
    // Without --width or a terminal, $COLUMNS sets the width.
    let out = accord().args(["agreements", "VN", "BY", "--db"]).arg(&db).env("COLUMNS", "130").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).lines().all(|l| l.chars().count() <= 130));
}

#[test]
fn a_career_is_not_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        " date 2021-04-05\nPrime Minister Nguyen Xuan Phuc of Vietnam met Belarusian Ambassador Uladzimir Baravikou in Hanoi.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("b.txt"),
        " date 2022-04-05\nPresident Nguyen Xuan Phuc of Vietnam received Belarusian Ambassador Uladzimir Baravikou in Hanoi.\n",
    )
    .unwrap();
    let db = dir.path().join("career.db");
    assert!(accord().arg("ingest").arg(&docs).arg("--db").arg(&db).output().unwrap().status.success());
    let person = json_lines(&query(&db, &["entity", "Nguyen Xuan Phuc", "--json"]));
    assert_eq!(person[0]["sources"], 2, "both documents name him: {person:?}");
    let conflicts = json_lines(&query(&db, &["conflicts", "--json"]));
    assert!(conflicts.iter().all(|c| c["field"] != "title"), "{conflicts:?}");
}

#[test]
fn tables_show_labels_in_english_and_keep_the_source_words_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vi.db");
    let mut child = accord()
        .args(["ingest", "-", "--id", "vi", "--db"])
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            " date 2024-03-05\nTổng Bí thư Tô Lâm hội đàm với Tổng thống Belarus Alexander Lukashenko tại Minsk. \
             Việt Nam và Belarus nhất trí tăng cường hợp tác thương mại.\n"
                .as_bytes(),
        )
        .unwrap();
    assert!(child.wait().unwrap().success());
    let table = query(&db, &["commitments", "VN", "BY", "--width", "300"]);
    assert!(table.contains("  agreed  ") && !table.contains("  nhất trí  "), "{table}");
    assert!(table.contains("Việt Nam và Belarus nhất trí"), "the quote keeps the source's words: {table}");
    let json = json_lines(&query(&db, &["commitments", "VN", "BY", "--json"]));
    assert_eq!(json[0]["modality"], "nhất trí", "the record keeps the source's word");
    let person = query(&db, &["entity", "Tô Lâm", "--width", "300"]);
    assert!(person.contains("General Secretary") && !person.contains("Tổng Bí thư"), "{person}");
    assert_eq!(json_lines(&query(&db, &["entity", "Tô Lâm", "--json"]))[0]["title"], "Tổng Bí thư");
    assert!(query(&db, &["entity", "Lukashenko", "--width", "300"]).contains("President of Belarus"));
}

#[test]
fn help_and_readme_lead_a_new_user_from_a_clean_clone() {
    let commands = [
        "extract",
        "ingest",
        "delete",
        "pairs",
        "partners",
        "timeline",
        "agreements",
        "figures",
        "commitments",
        "entity",
        "conflicts",
        "search",
        "sources",
        "export",
        "copy",
        "bench",
        "bench-kb",
        "serve",
        "bench-serve",
    ];
    for command in std::iter::once(None).chain(commands.iter().map(Some)) {
        let out = accord().args(command).arg("--help").output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && !help.is_empty(), "{command:?}");
        for path in ["../shared", "/work/", "/home/", "/Users/"] {
            assert!(!help.contains(path), "{command:?} --help points at {path}: {help}");
        }
    }
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let install = readme.find("cargo install --path crates/cli").expect("an install step");
    let first_use = readme.find("\naccord ingest").expect("accord commands");
    assert!(install < first_use, "the install step comes before the first accord command");
    assert!(readme.contains("C compiler"));
    // One database throughout: the default, which serve finds too.
    assert!(!readme.contains("relations.db"), "one database name in the README");
    // Every command of the quick start and of "Using it" is a command accord
    // knows, on the default database.
    let code = readme.split("```").skip(1).step_by(2).flat_map(str::lines);
    for line in code.filter(|l| l.starts_with("accord ") || l.contains("| accord ")) {
        let command = line.split("accord ").nth(1).unwrap().split_whitespace().next().unwrap();
        assert!(commands.contains(&command), "{line}");
        assert!(!line.split('#').next().unwrap().contains("--db"), "{line}");
    }
}
