//! What merging holds of each report of an agreement, figure or commitment
//! ([`Report`]), and what the build of a merged record reads of the reports
//! it combines ([`Group`]).

use crate::pick::Votes;
use crate::{cluster, first_giving, group_sources, Corpus, Source};
use accord_doc::facts::{Agreement, Commitment, Evidence, Figure};
use serde::Serialize;

/// A record's parties as merging compares them: trimmed, upper case,
/// sorted, once each.
pub(crate) fn party_codes(parties: &[String]) -> Vec<String> {
    let mut codes: Vec<String> = parties.iter().map(|p| p.trim().to_uppercase()).collect();
    codes.sort();
    codes.dedup();
    codes
}

/// A record with parties and one evidence.
pub(crate) trait Reported: Serialize {
    fn parties(&self) -> &[String];
    fn evidence(&self) -> &Evidence;
}

macro_rules! reported {
    ($($record:ty),*) => {$(
        impl Reported for $record {
            fn parties(&self) -> &[String] {
                &self.parties
            }
            fn evidence(&self) -> &Evidence {
                &self.evidence
            }
        }
    )*};
}

reported!(Agreement, Figure, Commitment);

/// What a report holds besides what its kind compares: its document, the
/// record, and its parties.
pub(crate) struct Report<'a, R> {
    pub doc: usize,
    pub record: &'a R,
    /// Equal for word-for-word copies of one report.
    pub signature: u64,
    /// See [`party_codes`].
    pub parties: Vec<String>,
}

impl<'a, R: Reported> Report<'a, R> {
    pub fn new(doc: usize, record: &'a R) -> Self {
        Report { doc, record, signature: cluster::signature(record), parties: party_codes(record.parties()) }
    }

    /// The document and signature [`cluster::ByDocument`] groups by.
    pub fn key(&self) -> (usize, u64) {
        (self.doc, self.signature)
    }
}

/// The reports one merged record combines, in the order of the group.
pub(crate) struct Group<'g, 'a, R> {
    corpus: &'g Corpus<'g>,
    reports: Vec<&'g Report<'a, R>>,
    /// Where the reports were read, sorted, once each.
    pub sources: Vec<Source>,
    /// The report whose source sorts first.
    first: usize,
}

impl<'g, 'a, R: Reported> Group<'g, 'a, R> {
    pub fn new(corpus: &'g Corpus<'g>, members: &[usize], report: impl Fn(usize) -> &'g Report<'a, R>) -> Self {
        let reports: Vec<&Report<R>> = members.iter().map(|&m| report(m)).collect();
        let order: Vec<usize> = (0..reports.len()).collect();
        let (sources, first) = group_sources(corpus, &order, |i| (reports[i].doc, reports[i].record.evidence()));
        Group { corpus, reports, sources, first }
    }

    pub fn records(&self) -> impl Iterator<Item = &'a R> + '_ {
        self.reports.iter().map(|r| r.record)
    }

    /// The values `value` finds in the reports, each with the documents
    /// that give it.
    pub fn votes<V: Ord + Clone + Serialize>(&self, value: impl Fn(&'a R) -> Option<V>) -> Votes<V> {
        let mut votes = Votes::new();
        for report in &self.reports {
            if let Some(v) = value(report.record) {
                votes.add(v, self.corpus.id(report.doc));
            }
        }
        votes
    }

    /// The parties most documents give (the longest list on a tie).
    pub fn parties(&self) -> Vec<String> {
        let mut votes = Votes::new();
        for report in self.reports.iter().filter(|r| !r.parties.is_empty()) {
            votes.add(report.parties.clone(), self.corpus.id(report.doc));
        }
        votes.most_frequent(|p| p.len()).unwrap_or_default()
    }

    /// The record whose source sorts first.
    pub fn first(&self) -> &'a R {
        self.reports[self.first].record
    }

    /// Of the records that `gives`, the one whose source sorts first; the
    /// [`first`](Self::first) when none does.
    pub fn first_giving(&self, gives: impl Fn(&R) -> bool) -> &'a R {
        let order: Vec<usize> = (0..self.reports.len()).collect();
        let reports = &self.reports;
        let i = first_giving(self.corpus, &order, self.first, |i| (reports[i].doc, reports[i].record.evidence(), gives(reports[i].record)));
        reports[i].record
    }
}
