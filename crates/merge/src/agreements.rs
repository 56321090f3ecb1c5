//! Agreements: one record per instrument across documents, its fields
//! combined from every source (signed from one, in force from another).
//!
//! Two reports name one instrument when they give the same parties (a
//! merge never moves an instrument to another pair: the same FTA named by
//! two pairs' articles is one record on each pair), their kinds are
//! compatible, they share a topic and their titles share most of their
//! content words. A report joins a group only when it links to every
//! member, so that no chain of resemblances joins two that differ. When
//! the titles are in different languages (or say nothing but the kind),
//! the parties, the kind and either a date given by both or the entities
//! the titles name (other than the parties) decide; failing those, a
//! report joins the one instrument of its kind, topic and parties in
//! another language, preferring one reported with the same happening.
//!
//! The registry lists identified instruments only (see `identified`).

use crate::cluster::{greedy, similar_token_sets, Buckets, ByDocument, DocGroup, UnionFind};
use crate::dates::Days;
use crate::entities::Index;
use crate::pick::merged_date;
use crate::{finish, fold, hashed_id, Built, Corpus, Group, Linked, Occasions, Report};
use accord_doc::facts::Agreement;
use std::collections::BTreeSet;

/// Title similarity (Jaccard of content words) at which two titles name
/// one instrument.
const SIMILAR_TITLES: f64 = 0.5;
/// Title similarity at which two titles name one instrument even when
/// their dates disagree (the disagreement is then a conflict).
const SAME_TITLES: f64 = 0.8;

struct Item<'a> {
    report: Report<'a, Agreement>,
    lang: &'a str,
    kind: String,
    title: Vec<String>,
    topics: BTreeSet<String>,
    signed: Option<Days>,
    in_force: Option<Days>,
    /// Merged entities named in the title, other than the parties: what
    /// a title says in any language ("EAEU" in "Vietnam – EAEU FTA").
    named: BTreeSet<usize>,
}

impl<'a> Item<'a> {
    fn new(corpus: &'a Corpus, index: &Index, doc: usize, record: &'a Agreement) -> Self {
        let report = Report::new(doc, record);
        let mut named = index.named_in(doc, &record.title);
        named.retain(|&e| index.code(e).is_none_or(|code| !report.parties.iter().any(|p| p == code)));
        Item {
            report,
            lang: corpus.docs[doc].doc.lang.as_str(),
            kind: fold::key(&record.kind).replace(' ', "_"),
            title: fold::content_tokens(&record.title),
            topics: record.topics.iter().map(|t| fold::key(t).replace(' ', "_")).collect(),
            signed: record.signed.as_deref().and_then(Days::parse),
            in_force: record.in_force.as_deref().and_then(Days::parse),
            named,
        }
    }
}

/// Kinds that may name one instrument: equal, either unknown or `other`,
/// or a joint statement called a declaration.
fn kinds_compatible(a: &str, b: &str) -> bool {
    let group = |k: &str| matches!(k, "joint_statement" | "declaration");
    a.is_empty() || b.is_empty() || a == b || a == "other" || b == "other" || (group(a) && group(b))
}

fn dates_agree(a: &Option<Days>, b: &Option<Days>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.nested(y),
        _ => true,
    }
}

