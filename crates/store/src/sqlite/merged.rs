//! Writing a merged knowledge base into the kb tables. Each record kind's
//! columns are listed once (`records`); the INSERT and the row are both
//! made from that list, between the `seq, id` every kb table begins with
//! and the provenance columns every one ends with.

use super::sources::Pending;
use super::{json, Result};
use crate::countries::fold_name;
use crate::records::{self, RecordKind};
use accord_doc::facts::{Agreement, Commitment, Entity, Event, Figure};
use accord_merge::{KnowledgeBase, Merged};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use serde::Serialize;

/// A kind of merged record as its kb table holds it: the columns are those
/// of its [`RecordKind`], their values the fields of the record's JSON.
trait KbRow: Serialize {
    const KIND: &'static RecordKind;
    /// The countries to index in `kb_parties` (none for entities).
    fn parties(&self) -> &[String];
}

impl KbRow for Entity {
    const KIND: &'static RecordKind = &records::ENTITIES;
    fn parties(&self) -> &[String] {
        &[]
    }
}

/// The kinds whose records name the parties they concern.
macro_rules! kb_row_with_parties {
    ($($record:ty => $kind:expr),* $(,)?) => {$(
        impl KbRow for $record {
            const KIND: &'static RecordKind = &$kind;
            fn parties(&self) -> &[String] {
                &self.parties
            }
        }
    )*};
}

kb_row_with_parties!(Event => records::EVENTS, Agreement => records::AGREEMENTS, Figure => records::FIGURES, Commitment => records::COMMITMENTS);

/// `INSERT INTO table (seq, id, own..., provenance...) VALUES (?1, ...)`.
fn insert_sql(kind: &RecordKind) -> String {
    let own = kind.columns.iter().map(|c| c.name);
    let columns: Vec<&str> = ["seq", "id"].into_iter().chain(own).chain(records::KB_PROVENANCE).collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!("INSERT INTO {} ({}) VALUES ({})", kind.kb_table(), columns.join(", "), placeholders.join(","))
}

/// Write every record of a knowledge base but their sources (the kb tables
/// but `kb_sources` are empty), and return the sources to write.
pub(super) fn write_records<'k>(tx: &Connection, kb: &'k KnowledgeBase) -> Result<Pending<'k>> {
    let mut pending: Pending = Vec::new();
    write_kind(tx, &kb.entities, &mut pending)?;
    write_entity_names(tx, &kb.entities)?;
    write_kind(tx, &kb.events, &mut pending)?;
    write_kind(tx, &kb.agreements, &mut pending)?;
    write_kind(tx, &kb.figures, &mut pending)?;
    write_kind(tx, &kb.commitments, &mut pending)?;
    let mut link = tx.prepare("INSERT OR IGNORE INTO kb_links (kind, record, candidate, reason) VALUES (?1, ?2, ?3, ?4)")?;
    for l in &kb.links {
        link.execute(params![l.kind, l.record, l.candidate, l.reason])?;
    }
    let mut conflict = tx.prepare("INSERT INTO kb_conflicts (seq, kind, record, field, conflict_values) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (seq, c) in kb.conflicts.iter().enumerate() {
        conflict.execute(params![seq as i64, c.kind, c.record, c.field, json(&c.values)?])?;
    }
    Ok(pending)
}

fn write_kind<'k, T: KbRow>(tx: &Connection, records: &'k [Merged<T>], pending: &mut Pending<'k>) -> Result<()> {
    let mut insert = tx.prepare(&insert_sql(T::KIND))?;
    let mut party = tx.prepare("INSERT OR IGNORE INTO kb_parties (kind, party, record) VALUES (?1, ?2, ?3)")?;
    for (seq, m) in records.iter().enumerate() {
        let fields = serde_json::to_value(&m.record)?;
        let mut row: Vec<Value> = vec![(seq as i64).into(), m.id.clone().into()];
        row.extend(T::KIND.values(&fields));
        row.push((m.outlets() as i64).into());
        row.extend(provenance(m));
        row.push(records::sql_value(fields.get("rule")));
        row.push(json(&m.record)?.into());
        insert.execute(rusqlite::params_from_iter(row))?;
        pending.push((T::KIND.kind, m.id.as_str(), m.sources.as_slice()));
        for p in m.record.parties() {
            party.execute(params![T::KIND.kind, p, m.id])?;
        }
    }
    Ok(())
}

/// Every name an entity is searched by, folded: its name, aliases and code.
fn write_entity_names(tx: &Connection, entities: &[Merged<Entity>]) -> Result<()> {
    let mut insert = tx.prepare("INSERT OR IGNORE INTO kb_entity_names (folded, entity) VALUES (?1, ?2)")?;
    for m in entities {
        let r = &m.record;
        let mut names: Vec<String> = std::iter::once(&r.name).chain(&r.aliases).map(|n| fold_name(n)).collect();
        names.extend(r.code.iter().map(|c| fold_name(c)));
        names.sort();
        names.dedup();
        for n in names.iter().filter(|n| !n.is_empty()) {
            insert.execute(params![n, m.id])?;
        }
    }
    Ok(())
}

/// The first source (in document order) stands for the record's
/// provenance on its own row; all sources are in kb_sources.
fn provenance<T>(m: &Merged<T>) -> [Value; 4] {
    match m.sources.iter().min() {
        Some(s) => [s.doc.clone().into(), (s.start as i64).into(), (s.end as i64).into(), s.quote.clone().into()],
        None => [Value::Null, Value::Null, Value::Null, Value::Null],
    }
}
