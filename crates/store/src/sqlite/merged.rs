//! Writing a merged knowledge base into the kb tables. Each record kind
//! names its table and its own columns once ([`KbRow`]); the INSERT and the
//! row are both made from that list, between the `seq, id` every kb table
//! begins with and the provenance columns every one ends with.

use super::{json, Result};
use crate::countries::fold_name;
use accord_doc::facts::{Agreement, Commitment, Entity, Event, Figure};
use accord_merge::{KnowledgeBase, Merged, Source};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use serde::Serialize;

/// The columns after a record's own: how many sources, the first source's
/// place and quote, the rule, the whole record as JSON.
const PROVENANCE_COLUMNS: [&str; 7] = ["source_count", "doc", "byte_start", "byte_end", "quote", "rule", "record"];

/// A kind of merged record as its kb table holds it.
trait KbRow: Serialize {
    /// "entities", "events", ...: the kind in `kb_sources` and `kb_parties`.
    const KIND: &'static str;
    const TABLE: &'static str;
    /// The record's own columns, in the order of [`Row::own`].
    const OWN_COLUMNS: &'static [&'static str];
    fn row(&self) -> Result<Row<'_>>;
}

/// What a record writes: its own columns, the countries to index in
/// `kb_parties` (none for entities) and its rule.
struct Row<'r> {
    own: Vec<Value>,
    parties: &'r [String],
    rule: Option<&'r str>,
}

impl KbRow for Entity {
    const KIND: &'static str = "entities";
    const TABLE: &'static str = "kb_entities";
    const OWN_COLUMNS: &'static [&'static str] = &["type", "name", "code", "aliases", "country", "title"];
    fn row(&self) -> Result<Row<'_>> {
        let own = vec![
            self.kind.as_str().to_string().into(),
            self.name.clone().into(),
            self.code.clone().into(),
            json(&self.aliases)?.into(),
            self.country.clone().into(),
            self.title.clone().into(),
        ];
        Ok(Row { own, parties: &[], rule: self.rule.as_deref() })
    }
}

impl KbRow for Event {
    const KIND: &'static str = "events";
    const TABLE: &'static str = "kb_events";
    const OWN_COLUMNS: &'static [&'static str] =
        &["type", "kind", "what", "by_country", "participants", "host", "place", "date", "parties"];
    fn row(&self) -> Result<Row<'_>> {
        let own = vec![
            self.kind.clone().into(),
            self.visit_kind.clone().into(),
            self.what.clone().into(),
            self.by.clone().into(),
            json(&self.participants)?.into(),
            self.host.clone().into(),
            self.place.clone().into(),
            self.date.clone().into(),
            json(&self.parties)?.into(),
        ];
        Ok(Row { own, parties: &self.parties, rule: self.rule.as_deref() })
    }
}

impl KbRow for Agreement {
    const KIND: &'static str = "agreements";
    const TABLE: &'static str = "kb_agreements";
    const OWN_COLUMNS: &'static [&'static str] = &["title", "kind", "topics", "parties", "signed", "in_force", "status"];
    fn row(&self) -> Result<Row<'_>> {
        let own = vec![
            self.title.clone().into(),
            self.kind.clone().into(),
            json(&self.topics)?.into(),
            json(&self.parties)?.into(),
            self.signed.clone().into(),
            self.in_force.clone().into(),
            self.status.clone().into(),
        ];
        Ok(Row { own, parties: &self.parties, rule: self.rule.as_deref() })
    }
}

impl KbRow for Figure {
    const KIND: &'static str = "figures";
    const TABLE: &'static str = "kb_figures";
    const OWN_COLUMNS: &'static [&'static str] = &["indicator", "value", "unit", "period", "status", "parties"];
    fn row(&self) -> Result<Row<'_>> {
        let own = vec![
            self.indicator.clone().into(),
            self.value.into(),
            self.unit.clone().into(),
            self.period.clone().into(),
            self.status.clone().into(),
            json(&self.parties)?.into(),
        ];
        Ok(Row { own, parties: &self.parties, rule: self.rule.as_deref() })
    }
}

impl KbRow for Commitment {
    const KIND: &'static str = "commitments";
    const TABLE: &'static str = "kb_commitments";
    const OWN_COLUMNS: &'static [&'static str] = &["areas", "parties", "modality", "text"];
    fn row(&self) -> Result<Row<'_>> {
        let own = vec![json(&self.areas)?.into(), json(&self.parties)?.into(), self.modality.clone().into(), self.text.clone().into()];
        Ok(Row { own, parties: &self.parties, rule: self.rule.as_deref() })
    }
}

/// `INSERT INTO table (seq, id, own..., provenance...) VALUES (?1, ...)`.
fn insert_sql<T: KbRow>() -> String {
    let columns: Vec<&str> = ["seq", "id"].into_iter().chain(T::OWN_COLUMNS.iter().copied()).chain(PROVENANCE_COLUMNS).collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!("INSERT INTO {} ({}) VALUES ({})", T::TABLE, columns.join(", "), placeholders.join(","))
}

/// Sources waiting to be written: kind, record id, sources.
type Pending<'k> = Vec<(&'static str, &'k str, &'k [Source])>;

/// Write every record of a knowledge base (the kb tables are empty).
pub(super) fn write_records(tx: &Connection, kb: &KnowledgeBase) -> Result<()> {
    // Sources are written last, in key order, and the index by document is
    // built after them: over a million rows for a large corpus, appended
    // rather than scattered.
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
    pending.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    tx.execute("DROP INDEX IF EXISTS kb_sources_doc", [])?;
    let mut source = tx.prepare(
        "INSERT OR IGNORE INTO kb_sources (kind, record, seq, doc, byte_start, byte_end, quote, copy_of) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
    )?;
    for (kind, id, sources) in pending {
        for (seq, s) in sources.iter().enumerate() {
            source.execute(params![kind, id, seq as i64, s.doc, s.start as i64, s.end as i64, s.quote, s.copy_of])?;
        }
    }
    Ok(())
}

fn write_kind<'k, T: KbRow>(tx: &Connection, records: &'k [Merged<T>], pending: &mut Pending<'k>) -> Result<()> {
    let mut insert = tx.prepare(&insert_sql::<T>())?;
    let mut party = tx.prepare("INSERT OR IGNORE INTO kb_parties (kind, party, record) VALUES (?1, ?2, ?3)")?;
    for (seq, m) in records.iter().enumerate() {
        let Row { own, parties, rule } = m.record.row()?;
        let mut row: Vec<Value> = vec![(seq as i64).into(), m.id.clone().into()];
        row.extend(own);
        row.push((m.outlets() as i64).into());
        row.extend(provenance(m));
        row.push(rule.map(str::to_string).into());
        row.push(json(&m.record)?.into());
        insert.execute(rusqlite::params_from_iter(row))?;
        pending.push((T::KIND, m.id.as_str(), m.sources.as_slice()));
        for p in parties {
            party.execute(params![T::KIND, p, m.id])?;
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
