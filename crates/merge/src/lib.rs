//! Cross-document merge. (In progress.)
//!
//! Per-document facts in, one knowledge base out: each real entity, event,
//! agreement, figure and commitment once, citing every document that
//! reports it; disagreements between sources kept as conflicts. The merge
//! is deterministic and independent of input order.

use accord_doc::facts::{Agreement, Commitment, DocFacts, Entity, Event, Figure};
use serde::{Deserialize, Serialize};

/// Where a merged record was read: a document and the evidence in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

/// A merged record: a stable id (the same for the same inputs, whatever
/// their order), the combined record, and its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merged<T> {
    pub id: String,
    pub record: T,
    pub sources: Vec<Source>,
}

/// Sources disagree on a field of a merged record: every value with the
/// documents that give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// "entities", "events", "agreements", "figures" or "commitments".
    pub kind: String,
    pub record: String,
    pub field: String,
    pub values: Vec<ConflictValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    pub value: serde_json::Value,
    pub docs: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeBase {
    pub entities: Vec<Merged<Entity>>,
    pub events: Vec<Merged<Event>>,
    pub agreements: Vec<Merged<Agreement>>,
    pub figures: Vec<Merged<Figure>>,
    pub commitments: Vec<Merged<Commitment>>,
    pub conflicts: Vec<Conflict>,
}

/// Merge the facts of many documents.
pub fn merge(docs: &[DocFacts]) -> KnowledgeBase {
    let _ = docs;
    KnowledgeBase::default()
}
