//! The knowledge base: per-document facts with their provenance, the merged
//! records of all documents, full-text search over sentences, queries by
//! country pair, and exports.
//!
//! The SQLite file is the product (see `docs/schema.md`): every table and
//! view is readable with `sqlite3` or Datasette, without accord. The store
//! sits behind [`KnowledgeStore`]: [`SqliteStore`] is the default,
//! [`PgStore`] the same knowledge base on PostgreSQL (many writers and
//! readers), and [`Db`] whichever of them a `--db` names.
//!
//! Flow: [`Incoming::read`] takes what the store needs from a document (its
//! content hash and sentences) before extraction consumes it;
//! [`KnowledgeStore::put_document`] writes one document and its facts in one
//! transaction, idempotent by content hash, and never replaces a different
//! article under a stored id unless told to ([`OnConflict`]);
//! [`KnowledgeStore::delete_documents`] removes documents; [`KnowledgeStore::refresh_merged`]
//! recomputes the merged tables from every stored document with
//! `accord_merge::merge`.

mod copies;
mod countries;
mod db;
mod error;
pub mod export;
mod fts;
mod incoming;
mod postgres;
mod query;
mod quotes;
mod records;
mod schema;
pub mod shingles;
mod sqlite;
mod transfer;
pub mod views;

pub use crate::postgres::{is_postgres_url, PgStore, PG_LATEST_VERSION};
pub use countries::{alpha3, country_name, resolve_country};
pub use db::{shown, Db};
pub use error::{ErrorKind, StoreError};
pub use incoming::{Incoming, Sentence};
pub use query::{areas, Dates, Query, Table};
pub use schema::{LATEST_VERSION, MIN_SQLITE};
pub use sqlite::{kept_id, SqliteStore};
pub use transfer::{copy_documents, CopySummary};

use accord_doc::facts::DocFacts;
use accord_merge::KnowledgeBase;
use std::collections::HashMap;

pub type Result<T> = std::result::Result<T, StoreError>;

/// What [`KnowledgeStore::put_document`] did with a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    /// A new document id.
    Added,
    /// A different article under a stored id, stored beside the other under
    /// this id ([`OnConflict::KeepBoth`]).
    KeptAs(String),
    /// A different article under a stored id replaced it, its facts and its
    /// sentences ([`OnConflict::Replace`]).
    Replaced,
    /// The same article read again (by another extractor, or with `force`):
    /// its facts were written anew.
    Reread,
    /// The same article, read by the same extractor: nothing written.
    Unchanged,
}

/// What to do with a different article under an id already stored (a
/// conflict: same id, another content hash). The same article again is never
/// a conflict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnConflict {
    /// Store nothing and return an [`ErrorKind::Conflict`] error naming the
    /// id and the ways on: a document is never replaced without a word.
    #[default]
    Refuse,
    /// Store the new article beside the other, under the id followed by `-`
    /// and 8 hex digits of its content hash (the same id when it comes again).
    KeepBoth,
    /// Replace the stored article, with its facts and sentences.
    Replace,
}

/// How documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PutOptions<'a> {
    /// The extractor version that read the facts: the same content read by
    /// another extractor is written again ([`Put::Reread`]).
    pub extractor: &'a str,
    /// Write every document again, even when unchanged.
    pub force: bool,
    pub on_conflict: OnConflict,
}

impl<'a> PutOptions<'a> {
    /// Facts of `extractor`, written only when new or changed, conflicts refused.
    pub fn new(extractor: &'a str) -> Self {
        PutOptions { extractor, force: false, on_conflict: OnConflict::Refuse }
    }
}

/// Sizes of the merged knowledge base after a refresh.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// False when the merged tables were already up to date.
    pub recomputed: bool,
    pub documents: usize,
    pub entities: usize,
    pub events: usize,
    pub agreements: usize,
    pub figures: usize,
    pub commitments: usize,
    pub conflicts: usize,
}

impl MergeSummary {
    /// The sizes of the merged tables as stored (`count` counts a table's rows).
    pub(crate) fn counted(count: impl Fn(&str) -> Result<usize>) -> Result<MergeSummary> {
        Ok(MergeSummary {
            recomputed: false,
            documents: count("documents")?,
            entities: count("kb_entities")?,
            events: count("kb_events")?,
            agreements: count("kb_agreements")?,
            figures: count("kb_figures")?,
            commitments: count("kb_commitments")?,
            conflicts: count("kb_conflicts")?,
        })
    }

    /// The sizes of a knowledge base just merged from `documents` documents.
    pub(crate) fn recomputed(kb: &KnowledgeBase, documents: usize) -> MergeSummary {
        MergeSummary {
            recomputed: true,
            documents,
            entities: kb.entities.len(),
            events: kb.events.len(),
            agreements: kb.agreements.len(),
            figures: kb.figures.len(),
            commitments: kb.commitments.len(),
            conflicts: kb.conflicts.len(),
        }
    }
}

/// A knowledge base store. Writes come from one writer at a time; reads may
/// run beside it on other handles.
pub trait KnowledgeStore {
    /// The stored (content hash, extractor) of each of these ids that is known.
    fn known(&self, ids: &[&str]) -> Result<HashMap<String, (String, String)>>;

    /// Store one document and its facts in one transaction, as `options`
    /// say (a conflict is an error, unless they say otherwise).
    fn put_document(&mut self, doc: &Incoming, facts: &DocFacts, options: &PutOptions) -> Result<Put>;

    /// Store a batch of documents, each atomically: the result of each in
    /// order (a document that fails leaves nothing behind), or an error
    /// that stored none of them. Each document sees the ones before it: an
    /// id twice in one batch is a conflict like any other.
    fn put_documents(&mut self, batch: &[(Incoming, DocFacts)], options: &PutOptions) -> Result<Vec<Result<Put>>> {
        Ok(batch.iter().map(|(doc, facts)| self.put_document(doc, facts, options)).collect())
    }

    /// Delete these documents and every row they own, in one transaction;
    /// when one id is not stored, none ([`ErrorKind::UnknownDocument`]).
    /// The merged tables follow at the next [`refresh_merged`]: records only
    /// these documents supported go, others lose only these sources.
    /// Returns how many documents were deleted.
    ///
    /// [`refresh_merged`]: KnowledgeStore::refresh_merged
    fn delete_documents(&mut self, ids: &[&str]) -> Result<usize>;

    /// Recompute the merged tables from the facts of every stored document,
    /// when a document changed since the last merge (or always, with `force`).
    fn refresh_merged(&mut self, force: bool) -> Result<MergeSummary>;

    /// Answer a query as a table.
    fn query(&self, query: &Query) -> Result<Table>;

    /// The merged knowledge base, as last computed.
    fn knowledge_base(&self) -> Result<KnowledgeBase>;

    /// The publication date of every stored document, by id.
    fn published_dates(&self) -> Result<HashMap<String, Option<String>>>;

    /// Number of stored documents.
    fn document_count(&self) -> Result<u64>;

    /// Row count of every table and of the per-document views (`doc_*`),
    /// by name (for checks and the summary).
    fn table_counts(&self) -> Result<Vec<(String, u64)>>;
}
