//! A knowledge base that only grows stays right (issue 12): the seeds
//! ingested alone, then dev and dev2 in batches, in two orders. Every
//! merged record of the smaller database is still there afterwards, on the
//! same pair, with the same type; a record whose sources did not grow is
//! unchanged in every field, and one that new documents joined (they report
//! the same fact) keeps its pair and type, a date that only grew more
//! precise, and its value unless the record shows the disagreement. No
//! merge moves a fact to another pair: each source's own record has the
//! merged record's parties. And a merge after a few more documents, which
//! writes only what they change, equals a merge of all at once. Skips
//! (with a note) without ../shared.

use accord_doc::facts::DocFacts;
use accord_read::{expand, read_source, Input};
use accord_store::export::knowledge_base_json;
use accord_store::{Incoming, KnowledgeStore, OnConflict, PutOptions, SqliteStore};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

type Doc = (Incoming, DocFacts);

/// Kinds of records that belong to a pair of countries.
const PAIRED: [&str; 4] = ["events", "agreements", "figures", "commitments"];

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

/// The seeds, dev and dev2, read and extracted; `None` (with a note that
/// `what` was skipped) without ../shared.
fn the_three_sets(what: &str) -> Option<[Vec<Doc>; 3]> {
    let shared = accord_testdata::shared("corpus/dev2", what)?;
    Some(["seeds", "dev", "dev2"].map(|set| corpus(&shared, set)))
}

/// Ingest the batches one after another into one database, merging after
/// each: the export after each batch.
fn grow(batches: &[Vec<&Doc>]) -> Vec<Value> {
    let mut store = SqliteStore::in_memory().unwrap();
    batches
        .iter()
        .map(|batch| {
            for (incoming, facts) in batch {
                store.put_document(incoming, facts, &accord_store::PutOptions::new("test")).unwrap();
            }
            store.refresh_merged(false).unwrap();
            knowledge_base_json(&store.knowledge_base().unwrap(), "kb")
        })
        .collect()
}

fn span(source: &Value) -> (String, u64, u64) {
    (source["doc"].as_str().unwrap_or_default().to_string(), source["start"].as_u64().unwrap_or(0), source["end"].as_u64().unwrap_or(0))
}

fn docs_of(record: &Value) -> BTreeSet<String> {
    record["sources"].as_array().into_iter().flatten().map(|s| span(s).0).collect()
}

fn parties(record: &Value) -> Vec<String> {
    let mut p: Vec<String> =
        record["parties"].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(|s| s.trim().to_uppercase())).collect();
    p.sort();
    p.dedup();
    p
}

/// What a record is, besides its pair: the fields a report of another
/// thing would differ in.
fn type_of(kind: &str, record: &Value) -> Value {
    let fields: &[&str] = match kind {
        "events" => &["type", "what"],
        "agreements" => &["kind"],
        "figures" => &["indicator", "status", "unit"],
        _ => &["modality"],
    };
    Value::Array(fields.iter().map(|f| record[*f].clone()).collect())
}

/// Dates as the scorer reads them: the first and last day as comparable
/// text ("2025" spans "2025-01-01" to "2025-12-31").
fn interval(date: &str) -> Option<(String, String)> {
    let (a, b) = date.split_once('/').unwrap_or((date, date));
    let end = |t: &str, last: bool| -> Option<String> {
        let parts: Vec<&str> = t.split('-').collect();
        let year: u32 = parts.first()?.parse().ok()?;
        let (m0, m1, d0, d1) = match parts.as_slice() {
            [_] => (1, 12, 1, 31),
            [_, q] if q.starts_with('Q') => {
                let q: u32 = q[1..].parse().ok()?;
                (3 * q - 2, 3 * q, 1, 31)
            }
            [_, m] => (m.parse().ok()?, m.parse().ok()?, 1, 31),
            [_, m, d] => (m.parse().ok()?, m.parse().ok()?, d.parse().ok()?, d.parse().ok()?),
            _ => return None,
        };
        Some(if last { format!("{year:04}-{m1:02}-{d1:02}") } else { format!("{year:04}-{m0:02}-{d0:02}") })
    };
    Some((end(a, false)?, end(b, true)?))
}

