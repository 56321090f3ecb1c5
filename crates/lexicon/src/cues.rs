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
            let Some((label, list)) = line.split_once('\t') else {
                continue;
            };
            let label = label.trim();
            let index = labels.iter().position(|l| l == label).unwrap_or_else(|| {
                labels.push(label.to_string());
                labels.len() - 1
            });
            for p in list.split('|') {
                let (p, stem) = stem_of_entry(p.trim());
                phrases.insert(&fold_word(p), (index, p.to_string()), stem);
            }
        }
        Cues { phrases, labels }
    }

    /// Every cue in `folded` (a folded text), whole words, longest first.
    pub fn find<'c>(&'c self, folded: &str) -> Vec<CueHit<'c>> {
        self.phrases.find(folded).into_iter().map(|m| CueHit { label: &self.labels[m.value.0], start: m.start, end: m.end }).collect()
    }

    /// [`Cues::find`] over a part of a folded text (offsets into `view.text`).
    pub fn find_in<'c>(&'c self, view: &FoldedView) -> Vec<CueHit<'c>> {
        view.find(&self.phrases).into_iter().map(|m| CueHit { label: &self.labels[m.value.0], start: m.start, end: m.end }).collect()
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

/// A single word written with a final `*` is a stem ("сотрудничеств*" covers
/// its endings), as is a single word of twelve letters or more; any other
/// entry matches whole words only, so that "договор" (a treaty) does not
/// meet "договорились" (they agreed). Letters, not bytes: a Cyrillic word
/// takes two bytes a letter.
fn stem_of_entry(entry: &str) -> (&str, bool) {
    if let Some(stem) = entry.strip_suffix('*') {
        return (stem, !stem.contains(' '));
    }
    (entry, !entry.contains(' ') && entry.chars().count() >= 12)
}

#[cfg(test)]
mod stem_tests {
    use super::*;

    fn labels(cues: &Cues, text: &str) -> Vec<String> {
        cues.find_in_text(text).iter().map(|h| h.label.to_string()).collect()
    }

    #[test]
    fn a_short_word_matches_whole_words_only_unless_starred() {
        let cues = Cues::parse("treaty\tдоговор\nprotocol\tпротокол*\n");
        assert_eq!(labels(&cues, "подписали договор"), ["treaty"]);
        assert!(labels(&cues, "стороны договорились").is_empty());
        assert_eq!(labels(&cues, "подписали протоколом"), ["protocol"]);
    }

    #[test]
    fn a_word_of_twelve_letters_is_a_stem_in_any_script() {
        let cues = Cues::parse("cooperation\tсотрудничеств\n");
        assert_eq!(labels(&cues, "в области сотрудничества"), ["cooperation"]);
        // Eleven Cyrillic letters take 22 bytes but are no stem.
        let cues = Cues::parse("x\tсотрудничес\n");
        assert!(labels(&cues, "сотрудничество").is_empty());
    }
}
