//! Readers over the fixtures in tests/fixtures (written for these tests) and
//! over bad inputs generated at run time.

use accord_doc::{Document, Lang};
use accord_read::{expand, read_source, Format, Input, ReadError, ReadErrorKind, Source};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

fn read_path(path: &Path) -> Vec<Result<Document, ReadError>> {
    read_source(&Source { input: Input::Path(path.to_path_buf()), format: Format::of_path(path) }).collect()
}

fn read_one(path: &Path) -> Document {
    let mut results = read_path(path);
    assert_eq!(results.len(), 1, "{}", path.display());
    results.remove(0).unwrap_or_else(|e| panic!("{e}"))
}

fn read_error(path: &Path) -> ReadError {
    let mut results = read_path(path);
    assert_eq!(results.len(), 1);
    results.remove(0).expect_err("an error")
}

#[test]
fn directory_walk_is_sorted_recursive_and_filtered() {
    let root = fixture("corpus");
    let (sources, errors) = expand(&[Input::Path(root.clone()), Input::Stdin]);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<String> = sources
        .iter()
        .map(|s| match &s.input {
            Input::Path(p) => p.strip_prefix(&root).unwrap().display().to_string(),
            Input::Stdin => "-".to_string(),
        })
        .collect();
    assert_eq!(
        names,
        [
            "dateline_after_headline.md",
            "marker_same_line.txt",
            "nested/date_line.txt",
            "nested/ld_page.htm",
            "page.html",
            "records.jsonl",
            "-"
        ]
    );
    let formats: Vec<Format> = sources.iter().map(|s| s.format).collect();
    use Format::*;
    assert_eq!(formats, [Text, Text, Text, Html, Html, JsonLines, Text]);
    assert_eq!(Input::from_arg("-"), Input::Stdin);
}

#[test]
fn plain_text_keeps_the_input_exactly() {
    let path = fixture("corpus/marker_same_line.txt");
    let doc = read_one(&path);
    assert_eq!(doc.text, std::fs::read_to_string(&path).unwrap());
    assert_eq!(doc.meta.id, "marker_same_line");
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2023-04-18"));
    assert_eq!(doc.meta.dateline.as_deref(), Some("PORTVILLE"));
    assert_eq!(doc.meta.source.as_deref(), Some("XNS"));
    assert!(doc.body_text().starts_with("PORTVILLE —"));
    assert!(doc.origin.is_none() && doc.warnings.is_empty());
}

#[test]
fn markdown_with_marker_line_and_dateline_after_headline() {
    let doc = read_one(&fixture("corpus/dateline_after_headline.md"));
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2022-09"));
    assert_eq!(doc.meta.dateline.as_deref(), Some("Lakeside"));
    assert_eq!(doc.meta.source.as_deref(), Some("Wire"));
    assert!(doc.body_text().starts_with("Northland and Southland open"));
}

#[test]
fn date_line_and_footer_source() {
    let doc = read_one(&fixture("corpus/nested/date_line.txt"));
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2021-02-05"));
    assert_eq!(doc.meta.source.as_deref(), Some("TTXVN"));
    assert_eq!(doc.meta.dateline, None);
    assert_eq!(doc.body.start, 0);
}

#[test]
fn html_main_text_metadata_and_offsets() {
    let path = fixture("corpus/page.html");
    let html = std::fs::read_to_string(&path).unwrap();
    let doc = read_one(&path);
    assert_eq!(doc.meta.id, "page");
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-06-03"));
    assert_eq!(doc.meta.title.as_deref(), Some("Northland and Southland sign a fisheries accord"));
    assert_eq!(doc.meta.url.as_deref(), Some("https://example.org/world/fisheries-accord"));
    assert_eq!(doc.meta.lang, Lang::En);
    assert_eq!(doc.meta.dateline.as_deref(), Some("HARBOURTON"));
    assert!(doc.text.contains("signed an accord on Monday"), "{}", doc.text);
    assert!(!doc.text.contains("tracking") && !doc.text.contains("color: black"));
    assert!(!doc.text.contains("All rights reserved"), "boilerplate kept: {}", doc.text);
    assert!(doc.text.contains("\n\n"), "paragraphs are separated by blank lines");
    assert!(doc.text.contains("country’s ports") && doc.text.contains("patrol vessels & satellites"));
    // Every word of the article maps back to the same word in the page.
    for word in ["HARBOURTON", "catch limits", "satellites", "steadily", "ports"] {
        let offset = doc.text.find(word).unwrap();
        let evidence = doc.evidence(accord_doc::Span::new(offset, offset + word.len()));
        assert_eq!(&html[evidence.start..evidence.end], word, "{word}");
    }
    let apostrophe = doc.text.find('’').unwrap();
    assert_eq!(&html[doc.evidence(accord_doc::Span::new(apostrophe, apostrophe)).start..][..7], "&rsquo;");
}

#[test]
fn html_date_from_json_ld_and_short_pages() {
    let doc = read_one(&fixture("corpus/nested/ld_page.htm"));
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2020-11-30"));
    assert_eq!(doc.meta.title.as_deref(), Some("Short note"));
    assert!(doc.text.contains("Envoys of the two states"), "{}", doc.text);
}

