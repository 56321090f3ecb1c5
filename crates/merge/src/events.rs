//! Events: the same visit, meeting, milestone or measure reported by
//! several documents becomes one event citing all of them, dated as
//! precisely as its sources allow.
//!
//! Two reports are of one happening when they have the same type (and
//! `what`, `by`), the same parties (a merge never moves a report to
//! another pair), compatible dates (one contains the other), and share a
//! participant (after the entity merge) or, when one names none, the host.
//! Dated reports are grouped first, the most precise first, so that a
//! coarse date ("2025") cannot chain two different precise ones; an undated
//! report then joins a happening only when it is the one it fits (the one
//! dated happening, else the one undated), and takes its date.

use crate::cluster::{greedy, Buckets, Grouping, UnionFind};
use crate::dates::Days;
use crate::entities::Index;
use crate::pick::{merged_date, Votes};
use crate::{finish, fold, hashed_id, Built, Corpus, Linked, Source};
use accord_doc::facts::Event;
use accord_doc::{Date, DateRange};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The most groups an undated report is compared with.
const MAX_CANDIDATES: usize = 1024;

/// Reports whose date spans more years than this are placed like undated
/// ones (after the precise ones are grouped).
const MAX_BUCKETED_YEARS: i64 = 3;

struct Item<'a> {
    doc: usize,
    record: &'a Event,
    /// Type, `what` and `by`: reports of one happening share them.
    base: String,
    date: Option<Days>,
    /// Merged entities (`e12`) or, when unresolved, folded names (`n:...`).
    participants: BTreeSet<String>,
    host: Option<String>,
    place: Option<String>,
    parties: Vec<String>,
    once_only: bool,
    /// The document's publication date: a happening it reports cannot
    /// have begun later.
    published: Option<Days>,
    /// Keys one of which two reports of one happening share.
    identity: Vec<String>,
}

/// The host key under which a report naming no participant is found: a
/// report naming participants looks only there for a host match, not
/// among every visit to the host.
fn unnamed_host_key(host: &str) -> String {
    format!("hu:{host}")
}

fn entity_key(index: &Index, doc: usize, name: &str) -> Option<String> {
    let key = fold::key(name);
    if key.is_empty() {
        return None;
    }
    Some(match index.resolve(doc, name) {
        Some(entity) => format!("e{entity}"),
        None => format!("n:{key}"),
    })
}

fn country_code(index: &Index, doc: usize, name: &str) -> Option<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.len() <= 3 && trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(trimmed.to_uppercase());
    }
    Some(match index.resolve(doc, trimmed) {
        Some(entity) => format!("e{entity}"),
        None => fold::key(trimmed),
    })
}

impl<'a> Item<'a> {
    fn new(index: &Index, doc: usize, published: Option<Date>, record: &'a Event) -> Self {
        let kind = fold::key(&record.kind);
        let what = record.what.as_deref().map(fold::key).unwrap_or_default();
        let by = record.by.as_deref().and_then(|b| country_code(index, doc, b)).unwrap_or_default();
        let base = format!("{kind}|{what}|{by}");
        let participants: BTreeSet<String> = record.participants.iter().filter_map(|p| entity_key(index, doc, p)).collect();
        let host = record.host.as_deref().and_then(|h| country_code(index, doc, h));
        let place = record.place.as_deref().and_then(|p| entity_key(index, doc, p));
        let parties = crate::party_codes(&record.parties);
        let once_only = kind == "milestone" && crate::milestones::once_only(record.what.as_deref().unwrap_or(""));
        let mut identity: Vec<String> = participants.iter().map(|p| format!("p:{p}")).collect();
        if let Some(host) = &host {
            identity.push(format!("h:{host}"));
        }
        if identity.is_empty() {
            identity.push(match kind.as_str() {
                "milestone" | "policy" => format!("parties:{}", parties.join("-")),
                _ => place.as_ref().map_or_else(|| "any".to_string(), |p| format!("place:{p}")),
            });
        }
        let date = record.date.as_deref().and_then(Days::parse);
        Item {
            doc,
            record,
            base,
            date,
            participants,
            host,
            place,
            parties,
            once_only,
            published: published.map(|p| Days::from(DateRange::from(p))),
            identity,
        }
    }

    fn kind(&self) -> &str {
        self.base.split('|').next().unwrap_or("")
    }

    fn bucketed(&self) -> bool {
        self.date.is_some_and(|d| d.last_year() - d.first_year() < MAX_BUCKETED_YEARS)
    }
}

#[derive(Default)]
struct Group {
    docs: HashSet<usize>,
    dates: Vec<Days>,
    participants: BTreeSet<String>,
    hosts: BTreeSet<String>,
    places: BTreeSet<String>,
    /// The parties of every member, none included: all equal.
    parties: BTreeSet<Vec<String>>,
}

