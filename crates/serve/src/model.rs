//! The view-models: what each page shows, as serde structs. The HTML page
//! renders one of these and the JSON twin is the same value serialised, so
//! the two cannot drift apart.

use crate::params::Shown;
use accord_store::views::{
    AgreementRow, CommitmentRow, ConflictRow, CountryView, DocumentView, EventRow, FigureRow, Listing, NamedEntity, Overview, PairSummary,
    PairView, Party, RecordView, SearchHit,
};
use serde::Serialize;
use std::collections::BTreeMap;

// The limits are the parameters' (params.rs); pages read them here too.
pub use crate::params::{DEFAULT_LIMIT, MAX_LIMIT};
/// Pairs listed on the home page.
pub const HOME_PAIRS: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub struct HomePage {
    pub documents: u64,
    pub merge_pending: bool,
    pub pairs: Vec<PairSummary>,
}

impl From<Overview> for HomePage {
    fn from(o: Overview) -> HomePage {
        HomePage { documents: o.documents, merge_pending: o.merge_pending, pairs: o.pairs }
    }
}

/// Commitments of one area (a commitment of several areas is in each).
#[derive(Debug, Clone, Serialize)]
pub struct AreaGroup {
    pub area: String,
    pub commitments: Vec<CommitmentRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairPage {
    pub a: Party,
    pub b: Party,
    /// The most rows each list holds; `total` in each says how many exist.
    pub limit: usize,
    /// The filters every list was read with (`since`, `until`, `type` of event, `lang`, `source`).
    pub filters: Shown,
    pub timeline: Listing<EventRow>,
    pub agreements: Listing<AgreementRow>,
    pub figures: Listing<FigureRow>,
    /// How many commitments the pair has in all (the groups hold at most `limit`).
    pub commitments_total: u64,
    pub commitments_by_area: Vec<AreaGroup>,
    pub conflicts: Listing<ConflictRow>,
}

impl PairPage {
    pub fn new(view: PairView, limit: usize, filters: Shown) -> PairPage {
        let mut groups: BTreeMap<String, Vec<CommitmentRow>> = BTreeMap::new();
        for c in &view.commitments.items {
            if c.areas.is_empty() {
                groups.entry("other".to_string()).or_default().push(c.clone());
            }
            for area in &c.areas {
                groups.entry(area.clone()).or_default().push(c.clone());
            }
        }
        PairPage {
            a: view.a,
            b: view.b,
            limit,
            filters,
            timeline: view.timeline,
            agreements: view.agreements,
            figures: view.figures,
            commitments_total: view.commitments.total,
            commitments_by_area: groups.into_iter().map(|(area, commitments)| AreaGroup { area, commitments }).collect(),
            conflicts: view.conflicts,
        }
    }

    /// The pair as it stands in the URL (`VN-BY`).
    pub fn slug(&self) -> String {
        format!("{}-{}", self.a.code, self.b.code)
    }

    /// True when some list was cut at the limit.
    pub fn has_more(&self) -> bool {
        let cut = |total: u64, shown: usize| total > shown as u64;
        cut(self.timeline.total, self.timeline.items.len())
            || cut(self.agreements.total, self.agreements.items.len())
            || cut(self.figures.total, self.figures.items.len())
            || cut(self.commitments_total, self.limit.min(self.commitments_total as usize))
            || cut(self.conflicts.total, self.conflicts.items.len())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordPage {
    pub limit: usize,
    #[serde(flatten)]
    pub view: RecordView,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentPage {
    #[serde(flatten)]
    pub view: DocumentView,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    pub query: String,
    pub limit: usize,
    /// Best first (BM25), then the newest.
    pub hits: Vec<SearchHit>,
    /// The phrases looked for, as folded words: the query's and the other
    /// ways of writing it (joined up, the gazetteer's, the entities').
    pub phrases: Vec<Vec<String>>,
    /// People, bodies and places known by the query as a name.
    pub entities: Vec<NamedEntity>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryPage {
    #[serde(flatten)]
    pub view: CountryView,
}

/// One table of a pair, filtered, sorted and one page of it: the rows of
/// its HTML table, of its CSV and of its JSON are the same.
#[derive(Debug, Clone, Serialize)]
pub struct TablePage<T> {
    pub a: Party,
    pub b: Party,
    /// `events`, `agreements`, `figures` or `commitments`.
    pub table: &'static str,
    pub filters: Shown,
    pub page: usize,
    pub per_page: usize,
    /// Rows the filters keep, on every page.
    pub total: u64,
    pub pages: usize,
    pub rows: Vec<T>,
}

impl<T> TablePage<T> {
    pub fn slug(&self) -> String {
        format!("{}-{}", self.a.code, self.b.code)
    }
}
