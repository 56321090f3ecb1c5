//! What changed since the last merge (`kb_pending`), and the refresh that
//! needs no merge: when every change is a new twin of a merged document
//! (its facts word for word those of the original it copies), the merge
//! would cite it wherever it cites the original and change nothing else
//! (`accord_merge::twins`), so it shares the original's sources: a row of
//! `kb_citing`. That costs the new documents, not the database: a report
//! syndicated a thousand times more is a thousand small writes. A deleted
//! twin (not its group's original) only leaves the sources it shared (its
//! row goes with the document). Any other change merges everything again.

use crate::Result;
use accord_doc::facts::DocFacts;
use rusqlite::{params, Connection};
use std::collections::HashSet;

/// A document's change since the last merge, as `kb_pending` records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    /// A new id.
    Added,
    /// Facts written again under a stored id (read again, or replaced).
    Rewritten,
    Deleted,
    /// A copy deleted whose facts were its original's (see [`twin_of_original`]).
    DeletedTwin,
}

impl Change {
    fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Rewritten => "rewritten",
            Change::Deleted => "deleted",
            Change::DeletedTwin => "deleted twin",
        }
    }
}

/// Note a change; a later change of the same document replaces it (added,
/// then deleted, before a merge: deleted). An added document rewritten
/// before the merge stays added: the merge has not seen it either way. A
/// deleted one added again is rewritten: the merge may cite it already.
pub(super) fn pending(tx: &Connection, doc: &str, change: Change) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO kb_pending (doc, change) VALUES (?1, ?2) ON CONFLICT (doc) DO UPDATE SET change = CASE \
         WHEN change = 'added' AND excluded.change = 'rewritten' THEN 'added' \
         WHEN change LIKE 'deleted%' AND excluded.change = 'added' THEN 'rewritten' ELSE excluded.change END",
    )?
    .execute(params![doc, change.as_str()])?;
    Ok(())
}

/// Forget the pending changes: the merged tables now hold them.
pub(super) fn clear(tx: &Connection) -> Result<()> {
    tx.execute("DELETE FROM kb_pending", [])?;
    Ok(())
}

/// The documents changed since the last merge when they are few enough to
/// write the merged sources by what changed (`sources::write_changes`):
/// no whole-database change pending (a migration's `('', 'all')`), the
/// sources summed up in `kb_digests`, and fewer changes than a quarter of
/// the documents (else writing every source again, in order, is faster).
pub(super) fn changed_few(tx: &Connection) -> Result<Option<Vec<String>>> {
    let changes: Vec<String> =
        tx.prepare("SELECT doc FROM kb_pending ORDER BY doc")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let documents: i64 = tx.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
    let digested: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM kb_digests)", [], |r| r.get(0))?;
    let few = digested && !changes.iter().any(String::is_empty) && (changes.len() as i64) * 4 < documents;
    Ok(few.then_some(changes))
}

/// A stored document's facts and the original it copies, if any.
fn facts_and_original(tx: &Connection, id: &str) -> Result<Option<(DocFacts, Option<String>)>> {
    let Some(facts) = super::shared_facts::facts(tx, id)? else { return Ok(None) };
    let copy_of: Option<String> = tx.prepare_cached("SELECT copy_of FROM documents WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    Ok(Some((facts, copy_of)))
}

/// The original a stored document copies when its facts are word for word
/// the original's (a twin): cited beside the original, it votes on
/// nothing, so adding or deleting it adds or takes away its sources and
/// nothing else.
fn original_of_twin(tx: &Connection, id: &str) -> Result<Option<String>> {
    let Some((copy, Some(original))) = facts_and_original(tx, id)? else {
        return Ok(None);
    };
    let same = facts_and_original(tx, &original)?.is_some_and(|(facts, _)| accord_merge::twins(&copy, &facts));
    Ok(same.then_some(original))
}

/// Whether a stored document is a twin of the original it copies (asked
/// before it is deleted).
pub(super) fn twin_of_original(tx: &Connection, id: &str) -> Result<bool> {
    Ok(original_of_twin(tx, id)?.is_some())
}

/// A new twin and the merged original whose sources it takes.
struct Twin {
    doc: String,
    original: String,
}

/// The twins to cite (those deleted need nothing more).
struct Twins {
    added: Vec<Twin>,
}

/// When every pending change is a new twin of a merged document or a
/// deleted twin, cite each new one beside its original (a row of
/// `kb_citing`: the view `kb_sources` gives it the original's sources; a
/// deleted one's row went with it), and return how many were cited;
/// `None` (nothing written) when some change needs a merge.
pub(super) fn add_twins(tx: &Connection) -> Result<Option<usize>> {
    let Some(twins) = pending_twins(tx)? else {
        return Ok(None);
    };
    let mut cite = tx.prepare_cached("INSERT OR REPLACE INTO kb_citing (doc, representative) VALUES (?1, ?2)")?;
    for twin in &twins.added {
        cite.execute(params![twin.doc, twin.original])?;
    }
    Ok(Some(twins.added.len()))
}

/// The pending changes as twins, or `None` when one of them is something
/// else: a deletion of another document, a rewrite, a new document that
/// copies nothing or whose facts differ from its original's, or an
/// original itself pending.
fn pending_twins(tx: &Connection) -> Result<Option<Twins>> {
    let changes: Vec<(String, String)> = tx
        .prepare("SELECT doc, change FROM kb_pending ORDER BY doc")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let pending: HashSet<&str> = changes.iter().map(|(doc, _)| doc.as_str()).collect();
    let mut twins = Twins { added: Vec::new() };
    for (doc, change) in &changes {
        if change == Change::DeletedTwin.as_str() {
            continue;
        }
        if change != Change::Added.as_str() {
            return Ok(None);
        }
        let Some(original) = original_of_twin(tx, doc)? else {
            return Ok(None);
        };
        // The original sorts first (copies.rs), so the twins' representative
        // in the merge is not the newcomer.
        if pending.contains(original.as_str()) || original.as_str() > doc.as_str() {
            return Ok(None);
        }
        twins.added.push(Twin { doc: doc.clone(), original });
    }
    Ok((!changes.is_empty()).then_some(twins))
}

#[cfg(test)]
mod tests;
