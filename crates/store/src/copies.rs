//! Groups of near-duplicate documents in the database (see
//! [`crate::shingles`]). Each group has one original, the document with
//! the smallest id, whatever the order they came in; the others name it in
//! `documents.copy_of`. Only originals are indexed by band
//! (`document_bands`), so a report copied a thousand times costs one
//! candidate, not a thousand, to every later document.

use crate::shingles::{Signature, COPY_SIMILARITY};
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeSet, HashMap};

/// Place a stored document among the groups: the copy of the most similar
/// original, or an original itself.
pub(crate) fn place(tx: &Connection, id: &str, signature: Option<&Signature>) -> Result<()> {
    tx.prepare_cached("UPDATE documents SET minhash = ?2, copy_of = NULL WHERE id = ?1")?
        .execute(params![id, signature.map(Signature::to_bytes)])?;
    let Some(signature) = signature else {
        return Ok(());
    };
    let mut candidates = BTreeSet::new();
    {
        let mut lookup = tx.prepare_cached("SELECT doc FROM document_bands WHERE band = ?1 AND hash = ?2")?;
        for (band, hash) in signature.bands() {
            for doc in lookup.query_map(params![band, hash], |r| r.get::<_, String>(0))? {
                let doc = doc?;
                if doc != id {
                    candidates.insert(doc);
                }
            }
        }
    }
    let mut best: Option<(f64, String)> = None;
    for candidate in candidates {
        let Some(theirs) = signature_of(tx, &candidate)? else { continue };
        let similarity = signature.similarity(&theirs);
        // Ties go to the smaller id: candidates come in id order.
        if similarity >= COPY_SIMILARITY && best.as_ref().is_none_or(|(b, _)| similarity > *b) {
            best = Some((similarity, candidate));
        }
    }
    match best {
        None => index(tx, id, signature),
        Some((_, original)) if id < original.as_str() => {
            // The newcomer sorts first: it becomes the group's original.
            tx.prepare_cached("UPDATE documents SET copy_of = ?1 WHERE copy_of = ?2 OR id = ?2")?.execute(params![id, original])?;
            unindex(tx, &original)?;
            index(tx, id, signature)
        }
        Some((_, original)) => {
            tx.prepare_cached("UPDATE documents SET copy_of = ?2 WHERE id = ?1")?.execute(params![id, original])?;
            Ok(())
        }
    }
}

/// Take a document out of its group before it is deleted or replaced: when
/// it was the original, the next copy by id takes its place.
pub(crate) fn forget(tx: &Connection, id: &str) -> Result<()> {
    unindex(tx, id)?;
    let heir: Option<String> =
        tx.prepare_cached("SELECT id FROM documents WHERE copy_of = ?1 ORDER BY id LIMIT 1")?.query_row([id], |r| r.get(0)).optional()?;
    if let Some(heir) = heir {
        tx.prepare_cached("UPDATE documents SET copy_of = NULL WHERE id = ?1")?.execute([&heir])?;
        tx.prepare_cached("UPDATE documents SET copy_of = ?1 WHERE copy_of = ?2")?.execute(params![heir, id])?;
        if let Some(signature) = signature_of(tx, &heir)? {
            index(tx, &heir, &signature)?;
        }
    }
    tx.prepare_cached("UPDATE documents SET copy_of = NULL WHERE id = ?1")?.execute([id])?;
    Ok(())
}

/// Every copy with its original.
pub(crate) fn originals(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT id, copy_of FROM documents WHERE copy_of IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

fn signature_of(tx: &Connection, id: &str) -> Result<Option<Signature>> {
    let bytes: Option<Vec<u8>> =
        tx.prepare_cached("SELECT minhash FROM documents WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?.flatten();
    Ok(bytes.as_deref().and_then(Signature::from_bytes))
}

/// Remove a document's bands, found from its stored signature (the table
/// has no index by document: it would cost as much as the bands).
fn unindex(tx: &Connection, id: &str) -> Result<()> {
    if let Some(signature) = signature_of(tx, id)? {
        let mut delete = tx.prepare_cached("DELETE FROM document_bands WHERE band = ?1 AND hash = ?2 AND doc = ?3")?;
        for (band, hash) in signature.bands() {
            delete.execute(params![band, hash, id])?;
        }
    }
    Ok(())
}

fn index(tx: &Connection, id: &str, signature: &Signature) -> Result<()> {
    let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO document_bands (band, hash, doc) VALUES (?1, ?2, ?3)")?;
    for (band, hash) in signature.bands() {
        insert.execute(params![band, hash, id])?;
    }
    Ok(())
}
