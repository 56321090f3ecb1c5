//! Entities: one record per real entity across documents and scripts.
//!
//! Countries meet by code; people, organisations and places by folded
//! names and aliases. People's names then meet across spelling slips and
//! romanisations (`Lukashenk`, `Aleksandr`/`Alexander`), and a lone
//! surname joins the one person who bears it. Missions, mechanisms of the
//! relationship, sites and world regions are left out (`secondary`).

use crate::cluster::{greedy, Buckets, Grouping, UnionFind};
use crate::pick::Votes;
use crate::{finish, fold, Built, Corpus, Finished, Source};
use accord_doc::facts::{Entity, EntityType};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub(crate) struct Merge {
    pub finished: Finished<Entity>,
    pub index: Index,
}

/// Finds the merged entity a name in a document refers to.
pub(crate) struct Index {
    /// For each document: name key (or `code:XX`) to merged entity.
    local: Vec<HashMap<String, usize>>,
    /// Name key (or `code:XX`) to the merged entities that bear it.
    global: HashMap<String, Vec<usize>>,
    names: Vec<String>,
    codes: Vec<Option<String>>,
}

impl Index {
    /// The merged entity that `name` (a name, alias or country code) means
    /// in document `doc`: the document's own entity of that name, else the
    /// only entity anywhere of that name.
    pub fn resolve(&self, doc: usize, name: &str) -> Option<usize> {
        let name_key = fold::key(name);
        let code_key = format!("code:{}", name.trim().to_uppercase());
        let local = self.local.get(doc);
        for key in [&name_key, &code_key] {
            if let Some(&found) = local.and_then(|map| map.get(key)) {
                return Some(found);
            }
        }
        for key in [&name_key, &code_key] {
            if let Some([only]) = self.global.get(key).map(Vec::as_slice) {
                return Some(*only);
            }
        }
        None
    }

    /// The merged entities whose names (as written in document `doc`)
    /// occur as whole words in `text`.
    pub fn named_in(&self, doc: usize, text: &str) -> BTreeSet<usize> {
        let folded = format!(" {} ", fold::key(text));
        let mut found = BTreeSet::new();
        if let Some(local) = self.local.get(doc) {
            for (key, &entity) in local {
                if key.len() >= 2 && !key.starts_with("code:") && folded.contains(&format!(" {key} ")) {
                    found.insert(entity);
                }
            }
        }
        found
    }

    /// The merged code of a resolved entity (countries).
    pub fn code(&self, entity: usize) -> Option<&str> {
        self.codes.get(entity).and_then(|c| c.as_deref())
    }

    /// The merged name of a resolved entity.
    pub fn name(&self, entity: usize) -> &str {
        self.names.get(entity).map_or("", String::as_str)
    }
}

struct Item<'a> {
    doc: usize,
    record: &'a Entity,
    /// Keys two records of one entity share, with the kind in them.
    keys: Vec<String>,
    code: Option<String>,
    country: Option<String>,
    /// People: names of two words or more, as tokens.
    full_names: Vec<Vec<String>>,
    /// People: one-word names (a surname alone).
    single_names: Vec<String>,
}

impl<'a> Item<'a> {
    fn new(doc: usize, record: &'a Entity) -> Self {
        let kind = record.kind.as_str();
        let code = record.code.as_deref().map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty());
        let country = record.country.as_deref().map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty());
        let mut keys = Vec::new();
        let mut full_names = Vec::new();
        let mut single_names = Vec::new();
        for form in std::iter::once(&record.name).chain(&record.aliases) {
            let key = fold::key(form);
            if key.is_empty() {
                continue;
            }
            if record.kind == EntityType::Person {
                let tokens: Vec<String> = key.split(' ').map(str::to_string).collect();
                if tokens.len() > 1 {
                    keys.push(format!("person:{key}"));
                    full_names.push(tokens);
                } else {
                    single_names.push(key);
                }
            } else {
                keys.push(format!("{kind}:{key}"));
            }
        }
        if let Some(code) = &code {
            if record.kind == EntityType::Country {
                keys.push(format!("code:{code}"));
            }
        }
        // A surname alone meets other lone surnames here; it meets full
        // names later, and only when one person bears it.
        if full_names.is_empty() {
            keys.extend(single_names.iter().map(|s| format!("person1:{s}")));
        }
        keys.sort();
        keys.dedup();
        full_names.sort();
        full_names.dedup();
        single_names.sort();
        single_names.dedup();
        Item { doc, record, keys, code, country, full_names, single_names }
    }

    /// Records that carry a code or country first: they decide which
    /// entity a bare name belongs to.
    fn attributed(&self) -> bool {
        self.code.is_some() || self.country.is_some()
    }
}

