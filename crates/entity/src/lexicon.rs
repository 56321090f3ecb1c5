//! Per-language name lexicons: titles, office words, connectors, stop
//! words, organisation heads; and the language-independent name data
//! (Vietnamese family names, name particles). Adding a language means adding
//! its files and one line to `REGISTRY`.

use accord_doc::Lang;
use accord_lang::{data_lines, fold_word};
use accord_text::{word_hash, PhraseIndex, WordFilter};
use aho_corasick::AhoCorasick;
// Our own lexicons, looked up per token: FxHash, not SipHash.
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

struct Files {
    lang: Lang,
    titles: &'static str,
    office_words: &'static str,
    connectors: &'static str,
    stop_capitalised: &'static str,
    org_heads: &'static str,
    persons: &'static str,
    org_words: &'static str,
    given_names: &'static str,
    name_forms: &'static str,
}

macro_rules! files {
    ($lang:expr, $code:literal) => {
        Files {
            lang: $lang,
            titles: include_str!(concat!("../../../data/", $code, "/titles.tsv")),
            office_words: include_str!(concat!("../../../data/", $code, "/office_words.txt")),
            connectors: include_str!(concat!("../../../data/", $code, "/title_connectors.txt")),
            stop_capitalised: include_str!(concat!("../../../data/", $code, "/stop_capitalized.txt")),
            org_heads: include_str!(concat!("../../../data/", $code, "/org_heads.txt")),
            persons: include_str!(concat!("../../../data/", $code, "/persons.txt")),
            org_words: include_str!(concat!("../../../data/", $code, "/org_words.tsv")),
            given_names: include_str!(concat!("../../../data/", $code, "/given_names.txt")),
            name_forms: include_str!(concat!("../../../data/", $code, "/name_forms.tsv")),
        }
    };
}

const REGISTRY: &[Files] = &[files!(Lang::En, "en"), files!(Lang::Vi, "vi"), files!(Lang::Ru, "ru")];

const SURNAMES: &str = include_str!("../../../data/vi/surnames.txt");
const PARTICLES: &str = include_str!("../../../data/en/name_particles.txt");

/// Whether a title introduces a name firmly (an office) or weakly (an
/// honorific such as Mr or Ông, which only confirms a name seen elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleStrength {
    Office,
    Honorific,
    Spouse,
}

pub struct Lexicon {
    /// Folded title phrase -> its index in `title_strength` and `title_exact`.
    pub titles: PhraseIndex<usize>,
    pub title_strength: Vec<TitleStrength>,
    /// For each title, the exact form when the data demands its case (`=King`).
    pub title_exact: Vec<Option<String>>,
    /// Per title: whether it is plural, held by two people named after it.
    pub title_plural: Vec<bool>,
    /// Folded words joining the two names after a plural title ("and").
    pub name_joiners: HashSet<String>,
    /// Folded words and phrases of offices and bodies (see `is_office`).
    pub office_words: HashSet<String>,
    /// The first words of the office phrases ([`accord_text::word_hash`]):
    /// most words begin none, and the phrase is then not built.
    office_starts: WordFilter,
    pub connectors: HashSet<String>,
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
    let mut all: Vec<(Lang, Lexicon)> = REGISTRY.iter().map(|f| (f.lang, build(f))).collect();
    // Family names are shared by every language; their country is stated
    // once, in the folder that holds them.
    let family = REGISTRY.iter().find_map(|f| {
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
        for name in words(SURNAMES) {
            filter.insert(word_hash(&name));
        }
        filter
    },
    surnames: data_lines(SURNAMES).flat_map(str::split_whitespace).map(str::to_lowercase).collect(),
    surnames_folded: words(SURNAMES),
    particles: words(PARTICLES),
});

/// The lexicon of a language; texts in other languages use English's.
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    let all = &*LEXICONS;
    all.iter().find(|(l, _)| *l == lang).map(|(_, x)| x).unwrap_or(&all[0].1)
}