struct Happenings<'a, 'b> {
    items: &'b [Item<'a>],
}

impl Grouping for Happenings<'_, '_> {
    type Group = Group;

    fn start(&self, item: usize) -> Group {
        let mut group = Group::default();
        self.add(&mut group, item);
        group
    }

    fn add(&self, group: &mut Group, i: usize) {
        let item = &self.items[i];
        group.docs.insert(item.doc);
        if let Some(date) = item.date {
            if !group.dates.contains(&date) {
                group.dates.push(date);
            }
        }
        group.participants.extend(item.participants.iter().cloned());
        group.hosts.extend(item.host.clone());
        group.places.extend(item.place.clone());
        group.parties.insert(item.parties.clone());
    }

    fn fit(&self, group: &Group, i: usize) -> Option<u32> {
        let item = &self.items[i];
        if group.docs.contains(&item.doc) {
            return None;
        }
        // The pair a report is on is what its own sentence says: another
        // pair's report (or one naming no pair) is another happening, or
        // merging would move it (issue 12).
        if group.parties.iter().any(|p| *p != item.parties) {
            return None;
        }
        if let Some(host) = &item.host {
            if !group.hosts.is_empty() && !group.hosts.contains(host) {
                return None;
            }
        }
        // An undated report cannot be of a happening that began after it
        // was published. A dated report is placed by its own date (which
        // may itself lie after publication: an announced programme).
        if let (None, Some(published)) = (&item.date, &item.published) {
            if group.dates.iter().any(|d| d.first > published.last) {
                return None;
            }
        }
        // Without a date of its own a report must not contradict the
        // happening's place either: that is all that tells them apart.
        if let (None, Some(place)) = (&item.date, &item.place) {
            if !group.places.is_empty() && !group.places.contains(place) {
                return None;
            }
        }
        if let Some(date) = &item.date {
            let agrees = |other: &Days| {
                if item.once_only {
                    date.first_year() <= other.last_year() && other.first_year() <= date.last_year()
                } else {
                    date.nested(other)
                }
            };
            if !group.dates.iter().all(agrees) {
                return None;
            }
        }
        let shared = item.participants.intersection(&group.participants).count() as u32;
        let same_host = item.host.as_ref().is_some_and(|h| group.hosts.contains(h));
        let one_side_unnamed = item.participants.is_empty() || group.participants.is_empty();
        let same_precise_day = match (&item.date, group.dates.as_slice()) {
            (Some(d), [only]) => d == only && d.len() <= 2,
            _ => false,
        };
        let identified = match item.kind() {
            "visit" => shared > 0 || (one_side_unnamed && same_host),
            "meeting" if !one_side_unnamed => {
                let item_within = item.participants.is_subset(&group.participants);
                let group_within = group.participants.is_subset(&item.participants);
                // One person named meets many people: an undated report of
                // "talks" with only them joins the same people's talks, or
                // talks a date or place ties it to, not any talks of theirs.
                let same_people = item.participants == group.participants;
                let tied = item.date.is_some() || !group.dates.is_empty() || item.place.as_ref().is_some_and(|p| group.places.contains(p));
                let one_named = item.participants.len() == 1 || group.participants.len() == 1;
                shared > 0 && (item_within || group_within || shared >= 2) && (!one_named || same_people || tied)
            }
            "meeting" => same_precise_day,
            // Same type, `what`, `by` and parties (checked above).
            "milestone" | "policy" => true,
            _ => shared > 0 || same_host,
        };
        if !identified {
            return None;
        }
        let same_place = item.place.as_ref().is_some_and(|p| group.places.contains(p));
        let same_date = item.date.is_some_and(|d| group.dates.contains(&d));
        // An undated report would rather join a dated happening (and take
        // its date) than another undated report.
        let dated = !group.dates.is_empty();
        Some(1 + 2 * shared + u32::from(same_place) + u32::from(same_date) + u32::from(same_host) + u32::from(dated))
    }
}

/// The one happening an undated report may join: the only dated one it
/// fits, else, when it fits no dated one, the only undated one. Nothing
/// else tells two candidates apart, and a wrong guess would give the
/// report another happening's date (issue 12), so two leave it alone.
fn only_candidate(fitting: &[usize], dated: impl Fn(usize) -> bool) -> Option<usize> {
    let (with_date, without): (Vec<usize>, Vec<usize>) = fitting.iter().copied().partition(|&g| dated(g));
    match (with_date.as_slice(), without.as_slice()) {
        ([one], _) | ([], [one]) => Some(*one),
        _ => None,
    }
}

