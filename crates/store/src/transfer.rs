//! Moving a knowledge base between stores (`accord copy`): every stored
//! document, with its facts and sentences as stored, is written into the
//! other store as an ingest would write it (the same conflict rules, the
//! same near-duplicate grouping), then the merged tables are recomputed
//! there. Nothing is extracted again: the copy holds the same facts.

use crate::db::Db;
use crate::incoming::{Incoming, Sentence};
use crate::shingles::Signature;
use crate::{ErrorKind, KnowledgeStore, Put, PutOptions, Result, StoreError};
use accord_doc::facts::DocFacts;

/// Documents read from the source at a time.
const BATCH: usize = 200;

/// What a copy did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopySummary {
    pub added: usize,
    /// Already in the target as they are.
    pub unchanged: usize,
    /// A different document under the same id in the target: left as it was.
    pub refused: Vec<String>,
}

/// A document's row and sentences as either store keeps them.
struct StoredRow {
    id: String,
    content_hash: String,
    extractor: String,
    origin: Option<String>,
    bytes: i64,
    facts: String,
    /// (byte_start, byte_end, text) in order.
    sentences: Vec<(i64, i64, String)>,
}

const DOCUMENTS_AFTER: &str = "SELECT id, content_hash, extractor, origin, bytes, facts FROM documents WHERE id > ?1 ORDER BY id LIMIT ?2";
const SENTENCES_OF: &str = "SELECT byte_start, byte_end, text FROM sentences WHERE doc = ?1 ORDER BY seq";

impl Db {
    /// Up to `n` stored documents with ids after `after`, in id order.
    fn rows_after(&self, after: &str, n: usize) -> Result<Vec<StoredRow>> {
        let mut rows = Vec::new();
        match self {
            Db::Sqlite(s) => {
                let mut docs = s.conn.prepare(DOCUMENTS_AFTER)?;
                let mut sentences = s.conn.prepare(SENTENCES_OF)?;
                let found = docs.query_map(rusqlite::params![after, n as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                })?;
                for doc in found {
                    let (id, content_hash, extractor, origin, bytes, mut facts): (String, String, _, _, _, String) = doc?;
                    if facts == crate::sqlite::shared_facts::SHARED {
                        // A twin's, held by another document (schema v12).
                        let shared = crate::sqlite::shared_facts::facts(&s.conn, &id)?;
                        facts = serde_json::to_string(&shared)?;
                    }
                    let of = sentences.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                    let sentences = of.collect::<rusqlite::Result<_>>()?;
                    rows.push(StoredRow { id, content_hash, extractor, origin, bytes, facts, sentences });
                }
            }
            Db::Postgres(p) => {
                let mut client = p.client();
                let docs = client.query(&DOCUMENTS_AFTER.replace('?', "$"), &[&after, &(n as i64)])?;
                let sentences = client.prepare(&SENTENCES_OF.replace('?', "$"))?;
                for r in docs {
                    let id: String = r.get(0);
                    let of = client.query(&sentences, &[&id])?;
                    let sentences = of.iter().map(|s| (s.get(0), s.get(1), s.get(2))).collect();
                    rows.push(StoredRow {
                        id,
                        content_hash: r.get(1),
                        extractor: r.get(2),
                        origin: r.get(3),
                        bytes: r.get(4),
                        facts: r.get(5),
                        sentences,
                    });
                }
            }
        }
        Ok(rows)
    }
}

/// The document as it came in, from what was stored of it.
fn incoming(row: StoredRow) -> Result<(Incoming, DocFacts, String)> {
    let sentences: Vec<Sentence> = row
        .sentences
        .into_iter()
        .map(|(start, end, text)| Sentence { start: start as usize, end: end as usize, folded: accord_lang::fold_word(&text), text })
        .collect();
    // Quotes a sentence holds are left out of SQLite's facts (schema v11).
    let facts: DocFacts = crate::quotes::read_facts(&row.facts, || Ok(sentences.clone()))?;
    let signature = Signature::of_texts(sentences.iter().map(|s| s.folded.as_str()));
    let incoming =
        Incoming { id: row.id, content_hash: row.content_hash, origin: row.origin, bytes: row.bytes.max(0) as usize, sentences, signature };
    Ok((incoming, facts, row.extractor))
}

/// Copy every document of `from` into `to` and merge there; `progress` is
/// told how many documents have been copied so far.
pub fn copy_documents(from: &Db, to: &mut Db, mut progress: impl FnMut(usize)) -> Result<CopySummary> {
    let mut summary = CopySummary::default();
    let mut after = String::new();
    let mut done = 0;
    loop {
        let rows = from.rows_after(&after, BATCH)?;
        let Some(last) = rows.last() else { break };
        after = last.id.clone();
        for row in rows {
            let (doc, facts, extractor) = incoming(row)?;
            match to.put_document(&doc, &facts, &PutOptions::new(&extractor)) {
                Ok(Put::Unchanged) => summary.unchanged += 1,
                Ok(_) => summary.added += 1,
                Err(e) if e.kind == ErrorKind::Conflict => summary.refused.push(doc.id.clone()),
                Err(e) => return Err(StoreError::new(e.kind, format!("document \"{}\": {}", doc.id, e.message))),
            }
            done += 1;
        }
        progress(done);
    }
    to.refresh_merged(false)?;
    Ok(summary)
}
