//! Reference data (countries, organisations, places) matched over the folded
//! text with one Aho-Corasick automaton, leftmost-longest.
//!
//! Alias marks in the data files: `=` demands the exact case (short forms
//! that are also words: `=UN`, `=AP`); `~` marks a form that is also an
//! ordinary word or name part, which only supports an entity already found
//! by a plain form; a trailing `*` is a stem matching any word it begins.

use accord_doc::facts::EntityType;
use accord_lang::data_lines;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// One real-world thing of the reference data.
#[derive(Debug)]
pub struct Entry {
    pub kind: EntityType,
    /// The name records carry: English short name for countries, canonical
    /// name for organisations and places.
    pub name: String,
    pub code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Names the entity on its own.
    Names,
    /// Only supports an entity named elsewhere in the document (demonyms,
    /// ambiguous forms).
    Supports,
}

#[derive(Debug)]
pub struct Pattern {
    pub entry: usize,
    /// The alias as written in the data (without marks).
    pub form: String,
    pub exact_case: bool,
    pub stem: bool,
    pub strength: Strength,
    /// Whether the data form begins with a capital: then the text must too.
    pub capitalised: bool,
}

pub struct Gazetteer {
    pub entries: Vec<Entry>,
    pub patterns: Vec<Pattern>,
    pub automaton: AhoCorasick,
}

const COUNTRIES: &str = include_str!("../../../data/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../../../data/organizations.tsv");
const PLACES: &str = include_str!("../../../data/places.tsv");

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Builder::default();
    for line in data_lines(COUNTRIES) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            continue;
        }
        let entry = g.entry(EntityType::Country, cols[1], Some(cols[0]), None);
        g.alias(entry, cols[1], Strength::Names);
        for col in cols.iter().skip(2).take(3) {
            g.aliases(entry, col, Strength::Names);
        }
        if let Some(demonyms) = cols.get(5) {
            g.aliases(entry, demonyms, Strength::Supports);
        }
    }
    for line in data_lines(ORGANIZATIONS) {
        let cols: Vec<&str> = line.split('\t').collect();
        let entry = g.entry(EntityType::Organization, cols[0], None, None);
        g.alias(entry, cols[0], Strength::Names);
        for col in cols.iter().skip(1).take(3) {
            g.aliases(entry, col, Strength::Names);
        }
    }
    for line in data_lines(PLACES) {
        let cols: Vec<&str> = line.split('\t').collect();
        let country = cols.get(1).filter(|c| !c.is_empty()).copied();
        let entry = g.entry(EntityType::Place, cols[0], None, country);
        g.alias(entry, cols[0], Strength::Names);
        for col in cols.iter().skip(3).take(3) {
            g.aliases(entry, col, Strength::Names);
        }
    }
    g.build()
});

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    keys: Vec<String>,
    seen: std::collections::HashMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, kind: EntityType, name: &str, code: Option<&str>, country: Option<&str>) -> usize {
        self.entries.push(Entry {
            kind,
            name: name.trim().to_string(),
            code: code.map(|c| c.trim().to_string()),
            country: country.map(|c| c.trim().to_string()),
        });
        self.entries.len() - 1
    }

    fn aliases(&mut self, entry: usize, field: &str, strength: Strength) {
        for alias in field.split('|') {
            self.alias(entry, alias, strength);
        }
    }

    fn alias(&mut self, entry: usize, raw: &str, strength: Strength) {
        let mut form = raw.trim();
        let mut exact_case = false;
        let mut strength = strength;
        loop {
            if let Some(rest) = form.strip_prefix('=') {
                exact_case = true;
                form = rest;
            } else if let Some(rest) = form.strip_prefix('~') {
                strength = Strength::Supports;
                form = rest;
            } else {
                break;
            }
        }
        let (form, stem) = match form.strip_suffix('*') {
            Some(f) => (f, true),
            None => (form, false),
        };
        let key = accord_lang::fold_word(form);
        if key.trim().is_empty() {
            return;
        }
        // One key, one pattern: the first entry that claims a form keeps it
        // (countries load first, so "Georgia" the country beats a namesake).
        let dedup = format!("{key}\u{0}{exact_case}\u{0}{form}");
        if self.seen.contains_key(&dedup) || (!exact_case && self.seen.contains_key(&key)) {
            return;
        }
        self.seen.insert(dedup, self.patterns.len());
        if !exact_case {
            self.seen.insert(key.clone(), self.patterns.len());
        }
        let capitalised = form.chars().next().is_some_and(char::is_uppercase);
        self.patterns.push(Pattern { entry, form: form.to_string(), exact_case, stem, strength, capitalised });
        self.keys.push(key);
    }

    fn build(self) -> Gazetteer {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&self.keys)
            .expect("gazetteer keys build an automaton");
        Gazetteer { entries: self.entries, patterns: self.patterns, automaton }
    }
}

/// A gazetteer hit in a folded text, already checked for word boundaries
/// and case.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub pattern: usize,
    /// Folded offsets.
    pub start: usize,
    pub end: usize,
}

impl Gazetteer {
    /// Every acceptable hit in `folded` (a folded view of `original`).
    pub fn find(&self, folded: &accord_text::Folded, original: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for m in self.automaton.find_iter(&folded.text) {
            let p = &self.patterns[m.pattern().as_usize()];
            let mut end = m.end();
            if p.stem {
                end += folded.text[end..].find(|c: char| !c.is_alphanumeric()).unwrap_or(folded.text.len() - end);
            }
            if !accord_text::at_word_boundaries(&folded.text, m.start(), end) {
                continue;
            }
            let span = folded.span_to_original(m.start(), end);
            let surface = span.slice(original);
            if p.exact_case && surface != p.form {
                continue;
            }
            if p.capitalised && !surface.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            hits.push(Hit { pattern: m.pattern().as_usize(), start: m.start(), end });
        }
        hits
    }
}
