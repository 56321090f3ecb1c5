//! Writing and deleting documents: what happens when an id is already
//! stored. Nothing stored is lost without a word: the same article again is
//! left as it is; a different article under a stored id is refused, kept
//! beside it under another id, or replaces it, as the caller chose
//! ([`OnConflict`]); a deletion names every id it removes or removes none.

use super::incremental::Change;
use super::insert_sentences;
use crate::error::{ErrorKind, StoreError};
use crate::incoming::Incoming;
use crate::{OnConflict, Put, PutOptions, Result};
use accord_doc::facts::DocFacts;
use rusqlite::{params, Connection, OptionalExtension};
use std::borrow::Cow;

/// What is stored under an id.
pub(crate) struct Stored {
    pub hash: String,
    pub extractor: String,
    pub origin: Option<String>,
    pub ingested_at: Option<String>,
}

fn stored(tx: &Connection, id: &str) -> Result<Option<Stored>> {
    Ok(tx
        .prepare_cached("SELECT content_hash, extractor, origin, ingested_at FROM documents WHERE id = ?1")?
        .query_row([id], |r| Ok(Stored { hash: r.get(0)?, extractor: r.get(1)?, origin: r.get(2)?, ingested_at: r.get(3)? }))
        .optional()?)
}

/// The id a different article takes beside the one stored under `id`
/// ([`OnConflict::KeepBoth`]): from its content, so that ingesting it again
/// finds it there, unchanged, instead of adding a third.
pub fn kept_id(id: &str, content_hash: &str) -> String {
    format!("{id}-{}", &content_hash[..content_hash.len().min(8)])
}

/// Where a document goes and what that is: under its id or, kept beside
/// another article, under [`kept_id`]; or the refusal of a conflict.
/// `stored` reads what an id holds in the caller's transaction (shared by
/// the SQLite and PostgreSQL stores, so that both decide alike).
pub(crate) fn decide(
    doc: &Incoming,
    options: &PutOptions,
    mut stored: impl FnMut(&str) -> Result<Option<Stored>>,
) -> Result<(String, Put)> {
    let same = |s: &Stored| -> Option<Put> {
        // An empty hash was cleared by a migration so that the document is
        // read again (schema.rs, v3): the same article, to re-extract.
        if s.hash != doc.content_hash && !s.hash.is_empty() {
            return None;
        }
        let unchanged = !options.force && s.hash == doc.content_hash && s.extractor == options.extractor;
        Some(if unchanged { Put::Unchanged } else { Put::Reread })
    };
    Ok(match stored(&doc.id)? {
        None => (doc.id.clone(), Put::Added),
        Some(s) => match (same(&s), options.on_conflict) {
            (Some(put), _) => (doc.id.clone(), put),
            (None, OnConflict::Refuse) => return Err(refusal(doc, &s)),
            (None, OnConflict::Replace) => (doc.id.clone(), Put::Replaced),
            (None, OnConflict::KeepBoth) => {
                let other = kept_id(&doc.id, &doc.content_hash);
                match stored(&other)? {
                    None => (other.clone(), Put::KeptAs(other)),
                    Some(o) => match same(&o) {
                        // Kept beside before, by an earlier ingest.
                        Some(put) => (other, put),
                        None => return Err(refusal(doc, &o)),
                    },
                }
            }
        },
    })
}

/// The document and its facts as stored under `id`: under another id than
/// their own, they say so (the merge cites documents by the id in their facts).
pub(crate) fn under_id<'d>(id: &str, doc: &'d Incoming, facts: &'d DocFacts) -> (Cow<'d, Incoming>, Cow<'d, DocFacts>) {
    if id == doc.id {
        (Cow::Borrowed(doc), Cow::Borrowed(facts))
    } else {
        let mut renamed = facts.clone();
        renamed.doc.id = id.to_string();
        (Cow::Owned(Incoming { id: id.to_string(), ..doc.clone() }), Cow::Owned(renamed))
    }
}

/// Store one document and its facts within the caller's transaction.
pub(super) fn put_in(
    tx: &Connection,
    doc: &Incoming,
    facts: &DocFacts,
    options: &PutOptions,
    searchable: &mut Vec<(i64, usize)>,
) -> Result<Put> {
    let (id, put) = decide(doc, options, |id| stored(tx, id))?;
    if put == Put::Unchanged {
        return Ok(put);
    }
    if !matches!(put, Put::Added | Put::KeptAs(_)) {
        crate::copies::forget(tx, &id)?;
        delete_rows(tx, &id)?;
    }
    let (doc, facts) = under_id(&id, doc, facts);
    let h = &facts.doc;
    let print = super::representatives::facts_print(&facts);
    let stored_facts = crate::quotes::stored_json(&facts, &doc.sentences)?;
    // A twin's facts are written once, by the first of its set.
    let holder = super::shared_facts::candidate(tx, &doc.id, &print)?;
    tx.prepare_cached(
        "INSERT INTO documents (id, content_hash, extractor, origin, lang, published, dateline, source, url, title, \
             bytes, ingested_at, facts, facts_print, facts_of) \
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?12, ?13, ?14) \
             ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, extractor = excluded.extractor, \
             origin = excluded.origin, lang = excluded.lang, published = excluded.published, \
             dateline = excluded.dateline, source = excluded.source, url = excluded.url, title = excluded.title, \
             bytes = excluded.bytes, ingested_at = excluded.ingested_at, facts = excluded.facts, \
             facts_print = excluded.facts_print, facts_of = excluded.facts_of",
    )?
    .execute(params![
        doc.id,
        doc.content_hash,
        options.extractor,
        doc.origin,
        h.lang,
        h.published.map(|d| d.to_string()),
        h.dateline,
        h.source,
        h.url,
        h.title,
        doc.bytes as i64,
        if holder.is_some() { super::shared_facts::SHARED } else { &stored_facts },
        print,
        holder
    ])?;
    insert_sentences(tx, &doc, searchable)?;
    finite_values(&facts)?;
    crate::copies::place(tx, &doc.id, doc.signature.as_ref())?;
    if holder.is_some() {
        super::shared_facts::settle(tx, &doc.id, &stored_facts)?;
    }
    let change = if matches!(put, Put::Added | Put::KeptAs(_)) { Change::Added } else { Change::Rewritten };
    super::incremental::pending(tx, &doc.id, change)?;
    bump_generation(tx)?;
    Ok(put)
}

