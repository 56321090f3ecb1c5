//! Word lists from the data folder, turned into anchored regexes.
//!
//! A [`Lexicon`] answers two questions at a byte offset: "does an entry start
//! here?" (a `^`-anchored regex on the rest of the text) and "does an entry end
//! here, give or take horizontal space?" (a `$`-anchored regex on a short
//! window before the offset). Both take the longest entry, match case-blind
//! (Unicode), and respect word boundaries on the sides made of letters.

use regex::Regex;
// Our own tables, looked up per token: FxHash, not SipHash.
use rustc_hash::FxHashMap as HashMap;

/// Horizontal white space: what may separate the words of one expression.
/// Line breaks end an expression.
const HSPACE_CLASS: &str = r"[\t \u{A0}\u{2009}\u{202F}]";

pub(crate) fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{A0}' | '\u{2009}' | '\u{202F}')
}

/// How far back a `$`-anchored lookup reads; longer than any entry.
const LOOKBEHIND_BYTES: usize = 64;

pub(crate) struct Lexicon<V> {
    forward: Regex,
    backward: Regex,
    values: HashMap<String, V>,
}

impl<V: Copy> Lexicon<V> {
    /// Builds a lexicon from `(entry, value)` pairs. Multi-word entries match
    /// any run of horizontal space between their words.
    pub(crate) fn new<'a>(entries: impl IntoIterator<Item = (&'a str, V)>) -> Self {
        let mut values = HashMap::default();
        let mut words: Vec<&str> = Vec::new();
        for (word, value) in entries {
            let word = word.trim();
            if word.is_empty() {
                continue;
            }
            // The first entry wins when a table lists a word twice.
            values.entry(lookup_key(word)).or_insert(value);
            words.push(word);
        }
        // Longest first, so that leftmost-first alternation picks the longest.
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        words.dedup();
        let alternation = words
            .iter()
            .map(|w| w.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(&format!("{HSPACE_CLASS}+")))
            .collect::<Vec<_>>()
            .join("|");
        let alternation = if alternation.is_empty() { r"[^\s\S]".to_string() } else { alternation };
        Lexicon {
            forward: compile(&format!("^(?i:{alternation})")),
            backward: compile(&format!("(?i:{alternation}){HSPACE_CLASS}*$")),
            values,
        }
    }

    /// The entry starting exactly at `pos`, ending at or before `limit`:
    /// its end and value.
    pub(crate) fn match_at(&self, text: &str, pos: usize, limit: usize) -> Option<(usize, V)> {
        let rest = text.get(pos..limit)?;
        let found = self.forward.find(rest)?;
        let end = pos + found.end();
        let entry = found.as_str();
        if ends_in_word_char(entry) && starts_with_word_char(&text[end..]) {
            return None;
        }
        let value = *self.values.get(&lookup_key(entry))?;
        Some((end, value))
    }

    /// The entry that ends at `pos` (horizontal space may follow it) and
    /// starts at or after `floor`: its start and value.
    pub(crate) fn match_before(&self, text: &str, floor: usize, pos: usize) -> Option<(usize, V)> {
        let mut from = floor.max(pos.saturating_sub(LOOKBEHIND_BYTES));
        while from < pos && !text.is_char_boundary(from) {
            from += 1;
        }
        let window = text.get(from..pos)?;
        let found = self.backward.find(window)?;
        let start = from + found.start();
        let entry = found.as_str().trim_end_matches(is_hspace);
        if starts_with_word_char(entry) && ends_in_word_char(&text[..start]) {
            return None;
        }
        let value = *self.values.get(&lookup_key(entry))?;
        Some((start, value))
    }
}

fn compile(pattern: &str) -> Regex {
    // The patterns are escaped literals, so this only fails on absurd sizes;
    // a lexicon that matches nothing is then the safe outcome.
    Regex::new(pattern).unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("trivial regex"))
}

/// Entries are looked up case-blind with their inner space collapsed.
fn lookup_key(entry: &str) -> String {
    entry.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}

pub(crate) fn is_word_char(c: char) -> bool {
    accord_lang::is_alphanumeric(c)
}

fn starts_with_word_char(s: &str) -> bool {
    s.chars().next().is_some_and(is_word_char)
}

fn ends_in_word_char(s: &str) -> bool {
    s.chars().next_back().is_some_and(is_word_char)
}
