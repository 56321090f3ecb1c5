//! The documents a merge reads: of each set of twins (copies of one
//! original whose header and facts are word for word the same, all but the
//! id: `accord_merge::twins`), only the one whose id sorts first, its
//! representative. The others are known from two columns of their rows
//! (`copy_of`, and `facts_print`, a hash of what makes twins equal), so a
//! merge of a database that holds a report syndicated a thousand times
//! reads its facts once, not a thousand times.

use crate::Result;
use accord_doc::facts::DocFacts;
use rusqlite::{params, Connection, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What twins share, hashed: the header but the id, and every fact (the
/// parts `accord_merge::twins` compares), as 32 hex digits of SHA-256.
pub(crate) fn facts_print(facts: &DocFacts) -> String {
    let h = &facts.doc;
    let parts = (&h.lang, &h.published, &h.dateline, &h.source, &h.url, &h.title);
    let text = serde_json::to_vec(&(parts, &facts.entities, &facts.events, &facts.agreements, &facts.figures, &facts.commitments))
        .unwrap_or_default();
    let digest = Sha256::digest(&text);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The representatives' facts, each representative's twins (in id order),
/// each copy's original, and how many documents there are in all.
pub(crate) struct Representatives {
    pub distinct: Vec<DocFacts>,
    pub twins_of: HashMap<String, Vec<String>>,
    pub originals: HashMap<String, String>,
    pub documents: usize,
}

/// Read the representatives; first give a print to the documents stored
/// without one (by an accord before schema v9).
pub(crate) fn load(conn: &mut Connection) -> Result<Representatives> {
    fill_prints(conn)?;
    let rows: Vec<(String, Option<String>, String)> = conn
        .prepare("SELECT id, copy_of, facts_print FROM documents INDEXED BY documents_twins ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<String>>(2)?.unwrap_or_default())))?
        .collect::<rusqlite::Result<_>>()?;
    let documents = rows.len();
    // As `accord_merge::merge_copies` collapses them: in id order, the
    // first of each (original, print) is the representative.
    let mut first: HashMap<(&str, &str), &str> = HashMap::new();
    let mut reps: Vec<&str> = Vec::new();
    let mut twins_of: HashMap<String, Vec<String>> = HashMap::new();
    let mut originals = HashMap::new();
    for (id, copy_of, print) in &rows {
        if let Some(original) = copy_of {
            originals.insert(id.clone(), original.clone());
        }
        let original = copy_of.as_deref().unwrap_or(id);
        match first.get(&(original, print.as_str())) {
            Some(rep) if !print.is_empty() => twins_of.entry(rep.to_string()).or_default().push(id.clone()),
            _ => {
                first.insert((original, print.as_str()), id);
                reps.push(id);
            }
        }
    }
    let mut read = conn.prepare("SELECT facts FROM documents WHERE id = ?1")?;
    let mut distinct = Vec::with_capacity(reps.len());
    for id in reps {
        let text: String = read.query_row([id], |r| r.get(0))?;
        distinct.push(serde_json::from_str(&text)?);
    }
    Ok(Representatives { distinct, twins_of, originals, documents })
}

/// Compute the missing prints, in one transaction.
fn fill_prints(conn: &mut Connection) -> Result<()> {
    let missing: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM documents WHERE facts_print IS NULL)", [], |r| r.get(0))?;
    if !missing {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        let ids: Vec<String> = tx
            .prepare("SELECT id FROM documents WHERE facts_print IS NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut read = tx.prepare("SELECT facts FROM documents WHERE id = ?1")?;
        let mut write = tx.prepare("UPDATE documents SET facts_print = ?2 WHERE id = ?1")?;
        for id in ids {
            let text: String = read.query_row([&id], |r| r.get(0))?;
            let facts: DocFacts = serde_json::from_str(&text)?;
            write.execute(params![id, facts_print(&facts)])?;
        }
    }
    tx.commit()?;
    Ok(())
}
