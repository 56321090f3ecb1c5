//! Cross-document merge.
//!
//! Per-document facts in, one knowledge base out: each real entity, event,
//! agreement, figure and commitment once, citing every document that
//! reports it; disagreements between sources kept as conflicts. The merge
//! is deterministic and independent of input order: documents are put in a
//! canonical order first, and every later step visits records in that
//! order (hash maps serve look-ups only, never the order of output).
//!
//! No kind compares every record with every other: records are put in
//! buckets by what two reports of one thing must share (a country code, a
//! folded name, an indicator and value range, a participant and year,
//! rare title words), and only records sharing a bucket are compared.

mod agreements;
mod cluster;
mod commitments;
mod dates;
mod entities;
mod events;
mod export;
mod figures;
mod fold;
mod milestones;
mod pick;
mod report;
mod secondary;
mod twins;

use accord_doc::facts::{Agreement, Commitment, DocFacts, Entity, Event, Evidence, Figure};
use serde::{Deserialize, Serialize};

pub(crate) use report::{party_codes, Group, Report};

pub use export::{export, export_named, export_records};
pub use twins::{twins, with_twins};

/// Where a merged record was read: a document and the evidence in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    /// The document this one is a near-duplicate of (the same report
    /// republished), when it is one: copies count as one source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

impl Source {
    fn of(doc: &str, evidence: &Evidence) -> Source {
        Source { doc: doc.to_string(), start: evidence.start, end: evidence.end, quote: evidence.quote.clone(), copy_of: None }
    }

    /// The original report this source stands for: its own document, or
    /// the one it copies.
    pub fn outlet(&self) -> &str {
        self.copy_of.as_deref().unwrap_or(&self.doc)
    }
}

/// The sources of a group of reports, sorted and without repeats, and the
/// member whose source sorts first (the merged record's own evidence).
/// `evidence(m)` gives member `m`'s document index and evidence.
pub(crate) fn group_sources<'e>(
    corpus: &Corpus,
    members: &[usize],
    evidence: impl Fn(usize) -> (usize, &'e Evidence),
) -> (Vec<Source>, usize) {
    let source_of = |m: usize| {
        let (doc, e) = evidence(m);
        Source::of(corpus.id(doc), e)
    };
    let mut sources: Vec<Source> = members.iter().map(|&m| source_of(m)).collect();
    sources.sort();
    sources.dedup();
    let first = members.iter().copied().min_by_key(|&m| source_of(m)).unwrap_or(members[0]);
    (sources, first)
}

/// Of the members whose report gives the value a merged record shows
/// (`gives(m)`: document, evidence, whether it gives it), the one whose
/// source sorts first; `fallback` when none does.
pub(crate) fn first_giving<'e>(
    corpus: &Corpus,
    members: &[usize],
    fallback: usize,
    gives: impl Fn(usize) -> (usize, &'e Evidence, bool),
) -> usize {
    members
        .iter()
        .copied()
        .filter_map(|m| {
            let (doc, evidence, yes) = gives(m);
            yes.then(|| (Source::of(corpus.id(doc), evidence), m))
        })
        .min()
        .map_or(fallback, |(_, m)| m)
}

/// The key under which names match across spellings and scripts (marks
/// removed, Cyrillic in Latin letters): `"Tô Lâm"` and `"To Lam"` meet.
pub fn name_key(text: &str) -> String {
    fold::key(text)
}

/// The documents (indices) a group of reports comes from, sorted, once each.
pub(crate) fn group_docs(members: &[usize], doc_of: impl Fn(usize) -> usize) -> Vec<usize> {
    let mut docs: Vec<usize> = members.iter().map(|&m| doc_of(m)).collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// A merged record: a stable id (the same for the same inputs, whatever
/// their order), the combined record, and its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merged<T> {
    pub id: String,
    pub record: T,
    pub sources: Vec<Source>,
}

