//! Cue lexicons: phrases (folded) mapped to a label, found in a folded
//! sentence on word boundaries, longest first.

use accord_lang::{data_lines, fold_word};
use aho_corasick::{AhoCorasick, MatchKind};

pub struct Cues {
    automaton: AhoCorasick,
    labels: Vec<String>,
}

/// A cue found in a folded text.
#[derive(Debug, Clone)]
pub struct CueHit<'c> {
    pub label: &'c str,
    pub start: usize,
    pub end: usize,
}

impl Cues {
    /// Parse `label<TAB>phrase|phrase|...` lines.
    pub fn parse(file: &str) -> Cues {
        let mut keys = Vec::new();
        let mut labels = Vec::new();
        for line in data_lines(file) {
            let Some((label, phrases)) = line.split_once('\t') else { continue };
            for p in phrases.split('|') {
                let k = fold_word(p.trim());
                if !k.is_empty() && !keys.contains(&k) {
                    keys.push(k);
                    labels.push(label.trim().to_string());
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .expect("cue phrases build an automaton");
        Cues { automaton, labels }
    }

    /// Every cue in `folded` (a folded text), on word boundaries (a phrase
    /// ending in a letter may also be a stem if it is at least 6 letters:
    /// "инвестиционн" covers its endings).
    pub fn find<'c>(&'c self, folded: &str) -> Vec<CueHit<'c>> {
        self.automaton
            .find_iter(folded)
            .filter(|m| {
                let before_ok = !folded[..m.start()].chars().next_back().is_some_and(char::is_alphanumeric);
                let after_ok = !folded[m.end()..].chars().next().is_some_and(char::is_alphanumeric);
                before_ok && (after_ok || m.len() >= 12)
            })
            .map(|m| CueHit { label: &self.labels[m.pattern().as_usize()], start: m.start(), end: m.end() })
            .collect()
    }
}
