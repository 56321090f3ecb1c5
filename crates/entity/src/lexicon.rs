//! Per-language name lexicons: titles, office words, connectors, stop
//! words, organisation heads; and the language-independent name data
//! (Vietnamese family names, name particles). Adding a language means adding
//! its folder.

use accord_data::tsv::{or_fail, Error, Table};
use accord_doc::Lang;
use accord_lang::{data_lines, fold_word};
use accord_text::{word_hash, PhraseIndex, WordFilter};
use aho_corasick::AhoCorasick;
// Our own lexicons, looked up per token: FxHash, not SipHash.
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

struct Files {
    lang: Lang,
    office_words: &'static str,
    stop_capitalised: &'static str,
    org_heads: &'static str,
    persons: &'static str,
    given_names: &'static str,
}

impl Files {
    fn of(lang: Lang) -> Files {
        let file = |path| accord_data::file(lang, path);
        Files {
            lang,
            office_words: file("office_words.txt"),
            stop_capitalised: file("stop_capitalized.txt"),
            org_heads: file("org_heads.txt"),
            persons: file("persons.txt"),
            given_names: file("given_names.txt"),
        }
    }
}

/// Whether a title introduces a name firmly (an office) or weakly (an
/// honorific such as Mr or Ông, which only confirms a name seen elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleStrength {
    Office,
    Honorific,
    Spouse,
}

pub struct Lexicon {
    pub lang: Lang,
    /// Folded title phrase -> its index in `title_strength` and `title_exact`.
    pub titles: PhraseIndex<usize>,
    pub title_strength: Vec<TitleStrength>,
    /// For each title, the exact form when the data demands its case (`=King`).
    pub title_exact: Vec<Option<String>>,
    /// Per title: whether it is plural, held by two people named after it.
    pub title_plural: Vec<bool>,
    /// Folded case forms of titles (see `title_case_forms`) -> the case.
    title_cases: rustc_hash::FxHashMap<String, String>,
    /// Folded words joining the two names after a plural title ("and").
    pub name_joiners: HashSet<String>,
    /// Folded words and phrases of offices and bodies (see `is_office`).
    pub office_words: HashSet<String>,
    /// The first words of the office phrases ([`accord_text::word_hash`]):
    /// most words begin none, and the phrase is then not built.
    office_starts: WordFilter,
    /// Folded words between a title and a name ("of"), each with whether a
    /// country after it is where the office is held ("Ambassador *to* X").
    pub connectors: rustc_hash::FxHashMap<String, bool>,
    pub stop_words: HashSet<String>,
    /// The country of an office named without one, in this language's news.
    pub home_country: Option<String>,
    /// The country of people with a family name of `surnames.txt`.
    pub family_names_country: Option<String>,
    /// Words after which a capitalised run names a person met or spoken
    /// with ("talks with Ana Ruiz"), folded; from `persons.txt`.
    pub name_cues: HashSet<String>,
    /// The cues' [`accord_text::word_hash`]es: every word of a text is asked
    /// whether it is a cue, and almost none is.
    pub name_cue_filter: WordFilter,
    /// Organisation head nouns, lower case, with whether they need support.
    pub org_heads: Vec<(String, bool)>,
    /// The same, looked up by head (the first listing of a head wins).
    pub org_head_support: rustc_hash::FxHashMap<String, bool>,
    /// The same heads split into words, for multi-word heads ("ủy ban"),
    /// by their first word: a token is looked up once, not against every head.
    pub org_head_words: rustc_hash::FxHashMap<String, Vec<Vec<String>>>,
    /// The heads as written (capitalised), to skip sentences without any.
    pub org_head_finder: AhoCorasick,
    /// The folded first words of the heads ([`accord_text::word_hash`]): a
    /// sentence with none of them is skipped before the automaton reads it.
    pub org_head_starts: WordFilter,
    /// Lower-case phrases that stand inside organisation names ("nhân dân
    /// tối cao", "иностранных дел"), split into words, lower case.
    pub org_inner: Vec<Vec<String>>,
    /// Lower-case words that end an organisation name ("nước", "của").
    pub org_stops: HashSet<String>,
    /// Words joining a head to its complement ("of" in "Ministry of Trade").
    pub org_links: HashSet<String>,
    /// Whether a complement may follow its head with no word between
    /// (a Russian genitive: "Совет Безопасности").
    pub org_link_direct: bool,
    /// Endings a capitalised word before a head must have to belong to the
    /// name (Russian adjectives: "Национальный"); any word when empty.
    pub org_modifier_endings: Vec<String>,
    /// The heads' case forms and their nominatives (languages that decline).
    pub org_head_forms: crate::declension::HeadForms,
    /// Where a word of capitals alone names an organisation (Russian news:
    /// "МАЗ"), the ones that do not (`acronym_stop` of `org_words.tsv`,
    /// lower case); empty where acronyms are not read so.
    pub acronym_stops: HashSet<String>,
    /// Given names and how names decline (`given_names.txt`, `name_forms.tsv`).
    pub name_forms: crate::names::NameForms,
}

