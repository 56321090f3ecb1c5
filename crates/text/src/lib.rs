//! Text boundaries and folding. No meaning here: a folded view of the text
//! for matching, with an offset map back to the input, and sentence
//! boundaries.

mod phrases;
mod segment;
pub mod tokens;

pub use phrases::{phrase_key, word_hash, words, PhraseIndex, PhraseMatch, TwoByteStarts, WordFilter};
pub use segment::{sentences, MAX_SENTENCE};

use accord_doc::Span;

/// A folded copy of a text for matching (see [`accord_lang::fold_char`]):
/// marks removed, `đ`→`d`, lower case, plain dashes and quotes, whitespace
/// runs as one space. Every folded byte maps back to the input byte where
/// its character began, so matches found here become spans of the input.
///
/// A document is folded once and its words split once; every stage then
/// reads the part it needs through [`Folded::within`] instead of folding
/// its sentences again.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, plus one past the end, the input byte offset.
    map: Vec<u32>,
    /// The words of `text` (see [`words`]), folded byte offsets.
    words: Vec<(u32, u32)>,
    /// [`word_hash`] of each word, for the phrase indexes' filters.
    hashes: Vec<u64>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        Self::of_range(original, Span::new(0, original.len()))
    }

    /// Fold only `range` of `original`; offsets still map into `original`.
    /// A range off character boundaries folds to nothing.
    pub fn of_range(original: &str, range: Span) -> Folded {
        let part = original.get(range.start..range.end).unwrap_or("");
        let bytes = part.as_bytes();
        let mut text: Vec<u8> = Vec::with_capacity(part.len());
        let mut map: Vec<u32> = Vec::with_capacity(part.len() + 1);
        // The words (see [`words`]) are found as the text is folded, not in
        // a second pass over it.
        let mut words = WordSpans::default();
        let mut i = 0;
        while i < bytes.len() {
            let at = (range.start + i) as u32;
            let b = bytes[i];
            // ASCII, most of any input, skips the general per-character path.
            if b.is_ascii() {
                if !b.is_ascii_whitespace() {
                    let lower = b.to_ascii_lowercase();
                    words.next_char(text.len(), lower.is_ascii_alphanumeric());
                    text.push(lower);
                    map.push(at);
                } else {
                    words.next_char(text.len(), false);
                    if text.last() != Some(&b' ') {
                        text.push(b' ');
                        map.push(at);
                    }
                }
                i += 1;
                continue;
            }
            let (c, len) = decode_at(bytes, i);
            let before = text.len();
            let folded = accord_lang::folded_bytes(c);
            if folded.space {
                words.next_char(text.len(), false);
                if text.last() != Some(&b' ') {
                    text.push(b' ');
                }
            } else {
                for (bytes, is_word) in folded.chars() {
                    words.next_char(text.len(), is_word);
                    text.extend_from_slice(bytes);
                }
            }
            map.resize(map.len() + (text.len() - before), at);
            i += len;
        }
        map.push(range.end as u32);
        let words = words.finish(text.len());
        // Checking would cost a pass over the text: debug builds check.
        debug_assert!(std::str::from_utf8(&text).is_ok());
        // SAFETY: `text` holds ASCII bytes of the input and the UTF-8 of whole
        // folded characters ([`FoldedBytes`](accord_lang::FoldedBytes)), never a part of one.
        let text = unsafe { String::from_utf8_unchecked(text) };
        let hashes = words.iter().map(|&(s, e)| word_hash(&text[s as usize..e as usize])).collect();
        Folded { text, map, words, hashes }
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

    /// The folded range of each of `spans` (input ranges in text order, not
    /// overlapping), as [`Folded::within`] would cut it: what their
    /// characters folded to. One pass over the offsets for all of them.
    pub fn ranges_of(&self, spans: impl IntoIterator<Item = Span>) -> Vec<(u32, u32)> {
        let map = &self.map[..self.text.len()];
        let mut at = 0;
        let spans = spans.into_iter();
        let mut out = Vec::with_capacity(spans.size_hint().0);
        for span in spans {
            // (Slice searches, without a bounds check per byte.)
            at += map[at..].iter().position(|&o| o as usize >= span.start).unwrap_or(map.len() - at);
            let from = at;
            // Spans do not overlap: the next one starts at or after this end.
            at += map[at..].iter().position(|&o| o as usize >= span.end).unwrap_or(map.len() - at);
            out.push((from as u32, at as u32));
        }
        out
    }

    /// The whole folded text as a view.
    pub fn view(&self) -> FoldedView<'_> {
        let end = self.map.last().map_or(0, |&o| o as usize);
        FoldedView { text: &self.text, map: &self.map[..self.text.len()], words: &self.words, hashes: &self.hashes, base: 0, end }
    }

    /// The part folded from the input bytes `range` (a sentence, a clause):
    /// the same text as folding `range` alone, without folding it again.
    pub fn within(&self, range: Span) -> FoldedView<'_> {
        self.view_of(self.part_within(range))
    }

    /// Where [`Folded::within`] finds the part of `range`: kept by a caller
    /// that asks for the same part many times (a sentence, by every stage),
    /// so that [`Folded::view_of`] gives it again without searching.
    pub fn part_within(&self, range: Span) -> Part {
        let map = &self.map[..self.text.len()];
        let from = map.partition_point(|&o| (o as usize) < range.start);
        let to = map.partition_point(|&o| (o as usize) < range.end).max(from);
        let end = self.to_original(to).min(range.end).max(range.start);
        self.part_bounds(from, to, end)
    }

    /// The view of a part found by [`Folded::part_within`] on this text.
    pub fn view_of(&self, part: Part) -> FoldedView<'_> {
        let (from, to, first, last) = (part.from as usize, part.to as usize, part.first as usize, part.last as usize);
        FoldedView {
            text: &self.text[from..to],
            map: &self.map[from..to],
            words: &self.words[first..last],
            hashes: &self.hashes[first..last],
            base: from,
            end: part.end as usize,
        }
    }

    /// The folded bytes `range` (on character boundaries, else nothing).
    pub fn slice(&self, range: std::ops::Range<usize>) -> FoldedView<'_> {
        let (from, to) = (range.start.min(self.text.len()), range.end.min(self.text.len()));
        if from > to || !self.text.is_char_boundary(from) || !self.text.is_char_boundary(to) {
            return self.part(0, 0, self.to_original(0));
        }
        self.part(from, to, self.to_original(to))
    }

    fn part(&self, from: usize, to: usize, end: usize) -> FoldedView<'_> {
        self.view_of(self.part_bounds(from, to, end))
    }

    fn part_bounds(&self, from: usize, to: usize, end: usize) -> Part {
        // A range may cut a word: its part inside the range is a word of the view.
        let first = self.words.partition_point(|&(_, e)| (e as usize) <= from);
        let last = if from == to { first } else { self.words.partition_point(|&(s, _)| (s as usize) < to).max(first) };
        Part { from: from as u32, to: to as u32, end: end as u32, first: first as u32, last: last as u32 }
    }
}