/// How strongly two reports are of one instrument, ignoring their dates
/// (`Some(true)` when the titles are near identical), or `None`.
fn link(occasions: &Occasions, a: &Item, b: &Item) -> Option<(u32, bool)> {
    if a.report.doc == b.report.doc
        || a.report.parties != b.report.parties
        || !kinds_compatible(&a.kind, &b.kind)
        || a.topics.is_disjoint(&b.topics)
    {
        return None;
    }
    let dates_ok = dates_agree(&a.signed, &b.signed) && dates_agree(&a.in_force, &b.in_force);
    let similarity = fold::jaccard(&a.title, &b.title);
    if similarity >= SIMILAR_TITLES && dates_ok {
        return Some((10 + (similarity * 10.0) as u32, false));
    }
    if similarity >= SAME_TITLES && a.title.len() >= 2 && b.title.len() >= 2 {
        return Some((5, true));
    }
    // Titles that cannot be compared: another language, or nothing but the kind.
    let incomparable = a.lang != b.lang || a.title.is_empty() || b.title.is_empty();
    let same_date = matches!((&a.signed, &b.signed), (Some(x), Some(y)) if x == y)
        || matches!((&a.in_force, &b.in_force), (Some(x), Some(y)) if x == y);
    let same_names = !a.named.is_empty() && a.named == b.named;
    if !incomparable || !dates_ok || a.kind != b.kind {
        return None;
    }
    // The same bare words in one language ("the memorandum of
    // understanding (MOU)") tell the copies of one report from another
    // instrument of that kind signed the same day.
    let same_words = a.lang == b.lang && fold::key(&a.report.record.title) == fold::key(&b.report.record.title);
    if same_date || same_names {
        return Some((3 + u32::from(same_words), false));
    }
    // Nothing but kind, topic and parties in common: a weak link, which
    // decides only when one instrument fits (two that fit as well leave
    // the report on its own), helped by how many happenings the two
    // documents both report at the instrument's date (a signing reported
    // with the visit it crowned).
    if !a.report.parties.is_empty() {
        let signed = a.signed.as_ref().or(b.signed.as_ref());
        return Some((1 + occasions.shared(a.report.doc, b.report.doc, signed).min(8), false));
    }
    None
}

/// How well item `i` fits a group: it links to every member (A joins B
/// and C only when it is like both, not through B alone), and its dates
/// agree with every member's unless its title is near identical to one of
/// theirs; scored by its best link.
fn fit_instrument(items: &[Item], occasions: &Occasions, group: &DocGroup, i: usize) -> Option<u32> {
    let item = &items[i];
    let mut best: Option<(u32, bool)> = None;
    for &m in &group.distinct {
        let l = link(occasions, item, &items[m])?;
        if best.is_none_or(|b| l.0 > b.0) {
            best = Some(l);
        }
    }
    let (score, despite_dates) = best?;
    let dates_ok = group.distinct.iter().all(|&m| {
        let member = &items[m];
        dates_agree(&item.signed, &member.signed) && dates_agree(&item.in_force, &member.in_force)
    });
    (dates_ok || despite_dates).then_some(score)
}

pub(crate) fn merge(corpus: &Corpus, index: &Index, occasions: &Occasions) -> Linked<Agreement> {
    let mut items = Vec::new();
    for (doc, facts) in corpus.docs.iter().enumerate() {
        items.extend(facts.agreements.iter().map(|record| Item::new(corpus, index, doc, record)));
    }

    let mut buckets = Buckets::new();
    let titles: Vec<&[String]> = items.iter().map(|i| i.title.as_slice()).collect();
    similar_token_sets(&titles, SIMILAR_TITLES, &mut buckets);
    for (i, item) in items.iter().enumerate() {
        let named: Vec<String> = item.named.iter().map(usize::to_string).collect();
        for topic in &item.topics {
            if !item.report.parties.is_empty() {
                buckets.put(format!("\u{2}{topic}|{}|{}", item.kind, item.report.parties.join("-")), i);
            }
            if !named.is_empty() {
                buckets.put(format!("\u{1}{topic}|{}|{}", item.kind, named.join(",")), i);
            }
            for (field, date) in [("signed", &item.signed), ("in_force", &item.in_force)] {
                if let Some(date) = date {
                    buckets.put(format!("\u{0}{topic}|{}|{field}|{}", item.kind, date.first_year()), i);
                }
            }
        }
    }
    let mut sets = UnionFind::new(items.len());
    buckets.join_pairs(&mut sets, |i| (&items[i].title, &items[i].signed), |a, b| link(occasions, &items[a], &items[b]).is_some());

    let grouping = ByDocument {
        keys: items.iter().map(|i| i.report.key()).collect(),
        fit: |group: &DocGroup, i: usize| fit_instrument(&items, occasions, group, i),
    };
    let mut built = Vec::new();
    let mut doc_groups = Vec::new();
    let mut uncertain = Vec::new();
    for component in sets.sets() {
        let mut here: Vec<(usize, Vec<usize>)> = Vec::new();
        for members in greedy(&grouping, &component) {
            let instrument = build(corpus, &items, &members);
            if !identified(&instrument.record) {
                continue;
            }
            built.push(instrument);
            doc_groups.push(crate::group_docs(&members, |m| items[m].report.doc));
            here.push((built.len() - 1, members));
        }
        // Groups of one component that stayed apart though a report of one
        // is like a report of the other: each may be the other.
        for (x, (a, first)) in here.iter().enumerate() {
            for (b, second) in &here[x + 1..] {
                let alike = first
                    .iter()
                    .take(LINK_CHECKS)
                    .any(|&i| second.iter().take(LINK_CHECKS).any(|&j| link(occasions, &items[i], &items[j]).is_some()));
                if alike {
                    uncertain.push((*a, *b));
                }
            }
        }
    }
    let finished = finish(built);
    let links = finished.links("agreements", "a report of one is like a report of the other, but not like every report of it", uncertain);
    Linked { finished, groups: doc_groups, links }
}

