//! Writing a merged knowledge base into PostgreSQL's kb tables, from the
//! same column lists as SQLite's (`records`): each kind's rows, their
//! parties and sources, entity names, conflicts and links, sent with COPY.

use super::copy_in::CopyIn;
use crate::countries::fold_name;
use crate::records::{self, RecordKind};
use crate::Result;
use accord_merge::{KnowledgeBase, Merged};
use postgres::Transaction;
use rusqlite::types::Value;
use serde::Serialize;
use std::collections::HashSet;

/// The kb tables, emptied before a merge is written: a table per record
/// kind, and the tables that index them.
pub(super) fn kb_tables() -> impl Iterator<Item = String> {
    let indexes = ["kb_sources", "kb_parties", "kb_entity_names", "kb_conflicts", "kb_links"];
    records::KINDS.iter().map(|kind| format!("kb_{kind}")).chain(indexes.into_iter().map(String::from))
}

/// Rows of the tables every kind writes to besides its own; duplicates are
/// dropped, first kept (as SQLite's `INSERT OR IGNORE` does).
struct Shared {
    parties: CopyIn,
    party_keys: HashSet<(&'static str, String, String)>,
    sources: Vec<(&'static str, String, Vec<Option<String>>)>,
}

/// Write every record of a knowledge base (the kb tables are empty).
pub(super) fn write_records(tx: &mut Transaction, kb: &KnowledgeBase) -> Result<()> {
    let mut shared =
        Shared { parties: CopyIn::new("kb_parties", &["kind", "party", "record"]), party_keys: HashSet::new(), sources: Vec::new() };
    write_kind(tx, &records::ENTITIES, &kb.entities, &mut shared)?;
    write_kind(tx, &records::EVENTS, &kb.events, &mut shared)?;
    write_kind(tx, &records::AGREEMENTS, &kb.agreements, &mut shared)?;
    write_kind(tx, &records::FIGURES, &kb.figures, &mut shared)?;
    write_kind(tx, &records::COMMITMENTS, &kb.commitments, &mut shared)?;
    shared.parties.finish(tx)?;

    let mut names = CopyIn::new("kb_entity_names", &["folded", "entity"]);
    let mut seen = HashSet::new();
    for m in &kb.entities {
        let r = &m.record;
        let mut folded: Vec<String> = std::iter::once(&r.name).chain(&r.aliases).chain(r.code.iter()).map(|n| fold_name(n)).collect();
        folded.sort();
        folded.dedup();
        for n in folded.into_iter().filter(|n| !n.is_empty()) {
            if seen.insert((n.clone(), m.id.clone())) {
                names.row([Some(n.as_str()), Some(m.id.as_str())]);
            }
        }
    }
    names.finish(tx)?;

    let mut links = CopyIn::new("kb_links", &["kind", "record", "candidate", "reason"]);
    let mut seen = HashSet::new();
    for l in &kb.links {
        if seen.insert((&l.kind, &l.record, &l.candidate)) {
            links.row([Some(l.kind.as_str()), Some(&l.record), Some(&l.candidate), Some(&l.reason)]);
        }
    }
    links.finish(tx)?;

    let mut conflicts = CopyIn::new("kb_conflicts", &["seq", "kind", "record", "field", "conflict_values"]);
    for (seq, c) in kb.conflicts.iter().enumerate() {
        let values = serde_json::to_string(&c.values)?;
        conflicts.row([Some(seq.to_string().as_str()), Some(&c.kind), Some(&c.record), Some(&c.field), Some(&values)]);
    }
    conflicts.finish(tx)?;

    let mut sources = CopyIn::new("kb_sources", &["kind", "record", "seq", "doc", "byte_start", "byte_end", "quote", "copy_of"]);
    let mut seen = HashSet::new();
    shared.sources.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    for (kind, record, row) in &shared.sources {
        if seen.insert((*kind, record, row[0].clone())) {
            sources.row([Some(*kind), Some(record.as_str())].into_iter().chain(row.iter().map(Option::as_deref)));
        }
    }
    sources.finish(tx)
}

fn write_kind<T: Serialize>(tx: &mut Transaction, kind: &'static RecordKind, list: &[Merged<T>], shared: &mut Shared) -> Result<()> {
    let columns: Vec<&str> = ["seq", "id"].into_iter().chain(kind.columns.iter().map(|c| c.name)).chain(records::KB_PROVENANCE).collect();
    let mut rows = CopyIn::new(&kind.kb_table(), &columns);
    for (seq, m) in list.iter().enumerate() {
        let fields = serde_json::to_value(&m.record)?;
        let first = m.sources.iter().min();
        let mut row: Vec<Option<String>> = vec![Some(seq.to_string()), Some(m.id.clone())];
        row.extend(kind.values(&fields).iter().map(text));
        row.push(Some(m.outlets().to_string()));
        row.push(first.map(|s| s.doc.clone()));
        row.push(first.map(|s| s.start.to_string()));
        row.push(first.map(|s| s.end.to_string()));
        row.push(first.map(|s| s.quote.clone()));
        row.push(text(&records::sql_value(fields.get("rule"))));
        row.push(Some(serde_json::to_string(&m.record)?));
        rows.row(row.iter().map(Option::as_deref));
        for s in m.sources.iter().enumerate() {
            let (seq, s) = s;
            shared.sources.push((
                kind.kind,
                m.id.clone(),
                vec![
                    Some(seq.to_string()),
                    Some(s.doc.clone()),
                    Some(s.start.to_string()),
                    Some(s.end.to_string()),
                    Some(s.quote.clone()),
                    s.copy_of.clone(),
                ],
            ));
        }
        // Entities name no parties; every other kind has a `parties` list.
        let parties = fields.get("parties").and_then(|p| p.as_array()).into_iter().flatten().filter_map(|p| p.as_str());
        for party in parties {
            if shared.party_keys.insert((kind.kind, party.to_string(), m.id.clone())) {
                shared.parties.row([Some(kind.kind), Some(party), Some(m.id.as_str())]);
            }
        }
    }
    rows.finish(tx)
}

/// A value of the SQLite row as COPY text (integers and reals as decimal:
/// Rust writes the shortest text that reads back as the same number).
fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(x) => Some(x.to_string()),
        Value::Text(t) => Some(t.clone()),
        Value::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
    }
}
