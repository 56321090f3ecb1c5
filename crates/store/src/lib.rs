//! The knowledge base: per-document facts with their provenance, the merged
//! records of all documents, full-text search over sentences, queries by
//! country pair, and exports.
//!
//! The SQLite file is the product (see `docs/schema.md`): every table and
//! view is readable with `sqlite3` or Datasette, without accord. The store
//! sits behind [`KnowledgeStore`], so another database (PostgreSQL) can
//! follow; [`SqliteStore`] is the one we have.
//!
//! Flow: [`Incoming::read`] takes what the store needs from a document (its
//! content hash and sentences) before extraction consumes it;
//! [`KnowledgeStore::put_document`] writes one document and its facts in one
//! transaction, idempotent by content hash; [`KnowledgeStore::refresh_merged`]
//! recomputes the merged tables from every stored document with
//! `accord_merge::merge`.

mod countries;
mod error;
pub mod export;
mod incoming;
mod query;
mod schema;
mod sqlite;
pub mod views;

pub use countries::{alpha3, country_name, resolve_country};
pub use error::{ErrorKind, StoreError};
pub use incoming::{Incoming, Sentence};
pub use query::{Query, Table};
pub use schema::{LATEST_VERSION, MIN_SQLITE};
pub use sqlite::SqliteStore;

use accord_doc::facts::DocFacts;
use accord_merge::KnowledgeBase;
use std::collections::HashMap;

pub type Result<T> = std::result::Result<T, StoreError>;

/// What [`KnowledgeStore::put_document`] did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// A new document id.
    Added,
    /// A known id with new content (or facts from another extractor): its
    /// old records were replaced.
    Replaced,
    /// The same content, read by the same extractor: nothing written.
    Unchanged,
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

/// A knowledge base store. Writes come from one writer at a time; reads may
/// run beside it on other handles.
pub trait KnowledgeStore {
    /// The stored (content hash, extractor) of each of these ids that is known.
    fn known(&self, ids: &[&str]) -> Result<HashMap<String, (String, String)>>;

    /// Store one document and its facts in one transaction. `extractor`
    /// names the extractor version: the same content read by another
    /// extractor is replaced. With `force`, the document is rewritten even
    /// when unchanged.
    fn put_document(&mut self, doc: &Incoming, facts: &DocFacts, extractor: &str, force: bool) -> Result<Put>;

    /// Store a batch of documents, each atomically: the result of each in
    /// order (a document that fails leaves nothing behind), or an error
    /// that stored none of them.
    fn put_documents(
        &mut self,
        batch: &[(Incoming, DocFacts)],
        extractor: &str,
        force: bool,
    ) -> Result<Vec<Result<Put>>> {
        Ok(batch.iter().map(|(doc, facts)| self.put_document(doc, facts, extractor, force)).collect())
    }

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

    /// Row count of every table, by name (for checks and the summary).
    fn table_counts(&self) -> Result<Vec<(String, u64)>>;
}
