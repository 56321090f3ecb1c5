//! Twins' facts stored once (schema v12). A twin (a copy whose header and
//! facts are word for word its group's other copy's, all but the id: the
//! same `facts_print` in the same copy group) stored after another keeps
//! no facts of its own: `documents.facts_of` names the document that holds
//! them (its holder) and its `facts` is [`SHARED`], an empty object. Whoever reads a document's
//! facts reads them through [`facts`]; the `doc_*` views join the holder.
//! When a holder is deleted or replaced, the first of its twins by id
//! takes the facts over ([`hand_over`]).

use crate::quotes;
use crate::Result;
use accord_doc::facts::DocFacts;
use rusqlite::{params, Connection, OptionalExtension};

/// The `facts` of a document whose facts another holds: valid JSON, so
/// that SQL reading `documents.facts` never fails on it.
pub(crate) const SHARED: &str = "{}";

/// A stored document's facts (under its own id), read through its holder,
/// quotes read back from the holder's sentences; `None` when not stored.
pub(crate) fn facts(conn: &Connection, id: &str) -> Result<Option<DocFacts>> {
    let holder: Option<String> =
        conn.prepare_cached("SELECT coalesce(facts_of, id) FROM documents WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?;
    let Some(holder) = holder else { return Ok(None) };
    let text: String = conn.prepare_cached("SELECT facts FROM documents WHERE id = ?1")?.query_row([&holder], |r| r.get(0))?;
    let mut facts = quotes::read_stored(conn, &holder, &text)?;
    facts.doc.id = id.to_string();
    Ok(Some(facts))
}

/// A document that holds the facts whose print is `print` (before the
/// document `id` is written: it is then written without facts, naming it).
pub(super) fn candidate(tx: &Connection, id: &str, print: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT id FROM documents WHERE facts_print = ?1 AND facts_of IS NULL AND id <> ?2 ORDER BY id LIMIT 1")?
        .query_row(params![print, id], |r| r.get(0))
        .optional()?)
}

/// Once a document written without facts is placed in its copy group:
/// its holder must be a twin, of the same group; else another holder of
/// the group, or its own facts (`stored`) are written after all.
pub(super) fn settle(tx: &Connection, id: &str, stored: &str) -> Result<()> {
    let holder: Option<String> = tx
        .prepare_cached(
            "SELECT h.id FROM documents d JOIN documents h ON h.facts_print = d.facts_print AND h.facts_of IS NULL AND h.id <> d.id \
             WHERE d.id = ?1 AND coalesce(h.copy_of, h.id) = coalesce(d.copy_of, d.id) ORDER BY h.id LIMIT 1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match holder {
        Some(holder) => {
            tx.prepare_cached("UPDATE documents SET facts_of = ?2 WHERE id = ?1 AND facts_of <> ?2")?.execute(params![id, holder])?
        }
        None => tx.prepare_cached("UPDATE documents SET facts = ?2, facts_of = NULL WHERE id = ?1")?.execute(params![id, stored])?,
    };
    Ok(())
}

/// Before a document's facts go (deleted, or replaced): the first twin
/// that reads them through it takes them over, and the others read them
/// through that one.
pub(super) fn hand_over(tx: &Connection, id: &str) -> Result<()> {
    let heir: Option<String> =
        tx.prepare_cached("SELECT id FROM documents WHERE facts_of = ?1 ORDER BY id LIMIT 1")?.query_row([id], |r| r.get(0)).optional()?;
    let Some(heir) = heir else { return Ok(()) };
    let Some(facts) = facts(tx, &heir)? else { return Ok(()) };
    // Its quotes left out where its own sentences hold them.
    let stored = quotes::stored_json(&facts, &quotes::sentences_of(tx, &heir)?)?;
    tx.prepare_cached("UPDATE documents SET facts = ?2, facts_of = NULL WHERE id = ?1")?.execute(params![heir, stored])?;
    tx.prepare_cached("UPDATE documents SET facts_of = ?2 WHERE facts_of = ?1")?.execute(params![id, heir])?;
    Ok(())
}
