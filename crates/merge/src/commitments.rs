//! Commitments: the same statement's commitments reported by several
//! outlets are one record. Conservative: the committed actions must share
//! most of their content words and the areas must agree; documents that
//! report the same occasion (a merged event or agreement) may share fewer.

use crate::cluster::{greedy, similar_token_sets, Buckets, ByDocument, DocGroup, UnionFind};
use crate::{finish, fold, hashed_id, Built, Corpus, Finished, Group, Occasions, Report};
use accord_doc::facts::Commitment;
use std::collections::BTreeSet;

/// Text similarity (Jaccard of content words) for the same areas.
const SIMILAR_TEXT: f64 = 0.6;
/// Text similarity when the areas only overlap.
const NEAR_IDENTICAL_TEXT: f64 = 0.8;
/// Text similarity for the same areas and parties within one occasion.
const SAME_OCCASION_TEXT: f64 = 0.35;

struct Item<'a> {
    report: Report<'a, Commitment>,
    text: Vec<String>,
    areas: BTreeSet<String>,
}

fn link(occasions: &Occasions, a: &Item, b: &Item) -> Option<u32> {
    if a.report.doc == b.report.doc {
        return None;
    }
    if !a.report.parties.is_empty() && !b.report.parties.is_empty() && a.report.parties != b.report.parties {
        return None;
    }
    let similarity = fold::jaccard(&a.text, &b.text);
    let same_areas = a.areas == b.areas;
    if same_areas && similarity >= SIMILAR_TEXT {
        return Some(3);
    }
    if !a.areas.is_disjoint(&b.areas) && similarity >= NEAR_IDENTICAL_TEXT {
        return Some(3);
    }
    let same_parties = !a.report.parties.is_empty() && a.report.parties == b.report.parties;
    if same_areas && same_parties && similarity >= SAME_OCCASION_TEXT && occasions.shared(a.report.doc, b.report.doc, None) > 0 {
        return Some(1);
    }
    None
}

pub(crate) fn merge(corpus: &Corpus, occasions: &Occasions) -> Finished<Commitment> {
    let mut items = Vec::new();
    for (doc, facts) in corpus.docs.iter().enumerate() {
        for record in &facts.commitments {
            let text = fold::content_tokens(if record.text.trim().is_empty() { &record.evidence.quote } else { &record.text });
            let areas = record.areas.iter().map(|a| fold::key(a).replace(' ', "_")).collect();
            items.push(Item { report: Report::new(doc, record), text, areas });
        }
    }
    let mut buckets = Buckets::new();
    let texts: Vec<&[String]> = items.iter().map(|i| i.text.as_slice()).collect();
    similar_token_sets(&texts, SAME_OCCASION_TEXT, &mut buckets);
    let mut sets = UnionFind::new(items.len());
    buckets.join_pairs(&mut sets, |i| &items[i].text, |a, b| link(occasions, &items[a], &items[b]).is_some());
    let statements = ByDocument {
        keys: items.iter().map(|i| i.report.key()).collect(),
        fit: |group: &DocGroup, i: usize| group.distinct.iter().filter_map(|&m| link(occasions, &items[i], &items[m])).max(),
    };
    let mut built = Vec::new();
    for component in sets.sets() {
        for members in greedy(&statements, &component) {
            built.push(build(corpus, &items, &members));
        }
    }
    finish(built)
}

fn build(corpus: &Corpus, items: &[Item], members: &[usize]) -> Built<Commitment> {
    let group = Group::new(corpus, members, |m| &items[m].report);
    let record = Commitment {
        areas: group.votes(|r| Some(r.areas.clone())).most_frequent(|a| a.len()).unwrap_or_default(),
        parties: group.parties(),
        modality: group.votes(|r| Some(r.modality.clone())).most_frequent(|_| 0).unwrap_or_default(),
        text: group.votes(|r| Some(r.text.clone())).most_frequent(|t| t.len()).unwrap_or_default(),
        evidence: group.first().evidence.clone(),
        rule: None,
    };
    let id_base = hashed_id("commitment", group.sources.first());
    let sort_key = group.sources.first().map_or_else(String::new, |s| s.doc.clone());
    let discriminator = crate::report_discriminator(group.first());
    Built { record, sources: group.sources, id_base, discriminator, sort_key, conflicts: Vec::new() }
}
