//! The read-only views agree with the query commands and with plain SQL
//! over the same database (seeds corpus; skipped without ../shared).

use accord_read::{expand, read_source, Input};
use accord_store::views::{Reader, RecordKind};
use accord_store::{Incoming, KnowledgeStore, PutOptions, Query, SqliteStore};
use std::path::{Path, PathBuf};

/// The seeds' database, opened as the query commands and the views open it.
struct Seeds {
    dir: tempfile::TempDir,
    db: PathBuf,
    store: SqliteStore,
    reader: Reader,
}

fn seeds() -> Option<Seeds> {
    let dir = tempfile::tempdir().unwrap();
    let db = seeds_db(dir.path())?;
    let store = SqliteStore::open_existing(&db).unwrap();
    let reader = Reader::open(&db).unwrap();
    Some(Seeds { dir, db, store, reader })
}

fn seeds_db(dir: &Path) -> Option<PathBuf> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !seeds.is_dir() {
        eprintln!("note: ../shared is missing; the views tests were skipped");
        return None;
    }
    let db = dir.join("kb.db");
    let mut store = SqliteStore::create(&db).unwrap();
    let (sources, _) = expand(&[Input::Path(seeds)]);
    for doc in sources.iter().flat_map(read_source) {
        let doc = doc.unwrap();
        let incoming = Incoming::read(&doc);
        store.put_document(&incoming, &accord_extract::document(doc), &PutOptions::new("test")).unwrap();
    }
    store.refresh_merged(false).unwrap();
    Some(db)
}

#[test]
fn views_agree_with_the_queries_and_with_plain_sql() {
    let Some(Seeds { dir: _dir, db, store, reader }) = seeds() else {
        return;
    };

    let pair = reader.pair("Vietnam", "BY", 1000).unwrap();
    let timeline = store.query(&Query::Timeline { a: "VN".into(), b: "BY".into(), dates: Default::default() }).unwrap();
    let ids: Vec<&str> =
        timeline.rows.iter().map(|r| r[timeline.columns.iter().position(|c| c == "id").unwrap()].as_str().unwrap()).collect();
    assert_eq!(pair.timeline.items.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ids);
    assert_eq!(pair.timeline.total as usize, ids.len());
    let agreements = store.query(&Query::Agreements { a: "VN".into(), b: "BY".into(), dates: Default::default() }).unwrap();
    assert_eq!(pair.agreements.total as usize, agreements.rows.len());
    let figures = store.query(&Query::Figures { a: "VN".into(), b: "BY".into(), dates: Default::default() }).unwrap();
    assert_eq!(pair.figures.total as usize, figures.rows.len());
    let commitments = store.query(&Query::Commitments { a: "VN".into(), b: "BY".into(), area: None, dates: Default::default() }).unwrap();
    assert_eq!(pair.commitments.total as usize, commitments.rows.len());
    // The pair is the same whichever side is named first.
    assert_eq!(reader.pair("BY", "VN", 1000).unwrap().timeline.items, pair.timeline.items);

    // The home overview counts what a self-join of the parties counts.
    let overview = reader.overview(1000).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p1.party, p2.party, sum(p1.kind = 'events'), sum(p1.kind = 'agreements'), \
             sum(p1.kind = 'figures'), sum(p1.kind = 'commitments') FROM kb_parties p1 JOIN kb_parties p2 \
             ON p2.kind = p1.kind AND p2.record = p1.record AND p2.party > p1.party GROUP BY p1.party, p2.party",
        )
        .unwrap();
    let expected: Vec<(String, String, u64, u64, u64, u64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(overview.pairs.len(), expected.len());
    for (a, b, ev, ag, fi, co) in expected {
        let got = overview.pairs.iter().find(|p| p.a.code == a && p.b.code == b).expect("pair listed");
        assert_eq!(got.counts.each(), [ev, ag, fi, co], "{a}-{b}");
    }
    let vn_by = overview.pairs.iter().find(|p| p.a.code == "BY" && p.b.code == "VN").unwrap();
    let latest = pair.timeline.items.iter().filter_map(|e| e.date.clone()).max();
    assert_eq!(vn_by.latest, latest);

    // Every source of a record is one of the store's sources for it.
    let id = &pair.timeline.items[0].id;
    let record = reader.record(RecordKind::Events, id, 1000).unwrap();
    let sources = store.query(&Query::Sources { id: id.clone(), limit: 0 }).unwrap();
    assert_eq!(record.sources.total as usize, sources.rows.len());
    assert!(reader.record(RecordKind::Agreements, id, 10).is_err(), "an event id is no agreement");

    // Reading never writes: the reader refuses nothing and changes nothing.
    let before = std::fs::metadata(&db).unwrap().modified().unwrap();
    reader.search("belarus", 5).unwrap();
    assert_eq!(std::fs::metadata(&db).unwrap().modified().unwrap(), before);
}

#[test]
fn a_reader_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    assert!(Reader::open(&missing).unwrap_err().message.contains("accord ingest"));
    assert!(!missing.exists());
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just some bytes that are long enough").unwrap();
    assert!(Reader::open(&junk).is_err());
}