/// A figure's value that is no finite number would be stored as `null`,
/// which the merge could not read back: the document is refused (and what
/// was written of it rolled back with it).
pub(crate) fn finite_values(facts: &DocFacts) -> Result<()> {
    match facts.figures.iter().find(|f| !f.value.is_finite()) {
        Some(f) => Err(StoreError::new(
            ErrorKind::Storage,
            format!("document \"{}\": the {} figure quoted as {:?} has no finite value", facts.doc.id, f.indicator, f.evidence.quote),
        )),
        None => Ok(()),
    }
}

/// The refusal of a different article under a stored id: which id, what
/// holds it, and the three ways on.
fn refusal(doc: &Incoming, stored: &Stored) -> StoreError {
    let from = stored.origin.as_deref().map(|o| format!("read from {o}")).unwrap_or_else(|| "stored".into());
    let when = stored.ingested_at.as_deref().map(|t| format!(" at {t}")).unwrap_or_default();
    StoreError::new(
        ErrorKind::Conflict,
        format!(
            "the id \"{id}\" is taken by a different document ({from}{when}), which was left as it is; \
             to keep both, ingest again with --on-conflict keep-both (this one is stored as \"{kept}\"); \
             to replace the stored one, --on-conflict replace; or give this one an id of its own \
             (--id ID for one file or standard input, the \"id\" field of a JSON line)",
            id = doc.id,
            kept = kept_id(&doc.id, &doc.content_hash),
        ),
    )
}

/// Delete the documents `ids` and every row they own, or, when one of them
/// is not stored, none (a mistyped id must not leave half a deletion). The
/// merged tables follow at the next refresh. Returns how many were deleted.
pub(super) fn delete_in(tx: &Connection, ids: &[&str], db: &str) -> Result<usize> {
    let lister = format!("sqlite3 {db} \"SELECT id, origin FROM documents\"");
    let ids = all_stored(ids, |id| stored(tx, id), db, &lister)?;
    for id in &ids {
        // Asked before the copy leaves its group.
        let change = if super::incremental::twin_of_original(tx, id)? { Change::DeletedTwin } else { Change::Deleted };
        crate::copies::forget(tx, id)?;
        delete_rows(tx, id)?;
        tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        super::incremental::pending(tx, id, change)?;
    }
    if !ids.is_empty() {
        bump_generation(tx)?;
    }
    Ok(ids.len())
}

/// The ids to delete, each once, when every one is stored; otherwise an
/// error naming those that are not, and how `lister` lists the stored ones.
pub(crate) fn all_stored<'i>(
    ids: &[&'i str],
    mut stored: impl FnMut(&str) -> Result<Option<Stored>>,
    db: &str,
    lister: &str,
) -> Result<Vec<&'i str>> {
    let mut ids: Vec<&str> = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut unknown = Vec::new();
    for id in &ids {
        if stored(id)?.is_none() {
            unknown.push(format!("\"{id}\""));
        }
    }
    if !unknown.is_empty() {
        return Err(StoreError::new(
            ErrorKind::UnknownDocument,
            format!("no document {} in {db}, so nothing was deleted; the stored ids are listed by {lister}", unknown.join(", ")),
        ));
    }
    Ok(ids)
}

/// Delete every row a document owns but its row in `documents`.
fn delete_rows(tx: &Connection, id: &str) -> Result<()> {
    // Its twins that read its facts through it take them over first.
    super::shared_facts::hand_over(tx, id)?;
    // The index keeps no text (schema v7): an entry goes by its words, folded again.
    let sentences: Vec<(i64, String)> = tx
        .prepare_cached("SELECT id, text FROM sentences WHERE doc = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut unindex = tx.prepare_cached("INSERT INTO sentence_search (sentence_search, rowid, folded) VALUES ('delete', ?1, ?2)")?;
    for (rowid, text) in sentences {
        unindex.execute(params![rowid, accord_lang::fold_word(&text)])?;
    }
    tx.execute("DELETE FROM sentences WHERE doc = ?1", [id])?;
    // It no longer cites (the view `kb_sources` drops its rows at once).
    tx.execute("DELETE FROM kb_citing WHERE doc = ?1", [id])?;
    Ok(())
}

/// The stored facts changed: the merged tables are out of date.
fn bump_generation(tx: &Connection) -> Result<()> {
    tx.execute("UPDATE kb_state SET value = value + 1 WHERE key = 'facts_generation'", [])?;
    Ok(())
}

#[cfg(test)]
mod tests;
