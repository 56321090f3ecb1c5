//! Conflicts and deletions on hand-made documents, merged by the real merge.

use super::super::tests::{doc, event, TEXT};
use super::kept_id;
use crate::{ErrorKind, KnowledgeStore, OnConflict, Put, PutOptions, Query, SqliteStore};
use std::collections::HashMap;

const OTHER: &str = "Ministers of Freedonia and Vietnam met again in Huế.\nThey spoke of schools.";

fn counts(s: &SqliteStore) -> HashMap<String, u64> {
    s.table_counts().unwrap().into_iter().collect()
}

fn with(on_conflict: OnConflict) -> PutOptions<'static> {
    PutOptions { on_conflict, ..PutOptions::new("t") }
}

/// Rows of every table with a `doc` column (and `documents` itself) that
/// belong to the document `id`.
fn rows_of(s: &SqliteStore, id: &str) -> u64 {
    let mut total = 0;
    for (table, _) in s.table_counts().unwrap() {
        let column = if table == "documents" { "id" } else { "doc" };
        let has: i64 = s
            .conn
            .query_row(&format!("SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'"), [], |r| r.get(0))
            .unwrap();
        if has > 0 && !table.starts_with("kb_") {
            let n: i64 = s.conn.query_row(&format!("SELECT count(*) FROM \"{table}\" WHERE {column} = ?1"), [id], |r| r.get(0)).unwrap();
            total += n as u64;
        }
    }
    total
}

#[test]
fn a_different_article_under_a_stored_id_is_refused_kept_beside_or_replaced() {
    let mut s = SqliteStore::in_memory().unwrap();
    let (i, f) = doc("a", TEXT);
    assert_eq!(s.put_document(&i, &f, &PutOptions::new("t")).unwrap(), Put::Added);
    let before = counts(&s);

    // Refused by default, with the id and the ways on; nothing changes.
    let (i2, f2) = doc("a", OTHER);
    let kept = kept_id("a", &i2.content_hash);
    let refused = s.put_document(&i2, &f2, &PutOptions::new("t")).unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Conflict);
    for needle in ["\"a\"", "--on-conflict keep-both", "--on-conflict replace", "--id", kept.as_str()] {
        assert!(refused.message.contains(needle), "{needle:?} in: {refused}");
    }
    assert_eq!(counts(&s), before, "a refused document writes nothing");

    // Kept beside, under an id from its content, citing that id.
    assert_eq!(s.put_document(&i2, &f2, &with(OnConflict::KeepBoth)).unwrap(), Put::KeptAs(kept.clone()));
    assert_ne!(kept, "a");
    assert_eq!(s.document_count().unwrap(), 2);
    let facts_id: String = s.conn.query_row("SELECT facts ->> '$.doc.id' FROM documents WHERE id = ?1", [&kept], |r| r.get(0)).unwrap();
    assert_eq!(facts_id, kept, "the stored facts name the new id, which the merge cites");
    assert!(rows_of(&s, &kept) > 1, "its facts and sentences under the new id");
    s.refresh_merged(false).unwrap();
    let kb = s.knowledge_base().unwrap();
    assert!(kb.events.iter().flat_map(|e| &e.sources).any(|src| src.doc == kept));
    // Again: found where it was kept, not added a third time.
    assert_eq!(s.put_document(&i2, &f2, &with(OnConflict::KeepBoth)).unwrap(), Put::Unchanged);
    assert_eq!(s.document_count().unwrap(), 2);

    // Replaced on request: the old sentences leave the search index.
    let found = |s: &SqliteStore, q: &str| s.query(&Query::Search { text: q.into(), limit: 9 }).unwrap().rows.len();
    assert_eq!(found(&s, "da nang"), 1);
    let (i3, f3) = doc("a", "Envoys of Freedonia and Vietnam talked in Hà Nội.");
    assert_eq!(s.put_document(&i3, &f3, &with(OnConflict::Replace)).unwrap(), Put::Replaced);
    assert_eq!(s.document_count().unwrap(), 2);
    assert_eq!(found(&s, "da nang"), 0);
    assert_eq!(found(&s, "ha noi"), 1);
    // The same article again is never a conflict, whatever the choice.
    assert_eq!(s.put_document(&i3, &f3, &PutOptions::new("t")).unwrap(), Put::Unchanged);
}

