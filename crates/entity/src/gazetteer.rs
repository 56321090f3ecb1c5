//! Reference data (countries, organisations, places) matched over the folded
//! text with one Aho-Corasick automaton, leftmost-longest.
//!
//! Alias marks in the data files: `=` demands the exact case (short forms
//! that are also words: `=UN`, `=AP`); `~` marks a form that is also an
//! ordinary word or name part, which only supports an entity already found
//! by a plain form; `?` marks a generated place name that names its place
//! only with a place cue (see `place_cue`); a trailing `*` is a stem
//! matching any word it begins.

use accord_data::tsv::{or_fail, Error, Row, Table};
use accord_doc::facts::EntityType;
use accord_doc::Lang;
use accord_text::PhraseIndex;
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
    /// Marked `~`: also an ordinary word or a part of names.
    pub ambiguous: bool,
    /// Marked `?`: names its place only after a place cue (a preposition of
    /// place, a region word, a list of places).
    pub needs_cue: bool,
}

pub struct Gazetteer {
    pub entries: Vec<Entry>,
    pub patterns: Vec<Pattern>,
    /// One automaton per language: the English column and demonyms apply to
    /// every language (news in Vietnamese writes "Singapore" too), the other
    /// columns only to texts in their language ("Anh" is Britain only in
    /// Vietnamese).
    automata: Vec<Automaton>,
}

struct Automaton {
    lang: Lang,
    /// Folded alias -> the key's slot in `owners` and `forms`.
    matcher: PhraseIndex<usize>,
    /// For each key of the matcher, the pattern that owns it.
    owners: Vec<usize>,
    /// For each key, every form in the data that folds to it (a surface
    /// with diacritics must carry the marks of one of them).
    forms: Vec<Vec<String>>,
    /// See [`accord_lang::writes_marks`].
    writes_marks: bool,
    /// The keys made with a lead word (see [`Builder::lead_word_forms`]):
    /// the pattern's case is checked on the words after it.
    led: rustc_hash::FxHashSet<usize>,
}

const COUNTRIES: &str = include_str!("../../../data/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../../../data/organizations.tsv");
const PLACES: &str = include_str!("../../../data/places.tsv");
/// Cities and subdivisions generated from GeoNames and ISO 3166-2 by
/// `scripts/gen-places.py`; loaded after the hand-written places, which win
/// a name both give.
const PLACES_GENERATED: &str = include_str!("../../../data/places-generated.tsv");

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Builder::default();
    let files = [
        ("countries.tsv", COUNTRIES),
        ("organizations.tsv", ORGANIZATIONS),
        ("places.tsv", PLACES),
        ("places-generated.tsv", PLACES_GENERATED),
    ];
    or_fail(load(&mut g, files.map(|(file, text)| Table::new(file, text))));
    g.build()
});

const ORGANIZATION_KINDS: &[&str] = &["intergovernmental", "forum", "news_agency", "party", "other"];
const PLACE_KINDS: &[&str] = &["capital", "city", "region", "sea", "airport", "monument", "building"];

/// The countries, organisations, places and generated places, in that order.
fn load(g: &mut Builder, [countries, organizations, places, generated]: [Table; 4]) -> Result<(), Error> {
    for row in countries.rows() {
        row.at_most(6)?;
        let (code, name) = (row.col(0)?, row.col(1)?);
        let entry = g.entry(EntityType::Country, name, Some(code), None);
        g.alias(entry, name, Strength::Names, None);
        g.columns(entry, &row, 2);
        if let Some(demonyms) = row.opt(5) {
            g.aliases(entry, demonyms, Strength::Supports, None);
        }
    }
    for row in organizations.rows() {
        row.at_most(5)?;
        row.label(4, ORGANIZATION_KINDS)?;
        let entry = g.entry(EntityType::Organization, row.col(0)?, None, None);
        g.alias(entry, row.col(0)?, Strength::Names, None);
        g.columns(entry, &row, 1);
    }
    // The generated file's canonical name is not an alias: its English
    // column lists it with its mark.
    for (table, name_is_alias) in [(places, true), (generated, false)] {
        for row in table.rows() {
            row.at_most(6)?;
            row.label(2, PLACE_KINDS)?;
            let country = row.opt(1).filter(|c| !c.is_empty());
            let entry = g.entry(EntityType::Place, row.col(0)?, None, country);
            if name_is_alias {
                g.alias(entry, row.col(0)?, Strength::Names, None);
            }
            g.columns(entry, &row, 3);
        }
    }
    Ok(())
}

