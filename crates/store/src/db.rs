//! One store, SQLite or PostgreSQL, chosen by how the database is named: a
//! `postgres://` (or `postgresql://`) address is a PostgreSQL database,
//! anything else an SQLite file. The commands open their store here and
//! stay the same for both.

use crate::postgres::{is_postgres_url, without_password, PgStore};
use crate::query::{Query, Table};
use crate::{Incoming, KnowledgeStore, MergeSummary, Put, PutOptions, Result, SqliteStore};
use accord_doc::facts::DocFacts;
use accord_merge::KnowledgeBase;
use std::collections::HashMap;
use std::path::Path;

/// A database name as messages show it: a PostgreSQL address without its password.
pub fn shown(db: &str) -> String {
    if is_postgres_url(db) {
        without_password(db)
    } else {
        db.to_string()
    }
}

pub enum Db {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

/// The same call on whichever store it is.
macro_rules! either {
    ($self:expr, $store:ident => $call:expr) => {
        match $self {
            Db::Sqlite($store) => $call,
            Db::Postgres($store) => $call,
        }
    };
}

impl Db {
    /// Open the database named `db` for writing: an SQLite file is created
    /// if missing; a PostgreSQL database must exist (its tables are made).
    pub fn create(db: &str) -> Result<Db> {
        if is_postgres_url(db) {
            Ok(Db::Postgres(PgStore::connect(db)?))
        } else {
            Ok(Db::Sqlite(SqliteStore::create(Path::new(db))?))
        }
    }

    /// Open an existing database (a missing SQLite file is an error).
    pub fn open_existing(db: &str) -> Result<Db> {
        if is_postgres_url(db) {
            Ok(Db::Postgres(PgStore::connect(db)?))
        } else {
            Ok(Db::Sqlite(SqliteStore::open_existing(Path::new(db))?))
        }
    }

    /// The database as messages name it (a PostgreSQL address without its password).
    pub fn shown(&self) -> String {
        match self {
            Db::Sqlite(s) => s.path().display().to_string(),
            Db::Postgres(p) => p.shown().to_string(),
        }
    }

    /// After a large write: fold SQLite's write-ahead log into the file
    /// (PostgreSQL needs nothing).
    pub fn checkpoint(&self) -> Result<()> {
        match self {
            Db::Sqlite(s) => s.checkpoint(),
            Db::Postgres(_) => Ok(()),
        }
    }

    /// The parties most records belong to, most first.
    pub fn top_parties(&self, n: usize) -> Result<Vec<String>> {
        either!(self, s => s.top_parties(n))
    }

    /// The id of the merged record with the most sources, of any kind.
    pub fn most_cited_record(&self) -> Result<Option<String>> {
        either!(self, s => s.most_cited_record())
    }
}

impl KnowledgeStore for Db {
    fn known(&self, ids: &[&str]) -> Result<HashMap<String, (String, String)>> {
        either!(self, s => s.known(ids))
    }

    fn put_document(&mut self, doc: &Incoming, facts: &DocFacts, options: &PutOptions) -> Result<Put> {
        either!(self, s => s.put_document(doc, facts, options))
    }

    fn put_documents(&mut self, batch: &[(Incoming, DocFacts)], options: &PutOptions) -> Result<Vec<Result<Put>>> {
        either!(self, s => s.put_documents(batch, options))
    }

    fn delete_documents(&mut self, ids: &[&str]) -> Result<usize> {
        either!(self, s => s.delete_documents(ids))
    }

    fn refresh_merged(&mut self, force: bool) -> Result<MergeSummary> {
        either!(self, s => s.refresh_merged(force))
    }

    fn query(&self, query: &Query) -> Result<Table> {
        either!(self, s => s.query(query))
    }

    fn knowledge_base(&self) -> Result<KnowledgeBase> {
        either!(self, s => s.knowledge_base())
    }

    fn published_dates(&self) -> Result<HashMap<String, Option<String>>> {
        either!(self, s => s.published_dates())
    }

    fn document_count(&self) -> Result<u64> {
        either!(self, s => s.document_count())
    }

    fn table_counts(&self) -> Result<Vec<(String, u64)>> {
        either!(self, s => s.table_counts())
    }
}