pub struct Shared {
    /// The family names folded ([`accord_text::word_hash`]): a sentence with
    /// none of them among its words holds no family name.
    pub surname_filter: WordFilter,
    /// Family names as written (lower case) and folded: a token with
    /// diacritics must match as written ("Đặng" is a name, "Đảng" a party),
    /// one without may be a name written without them ("Dang").
    pub surnames: HashSet<String>,
    pub surnames_folded: HashSet<String>,
    pub particles: HashSet<String>,
}

static LEXICONS: LazyLock<Vec<(Lang, Lexicon)>> = LazyLock::new(|| {
    let registry: Vec<Files> = Lang::known().iter().map(|&l| Files::of(l)).collect();
    let mut all: Vec<(Lang, Lexicon)> = registry.iter().map(|f| (f.lang, build(f))).collect();
    // Family names are shared by every language; their country is stated
    // once, in the folder that holds them.
    let family = registry.iter().find_map(|f| {
        data_lines(f.persons)
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim() == "family_names_country").map(|(_, v)| v.trim().to_string()))
    });
    for (_, lex) in &mut all {
        lex.family_names_country = family.clone();
    }
    all
});

pub static SHARED: LazyLock<Shared> = LazyLock::new(|| Shared {
    surname_filter: {
        let mut filter = WordFilter::new();
        for name in words(surnames()) {
            filter.insert(word_hash(&name));
        }
        filter
    },
    surnames: data_lines(surnames()).flat_map(str::split_whitespace).map(str::to_lowercase).collect(),
    surnames_folded: words(surnames()),
    particles: words(accord_data::file(Lang::En, "name_particles.txt")),
});

/// Family names are shared by every language; their country is stated once,
/// in the folder that holds them (`vi/`).
fn surnames() -> &'static str {
    accord_data::file(Lang::Vi, "surnames.txt")
}

/// The lexicon of a language; texts in other languages use English's.
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    let all = &*LEXICONS;
    all.iter().find(|(l, _)| *l == lang).map(|(_, x)| x).unwrap_or(&all[0].1)
}

impl Shared {
    /// Whether a word as written is a name particle ("de", "van", "bin"):
    /// by its letters with their marks, so that a Vietnamese word that
    /// folds to one ("dự", "để", "là") is not.
    pub fn is_particle(&self, written: &str) -> bool {
        accord_text::tokens::with_lowercase(written, |lower| self.particles.contains(lower))
    }

    pub fn is_surname(&self, token: &str) -> bool {
        // Asked of every capitalised token: lower-cased on the stack, as
        // family names are short.
        let mut buffer = [0u8; 32];
        if token.is_ascii() {
            let Some(lower) = buffer.get_mut(..token.len()) else {
                return false;
            };
            lower.copy_from_slice(token.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|lower| self.surnames_folded.contains(lower))
        } else {
            accord_text::tokens::with_lowercase(token, |lower| self.surnames.contains(lower))
        }
    }
}

impl Lexicon {
    /// The case a declined title (folded, as matched) tells, if it is one.
    pub fn title_case(&self, folded_title: &str) -> Option<String> {
        self.title_cases.get(folded_title).cloned()
    }

    /// Whether a word ends as the language's adjectives do (`modifier_ending`
    /// of `org_words.tsv`; never in a language that lists none).
    pub fn is_adjective_form(&self, word: &str) -> bool {
        !self.org_modifier_endings.is_empty()
            && accord_text::tokens::with_lowercase(word, |lower| self.org_modifier_endings.iter().any(|e| lower.ends_with(e.as_str())))
    }