impl Shared {
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
            crate::tokens::with_lowercase(token, |lower| self.surnames.contains(lower))
        }
    }
}

impl Lexicon {
    /// Whether a word ends as the language's adjectives do (`modifier_ending`
    /// of `org_words.tsv`; never in a language that lists none).
    pub fn is_adjective_form(&self, word: &str) -> bool {
        !self.org_modifier_endings.is_empty()
            && crate::tokens::with_lowercase(word, |lower| self.org_modifier_endings.iter().any(|e| lower.ends_with(e.as_str())))
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

fn build(f: &Files) -> Lexicon {
    let mut keys = Vec::new();
    let mut strength = Vec::new();
    let mut exact = Vec::new();
    let mut plural = Vec::new();
    let mut seen = HashSet::default();
    for line in data_lines(f.titles) {
        let mut cols = line.split('\t');
        let raw = cols.next().unwrap_or("").trim();
        let class = cols.next().unwrap_or("").trim();
        let is_plural = cols.next().is_some_and(|c| c.trim() == "plural");
        let (phrase, exact_case) = match raw.strip_prefix('=') {
            Some(p) => (p, true),
            None => (raw, false),
        };
        let key = fold_word(phrase);
        if key.is_empty() || !seen.insert(key.clone()) {
            continue;
        }
        keys.push(key);
        exact.push(exact_case.then(|| phrase.to_string()));
        plural.push(is_plural);
        strength.push(match class {
            "honorific" => TitleStrength::Honorific,
            "spouse" => TitleStrength::Spouse,
            _ => TitleStrength::Office,
        });
    }
    let mut titles = PhraseIndex::new();
    for (i, k) in keys.iter().enumerate() {
        titles.insert(k, i, false);
    }
    // Phrases, not single words: a Vietnamese office is several syllables,
    // and one of them alone ("Chính" of "Chính phủ") may well be a name.
    let mut office_words: HashSet<String> = data_lines(f.office_words).map(|l| fold_word(l.trim())).collect();
    office_words.extend(keys.iter().map(|k| k.trim_end_matches('.').to_string()));
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
    let org_head_finder =
        AhoCorasick::new(data_lines(f.org_heads).map(|l| l.trim().trim_start_matches('!'))).expect("organisation heads build an automaton");
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
    let OrgWords {
        inner: org_inner,
        stops: org_stops,
        links: org_links,
        direct: org_link_direct,
        modifier_endings: org_modifier_endings,
        acronym_stops,
    } = org_words(f);
    Lexicon {
        acronym_stops,
        name_forms: crate::names::NameForms::load(f.given_names, f.name_forms, &format!("data/{}/name_forms.tsv", f.lang)),
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
        office_words,
        office_starts,
        connectors: words(f.connectors),
        stop_words: words(f.stop_capitalised),
        org_heads,
    }
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
/// phrase, then its role: `inner`, `stop`, `link` or `modifier_ending`;
/// the link `(none)` lets a complement follow its head directly).
fn org_words(f: &Files) -> OrgWords {
    let mut out = OrgWords {
        inner: Vec::new(),
        stops: HashSet::default(),
        links: HashSet::default(),
        direct: false,
        modifier_endings: Vec::new(),
        acronym_stops: HashSet::default(),
    };
    for (n, line) in f.org_words.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (phrase, role) =
            line.split_once('\t').unwrap_or_else(|| panic!("data/{}/org_words.tsv line {}: no tab in {line:?}", f.lang, n + 1));
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        match role.trim() {
            "inner" => out.inner.push(words),
            "stop" => out.stops.extend(words),
            "link" if phrase == "(none)" => out.direct = true,
            "link" => out.links.extend(words),
            "modifier_ending" => out.modifier_endings.extend(words),
            "acronym_stop" => out.acronym_stops.extend(words),
            other => {
                panic!(
                    "data/{}/org_words.tsv line {}: unknown role {other:?} (inner, stop, link, modifier_ending or acronym_stop)",
                    f.lang,
                    n + 1
                )
            }
        }
    }
    out
}
