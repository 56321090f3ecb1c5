//! [`KnowledgeStore`] on PostgreSQL, for a knowledge base that outgrows one
//! file: several ingest processes writing at once, many readers. The same
//! tables with the same names as the SQLite store (`schema.rs`); what to do
//! with a document, the merge and the exports are the same code, only the
//! SQL is PostgreSQL's.
//!
//! Concurrency: each document is one transaction, under an advisory lock
//! that every write takes (`write::WRITE_LOCK`), so writers in any number of
//! processes store documents one at a time and each sees the others'; the
//! content hash makes a document stored twice the same as stored once. The
//! merge takes the same lock, reads every document's facts and rewrites the
//! merged tables in one transaction: readers see the old merge or the new,
//! never half, and the last merge after the last write is the merge of all.

mod copy_in;
mod merged;
pub(crate) mod query;
mod schema;
mod write;

pub use schema::PG_LATEST_VERSION;

use crate::error::{ErrorKind, StoreError};
use crate::incoming::Incoming;
use crate::query::{Query, Table};
use crate::{KnowledgeStore, MergeSummary, Put, PutOptions, Result};
use accord_doc::facts::DocFacts;
use accord_merge::{CandidateLink, Conflict, ConflictValue, KnowledgeBase, Merged, Source};
use postgres::{Client, NoTls};
use serde::de::DeserializeOwned;
use std::cell::{RefCell, RefMut};
use std::collections::HashMap;

pub struct PgStore {
    /// In a cell: the client needs `&mut` for every statement, the trait's
    /// reads give `&self`.
    client: RefCell<Client>,
    /// The address as given, without its password (for messages).
    shown: String,
}

/// Whether `db` names a PostgreSQL database rather than an SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        StoreError::new(ErrorKind::Storage, format!("PostgreSQL error: {}", describe(&e)))
    }
}

/// What went wrong, in the server's words or the system's ("connection
/// refused"), not only the client's kind of error.
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

impl PgStore {
    /// Connect to the database at `url` (`postgres://user@host:port/db`),
    /// creating the schema or bringing it up to date.
    pub fn connect(url: &str) -> Result<PgStore> {
        let (mut client, shown) = open_client(url)?;
        schema::migrate(&mut client).map_err(|e| StoreError::new(e.kind, format!("{shown}: {}", e.message)))?;
        Ok(PgStore { client: RefCell::new(client), shown })
    }

    /// The address, without its password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i32> {
        schema::version(&mut self.db())
    }

    fn state(&self, key: &str) -> Result<i64> {
        Ok(self.db().query_opt("SELECT value FROM kb_state WHERE key = $1", &[&key])?.map_or(0, |r| r.get(0)))
    }

    fn merged_counts(&self) -> Result<MergeSummary> {
        let count = |table: &str| -> Result<usize> {
            Ok(self.db().query_one(&format!("SELECT count(*) FROM {table}"), &[])?.get::<_, i64>(0) as usize)
        };
        MergeSummary::counted(count)
    }

    /// The parties most records belong to, most first.
    pub fn top_parties(&self, n: usize) -> Result<Vec<String>> {
        let rows = self.db().query("SELECT party FROM kb_parties GROUP BY party ORDER BY count(*) DESC, party LIMIT $1", &[&(n as i64)])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// The id of the merged record with the most sources, of any kind.
    pub fn most_cited_record(&self) -> Result<Option<String>> {
        let sql = "SELECT record FROM kb_sources GROUP BY kind, record ORDER BY count(*) DESC, record LIMIT 1";
        Ok(self.db().query_opt(sql, &[])?.map(|r| r.get(0)))
    }

    fn db(&self) -> RefMut<'_, Client> {
        self.client.borrow_mut()
    }

    /// The client, for reads of the crate's own (`transfer`).
    pub(crate) fn client(&self) -> RefMut<'_, Client> {
        self.db()
    }

    fn load_merged<T: DeserializeOwned>(&self, kind: &str, sources: &mut HashMap<(String, String), Vec<Source>>) -> Result<Vec<Merged<T>>> {
        let rows = self.db().query(&format!("SELECT id, record FROM kb_{kind} ORDER BY seq"), &[])?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let id: String = row.get(0);
            let record: &str = row.get(1);
            let sources = sources.remove(&(kind.to_string(), id.clone())).unwrap_or_default();
            out.push(Merged { id, record: serde_json::from_str(record)?, sources });
        }
        Ok(out)
    }
}

/// A client connected to `url`, and the address without its password; an
/// error that says what to check when the server cannot be reached.
pub(crate) fn open_client(url: &str) -> Result<(Client, String)> {
    let shown = without_password(url);
    let client = Client::connect(url, NoTls).map_err(|e| {
        StoreError::new(
            ErrorKind::Missing,
            format!(
                "cannot connect to {shown}: {} — is the server running, and does the database exist \
                 (createdb NAME)? give another with --db or ACCORD_DB",
                describe(&e)
            ),
        )
    })?;
    Ok((client, shown))
}

/// `url` with the password replaced by `***`.
pub(crate) fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let Some((credentials, host)) = rest.split_once('@') else { return url.to_string() };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

impl KnowledgeStore for PgStore {
    fn known(&self, ids: &[&str]) -> Result<HashMap<String, (String, String)>> {
        let rows = self.db().query("SELECT id, content_hash, extractor FROM documents WHERE id = ANY($1)", &[&ids])?;
        Ok(rows.iter().map(|r| (r.get(0), (r.get(1), r.get(2)))).collect())
    }

