//! Groups of near-duplicate documents in the database (see
//! [`crate::shingles`]). Each group has one original, the document with
//! the smallest id, whatever the order they came in; the others name it in
//! `documents.copy_of`. Only originals are indexed by band
//! (`document_bands`), so a report copied a thousand times costs one
//! candidate, not a thousand, to every later document.
//!
//! The grouping is written once, over [`CopyRows`]: the few reads and
//! writes it needs, which each store (SQLite here, PostgreSQL in
//! `postgres/`) answers in its own SQL.

use crate::shingles::{Signature, COPY_SIMILARITY};
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeSet;

/// The rows the grouping reads and writes, within the caller's transaction.
pub(crate) trait CopyRows {
    /// Store a document's signature and make it nobody's copy.
    fn set_signature(&mut self, id: &str, signature: Option<Vec<u8>>) -> Result<()>;
    fn signature_bytes(&mut self, id: &str) -> Result<Option<Vec<u8>>>;
    /// The originals indexed under one band's hash.
    fn band_docs(&mut self, band: i64, hash: i64) -> Result<Vec<String>>;
    fn add_band(&mut self, band: i64, hash: i64, doc: &str) -> Result<()>;
    fn remove_band(&mut self, band: i64, hash: i64, doc: &str) -> Result<()>;
    fn set_copy_of(&mut self, id: &str, original: Option<&str>) -> Result<()>;
    /// Every copy of `from` becomes a copy of `to`.
    fn move_copies(&mut self, from: &str, to: &str) -> Result<()>;
    /// The copy of `original` with the smallest id.
    fn first_copy(&mut self, original: &str) -> Result<Option<String>>;
}

/// Place a stored document among the groups (SQLite).
pub(crate) fn place(tx: &Connection, id: &str, signature: Option<&Signature>) -> Result<()> {
    place_in(&mut &*tx, id, signature)
}

/// Take a document out of its group (SQLite).
pub(crate) fn forget(tx: &Connection, id: &str) -> Result<()> {
    forget_in(&mut &*tx, id)
}

/// Place a stored document among the groups: the copy of the most similar
/// original, or an original itself.
pub(crate) fn place_in(rows: &mut impl CopyRows, id: &str, signature: Option<&Signature>) -> Result<()> {
    rows.set_signature(id, signature.map(Signature::to_bytes))?;
    let Some(signature) = signature else {
        return Ok(());
    };
    let mut candidates = BTreeSet::new();
    for (band, hash) in signature.bands() {
        candidates.extend(rows.band_docs(band, hash)?.into_iter().filter(|doc| doc != id));
    }
    let mut best: Option<(f64, String)> = None;
    for candidate in candidates {
        let Some(theirs) = signature_of(rows, &candidate)? else { continue };
        let similarity = signature.similarity(&theirs);
        // Ties go to the smaller id: candidates come in id order.
        if similarity >= COPY_SIMILARITY && best.as_ref().is_none_or(|(b, _)| similarity > *b) {
            best = Some((similarity, candidate));
        }
    }
    match best {
        None => index(rows, id, signature),
        Some((_, original)) if id < original.as_str() => {
            // The newcomer sorts first: it becomes the group's original.
            rows.move_copies(&original, id)?;
            rows.set_copy_of(&original, Some(id))?;
            unindex(rows, &original)?;
            index(rows, id, signature)
        }
        Some((_, original)) => rows.set_copy_of(id, Some(&original)),
    }
}

/// Take a document out of its group before it is deleted or replaced: when
/// it was the original, the next copy by id takes its place.
pub(crate) fn forget_in(rows: &mut impl CopyRows, id: &str) -> Result<()> {
    unindex(rows, id)?;
    if let Some(heir) = rows.first_copy(id)? {
        rows.set_copy_of(&heir, None)?;
        rows.move_copies(id, &heir)?;
        if let Some(signature) = signature_of(rows, &heir)? {
            index(rows, &heir, &signature)?;
        }
    }
    rows.set_copy_of(id, None)
}

