//! The store on hand-made documents and a hand-made merged knowledge base
//! (so these tests do not depend on what the extractors and the merge find).

use super::*;
use crate::schema::{migrate_to, LATEST_VERSION};
use crate::OnConflict;
use accord_doc::facts::{Agreement, DocHeader, Entity, EntityType, Event, Evidence, MentionOffsets};
use accord_doc::Document;
use serde_json::Value;

pub(super) const TEXT: &str = "Ministers of Freedonia and Vietnam met in Đà Nẵng on Monday.\n\
                    The two sides signed a trade agreement.";

pub(super) fn doc(id: &str, text: &str) -> (Incoming, DocFacts) {
    let d = Document::from_text(id, text);
    let incoming = Incoming::read(&d);
    let facts = DocFacts {
        doc: DocHeader {
            id: id.into(),
            lang: "en".into(),
            published: "2024-03-04".parse().ok(),
            dateline: None,
            source: None,
            url: None,
            title: None,
        },
        entities: vec![Entity {
            kind: EntityType::Country,
            name: "Vietnam".into(),
            code: Some("VN".into()),
            aliases: vec![],
            country: None,
            title: None,
            mentions: vec![MentionOffsets { start: 27, end: 34 }],
            rule: Some("test".into()),
        }],
        events: vec![event("meeting", "2024-03-04")],
        agreements: vec![],
        figures: vec![],
        commitments: vec![],
    };
    (incoming, facts)
}

fn evidence() -> Evidence {
    Evidence { start: 0, end: 10, quote: "Ministers ".into() }
}

pub(super) fn event(kind: &str, date: &str) -> Event {
    Event {
        kind: kind.into(),
        visit_kind: None,
        what: None,
        by: None,
        participants: vec!["Nguyễn Văn A".into()],
        host: Some("VN".into()),
        place: Some("Đà Nẵng".into()),
        date: Some(date.into()),
        parties: vec!["VN".into(), "US".into()],
        evidence: evidence(),
        rule: None,
    }
}

fn source(doc: &str) -> Source {
    Source { doc: doc.into(), start: 0, end: 10, quote: "Ministers ".into(), copy_of: None }
}

fn knowledge_base() -> KnowledgeBase {
    let (_, facts) = doc("a", TEXT);
    KnowledgeBase {
        entities: vec![Merged { id: "ent-1".into(), record: facts.entities[0].clone(), sources: vec![source("a")] }],
        events: vec![
            Merged { id: "ev-2".into(), record: event("visit", "2024-05"), sources: vec![source("a"), source("b")] },
            Merged { id: "ev-1".into(), record: event("meeting", "2023"), sources: vec![source("a")] },
        ],
        agreements: vec![Merged {
            id: "ag-1".into(),
            record: Agreement {
                title: "trade agreement".into(),
                kind: "agreement".into(),
                topics: vec!["trade".into()],
                parties: vec!["VN".into(), "US".into()],
                signed: Some("2024".into()),
                in_force: None,
                status: Some("signed".into()),
                evidence: evidence(),
                rule: None,
            },
            sources: vec![source("b")],
        }],
        figures: vec![],
        commitments: vec![],
        conflicts: vec![Conflict {
            kind: "events".into(),
            record: "ev-2".into(),
            field: "date".into(),
            values: vec![
                ConflictValue { value: "2024-05".into(), docs: vec!["a".into()] },
                ConflictValue { value: "2024-06".into(), docs: vec!["b".into()] },
            ],
        }],
        links: vec![CandidateLink { kind: "events".into(), record: "ev-1".into(), candidate: "ev-2".into(), reason: "both fit".into() }],
    }
}

fn store_with_kb() -> SqliteStore {
    let mut s = SqliteStore::in_memory().unwrap();
    let (i, f) = doc("a", TEXT);
    s.put_document(&i, &f, &PutOptions::new("t")).unwrap();
    // Every document cited is its own representative.
    let citing: Vec<(String, String)> = ["a", "b"].iter().map(|d| (d.to_string(), d.to_string())).collect();
    s.write_merged(&knowledge_base(), &citing, 1).unwrap();
    s
}