/// The later date says no less than the earlier: the same, or a more
/// precise date within it.
fn refines(before: &Value, after: &Value) -> bool {
    match (before.as_str(), after.as_str()) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(b), Some(a)) => match (interval(b), interval(a)) {
            (Some(b), Some(a)) => b.0 <= a.0 && a.1 <= b.1,
            _ => a == b,
        },
    }
}

fn date_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "events" => &["date"],
        "agreements" => &["signed", "in_force"],
        "figures" => &["period"],
        _ => &[],
    }
}

/// Whether the record shows a disagreement over `field` in which `value`
/// is one of the alternatives.
fn disputed_with(record: &Value, field: &str, value: &Value) -> bool {
    record["disputed"] == Value::Bool(true)
        && record["alternatives"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|a| a["field"] == field && a["values"].as_array().into_iter().flatten().any(|v| &v["value"] == value))
}

/// A record with the names of its participants and place as match keys:
/// the spelling shown follows the merged entity, which a new document may
/// spell more fully ("Tran" as "Trần"); the person named must not change.
fn named_by_key(record: &Value) -> Value {
    let mut r = record.clone();
    // Ids are compared by `ids_do_not_shift_when_other_pairs_arrive`.
    r["id"] = Value::Null;
    let key = |v: &Value| Value::String(accord_merge::name_key(v.as_str().unwrap_or_default()));
    if let Some(names) = r["participants"].as_array_mut() {
        for name in names.iter_mut() {
            *name = key(name);
        }
    }
    if r["place"].is_string() {
        r["place"] = key(&r["place"]);
    }
    r
}

/// What is wrong with `new`, a record that documents joined, as the
/// later state of `old`: a date that is not the same or more precise, a
/// value changed without the dispute shown.
fn grown_wrongly(kind: &str, old: &Value, new: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for field in date_fields(kind) {
        if !refines(&old[*field], &new[*field]) && !disputed_with(new, field, &old[*field]) {
            problems.push(format!("{field} {} became {}:\n  {new}", old[*field], new[*field]));
        }
    }
    if kind == "figures" {
        let (a, b) = (old["value"].as_f64().unwrap_or(0.0), new["value"].as_f64().unwrap_or(0.0));
        if (a - b).abs() > 0.01 * a.abs().max(b.abs()) && !disputed_with(new, "value", &old["value"]) {
            problems.push(format!("value {a} became {b} without a dispute"));
        }
    }
    problems
}

/// What went wrong with the records of `before` (those citing a document
/// that `cited` accepts) in `after`.
fn kept(before: &Value, after: &Value, cited: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut problems = Vec::new();
    for kind in PAIRED {
        let mut citing: HashMap<(String, u64, u64), Vec<&Value>> = HashMap::new();
        for record in after[kind].as_array().into_iter().flatten() {
            for s in record["sources"].as_array().into_iter().flatten() {
                citing.entry(span(s)).or_default().push(record);
            }
        }
        for old in before[kind].as_array().into_iter().flatten() {
            if !docs_of(old).iter().any(|d| cited(d)) {
                continue;
            }
            let spans: Vec<_> = old["sources"].as_array().into_iter().flatten().map(span).collect();
            let name = format!("{kind} {} ({:?})", old["id"], spans.first().map(|s| &s.0));
            let same_thing = |new: &&Value| parties(new) == parties(old) && type_of(kind, new) == type_of(kind, old);
            let holding_all = citing
                .get(&spans[0])
                .into_iter()
                .flatten()
                .filter(|new| {
                    let held: BTreeSet<_> = new["sources"].as_array().into_iter().flatten().map(span).collect();
                    spans.iter().all(|s| held.contains(s))
                })
                .copied();
            let candidates: Vec<&Value> = holding_all.filter(same_thing).collect();
            if candidates.is_empty() {
                problems.push(format!("{name}: no record of the same pair and type holds all its sources"));
                continue;
            }
            // Several records may come from one sentence: one of them must
            // be this record, unchanged if no document joined it, grown
            // within the rules if one did.
            let unchanged = |n: &&Value| docs_of(n) == docs_of(old) && named_by_key(n) == named_by_key(old);
            let grown_right = |n: &&Value| docs_of(n) != docs_of(old) && grown_wrongly(kind, old, n).is_empty();
            if candidates.iter().any(|n| unchanged(n) || grown_right(n)) {
                continue;
            }
            let new = candidates[0];
            if docs_of(new) == docs_of(old) {
                problems.push(format!("{name}: changed although no document joined it:\n  {old}\n  {new}"));
            } else {
                problems.extend(grown_wrongly(kind, old, new).iter().map(|p| format!("{name}: {p}")));
            }
        }
    }
    problems
}

