//! The stage's cue lexicons: `label<TAB>phrase|phrase` lines matched over
//! folded text (see [`accord_lexicon::Cues`]). Folding drops Vietnamese tone
//! marks, so "sẽ" (will) and "sẻ" (share) fold alike; a phrase written
//! `=sẽ` matches only where the input has exactly those letters and marks.

use accord_data::tsv::{Error, Table};
use accord_doc::Lang;
use accord_lexicon::{checked_rows, Cues, Labels};
use accord_text::Folded;
use unicode_normalization::UnicodeNormalization;

/// A cue found in a folded text; offsets are into the folded text.
pub(crate) struct Hit<'l> {
    pub label: &'l str,
    pub start: usize,
    pub end: usize,
}

pub(crate) struct Lexicon {
    cues: Cues,
    /// Folded key -> the marked forms it must be (lower case, NFC).
    marked: Vec<(String, Vec<String>)>,
}

impl Lexicon {
    /// The cue file of `table`, every label accepted by `labels`.
    pub fn load(table: &Table, labels: Labels) -> Result<Lexicon, Error> {
        let mut plain = String::with_capacity(table.text.len());
        let mut marked: Vec<(String, Vec<String>)> = Vec::new();
        for (label, phrases) in checked_rows(table, labels)? {
            let mut kept = Vec::new();
            for phrase in phrases.split('|').map(str::trim) {
                match phrase.strip_prefix('=') {
                    Some(form) => {
                        let key = accord_lang::fold_word(form);
                        let form = lower_nfc(form);
                        match marked.iter_mut().find(|(k, _)| *k == key) {
                            Some((_, forms)) => forms.push(form),
                            None => marked.push((key, vec![form])),
                        }
                        kept.push(phrase.trim_start_matches('='));
                    }
                    None => kept.push(phrase),
                }
            }
            plain.push_str(label);
            plain.push('\t');
            plain.push_str(&kept.join("|"));
            plain.push('\n');
        }
        Ok(Lexicon { cues: Cues::parse(&plain), marked })
    }

    /// The cues in `folded.text[range]` (offsets into `folded.text`); a
    /// marked phrase only where `original` has its marks.
    pub fn find(&self, folded: &Folded, range: std::ops::Range<usize>, original: &str) -> Vec<Hit<'_>> {
        self.cues
            .find_in(&folded.slice(range.clone()))
            .into_iter()
            .map(|h| Hit { label: h.label, start: range.start + h.start, end: range.start + h.end })
            .filter(|h| self.marks_agree(folded, h, original))
            .collect()
    }

    fn marks_agree(&self, folded: &Folded, hit: &Hit, original: &str) -> bool {
        let key = folded.text.get(hit.start..hit.end).unwrap_or("");
        let Some((_, forms)) = self.marked.iter().find(|(k, _)| k == key) else {
            return true;
        };
        let found = lower_nfc(folded.span_to_original(hit.start, hit.end).slice(original).trim_end());
        forms.contains(&found)
    }
}

fn lower_nfc(s: &str) -> String {
    s.nfc().flat_map(char::to_lowercase).collect::<String>().nfc().collect()
}

/// A lexicon per language; the first is the fallback.
pub(crate) struct PerLang(Vec<(Lang, Lexicon)>);

impl PerLang {
    /// The file `path` of every language; a bad file fails here.
    pub fn load(path: &str, labels: Labels) -> PerLang {
        let load = |(lang, table): (Lang, Table)| (lang, accord_data::tsv::or_fail(Lexicon::load(&table, labels)));
        PerLang(accord_data::tables_for_all(path).into_iter().map(load).collect())
    }

    pub fn get(&self, lang: Lang) -> Option<&Lexicon> {
        self.0.iter().find(|(l, _)| *l == lang).or(self.0.first()).map(|(_, lexicon)| lexicon)
    }
}