fn compatible(set: &BTreeSet<String>, value: &Option<String>) -> bool {
    match value {
        Some(v) => set.is_empty() || set.contains(v),
        None => true,
    }
}

struct ByKeys<'a, 'b> {
    items: &'b [Item<'a>],
}

struct Group {
    keys: HashSet<String>,
    codes: BTreeSet<String>,
    countries: BTreeSet<String>,
}

impl Grouping for ByKeys<'_, '_> {
    type Group = Group;

    fn start(&self, item: usize) -> Group {
        let mut group = Group { keys: HashSet::new(), codes: BTreeSet::new(), countries: BTreeSet::new() };
        self.add(&mut group, item);
        group
    }

    fn fit(&self, group: &Group, item: usize) -> Option<u32> {
        let item = &self.items[item];
        if !compatible(&group.codes, &item.code) || !compatible(&group.countries, &item.country) {
            return None;
        }
        let shared = item.keys.iter().filter(|k| group.keys.contains(*k)).count();
        (shared > 0).then_some(shared as u32)
    }

    fn add(&self, group: &mut Group, item: usize) {
        let item = &self.items[item];
        group.keys.extend(item.keys.iter().cloned());
        group.codes.extend(item.code.clone());
        group.countries.extend(item.country.clone());
    }
}

pub(crate) fn merge(corpus: &Corpus) -> Merge {
    let mut items = Vec::new();
    for (doc, facts) in corpus.docs.iter().enumerate() {
        items.extend(facts.entities.iter().map(|record| Item::new(doc, record)));
    }

    // Records sharing a key, then split where codes or countries disagree.
    let mut sets = UnionFind::new(items.len());
    let mut buckets = Buckets::new();
    for (i, item) in items.iter().enumerate() {
        for key in &item.keys {
            buckets.put(key.clone(), i);
        }
    }
    buckets.join_all(&mut sets);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for mut component in sets.sets() {
        component.sort_by_key(|&i| (!items[i].attributed(), i));
        groups.extend(greedy(&ByKeys { items: &items }, &component));
    }

    let mut people = UnionFind::new(groups.len());
    join_spelling_variants(&items, &groups, &mut people);
    join_lone_surnames(&items, &groups, &mut people);

    let mut built = Vec::new();
    let mut members_of = Vec::new();
    for set in people.sets() {
        let mut members: Vec<usize> = set.iter().flat_map(|&g| groups[g].iter().copied()).collect();
        members.sort_unstable();
        let entity = build(corpus, &items, &members);
        if crate::secondary::secondary(&entity.record) {
            continue;
        }
        built.push(entity);
        members_of.push(members);
    }
    let finished = finish(built);

    let mut local = vec![HashMap::new(); corpus.docs.len()];
    let mut global: HashMap<String, Vec<usize>> = HashMap::new();
    for (old, members) in members_of.iter().enumerate() {
        let entity = finished.position[old];
        for &m in members {
            let item = &items[m];
            let forms = std::iter::once(&item.record.name).chain(&item.record.aliases).map(|f| fold::key(f));
            let codes = item.code.iter().map(|c| format!("code:{c}"));
            for key in forms.chain(codes).filter(|k| !k.is_empty()) {
                local[item.doc].entry(key.clone()).or_insert(entity);
                let list = global.entry(key).or_default();
                if !list.contains(&entity) {
                    list.push(entity);
                }
            }
        }
    }
    let names = finished.records.iter().map(|m| m.record.name.clone()).collect();
    let codes = finished.records.iter().map(|m| m.record.code.clone()).collect();
    Merge { finished, index: Index { local, global, names, codes } }
}

