//! What a record is linked to: the records that mention an entity (in the
//! sentences they were read from), the entities a record's sentences
//! mention, an event's participants as entities, a record's parties and
//! pair, and the agreements signed during an event (and the events during
//! which an agreement was signed).
//!
//! "Mentions" is read from the documents: a merged entity's sources are the
//! first mentions of it in each document; every mention of that entity in
//! those documents that falls inside a record's evidence links the two.
//! The relation is the same read from either side, so an entity page and a
//! record page link each other.

use super::rows::{ListQuery, RecordRow, Scope};
use super::{party_named, AgreementRow, CommitmentRow, EventRow, FigureRow, Listing, Party, Reader, RecordKind};
use crate::countries::fold_name;
use crate::Result;
use serde::Serialize;
use serde_json::Value;

/// An entity as a record names it: its merged id when the knowledge base has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityLink {
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// In Latin script when a Latin form is known.
    pub name: String,
}

/// What a record page links to besides its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Related {
    /// The record's parties (countries by code), named.
    pub parties: Vec<Party>,
    /// The pair page of a record of two parties (`VN-BY`).
    pub pair: Option<String>,
    /// An event's participants.
    pub participants: Vec<EntityLink>,
    /// The entities its sentences mention (an entity: none).
    pub entities: Vec<EntityLink>,
    /// A person's, body's or place's records are those named in its latest
    /// documents: how many were read (at most [`ENTITY_DOCUMENTS`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents_read: Option<u64>,
    /// An entity's records; an agreement's events; an event's agreements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Listing<EventRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreements: Option<Listing<AgreementRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<Listing<FigureRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitments: Option<Listing<CommitmentRow>>,
}