    /// How many of `words` (lower case), from the first, an inner phrase of
    /// organisation names covers (the longest); 0 if none.
    pub fn org_inner_at(&self, words: &[&str]) -> usize {
        self.org_inner
            .iter()
            .filter(|p| p.len() <= words.len() && p.iter().zip(words).all(|(a, b)| a == b))
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    /// How many of `words` (folded), from the first, an office phrase covers
    /// (the longest, up to five words); 0 if none.
    pub fn office_prefix<S: AsRef<str>>(&self, words: &[S]) -> usize {
        let Some(first) = words.first().map(AsRef::as_ref) else {
            return 0;
        };
        if !self.office_starts.may_contain(word_hash(first)) {
            return 0;
        }
        let mut best = usize::from(self.office_words.contains(first));
        if words.len() == 1 {
            return best;
        }
        let mut phrase = String::with_capacity(64);
        phrase.push_str(first);
        for (n, w) in words.iter().enumerate().skip(1).take(4) {
            phrase.push(' ');
            phrase.push_str(w.as_ref());
            if self.office_words.contains(&phrase) {
                best = n + 1;
            }
        }
        best
    }
}

/// The folded words of a `|`-separated setting (none when it is absent).
fn word_list(setting: Option<String>) -> HashSet<String> {
    setting.map_or_else(HashSet::default, |v| v.split('|').map(|w| fold_word(w.trim())).filter(|w| !w.is_empty()).collect())
}

fn words(file: &str) -> HashSet<String> {
    data_lines(file).flat_map(str::split_whitespace).map(fold_word).collect()
}

/// The classes of `titles.tsv`.
const TITLE_CLASSES: &[&str] = &[
    "head_of_state",
    "head_of_government",
    "party_leader",
    "minister",
    "deputy",
    "ambassador",
    "parliament",
    "official",
    "spouse",
    "honorific",
];

/// `titles.tsv`: a phrase (`=` for exact case), its class, and `plural` for
/// a title two people hold together; per title (the first listing of a
/// folded phrase), its key, strength, exact form and plurality.
struct Titles {
    keys: Vec<String>,
    /// The phrases as written, for their case forms.
    written: Vec<String>,
    strength: Vec<TitleStrength>,
    exact: Vec<Option<String>>,
    plural: Vec<bool>,
}

fn titles(table: &Table) -> Result<Titles, Error> {
    let mut out = Titles { keys: Vec::new(), written: Vec::new(), strength: Vec::new(), exact: Vec::new(), plural: Vec::new() };
    let mut seen = HashSet::default();
    for row in table.rows() {
        let raw = row.col(0)?;
        let class = row.label(1, TITLE_CLASSES)?;
        let is_plural = row.opt(2).is_some();
        if is_plural {
            row.label(2, &["plural"])?;
        }
        row.at_most(3)?;
        let (phrase, exact_case) = match raw.strip_prefix('=') {
            Some(p) => (p, true),
            None => (raw, false),
        };
        let key = fold_word(phrase);
        if key.is_empty() || !seen.insert(key.clone()) {
            continue;
        }
        out.keys.push(key);
        out.written.push(phrase.to_string());
        out.exact.push(exact_case.then(|| phrase.to_string()));
        out.plural.push(is_plural);
        out.strength.push(match class {
            "honorific" => TitleStrength::Honorific,
            "spouse" => TitleStrength::Spouse,
            _ => TitleStrength::Office,
        });
    }
    Ok(out)
}

/// The case forms of a title whose first word is a noun: that word
/// declined ("президент России": "президента России", ...). A title that
/// opens with an adjective ("верховный лидер") keeps its one form.
/// (`adjective_endings`: the `modifier_ending`s of `org_words.tsv`.)
fn title_case_forms(phrase: &str, name_forms: &crate::names::NameForms, adjective_endings: &[String]) -> Vec<(String, String)> {
    let (head, rest) = phrase.split_once(' ').map_or((phrase, ""), |(h, r)| (h, r));
    let lower = head.to_lowercase();
    if adjective_endings.iter().any(|e| lower.ends_with(e.as_str())) {
        return Vec::new();
    }
    let with_rest = |form: String| if rest.is_empty() { form } else { format!("{form} {rest}") };
    name_forms.noun_forms(&lower).into_iter().map(|(form, case)| (with_rest(form), case)).collect()
}

fn build(f: &Files) -> Lexicon {
    let connectors = or_fail(connectors(&accord_data::table(f.lang, "title_connectors.tsv")));
    let Titles { keys, written, strength, exact, plural } = or_fail(titles(&accord_data::table(f.lang, "titles.tsv")));
    let name_forms = or_fail(crate::names::NameForms::load(f.given_names, &accord_data::table(f.lang, "name_forms.tsv")));
    let OrgWords {
        inner: org_inner,
        stops: org_stops,
        links: org_links,
        direct: org_link_direct,
        modifier_endings: org_modifier_endings,
        acronym_stops,
    } = or_fail(org_words(&accord_data::table(f.lang, "org_words.tsv")));
    let mut titles = PhraseIndex::new();
    for (i, k) in keys.iter().enumerate() {
        titles.insert(k, i, false);
    }
    // Where names decline, the title before a name declines with it
    // ("встреча Президента Франции ..."): its head noun's case forms.
    let mut declined_keys = Vec::new();
    let mut title_cases = rustc_hash::FxHashMap::default();
    for (i, phrase) in written.iter().enumerate().filter(|&(i, _)| exact[i].is_none()) {
        for (form, case) in title_case_forms(phrase, &name_forms, &org_modifier_endings) {
            let key = fold_word(&form);
            if titles.insert(&key, i, false) {
                // The title's own gender is not its holder's: the case alone.
                title_cases.insert(key.clone(), case.trim_end_matches("_f").to_string());
                declined_keys.push(key);
            }
        }
    }
    // Phrases, not single words: a Vietnamese office is several syllables,
    // and one of them alone ("Chính" of "Chính phủ") may well be a name.
    let mut office_words: HashSet<String> = data_lines(f.office_words).map(|l| fold_word(l.trim())).collect();
    office_words.extend(keys.iter().chain(&declined_keys).map(|k| k.trim_end_matches('.').to_string()));
    let mut office_starts = WordFilter::new();
    for phrase in &office_words {
        office_starts.insert(word_hash(phrase.split(' ').next().unwrap_or("")));
    }
    let org_heads: Vec<(String, bool)> = data_lines(f.org_heads)
        .map(|l| {
            let l = l.trim();
            match l.strip_prefix('!') {
                Some(h) => (h.to_lowercase(), true),
                None => (l.to_lowercase(), false),
            }
        })
        .collect();
    // Where a name capitalises only its first word, a head may be lower case.
    let head_forms = data_lines(f.org_heads).map(|l| l.trim().trim_start_matches('!')).flat_map(|h| {
        let lower = (!org_modifier_endings.is_empty()).then(|| h.to_lowercase()).filter(|l| l != h);
        std::iter::once(h.to_string()).chain(lower)
    });
    // A few hundred short forms, asked of most sentences: the DFA is small and fastest.
    let org_head_finder = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(head_forms)
        .expect("organisation heads build an automaton");
    let mut org_head_starts = WordFilter::new();
    for (head, _) in &org_heads {
        let folded = fold_word(head);
        let first = accord_text::words(&folded).next();
        if let Some((start, end)) = first {
            org_head_starts.insert(word_hash(&folded[start..end]));
        }
    }
    let mut org_head_words: rustc_hash::FxHashMap<String, Vec<Vec<String>>> = Default::default();
    for (head, _) in &org_heads {
        let parts: Vec<String> = head.split(' ').map(str::to_string).collect();
        org_head_words.entry(parts[0].clone()).or_default().push(parts);
    }
    let setting = |key: &str| {
        data_lines(f.persons)
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim() == key).map(|(_, v)| v.trim().to_string()))
            .filter(|v| !v.is_empty())
    };
    let org_head_forms = crate::declension::HeadForms::load(org_heads.iter().map(|(h, _)| h.clone()), !org_modifier_endings.is_empty());
    Lexicon {
        lang: f.lang,
        org_head_forms,
        acronym_stops,
        name_forms,
        org_modifier_endings,
        org_inner,
        org_stops,
        org_links,
        org_link_direct,
        home_country: setting("home_country"),
        name_cue_filter: {
            let mut filter = WordFilter::new();
            for cue in word_list(setting("name_cues")) {
                filter.insert(word_hash(&cue));
            }
            filter
        },
        name_cues: word_list(setting("name_cues")),
        name_joiners: word_list(setting("name_joiners")),
        title_plural: plural,
        family_names_country: None,
        org_head_words,
        org_head_finder,
        org_head_starts,
        org_head_support: {
            let mut map = rustc_hash::FxHashMap::default();
            for (head, support) in &org_heads {
                map.entry(head.clone()).or_insert(*support);
            }
            map
        },
        titles,
        title_strength: strength,
        title_exact: exact,
        title_cases,
        office_words,
        office_starts,
        connectors,
        stop_words: words(f.stop_capitalised),
        org_heads,
    }
}

