//! The refresh without a merge gives what a merge gives, and writes only
//! the new twins' sources.

use super::super::tests::{doc, TEXT};
use crate::{KnowledgeStore, PutOptions, SqliteStore};

fn put(s: &mut SqliteStore, id: &str, text: &str) {
    let (incoming, facts) = doc(id, text);
    s.put_document(&incoming, &facts, &PutOptions::new("t")).unwrap();
}

fn generation(s: &SqliteStore) -> i64 {
    s.state("facts_generation").unwrap()
}

fn rows(s: &SqliteStore, sql: &str) -> i64 {
    s.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn new_twins_are_cited_without_a_merge_as_a_merge_would_cite_them() {
    let mut grown = SqliteStore::in_memory().unwrap();
    put(&mut grown, "a", TEXT);
    grown.refresh_merged(false).unwrap();
    let cited_by_a = rows(&grown, "SELECT count(*) FROM kb_sources WHERE doc = 'a'");
    assert!(cited_by_a >= 2, "the document supports an entity and an event");
    let before = rows(&grown, "SELECT count(*) FROM kb_sources");
    let stored = rows(&grown, "SELECT count(*) FROM kb_citations");
    // The same article again under two more ids: copies, and twins.
    put(&mut grown, "a~1", TEXT);
    put(&mut grown, "a~2", TEXT);
    let g = generation(&grown);
    assert!(grown.refresh_twins(g).unwrap(), "new twins need no merge");
    assert_eq!(rows(&grown, "SELECT count(*) FROM kb_sources"), before + 2 * cited_by_a, "the twins cite the original's sources");
    assert_eq!(rows(&grown, "SELECT count(*) FROM kb_citations"), stored, "and cost no source row of their own");
    assert_eq!(rows(&grown, "SELECT count(*) FROM kb_pending"), 0);
    assert!(!grown.refresh_merged(false).unwrap().recomputed, "the merged tables are up to date");

    let mut at_once = SqliteStore::in_memory().unwrap();
    for id in ["a", "a~1", "a~2"] {
        put(&mut at_once, id, TEXT);
    }
    at_once.refresh_merged(false).unwrap();
    assert_eq!(grown.knowledge_base().unwrap(), at_once.knowledge_base().unwrap());
    let outlets = "SELECT sum(source_count) FROM kb_events";
    assert_eq!((rows(&grown, outlets), rows(&at_once, outlets)), (1, 1), "the copies count once");
}

#[test]
fn any_other_change_is_merged() {
    let mut s = SqliteStore::in_memory().unwrap();
    put(&mut s, "a", TEXT);
    s.refresh_merged(false).unwrap();
    // Another article: not a copy of anything stored.
    put(&mut s, "b", "A different article, with nothing in common with the first one at all.");
    assert!(!s.refresh_twins(generation(&s)).unwrap());
    assert!(s.refresh_merged(false).unwrap().recomputed);
    // The deletion of an original (its copy becomes the original).
    put(&mut s, "a~1", TEXT);
    s.refresh_merged(false).unwrap();
    s.delete_documents(&["a"]).unwrap();
    assert!(!s.refresh_twins(generation(&s)).unwrap());
    assert!(s.refresh_merged(false).unwrap().recomputed);
    assert_eq!(rows(&s, "SELECT count(*) FROM kb_sources WHERE doc = 'a'"), 0);
    assert!(rows(&s, "SELECT count(*) FROM kb_sources WHERE doc = 'a~1'") > 0);
}

#[test]
fn a_deleted_twin_takes_away_its_sources_and_nothing_else() {
    let mut grown = SqliteStore::in_memory().unwrap();
    for id in ["a", "a~1", "a~2"] {
        put(&mut grown, id, TEXT);
    }
    grown.refresh_merged(false).unwrap();
    let cited_by_twin = rows(&grown, "SELECT count(*) FROM kb_sources WHERE doc = 'a~1'");
    let before = rows(&grown, "SELECT count(*) FROM kb_sources");
    grown.delete_documents(&["a~1"]).unwrap();
    assert!(grown.refresh_twins(generation(&grown)).unwrap(), "a deleted twin needs no merge");
    assert_eq!(rows(&grown, "SELECT count(*) FROM kb_sources"), before - cited_by_twin);
    let mut at_once = SqliteStore::in_memory().unwrap();
    for id in ["a", "a~2"] {
        put(&mut at_once, id, TEXT);
    }
    at_once.refresh_merged(false).unwrap();
    assert_eq!(grown.knowledge_base().unwrap(), at_once.knowledge_base().unwrap());
    // Deleted and added again before a merge: merged, never cited twice.
    grown.delete_documents(&["a~2"]).unwrap();
    put(&mut grown, "a~2", TEXT);
    assert!(!grown.refresh_twins(generation(&grown)).unwrap());
    grown.refresh_merged(false).unwrap();
    assert_eq!(grown.knowledge_base().unwrap(), at_once.knowledge_base().unwrap());
}

#[test]
fn twins_read_their_facts_through_the_first_and_take_them_over_when_it_goes() {
    let mut s = SqliteStore::in_memory().unwrap();
    for id in ["a", "a~1", "a~2"] {
        put(&mut s, id, TEXT);
    }
    let views = |s: &SqliteStore, doc: &str| -> String {
        let sql = "SELECT json_group_array(json_array(seq, type, date, byte_start, byte_end, quote)) FROM doc_events WHERE doc = ?1";
        let events: String = s.conn.query_row(sql, [doc], |r| r.get(0)).unwrap();
        let sql = "SELECT json_group_array(json_array(entity, seq, byte_start, quote)) FROM doc_mentions WHERE doc = ?1";
        let mentions: String = s.conn.query_row(sql, [doc], |r| r.get(0)).unwrap();
        format!("{events}{mentions}")
    };
    let of_a = views(&s, "a");
    assert!(of_a.len() > 10, "{of_a}");
    assert_eq!(rows(&s, "SELECT count(*) FROM documents WHERE facts_of = 'a' AND facts = '{}'"), 2, "the twins hold no facts");
    assert_eq!((views(&s, "a~1"), views(&s, "a~2")), (of_a.clone(), of_a.clone()));
    let facts = |s: &SqliteStore, id: &str| super::super::shared_facts::facts(&s.conn, id).unwrap().unwrap();
    let mut expected = doc("a~2", TEXT).1;
    assert_eq!(facts(&s, "a~2"), expected);
    s.refresh_merged(false).unwrap();
    s.delete_documents(&["a"]).unwrap();
    assert_eq!(rows(&s, "SELECT count(*) FROM documents WHERE id = 'a~1' AND facts_of IS NULL AND facts <> '{}'"), 1);
    assert_eq!(rows(&s, "SELECT count(*) FROM documents WHERE id = 'a~2' AND facts_of = 'a~1'"), 1);
    assert_eq!((views(&s, "a~1"), views(&s, "a~2")), (of_a.clone(), of_a));
    assert_eq!(facts(&s, "a~2"), expected);
    expected.doc.id = "a~1".into();
    assert_eq!(facts(&s, "a~1"), expected);
    s.refresh_merged(false).unwrap();
    assert!(rows(&s, "SELECT count(*) FROM kb_sources WHERE doc = 'a~2'") > 0);
}
