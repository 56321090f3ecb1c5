//! Text boundaries and folding. No meaning here: a folded view of the text
//! for matching, with an offset map back to the input, and sentence
//! boundaries.

mod phrases;
mod segment;

pub use phrases::{phrase_key, words, PhraseIndex, PhraseMatch};
pub use segment::sentences;

use accord_doc::Span;
use accord_lang::{fold_char, FoldedChar};

/// A folded copy of a text for matching (see [`accord_lang::fold_char`]):
/// marks removed, `đ`→`d`, lower case, plain dashes and quotes, whitespace
/// runs as one space. Every folded byte maps back to the input byte where
/// its character began, so matches found here become spans of the input.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, plus one past the end, the input byte offset.
    map: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        Self::of_range(original, Span::new(0, original.len()))
    }

    /// Fold only `range` of `original`; offsets still map into `original`.
    pub fn of_range(original: &str, range: Span) -> Folded {
        let part = &original[range.start..range.end];
        let mut text = String::with_capacity(part.len());
        let mut map = Vec::with_capacity(part.len() + 1);
        for (i, c) in part.char_indices() {
            let at = (range.start + i) as u32;
            let before = text.len();
            match fold_char(c) {
                FoldedChar::One(f) if f.is_ascii() => text.push(f),
                FoldedChar::Space if text.ends_with(' ') => {}
                FoldedChar::Space => text.push(' '),
                FoldedChar::One(f) => text.push(f),
                FoldedChar::Two(a, b) => {
                    text.push(a);
                    text.push(b);
                }
                FoldedChar::Nothing => {}
            }
            map.resize(map.len() + (text.len() - before), at);
        }
        map.push(range.end as u32);
        Folded { text, map }
    }

    /// The input offset where the folded byte at `offset` came from.
    pub fn to_original(&self, offset: usize) -> usize {
        self.map[offset.min(self.map.len() - 1)] as usize
    }

    /// The input span of the folded span `[start, end)`: from the first
    /// byte of the character at `start` to the first byte of the character
    /// at `end`, with trailing whitespace of the input left out.
    pub fn span_to_original(&self, start: usize, end: usize) -> Span {
        let s = self.to_original(start);
        let e = self.to_original(end).max(s);
        Span::new(s, e)
    }
}

/// Fold a short string (a lexicon key) the same way as [`Folded::new`].
pub fn fold(s: &str) -> String {
    accord_lang::fold_word(s)
}

/// Whether the folded byte offsets `[start, end)` of `folded` sit on word
/// boundaries (no letter or digit just before or just after).
pub fn at_word_boundaries(folded: &str, start: usize, end: usize) -> bool {
    let before = folded[..start].chars().next_back();
    let after = folded[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folded_offsets_point_into_the_input() {
        let input = "Tổng Bí thư  Tô Lâm – Hà Nội";
        let f = Folded::new(input);
        assert_eq!(f.text, "tong bi thu to lam - ha noi");
        let at = f.text.find("to lam").unwrap();
        let span = f.span_to_original(at, at + "to lam".len());
        assert_eq!(span.slice(input), "Tô Lâm");
        let at = f.text.find("ha noi").unwrap();
        assert_eq!(f.span_to_original(at, at + 6).slice(input), "Hà Nội");
    }

    #[test]
    fn range_folding_keeps_input_offsets() {
        let input = "xx Việt Nam yy";
        let f = Folded::of_range(input, Span::new(3, 13));
        assert_eq!(f.text, "viet nam");
        assert_eq!(f.span_to_original(0, f.text.len()).slice(input), "Việt Nam");
    }

    #[test]
    fn word_boundaries() {
        assert!(at_word_boundaries("the un charter", 4, 6));
        assert!(!at_word_boundaries("the union", 4, 6));
    }

    proptest! {
        #[test]
        fn every_folded_offset_maps_to_a_char_boundary(s in "\\PC{0,60}") {
            let f = Folded::new(&s);
            for i in 0..=f.text.len() {
                let o = f.to_original(i);
                prop_assert!(o <= s.len());
                prop_assert!(s.is_char_boundary(o));
            }
        }

        #[test]
        fn folded_spans_slice_the_input(s in "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵđĐ \\-–]{0,40}") {
            let f = Folded::new(&s);
            for (i, _) in f.text.char_indices() {
                let span = f.span_to_original(0, i);
                prop_assert!(span.end <= s.len());
                let _ = span.slice(&s);
            }
        }
    }
}