/// Reports of each group compared for a candidate link: bounded, so that
/// two groups of many copies cost no more than two small ones.
const LINK_CHECKS: usize = 16;

/// Whether a merged instrument is one the registry can tell apart from
/// any other: its kind is known or it has a date (signed or in force).
/// A reference of no kind and no date ("cooperation documents in several
/// fields", "a code of conduct" still being sought) cannot be counted,
/// dated or joined to a later report of the same instrument, so the
/// knowledge base does not list it; its sentence stays in the documents'
/// facts and in search.
fn identified(record: &Agreement) -> bool {
    let kind = fold::key(&record.kind);
    !(kind.is_empty() || kind == "other") || record.signed.is_some() || record.in_force.is_some()
}

/// Later stages of an instrument's life win: a source that saw it in force
/// knows more than one that saw it signed.
fn status_rank(status: &str) -> u8 {
    match status {
        "expired" => 5,
        "in_force" => 4,
        "signed" => 3,
        "negotiating" => 2,
        "proposed" => 1,
        _ => 0,
    }
}

fn build(corpus: &Corpus, items: &[Item], members: &[usize]) -> Built<Agreement> {
    let group = Group::new(corpus, members, |m| &items[m].report);
    let topics: BTreeSet<String> = group.records().flat_map(|r| r.topics.iter().cloned()).collect();
    let known_date = |date: &Option<String>| date.as_ref().filter(|d| Days::parse(d).is_some()).cloned();
    let mut conflicts = Vec::new();
    let signed = merged_date(&group.votes(|r| known_date(&r.signed)), "agreements", "signed", &mut conflicts);
    let in_force = merged_date(&group.votes(|r| known_date(&r.in_force)), "agreements", "in_force", &mut conflicts);
    let title = group.votes(|r| Some(r.title.clone())).most_frequent(|t| fold::content_tokens(t).len()).unwrap_or_default();
    // The evidence is a sentence that gives the title shown.
    let evidence = group.first_giving(|r| r.title == title).evidence.clone();
    let record = Agreement {
        title,
        kind: group.votes(|r| Some(r.kind.clone())).most_frequent(|k| k != "other").unwrap_or_default(),
        topics: topics.into_iter().collect(),
        parties: group.parties(),
        signed,
        in_force,
        status: latest_status(group.records().filter_map(|r| r.status.as_ref())),
        evidence,
        rule: None,
    };
    let id_base = hashed_id("agreement", group.sources.first());
    let sort_key = format!("{}|{}", record.signed.clone().unwrap_or_default(), fold::key(&record.title));
    let discriminator = crate::report_discriminator(group.first());
    Built { record, sources: group.sources, id_base, discriminator, sort_key, conflicts }
}

/// The latest stage of an instrument's life that a source reports (see
/// [`status_rank`]; on a tie of ranks, the first in alphabetical order).
fn latest_status<'r>(statuses: impl Iterator<Item = &'r String>) -> Option<String> {
    let mut status: Option<&String> = None;
    for s in statuses {
        let better = match status {
            Some(current) => (status_rank(s), std::cmp::Reverse(s)) > (status_rank(current), std::cmp::Reverse(current)),
            None => true,
        };
        if better {
            status = Some(s);
        }
    }
    status.cloned()
}