/// Group the documents stored before signatures were kept (schema v5),
/// from their stored sentences folded as at ingest.
pub(crate) fn group_stored(conn: &Connection) -> Result<()> {
    let ids: Vec<String> =
        conn.prepare("SELECT id FROM documents ORDER BY id")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut sentences = conn.prepare("SELECT text FROM sentences WHERE doc = ?1 ORDER BY seq")?;
    for id in ids {
        let texts: Vec<String> = sentences.query_map([&id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        let folded: Vec<String> = texts.iter().map(|t| accord_lang::fold_word(t)).collect();
        let signature = Signature::of_texts(folded.iter().map(String::as_str));
        place(conn, &id, signature.as_ref())?;
    }
    Ok(())
}

fn signature_of(rows: &mut impl CopyRows, id: &str) -> Result<Option<Signature>> {
    Ok(rows.signature_bytes(id)?.as_deref().and_then(Signature::from_bytes))
}

/// Remove a document's bands, found from its stored signature (the table
/// has no index by document: it would cost as much as the bands).
fn unindex(rows: &mut impl CopyRows, id: &str) -> Result<()> {
    if let Some(signature) = signature_of(rows, id)? {
        for (band, hash) in signature.bands() {
            rows.remove_band(band, hash, id)?;
        }
    }
    Ok(())
}

fn index(rows: &mut impl CopyRows, id: &str, signature: &Signature) -> Result<()> {
    for (band, hash) in signature.bands() {
        rows.add_band(band, hash, id)?;
    }
    Ok(())
}

impl CopyRows for &Connection {
    fn set_signature(&mut self, id: &str, signature: Option<Vec<u8>>) -> Result<()> {
        self.prepare_cached("UPDATE documents SET minhash = ?2, copy_of = NULL WHERE id = ?1")?.execute(params![id, signature])?;
        Ok(())
    }

    fn signature_bytes(&mut self, id: &str) -> Result<Option<Vec<u8>>> {
        let mut stmt = self.prepare_cached("SELECT minhash FROM documents WHERE id = ?1")?;
        Ok(stmt.query_row([id], |r| r.get(0)).optional()?.flatten())
    }

    fn band_docs(&mut self, band: i64, hash: i64) -> Result<Vec<String>> {
        let mut lookup = self.prepare_cached("SELECT doc FROM document_bands WHERE band = ?1 AND hash = ?2")?;
        let docs = lookup.query_map(params![band, hash], |r| r.get::<_, String>(0))?;
        Ok(docs.collect::<rusqlite::Result<_>>()?)
    }

    fn add_band(&mut self, band: i64, hash: i64, doc: &str) -> Result<()> {
        self.prepare_cached("INSERT OR IGNORE INTO document_bands (band, hash, doc) VALUES (?1, ?2, ?3)")?
            .execute(params![band, hash, doc])?;
        Ok(())
    }

    fn remove_band(&mut self, band: i64, hash: i64, doc: &str) -> Result<()> {
        self.prepare_cached("DELETE FROM document_bands WHERE band = ?1 AND hash = ?2 AND doc = ?3")?.execute(params![band, hash, doc])?;
        Ok(())
    }

    fn set_copy_of(&mut self, id: &str, original: Option<&str>) -> Result<()> {
        self.prepare_cached("UPDATE documents SET copy_of = ?2 WHERE id = ?1")?.execute(params![id, original])?;
        Ok(())
    }

    fn move_copies(&mut self, from: &str, to: &str) -> Result<()> {
        self.prepare_cached("UPDATE documents SET copy_of = ?2 WHERE copy_of = ?1")?.execute(params![from, to])?;
        Ok(())
    }

    fn first_copy(&mut self, original: &str) -> Result<Option<String>> {
        let mut stmt = self.prepare_cached("SELECT id FROM documents WHERE copy_of = ?1 ORDER BY id LIMIT 1")?;
        Ok(stmt.query_row([original], |r| r.get(0)).optional()?)
    }
}
