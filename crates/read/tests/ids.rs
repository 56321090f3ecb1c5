//! Document ids: content-derived for JSON Lines lines without one, chosen
//! by the caller with `read_as`. Texts written here, in our own words.
//! (Standard input is covered by the command-line tests, which can pipe.)

use accord_doc::Document;
use accord_read::{read_as, read_source, Format, Input, ReadErrorKind, Source};
use std::path::Path;

fn read_lines(path: &Path) -> Vec<Document> {
    let source = Source { input: Input::Path(path.to_path_buf()), format: Format::JsonLines };
    read_source(&source).map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// A file of `dir` holding `text`.
fn written(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn json_lines_without_an_id_are_named_by_their_content() {
    let dir = tempfile::tempdir().unwrap();
    let feed = written(
        &dir,
        "feed.jsonl",
        concat!(
            "{\"text\": \"The two foreign ministers met in the capital on Tuesday.\"}\n",
            "{\"text\": \"A new air route between the two capitals opens in May.\"}\n",
            "{\"text\": \"The two foreign ministers met in the capital on Tuesday.\"}\n",
            "{\"text\": \"The two foreign ministers met in the capital on Tuesday.\", \"published\": \"2024-02-06\"}\n",
            "{\"id\": \"chosen\", \"text\": \"A new air route between the two capitals opens in May.\"}\n",
        ),
    );
    let docs = read_lines(&feed);
    let ids: Vec<&str> = docs.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids.len(), 5);
    assert!(ids[..4].iter().all(|id| id.starts_with("doc-")), "{ids:?}");
    assert_ne!(ids[0], ids[1], "two different articles, two ids");
    assert_eq!(ids[0], ids[2], "the same article again, the same id");
    assert_ne!(ids[0], ids[3], "another publication date is another document, not a conflict");
    assert_eq!(ids[4], "chosen", "a given id is kept");

    // Neither the file's name nor the line number is part of the id.
    let other = written(&dir, "renamed.jsonl", "\n\n{\"text\": \"The two foreign ministers met in the capital on Tuesday.\"}\n");
    assert_eq!(read_lines(&other)[0].meta.id, ids[0]);
}

#[test]
fn read_as_names_one_file_and_refuses_what_holds_many() {
    let dir = tempfile::tempdir().unwrap();
    let note = written(&dir, "note.txt", " date 2024-02-06\nThe two ministers spoke by telephone.");
    let doc = read_as(&Input::Path(note.clone()), "call-2024").unwrap();
    assert_eq!(doc.meta.id, "call-2024");
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-02-06"), "read as any text file");

    let page = dir.path().join("page.html");
    std::fs::write(&page, "<html><body><p>The two ministers spoke by telephone.</p></body></html>").unwrap();
    assert_eq!(read_as(&Input::Path(page), "page-one").unwrap().meta.id, "page-one");

    let lines = dir.path().join("feed.jsonl");
    std::fs::write(&lines, "{\"text\": \"One line.\"}\n").unwrap();
    for (input, id, needle) in [
        (Input::Path(dir.path().to_path_buf()), "x", "is a directory"),
        (Input::Path(lines), "x", "\"id\" field"),
        (Input::Path(note), " ", "empty id"),
    ] {
        let error = read_as(&input, id).expect_err("refused");
        assert_eq!(error.kind, ReadErrorKind::Usage, "{error}");
        assert!(error.to_string().contains(needle), "{error}");
    }
    let missing = read_as(&Input::Path(dir.path().join("absent.txt")), "x").expect_err("missing");
    assert_eq!(missing.kind, ReadErrorKind::NotFound);
}