#[test]
fn json_lines_one_document_per_line_and_errors_per_line() {
    let results = read_path(&fixture("corpus/records.jsonl"));
    assert_eq!(results.len(), 6, "blank lines are skipped");

    let first = results[0].as_ref().unwrap();
    assert_eq!(first.meta.id, "first");
    assert_eq!(first.text, "The two presidents spoke by telephone on Monday.");
    assert_eq!(first.meta.published.map(|d| d.to_string()).as_deref(), Some("2021-03-08"));
    assert_eq!(first.meta.lang, Lang::En);
    assert_eq!(first.meta.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(first.meta.title.as_deref(), Some("A call"));

    let second = results[1].as_ref().unwrap();
    assert!(second.meta.id.starts_with("doc-") && second.meta.id.len() == 20, "a missing id comes from the content: {}", second.meta.id);
    assert_eq!(second.meta.published.map(|d| d.to_string()).as_deref(), Some("2019-07-01"), "header parsed when published is absent");
    assert_eq!(second.meta.dateline.as_deref(), Some("HARBOURTON"));
    assert_eq!(second.meta.lang, Lang::Vi);
    assert!(second.body_text().starts_with("HARBOURTON"));

    let broken = results[2].as_ref().unwrap_err();
    assert_eq!((broken.kind, broken.line), (ReadErrorKind::BadRecord, Some(4)));
    assert!(broken.to_string().contains("records.jsonl:4:"), "{broken}");

    let numbered = results[3].as_ref().unwrap();
    assert_eq!(numbered.meta.id, "42");
    assert_eq!(numbered.meta.lang, Lang::Ru);
    assert_eq!(numbered.meta.published, None);
    assert_eq!(numbered.warnings.len(), 1, "a bad published value is a warning");

    let no_text = results[4].as_ref().unwrap_err();
    assert_eq!((no_text.kind, no_text.line), (ReadErrorKind::BadRecord, Some(6)));

    let odd = results[5].as_ref().unwrap();
    assert_eq!(odd.meta.lang, Lang::Other);
    assert!(odd.warnings[0].contains("xx"));
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"Caf\xe9 talks began.\n").unwrap();
    let doc = read_one(&path);
    assert_eq!(doc.text, "Caf\u{FFFD} talks began.\n");
    assert_eq!(doc.warnings.len(), 1);
    assert!(doc.warnings[0].contains("latin1.txt") && doc.warnings[0].contains("byte 3"), "{}", doc.warnings[0]);

    let path = dir.path().join("lines.jsonl");
    std::fs::write(&path, b"{\"text\": \"ok\"}\n{\"text\": \"bad \xff byte\"}\n").unwrap();
    let results = read_path(&path);
    let doc = results[1].as_ref().unwrap();
    assert!(doc.text.contains('\u{FFFD}'));
    assert!(doc.warnings[0].contains("byte 29"), "{}", doc.warnings[0]);
}

#[test]
fn binary_empty_and_missing_inputs_are_errors_that_do_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3]).unwrap();
    let noisy = dir.path().join("noise.html");
    std::fs::write(&noisy, (0..4000u32).map(|i| (i * 7 % 32) as u8 + 1).collect::<Vec<u8>>()).unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "  \n\n").unwrap();
    let empty_jsonl = dir.path().join("empty.jsonl");
    std::fs::write(&empty_jsonl, "").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "A short article.").unwrap();
    let missing = dir.path().join("missing.txt");

    assert_eq!(read_error(&binary).kind, ReadErrorKind::Binary);
    assert!(read_error(&binary).to_string().contains("image.txt"));
    assert_eq!(read_error(&noisy).kind, ReadErrorKind::Binary);
    assert_eq!(read_error(&empty).kind, ReadErrorKind::Empty);
    assert_eq!(read_error(&empty_jsonl).kind, ReadErrorKind::Empty);
    assert_eq!(read_error(&missing).kind, ReadErrorKind::NotFound);

    let inputs = [Input::Path(missing.clone()), Input::Path(dir.path().to_path_buf())];
    let (sources, errors) = expand(&inputs);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, ReadErrorKind::NotFound);
    let message = errors[0].to_string();
    assert!(message.contains("missing.txt") && message.to_lowercase().contains("no such file"), "{message}");
    let documents: Vec<_> = sources.iter().flat_map(read_source).collect();
    assert_eq!(documents.iter().filter(|d| d.is_ok()).count(), 1, "the good file is still read");
    assert_eq!(documents.len(), 5);
}

#[test]
fn a_100_mb_single_line_is_read_in_linear_time() {
    const SIZE: usize = 100 * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Délégations of the two countries met again — в столице — hôm nay. ";
    let mut line = sentence.repeat(SIZE / sentence.len() + 1);
    line.truncate((0..=SIZE).rev().find(|&i| line.is_char_boundary(i)).unwrap());

    let text_path = dir.path().join("huge.txt");
    std::fs::write(&text_path, format!(" date 2024-01-02 {line}")).unwrap();
    let started = Instant::now();
    let doc = read_one(&text_path);
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2024-01-02"));
    assert_eq!(doc.body.len(), line.len());
    eprintln!("100 MB text line read in {:?}", started.elapsed());

    let jsonl_path = dir.path().join("huge.jsonl");
    std::fs::write(&jsonl_path, format!("{{\"id\": \"big\", \"text\": \"{line}\"}}\n")).unwrap();
    drop(line);
    let started = Instant::now();
    let doc = read_one(&jsonl_path);
    assert_eq!(doc.meta.id, "big");
    assert!(doc.text.len() >= SIZE - 4);
    eprintln!("100 MB JSON Lines record read in {:?}", started.elapsed());
}
