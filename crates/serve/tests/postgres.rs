//! The server over PostgreSQL answers as over SQLite: one knowledge base,
//! built from ../shared/corpus/seeds and dev in both stores, and every page's
//! JSON twin (the home page, pairs, their tables with filters and orders,
//! countries, records of each kind, documents, search) the same from both,
//! the PostgreSQL one read by a role that may only SELECT. Needs
//! `ACCORD_TEST_PG` (see `accord_testdata::pg`) and `../shared`; skipped
//! with a note without them.

mod common;

use accord_read::{expand, read_source, Input};
use accord_serve::{router, AppState};
use accord_store::{Incoming, KnowledgeStore, PgStore, PutOptions, SqliteStore};
use accord_testdata::pg::{ReadOnlyRole, TestDatabase};
use axum::http::StatusCode;
use axum::Router;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// Both stores of the same documents, each read by a server, and what holds
/// them (the folder, the database and its reading role).
struct Both {
    sqlite: Router,
    pg: Router,
    _dir: tempfile::TempDir,
    reader: ReadOnlyRole,
    db: TestDatabase,
}

/// Every article of the sets, read and extracted once, written into both stores.
fn both() -> Option<Both> {
    let shared = accord_testdata::shared("corpus/dev", "the PostgreSQL server tests were")?;
    let db = TestDatabase::new("serve")?;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kb.db");
    let mut sqlite = SqliteStore::create(&file).unwrap();
    let mut pg = PgStore::connect(&db.url).unwrap();
    let inputs = ["seeds", "dev"].iter().map(|s| Input::Path(shared.join("corpus").join(s))).collect::<Vec<_>>();
    let (sources, errors) = expand(&inputs);
    assert!(errors.is_empty(), "{errors:?}");
    for doc in sources.iter().flat_map(read_source) {
        let doc = doc.expect("readable article");
        let incoming = Incoming::read(&doc);
        let facts = accord_extract::document(doc);
        sqlite.put_document(&incoming, &facts, &PutOptions::new("test")).unwrap();
        pg.put_document(&incoming, &facts, &PutOptions::new("test")).unwrap();
    }
    sqlite.refresh_merged(false).unwrap();
    sqlite.checkpoint().unwrap();
    pg.refresh_merged(false).unwrap();
    drop(pg);
    let reader = db.read_only_role("server");
    let pg = router(AppState::open_any(&reader.url).expect("a read-only role opens the database"));
    let sqlite = router(AppState::open(&file).unwrap());
    Some(Both { sqlite, pg, _dir: dir, reader, db })
}

/// The JSON of `uri` from both servers, which must be equal (search hits
/// sorted first: ties in rank fall in either order); the answer.
async fn same(both: &Both, uri: &str) -> Value {
    let (a, b) = (get_json(&both.sqlite, uri).await, get_json(&both.pg, uri).await);
    assert_eq!(a.status, b.status, "{uri}: SQLite {} ({}), PostgreSQL {} ({})", a.status, a.body, b.status, b.body);
    let (mut a, mut b) = (a.json(), b.json());
    if let (Some(x), Some(y)) = (a.get_mut("hits").and_then(Value::as_array_mut), b.get_mut("hits").and_then(Value::as_array_mut)) {
        x.sort_by_key(Value::to_string);
        y.sort_by_key(Value::to_string);
    }
    if let Some(at) = difference(&a, &b, String::new()) {
        panic!("{uri}: the stores answer differently at {at}");
    }
    a
}

/// Where two values first differ, and how, as a JSON pointer.
fn difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => x
            .iter()
            .find_map(|(k, v)| y.get(k).map_or(Some(format!("{at}/{k} (only in SQLite)")), |w| difference(v, w, format!("{at}/{k}")))),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (v, w))| difference(v, w, format!("{at}/{i}")))
        }
        _ if a == b => None,
        _ => Some(format!("{at}: SQLite {a}, PostgreSQL {b}")),
    }
}

/// The ids at `key` of the items of a listing.
fn ids(listing: &Value, key: &str, most: usize) -> Vec<String> {
    listing["items"].as_array().into_iter().flatten().filter_map(|i| i[key].as_str()).take(most).map(str::to_string).collect()
}

/// Outside any runtime: the synchronous PostgreSQL client (the stores', the
/// test database's) runs one of its own.
#[test]
fn every_page_answers_the_same_from_postgres_as_from_sqlite() {
    let Some(both) = both() else { return };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(compare(&both));
    // The server's connections lost (the database restarted): the next
    // request is answered on new ones.
    let mut admin = postgres::Client::connect(&both.db.url, postgres::NoTls).unwrap();
    let cut = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = $1";
    let cut: i64 = admin.query_one(cut, &[&both.reader.name]).unwrap().get(0);
    assert!(cut >= 1, "the server holds connections");
    let home = runtime.block_on(get_json(&both.pg, "/index.json?after=restart"));
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
}

