//! The folded view of one sentence at a time, in buffers reused from one
//! sentence to the next.
//!
//! It is [`accord_text::Folded::of_range`] byte for byte (the test below
//! holds it to that); it exists because this stage folds every sentence of
//! every document, and there two allocations per sentence and the general
//! per-character path cost more than the matching itself. ASCII, most of
//! the input, takes a direct path; every other character goes through the
//! shared [`fold_char`].

use accord_doc::Span;
use accord_lang::{fold_char, FoldedChar};

#[derive(Debug, Default)]
pub struct SentenceFold {
    /// The folded sentence.
    pub text: String,
    /// For each byte of `text`, plus one past the end, the input byte offset.
    map: Vec<u32>,
}

impl SentenceFold {
    /// Fold `range` of `original`, replacing the previous sentence. A range
    /// that does not fall on character boundaries folds to nothing.
    pub fn fold(&mut self, original: &str, range: Span) {
        self.text.clear();
        self.map.clear();
        let part = original.get(range.start..range.end).unwrap_or("");
        let bytes = part.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let at = (range.start + i) as u32;
            let b = bytes[i];
            if b.is_ascii() {
                if !b.is_ascii_whitespace() {
                    self.text.push(char::from(b.to_ascii_lowercase()));
                    self.map.push(at);
                } else if !self.text.ends_with(' ') {
                    self.text.push(' ');
                    self.map.push(at);
                }
                i += 1;
                continue;
            }
            let Some(c) = part.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let before = self.text.len();
            match fold_char(c) {
                FoldedChar::Space if self.text.ends_with(' ') => {}
                FoldedChar::Space => self.text.push(' '),
                FoldedChar::One(f) => self.text.push(f),
                FoldedChar::Two(a, b) => {
                    self.text.push(a);
                    self.text.push(b);
                }
                FoldedChar::Nothing => {}
            }
            self.map
                .resize(self.map.len() + (self.text.len() - before), at);
            i += c.len_utf8();
        }
        self.map.push(range.end as u32);
    }

    /// The input span of the folded span `[start, end)`, as
    /// [`accord_text::Folded::span_to_original`].
    pub fn span_to_original(&self, start: usize, end: usize) -> Span {
        let s = self.to_original(start);
        let e = self.to_original(end).max(s);
        Span::new(s, e)
    }

    fn to_original(&self, offset: usize) -> usize {
        let last = self.map.len().saturating_sub(1);
        self.map.get(offset.min(last)).map_or(0, |&o| o as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_text::Folded;
    use proptest::prelude::*;

    /// Same text and same offsets as the shared folding, for every pair of
    /// folded offsets.
    fn agrees(input: &str, range: Span) -> Result<(), TestCaseError> {
        let want = Folded::of_range(input, range);
        let mut got = SentenceFold::default();
        // A dirty buffer must not leak into the next sentence.
        got.fold("Stale  TEXT Việt", Span::new(0, 17));
        got.fold(input, range);
        prop_assert_eq!(&got.text, &want.text);
        for i in 0..=want.text.len() + 1 {
            for j in i..=want.text.len() + 1 {
                prop_assert_eq!(got.span_to_original(i, j), want.span_to_original(i, j));
            }
        }
        Ok(())
    }

    #[test]
    fn known_forms() {
        for input in [
            "",
            " ",
            "Tổng Bí thư  Tô Lâm – Hà Nội",
            "a \t\n b",
            "İzmir “X”",
            "Vie\u{0323}\u{0302}t",
        ] {
            agrees(input, Span::new(0, input.len())).unwrap();
        }
        let input = "xx Việt Nam yy";
        agrees(input, Span::new(3, 13)).unwrap();
    }

    proptest! {
        #[test]
        fn folds_like_the_shared_folding(
            s in "[ a-zA-Z0-9.,\\t\\n\u{a0}àáạảãâầấậẩẫăằắặẳẵđĐİЁёй\u{301}\u{200b}–“”’]{0,40}",
            cut in 0usize..8,
        ) {
            let start = s.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(s.len());
            agrees(&s, Span::new(start, s.len()))?;
        }
    }
}