    fn put_document(&mut self, doc: &Incoming, facts: &DocFacts, options: &PutOptions) -> Result<Put> {
        let mut client = self.db();
        let mut tx = client.transaction()?;
        write::lock(&mut tx)?;
        let put = write::put_in(&mut tx, doc, facts, options)?;
        tx.commit()?;
        Ok(put)
    }

    fn delete_documents(&mut self, ids: &[&str]) -> Result<usize> {
        let shown = self.shown.clone();
        let mut client = self.db();
        let mut tx = client.transaction()?;
        write::lock(&mut tx)?;
        let deleted = write::delete_in(&mut tx, ids, &shown)?;
        tx.commit()?;
        Ok(deleted)
    }

    /// Under the write lock: no document is written while the facts are
    /// read and the merge written, and a merge another process finished
    /// meanwhile is not done again.
    fn refresh_merged(&mut self, force: bool) -> Result<MergeSummary> {
        if !force && self.state("facts_generation")? == self.state("merged_generation")? {
            return self.merged_counts();
        }
        let mut client = self.db();
        let mut tx = client.transaction()?;
        write::lock(&mut tx)?;
        let generation: i64 = tx.query_one("SELECT value FROM kb_state WHERE key = 'facts_generation'", &[])?.get(0);
        let merged: i64 = tx.query_one("SELECT value FROM kb_state WHERE key = 'merged_generation'", &[])?.get(0);
        if !force && generation == merged {
            drop(tx);
            drop(client);
            return self.merged_counts();
        }
        let mut docs = Vec::new();
        for row in tx.query("SELECT facts FROM documents ORDER BY id", &[])? {
            docs.push(serde_json::from_str::<DocFacts>(row.get(0))?);
        }
        let originals: HashMap<String, String> =
            tx.query("SELECT id, copy_of FROM documents WHERE copy_of IS NOT NULL", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect();
        // The same merge as the SQLite store's: twins (word-for-word copies)
        // read once, cited beside their original.
        let mut kb = accord_merge::merge_copies(&docs, &originals);
        kb.mark_copies(&originals);
        // DELETE, not TRUNCATE: readers keep reading the old merge until
        // this one commits (TRUNCATE would lock them out).
        for table in merged::kb_tables() {
            tx.execute(&format!("DELETE FROM {table}"), &[])?;
        }
        merged::write_records(&mut tx, &kb)?;
        tx.execute("UPDATE kb_state SET value = $1 WHERE key = 'merged_generation'", &[&generation])?;
        tx.commit()?;
        Ok(MergeSummary::recomputed(&kb, docs.len()))
    }

    fn query(&self, q: &Query) -> Result<Table> {
        let mut client = self.db();
        let any: bool = client.query_one("SELECT EXISTS (SELECT 1 FROM documents)", &[])?.get(0);
        if !any {
            return Err(StoreError::new(
                ErrorKind::Empty,
                format!("the database {} holds no documents yet: run `accord ingest PATH --db {}` first", self.shown, self.shown),
            ));
        }
        crate::query::run(&mut query::Pg(&mut client), q)
    }

    fn knowledge_base(&self) -> Result<KnowledgeBase> {
        let mut sources: HashMap<(String, String), Vec<Source>> = HashMap::new();
        for r in self
            .db()
            .query("SELECT kind, record, doc, byte_start, byte_end, quote, copy_of FROM kb_sources ORDER BY kind, record, seq", &[])?
        {
            let (start, end): (i64, i64) = (r.get(3), r.get(4));
            sources.entry((r.get(0), r.get(1))).or_default().push(Source {
                doc: r.get(2),
                start: start.max(0) as usize,
                end: end.max(0) as usize,
                quote: r.get(5),
                copy_of: r.get(6),
            });
        }
        let mut conflicts = Vec::new();
        for r in self.db().query("SELECT kind, record, field, conflict_values FROM kb_conflicts ORDER BY seq", &[])? {
            let values: Vec<ConflictValue> = serde_json::from_str(r.get(3))?;
            conflicts.push(Conflict { kind: r.get(0), record: r.get(1), field: r.get(2), values });
        }
        let links = self
            .db()
            .query("SELECT kind, record, candidate, reason FROM kb_links ORDER BY kind, record, candidate", &[])?
            .iter()
            .map(|r| CandidateLink { kind: r.get(0), record: r.get(1), candidate: r.get(2), reason: r.get(3) })
            .collect();
        let mut kb = KnowledgeBase { conflicts, links, ..KnowledgeBase::default() };
        // Each kind takes its records' sources out of the map.
        kb.entities = self.load_merged("entities", &mut sources)?;
        kb.events = self.load_merged("events", &mut sources)?;
        kb.agreements = self.load_merged("agreements", &mut sources)?;
        kb.figures = self.load_merged("figures", &mut sources)?;
        kb.commitments = self.load_merged("commitments", &mut sources)?;
        Ok(kb)
    }

    fn published_dates(&self) -> Result<HashMap<String, Option<String>>> {
        Ok(self.db().query("SELECT id, published FROM documents", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn document_count(&self) -> Result<u64> {
        Ok(self.db().query_one("SELECT count(*) FROM documents", &[])?.get::<_, i64>(0) as u64)
    }

    fn table_counts(&self) -> Result<Vec<(String, u64)>> {
        let names: Vec<String> = self
            .db()
            .query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1", &[])?
            .iter()
            .map(|r| r.get(0))
            .collect();
        names
            .into_iter()
            .map(|n| {
                let c: i64 = self.db().query_one(&format!("SELECT count(*) FROM \"{n}\""), &[])?.get(0);
                Ok((n, c as u64))
            })
            .collect()
    }
}
