//! A merge after a few more documents writes only what they change
//! (`kb_digests`, twins read once through `facts_print`), and gives what a
//! merge of everything at once gives: the same export and the same rows
//! in every merged table, whatever the batches. Over seeds, dev and dev2,
//! with copies, a replaced document and deletions. Skips (with a note)
//! without ../shared.

use accord_doc::facts::DocFacts;
use accord_read::{expand, read_source, Input};
use accord_store::export::knowledge_base_json;
use accord_store::{Incoming, KnowledgeStore, OnConflict, PutOptions, SqliteStore};
use std::path::Path;

type Doc = (Incoming, DocFacts);

fn corpus(shared: &Path, name: &str) -> Vec<Doc> {
    let (sources, errors) = expand(&[Input::Path(shared.join("corpus").join(name))]);
    assert!(errors.is_empty(), "{errors:?}");
    sources
        .iter()
        .flat_map(read_source)
        .map(|d| {
            let d = d.expect("readable");
            (Incoming::read(&d), accord_extract::document(d))
        })
        .collect()
}

/// The same document under another id: a word-for-word copy (a twin).
fn copy_of(doc: &Doc, id: &str) -> Doc {
    let (mut incoming, mut facts) = doc.clone();
    incoming.id = id.to_string();
    facts.doc.id = id.to_string();
    (incoming, facts)
}

/// A step of a database's life.
enum Step<'d> {
    Put(Vec<&'d Doc>),
    Replace(&'d Doc),
    Delete(Vec<&'d str>),
}

/// Every merged row, sorted: each kind's records, sources (without their
/// `seq`, the order of citation) and the rest of the merged tables.
fn merged_rows(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = Vec::new();
    let queries = [
        "SELECT json_array(kind, record, doc, byte_start, byte_end, quote, copy_of) FROM kb_sources",
        "SELECT json_array(kind, record, digest) FROM kb_digests",
        "SELECT json_array(kind, party, record) FROM kb_parties",
        "SELECT json_array(folded, entity) FROM kb_entity_names",
        "SELECT json_array(seq, id, source_count, doc, byte_start, byte_end, quote, record) FROM kb_events",
        "SELECT json_array(seq, id, source_count, doc, byte_start, byte_end, quote, record) FROM kb_agreements",
        "SELECT json_array(seq, id, source_count, doc, byte_start, byte_end, quote, record) FROM kb_figures",
        "SELECT json_array(seq, id, source_count, doc, byte_start, byte_end, quote, record) FROM kb_commitments",
        "SELECT json_array(seq, id, source_count, doc, byte_start, byte_end, quote, record) FROM kb_entities",
        "SELECT json_array(seq, kind, record, field, conflict_values) FROM kb_conflicts",
        "SELECT json_array(kind, record, candidate, reason) FROM kb_links",
    ];
    for sql in queries {
        let mut stmt = conn.prepare(sql).unwrap();
        let mut rows: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        rows.sort();
        out.push(format!("{sql}: {} rows", rows.len()));
        out.extend(rows);
    }
    out
}

fn put(store: &mut SqliteStore, docs: &[&Doc], on_conflict: OnConflict) {
    let options = PutOptions { on_conflict, ..PutOptions::new("test") };
    for (incoming, facts) in docs {
        store.put_document(incoming, facts, &options).unwrap();
    }
}

/// Apply the steps to one database, merging after each; after each, a
/// database given its documents at once must hold the same.
fn check(name: &str, steps: &[Step]) {
    let dir = tempfile::tempdir().unwrap();
    let grown_path = dir.path().join("grown.db");
    let mut grown = SqliteStore::create(&grown_path).unwrap();
    let mut held: Vec<&Doc> = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        match step {
            Step::Put(docs) => {
                put(&mut grown, docs, OnConflict::Refuse);
                held.extend(docs.iter().copied());
            }
            Step::Replace(doc) => {
                put(&mut grown, &[doc], OnConflict::Replace);
                held.retain(|d| d.0.id != doc.0.id);
                held.push(doc);
            }
            Step::Delete(ids) => {
                grown.delete_documents(ids).unwrap();
                held.retain(|d| !ids.contains(&d.0.id.as_str()));
            }
        }
        grown.refresh_merged(false).unwrap();
        let once_path = dir.path().join(format!("once-{n}.db"));
        let mut once = SqliteStore::create(&once_path).unwrap();
        put(&mut once, &held, OnConflict::Refuse);
        once.refresh_merged(false).unwrap();
        let export = |s: &SqliteStore| knowledge_base_json(&s.knowledge_base().unwrap(), "kb");
        assert!(export(&grown) == export(&once), "{name}, step {n}: the export differs from a merge at once");
        let (a, b) = (merged_rows(&grown_path), merged_rows(&once_path));
        let differ: Vec<&String> = a.iter().zip(&b).filter(|(x, y)| x != y).map(|(x, _)| x).take(5).collect();
        assert!(a == b, "{name}, step {n}: the merged tables differ from a merge at once, first at {differ:?}");
    }
}

/// Batches of growing size: 1, 2, 3, ...
fn batches(docs: &[Doc]) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    let (mut at, mut size) = (0, 1);
    while at < docs.len() {
        let end = (at + size).min(docs.len());
        steps.push(Step::Put(docs[at..end].iter().collect()));
        at = end;
        size += 1;
    }
    steps
}

#[test]
fn a_merge_of_a_few_more_documents_equals_a_merge_of_all_at_once() {
    let Some(shared) = accord_testdata::shared("corpus/dev2", "the incremental merge test was") else {
        return;
    };
    let seeds = corpus(&shared, "seeds");
    let dev = corpus(&shared, "dev");
    let dev2 = corpus(&shared, "dev2");

    // Seeds and dev at once, then dev2 a few at a time.
    let mut steps = vec![Step::Put(seeds.iter().chain(&dev).collect())];
    steps.extend(batches(&dev2));
    check("dev2 in batches", &steps);

    // dev2 and the seeds first, then dev a few at a time, in reverse.
    let mut dev_reversed = dev.clone();
    dev_reversed.reverse();
    let mut steps = vec![Step::Put(seeds.iter().chain(&dev2).collect())];
    steps.extend(batches(&dev_reversed));
    check("dev in batches, reversed", &steps);

    // Copies (twins, one sorting before its original), a replaced
    // document, deletions of a copy, an original and an article.
    let copies: Vec<Doc> = vec![
        copy_of(&dev2[0], &format!("{}~1", dev2[0].0.id)),
        copy_of(&dev2[0], &format!("{}~2", dev2[0].0.id)),
        copy_of(&dev[3], &format!("{}~1", dev[3].0.id)),
        copy_of(&seeds[0], "0-first"),
    ];
    let replaced = {
        let (mut incoming, facts) = copy_of(&dev2[5], &dev2[1].0.id);
        incoming.content_hash = format!("{}-other", incoming.content_hash);
        (incoming, facts)
    };
    let all: Vec<&Doc> = seeds.iter().chain(&dev).chain(&dev2).collect();
    let steps = vec![
        Step::Put(all),
        Step::Put(vec![&copies[0]]),
        Step::Put(vec![&copies[1], &copies[2]]),
        Step::Put(vec![&copies[3]]),
        Step::Replace(&replaced),
        Step::Delete(vec![copies[1].0.id.as_str()]),
        Step::Delete(vec![dev2[0].0.id.as_str()]),
        Step::Delete(vec![dev[7].0.id.as_str(), seeds[1].0.id.as_str()]),
        Step::Put(vec![&dev[7]]),
    ];
    check("copies, a replacement and deletions", &steps);
}