pub(crate) fn merge(corpus: &Corpus, index: &Index) -> Linked<Event> {
    let mut items = Vec::new();
    for (doc, facts) in corpus.docs.iter().enumerate() {
        items.extend(facts.events.iter().map(|record| Item::new(index, doc, facts.doc.published, record)));
    }
    let happenings = Happenings { items: &items };
    let mut groups = group_dated(&items, &happenings);
    let uncertain = place_undated(&items, &happenings, &mut groups);
    let mut built = Vec::new();
    let mut doc_groups = Vec::new();
    for (_, members) in &groups {
        built.push(build(corpus, index, &items, members));
        doc_groups.push(crate::group_docs(members, |m| items[m].doc));
    }
    let finished = finish(built);
    let links = finished.links("events", "an undated report that fits more than one happening of its pair and type", uncertain);
    Linked { finished, groups: doc_groups, links }
}

/// The dated reports grouped: compared within buckets of type, identity
/// and year, then grouped greedily, the most precise first.
fn group_dated(items: &[Item], happenings: &Happenings) -> Vec<(Group, Vec<usize>)> {
    let mut sets = UnionFind::new(items.len());
    let mut buckets = Buckets::new();
    for (i, item) in items.iter().enumerate() {
        if let (true, Some(date)) = (item.bucketed(), item.date) {
            for year in date.first_year()..=date.last_year() {
                for key in &item.identity {
                    buckets.put(format!("{}|{key}|{year}", item.base), i);
                }
            }
        }
    }
    let likeness = |i: usize| (items[i].date, &items[i].participants, &items[i].place);
    buckets.join_pairs(&mut sets, likeness, |a, b| {
        let group = happenings.start(a);
        happenings.fit(&group, b).is_some()
    });
    let mut groups: Vec<(Group, Vec<usize>)> = Vec::new();
    for mut component in sets.sets() {
        if !items[component[0]].bucketed() {
            continue;
        }
        component.sort_by_key(|&i| (items[i].date.map_or(i64::MAX, |d| d.len()), i));
        for members in greedy(happenings, &component) {
            let mut group = happenings.start(members[0]);
            for &m in &members[1..] {
                happenings.add(&mut group, m);
            }
            groups.push((group, members));
        }
    }

    groups
}

/// Undated and vaguely dated reports, in canonical order: each joins the
/// one group it fits best, found through its identity keys, or stands
/// alone; the pairs (its own group, a group it fits) of those that fit more
/// than one.
fn place_undated(items: &[Item], happenings: &Happenings, groups: &mut Vec<(Group, Vec<usize>)>) -> Vec<(usize, usize)> {
    let mut by_identity: HashMap<String, BTreeSet<usize>> = HashMap::new();
    let register = |by_identity: &mut HashMap<String, BTreeSet<usize>>, item: &Item, g: usize| {
        for key in
            item.identity.iter().cloned().chain(item.host.iter().filter(|_| item.participants.is_empty()).map(|h| unnamed_host_key(h)))
        {
            by_identity.entry(format!("{}|{key}", item.base)).or_default().insert(g);
        }
    };
    for (g, (_, members)) in groups.iter().enumerate() {
        for &m in members {
            register(&mut by_identity, &items[m], g);
        }
    }
    // The same report made twice (a syndicated copy) is one happening,
    // whatever else it might fit.
    let mut by_likeness: HashMap<String, usize> = HashMap::new();
    let mut uncertain: Vec<(usize, usize)> = Vec::new();
    let likeness_key = |item: &Item| {
        format!(
            "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            item.base, item.participants, item.host, item.place, item.date, item.parties, item.published
        )
    };
    for (i, item) in items.iter().enumerate() {
        if item.bucketed() {
            continue;
        }
        if let Some(&g) = by_likeness.get(&likeness_key(item)) {
            if happenings.fit(&groups[g].0, i).is_some() {
                happenings.add(&mut groups[g].0, i);
                groups[g].1.push(i);
                continue;
            }
        }
        let mut candidates = BTreeSet::new();
        for key in &lookup_keys(item) {
            if let Some(found) = by_identity.get(&format!("{}|{key}", item.base)) {
                candidates.extend(found.iter().copied());
            }
        }
        // Bounded so that a key shared by very many happenings (a
        // pair's every milestone) cannot make this quadratic.
        let fitting: Vec<usize> =
            candidates.into_iter().take(MAX_CANDIDATES).filter(|&g| happenings.fit(&groups[g].0, i).is_some()).collect();
        let g = match only_candidate(&fitting, |g| !groups[g].0.dates.is_empty()) {
            Some(g) => {
                happenings.add(&mut groups[g].0, i);
                groups[g].1.push(i);
                g
            }
            _ => {
                groups.push((happenings.start(i), vec![i]));
                let own = groups.len() - 1;
                uncertain.extend(fitting.iter().map(|&g| (own, g)));
                own
            }
        };
        register(&mut by_identity, item, g);
        by_likeness.entry(likeness_key(item)).or_insert(g);
    }

    uncertain
}

