//! Writing to PostgreSQL: documents (one transaction each, under the write
//! lock, so that workers in other processes write one at a time and see each
//! other's documents), deletions, and the merged tables. What to do with a
//! document is decided by the code the SQLite store uses
//! (`sqlite::put::decide`); only the SQL is PostgreSQL's.

use super::copy_in::CopyIn;
use crate::copies::{self, CopyRows};
use crate::incoming::Incoming;
use crate::sqlite::put::{all_stored, decide, finite_values, under_id, Stored};
use crate::{Put, PutOptions, Result};
use accord_doc::facts::DocFacts;
use postgres::Transaction;

/// The advisory lock every write takes for its transaction: document writes
/// and merges from any number of processes follow one another, so the
/// grouping of near-duplicates and the merged tables never see half of
/// another writer's work.
pub(super) const WRITE_LOCK: i64 = 0x6163_636f_7277;

pub(super) fn lock(tx: &mut Transaction) -> Result<()> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    Ok(())
}

fn stored(tx: &mut Transaction, id: &str) -> Result<Option<Stored>> {
    let row = tx.query_opt("SELECT content_hash, extractor, origin, ingested_at FROM documents WHERE id = $1", &[&id])?;
    Ok(row.map(|r| Stored { hash: r.get(0), extractor: r.get(1), origin: r.get(2), ingested_at: r.get(3) }))
}

/// Store one document and its facts within the caller's (locked) transaction.
pub(super) fn put_in(tx: &mut Transaction, doc: &Incoming, facts: &DocFacts, options: &PutOptions) -> Result<Put> {
    let (id, put) = decide(doc, options, |id| stored(tx, id))?;
    if put == Put::Unchanged {
        return Ok(put);
    }
    if !matches!(put, Put::Added | Put::KeptAs(_)) {
        copies::forget_in(tx, &id)?;
        tx.execute("DELETE FROM sentences WHERE doc = $1", &[&id])?;
    }
    let (doc, facts) = under_id(&id, doc, facts);
    finite_values(&facts)?;
    let h = &facts.doc;
    let published = h.published.map(|d| d.to_string());
    let bytes = doc.bytes as i64;
    let facts_json = serde_json::to_string(&*facts)?;
    tx.execute(
        "INSERT INTO documents (id, content_hash, extractor, origin, lang, published, dateline, source, url, title, \
         bytes, ingested_at, facts) \
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $12) \
         ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, extractor = excluded.extractor, \
         origin = excluded.origin, lang = excluded.lang, published = excluded.published, \
         dateline = excluded.dateline, source = excluded.source, url = excluded.url, title = excluded.title, \
         bytes = excluded.bytes, ingested_at = excluded.ingested_at, facts = excluded.facts",
        &[
            &doc.id,
            &doc.content_hash,
            &options.extractor,
            &doc.origin,
            &h.lang,
            &published,
            &h.dateline,
            &h.source,
            &h.url,
            &h.title,
            &bytes,
            &facts_json,
        ],
    )?;
    let mut sentences = CopyIn::new("sentences", &["doc", "seq", "byte_start", "byte_end", "text", "search"]);
    for (seq, s) in doc.sentences.iter().enumerate() {
        let search = tsvector(&s.folded);
        sentences.row([
            Some(doc.id.as_str()),
            Some(&seq.to_string()),
            Some(&s.start.to_string()),
            Some(&s.end.to_string()),
            Some(&s.text),
            Some(&search),
        ]);
    }
    sentences.finish(tx)?;
    copies::place_in(tx, &doc.id, doc.signature.as_ref())?;
    bump_generation(tx)?;
    Ok(put)
}

/// The longest word a `tsvector` takes (PostgreSQL's limit is 2046 bytes);
/// a longer "word" (an encoded blob) is left out of the index.
const MAX_LEXEME: usize = 2046;

/// A sentence's search index entry: its folded words with their positions,
/// written as a `tsvector` literal so that PostgreSQL's parser (which
/// depends on the locale) plays no part: the words are exactly those the
/// SQLite index holds.
pub(crate) fn tsvector(folded: &str) -> String {
    let words = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && w.len() <= MAX_LEXEME);
    let entries: Vec<String> = words.enumerate().map(|(i, w)| format!("{}:{}", lexeme(w), (i + 1).min(16_383))).collect();
    entries.join(" ")
}

/// A word quoted for a `tsvector` or `tsquery` literal.
pub(crate) fn lexeme(word: &str) -> String {
    format!("'{}'", word.replace('\\', "\\\\").replace('\'', "''"))
}

/// Delete the documents `ids`, or none when one is not stored.
pub(super) fn delete_in(tx: &mut Transaction, ids: &[&str], db: &str) -> Result<usize> {
    let lister = format!("psql \"{db}\" -c \"SELECT id, origin FROM documents\"");
    let ids = all_stored(ids, |id| stored(tx, id), db, &lister)?;
    for id in &ids {
        copies::forget_in(tx, id)?;
        tx.execute("DELETE FROM sentences WHERE doc = $1", &[id])?;
        tx.execute("DELETE FROM documents WHERE id = $1", &[id])?;
    }
    if !ids.is_empty() {
        bump_generation(tx)?;
    }
    Ok(ids.len())
}

/// The stored facts changed: the merged tables are out of date.
fn bump_generation(tx: &mut Transaction) -> Result<()> {
    tx.execute("UPDATE kb_state SET value = value + 1 WHERE key = 'facts_generation'", &[])?;
    Ok(())
}

impl CopyRows for Transaction<'_> {
    fn set_signature(&mut self, id: &str, signature: Option<Vec<u8>>) -> Result<()> {
        self.execute("UPDATE documents SET minhash = $2, copy_of = NULL WHERE id = $1", &[&id, &signature])?;
        Ok(())
    }

    fn signature_bytes(&mut self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.query_opt("SELECT minhash FROM documents WHERE id = $1", &[&id])?.and_then(|r| r.get(0)))
    }

    fn band_docs(&mut self, band: i64, hash: i64) -> Result<Vec<String>> {
        let rows = self.query("SELECT doc FROM document_bands WHERE band = $1 AND hash = $2", &[&band, &hash])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn add_band(&mut self, band: i64, hash: i64, doc: &str) -> Result<()> {
        self.execute("INSERT INTO document_bands (band, hash, doc) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", &[&band, &hash, &doc])?;
        Ok(())
    }

    fn remove_band(&mut self, band: i64, hash: i64, doc: &str) -> Result<()> {
        self.execute("DELETE FROM document_bands WHERE band = $1 AND hash = $2 AND doc = $3", &[&band, &hash, &doc])?;
        Ok(())
    }

    fn set_copy_of(&mut self, id: &str, original: Option<&str>) -> Result<()> {
        self.execute("UPDATE documents SET copy_of = $2 WHERE id = $1", &[&id, &original])?;
        Ok(())
    }

    fn move_copies(&mut self, from: &str, to: &str) -> Result<()> {
        self.execute("UPDATE documents SET copy_of = $2 WHERE copy_of = $1", &[&from, &to])?;
        Ok(())
    }

    fn first_copy(&mut self, original: &str) -> Result<Option<String>> {
        Ok(self.query_opt("SELECT id FROM documents WHERE copy_of = $1 ORDER BY id LIMIT 1", &[&original])?.map(|r| r.get(0)))
    }
}
