//! Sentence search: what a query means and how its matches are ranked.
//!
//! A query is read as terms that must all match a sentence. Words typed
//! without quotes are one term, matched as whole words, adjacent and in
//! order ("ha noi" is not "hạ ... nội" across a sentence); put parts in
//! double quotes to find each anywhere in the sentence (`"ha noi" visa`).
//! Diacritics and case are folded both ways, as in the index. A term also
//! matches its written-together form ("ha noi" finds "Hanoi", "hanoi" finds
//! "Ha Noi"), the other names of a place in the gazetteer
//! (`data/places.tsv`: "Hanoi" finds "Hà Nội" and "Ханой"), and the other
//! names of a person or body that the knowledge base knows by that name, and
//! a name in Cyrillic as written in Latin letters ("Роман Головченко" finds
//! Roman Golovchenko, his page and the sentences that write him so).

use super::Reader;
use crate::countries::fold_name;
use crate::error::{ErrorKind, StoreError};
use crate::Result;
use rusqlite::params;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Matches ranked at most: ranking reads every match, and a common word
/// ("Vietnam") matches most of a large corpus, so the most recently stored
/// matches are ranked and the rest left out.
const RANKED_MATCHES: i64 = 2_000;
/// Other names taken for one term at most.
const MAX_ALTERNATIVES: usize = 24;

/// A sentence that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub doc: String,
    pub published: Option<String>,
    pub byte_start: i64,
    pub byte_end: i64,
    pub sentence: String,
}

/// A person, body or place whose name is the query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
}

/// The answer to a search: the sentences, best first (then the newest), the
/// phrases that were looked for (folded words, for highlighting), and the
/// entities the query names.
#[derive(Debug, Clone, Serialize, Default)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub phrases: Vec<Vec<String>>,
    pub entities: Vec<NamedEntity>,
}

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
    for line in accord_lang::data_lines(include_str!("../../../../data/places.tsv")) {
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
fn latin(term: &[String]) -> Vec<String> {
    folded_words(&accord_merge::name_key(&term.join(" ")))
}

/// A term and the other ways it is written, as FTS5 phrases joined by OR.
fn alternatives(term: &[String], entity_names: &[Vec<String>]) -> Vec<Vec<String>> {
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
fn fts_group(alternatives: &[Vec<String>]) -> String {
    let phrases: Vec<String> = alternatives.iter().map(|a| fts_phrase(a)).collect();
    format!("({})", phrases.join(" OR "))
}

/// The FTS5 query for a text (without the knowledge base's entity names):
/// every word quoted, so no input is read as FTS syntax.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let groups: Vec<String> = terms(text).iter().map(|t| fts_group(&alternatives(t, &[]))).collect();
    (!groups.is_empty()).then(|| groups.join(" AND "))
}

impl Reader {
    /// Sentences that match the query (see the module's description), best
    /// first by BM25 and then newest first, with the entities it names.
    pub fn search_all(&self, text: &str, limit: usize) -> Result<SearchResults> {
        let terms = terms(text);
        if terms.is_empty() {
            return Err(StoreError::new(ErrorKind::BadArgument, "nothing to search for: give one or more words (letters or digits)"));
        }
        let mut results = SearchResults::default();
        let mut groups = Vec::new();
        for term in &terms {
            let (entities, mut names) = self.entities_named(&term.join(" "))?;
            // A name in Cyrillic also as it is written in Latin letters
            // (the romanisation the merge uses): "Головченко" meets
            // "Golovchenko", in sentences and in entity names.
            let latin = latin(term);
            let (entities, names) = if latin != *term && !latin.is_empty() {
                let (more, more_names) = self.entities_named(&latin.join(" "))?;
                names.extend(more_names);
                (entities.into_iter().chain(more).collect(), names)
            } else {
                (entities, names)
            };
            for e in entities {
                if !results.entities.iter().any(|x| x.id == e.id) {
                    results.entities.push(e);
                }
            }
            let alternatives = alternatives(term, &names);
            groups.push(fts_group(&alternatives));
            results.phrases.extend(alternatives);
        }
        let fts = groups.join(" AND ");
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.doc, d.published, s.byte_start, s.byte_end, s.text \
             FROM (SELECT rowid, bm25(sentence_search) AS score FROM sentence_search \
                   WHERE sentence_search MATCH ?1 ORDER BY rowid DESC LIMIT ?3) f \
             JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.doc \
             ORDER BY f.score, d.published DESC, s.id LIMIT ?2",
        )?;
        let hits = stmt.query_map(params![fts, limit.clamp(1, 100_000) as i64, RANKED_MATCHES], |r| {
            Ok(SearchHit { doc: r.get(0)?, published: r.get(1)?, byte_start: r.get(2)?, byte_end: r.get(3)?, sentence: r.get(4)? })
        })?;
        results.hits = hits.collect::<rusqlite::Result<_>>()?;
        Ok(results)
    }

    /// The merged entities known by this name (any alias, any script), and
    /// all their names as folded words.
    fn entities_named(&self, name: &str) -> Result<(Vec<NamedEntity>, Vec<Vec<String>>)> {
        let folded = fold_name(name);
        if folded.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.type, e.name, e.aliases FROM kb_entities e \
             WHERE e.id IN (SELECT entity FROM kb_entity_names WHERE folded = ?1) \
             ORDER BY e.source_count DESC, e.seq LIMIT 10",
        )?;
        let rows = stmt.query_map([&folded], |r| {
            Ok((NamedEntity { id: r.get(0)?, kind: r.get(1)?, name: r.get(2)? }, r.get::<_, Option<String>>(3)?))
        })?;
        let (mut entities, mut names) = (Vec::new(), Vec::new());
        for row in rows {
            let (entity, aliases) = row?;
            let aliases: Vec<String> = aliases.and_then(|a| serde_json::from_str(&a).ok()).unwrap_or_default();
            for n in std::iter::once(&entity.name).chain(&aliases) {
                let words = folded_words(n);
                if !words.is_empty() && !names.contains(&words) {
                    names.push(words);
                }
            }
            entities.push(entity);
        }
        Ok((entities, names))
    }

    /// The sentences of [`Reader::search_all`], without the rest.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        Ok(self.search_all(text, limit)?.hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn quotes_make_terms_and_plain_words_are_one_phrase() {
        assert_eq!(terms("Hà Nội"), vec![w("ha noi")]);
        assert_eq!(terms("\"ha noi\" visa"), vec![w("ha noi"), w("visa")]);
        assert_eq!(terms("visa \"x*"), vec![w("visa"), w("x")]);
        assert!(terms(" -- \"\" ").is_empty());
    }

    #[test]
    fn cyrillic_names_meet_their_latin_spelling() {
        assert_eq!(folded_words(&accord_merge::name_key("Роман Головченко")), w("roman golovchenko"));
    }

    #[test]
    fn a_name_is_also_its_written_together_form_and_its_gazetteer_names() {
        let spaced = alternatives(&w("ha noi"), &[]);
        assert!(spaced.contains(&w("hanoi")), "{spaced:?}");
        let together = alternatives(&w("hanoi"), &[]);
        assert!(together.contains(&w("ha noi")), "{together:?}");
        assert!(together.iter().any(|a| a[0].starts_with("хан")), "{together:?}");
        assert_eq!(alternatives(&w("visa"), &[]), vec![w("visa")]);
    }
}