/// The bounds of a part of a [`Folded`] text (see [`Folded::part_within`]):
/// folded bytes, the input offset where the part ends, and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    from: u32,
    to: u32,
    end: u32,
    first: u32,
    last: u32,
}

/// The character that begins at byte `i` of UTF-8 `bytes` (not ASCII) and
/// its length: decoded here, where the folding loop knows the input is
/// whole characters, without re-checking a slice of the rest.
#[inline]
fn decode_at(bytes: &[u8], i: usize) -> (char, usize) {
    let b = bytes[i];
    let (len, mut u) = match b {
        0xC0..=0xDF => (2, u32::from(b & 0x1F)),
        0xE0..=0xEF => (3, u32::from(b & 0x0F)),
        _ => (4, u32::from(b & 0x07)),
    };
    for &next in &bytes[i + 1..i + len] {
        u = u << 6 | u32::from(next & 0x3F);
    }
    (char::from_u32(u).expect("the input is UTF-8"), len)
}

/// Word spans gathered character by character: a word is a run of word
/// characters, as [`words`] splits a folded text.
#[derive(Default)]
struct WordSpans {
    spans: Vec<(u32, u32)>,
    open: Option<usize>,
}

impl WordSpans {
    /// A character begins at folded offset `at`.
    #[inline]
    fn next_char(&mut self, at: usize, is_word: bool) {
        match (is_word, self.open) {
            (true, None) => self.open = Some(at),
            (false, Some(start)) => {
                self.spans.push((start as u32, at as u32));
                self.open = None;
            }
            _ => {}
        }
    }

    fn finish(mut self, end: usize) -> Vec<(u32, u32)> {
        self.next_char(end, false);
        self.spans
    }
}

