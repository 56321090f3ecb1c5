//! Cue lexicons: phrases of a language mapped to labels, matched over folded
//! text on word boundaries, longest first. Extractors keep theirs in
//! `data/<lang>/<stage>/*.tsv`; the area lexicon (`data/<lang>/areas.tsv`,
//! the area list of facts.md) is shared by agreements and commitments.

mod cues;

pub use cues::{checked_rows, CueHit, Cues, Labels};

use accord_doc::{Lang, Span};
use accord_text::FoldedView;
use std::sync::LazyLock;

/// The area list of facts.md (topics of agreements, areas of commitments).
pub const AREA_LIST: &[&str] = &[
    "politics",
    "defence",
    "security",
    "economy",
    "trade",
    "investment",
    "finance",
    "industry",
    "agriculture",
    "energy",
    "health",
    "science_technology",
    "digital",
    "transport",
    "education",
    "labour",
    "justice",
    "environment",
    "culture",
    "sports",
    "tourism",
    "media",
    "people_to_people",
    "consular",
    "multilateral",
    "maritime",
    "partnership",
    "other",
];

/// A cue lexicon per language, parsed once.
pub struct PerLang {
    lexicons: Vec<(Lang, Cues)>,
}

impl PerLang {
    /// The cue file `path` of every language, its labels checked (a bad
    /// file fails here, naming its line); the first language is the
    /// fallback for texts in none of them.
    pub fn load(path: &str, labels: Labels) -> PerLang {
        let load = |(lang, table): (Lang, accord_data::tsv::Table)| (lang, accord_data::tsv::or_fail(Cues::load(&table, labels)));
        PerLang { lexicons: accord_data::tables_for_all(path).into_iter().map(load).collect() }
    }

    pub fn get(&self, lang: Lang) -> &Cues {
        self.lexicons.iter().find(|(l, _)| *l == lang).map_or(&self.lexicons[0].1, |(_, c)| c)
    }
}

/// The labels of `areas.tsv`.
pub const AREA_LABELS: Labels = Labels::OneOf(AREA_LIST);

static AREAS: LazyLock<PerLang> = LazyLock::new(|| PerLang::load("areas.tsv", AREA_LABELS));

/// The areas `original` (text as written) speaks of, in order of first
/// mention, with diacritics respected (see [`Cues::find_in_text`]).
pub fn areas_of_text(lang: Lang, original: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for hit in AREAS.get(lang).find_in_text(original) {
        if !out.contains(&hit.label) {
            out.push(hit.label);
        }
    }
    out
}

/// The length in bytes of the longest area phrase that `original` begins
/// with (0 for none), marks respected: a field's name of several syllables
/// ("công nghệ thông tin") that a body's name may end with.
pub fn area_phrase_at_start(lang: Lang, original: &str) -> usize {
    AREAS.get(lang).find_in_text(original).iter().filter(|h| h.start == 0).map(|h| h.end).max().unwrap_or(0)
}

/// The areas a document speaks of, found once over its folded body, so
/// that the areas of any part of it are a lookup (see [`Areas::within`]).
#[derive(Debug, Clone, Default)]
pub struct Areas {
    /// Area phrases as spans of the input, in text order.
    hits: Vec<(Span, &'static str)>,
}

impl Areas {
    /// The area phrases of `folded` (a view of `original`), marks respected
    /// as in [`areas_of_text`].
    pub fn find(lang: Lang, folded: &FoldedView, original: &str) -> Areas {
        let hits = AREAS.get(lang).find_marked(folded, original).into_iter().map(|h| (Span::new(h.start, h.end), h.label)).collect();
        Areas { hits }
    }

    /// The areas named inside `span` of the input, in order of first mention.
    pub fn within(&self, span: Span) -> Vec<&'static str> {
        let from = self.hits.partition_point(|(s, _)| s.start < span.start);
        let mut out: Vec<&'static str> = Vec::new();
        for (s, label) in self.hits[from..].iter().take_while(|(s, _)| s.start < span.end) {
            if s.end <= span.end && !out.contains(label) {
                out.push(label);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_in_both_languages() {
        assert_eq!(
            areas_of_text(Lang::En, "They agreed to boost trade and investment in agriculture."),
            ["trade", "investment", "agriculture"]
        );
        assert_eq!(areas_of_text(Lang::Vi, "Hai bên nhất trí tăng cường hợp tác quốc phòng và giáo dục."), ["defence", "education"]);
        assert!(areas_of_text(Lang::En, "The weather was fine.").is_empty());
    }

    #[test]
    fn areas_within_a_part_are_those_found_in_the_part_alone() {
        let text = "Hai bên nhất trí thúc đẩy đầu tư. Hợp tác dầu khí và giáo dục được mở rộng.";
        let folded = accord_text::Folded::new(text);
        let areas = Areas::find(Lang::Vi, &folded.view(), text);
        let second = text.find("Hợp").unwrap();
        assert_eq!(areas.within(Span::new(0, second)), areas_of_text(Lang::Vi, &text[..second]));
        assert_eq!(areas.within(Span::new(second, text.len())), ["energy", "education"]);
        assert!(areas.within(Span::new(0, 3)).is_empty());
    }

    #[test]
    fn marks_keep_vietnamese_words_apart() {
        assert_eq!(areas_of_text(Lang::Vi, "Thúc đẩy đầu tư"), ["investment"]);
        assert_eq!(areas_of_text(Lang::Vi, "hợp tác dầu khí"), ["energy"]);
        assert_eq!(areas_of_text(Lang::Vi, "quan hệ hữu nghị truyền thống"), ["partnership", "people_to_people"]);
    }

    #[test]
    fn a_stem_compares_the_marks_of_its_own_letters() {
        // "й" carries a mark the stem "промышленн" does not reach.
        assert_eq!(areas_of_text(Lang::Ru, "промышленный парк"), ["industry"]);
        assert_eq!(areas_of_text(Lang::Ru, "экономической и инвестиционной"), ["economy", "investment"]);
        // A phrase of several words still compares all its marks.
        assert_eq!(areas_of_text(Lang::Vi, "giáo dục - đào tạo"), ["education"]);
    }

    #[test]
    fn a_bad_cue_file_names_its_line() {
        let cases = [
            ("politics\tdiplomacy\nweather\train\n", "2: unknown label 'weather' (expected one of: politics,"),
            ("# areas\npolitics\n", "2: missing column 2 (1 found)"),
            ("trade\texports\tgoods\n", "1: 2 columns at most, but column 3 is 'goods'"),
        ];
        for (text, expected) in cases {
            let file = "xx/areas.tsv";
            accord_data::tsv::assert_fails(Cues::load(&accord_data::tsv::Table::new(file, text), AREA_LABELS), file, expected);
        }
    }

    #[test]
    fn every_language_has_its_area_cues() {
        assert_eq!(AREAS.lexicons.len(), Lang::known().len());
    }
}
