//! The search language: a query as terms of folded words, and the other
//! names each term stands for, written as an FTS5 query (see
//! `views/search.rs` for what a query means to a reader). Shared by the
//! views and the command-line queries.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Other names taken for one term at most.
const MAX_ALTERNATIVES: usize = 24;

/// The folded words of a text, as the index splits them.
pub fn folded_words(text: &str) -> Vec<String> {
    accord_lang::fold_word(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The terms of a query, each as the words of one phrase: quoted parts are
/// phrases and the words outside them stand alone; without quotes the
/// whole query is one phrase.
pub fn terms(text: &str) -> Vec<Vec<String>> {
    if !text.contains('"') {
        let words = folded_words(text);
        return if words.is_empty() { Vec::new() } else { vec![words] };
    }
    let mut terms = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1 {
            let words = folded_words(part);
            if !words.is_empty() {
                terms.push(words);
            }
        } else {
            terms.extend(folded_words(part).into_iter().map(|w| vec![w]));
        }
    }
    terms
}

/// The gazetteer's places: every name's folded words, grouped by place, and
/// each name written together (no spaces) leading to its place.
struct Places {
    names: Vec<Vec<Vec<String>>>,
    by_key: HashMap<String, Vec<usize>>,
}

static PLACES: LazyLock<Places> = LazyLock::new(|| {
    let mut places = Places { names: Vec::new(), by_key: HashMap::new() };
    for line in accord_lang::data_lines(include_str!("../../../data/places.tsv")) {
        let cols: Vec<&str> = line.split('\t').collect();
        let all = std::iter::once(cols[0]).chain(cols.iter().skip(3).flat_map(|c| c.split('|')));
        let names: Vec<Vec<String>> =
            all.map(|n| folded_words(n.trim().trim_start_matches(['=', '~']))).filter(|w| !w.is_empty()).collect();
        let at = places.names.len();
        for name in &names {
            let ids = places.by_key.entry(name.concat()).or_default();
            if !ids.contains(&at) {
                ids.push(at);
            }
        }
        places.names.push(names);
    }
    places
});

/// A term's words in Latin letters (Cyrillic romanised as the merge does).
pub(crate) fn latin(term: &[String]) -> Vec<String> {
    folded_words(&accord_merge::name_key(&term.join(" ")))
}

/// A term and the other ways it is written, as FTS5 phrases joined by OR.
pub(crate) fn alternatives(term: &[String], entity_names: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![term.to_vec()];
    let mut add = |words: Vec<String>| {
        if !words.is_empty() && !out.contains(&words) && out.len() < MAX_ALTERNATIVES {
            out.push(words);
        }
    };
    let key = term.concat();
    if term.len() > 1 {
        add(vec![key.clone()]);
    }
    add(latin(term));
    for &place in PLACES.by_key.get(&key).into_iter().flatten() {
        for name in &PLACES.names[place] {
            add(name.clone());
        }
    }
    for name in entity_names {
        add(name.clone());
    }
    out
}

fn fts_phrase(words: &[String]) -> String {
    format!("\"{}\"", words.join(" "))
}

/// One term and its alternatives as an FTS5 group: `("a b" OR "ab")`.
pub(crate) fn fts_group(alternatives: &[Vec<String>]) -> String {
    let phrases: Vec<String> = alternatives.iter().map(|a| fts_phrase(a)).collect();
    format!("({})", phrases.join(" OR "))
}

/// The FTS5 query for a text (without the knowledge base's entity names):
/// every word quoted, so no input is read as FTS syntax.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let groups: Vec<String> = terms(text).iter().map(|t| fts_group(&alternatives(t, &[]))).collect();
    (!groups.is_empty()).then(|| groups.join(" AND "))
}