/// The identity keys under which an undated report looks for its
/// happening: its participants and unnamed host, else its identity; none
/// for a report naming nobody, no host and no parties, which can only be
/// matched by its exact day, which an undated report lacks.
fn lookup_keys(item: &Item) -> Vec<String> {
    let unidentifiable = item.identity.iter().all(|k| k == "any" || k.starts_with("place:"));
    if unidentifiable {
        Vec::new()
    } else if item.participants.is_empty() {
        item.identity.clone()
    } else {
        let mut keys: Vec<String> = item.participants.iter().map(|p| format!("p:{p}")).collect();
        keys.extend(item.host.as_deref().map(unnamed_host_key));
        keys
    }
}

/// The display form of a participant or place: the merged entity's name.
fn display(index: &Index, doc: usize, name: &str) -> String {
    match index.resolve(doc, name) {
        Some(entity) if !index.name(entity).is_empty() => index.name(entity).to_string(),
        _ => name.trim().to_string(),
    }
}

fn build(corpus: &Corpus, index: &Index, items: &[Item], members: &[usize]) -> Built<Event> {
    let mut sources: Vec<Source> = members.iter().map(|&m| Source::of(corpus.id(items[m].doc), &items[m].record.evidence)).collect();
    sources.sort();
    sources.dedup();
    let first = members
        .iter()
        .map(|&m| &items[m])
        .min_by(|a, b| {
            let sa = Source::of(corpus.id(a.doc), &a.record.evidence);
            let sb = Source::of(corpus.id(b.doc), &b.record.evidence);
            sa.cmp(&sb)
        })
        .unwrap_or(&items[members[0]]);

    let mut visit_kinds = Votes::new();
    let mut whats = Votes::new();
    let mut bys = Votes::new();
    let mut hosts = Votes::new();
    let mut places: BTreeMap<String, Votes<String>> = BTreeMap::new();
    let mut all_places = Votes::new();
    let mut date_votes = Votes::new();
    let mut parties = Votes::new();
    let mut participants: Vec<String> = Vec::new();
    let mut participant_keys = HashSet::new();
    for &m in members {
        let item = &items[m];
        let doc = corpus.id(item.doc);
        let record = item.record;
        if let Some(v) = &record.visit_kind {
            visit_kinds.add(v.clone(), doc);
        }
        if let Some(v) = &record.what {
            whats.add(v.clone(), doc);
        }
        if let Some(v) = &record.by {
            bys.add(v.clone(), doc);
        }
        if let Some(v) = &record.host {
            hosts.add(v.clone(), doc);
        }
        if let (Some(place), Some(key)) = (&record.place, &item.place) {
            let shown = display(index, item.doc, place);
            all_places.add(shown.clone(), doc);
            places.entry(key.clone()).or_insert_with(Votes::new).add(shown, doc);
        }
        if let Some(date) = &record.date {
            if Days::parse(date).is_some() {
                date_votes.add(date.clone(), doc);
            }
        }
        if !item.parties.is_empty() {
            parties.add(item.parties.clone(), doc);
        }
        for p in &record.participants {
            let shown = display(index, item.doc, p);
            if participant_keys.insert(fold::key(&shown)) {
                participants.push(shown);
            }
        }
    }

    let mut conflicts = Vec::new();
    let date = merged_date(&date_votes, "events", "date", &mut conflicts);
    conflicts.extend(visit_kinds.conflict("events", "", "kind"));
    if places.len() > 1 {
        conflicts.extend(all_places.conflict("events", "", "place"));
    }
    let place = places
        .values()
        .max_by(|a, b| a.doc_count().cmp(&b.doc_count()).then_with(|| b.values().next().cmp(&a.values().next())))
        .and_then(|votes| votes.most_frequent(|v| fold::marked_letters(v)));

    let record = Event {
        kind: first.record.kind.clone(),
        visit_kind: visit_kinds.most_frequent(|_| 0),
        what: whats.most_frequent(|_| 0),
        by: bys.most_frequent(|_| 0),
        participants,
        host: hosts.most_frequent(|_| 0),
        place,
        date: date.clone(),
        parties: parties.most_frequent(|p| p.len()).unwrap_or_default(),
        evidence: first.record.evidence.clone(),
        rule: None,
    };
    let id_base = hashed_id("event", sources.first());
    let sort_key = format!("{}|{}|{}", record.kind, date.unwrap_or_default(), record.what.clone().unwrap_or_default());
    let discriminator = crate::report_discriminator(first.record);
    Built { record, sources, id_base, discriminator, sort_key, conflicts }
}