/// Every merged record's parties are those its sources' own records give:
/// no merge moved a fact onto another pair.
fn pairs_unmoved(kb: &Value, docs: &[&Doc]) -> Vec<String> {
    let facts: HashMap<&str, Value> = docs.iter().map(|(_, f)| (f.doc.id.as_str(), serde_json::to_value(f).unwrap())).collect();
    let mut problems = Vec::new();
    for kind in PAIRED {
        for record in kb[kind].as_array().into_iter().flatten() {
            for s in record["sources"].as_array().into_iter().flatten() {
                let (doc, start, end) = span(s);
                let own: Vec<&Value> = facts[doc.as_str()][kind]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|r| r["evidence"]["start"] == start && r["evidence"]["end"] == end)
                    .collect();
                if !own.is_empty() && !own.iter().any(|r| parties(r) == parties(record)) {
                    problems.push(format!(
                        "{kind} {}: parties {:?}, but {doc} says {:?}",
                        record["id"],
                        parties(record),
                        own.iter().map(|r| parties(r)).collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    problems
}

fn report(what: &str, problems: &[String]) {
    for p in problems {
        eprintln!("{what}: {p}");
    }
}

fn halves(set: &[Doc]) -> (Vec<&Doc>, Vec<&Doc>) {
    let (a, b) = set.split_at(set.len() / 2);
    (a.iter().collect(), b.iter().collect())
}

#[test]
fn records_stay_right_as_the_knowledge_base_grows() {
    let Some([seeds, dev, dev2]) = the_three_sets("the growth test was") else { return };
    let is = |set: &[Doc]| -> BTreeSet<String> { set.iter().map(|(_, f)| f.doc.id.clone()).collect() };
    let (seed_ids, dev_ids) = (is(&seeds), is(&dev));
    let ((dev_a, dev_b), (dev2_a, dev2_b)) = (halves(&dev), halves(&dev2));
    let seeds: Vec<&Doc> = seeds.iter().collect();
    let forward = grow(&[seeds.clone(), dev_a.clone(), dev_b.clone(), dev2_a.clone(), dev2_b.clone()]);
    // The other order: dev2 first, the halves of each set swapped.
    let backward = grow(&[seeds.clone(), dev2_b.clone(), dev2_a.clone(), dev_b.clone(), dev_a.clone()]);
    let all: Vec<&Doc> = seeds.iter().chain(&dev_a).chain(&dev_b).chain(&dev2_a).chain(&dev2_b).copied().collect();

    let mut problems = Vec::new();
    for (order, exports) in [("forward", &forward), ("backward", &backward)] {
        let last = exports.last().unwrap();
        for (i, between) in exports.iter().enumerate().skip(1) {
            let found = kept(&exports[0], between, &|d| seed_ids.contains(d));
            problems.extend(found.into_iter().map(|p| format!("{order}, seeds then batch {i}: {p}")));
        }
        problems.extend(pairs_unmoved(last, &all).into_iter().map(|p| format!("{order}: {p}")));
    }
    // Dev's records once dev2 comes in: after the fourth batch of the
    // forward order, and after the second of the backward one.
    let found = kept(&forward[2], &forward[4], &|d| dev_ids.contains(d));
    problems.extend(found.into_iter().map(|p| format!("dev then dev2: {p}")));
    let found = kept(&backward[2], &backward[4], &|d| !dev_ids.contains(d) && !seed_ids.contains(d));
    problems.extend(found.into_iter().map(|p| format!("dev2 then dev: {p}")));
    report("growth", &problems);
    assert!(problems.is_empty(), "{} records changed as the knowledge base grew (listed above)", problems.len());
    assert!(forward.last() == backward.last(), "the final export depends on the order of the batches");
    let at_once = grow(std::slice::from_ref(&all)).pop();
    assert!(forward.last() == at_once.as_ref(), "five ingests give other records (or ids) than one of the same documents");
}

/// The records citing a seed document, in a knowledge base of every
/// corpus, scored against the seeds' corpus gold: as good as the seeds
/// alone.
#[test]
fn the_seed_records_of_a_grown_knowledge_base_score_as_the_seeds_alone() {
    let Some(shared) = accord_testdata::shared("corpus/dev2", "the grown seeds score was") else {
        return;
    };
    let seeds = corpus(&shared, "seeds");
    let seed_ids: BTreeSet<String> = seeds.iter().map(|(_, f)| f.doc.id.clone()).collect();
    let mut others = corpus(&shared, "dev");
    others.extend(corpus(&shared, "dev2"));
    let all: Vec<&Doc> = seeds.iter().chain(&others).collect();
    let mut kb = grow(&[all]).pop().unwrap();
    for kind in PAIRED.iter().chain(&["entities"]) {
        if let Some(records) = kb[*kind].as_array_mut() {
            records.retain(|r| docs_of(r).iter().any(|d| seed_ids.contains(d)));
        }
    }
    kb["doc"]["id"] = Value::String("seeds".into());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("seeds.json"), serde_json::to_vec(&kb).unwrap()).unwrap();
    let Some(scores) = accord_testdata::score_json(&shared, "seeds-corpus", dir.path()) else {
        return;
    };
    let f1 = scores["all"]["f1"].as_f64().unwrap_or(0.0);
    assert!(f1 >= 0.95, "the seed records of seeds+dev+dev2 score F1 {f1}");
}

/// A record's id stays when documents about other pairs arrive: every
/// seed record that no dev2 document joined (the same sources, to the
/// byte) has the same id in the grown knowledge base.
#[test]
fn ids_do_not_shift_when_other_pairs_arrive() {
    let Some(shared) = accord_testdata::shared("corpus/dev2", "the stable ids test was") else {
        return;
    };
    let (seeds, dev2) = (corpus(&shared, "seeds"), corpus(&shared, "dev2"));
    let exports = grow(&[seeds.iter().collect(), dev2.iter().collect()]);
    let sources = |r: &Value| -> Vec<(String, u64, u64)> { r["sources"].as_array().into_iter().flatten().map(span).collect() };
    let (mut kept_ids, mut shifted) = (0, Vec::new());
    for kind in PAIRED.iter().chain(&["entities"]) {
        let after: HashMap<Vec<(String, u64, u64)>, Vec<&str>> =
            exports[1][*kind].as_array().into_iter().flatten().fold(HashMap::new(), |mut by, r| {
                by.entry(sources(r)).or_default().push(r["id"].as_str().unwrap_or_default());
                by
            });
        for old in exports[0][*kind].as_array().into_iter().flatten() {
            let Some(ids) = after.get(&sources(old)) else { continue };
            if ids.contains(&old["id"].as_str().unwrap_or_default()) {
                kept_ids += 1;
            } else {
                shifted.push(format!("{kind} {} is now {ids:?}", old["id"]));
            }
        }
    }
    assert!(shifted.is_empty(), "ids shifted when dev2 arrived: {shifted:#?}");
    assert!(kept_ids > 50, "only {kept_ids} seed records compared");
}

// A merge after a few more documents writes only what they change
// (`kb_digests`, twins read once through `facts_print`), and gives what a
// merge of everything at once gives: the same export and the same rows in
// every merged table, whatever the batches; with copies, a replaced
// document and deletions.

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
    let Some([seeds, dev, dev2]) = the_three_sets("the incremental merge test was") else { return };

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
