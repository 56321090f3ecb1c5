//! The documents a merge reads: of each set of twins (copies of one
//! original whose header and facts are word for word the same, all but the
//! id: `accord_merge::twins`), only the one whose id sorts first, its
//! representative. The others are known from two columns of their rows
//! (`copy_of`, and `facts_print`, a hash of what makes twins equal), so a
//! merge of a database that holds a report syndicated a thousand times
//! reads its facts once, not a thousand times; and the merged sources are
//! stored for the representatives alone (`kb_citations`), each twin
//! citing its representative's (`kb_citing`).

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

/// The representatives' facts, the original of each representative that
/// is a copy, every document with the representative whose sources it
/// shares (by id: `kb_citing`), and how many documents there are in all.
pub(crate) struct Representatives {
    pub distinct: Vec<DocFacts>,
    pub originals: HashMap<String, String>,
    pub citing: Citing,
    pub documents: usize,
}

/// Each document (by id) and its representative.
type Citing = Vec<(String, String)>;

/// Every document by id with its representative, as
/// `accord_merge::merge_copies` collapses twins: the first of each
/// (original, print), a document without a print its own; and the original
/// of each representative that is a copy. Read without the facts, a row at
/// a time.
fn assign(conn: &Connection) -> Result<(Citing, HashMap<String, String>)> {
    let mut stmt = conn.prepare("SELECT id, copy_of, facts_print FROM documents INDEXED BY documents_twins ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut first: HashMap<(String, String), String> = HashMap::new();
    let (mut citing, mut originals) = (Vec::new(), HashMap::new());
    while let Some(row) = rows.next()? {
        let (id, copy_of, print): (String, Option<String>, String) =
            (row.get(0)?, row.get(1)?, row.get::<_, Option<String>>(2)?.unwrap_or_default());
        let key = (copy_of.clone().unwrap_or_else(|| id.clone()), print);
        let rep = match first.get(&key) {
            Some(rep) if !key.1.is_empty() => rep.clone(),
            _ => {
                first.insert(key, id.clone());
                if let Some(original) = copy_of {
                    originals.insert(id.clone(), original);
                }
                id.clone()
            }
        };
        citing.push((id, rep));
    }
    Ok((citing, originals))
}

/// Read the representatives; first give a print to the documents stored
/// without one (by an accord before schema v9).
pub(crate) fn load(conn: &mut Connection) -> Result<Representatives> {
    fill_prints(conn)?;
    let (citing, originals) = assign(conn)?;
    let mut distinct = Vec::new();
    for (id, _) in citing.iter().filter(|(id, rep)| id == rep) {
        distinct.extend(super::shared_facts::facts(conn, id)?);
    }
    Ok(Representatives { distinct, originals, documents: citing.len(), citing })
}

/// Schema v10: `kb_citing` for every stored document; the old `kb_sources`
/// table becomes `kb_citations`, without `copy_of` and keeping the rows of
/// the representatives (a twin's were copies of them); then `kb_sources`
/// is the view over both.
pub(crate) fn split_sources(conn: &Connection) -> Result<()> {
    let mut insert = conn.prepare("INSERT INTO kb_citing (doc, representative) VALUES (?1, ?2)")?;
    for (doc, rep) in assign(conn)?.0 {
        insert.execute(params![doc, rep])?;
    }
    conn.execute_batch(&format!(
        "DROP INDEX kb_sources_doc;
         ALTER TABLE kb_sources RENAME TO kb_citations;
         ALTER TABLE kb_citations DROP COLUMN copy_of;
         DELETE FROM kb_citations WHERE NOT EXISTS \
           (SELECT 1 FROM kb_citing m WHERE m.doc = kb_citations.doc AND m.representative = kb_citations.doc);
         CREATE INDEX kb_citations_doc ON kb_citations(doc);
         {}",
        crate::schema::KB_SOURCES_VIEW
    ))?;
    Ok(())
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
        let mut write = tx.prepare("UPDATE documents SET facts_print = ?2 WHERE id = ?1")?;
        for id in ids {
            if let Some(facts) = super::shared_facts::facts(&tx, &id)? {
                write.execute(params![id, facts_print(&facts)])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}