impl<T> Merged<T> {
    /// How many separate reports the record rests on: its sources, with
    /// the copies of one report counted once.
    pub fn outlets(&self) -> usize {
        let mut outlets: Vec<&str> = self.sources.iter().map(Source::outlet).collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len()
    }
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

/// Two records the merge kept apart though one may be the other: nothing
/// the sources say settles it, and a wrong merge would move a fact (a
/// date, a pair) from one to the other. An analyst can look at both.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CandidateLink {
    pub kind: String,
    pub record: String,
    pub candidate: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    pub value: serde_json::Value,
    pub docs: Vec<String>,
}

/// The merged records of a corpus, each kind in a deterministic order.
///
/// Merged entities carry no `mentions` (offsets into one document mean
/// nothing across documents): each of their sources is one document's
/// first mention, quoted by that document's name for the entity (the
/// facts do not hold the text). Other records keep the evidence of their
/// first source beside the full list of sources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeBase {
    pub entities: Vec<Merged<Entity>>,
    pub events: Vec<Merged<Event>>,
    pub agreements: Vec<Merged<Agreement>>,
    pub figures: Vec<Merged<Figure>>,
    pub commitments: Vec<Merged<Commitment>>,
    pub conflicts: Vec<Conflict>,
    /// Records kept apart that may be one (see [`CandidateLink`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<CandidateLink>,
}

impl KnowledgeBase {
    /// Mark the sources that come from copies (`originals`: each copy's
    /// original document, as the store found them).
    pub fn mark_copies(&mut self, originals: &std::collections::HashMap<String, String>) {
        if originals.is_empty() {
            return;
        }
        let mark = |sources: &mut Vec<Source>| {
            for s in sources {
                s.copy_of = originals.get(&s.doc).cloned();
            }
        };
        self.entities.iter_mut().for_each(|m| mark(&mut m.sources));
        self.events.iter_mut().for_each(|m| mark(&mut m.sources));
        self.agreements.iter_mut().for_each(|m| mark(&mut m.sources));
        self.figures.iter_mut().for_each(|m| mark(&mut m.sources));
        self.commitments.iter_mut().for_each(|m| mark(&mut m.sources));
    }
}

/// Merge the facts of many documents.
pub fn merge(docs: &[DocFacts]) -> KnowledgeBase {
    merge_copies(docs, &std::collections::HashMap::new())
}

/// Merge the facts of many documents, knowing which copy which
/// (`originals`: each copy's original, as the store groups them). Copies
/// of one original whose facts are word for word the same (twins) are
/// read once and cited beside the one that sorts first (see `twins`).
pub fn merge_copies(docs: &[DocFacts], originals: &std::collections::HashMap<String, String>) -> KnowledgeBase {
    let (distinct, twins_of) = twins::collapse(Corpus::canonical(docs), originals);
    let mut kb = merge_distinct(Corpus { docs: distinct });
    twins::expand(&mut kb, &twins_of);
    kb
}

/// The merge of [`merge_copies`] without reading the twins, for a store
/// that knows them without reading their facts: `distinct`, the documents
/// left when each set of twins keeps only the one whose id sorts first
/// (its representative). The records cite the representatives alone:
/// [`with_twins`] gives a record's sources as `merge_copies` cites them
/// (one record at a time, so a report copied many times is not held in
/// memory as many sources at once). The values, ids, conflicts and links
/// are those of `merge_copies`: twins have no vote.
pub fn merge_representatives(distinct: &[DocFacts]) -> KnowledgeBase {
    merge_distinct(Corpus { docs: Corpus::canonical(distinct) })
}