/// The languages of the name columns (English, Vietnamese, Russian): the
/// English column applies to all.
const COLUMN_SCOPES: [Option<Lang>; 3] = [None, Some(Lang::Vi), Some(Lang::Ru)];

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    keys: Vec<String>,
    scopes: Vec<Option<Lang>>,
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

    /// The names of the three language columns from `first` on (English,
    /// Vietnamese, Russian), as far as the line has them.
    fn columns(&mut self, entry: usize, row: &Row, first: usize) {
        for (i, scope) in (first..first + 3).zip(COLUMN_SCOPES) {
            if let Some(col) = row.opt(i) {
                self.aliases(entry, col, Strength::Names, scope);
            }
        }
    }

    fn aliases(&mut self, entry: usize, field: &str, strength: Strength, scope: Option<Lang>) {
        for alias in field.split('|') {
            self.alias(entry, alias, strength, scope);
        }
    }

    fn alias(&mut self, entry: usize, raw: &str, strength: Strength, scope: Option<Lang>) {
        let mut form = raw.trim();
        let mut exact_case = false;
        let mut strength = strength;
        let mut ambiguous = false;
        let mut needs_cue = false;
        loop {
            if let Some(rest) = form.strip_prefix('=') {
                exact_case = true;
                form = rest;
            } else if let Some(rest) = form.strip_prefix('~') {
                strength = Strength::Supports;
                ambiguous = true;
                form = rest;
            } else if let Some(rest) = form.strip_prefix('?') {
                strength = Strength::Supports;
                needs_cue = true;
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
        let capitalised = form.chars().next().is_some_and(accord_lang::is_uppercase);
        self.patterns.push(Pattern { entry, form: form.to_string(), exact_case, stem, strength, capitalised, ambiguous, needs_cue });
        self.keys.push(key);
        self.scopes.push(scope);
    }

    fn build(self) -> Gazetteer {
        let mut automata = Vec::new();
        for lang in [Lang::En, Lang::Vi, Lang::Ru, Lang::Other] {
            // One key, one pattern per language: the first entry that claims a
            // folded form keeps it (countries load first, so "Georgia" the
            // country beats a namesake; a column's names beat demonyms).
            let mut slot: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
            let mut matcher = PhraseIndex::new();
            let mut owners: Vec<usize> = Vec::new();
            let mut forms: Vec<Vec<String>> = Vec::new();
            for (i, key) in self.keys.iter().enumerate() {
                if self.scopes[i].is_some_and(|s| s != lang) {
                    continue;
                }
                let p = &self.patterns[i];
                let phrase = accord_text::phrase_key(key);
                match slot.get(&phrase) {
                    Some(&k) => {
                        if self.patterns[owners[k]].entry == p.entry {
                            forms[k].push(p.form.clone());
                        }
                    }
                    None => {
                        slot.insert(phrase, owners.len());
                        matcher.insert(key, owners.len(), p.stem);
                        owners.push(i);
                        forms.push(vec![p.form.clone()]);
                    }
                }
            }
            let led = self.lead_word_forms(&mut slot, &mut matcher, &mut owners, &mut forms);
            automata.push(Automaton { lang, matcher, owners, forms, writes_marks: accord_lang::writes_marks(lang), led });
        }
        Gazetteer { entries: self.entries, patterns: self.patterns, automata }
    }
}

impl Builder {
    /// A lead word that a name takes ("the United Nations" beside "United
    /// Nations") leads the longer names that begin with it too ("the United
    /// Nations General Assembly"): otherwise the short name, found one word
    /// earlier, would hide the longer one from a leftmost match.
    fn lead_word_forms(
        &self,
        slot: &mut std::collections::HashMap<String, usize>,
        matcher: &mut PhraseIndex<usize>,
        owners: &mut Vec<usize>,
        forms: &mut Vec<Vec<String>>,
    ) -> rustc_hash::FxHashSet<usize> {
        // (lead word, the name after it), from names listed both ways.
        let mut leads: Vec<(String, String, String)> = Vec::new();
        for (phrase, &k) in slot.iter() {
            let Some((lead, rest)) = phrase.split_once(' ') else {
                continue;
            };
            let short = slot.get(rest).map(|&r| self.patterns[owners[r]].entry);
            if short == Some(self.patterns[owners[k]].entry) {
                let form = self.patterns[owners[k]].form.split_whitespace().next().unwrap_or(lead).to_string();
                leads.push((lead.to_string(), rest.to_string(), form));
            }
        }
        leads.sort();
        let mut longer: Vec<(String, usize)> = Vec::new();
        for (lead, rest, _) in &leads {
            let prefix = format!("{rest} ");
            for (phrase, &k) in slot.iter() {
                if phrase.starts_with(&prefix) && !self.patterns[owners[k]].stem {
                    longer.push((format!("{lead} {phrase}"), k));
                }
            }
        }
        longer.sort();
        let mut led = rustc_hash::FxHashSet::default();
        for (phrase, k) in longer {
            if slot.contains_key(&phrase) {
                continue;
            }
            let lead =
                leads.iter().find(|(l, _, _)| phrase.split_once(' ').is_some_and(|(w, _)| w == l)).map_or("", |(_, _, f)| f.as_str());
            let form = format!("{lead} {}", self.patterns[owners[k]].form);
            slot.insert(phrase.clone(), owners.len());
            matcher.insert(&phrase, owners.len(), false);
            led.insert(owners.len());
            owners.push(owners[k]);
            forms.push(vec![form]);
        }
        led
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
    pub fn find(&self, folded: &accord_text::Folded, original: &str, lang: Lang) -> Vec<Hit> {
        let automaton = self.automata.iter().find(|a| a.lang == lang).unwrap_or(&self.automata[0]);
        let matches = folded.view().find(&automaton.matcher);
        let mut hits = Vec::with_capacity(matches.len());
        for m in matches {
            let slot = *m.value;
            let pattern = automaton.owners[slot];
            let p = &self.patterns[pattern];
            let end = m.end;
            let span = folded.span_to_original(m.start, end);
            let surface = span.slice(original);
            // The pattern's own words, after a lead word the key was made with.
            let own = match automaton.led.contains(&slot) {
                true => surface.split_once(char::is_whitespace).map_or(surface, |(_, rest)| rest.trim_start()),
                false => surface,
            };
            if p.exact_case && own != p.form {
                continue;
            }
            if p.capitalised && !own.chars().next().is_some_and(accord_lang::is_uppercase) {
                continue;
            }
            // Folding meets "Ảnh" (photo) with "Anh" (Britain): a surface that
            // carries marks must carry the form's.
            if !p.stem && !automaton.forms[slot].iter().any(|f| accord_lang::same_marks(surface, f)) {
                continue;
            }
            // Where writers write the marks, one syllable without them is
            // another word: "Y tế" (health) names no "Ý" (Italy), "Lao động"
            // (labour) no "Lào" (Laos).
            if automaton.writes_marks
                && surface.is_ascii()
                && surface.chars().all(|c| c.is_ascii_alphanumeric())
                && automaton.forms[slot].iter().all(|f| !f.is_ascii())
            {
                continue;
            }
            hits.push(Hit { pattern, start: m.start, end });
        }
        hits
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;

    #[test]
    fn a_bad_line_is_an_error_naming_file_and_line() {
        // The file `bad` holds `text`, the others nothing.
        let fails = |bad: &str, text: &str, expected: &str| {
            let files = ["countries.tsv", "organizations.tsv", "places.tsv", "places-generated.tsv"];
            let tables = files.map(|file| Table::new(file, if file == bad { text } else { "" }));
            accord_data::tsv::assert_fails(load(&mut Builder::default(), tables), bad, expected);
        };
        fails("countries.tsv", "VN\tVietnam\tVietnam\nXX\n", "2: missing column 2");
        fails("organizations.tsv", "# orgs\nASEAN\tASEAN\t\t\tclub\n", "2: unknown label 'club'");
        fails("places-generated.tsv", "Hue\tVN\tcity\tHue\t\t\tmore\n", "1: 6 columns at most");
    }
}
