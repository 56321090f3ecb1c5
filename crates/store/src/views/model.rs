//! What the views answer: the rows and pages of the knowledge base as the
//! web interface and its JSON twins show them.

use serde::Serialize;
use serde_json::Value;

/// A country (or organisation) as a party: its code and English name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    pub code: String,
    pub name: String,
}

/// A list cut at a limit: `total` says how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listing<T> {
    pub total: u64,
    pub items: Vec<T>,
}

/// What the database holds, for the home page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    pub documents: u64,
    /// True when documents were written after the last merge (an ingest was
    /// stopped): the merged records are behind until the next ingest.
    pub merge_pending: bool,
    pub pairs: Vec<PairSummary>,
}

/// How many records of each kind a pair shares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub events: u64,
    pub agreements: u64,
    pub figures: u64,
    pub commitments: u64,
}

impl Counts {
    /// One more record of `kind` (a table name: `events`, ...).
    pub fn add(&mut self, kind: &str) {
        match kind {
            "events" => self.events += 1,
            "agreements" => self.agreements += 1,
            "figures" => self.figures += 1,
            _ => self.commitments += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.events + self.agreements + self.figures + self.commitments
    }

    /// The counts in the order the pages show them.
    pub fn each(&self) -> [u64; 4] {
        [self.events, self.agreements, self.figures, self.commitments]
    }
}

/// A pair of parties that share records, with counts and latest activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairSummary {
    pub a: Party,
    pub b: Party,
    #[serde(flatten)]
    pub counts: Counts,
    /// The latest event date of the pair.
    pub latest: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    pub id: String,
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    /// Visit kind, or what a milestone or policy is.
    pub detail: Option<String>,
    pub participants: Vec<String>,
    pub host: Option<String>,
    pub place: Option<String>,
    pub parties: Vec<String>,
    pub sources: u64,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementRow {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub topics: Vec<String>,
    pub parties: Vec<String>,
    pub signed: Option<String>,
    pub in_force: Option<String>,
    pub status: Option<String>,
    pub sources: u64,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRow {
    pub id: String,
    pub indicator: String,
    pub value: f64,
    pub unit: Option<String>,
    pub period: Option<String>,
    pub status: String,
    pub parties: Vec<String>,
    pub sources: u64,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitmentRow {
    pub id: String,
    pub areas: Vec<String>,
    pub modality: String,
    pub text: String,
    pub parties: Vec<String>,
    pub sources: u64,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictRow {
    pub kind: String,
    pub record: String,
    pub field: String,
    /// `[{"value": ..., "docs": [...]}]`
    pub values: Value,
}

/// Everything the pair page shows, each list cut at the limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairView {
    pub a: Party,
    pub b: Party,
    pub timeline: Listing<EventRow>,
    pub agreements: Listing<AgreementRow>,
    pub figures: Listing<FigureRow>,
    pub commitments: Listing<CommitmentRow>,
    pub conflicts: Listing<ConflictRow>,
}

/// The kinds of merged record, as named in tables and in `kb_sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Entities,
    Events,
    Agreements,
    Figures,
    Commitments,
}

impl RecordKind {
    pub const ALL: [RecordKind; 5] =
        [RecordKind::Entities, RecordKind::Events, RecordKind::Agreements, RecordKind::Figures, RecordKind::Commitments];

    /// The kind's names: (as in `kb_sources`, for one record, its table).
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            RecordKind::Entities => ("entities", "entity", "kb_entities"),
            RecordKind::Events => ("events", "event", "kb_events"),
            RecordKind::Agreements => ("agreements", "agreement", "kb_agreements"),
            RecordKind::Figures => ("figures", "figure", "kb_figures"),
            RecordKind::Commitments => ("commitments", "commitment", "kb_commitments"),
        }
    }

    pub fn as_str(self) -> &'static str {
        self.names().0
    }

    /// The kind's name for one record: `entity`, `event`, ...
    pub fn singular(self) -> &'static str {
        self.names().1
    }

    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub(crate) fn table(self) -> &'static str {
        self.names().2
    }
}

/// What a page heads a document with, on its own page and wherever it is cited.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Heading {
    /// The title, or else the first sentence of the text (cut at about 120
    /// characters, without its dateline).
    pub headline: String,
    /// True when the headline is read from the text (no title was given).
    pub headline_from_text: bool,
    /// The outlet (`source`) as the knowledge base knows it (`VNS` is Viet Nam News).
    pub outlet: Option<super::EntityLink>,
}

/// One source of a record: the document (its headline and outlet), the
/// evidence offsets and quote, and the start of the sentence that holds it
/// (the anchor on the document page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRow {
    pub doc: String,
    #[serde(flatten)]
    pub heading: Heading,
    /// The outlet as the document gives it.
    pub source: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    /// The document's language (`en`, `vi`, `ru`).
    pub lang: Option<String>,
    pub byte_start: i64,
    pub byte_end: i64,
    pub quote: String,
    /// The sentence holding the evidence, when the document has one there.
    pub sentence: Option<String>,
    pub sentence_start: Option<i64>,
}

/// One merged record with all its fields, its sources and its conflicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordView {
    pub kind: RecordKind,
    pub id: String,
    /// The record as facts.md writes it.
    pub record: Value,
    pub sources: Listing<SourceRow>,
    pub conflicts: Vec<ConflictRow>,
    /// Its parties and pair, the entities it names, the records linked to it.
    pub related: super::Related,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceRow {
    pub seq: i64,
    pub byte_start: i64,
    pub byte_end: i64,
    pub text: String,
}

/// A span of a document extracted into a record (`kind` is a record kind)
/// or a mention of an entity (`kind` = `mention`), with the merged record it
/// belongs to when the merge kept one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanRow {
    pub kind: String,
    pub record: Option<String>,
    pub label: String,
    pub byte_start: i64,
    pub byte_end: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    pub id: String,
    pub title: Option<String>,
    #[serde(flatten)]
    pub heading: Heading,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub source: Option<String>,
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub bytes: i64,
    pub sentences: Vec<SentenceRow>,
    pub spans: Vec<SpanRow>,
}