/// Per group of people: its full names and its countries.
fn person_groups<'a>(items: &'a [Item], groups: &[Vec<usize>]) -> Vec<(Vec<&'a [String]>, BTreeSet<String>)> {
    groups
        .iter()
        .map(|group| {
            let mut names: Vec<&[String]> = Vec::new();
            let mut countries = BTreeSet::new();
            for &i in group {
                if items[i].record.kind == EntityType::Person {
                    names.extend(items[i].full_names.iter().map(Vec::as_slice));
                    countries.extend(items[i].country.clone());
                }
            }
            names.sort();
            names.dedup();
            (names, countries)
        })
        .collect()
}

fn countries_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.is_empty() || b.is_empty() || a == b
}

/// Full names that are spellings of one name: first and last words alike
/// (and the middle ones, when both have the same number).
fn same_full_name(a: &[String], b: &[String]) -> bool {
    let (Some(af), Some(al), Some(bf), Some(bl)) = (a.first(), a.last(), b.first(), b.last()) else {
        return false;
    };
    if !fold::similar_token(af, bf) || !fold::similar_token(al, bl) {
        return false;
    }
    a.len() != b.len() || a.iter().zip(b).all(|(x, y)| fold::similar_token(x, y))
}

fn join_spelling_variants(items: &[Item], groups: &[Vec<usize>], people: &mut UnionFind) {
    let summaries = person_groups(items, groups);
    let mut buckets = Buckets::new();
    for (g, (names, _)) in summaries.iter().enumerate() {
        for name in names {
            let (Some(first), Some(last)) = (name.first(), name.last()) else {
                continue;
            };
            let initial: String = first.chars().take(1).collect();
            let stem: String = last.chars().take(2).collect();
            buckets.put(format!("{initial}|{stem}"), g);
        }
    }
    buckets.join_pairs(
        people,
        |g| summaries[g].0.first().copied(),
        |a, b| {
            let ((na, ca), (nb, cb)) = (&summaries[a], &summaries[b]);
            countries_agree(ca, cb) && na.iter().any(|x| nb.iter().any(|y| same_full_name(x, y)))
        },
    );
}

fn join_lone_surnames(items: &[Item], groups: &[Vec<usize>], people: &mut UnionFind) {
    let summaries = person_groups(items, groups);
    // Last words of full names, and one-word aliases of people with full
    // names, to the people who bear them.
    let mut bearers: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (g, (names, _)) in summaries.iter().enumerate() {
        if names.is_empty() {
            continue;
        }
        let root = people.find(g);
        for name in names {
            if let Some(last) = name.last() {
                bearers.entry(last.as_str()).or_default().insert(root);
            }
        }
        for &i in &groups[g] {
            for single in &items[i].single_names {
                bearers.entry(single.as_str()).or_default().insert(root);
            }
        }
    }
    let mut by_stem: HashMap<String, Vec<&str>> = HashMap::new();
    for &token in bearers.keys() {
        by_stem.entry(token.chars().take(2).collect()).or_default().push(token);
    }
    let mut joins = Vec::new();
    for (g, (names, countries)) in summaries.iter().enumerate() {
        let singles: BTreeSet<&str> = groups[g]
            .iter()
            .filter(|&&i| items[i].record.kind == EntityType::Person)
            .flat_map(|&i| items[i].single_names.iter().map(String::as_str))
            .collect();
        if !names.is_empty() || singles.is_empty() {
            continue;
        }
        let mut candidates = BTreeSet::new();
        for single in &singles {
            if let Some(roots) = bearers.get(single) {
                candidates.extend(roots.iter().copied());
            }
        }
        if candidates.is_empty() {
            for single in &singles {
                let stem: String = single.chars().take(2).collect();
                for token in by_stem.get(&stem).into_iter().flatten() {
                    if fold::similar_token(single, token) {
                        candidates.extend(bearers[token].iter().copied());
                    }
                }
            }
        }
        candidates.retain(|&root| countries_agree(&summaries[root].1, countries));
        if let (Some(&only), 1) = (candidates.iter().next(), candidates.len()) {
            joins.push((g, only));
        }
    }
    for (a, b) in joins {
        people.union(a, b);
    }
}