#[test]
fn a_batch_stores_each_document_whole_or_not_at_all() {
    let mut s = SqliteStore::in_memory().unwrap();
    let good = doc("a", TEXT);
    let (bad_in, mut bad_facts) = doc("b", "Ministers of Freedonia met in Oslo.\nTrade reached an unknown sum.");
    // A value the database refuses (NaN is stored as NULL, and the
    // column is NOT NULL): this document's writes fail half-way.
    bad_facts.figures.push(accord_doc::facts::Figure {
        indicator: "trade_turnover".into(),
        value: f64::NAN,
        unit: None,
        period: None,
        status: "actual".into(),
        parties: vec![],
        evidence: evidence(),
        rule: None,
    });
    let other = doc("c", "Officials of Freedonia toured Hue.");
    let puts = s.put_documents(&[good, (bad_in, bad_facts), other], &PutOptions::new("t")).unwrap();
    assert!(matches!(puts[0], Ok(Put::Added)), "{:?}", puts[0]);
    assert!(puts[1].is_err(), "the refused document fails");
    assert!(matches!(puts[2], Ok(Put::Added)), "{:?}", puts[2]);
    for (table, _) in s.table_counts().unwrap() {
        let column = if table == "documents" { "id" } else { "doc" };
        let has_doc: bool = s
            .conn
            .query_row(&format!("SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'"), [], |r| r.get::<_, i64>(0))
            .unwrap()
            > 0;
        if has_doc {
            let rows: i64 = s.conn.query_row(&format!("SELECT count(*) FROM \"{table}\" WHERE {column} = 'b'"), [], |r| r.get(0)).unwrap();
            assert_eq!(rows, 0, "{table} holds nothing of the failed document");
        }
    }
    assert_eq!(s.document_count().unwrap(), 2);
    // The stored documents are searchable; the failed one is not.
    let found = |q: &str| s.query(&Query::Search { text: q.into(), limit: 10 }).unwrap().rows.len();
    assert_eq!(found("toured hue"), 1);
    assert_eq!(found("da nang"), 1);
    assert_eq!(found("oslo"), 0);
}

#[test]
fn a_document_is_added_once_and_read_again_by_another_extractor() {
    let mut s = SqliteStore::in_memory().unwrap();
    let (i, f) = doc("a", TEXT);
    assert_eq!(s.put_document(&i, &f, &PutOptions::new("t")).unwrap(), Put::Added);
    let before = s.table_counts().unwrap();
    assert_eq!(s.put_document(&i, &f, &PutOptions::new("t")).unwrap(), Put::Unchanged);
    assert_eq!(s.table_counts().unwrap(), before);
    // Another extractor's reading of the same text replaces the old one
    // (the index's own tables grow by a segment; its rows do not).
    assert_eq!(s.put_document(&i, &f, &PutOptions::new("t2")).unwrap(), Put::Reread);
    let rows = |c: Vec<(String, u64)>| c.into_iter().filter(|(t, _)| !t.starts_with("sentence_search_")).collect::<Vec<_>>();
    assert_eq!(rows(s.table_counts().unwrap()), rows(before));
    assert_eq!(s.known(&["a", "zz"]).unwrap()["a"].1, "t2");
    let mention: Option<String> = s.conn.query_row("SELECT quote FROM doc_mentions WHERE doc = 'a'", [], |r| r.get(0)).unwrap();
    assert_eq!(mention.as_deref(), Some("Vietnam"));
}

#[test]
fn the_merged_tables_are_recomputed_only_after_a_change() {
    let mut s = SqliteStore::in_memory().unwrap();
    let (i, f) = doc("a", TEXT);
    s.put_document(&i, &f, &PutOptions::new("t")).unwrap();
    assert!(s.refresh_merged(false).unwrap().recomputed);
    assert!(!s.refresh_merged(false).unwrap().recomputed);
    s.put_document(&i, &f, &PutOptions { force: true, ..PutOptions::new("t") }).unwrap();
    assert!(s.refresh_merged(false).unwrap().recomputed);
}

#[test]
fn the_knowledge_base_reads_back_as_written() {
    let s = store_with_kb();
    assert_eq!(s.knowledge_base().unwrap(), knowledge_base());
}

