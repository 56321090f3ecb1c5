//! Per-language name lexicons: titles, office words, connectors, stop
//! words, organisation heads; and the language-independent name data
//! (Vietnamese family names, name particles). Adding a language means adding
//! its files and one line to `REGISTRY`.

use accord_doc::Lang;
use accord_lang::{data_lines, fold_word};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::sync::LazyLock;

struct Files {
    lang: Lang,
    titles: &'static str,
    office_words: &'static str,
    connectors: &'static str,
    stop_capitalised: &'static str,
    org_heads: &'static str,
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
    pub titles: AhoCorasick,
    pub title_strength: Vec<TitleStrength>,
    pub office_words: HashSet<String>,
    pub connectors: HashSet<String>,
    pub stop_words: HashSet<String>,
    /// Organisation head nouns, folded, with whether they need support.
    pub org_heads: Vec<(String, bool)>,
}

pub struct Shared {
    pub surnames: HashSet<String>,
    pub particles: HashSet<String>,
}

static LEXICONS: LazyLock<Vec<(Lang, Lexicon)>> =
    LazyLock::new(|| REGISTRY.iter().map(|f| (f.lang, build(f))).collect());

pub static SHARED: LazyLock<Shared> = LazyLock::new(|| Shared {
    surnames: words(SURNAMES),
    particles: words(PARTICLES),
});

/// The lexicon of a language; texts in other languages use English's.
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    let all = &*LEXICONS;
    all.iter().find(|(l, _)| *l == lang).map(|(_, x)| x).unwrap_or(&all[0].1)
}

fn words(file: &str) -> HashSet<String> {
    data_lines(file).flat_map(str::split_whitespace).map(fold_word).collect()
}

fn build(f: &Files) -> Lexicon {
    let mut keys = Vec::new();
    let mut strength = Vec::new();
    let mut seen = HashSet::new();
    for line in data_lines(f.titles) {
        let mut cols = line.split('\t');
        let phrase = cols.next().unwrap_or("").trim();
        let class = cols.next().unwrap_or("").trim();
        let key = fold_word(phrase);
        if key.is_empty() || !seen.insert(key.clone()) {
            continue;
        }
        keys.push(key);
        strength.push(match class {
            "honorific" => TitleStrength::Honorific,
            "spouse" => TitleStrength::Spouse,
            _ => TitleStrength::Office,
        });
    }
    let titles = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&keys)
        .expect("title keys build an automaton");
    let mut office_words = words(f.office_words);
    // Every word of a title is an office word too.
    for k in &keys {
        office_words.extend(k.split_whitespace().map(|w| w.trim_end_matches('.').to_string()));
    }
    let org_heads = data_lines(f.org_heads)
        .map(|l| {
            let l = l.trim();
            match l.strip_prefix('!') {
                Some(h) => (fold_word(h), true),
                None => (fold_word(l), false),
            }
        })
        .collect();
    Lexicon {
        titles,
        title_strength: strength,
        office_words,
        connectors: words(f.connectors),
        stop_words: words(f.stop_capitalised),
        org_heads,
    }
}
