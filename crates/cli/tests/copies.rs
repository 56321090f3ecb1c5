//! Wire copies: one report republished forty times with small edits
//! (another headline, a paragraph dropped, another dateline) is one source
//! with its copies, and its facts are one record each. A report of the same
//! talks in other words stays a source of its own. The article is written
//! for this test.

use accord_store::{KnowledgeStore, SqliteStore};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const PARAGRAPHS: [&str; 6] = [
    "Foreign Minister Bui Thanh Son of Vietnam held talks with Foreign Minister Peter Szijjarto of Hungary in Budapest on 14 March 2024, during an official visit to Hungary.",
    "The two ministers reviewed trade, which reached 1.2 billion USD in 2023, and agreed to raise it further through the free trade agreement between Vietnam and the European Union.",
    "After the talks they signed an agreement on cooperation in education and training, under which Hungary will offer two hundred scholarships to Vietnamese students every year.",
    "Both sides agreed to expand cooperation in water management, pharmaceuticals and tourism, and to study new direct flights between the two capitals.",
    "The Vietnamese minister also met the Speaker of the Hungarian National Assembly and visited a memorial to Vietnamese students who studied in Hungary in the 1960s.",
    "The next session of the joint economic committee will be held in Hanoi later in the year, the two ministers said.",
];

const HEADLINES: [&str; 4] = [
    "Vietnam and Hungary agree to deepen ties",
    "Hungary, Vietnam sign education deal",
    "Ministers review Vietnam-Hungary cooperation",
    "Vietnamese foreign minister visits Budapest",
];

const DATELINES: [&str; 3] = ["BUDAPEST - ", "HANOI - ", ""];

/// Copy `k`: its own headline and dateline, and every third copy without
/// one of the middle paragraphs.
fn copy(k: usize) -> String {
    let dropped = (k % 3 == 1).then_some(2 + k % 3);
    let body: Vec<&str> = PARAGRAPHS.iter().enumerate().filter(|(i, _)| Some(*i) != dropped).map(|(_, p)| *p).collect();
    format!("{}\n\n{}{}\n", HEADLINES[k % HEADLINES.len()], DATELINES[k % DATELINES.len()], body.join("\n\n"))
}

fn ingest(db: &Path, dir: &Path) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_accord")).env_remove("ACCORD_DB").arg("ingest").arg(dir).arg("--db").arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn record_counts(store: &mut SqliteStore) -> BTreeMap<&'static str, usize> {
    store.refresh_merged(false).unwrap();
    let kb = store.knowledge_base().unwrap();
    BTreeMap::from([
        ("events", kb.events.len()),
        ("agreements", kb.agreements.len()),
        ("figures", kb.figures.len()),
        ("commitments", kb.commitments.len()),
    ])
}

#[test]
fn forty_edited_copies_are_one_source() {
    let dir = tempfile::tempdir().unwrap();
    let (one, many) = (dir.path().join("one"), dir.path().join("many"));
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&many).unwrap();
    std::fs::write(one.join("copy-00.txt"), copy(0)).unwrap();
    for k in 0..40 {
        std::fs::write(many.join(format!("copy-{k:02}.txt")), copy(k)).unwrap();
    }

    let alone = dir.path().join("alone.db");
    ingest(&alone, &one);
    let expected = record_counts(&mut SqliteStore::open_existing(&alone).unwrap());
    assert!(expected.values().all(|&n| n > 0), "the article gives every kind of record: {expected:?}");

    let db = dir.path().join("copies.db");
    ingest(&db, &many);
    let mut store = SqliteStore::open_existing(&db).unwrap();
    assert_eq!(record_counts(&mut store), expected, "one record per fact");
    let kb = store.knowledge_base().unwrap();
    let events = kb.events.iter().map(|m| (m.outlets(), m.sources.len()));
    let others = kb.agreements.iter().map(|m| (m.outlets(), m.sources.len()));
    for (outlets, sources) in events.chain(others) {
        assert_eq!(outlets, 1, "the copies of one report are one source");
        assert!(sources >= 26, "every copy that states the fact is kept as a copy ({sources} sources)");
    }
    for m in &kb.events {
        for s in &m.sources {
            assert_eq!(s.outlet(), "copy-00", "the original is the first copy by id, whatever the order");
            assert_eq!(s.copy_of.is_none(), s.doc == "copy-00");
        }
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let originals: i64 = conn.query_row("SELECT count(*) FROM documents WHERE copy_of IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(originals, 1);
    let counted: i64 = conn.query_row("SELECT max(source_count) FROM kb_events", [], |r| r.get(0)).unwrap();
    assert_eq!(counted, 1, "the table counts outlets, not copies");

    // The same talks told in other words: a second source, not a copy.
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(
        other.join("another-outlet.txt"),
        "Hungary's Foreign Minister Peter Szijjarto welcomed his Vietnamese counterpart Bui Thanh Son for talks in Budapest on 14 March 2024. \
         Szijjarto said Hungarian firms see Vietnam as a gateway to Southeast Asia and announced more scholarships for Vietnamese students.\n",
    )
    .unwrap();
    ingest(&db, &other);
    let mut store = SqliteStore::open_existing(&db).unwrap();
    store.refresh_merged(false).unwrap();
    let kb = store.knowledge_base().unwrap();
    assert!(kb.events.iter().any(|m| m.outlets() == 2), "the other outlet's report of the talks is a second source");
    let copy_of: Option<String> = conn.query_row("SELECT copy_of FROM documents WHERE id = 'another-outlet'", [], |r| r.get(0)).unwrap();
    assert_eq!(copy_of, None);

    // Deleting the original hands the group to the next copy.
    let out =
        Command::new(env!("CARGO_BIN_EXE_accord")).env_remove("ACCORD_DB").args(["delete", "copy-00", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let originals: Vec<String> = conn
        .prepare("SELECT id FROM documents WHERE copy_of IS NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(originals, ["another-outlet", "copy-01"]);
}