/// True when every letter of `s` is Latin (with any diacritics).
pub fn is_latin(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).all(|c| (c as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// The name to show on an English page: the name, or its first Latin alias
/// when the name is in another script.
pub fn latin_name(name: &str, aliases: &[String]) -> String {
    if is_latin(name) {
        return name.to_string();
    }
    aliases.iter().find(|a| is_latin(a) && a.chars().any(char::is_alphabetic)).cloned().unwrap_or_else(|| name.to_string())
}

/// The documents of an entity whose mentions are read for the records that
/// mention it: the latest stored. Mentions are read from each document's
/// facts (JSON), so a name in tens of thousands of documents would cost
/// seconds; the records it is named in are those of its latest documents.
pub const ENTITY_DOCUMENTS: i64 = 200;
/// The sources of a record whose sentences are read for the entities it names.
pub const RECORD_DOCUMENTS: i64 = 20;

impl Reader {
    /// What the record `id` of `kind` (whose fields are `record`) links to;
    /// each list of records cut at `limit`.
    pub fn related(&self, kind: RecordKind, id: &str, record: &Value, limit: usize) -> Result<Related> {
        let strings = |field: &str| -> Vec<String> {
            record.get(field).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect()
        };
        let parties = strings("parties");
        let mut related = Related { parties: parties.iter().map(|p| party_named(p)).collect(), ..Related::default() };
        if let [a, b] = &parties[..] {
            related.pair = Some(if a <= b { format!("{a}-{b}") } else { format!("{b}-{a}") });
        }
        let q = ListQuery::first(limit);
        match kind {
            RecordKind::Entities => {
                let code = record.get("code").and_then(Value::as_str);
                if code.is_none() {
                    related.documents_read = Some(self.documents_read(id)?);
                }
                let scope = self.entity_scope(id, code)?;
                related.events = Some(self.rows(&scope(RecordKind::Events), &q)?);
                related.agreements = Some(self.rows(&scope(RecordKind::Agreements), &q)?);
                related.figures = Some(self.rows(&scope(RecordKind::Figures), &q)?);
                related.commitments = Some(self.rows(&scope(RecordKind::Commitments), &q)?);
                return Ok(related);
            }
            RecordKind::Events => {
                related.participants = strings("participants").iter().map(|n| self.entity_named(n)).collect::<Result<_>>()?;
                let date = record.get("date").and_then(Value::as_str);
                related.agreements = Some(self.during::<AgreementRow>(&parties, date, "coalesce(x.signed, x.in_force)", &q)?);
            }
            RecordKind::Agreements => {
                let date = record.get("signed").and_then(Value::as_str);
                related.events = Some(self.during::<EventRow>(&parties, date, "x.date", &q)?);
            }
            _ => {}
        }
        related.entities = self.mentioned(kind, id)?;
        Ok(related)
    }

    /// The scope of each kind of record an entity is linked to: those whose
    /// evidence mentions it in its latest [`ENTITY_DOCUMENTS`] documents; for
    /// a country, those it is a party of (read from `kb_parties` alone: a
    /// country is named in most of its records, and its mentions are many).
    fn entity_scope(&self, id: &str, code: Option<&str>) -> Result<impl Fn(RecordKind) -> Scope + '_> {
        let (code, mentions) = match code {
            Some(code) => (Some(code.to_string()), String::new()),
            None => (None, self.mentions_of(id)?),
        };
        Ok(move |kind: RecordKind| {
            let kind = kind.as_str();
            match &code {
                Some(code) => Scope {
                    sql: format!("SELECT record FROM kb_parties WHERE kind = '{kind}' AND party = ?1"),
                    params: vec![code.clone().into()],
                },
                None => Scope { sql: self.db.mentioning(kind), params: vec![mentions.clone().into()] },
            }
        })
    }

    /// Every mention of the entity `id` in its latest [`ENTITY_DOCUMENTS`]
    /// documents, as a JSON array of `[doc, byte]`.
    fn mentions_of(&self, id: &str) -> Result<String> {
        let sql = format!(
            "SELECT dm.doc, dm.byte_start FROM (SELECT doc, byte_start, byte_end FROM kb_sources \
               WHERE kind = 'entities' AND record = ?1 ORDER BY doc DESC, byte_start DESC, byte_end DESC, quote DESC LIMIT ?2) es \
             JOIN {} de ON de.doc = es.doc AND de.byte_start = es.byte_start AND de.byte_end = es.byte_end \
             JOIN {} dm ON dm.doc = de.doc AND dm.entity = de.seq",
            self.db.doc_entities(),
            self.db.doc_mentions()
        );
        let found =
            self.db.all(&sql, &[id.into(), ENTITY_DOCUMENTS.into()], |r| Ok(serde_json::json!([r.get::<String>(0)?, r.get::<i64>(1)?])))?;
        Ok(Value::Array(found).to_string())
    }

    /// How many documents' mentions an entity's records are read from.
    fn documents_read(&self, id: &str) -> Result<u64> {
        let sql = "SELECT count(*) FROM (SELECT 1 FROM kb_sources WHERE kind = 'entities' AND record = ?1 LIMIT ?2) AS read";
        let n: i64 = self.db.one(sql, &[id.into(), ENTITY_DOCUMENTS.into()], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The records of kind `T` of the same parties whose date lies within
    /// `date` (at the precision of each), or within which `date` lies.
    fn during<T: RecordRow>(&self, parties: &[String], date: Option<&str>, own: &str, q: &ListQuery) -> Result<Listing<T>> {
        let (Some(date), [a, b]) = (date, parties) else {
            return Ok(Listing { total: 0, items: Vec::new() });
        };
        let (start, end) = date.split_once('/').unwrap_or((date, date));
        let kind = T::KIND.as_str();
        let sql = format!(
            "SELECT p.record FROM kb_parties p JOIN {table} x ON x.id = p.record \
             WHERE p.kind = '{kind}' AND p.party = ?1 \
             AND EXISTS (SELECT 1 FROM kb_parties r WHERE r.kind = '{kind}' AND r.record = p.record AND r.party = ?2) \
             AND substr({own}, 1, length(CAST(?3 AS TEXT))) >= substr(CAST(?3 AS TEXT), 1, length({own})) \
             AND substr({own}, 1, length(CAST(?4 AS TEXT))) <= substr(CAST(?4 AS TEXT), 1, length({own}))",
            table = T::KIND.table()
        );
        let scope = Scope { sql, params: vec![a.clone().into(), b.clone().into(), start.to_string().into(), end.to_string().into()] };
        self.rows(&scope, q)
    }

    /// The entities mentioned in the evidence of a record (in its first
    /// [`RECORD_DOCUMENTS`] sources), each once, in order of mention.
    fn mentioned(&self, kind: RecordKind, id: &str) -> Result<Vec<EntityLink>> {
        let sql = format!(
            "SELECT e.id, e.type, e.name, e.aliases FROM (SELECT doc, byte_start, byte_end, quote FROM kb_sources \
               WHERE kind = ?1 AND record = ?2 ORDER BY doc, byte_start, byte_end, quote LIMIT ?3) s \
             JOIN {} dm ON dm.doc = s.doc AND dm.byte_start >= s.byte_start AND dm.byte_start < s.byte_end \
             JOIN {} de ON de.doc = dm.doc AND de.seq = dm.entity \
             JOIN kb_sources es ON es.kind = 'entities' AND es.doc = de.doc AND es.byte_start = de.byte_start AND es.byte_end = de.byte_end \
             JOIN kb_entities e ON e.id = es.record \
             ORDER BY s.doc, s.byte_start, s.byte_end, s.quote, dm.byte_start",
            self.db.doc_mentions(),
            self.db.doc_entities()
        );
        let mut out: Vec<EntityLink> = Vec::new();
        self.db.each(&sql, &[kind.as_str().into(), id.into(), RECORD_DOCUMENTS.into()], |r| {
            let link = EntityLink { id: r.get(0)?, kind: r.get(1)?, name: display_name(r.get(2)?, r.get::<String>(3)?) };
            if !out.iter().any(|l| l.id == link.id) {
                out.push(link);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The merged entity a record names `name` (its name, else a name it is known by).
    pub fn entity_named(&self, name: &str) -> Result<EntityLink> {
        let sql = "SELECT id, type, name, aliases FROM kb_entities WHERE name = ?1 \
                 UNION ALL SELECT e.id, e.type, e.name, e.aliases FROM kb_entity_names n JOIN kb_entities e ON e.id = n.entity \
                 WHERE n.folded = ?2 LIMIT 1";
        let found = self.db.first(sql, &[name.into(), fold_name(name).into()], |r| {
            Ok(EntityLink { id: r.get(0)?, kind: r.get(1)?, name: display_name(r.get(2)?, r.get::<String>(3)?) })
        })?;
        Ok(found.unwrap_or_else(|| EntityLink { id: None, kind: None, name: name.to_string() }))
    }

    /// Participants written in Latin script where the knowledge base knows a Latin form.
    pub(crate) fn latin_participants(&self, events: &mut [EventRow]) -> Result<()> {
        for e in events {
            for p in e.participants.iter_mut().filter(|p| !is_latin(p)) {
                *p = self.entity_named(p)?.name;
            }
        }
        Ok(())
    }
}

fn display_name(name: String, aliases: String) -> String {
    let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
    latin_name(&name, &aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_another_script_shows_its_latin_alias() {
        let aliases = vec!["Роман".to_string(), "Roman Golovchenko".to_string()];
        assert_eq!(latin_name("Роман Головченко", &aliases), "Roman Golovchenko");
        assert_eq!(latin_name("Tô Lâm", &aliases), "Tô Lâm");
        assert_eq!(latin_name("Роман Головченко", &[]), "Роман Головченко");
        assert!(is_latin("Nguyễn Văn Ngự") && !is_latin("Лукашенко"));
    }
}