/// A part of a [`Folded`] text: its folded text, with offsets relative to
/// the part, mapped back into the input.
#[derive(Debug, Clone, Copy)]
pub struct FoldedView<'f> {
    pub text: &'f str,
    /// The input offset of each byte of `text`.
    map: &'f [u32],
    /// The words of the part, in offsets of the whole folded text.
    words: &'f [(u32, u32)],
    hashes: &'f [u64],
    /// Where `text` begins in the whole folded text.
    base: usize,
    /// The input offset just past the part.
    end: usize,
}

impl<'f> FoldedView<'f> {
    /// The input offset where the folded byte at `offset` came from; the
    /// end of the part for `text.len()` and beyond.
    pub fn to_original(&self, offset: usize) -> usize {
        self.map.get(offset).map_or(self.end, |&o| o as usize)
    }

    /// The part's offsets of a range of the whole folded text (a token's
    /// [`tokens::Token::folded`]), clipped to the part.
    pub fn local(&self, range: (u32, u32)) -> (usize, usize) {
        let clip = |o: u32| (o as usize).saturating_sub(self.base).min(self.text.len());
        (clip(range.0), clip(range.1))
    }

    /// As [`Folded::span_to_original`].
    pub fn span_to_original(&self, start: usize, end: usize) -> Span {
        let s = self.to_original(start);
        let e = self.to_original(end).max(s);
        Span::new(s, e)
    }

    /// The words of the part (see [`words`]), offsets into `text`.
    pub fn words(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (base, len) = (self.base, self.text.len());
        self.words.iter().map(move |&(s, e)| ((s as usize).max(base) - base, (e as usize - base).min(len)))
    }

    /// [`FoldedView::words`] with each word's [`word_hash`] (of the part
    /// inside the view, for a word its ends cut).
    pub fn hashed_words(&self) -> impl Iterator<Item = (usize, usize, u64)> + '_ {
        self.words().zip(self.words.iter().zip(self.hashes)).map(|((s, e), (&(ws, we), &hash))| {
            let whole = ws as usize >= self.base && we as usize - self.base <= self.text.len();
            (s, e, if whole { hash } else { word_hash(&self.text[s..e]) })
        })
    }

    /// The phrases of `index` in the part, as [`PhraseIndex::find`] finds
    /// them, without splitting the words again.
    pub fn find<'i, V>(&self, index: &'i PhraseIndex<V>) -> Vec<PhraseMatch<'i, V>> {
        index.find_in_words(self.text, self.words, self.hashes, self.base)
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
    !before.is_some_and(accord_lang::is_alphanumeric) && !after.is_some_and(accord_lang::is_alphanumeric)
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
        fn a_view_reads_as_folding_its_range_alone(s in "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵđĐİ \n\u{301}\\-–.,]{0,50}", a in 0usize..60, b in 0usize..60) {
            let (mut a, mut b) = (a.min(s.len()), b.min(s.len()));
            if a > b { std::mem::swap(&mut a, &mut b); }
            while !s.is_char_boundary(a) { a -= 1; }
            while !s.is_char_boundary(b) { b -= 1; }
            let starts_a_word = s[a..].chars().next().is_some_and(|c| !c.is_whitespace() && c != '\u{301}');
            prop_assume!(a <= b && starts_a_word);
            let range = Span::new(a, b);
            let alone = Folded::of_range(&s, range);
            let whole = Folded::new(&s);
            let view = whole.within(range);
            prop_assert_eq!(view.text, alone.text.as_str());
            let view_words: Vec<_> = view.words().collect();
            let alone_words: Vec<_> = words(&alone.text).collect();
            prop_assert_eq!(&view_words, &alone_words);
            for (ws, we) in view_words {
                prop_assert_eq!(view.span_to_original(ws, we), alone.span_to_original(ws, we));
            }
        }

        #[test]
        fn words_found_while_folding_are_those_of_the_folded_text(s in "[a-zA-Z0-9àáạảãâầấậẩẫăằắặẳẵđĐİßﬁÆ \n\t\u{301}\u{200b}\u{a0}\\-–.,()’]{0,60}") {
            let f = Folded::new(&s);
            let again: Vec<(u32, u32)> = words(&f.text).map(|(a, b)| (a as u32, b as u32)).collect();
            prop_assert_eq!(&f.words, &again);
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
