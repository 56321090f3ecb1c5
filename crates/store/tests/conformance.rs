//! One suite, two stores: every check runs on SQLite and on PostgreSQL, and
//! the two must answer alike (idempotent re-ingest, conflicts refused,
//! deletion, input-order independence, every query, the export), then
//! several writers at once into one PostgreSQL database.
//!
//! PostgreSQL is found through `ACCORD_TEST_PG` (a `postgres://` address of
//! a server where the user may create databases; each test makes its own
//! and drops it). Unset, the PostgreSQL half is skipped with a note; `.ci/run`
//! starts a throwaway cluster and sets it.

use accord_doc::facts::DocFacts;
use accord_doc::Document;
use accord_read::{expand, read_source, Input};
use accord_store::export::{knowledge_base_json, write_json_lines};
use accord_store::{copy_documents, Dates, Db, ErrorKind, Incoming, KnowledgeStore, PgStore, Put, PutOptions, Query, SqliteStore, Table};
use accord_testdata::pg::TestDatabase;
use std::sync::LazyLock;

/// The corpora of `../shared`, read and extracted once for every test.
static CORPUS: LazyLock<Option<Vec<(Incoming, DocFacts)>>> = LazyLock::new(|| {
    let shared = accord_testdata::shared("corpus/seeds", "the conformance tests were")?;
    let mut docs = Vec::new();
    for set in ["seeds", "dev", "dev2"] {
        let (sources, errors) = expand(&[Input::Path(shared.join("corpus").join(set))]);
        assert!(errors.is_empty(), "{errors:?}");
        docs.extend(sources.iter().flat_map(read_source).map(|d| d.expect("readable")));
    }
    Some(docs.into_iter().map(|d: Document| (Incoming::read(&d), accord_extract::document(d))).collect())
});

/// A test database's store.
fn store_of(db: &TestDatabase) -> PgStore {
    PgStore::connect(&db.url).unwrap_or_else(|e| panic!("{e}"))
}

fn put_all(store: &mut impl KnowledgeStore, docs: &[(Incoming, DocFacts)]) -> Vec<Put> {
    let puts = docs.iter().map(|(i, f)| store.put_document(i, f, &PutOptions::new("test")).expect("stored")).collect();
    store.refresh_merged(false).expect("merged");
    puts
}