#[test]
fn a_pair_is_named_by_code_or_by_name_in_any_language() {
    let s = store_with_kb();
    for (a, b) in [("VN", "US"), ("us", "vn"), ("Việt Nam", "Hoa Kỳ"), ("Вьетнам", "United States")] {
        let t = s.query(&Query::Timeline { a: a.into(), b: b.into(), dates: Default::default() }).unwrap();
        let ids: Vec<&Value> = t.rows.iter().map(|r| &r[t.columns.iter().position(|c| c == "id").unwrap()]).collect();
        assert_eq!(ids, [&Value::from("ev-1"), &Value::from("ev-2")], "date order, for {a} {b}");
    }
    let t = s.query(&Query::Timeline { a: "VN".into(), b: "BY".into(), dates: Default::default() }).unwrap();
    assert!(t.rows.is_empty());
    let e = s.query(&Query::Timeline { a: "VN".into(), b: "Atlantis".into(), dates: Default::default() }).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownCountry);
    assert!(e.message.contains("Atlantis"), "{e}");
    let t = s.query(&Query::Agreements { a: "VN".into(), b: "US".into(), dates: Default::default() }).unwrap();
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.objects().next().unwrap()["topics"], serde_json::json!(["trade"]));
}

#[test]
fn search_ignores_diacritics_both_ways() {
    let s = store_with_kb();
    for q in ["da nang", "Đà Nẵng", "ĐÀ NANG", "dà nẵng"] {
        let t = s.query(&Query::Search { text: q.into(), limit: 10 }).unwrap();
        assert_eq!(t.rows.len(), 1, "{q}");
        let row = t.objects().next().unwrap();
        assert!(row["sentence"].as_str().unwrap().contains("Đà Nẵng"));
        let (start, end) = (row["byte_start"].as_u64().unwrap() as usize, row["byte_end"].as_u64().unwrap() as usize);
        assert_eq!(&TEXT[start..end], row["sentence"].as_str().unwrap());
    }
    assert!(s.query(&Query::Search { text: "nowhere".into(), limit: 10 }).unwrap().rows.is_empty());
    assert_eq!(s.query(&Query::Search { text: "  ".into(), limit: 10 }).unwrap_err().kind, ErrorKind::BadArgument);
}

#[test]
fn entities_sources_and_conflicts() {
    let s = store_with_kb();
    for name in ["vietnam", "Việt Nam", "VN", "viet"] {
        let t = s.query(&Query::Entity { name: name.into() }).unwrap();
        assert_eq!(t.rows.len(), 1, "{name}");
    }
    let t = s.query(&Query::Sources { id: "ev-2".into(), limit: 0 }).unwrap();
    assert_eq!(t.rows.len(), 2);
    assert_eq!(s.query(&Query::Sources { id: "nope".into(), limit: 0 }).unwrap_err().kind, ErrorKind::NoRecord);
    assert_eq!(s.query(&Query::Conflicts { pair: None }).unwrap().rows.len(), 1);
    let pair = Some(("VN".to_string(), "US".to_string()));
    assert_eq!(s.query(&Query::Conflicts { pair }).unwrap().rows.len(), 1);
    let pair = Some(("VN".to_string(), "BY".to_string()));
    assert_eq!(s.query(&Query::Conflicts { pair }).unwrap().rows.len(), 0);
}

#[test]
fn an_empty_database_says_so() {
    let s = SqliteStore::in_memory().unwrap();
    let e = s.query(&Query::Timeline { a: "VN".into(), b: "US".into(), dates: Default::default() }).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Empty);
    assert!(e.message.contains("accord ingest"), "{e}");
}

