//! [`KnowledgeStore`] on an SQLite file: WAL journal, one transaction per
//! document, the merged tables recomputed in one transaction. Writing and
//! deleting documents is in `put`.

use crate::error::{ErrorKind, StoreError};
use crate::incoming::Incoming;
use crate::query::{self, Query, Table};
use crate::schema;
use crate::{KnowledgeStore, MergeSummary, Put, PutOptions, Result};
use accord_doc::facts::DocFacts;
use accord_merge::{CandidateLink, Conflict, ConflictValue, KnowledgeBase, Merged, Source};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct SqliteStore {
    pub(crate) conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// Open the database at `path` for ingest, creating it if needed, and
    /// bring its schema up to date.
    pub fn create(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path).map_err(|e| at(path, e.into()))?;
        Self::setup(conn, path)
    }

    /// Open an existing database (for queries and exports): a missing file is
    /// an error, not a new empty database.
    pub fn open_existing(path: &Path) -> Result<SqliteStore> {
        if !path.is_file() {
            return Err(StoreError::new(
                ErrorKind::Missing,
                format!(
                    "no database at {}: run `accord ingest PATH --db {}` first (or give --db / ACCORD_DB)",
                    path.display(),
                    path.display()
                ),
            ));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| at(path, e.into()))?;
        Self::setup(conn, path)
    }

    /// An in-memory store, for tests.
    pub fn in_memory() -> Result<SqliteStore> {
        Self::setup(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<SqliteStore> {
        let init = |conn: &mut Connection| -> Result<()> {
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            // Reading the version first is what notices a file that is not a
            // database at all.
            let version = schema::version(conn)?;
            if version > schema::LATEST_VERSION {
                return Err(schema::newer(version));
            }
            if version == 0 && has_tables(conn)? {
                return Err(StoreError::new(
                    ErrorKind::NotADatabase,
                    "the file is an SQLite database, but not one of accord's (it has tables and no accord schema version)",
                ));
            }
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            // A batch of documents is one transaction: a page cache large
            // enough to hold it spares spilling pages to the log mid-way,
            // and savepoint journals stay in memory.
            conn.pragma_update(None, "cache_size", -65_536)?;
            conn.pragma_update(None, "temp_store", "MEMORY")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            schema::migrate(conn)?;
            let tx = conn.transaction()?;
            schema::refold_search_index(&tx)?;
            tx.commit()?;
            Ok(())
        };
        init(&mut conn).map_err(|e| at(path, e))?;
        Ok(SqliteStore { conn, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        schema::version(&self.conn)
    }

    /// `PRAGMA integrity_check`: "ok" or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(lines.join("\n"))
    }

    /// Fold the write-ahead log into the database file (after a large ingest,
    /// so the file alone is the whole database).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// The parties most records belong to, most first (to pick a pair to
    /// show or to measure).
    pub fn top_parties(&self, n: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT party FROM kb_parties GROUP BY party ORDER BY count(*) DESC, party LIMIT ?1")?;
        let rows = stmt.query_map([n as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id of the merged record with the most sources, of any kind.
    pub fn most_cited_record(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT record FROM kb_sources GROUP BY kind, record ORDER BY count(*) DESC, record LIMIT 1", [], |r| r.get(0))
            .optional()?)
    }

    fn state(&self, key: &str) -> Result<i64> {
        Ok(self.conn.query_row("SELECT value FROM kb_state WHERE key = ?1", [key], |r| r.get(0)).optional()?.unwrap_or(0))
    }

    /// Write a merged knowledge base into the kb tables, replacing what they
    /// held, in one transaction, and `citing` (every document and its
    /// representative) into `kb_citing`. When few documents changed since
    /// the last merge, the sources of records are written only where they
    /// changed (see `sources`); else all are written again, in key order,
    /// and the index by document is built after them: many rows for a
    /// large corpus, appended rather than scattered.
    pub(crate) fn write_merged(&mut self, kb: &KnowledgeBase, citing: &[(String, String)], generation: i64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = incremental::changed_few(&tx)?;
        let mut old = std::collections::HashSet::new();
        if changed.is_some() {
            for kind in ["entities", "events", "agreements", "figures", "commitments"] {
                let mut stmt = tx.prepare(&format!("SELECT id FROM kb_{kind}"))?;
                for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
                    old.insert((kind.to_string(), id?));
                }
            }
        }
        let mut tables = vec!["kb_entities", "kb_events", "kb_agreements", "kb_figures", "kb_commitments"];
        tables.extend(["kb_parties", "kb_entity_names", "kb_conflicts", "kb_links"]);
        if changed.is_none() {
            tables.push("kb_citations");
        }
        for table in tables {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        let pending = merged::write_records(&tx, kb)?;
        let written = match &changed {
            Some(docs) => sources::write_changes(&tx, &pending, &old, docs)?,
            None => false,
        };
        if !written {
            if changed.is_some() {
                tx.execute("DELETE FROM kb_citations", [])?;
            }
            tx.execute("DROP INDEX IF EXISTS kb_citations_doc", [])?;
            sources::write_all(&tx, pending)?;
            tx.execute("CREATE INDEX kb_citations_doc ON kb_citations(doc)", [])?;
        }
        sources::sync_citing(&tx, citing)?;
        tx.execute("UPDATE kb_state SET value = ?1 WHERE key = 'merged_generation'", [generation])?;
        incremental::clear(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// The refresh without a merge, when every change since the last one
    /// is a new twin of a merged document (see `incremental`): whether it
    /// applied.
    fn refresh_twins(&mut self, generation: i64) -> Result<bool> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if incremental::add_twins(&tx)?.is_none() {
            return Ok(false);
        }
        tx.execute("UPDATE kb_state SET value = ?1 WHERE key = 'merged_generation'", [generation])?;
        incremental::clear(&tx)?;
        tx.commit()?;
        Ok(true)
    }

    fn merged_counts(&self) -> Result<MergeSummary> {
        let count = |table: &str| -> Result<usize> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0))? as usize)
        };
        MergeSummary::counted(count)
    }

    fn load_merged<T: DeserializeOwned>(&self, kind: &str, sources: &mut HashMap<(String, String), Vec<Source>>) -> Result<Vec<Merged<T>>> {
        let mut stmt = self.conn.prepare(&format!("SELECT id, record FROM kb_{kind} ORDER BY seq"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let record: String = row.get(1)?;
            let mut sources = sources.remove(&(kind.to_string(), id.clone())).unwrap_or_default();
            // In the merge's order (by document): a twin added without a
            // merge follows the record's earlier sources in `seq`.
            sources.sort();
            out.push(Merged { id, record: serde_json::from_str(&record)?, sources });
        }
        Ok(out)
    }
}

fn at(path: &Path, e: StoreError) -> StoreError {
    StoreError::new(e.kind, format!("{}: {}", path.display(), e.message))
}

fn has_tables(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')", [], |r| r.get(0))?)
}

fn json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    Ok(serde_json::to_string(value)?)
}

/// Prepared inserts for the kb tables.
/// Index the sentences of a document (`(rowid, seq)` pairs from
/// `insert_sentences`) for full-text search.
fn index_sentences(tx: &Connection, doc: &Incoming, searchable: &[(i64, usize)]) -> Result<()> {
    let mut search = tx.prepare_cached("INSERT INTO sentence_search (rowid, folded) VALUES (?1, ?2)")?;
    for &(rowid, seq) in searchable {
        search.execute(params![rowid, doc.sentences[seq].folded])?;
    }
    Ok(())
}

/// Insert a document's sentences (its facts are the `facts` column of its
/// row, which the `doc_*` views read); the sentences to index for
/// search are pushed to `searchable` (indexed by the caller: FTS5 flushes
/// its pending index at every savepoint, so a batch indexes after them).
fn insert_sentences(tx: &Connection, doc: &Incoming, searchable: &mut Vec<(i64, usize)>) -> Result<()> {
    let mut sentence = tx.prepare_cached("INSERT INTO sentences (doc, seq, byte_start, byte_end, text) VALUES (?1,?2,?3,?4,?5)")?;
    for (seq, s) in doc.sentences.iter().enumerate() {
        sentence.execute(params![doc.id, seq as i64, s.start as i64, s.end as i64, s.text])?;
        searchable.push((tx.last_insert_rowid(), seq));
    }
    Ok(())
}

impl KnowledgeStore for SqliteStore {
    fn known(&self, ids: &[&str]) -> Result<HashMap<String, (String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT content_hash, extractor FROM documents WHERE id = ?1")?;
        let mut out = HashMap::new();
        for id in ids {
            if let Some(v) = stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()? {
                out.insert(id.to_string(), v);
            }
        }
        Ok(out)
    }

    fn put_document(&mut self, doc: &Incoming, facts: &DocFacts, options: &PutOptions) -> Result<Put> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut searchable = Vec::new();
        let put = put::put_in(&tx, doc, facts, options, &mut searchable)?;
        index_sentences(&tx, doc, &searchable)?;
        tx.commit()?;
        Ok(put)
    }

    /// One transaction for the batch (a commit, a WAL append and a full-text
    /// flush per document would cost more than storing it), one savepoint
    /// per document: a document that fails is rolled back alone, and a
    /// process killed mid-batch leaves the batch unwritten, never half.
    fn put_documents(&mut self, batch: &[(Incoming, DocFacts)], options: &PutOptions) -> Result<Vec<Result<Put>>> {
        let mut tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut puts = Vec::with_capacity(batch.len());
        let mut searchable = Vec::with_capacity(batch.len());
        for (doc, facts) in batch {
            let savepoint = tx.savepoint()?;
            let mut rows = Vec::new();
            let put = put::put_in(&savepoint, doc, facts, options, &mut rows);
            if put.is_ok() {
                savepoint.commit()?;
                searchable.push((doc, rows));
            }
            puts.push(put);
        }
        for (doc, rows) in searchable {
            index_sentences(&tx, doc, &rows)?;
        }
        tx.commit()?;
        Ok(puts)
    }

    fn delete_documents(&mut self, ids: &[&str]) -> Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let deleted = put::delete_in(&tx, ids, &self.path.display().to_string())?;
        tx.commit()?;
        Ok(deleted)
    }

    fn refresh_merged(&mut self, force: bool) -> Result<MergeSummary> {
        let generation = self.state("facts_generation")?;
        if !force && generation == self.state("merged_generation")? {
            return self.merged_counts();
        }
        if !force && self.refresh_twins(generation)? {
            return Ok(MergeSummary { recomputed: true, ..self.merged_counts()? });
        }
        let docs = representatives::load(&mut self.conn)?;
        let mut kb = accord_merge::merge_representatives(&docs.distinct);
        drop(docs.distinct);
        kb.mark_copies(&docs.originals);
        self.write_merged(&kb, &docs.citing, generation)?;
        Ok(MergeSummary::recomputed(&kb, docs.documents))
    }

    fn query(&self, q: &Query) -> Result<Table> {
        let any: bool = self.conn.query_row("SELECT EXISTS (SELECT 1 FROM documents)", [], |r| r.get(0))?;
        if !any {
            return Err(StoreError::new(
                ErrorKind::Empty,
                format!(
                    "the database {} holds no documents yet: run `accord ingest PATH --db {}` first",
                    self.path.display(),
                    self.path.display()
                ),
            ));
        }
        query::run(&mut query::Lite(&self.conn), q)
    }

    fn knowledge_base(&self) -> Result<KnowledgeBase> {
        let mut sources: HashMap<(String, String), Vec<Source>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT kind, record, doc, byte_start, byte_end, quote, copy_of FROM kb_sources ORDER BY kind, record, seq")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let key = (r.get::<_, String>(0)?, r.get::<_, String>(1)?);
                let start: i64 = r.get(3)?;
                let end: i64 = r.get(4)?;
                sources.entry(key).or_default().push(Source {
                    doc: r.get(2)?,
                    start: start.max(0) as usize,
                    end: end.max(0) as usize,
                    quote: r.get(5)?,
                    copy_of: r.get(6)?,
                });
            }
        }
        let mut conflicts = Vec::new();
        {
            let mut stmt = self.conn.prepare("SELECT kind, record, field, conflict_values FROM kb_conflicts ORDER BY seq")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let values: String = r.get(3)?;
                let values: Vec<ConflictValue> = serde_json::from_str(&values)?;
                conflicts.push(Conflict { kind: r.get(0)?, record: r.get(1)?, field: r.get(2)?, values });
            }
        }
        let mut links = Vec::new();
        {
            let mut stmt = self.conn.prepare("SELECT kind, record, candidate, reason FROM kb_links ORDER BY kind, record, candidate")?;
            let rows =
                stmt.query_map([], |r| Ok(CandidateLink { kind: r.get(0)?, record: r.get(1)?, candidate: r.get(2)?, reason: r.get(3)? }))?;
            for link in rows {
                links.push(link?);
            }
        }
        Ok(KnowledgeBase {
            entities: self.load_merged("entities", &mut sources)?,
            events: self.load_merged("events", &mut sources)?,
            agreements: self.load_merged("agreements", &mut sources)?,
            figures: self.load_merged("figures", &mut sources)?,
            commitments: self.load_merged("commitments", &mut sources)?,
            conflicts,
            links,
        })
    }

    fn published_dates(&self) -> Result<HashMap<String, Option<String>>> {
        let mut stmt = self.conn.prepare("SELECT id, published FROM documents")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn document_count(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))? as u64)
    }

    fn table_counts(&self) -> Result<Vec<(String, u64)>> {
        let names: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_master WHERE ((type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%') \
                 OR (type = 'view' AND (name LIKE 'doc\\_%' ESCAPE '\\' OR name = 'kb_sources'))) AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        names
            .into_iter()
            .map(|n| {
                let c: i64 = self.conn.query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0))?;
                Ok((n, c as u64))
            })
            .collect()
    }
}

mod incremental;
mod merged;
pub(crate) mod put;
mod representatives;
pub(crate) mod shared_facts;
mod sources;
pub use put::kept_id;
pub(crate) use representatives::split_sources;
#[cfg(test)]
mod tests;