fn build(corpus: &Corpus, items: &[Item], members: &[usize]) -> Built<Entity> {
    let first = &items[members[0]];
    let kind = first.record.kind;

    // The name: among the records' names, the key with the most words (for
    // people, the fullest form) or the most documents (for the others);
    // within a key, the spelling with its diacritics.
    let mut by_key: BTreeMap<String, Votes<String>> = BTreeMap::new();
    for &m in members {
        let item = &items[m];
        by_key.entry(fold::key(&item.record.name)).or_insert_with(Votes::new).add(item.record.name.clone(), corpus.id(item.doc));
    }
    let docs_of = |votes: &Votes<String>| votes.doc_count();
    let chosen_key = by_key
        .iter()
        .max_by(|a, b| {
            let words = |k: &str| k.split(' ').count();
            let (wa, wb) = (words(a.0), words(b.0));
            let (da, db) = (docs_of(a.1), docs_of(b.1));
            let primary = if kind == EntityType::Person { (wa, da).cmp(&(wb, db)) } else { (da, wa).cmp(&(db, wb)) };
            primary.then_with(|| b.0.cmp(a.0))
        })
        .map(|(k, _)| k.clone())
        .unwrap_or_default();
    let name = by_key
        .get(&chosen_key)
        .and_then(|votes| votes.most_frequent(|v| fold::marked_letters(v)))
        .unwrap_or_else(|| first.record.name.clone());

    let mut aliases = BTreeSet::new();
    let mut codes = Votes::new();
    let mut countries = Votes::new();
    let mut titles = Votes::new();
    let mut sources: BTreeMap<usize, Source> = BTreeMap::new();
    for &m in members {
        let item = &items[m];
        let doc = corpus.id(item.doc);
        for form in std::iter::once(&item.record.name).chain(&item.record.aliases) {
            if *form != name && !form.trim().is_empty() {
                aliases.insert(form.clone());
            }
        }
        if let Some(code) = &item.code {
            codes.add(code.clone(), doc);
        }
        if let Some(country) = &item.country {
            countries.add(country.clone(), doc);
        }
        if let Some(title) = item.record.title.as_ref().filter(|t| !t.trim().is_empty()) {
            titles.add(title.clone(), doc);
        }
        let (start, end) = item.record.mentions.first().map_or((0, 0), |m| (m.start, m.end));
        let source = Source { doc: doc.to_string(), start, end, quote: item.record.name.clone(), copy_of: None };
        sources
            .entry(item.doc)
            .and_modify(|s| {
                if (start, end) < (s.start, s.end) {
                    *s = source.clone();
                }
            })
            .or_insert(source);
    }

    let id_base = match (&kind, codes.most_frequent(|_| 0)) {
        (EntityType::Country, Some(code)) => format!("country:{}", code.to_lowercase()),
        _ => format!("{}:{}", kind.as_str(), fold::key(&name).replace(' ', "-")),
    };
    let mut conflicts = Vec::new();
    conflicts.extend(codes.conflict("entities", "", "code"));
    conflicts.extend(countries.conflict("entities", "", "country"));
    // Titles are never a conflict: a person's titles follow a career
    // ("Minister of Foreign Affairs", then "Prime Minister", then
    // "President"), and two offices are often held at once.
    let record = Entity {
        kind,
        name: name.clone(),
        code: codes.most_frequent(|_| 0),
        aliases: aliases.into_iter().collect(),
        country: countries.most_frequent(|_| 0),
        title: titles.most_frequent(|t| t.len()),
        mentions: Vec::new(),
        rule: None,
    };
    let mut sources: Vec<Source> = sources.into_values().collect();
    sources.sort();
    // Two entities of one name are told apart by where each was first
    // read (its first source, which no other entity shares).
    let discriminator = sources.first().map(|s| format!("{}\u{0}{:012}\u{0}{:012}", s.doc, s.start, s.end)).unwrap_or_default();
    Built { record, sources, id_base, discriminator, sort_key: format!("{}|{}", kind_rank(kind), fold::key(&name)), conflicts }
}

/// A title's content words cut to their first six letters, a crude stem
/// that lets "Belarusian President" meet "President of Belarus".
fn kind_rank(kind: EntityType) -> u8 {
    match kind {
        EntityType::Country => 0,
        EntityType::Person => 1,
        EntityType::Organization => 2,
        EntityType::Place => 3,
    }
}