fn merge_distinct(corpus: Corpus) -> KnowledgeBase {
    let entities = entities::merge(&corpus);
    let mut events = events::merge(&corpus, &entities.index);
    let mut links = std::mem::take(&mut events.links);
    let mut occasions: Vec<(&[usize], Option<&str>)> = events
        .groups
        .iter()
        .zip(&events.finished.position)
        .map(|(docs, &at)| (docs.as_slice(), events.finished.records[at].record.date.as_deref()))
        .collect();
    let happenings = Occasions::of(&corpus, &occasions);
    let mut agreements = agreements::merge(&corpus, &entities.index, &happenings);
    links.append(&mut agreements.links);
    links.sort();
    links.dedup();
    let figures = figures::merge(&corpus);
    occasions.extend(
        agreements
            .groups
            .iter()
            .zip(&agreements.finished.position)
            .map(|(docs, &at)| (docs.as_slice(), agreements.finished.records[at].record.signed.as_deref())),
    );
    let occasions = Occasions::of(&corpus, &occasions);
    let commitments = commitments::merge(&corpus, &occasions);
    let mut conflicts = Vec::new();
    conflicts.extend(entities.finished.conflicts);
    conflicts.extend(events.finished.conflicts);
    conflicts.extend(agreements.finished.conflicts);
    conflicts.extend(figures.conflicts);
    conflicts.extend(commitments.conflicts);
    KnowledgeBase {
        entities: entities.finished.records,
        events: events.finished.records,
        agreements: agreements.finished.records,
        figures: figures.records,
        commitments: commitments.records,
        conflicts,
        links,
    }
}

/// The documents in canonical order (by id; documents with the same id by
/// their content), so that nothing later depends on the input order.
pub(crate) struct Corpus<'a> {
    pub docs: Vec<&'a DocFacts>,
}

impl<'a> Corpus<'a> {
    fn canonical(docs: &'a [DocFacts]) -> Vec<&'a DocFacts> {
        let mut docs: Vec<&DocFacts> = docs.iter().collect();
        docs.sort_by(|a, b| {
            a.doc.id.cmp(&b.doc.id).then_with(|| {
                let a = serde_json::to_string(a).unwrap_or_default();
                let b = serde_json::to_string(b).unwrap_or_default();
                a.cmp(&b)
            })
        });
        docs
    }

    pub fn id(&self, doc: usize) -> &str {
        &self.docs[doc].doc.id
    }
}

/// Which documents report the same happening or instrument (a merged event
/// or agreement cited by both): statements made on one occasion.
pub(crate) struct Occasions {
    /// For each document, the occasions it reports (ascending), with their
    /// dates.
    of_doc: Vec<Vec<(usize, Option<dates::Days>)>>,
}

impl Occasions {
    /// From the documents of each merged record and its date.
    fn of(corpus: &Corpus, occasions: &[(&[usize], Option<&str>)]) -> Self {
        let mut of_doc = vec![Vec::new(); corpus.docs.len()];
        for (occasion, (docs, date)) in occasions.iter().enumerate() {
            if docs.len() > 1 {
                let date = date.and_then(dates::Days::parse);
                for &doc in *docs {
                    if let Some(list) = of_doc.get_mut(doc) {
                        list.push((occasion, date));
                    }
                }
            }
        }
        for list in &mut of_doc {
            list.sort_unstable();
            list.dedup();
        }
        Occasions { of_doc }
    }

    /// How many occasions documents `a` and `b` both report; with `near`,
    /// only those whose date agrees with it (one contains the other).
    pub fn shared(&self, a: usize, b: usize, near: Option<&dates::Days>) -> u32 {
        let (x, y) = (&self.of_doc[a], &self.of_doc[b]);
        let (mut i, mut j, mut count) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let agrees = match (near, &x[i].1) {
                        (Some(near), Some(date)) => near.nested(date),
                        (Some(_), None) => false,
                        (None, _) => true,
                    };
                    count += u32::from(agrees);
                    i += 1;
                    j += 1;
                }
            }
        }
        count
    }
}

/// Merged records of one kind in their final order, with ids, and the
/// conflicts found while merging them.
pub(crate) struct Finished<T> {
    pub records: Vec<Merged<T>>,
    pub conflicts: Vec<Conflict>,
    /// For each record as built, its position in `records`.
    pub position: Vec<usize>,
}

/// The merged events or agreements, the documents of each (in the order
/// built), and the records kept apart that may be one: undated reports that
/// fit more than one happening, instruments alike but not joined (see
/// [`CandidateLink`]).
pub(crate) struct Linked<T> {
    pub finished: Finished<T>,
    pub groups: Vec<Vec<usize>>,
    pub links: Vec<CandidateLink>,
}

