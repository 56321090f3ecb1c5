//! Twins: copies of one report (the store groups near-duplicate texts)
//! whose facts and header are word for word the same, all but the id. A
//! twin adds sources, not reports: the merge reads each set of twins once,
//! through the one that sorts first (its representative), and then cites
//! the others wherever it cites the representative. So a twin always sits
//! in the records of its representative, does not vote on their values
//! (copies are not independent outlets), and a store can add a new twin
//! to the merged tables by copying its representative's sources, without
//! merging again (see [`twins`]).

use crate::{KnowledgeBase, Merged, Source};
use accord_doc::facts::DocFacts;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Whether `a` and `b` are twins: every fact and every header field but
/// the id equal.
pub fn twins(a: &DocFacts, b: &DocFacts) -> bool {
    let (x, y) = (&a.doc, &b.doc);
    (&x.lang, &x.published, &x.dateline, &x.source, &x.url, &x.title) == (&y.lang, &y.published, &y.dateline, &y.source, &y.url, &y.title)
        && a.entities == b.entities
        && a.events == b.events
        && a.agreements == b.agreements
        && a.figures == b.figures
        && a.commitments == b.commitments
}

/// A hash equal for twins (and, rarely, for others: [`twins`] decides).
fn fingerprint(facts: &DocFacts) -> u64 {
    struct Writer(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Writer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut writer = Writer(std::collections::hash_map::DefaultHasher::new());
    let h = &facts.doc;
    let parts = (&h.lang, &h.published, &h.dateline, &h.source, &h.url, &h.title);
    let _ =
        serde_json::to_writer(&mut writer, &(parts, &facts.entities, &facts.events, &facts.agreements, &facts.figures, &facts.commitments));
    0u8.hash(&mut writer.0);
    writer.0.finish()
}

/// The documents in canonical order with the twins left out, and the ids
/// of each representative's twins. Only copies of one original are twins
/// (`originals`: each copy's original): two different articles may give
/// the same few facts (one person named at the same offset).
pub(crate) fn collapse<'a>(
    ordered: Vec<&'a DocFacts>,
    originals: &HashMap<String, String>,
) -> (Vec<&'a DocFacts>, HashMap<String, Vec<String>>) {
    let mut by_print: HashMap<(&str, u64), Vec<usize>> = HashMap::new();
    let mut kept: Vec<&DocFacts> = Vec::with_capacity(ordered.len());
    let mut twins_of: HashMap<String, Vec<String>> = HashMap::new();
    for facts in ordered {
        let id = facts.doc.id.as_str();
        let original = originals.get(id).map_or(id, String::as_str);
        let candidates = by_print.entry((original, fingerprint(facts))).or_default();
        match candidates.iter().find(|&&k| twins(kept[k], facts)) {
            Some(&k) => twins_of.entry(kept[k].doc.id.clone()).or_default().push(facts.doc.id.clone()),
            None => {
                candidates.push(kept.len());
                kept.push(facts);
            }
        }
    }
    (kept, twins_of)
}

/// Cite each representative's twins wherever the representative is cited.
pub(crate) fn expand(kb: &mut KnowledgeBase, twins_of: &HashMap<String, Vec<String>>) {
    if twins_of.is_empty() {
        return;
    }
    fn cite<T>(records: &mut [Merged<T>], twins_of: &HashMap<String, Vec<String>>) {
        for record in records {
            if record.sources.iter().any(|s| twins_of.contains_key(&s.doc)) {
                record.sources = with_twins(&record.sources, twins_of);
            }
        }
    }
    cite(&mut kb.entities, twins_of);
    cite(&mut kb.events, twins_of);
    cite(&mut kb.agreements, twins_of);
    cite(&mut kb.figures, twins_of);
    cite(&mut kb.commitments, twins_of);
}

/// A record's sources with its representatives' twins cited beside them
/// (`twins_of`: each representative's twins), sorted: what
/// [`crate::merge_copies`] cites, from what [`crate::merge_representatives`]
/// gives, one record at a time.
pub fn with_twins(sources: &[Source], twins_of: &HashMap<String, Vec<String>>) -> Vec<Source> {
    let mut all: Vec<Source> = sources.to_vec();
    for source in sources {
        for twin in twins_of.get(&source.doc).into_iter().flatten() {
            all.push(Source { doc: twin.clone(), ..source.clone() });
        }
    }
    if all.len() > sources.len() {
        all.sort();
        // A twin under its representative's own id (one id ingested twice
        // by a caller) is cited once.
        all.dedup();
    }
    all
}
