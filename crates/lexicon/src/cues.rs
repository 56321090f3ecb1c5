//! Cue lexicons: phrases (folded) mapped to a label, found in a folded
//! sentence on word boundaries, longest first.

use accord_lang::{data_lines, fold_word};
use accord_text::{FoldedView, PhraseIndex};

pub struct Cues {
    /// Folded phrase -> (label index, the phrase as written).
    phrases: PhraseIndex<(usize, String)>,
    labels: Vec<String>,
}

/// A cue found: byte offsets into the text searched (folded or original,
/// by the method that found it).
#[derive(Debug, Clone)]
pub struct CueHit<'c> {
    pub label: &'c str,
    pub start: usize,
    pub end: usize,
}

impl Cues {
    /// Parse `label<TAB>phrase|phrase|...` lines. The first label given for
    /// a phrase keeps it.
    pub fn parse(file: &str) -> Cues {
        let mut phrases = PhraseIndex::new();
        let mut labels: Vec<String> = Vec::new();
        for line in data_lines(file) {
            let Some((label, list)) = line.split_once('\t') else { continue };
            let label = label.trim();
            let index = labels.iter().position(|l| l == label).unwrap_or_else(|| {
                labels.push(label.to_string());
                labels.len() - 1
            });
            for p in list.split('|') {
                let k = fold_word(p.trim());
                // A long single word is a stem: "инвестиционн" covers its endings.
                let stem = !k.contains(' ') && k.len() >= 12;
                phrases.insert(&k, (index, p.trim().to_string()), stem);
            }
        }
        Cues { phrases, labels }
    }

    /// Every cue in `folded` (a folded text), whole words, longest first.
    pub fn find<'c>(&'c self, folded: &str) -> Vec<CueHit<'c>> {
        self.phrases
            .find(folded)
            .into_iter()
            .map(|m| CueHit { label: &self.labels[m.value.0], start: m.start, end: m.end })
            .collect()
    }

    /// [`Cues::find`] over a part of a folded text (offsets into `view.text`).
    pub fn find_in<'c>(&'c self, view: &FoldedView) -> Vec<CueHit<'c>> {
        view.find(&self.phrases)
            .into_iter()
            .map(|m| CueHit { label: &self.labels[m.value.0], start: m.start, end: m.end })
            .collect()
    }

    /// The cues of `original`, where a phrase written with diacritics only
    /// matches text carrying the same ones: folding makes Vietnamese "dầu"
    /// (oil) and "đầu" (of "đầu tư", investment) one key.
    pub fn find_in_text<'c>(&'c self, original: &str) -> Vec<CueHit<'c>> {
        self.find_marked(&accord_text::Folded::new(original).view(), original)
    }

    /// [`Cues::find_in_text`] over a view of a folded `original`: offsets
    /// into `original`.
    pub fn find_marked<'c>(&'c self, folded: &FoldedView, original: &str) -> Vec<CueHit<'c>> {
        folded
            .find(&self.phrases)
            .into_iter()
            .filter(|m| {
                // A stem compares its marks with the letters it covers only:
                // "промышленн" in "промышленный" (whose "й" is marked).
                let key = fold_word(&m.value.1);
                let stem = !key.contains(' ') && m.end - m.start > key.len();
                let end = if stem { m.start + key.len() } else { m.end };
                let surface = folded.span_to_original(m.start, end).slice(original);
                accord_lang::same_marks(surface, &m.value.1)
            })
            .map(|m| {
                let span = folded.span_to_original(m.start, m.end);
                CueHit { label: &self.labels[m.value.0], start: span.start, end: span.end }
            })
            .collect()
    }
}
