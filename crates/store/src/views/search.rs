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
use crate::fts::{alternatives, folded_words, latin, terms};
use crate::Result;
use serde::Serialize;

/// Matches ranked at most: ranking reads every match, and a common word
/// ("Vietnam") matches most of a large corpus, so the most recently stored
/// matches are ranked and the rest left out.
const RANKED_MATCHES: i64 = 2_000;

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
            groups.push(self.db.search_group(&alternatives));
            results.phrases.extend(alternatives);
        }
        let fts = groups.join(self.db.search_and());
        let params = [fts.into(), limit.clamp(1, 100_000).into(), RANKED_MATCHES.into()];
        results.hits = self.db.all(self.db.search_sql(), &params, |r| {
            Ok(SearchHit { doc: r.get(0)?, published: r.get(1)?, byte_start: r.get(2)?, byte_end: r.get(3)?, sentence: r.get(4)? })
        })?;
        Ok(results)
    }

    /// The merged entities known by this name (any alias, any script), and
    /// all their names as folded words.
    fn entities_named(&self, name: &str) -> Result<(Vec<NamedEntity>, Vec<Vec<String>>)> {
        let folded = fold_name(name);
        if folded.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let sql = "SELECT e.id, e.type, e.name, e.aliases FROM kb_entities e \
             WHERE e.id IN (SELECT entity FROM kb_entity_names WHERE folded = ?1) \
             ORDER BY e.source_count DESC, e.seq LIMIT 10";
        let rows = self.db.all(sql, &[folded.into()], |r| {
            Ok((NamedEntity { id: r.get(0)?, kind: r.get(1)?, name: r.get(2)? }, r.get::<Option<String>>(3)?))
        })?;
        let (mut entities, mut names) = (Vec::new(), Vec::new());
        for (entity, aliases) in rows {
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