#[test]
fn every_earlier_schema_version_migrates_to_the_latest() {
    for from in 1..LATEST_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, from).unwrap();
            // A document as version 1 already stored it.
            conn.execute(
                "INSERT INTO documents (id, content_hash, extractor, bytes, ingested_at, facts) \
                 VALUES ('old', 'h', 't', 3, '2024-01-01T00:00:00Z', '{}')",
                [],
            )
            .unwrap();
            if from < 6 {
                // Per-document rows were tables until version 6.
                conn.execute(
                    "INSERT INTO doc_entities (doc, seq, type, name, aliases, mentions) \
                     VALUES ('old', 0, 'country', 'Vietnam', '[]', 0)",
                    [],
                )
                .unwrap();
            }
            if from >= 3 {
                // A sentence and its entry in the full-text index.
                conn.execute_batch(
                    "INSERT INTO sentences (id, doc, seq, byte_start, byte_end, text) \
                     VALUES (7, 'old', 0, 0, 26, 'Envoys met in ĐÀ NẴNG.');
                     INSERT INTO sentence_search (rowid, folded) VALUES (7, 'envoys met in da nang.');",
                )
                .unwrap();
            }
        }
        let mut s = SqliteStore::create(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), LATEST_VERSION, "from v{from}");
        assert_eq!(s.integrity_check().unwrap(), "ok");
        assert_eq!(s.document_count().unwrap(), 1, "from v{from}: documents survive");
        let found = |s: &SqliteStore, q: &str| s.query(&Query::Search { text: q.into(), limit: 5 }).unwrap().rows.len();
        if from < 3 {
            // Documents stored before the sentence index are read again.
            let known = s.known(&["old"]).unwrap();
            assert_ne!(known["old"].0, "h", "from v{from}");
        } else {
            // Stored sentences are searchable at once, in the new index.
            assert_eq!(found(&s, "Đà Nẵng"), 1, "from v{from}");
            assert_eq!(s.known(&["old"]).unwrap()["old"].0, "h", "from v{from}");
        }
        let (i, f) = doc("old", TEXT);
        // A hash cleared by the migration is the same article to read again,
        // not a conflict; a stored hash that differs is one, replaced on request.
        let replace = PutOptions { on_conflict: OnConflict::Replace, ..PutOptions::new("t") };
        let put = s.put_document(&i, &f, &PutOptions::new("t"));
        if from < 3 {
            assert_eq!(put.unwrap(), Put::Reread, "from v{from}");
        } else {
            assert_eq!(put.unwrap_err().kind, ErrorKind::Conflict, "from v{from}");
            assert_eq!(s.put_document(&i, &f, &replace).unwrap(), Put::Replaced, "from v{from}");
        }
        // The replaced document's old sentence left the index.
        assert_eq!(found(&s, "nang"), 1, "from v{from}");
        assert_eq!(found(&s, "envoys"), 0, "from v{from}");
    }
}

#[test]
fn bad_files_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let e = SqliteStore::open_existing(&missing).err().unwrap();
    assert_eq!(e.kind, ErrorKind::Missing);
    assert!(!missing.exists(), "a query does not create a database");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "this is not a database, just some text that is long enough ".repeat(40)).unwrap();
    let e = SqliteStore::open_existing(&junk).err().unwrap();
    assert_eq!(e.kind, ErrorKind::NotADatabase, "{e}");
    assert!(e.message.contains("junk.db"), "{e}");

    let newer = dir.path().join("newer.db");
    {
        let conn = Connection::open(&newer).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
    }
    let e = SqliteStore::open_existing(&newer).err().unwrap();
    assert_eq!(e.kind, ErrorKind::NewerSchema);
    assert!(e.message.contains("newer"), "{e}");

    let foreign = dir.path().join("foreign.db");
    {
        let conn = Connection::open(&foreign).unwrap();
        conn.execute("CREATE TABLE t (x)", []).unwrap();
    }
    assert_eq!(SqliteStore::open_existing(&foreign).err().unwrap().kind, ErrorKind::NotADatabase);
}

#[test]
fn a_search_index_built_with_another_folding_is_rebuilt_on_opening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.db");
    let mut s = SqliteStore::create(&path).unwrap();
    for (i, f) in [doc("a", TEXT), doc("b", "Officials of Freedonia toured Hue.")] {
        s.put_document(&i, &f, &PutOptions::new("t")).unwrap();
    }
    let found = |s: &SqliteStore, q: &str| s.query(&Query::Search { text: q.into(), limit: 10 }).unwrap().rows.len();
    let before = found(&s, "da nang");
    assert!(before > 0);
    // As if another accord, folding otherwise, had built the index.
    s.conn.execute("UPDATE kb_state SET value = 0 WHERE key = 'fold_fingerprint'", []).unwrap();
    drop(s);
    let mut s = SqliteStore::open_existing(&path).unwrap();
    let fingerprint: i64 = s.conn.query_row("SELECT value FROM kb_state WHERE key = 'fold_fingerprint'", [], |r| r.get(0)).unwrap();
    assert_ne!(fingerprint, 0, "the folding is recorded again");
    assert_eq!(found(&s, "da nang"), before, "each sentence indexed once");
    // Its entries go with their document, as they were rebuilt.
    s.delete_documents(&["a"]).unwrap();
    assert_eq!(found(&s, "da nang"), 0);
    assert_eq!(found(&s, "toured hue"), 1);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}