async fn compare(both: &Both) {
    let home = same(both, "/index.json").await;
    assert!(home["documents"].as_u64().unwrap() >= 40, "{home}");
    let pairs: Vec<String> = home["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .take(4)
        .map(|p| format!("{}-{}", p["a"]["code"].as_str().unwrap(), p["b"]["code"].as_str().unwrap()))
        .collect();
    assert!(!pairs.is_empty());
    let mut records: BTreeSet<String> = BTreeSet::new();
    let mut countries: BTreeSet<String> = BTreeSet::new();
    for pair in &pairs {
        let page = same(both, &format!("/pairs/{pair}.json")).await;
        same(both, &format!("/pairs/{pair}.json?since=2020&until=2025-06&lang=en")).await;
        countries.extend(pair.split('-').map(str::to_string));
        for (section, kind) in [("timeline", "events"), ("agreements", "agreements"), ("figures", "figures")] {
            records.extend(ids(&page[section], "id", 3).into_iter().map(|id| format!("/{kind}/{}", seg(&id))));
        }
        for group in page["commitments_by_area"].as_array().into_iter().flatten() {
            let first = group["commitments"].as_array().and_then(|c| c.first()).and_then(|c| c["id"].as_str());
            records.extend(first.map(|id| format!("/commitments/{}", seg(id))));
        }
        for table in ["events", "agreements", "figures", "commitments"] {
            for query in ["", "?sort=sources&order=desc", "?per_page=2&page=2", "?since=2024&lang=vi", "?source=vnexpress", "?type=visit"] {
                same(both, &format!("/pairs/{pair}/{table}.json{query}")).await;
            }
            let csv = format!("/pairs/{pair}/{table}.csv");
            let (a, b) = (get(&both.sqlite, &csv).await, get(&both.pg, &csv).await);
            assert!(a.status == StatusCode::OK && a.body == b.body, "{csv}: the tables differ");
        }
        same(both, &format!("/pairs/{pair}/events.json?sort=date&order=desc&type=meeting&type=visit")).await;
    }
    for code in &countries {
        same(both, &format!("/countries/{code}.json")).await;
    }
    // Each record, the entities and documents it links to, and theirs.
    let mut documents: BTreeSet<String> = BTreeSet::new();
    let mut entities: BTreeSet<String> = BTreeSet::new();
    for uri in &records {
        let page = same(both, &format!("{uri}.json")).await;
        let view = &page;
        documents.extend(view["sources"]["items"].as_array().into_iter().flatten().filter_map(|s| s["doc"].as_str()).map(str::to_string));
        for link in ["entities", "participants"] {
            entities.extend(view["related"][link].as_array().into_iter().flatten().filter_map(|e| e["id"].as_str()).map(str::to_string));
        }
    }
    assert!(records.len() >= 8 && !documents.is_empty() && !entities.is_empty(), "{records:?} {documents:?} {entities:?}");
    for id in entities.iter().take(12) {
        same(both, &format!("/entities/{}.json", seg(id))).await;
    }
    for id in documents.iter().take(12) {
        same(both, &format!("/documents/{}.json", seg(id))).await;
    }
    for q in ["viet nam", "Minsk", "ha noi", "\"thương mại\" visa", "Лукашенко", "Lukashenko", "hanoi"] {
        let uri = format!("/search.json?q={}&limit=500", seg(q));
        let found = same(both, &uri).await;
        if q == "viet nam" {
            assert!(!found["hits"].as_array().unwrap().is_empty(), "{found}");
        }
    }
    // The pages themselves, not only their twins.
    let event = records.iter().find(|r| r.starts_with("/events/"));
    let first = &pairs[0];
    for uri in ["/".to_string(), format!("/pairs/{first}"), format!("/pairs/{first}/agreements"), "/countries/VN".to_string()]
        .into_iter()
        .chain(event.cloned())
    {
        let (a, b) = (get(&both.sqlite, &uri).await, get(&both.pg, &uri).await);
        assert_eq!(b.status, StatusCode::OK, "{uri}: {}", b.body);
        assert!(a.body == b.body, "{uri}: the pages differ");
    }
    // Errors are the same too.
    for uri in ["/events/no-such-event.json", "/pairs/VN-Atlantis.json", "/pairs/VN-VN.json", "/search.json?q=--", "/documents/none.json"] {
        same(both, uri).await;
    }
}