#[test]
fn a_listed_table_keeps_what_the_query_commands_keep_in_the_order_asked() {
    use accord_store::views::{EventRow, ListQuery};
    use accord_store::Dates;
    let Some(Seeds { dir: _dir, db: _, store, reader }) = seeds() else {
        return;
    };
    let dates = Dates { since: Some("2015".into()), until: Some("2017-06".into()) };
    let cli = store.query(&Query::Timeline { a: "VN".into(), b: "BY".into(), dates: dates.clone() }).unwrap();
    let q = ListQuery { since: dates.since.clone(), until: dates.until.clone(), limit: 1000, ..ListQuery::default() };
    let (a, b, listed) = reader.pair_table::<EventRow>("VN", "BY", &q).unwrap();
    assert_eq!((a.code.as_str(), b.code.as_str()), ("BY", "VN"), "one order for a pair: by code");
    assert_eq!(listed.total as usize, cli.rows.len());
    assert!(!listed.items.is_empty() && listed.items.iter().all(|e| dates.contains(e.date.as_deref())));
    // Types, order and pages.
    let visits =
        ListQuery { types: vec!["visit".into()], sort: Some("date".into()), descending: true, limit: 1000, ..ListQuery::default() };
    let (_, _, visits) = reader.pair_table::<EventRow>("VN", "BY", &visits).unwrap();
    assert!(visits.items.iter().all(|e| e.kind == "visit"));
    let dated: Vec<&str> = visits.items.iter().filter_map(|e| e.date.as_deref()).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dated:?}");
    let page = |offset| ListQuery { offset, limit: 3, ..ListQuery::default() };
    let (_, _, all) = reader.pair_table::<EventRow>("VN", "BY", &ListQuery::first(1000)).unwrap();
    let (_, _, second) = reader.pair_table::<EventRow>("VN", "BY", &page(3)).unwrap();
    assert_eq!(second.items, all.items[3..6].to_vec());
    assert_eq!(second.total, all.total);
    assert!(reader.pair_table::<EventRow>("VN", "BY", &ListQuery { sort: Some("title".into()), ..page(0) }).is_err());
    let vietnamese = ListQuery { lang: Some("vi".into()), ..ListQuery::first(1000) };
    let (_, _, vi) = reader.pair_table::<EventRow>("VN", "BY", &vietnamese).unwrap();
    assert!(!vi.items.is_empty() && vi.items.len() < all.items.len());
}

#[test]
fn an_entity_and_the_records_that_name_it_link_each_other() {
    let Some(Seeds { dir: _dir, reader, .. }) = seeds() else {
        return;
    };
    let person = reader.record(RecordKind::Entities, "person:aleksandr-lukashenko", 100).unwrap();
    let events = person.related.events.as_ref().unwrap();
    assert!(events.total >= 3);
    for e in &events.items {
        let event = reader.record(RecordKind::Events, &e.id, 100).unwrap();
        assert!(
            event.related.entities.iter().any(|x| x.id.as_deref() == Some("person:aleksandr-lukashenko")),
            "{} names him in its sentences",
            e.id
        );
    }
    // A country: its partners, counted as the home page counts them.
    let country = reader.country("VN").unwrap();
    let overview = reader.overview(100).unwrap();
    let pair = overview.pairs.iter().find(|p| p.a.code == "BY" && p.b.code == "VN").unwrap();
    let by = country.partners.iter().find(|p| p.partner.code == "BY").unwrap();
    let (b, p) = (by.counts, pair.counts);
    assert_eq!((b.events, b.agreements, b.commitments), (p.events, p.agreements, p.commitments));
    assert_eq!(by.latest.as_ref().and_then(|e| e.date.as_deref()).map(|d| &d[..7]), pair.latest.as_deref().map(|d| &d[..7]));
}

/// A person named in more documents than [`ENTITY_DOCUMENTS`]: their records
/// are read from their latest documents (and said so), still found both ways,
/// and a record's named entities from its first [`RECORD_DOCUMENTS`] sources.
#[test]
fn an_entity_in_many_documents_is_read_from_its_latest() {
    use accord_store::views::{ENTITY_DOCUMENTS, RECORD_DOCUMENTS};
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/india-japan-economy.txt");
    let (sources, _) = expand(&[Input::Path(example)]);
    let original = sources.iter().flat_map(read_source).next().unwrap().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    let mut store = SqliteStore::create(&db).unwrap();
    let copies = ENTITY_DOCUMENTS as usize + 5;
    for n in 0..copies {
        let mut doc = original.clone();
        doc.meta.id = format!("copy-{n}");
        doc.text.push_str(&format!("\n\nRef. {n}."));
        if let Some(input) = doc.input.as_mut() {
            input.text.push_str(&format!("\n\nRef. {n}."));
        }
        let incoming = Incoming::read(&doc);
        store.put_document(&incoming, &accord_extract::document(doc), &PutOptions::new("test")).unwrap();
    }
    store.refresh_merged(false).unwrap();
    let reader = Reader::open(&db).unwrap();
    let modi = reader.record(RecordKind::Entities, "person:narendra-modi", 10).unwrap();
    assert_eq!(modi.sources.total as usize, copies);
    assert_eq!(modi.related.documents_read, Some(ENTITY_DOCUMENTS as u64));
    let events = modi.related.events.unwrap();
    assert_eq!(events.total, 1, "the meeting is found in the latest documents");
    let meeting = reader.record(RecordKind::Events, &events.items[0].id, 10).unwrap();
    assert!(meeting.sources.total as i64 > RECORD_DOCUMENTS);
    let named: Vec<_> = meeting.related.entities.iter().filter_map(|e| e.id.as_deref()).collect();
    assert!(named.contains(&"person:narendra-modi"), "the meeting names him: {named:?}");
    assert_eq!(reader.record(RecordKind::Entities, "country:in", 10).unwrap().related.documents_read, None, "a country reads kb_parties");
}
