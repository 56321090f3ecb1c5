//! Cue lexicons: phrases (folded) mapped to a label, found in a folded
//! sentence on word boundaries, longest first.

use accord_data::tsv::{Error, Table};
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

/// The labels a cue file may use; any other is an error of the file.
#[derive(Clone, Copy)]
pub enum Labels {
    OneOf(&'static [&'static str]),
    /// Those the function accepts, and what to say is expected.
    Check(fn(&str) -> bool, &'static str),
}

impl Labels {
    fn accepts(&self, label: &str) -> bool {
        match self {
            Labels::OneOf(all) => all.contains(&label),
            Labels::Check(check, _) => check(label),
        }
    }

    fn expected(&self) -> String {
        match self {
            Labels::OneOf(all) => format!("one of: {}", all.join(", ")),
            Labels::Check(_, expected) => expected.to_string(),
        }
    }
}

impl Cues {
    /// Parse `label<TAB>phrase|phrase|...` lines. The first label given for
    /// a phrase keeps it.
    pub fn parse(file: &str) -> Cues {
        Cues::build(data_lines(file).filter_map(|line| line.split_once('\t')))
    }

    /// [`Cues::parse`] of a data file whose every line must have a label
    /// `labels` accepts and a list of phrases.
    pub fn load(table: &Table, labels: Labels) -> Result<Cues, Error> {
        Ok(Cues::build(checked_rows(table, labels)?.into_iter()))
    }

    fn build<'t>(lines: impl Iterator<Item = (&'t str, &'t str)>) -> Cues {
        let mut phrases = PhraseIndex::new();
        let mut labels: Vec<String> = Vec::new();
        for (label, list) in lines {
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

/// The `(label, phrases)` of every line of a cue file, each label accepted
/// by `labels`.
pub fn checked_rows<'t>(table: &Table<'t>, labels: Labels) -> Result<Vec<(&'t str, &'t str)>, Error> {
    let mut out = Vec::new();
    for row in table.rows() {
        let label = row.col(0)?;
        if !labels.accepts(label) {
            return Err(row.error(format!("unknown label '{label}' (expected {})", labels.expected())));
        }
        out.push((label, row.col(1)?));
        row.at_most(2)?;
    }
    Ok(out)
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