#[test]
fn an_id_twice_in_one_batch_is_a_conflict_like_any_other() {
    let mut s = SqliteStore::in_memory().unwrap();
    let batch = [doc("x", TEXT), doc("x", OTHER), doc("x", TEXT)];
    let puts = s.put_documents(&batch, &PutOptions::new("t")).unwrap();
    assert_eq!(puts[0], Ok(Put::Added));
    assert_eq!(puts[1].as_ref().unwrap_err().kind, ErrorKind::Conflict);
    assert_eq!(puts[2], Ok(Put::Unchanged), "the first one's twin");
    assert_eq!(s.document_count().unwrap(), 1);

    let mut both = SqliteStore::in_memory().unwrap();
    let puts = both.put_documents(&batch, &with(OnConflict::KeepBoth)).unwrap();
    let kept = kept_id("x", &batch[1].0.content_hash);
    assert_eq!(puts, [Ok(Put::Added), Ok(Put::KeptAs(kept)), Ok(Put::Unchanged)]);
    assert_eq!(both.document_count().unwrap(), 2);
}

#[test]
fn deleting_documents_drops_what_only_they_supported() {
    let mut s = SqliteStore::in_memory().unwrap();
    // a and b report the same meeting; c alone a visit of another year.
    let (ia, fa) = doc("a", TEXT);
    let (ib, fb) = doc("b", OTHER);
    let (ic, mut fc) = doc("c", "Freedonia's president visited Vietnam in May 2023.");
    fc.events = vec![event("visit", "2023-05")];
    fc.events[0].participants = vec!["Trần Thị B".into()];
    for (i, f) in [(&ia, &fa), (&ib, &fb), (&ic, &fc)] {
        s.put_document(i, f, &PutOptions::new("t")).unwrap();
    }
    s.refresh_merged(false).unwrap();
    let sources = |s: &SqliteStore, kind: &str| -> Vec<Vec<String>> {
        let kb = s.knowledge_base().unwrap();
        let list: Vec<Vec<String>> = match kind {
            "events" => kb.events.iter().map(|m| m.sources.iter().map(|x| x.doc.clone()).collect()).collect(),
            _ => kb.entities.iter().map(|m| m.sources.iter().map(|x| x.doc.clone()).collect()).collect(),
        };
        list.into_iter()
            .map(|mut d| {
                d.sort();
                d.dedup();
                d
            })
            .collect()
    };
    let mut events = sources(&s, "events");
    events.sort();
    assert_eq!(events, [vec!["a", "b"], vec!["c"]], "the setting: one shared event, one of c alone");

    // An unknown id deletes nothing, and says which.
    let e = s.delete_documents(&["c", "nope"]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownDocument);
    assert!(e.message.contains("\"nope\"") && !e.message.contains("\"c\""), "{e}");
    assert_eq!(s.document_count().unwrap(), 3);

    // c's visit goes with it; a shared record keeps its other sources.
    let found = |s: &SqliteStore, q: &str| s.query(&Query::Search { text: q.into(), limit: 9 }).unwrap().rows.len();
    assert_eq!(found(&s, "visited"), 1);
    assert_eq!(s.delete_documents(&["c", "c"]).unwrap(), 1);
    assert_eq!(rows_of(&s, "c"), 0, "no row of c is left");
    assert_eq!(found(&s, "visited"), 0);
    assert!(s.refresh_merged(false).unwrap().recomputed);
    assert_eq!(sources(&s, "events"), [vec!["a", "b"]]);
    assert_eq!(sources(&s, "entities"), [vec!["a", "b"]]);

    assert_eq!(s.delete_documents(&["a"]).unwrap(), 1);
    s.refresh_merged(false).unwrap();
    assert_eq!(sources(&s, "events"), [vec!["b"]], "the meeting stays, cited by b alone");
    let cited: i64 = s.conn.query_row("SELECT count(*) FROM kb_sources WHERE doc IN ('a', 'c')", [], |r| r.get(0)).unwrap();
    assert_eq!(cited, 0);
    assert_eq!(s.document_count().unwrap(), 1);
}