/// The export as JSON Lines, sorted: what must be equal byte for byte.
fn sorted_export(store: &impl KnowledgeStore) -> String {
    let mut out = Vec::new();
    write_json_lines(&store.knowledge_base().unwrap(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines.join("\n")
}

/// The counts of the tables both stores have (SQLite's full-text index and
/// PostgreSQL's version table are their own, and `kb_state` keeps SQLite's
/// folding fingerprint).
fn common_counts(store: &impl KnowledgeStore) -> Vec<(String, u64)> {
    let common = ["documents", "sentences", "document_bands"];
    // The store's own bookkeeping (`kb_state`; `kb_pending` and
    // `kb_digests`, what SQLite's incremental refresh has still to merge and
    // the sums it checks its sources by; `kb_citations` and `kb_citing`,
    // what SQLite's view `kb_sources`, counted beside PostgreSQL's table,
    // reads) is no part of the knowledge base.
    let bookkeeping = |t: &str| matches!(t, "kb_state" | "kb_pending" | "kb_digests" | "kb_citations" | "kb_citing");
    let shared = |t: &str| (t.starts_with("kb_") && !bookkeeping(t)) || common.contains(&t);
    store.table_counts().unwrap().into_iter().filter(|(t, _)| shared(t)).collect()
}

/// Idempotent re-ingest, a conflict refused, deletion and re-ingest: the
/// same on either store.
fn lifecycle(store: &mut impl KnowledgeStore, docs: &[(Incoming, DocFacts)]) -> String {
    assert!(put_all(store, docs).iter().all(|p| *p == Put::Added));
    let counts = common_counts(store);
    let export = sorted_export(store);
    assert!(put_all(store, docs).iter().all(|p| *p == Put::Unchanged), "a second ingest stores nothing");
    assert!(!store.refresh_merged(false).unwrap().recomputed, "nothing to merge again");
    assert_eq!(common_counts(store), counts, "row counts after a second ingest");
    assert_eq!(sorted_export(store), export);

    // A different article under a stored id: refused, nothing written.
    let (mut changed, facts) = docs[0].clone();
    changed.content_hash = "0".repeat(64);
    let refused = store.put_document(&changed, &facts, &PutOptions::new("test")).unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Conflict);
    assert!(refused.message.contains(&format!("\"{}\"", changed.id)), "{refused}");
    assert_eq!(common_counts(store), counts, "a refused document changes nothing");

    // Deleted, the records only it supported go; stored again, they return.
    let id = docs[0].0.id.as_str();
    assert_eq!(store.delete_documents(&[id, "no such document"]).unwrap_err().kind, ErrorKind::UnknownDocument);
    assert_eq!(store.delete_documents(&[id]).unwrap(), 1);
    assert_eq!(store.document_count().unwrap(), docs.len() as u64 - 1);
    assert!(store.refresh_merged(false).unwrap().recomputed);
    assert_ne!(sorted_export(store), export, "the deleted document's records are gone");
    put_all(store, &docs[..1]);
    assert_eq!(sorted_export(store), export, "stored again, the same knowledge base");
    export
}

/// Every query over what the knowledge base holds: both pairs' lists, each
/// party's partners, entities, conflicts, sources and searches.
fn queries(store: &impl KnowledgeStore) -> Vec<Query> {
    let pairs = store.query(&Query::Pairs).unwrap();
    assert!(!pairs.rows.is_empty(), "the corpus has pairs");
    let mut out = vec![Query::Pairs, Query::Conflicts { pair: None }];
    let dates = [Dates::any(), Dates { since: Some("2020".into()), until: Some("2025-06".into()) }];
    for row in pairs.rows.iter().take(6) {
        let (a, b) = (row[0].as_str().unwrap().to_string(), row[1].as_str().unwrap().to_string());
        for dates in &dates {
            out.push(Query::Timeline { a: a.clone(), b: b.clone(), dates: dates.clone() });
            out.push(Query::Agreements { a: a.clone(), b: b.clone(), dates: dates.clone() });
            out.push(Query::Figures { a: a.clone(), b: b.clone(), dates: dates.clone() });
            out.push(Query::Commitments { a: a.clone(), b: b.clone(), area: None, dates: dates.clone() });
        }
        out.push(Query::Commitments { a: a.clone(), b: b.clone(), area: Some("trade".into()), dates: Dates::any() });
        out.push(Query::Conflicts { pair: Some((a.clone(), b)) });
        out.push(Query::Partners { country: a });
    }
    let kb = store.knowledge_base().unwrap();
    for m in kb.entities.iter().take(15) {
        out.push(Query::Entity { name: m.record.name.clone() });
    }
    out.push(Query::Entity { name: "minist".into() });
    for m in kb.events.iter().take(5) {
        out.push(Query::Sources { id: m.id.clone(), limit: 0 });
    }
    for text in ["Việt Nam", "viet nam", "Hà Nội", "trade", "\"strategic partnership\" cooperation", "Belarus", "Москва"] {
        out.push(Query::Search { text: text.into(), limit: 10_000 });
    }
    out
}

/// A table with its rows sorted: search ranks by another formula on each
/// store (bm25 in SQLite, `ts_rank` in PostgreSQL), so only the rows found
/// must agree.
fn rows_sorted(mut t: Table) -> Table {
    t.rows.sort_by_key(|r| serde_json::to_string(r).unwrap());
    t
}

#[test]
fn both_stores_hold_answer_and_export_the_same_knowledge_base() {
    let Some(docs) = CORPUS.as_ref() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite = SqliteStore::create(&dir.path().join("kb.db")).unwrap();
    let sqlite_export = lifecycle(&mut sqlite, docs);
    let Some(db) = TestDatabase::new("same") else { return };
    let mut pg = store_of(&db);
    let pg_export = lifecycle(&mut pg, docs);
    assert!(sqlite_export == pg_export, "the sorted JSON Lines exports differ between SQLite and PostgreSQL");
    assert_eq!(knowledge_base_json(&sqlite.knowledge_base().unwrap(), "x"), knowledge_base_json(&pg.knowledge_base().unwrap(), "x"));
    assert_eq!(common_counts(&sqlite), common_counts(&pg), "row counts");
    assert_eq!(sqlite.published_dates().unwrap(), pg.published_dates().unwrap());
    let asked = queries(&sqlite);
    assert!(asked.len() > 60, "{} queries", asked.len());
    let mut found = 0;
    for q in &asked {
        let (s, p) = (sqlite.query(q), pg.query(q));
        match q {
            Query::Search { .. } => assert_eq!(s.map(rows_sorted), p.map(rows_sorted), "{q:?}"),
            _ => assert_eq!(s, p, "{q:?}"),
        }
        found += pg.query(q).map_or(0, |t| t.rows.len());
    }
    assert!(found > 100, "the queries found {found} rows in all");
    for bad in
        [Query::Timeline { a: "VN".into(), b: "Narnia".into(), dates: Dates::any() }, Query::Search { text: " -- ".into(), limit: 5 }]
    {
        assert_eq!(sqlite.query(&bad).unwrap_err().kind, pg.query(&bad).unwrap_err().kind, "{bad:?}");
    }
}

#[test]
fn postgres_search_ignores_diacritics_both_ways() {
    let Some(docs) = CORPUS.as_ref() else { return };
    let Some(db) = TestDatabase::new("search") else { return };
    let mut pg = store_of(&db);
    put_all(&mut pg, docs);
    let search = |text: &str| pg.query(&Query::Search { text: text.into(), limit: 10_000 }).unwrap().rows.len();
    let (marked, plain) = (search("Việt Nam"), search("viet nam"));
    assert!(marked > 0, "the corpus speaks of Việt Nam");
    assert_eq!(marked, plain, "with and without diacritics");
    assert_eq!(search("đà nẵng"), search("da nang"));
}

#[test]
fn the_postgres_export_does_not_depend_on_the_input_order() {
    let Some(docs) = CORPUS.as_ref() else { return };
    let Some(forward_db) = TestDatabase::new("forward") else { return };
    let Some(reversed_db) = TestDatabase::new("reversed") else { return };
    let (mut forward, mut reversed) = (store_of(&forward_db), store_of(&reversed_db));
    put_all(&mut forward, docs);
    let backwards: Vec<_> = docs.iter().rev().cloned().collect();
    put_all(&mut reversed, &backwards);
    assert!(sorted_export(&forward) == sorted_export(&reversed), "the exports differ with the input order");
}

/// Writers on their own connections (as separate processes are to the
/// server) over overlapping thirds of the corpus, each merging at its end:
/// the records of one ingest of the union.
#[test]
fn concurrent_postgres_writers_give_the_records_of_one_ingest() {
    let Some(docs) = CORPUS.as_ref() else { return };
    let Some(one_db) = TestDatabase::new("one") else { return };
    let Some(many_db) = TestDatabase::new("many") else { return };
    let mut one = store_of(&one_db);
    put_all(&mut one, docs);
    let third = docs.len() / 3;
    let parts: Vec<Vec<(Incoming, DocFacts)>> = vec![
        docs[..2 * third].to_vec(),
        docs[third..].iter().rev().cloned().collect(),
        docs.iter().step_by(2).cloned().collect(),
        docs[..third].iter().chain(&docs[2 * third..]).cloned().collect(),
    ];
    let url = many_db.url.clone();
    std::thread::scope(|scope| {
        for part in &parts {
            let url = url.as_str();
            scope.spawn(move || {
                let mut store = PgStore::connect(url).unwrap();
                for (i, f) in part {
                    let put = store.put_document(i, f, &PutOptions::new("test")).unwrap();
                    assert!(matches!(put, Put::Added | Put::Unchanged), "{put:?}");
                }
                store.refresh_merged(false).unwrap();
            });
        }
    });
    let many = store_of(&many_db);
    assert_eq!(many.document_count().unwrap(), docs.len() as u64);
    assert!(sorted_export(&one) == sorted_export(&many), "concurrent writers gave another knowledge base");
    assert_eq!(common_counts(&one), common_counts(&many));
}

#[test]
fn a_postgres_database_is_migrated_once_and_refuses_a_newer_schema() {
    let Some(db) = TestDatabase::new("schema") else { return };
    let store = store_of(&db);
    assert_eq!(store.schema_version().unwrap(), accord_store::PG_LATEST_VERSION);
    drop(store);
    // Opened again, nothing to do; from a newer accord, refused.
    assert_eq!(store_of(&db).schema_version().unwrap(), accord_store::PG_LATEST_VERSION);
    let mut client = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    client.batch_execute("UPDATE schema_version SET version = version + 1").unwrap();
    let refused = PgStore::connect(&db.url).err().expect("a newer schema is refused");
    assert_eq!(refused.kind, ErrorKind::NewerSchema);
    assert!(refused.message.contains("newer accord"), "{refused}");
}

#[test]
fn a_knowledge_base_copied_to_postgres_and_back_is_the_same() {
    let Some(docs) = CORPUS.as_ref() else { return };
    let Some(db) = TestDatabase::new("copy") else { return };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let mut sqlite = Db::create(&a.to_string_lossy()).unwrap();
    put_all(&mut sqlite, docs);
    let mut pg = Db::create(&db.url).unwrap();
    let there = copy_documents(&sqlite, &mut pg, |_| {}).unwrap();
    assert_eq!((there.added, there.unchanged, there.refused.len()), (docs.len(), 0, 0));
    assert_eq!(copy_documents(&sqlite, &mut pg, |_| {}).unwrap().unchanged, docs.len(), "copied again, nothing changes");
    let mut back = Db::create(&b.to_string_lossy()).unwrap();
    copy_documents(&pg, &mut back, |_| {}).unwrap();
    let original = sorted_export(&sqlite);
    assert!(original == sorted_export(&pg), "the copy in PostgreSQL differs");
    assert!(original == sorted_export(&back), "the copy back in SQLite differs");
    assert_eq!(common_counts(&sqlite), common_counts(&back));
}

/// A server's role may only read: it opens an up-to-date database (nothing
/// to migrate), answers as the writer does, and cannot write.
#[test]
fn a_read_only_role_reads_a_postgres_knowledge_base() {
    let Some(docs) = CORPUS.as_ref() else { return };
    let Some(db) = TestDatabase::new("reader") else { return };
    let mut writer = store_of(&db);
    put_all(&mut writer, &docs[..10]);
    let role = db.read_only_role("reader");
    let mut reader = PgStore::connect(&role.url).expect("a read-only role opens the database");
    for q in [Query::Pairs, Query::Search { text: "viet nam".into(), limit: 50 }] {
        assert_eq!(reader.query(&q).unwrap(), writer.query(&q).unwrap(), "{q:?}");
    }
    let (doc, facts) = &docs[10];
    let refused = reader.put_document(doc, facts, &PutOptions::new("test")).unwrap_err();
    assert!(refused.message.contains("permission denied"), "{refused}");
    drop(reader);
    drop(role);
}
