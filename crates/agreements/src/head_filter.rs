//! A quick test that a sentence cannot hold a head noun, so that most
//! sentences skip folding and the word-by-word head lookup.
//!
//! It must never reject a sentence where `Cues::find` would find a head, so
//! it answers "maybe" for anything it cannot rule out. A head is found on
//! words, whatever separates them ("joint statement", "joint-statement");
//! the automaton holds each phrase with single spaces and each of its
//! proper word prefixes. A phrase found whole, or a prefix followed by
//! anything but one space and a word (where the words may go on joined
//! otherwise), is a "maybe". Case is ignored, so pure-ASCII sentences can be
//! tested as written: folding ASCII only lowers case and turns whitespace
//! runs into one space, and any whitespace but one plain space is itself a
//! "maybe". So can sentences whose other characters are punctuation.

use accord_lang::{data_lines, fold_char, fold_word, FoldedChar};
use accord_text::phrase_key;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

pub(crate) struct HeadFilter {
    /// `None` if the patterns could not be built: then every sentence is a
    /// "maybe".
    automaton: Option<AhoCorasick>,
    /// Per pattern: whether it is only a proper prefix of phrases (not a
    /// phrase or a stem itself).
    prefix_only: Vec<bool>,
}

impl HeadFilter {
    /// From a `heads.tsv` file, keyed exactly as `Cues::parse` keys it.
    pub fn parse(file: &str) -> HeadFilter {
        let mut patterns: Vec<String> = Vec::new();
        let mut prefix_only: Vec<bool> = Vec::new();
        let mut add = |pattern: &str, whole: bool| match patterns.iter().position(|p| p == pattern)
        {
            Some(i) => prefix_only[i] &= !whole,
            None => {
                patterns.push(pattern.to_string());
                prefix_only.push(!whole);
            }
        };
        for line in data_lines(file) {
            let Some((_, list)) = line.split_once('\t') else {
                continue;
            };
            for phrase in list.split('|') {
                let key = phrase_key(&fold_word(phrase.trim()));
                // A stem is a single word matched as the start of words: it
                // is a whole pattern either way.
                let mut at = 0;
                while let Some(space) = key[at..].find(' ') {
                    at += space;
                    add(&key[..at], false);
                    at += 1;
                }
                if !key.is_empty() {
                    add(&key, true);
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok();
        HeadFilter {
            automaton,
            prefix_only,
        }
    }

    /// Whether `text` can be tested as written, without folding: its words
    /// are those of its folded form, but for case. So ASCII, and any other
    /// character is punctuation that folds to punctuation ("’", "–"), not a
    /// letter, a mark or nothing (a soft hyphen joins the word around it).
    pub fn reads_as_written(text: &str) -> bool {
        text.is_ascii()
            || text.chars().all(|c| {
                c.is_ascii()
                    || !c.is_alphanumeric()
                        && match fold_char(c) {
                            FoldedChar::Space => true,
                            FoldedChar::One(f) => !f.is_alphanumeric(),
                            FoldedChar::Two(f, g) => !f.is_alphanumeric() && !g.is_alphanumeric(),
                            FoldedChar::Nothing => false,
                        }
            })
    }

    /// Whether `text` (a folded sentence, or one that
    /// [`reads_as_written`](Self::reads_as_written)) may hold a head; `false`
    /// only when it surely does not.
    pub fn may_match(&self, text: &str) -> bool {
        let Some(automaton) = &self.automaton else {
            return true;
        };
        // Every occurrence, overlapping ones too: a prefix that is no
        // phrase may hide a phrase starting inside it.
        automaton.find_overlapping_iter(text).any(|m| {
            let word_start = !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if !word_start {
                return false;
            }
            if !self
                .prefix_only
                .get(m.pattern().as_usize())
                .copied()
                .unwrap_or(false)
            {
                return true;
            }
            // A prefix that goes on with one plain space and a word: the
            // longer patterns tell whether a phrase follows.
            let mut after = text[m.end()..].chars();
            !(after.next() == Some(' ') && after.next().is_some_and(char::is_alphanumeric))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADS: &str = "agreement\tagreement|joint statement|free trade agreement\n\
                         other\tlien minh kinh te\nstem\tинвестиционн\n";

    #[test]
    fn rules_out_only_sentences_without_heads() {
        let filter = HeadFilter::parse(HEADS);
        for maybe in [
            "they signed an agreement.",
            "The Agreement was signed",
            "a joint statement",
            "a joint-statement",
            "a joint\nstatement",
            "a joint  statement",
            "free trade, agreement",
            "lien minh kinh-te",
            "инвестиционного",
            "the “agreement”",
            "a joint – statement",
        ] {
            assert!(filter.may_match(maybe), "{maybe}");
        }
        for not in [
            "they disagreed.",
            "a joint venture",
            "free trade zone",
            "no heads here",
            "lien minh kinh doanh",
        ] {
            assert!(!filter.may_match(not), "{not}");
        }
        assert!(HeadFilter::reads_as_written("the “deal” – signed"));
        assert!(!HeadFilter::reads_as_written("agree\u{ad}ment"));
        assert!(!HeadFilter::reads_as_written("hiệp định"));
    }
}

/// Against real news: no sentence with a head may be ruled out. Reads the
/// shared corpus (or the folder in `ACCORD_HEAD_FILTER_DIR`) at run time.
#[cfg(test)]
mod on_news {
    use super::HeadFilter;
    use crate::lexicon::rules;
    use accord_doc::{Lang, Span};
    use accord_text::Folded;

    #[test]
    fn never_rules_out_a_sentence_with_a_head() {
        let dir = std::env::var("ACCORD_HEAD_FILTER_DIR").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/dev").to_string()
        });
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("note: {dir} is absent, test skipped");
            return;
        };
        let mut with_heads = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.to_string_lossy().to_string();
            let lang = if name.ends_with("_vi.txt") {
                Lang::Vi
            } else if name.ends_with("_ru.txt") {
                Lang::Ru
            } else if name.ends_with(".txt") {
                Lang::En
            } else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let rules = rules(lang);
            let whole = Span::new(0, text.len());
            for sentence in accord_text::sentences(&text, whole, lang)
                .into_iter()
                .chain([whole])
            {
                let folded = Folded::of_range(&text, sentence);
                if rules.heads.find(&folded.text).is_empty() {
                    continue;
                }
                with_heads += 1;
                assert!(
                    rules.head_filter.may_match(&folded.text),
                    "{name}: {sentence:?}"
                );
                let part = &text[sentence.start..sentence.end];
                if HeadFilter::reads_as_written(part) {
                    assert!(rules.head_filter.may_match(part), "{name}: {sentence:?}");
                }
            }
        }
        eprintln!("{with_heads} sentences with heads kept");
    }
}