/// One merged record as built: the record, its sources (sorted), the
/// base of its id, what tells it from another record of the same base,
/// its sort key, and its conflicts as (field, conflict maker) pairs to be
/// filled with the final id.
pub(crate) struct Built<T> {
    pub record: T,
    pub sources: Vec<Source>,
    pub id_base: String,
    /// Derived from the record's own reports (see [`finish`]), never from
    /// other records, so that its id does not shift when others arrive.
    pub discriminator: String,
    pub sort_key: String,
    pub conflicts: Vec<Conflict>,
}

impl<T> Finished<T> {
    /// Candidate links between records given by their index in the order
    /// built (see [`CandidateLink`]).
    pub(crate) fn links(&self, kind: &str, reason: &str, pairs: Vec<(usize, usize)>) -> Vec<CandidateLink> {
        let id = |g: usize| self.records[self.position[g]].id.clone();
        pairs
            .into_iter()
            .map(|(a, b)| CandidateLink { kind: kind.into(), record: id(a), candidate: id(b), reason: reason.into() })
            .collect()
    }
}

/// Order the built records (by sort key, then sources), give them ids,
/// and point their conflicts at the ids.
///
/// Records of one id base (two events read from one sentence, two people
/// of one name) are told apart by their discriminators alone: the
/// smallest keeps the base, each other one takes the base and a hash of
/// its own discriminator. A record's id thus depends on itself and the
/// records of its own base, not on where documents about other pairs put
/// it in the sort order (issue 12: ids that do not shift).
pub(crate) fn finish<T>(built: Vec<Built<T>>) -> Finished<T> {
    let mut order: Vec<usize> = (0..built.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&built[a], &built[b]);
        x.sort_key.cmp(&y.sort_key).then_with(|| x.sources.cmp(&y.sources))
    });
    let ids = distinct_ids(&built, &order);
    let mut position = vec![0; built.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let mut slots: Vec<Option<(Built<T>, String)>> = built.into_iter().zip(ids).map(Some).collect();
    let mut records = Vec::with_capacity(order.len());
    let mut conflicts = Vec::new();
    for old in order {
        let Some((b, id)) = slots[old].take() else { continue };
        for mut conflict in b.conflicts {
            conflict.record = id.clone();
            conflicts.push(conflict);
        }
        records.push(Merged { id, record: b.record, sources: b.sources });
    }
    Finished { records, conflicts, position }
}

/// The id of each built record (see [`finish`]); `order` breaks the ties
/// of records equal in base and discriminator, which only a document
/// reporting one thing twice in one sentence makes.
fn distinct_ids<T>(built: &[Built<T>], order: &[usize]) -> Vec<String> {
    let mut by_base: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for &b in order {
        by_base.entry(built[b].id_base.as_str()).or_default().push(b);
    }
    let mut ids = vec![String::new(); built.len()];
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut bases: Vec<(&str, Vec<usize>)> = by_base.into_iter().collect();
    bases.sort();
    for (base, mut members) in bases {
        members.sort_by(|&a, &b| built[a].discriminator.cmp(&built[b].discriminator));
        for (rank, &b) in members.iter().enumerate() {
            let mut id = if rank == 0 { base.to_string() } else { format!("{base}-{}", &fnv(&built[b].discriminator)[..8]) };
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{}-{n}", &fnv(&built[b].discriminator)[..8]);
                n += 1;
            }
            taken.insert(id.clone());
            ids[b] = id;
        }
    }
    ids
}

/// FNV-1a of a text, as 16 hex digits: the same text, the same digits,
/// on every platform and version.
fn fnv(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A short stable name for a merged record of a kind without a natural
/// name: a hash of its first source.
pub(crate) fn hashed_id(prefix: &str, first: Option<&Source>) -> String {
    let text = first.map(|s| format!("{}\u{0}{}\u{0}{}", s.doc, s.start, s.end)).unwrap_or_default();
    format!("{prefix}:{}", fnv(&text))
}

/// What tells a record from another of the same id base: its first
/// report, word for word (see [`finish`]).
pub(crate) fn report_discriminator<R: Serialize>(first: &R) -> String {
    format!("{:016x}", cluster::signature(first))
}