/// The words that may stand between a title and a name, folded, from
/// `title_connectors.tsv` (a role, then its words), each with whether its
/// role is `to` (it points to where the office is held).
fn connectors(table: &Table) -> Result<rustc_hash::FxHashMap<String, bool>, Error> {
    let mut out = rustc_hash::FxHashMap::default();
    for row in table.rows() {
        let to = row.label(0, &["of", "to"])? == "to";
        row.at_most(2)?;
        out.extend(row.list(1)?.map(|word| (fold_word(word), to)));
    }
    Ok(out)
}

struct OrgWords {
    inner: Vec<Vec<String>>,
    stops: HashSet<String>,
    links: HashSet<String>,
    direct: bool,
    modifier_endings: Vec<String>,
    acronym_stops: HashSet<String>,
}

/// The lower-case words of organisation names, from `org_words.tsv` (a
/// phrase, then its role: `inner`, `stop`, `link`, `modifier_ending` or
/// `acronym_stop`; the link `(none)` lets a complement follow its head
/// directly).
fn org_words(table: &Table) -> Result<OrgWords, Error> {
    let mut out = OrgWords {
        inner: Vec::new(),
        stops: HashSet::default(),
        links: HashSet::default(),
        direct: false,
        modifier_endings: Vec::new(),
        acronym_stops: HashSet::default(),
    };
    for row in table.rows() {
        let phrase = row.col(0)?;
        let role = row.label(1, &["inner", "stop", "link", "modifier_ending", "acronym_stop"])?;
        row.at_most(2)?;
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        match role {
            "inner" => out.inner.push(words),
            "stop" => out.stops.extend(words),
            "link" if phrase == "(none)" => out.direct = true,
            "link" => out.links.extend(words),
            "modifier_ending" => out.modifier_endings.extend(words),
            _ => out.acronym_stops.extend(words),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each loader's error for a bad line names the file and the line.
    #[test]
    fn bad_lines_are_errors_naming_file_and_line() {
        type Load = fn(&Table) -> Result<(), Error>;
        let titles: Load = |t| titles(t).map(drop);
        let org_words: Load = |t| org_words(t).map(drop);
        let name_forms: Load = |t| crate::names::NameForms::load("", t).map(drop);
        let connectors: Load = |t| connectors(t).map(drop);
        /// Bad texts, each with the error it gives.
        type Bad = &'static [(&'static str, &'static str)];
        // Each loader, its file, and bad texts.
        let cases: [(Load, &str, Bad); 4] = [
            (
                titles,
                "titles",
                &[
                    ("Minister\tminister\nKing\tmonarch\n", "2: unknown label 'monarch'"),
                    ("# titles\nMinister\n", "2: missing column 2"),
                    ("Presidents\thead_of_state\tmany\n", "1: unknown label 'many'"),
                ],
            ),
            (
                org_words,
                "org_words",
                &[
                    ("of\tlink\nthe\tarticle\n", "2: unknown label 'article'"),
                    ("of\n", "1: missing column 2"),
                    ("\n\nof\tlink\tx\n", "3: 2 columns at most"),
                ],
            ),
            (
                name_forms,
                "name_forms",
                &[
                    ("given\t-\t-а\tgen\nfirst\t-\t-а\tgen\n", "2: unknown label 'first'"),
                    ("surname\tов\tова\n", "1: missing column 4"),
                    ("surname\tов\tова\tgen\textra\n", "1: 4 columns at most"),
                ],
            ),
            (
                connectors,
                "title_connectors",
                &[
                    ("of\tof|for\nfrom\tfrom\n", "2: unknown label 'from'"),
                    ("to\n", "1: missing column 2"),
                    ("to\tto\tat\n", "1: 2 columns at most"),
                ],
            ),
        ];
        for (load, name, texts) in cases {
            let file = format!("xx/{name}.tsv");
            for (text, expected) in texts {
                accord_data::tsv::assert_fails(load(&Table::new(&file, text)), &file, expected);
            }
        }
    }
}
