//! Character folding for matching: the one definition every stage uses, so a
//! lexicon key and the text it is matched against fold the same way.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Whether a surface form carries the same marks as a reference form:
/// true when the surface has none (text written without diacritics), else
/// when both have the same marks in the same order (so the tone-mark
/// placement variants `hoà`/`hòa` agree but `Ảnh` and `Anh` do not).
pub fn same_marks(surface: &str, form: &str) -> bool {
    if surface.is_ascii() {
        return true;
    }
    let mut a = surface.chars().map(marks_of).filter(|m| *m != NO_MARKS);
    let mut b = form.chars().map(marks_of).filter(|m| *m != NO_MARKS);
    let Some(first) = a.next() else { return true };
    if b.next() != Some(first) {
        return false;
    }
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x != y => return false,
            _ => {}
        }
    }
}

/// Whether `s` carries a mark that folding removes (a tone or a vowel
/// mark, a breve, `đ`'s stroke): whether it differs from its fold by more
/// than case and punctuation.
pub fn has_marks(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(|c| marks_of(c) != NO_MARKS)
}

/// The marks of one character, in order: each a combining mark as its
/// offset from U+0300 plus one (0 for none), `đ` as [`STROKE`]. Two
/// characters' marks compare equal exactly when their mark sequences do,
/// since a character carries at most two.
type Marks = [u8; 2];

const NO_MARKS: Marks = [0, 0];
const STROKE: u8 = 0xFF;

fn marks_of(c: char) -> Marks {
    if c.is_ascii() {
        return NO_MARKS;
    }
    if (c as u32) < TABLE_END {
        return MARKS[c as usize];
    }
    marks_uncached(c)
}

fn marks_uncached(c: char) -> Marks {
    let mut out = NO_MARKS;
    if matches!(c, 'đ' | 'Đ') {
        out[0] = STROKE;
    } else if !c.is_ascii() {
        let mut n = 0;
        decompose_canonical(c, |d| {
            if is_combining_mark(d) && n < 2 {
                // Combining marks outside U+0300..U+03FE keep a mark's
                // presence but not its identity; none occur in the scripts
                // we fold.
                out[n] = u8::try_from(u32::from(d).wrapping_sub(0x300) + 1).unwrap_or(0xFE);
                n += 1;
            }
        });
    }
    out
}

static MARKS: std::sync::LazyLock<Vec<Marks>> =
    std::sync::LazyLock::new(|| (0..TABLE_END).map(|u| char::from_u32(u).map_or(NO_MARKS, marks_uncached)).collect());

/// What one input character becomes in the folded view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldedChar {
    /// Dropped (a lone combining mark, a zero-width character).
    Nothing,
    /// A whitespace character: runs of these fold to one space.
    Space,
    One(char),
    /// Rare letters that lower-case to two characters (`İ`).
    Two(char, char),
}

impl FoldedChar {
    #[inline]
    pub fn push_to(self, out: &mut String) {
        match self {
            FoldedChar::Nothing => {}
            FoldedChar::Space => {
                if !out.ends_with(' ') {
                    out.push(' ')
                }
            }
            FoldedChar::One(c) => out.push(c),
            FoldedChar::Two(a, b) => {
                out.push(a);
                out.push(b)
            }
        }
    }
}

/// Fold one character: canonical decomposition with the combining marks
/// removed (so Vietnamese tone-mark placement variants such as `hoà`/`hòa`
/// meet), `đ`→`d`, lower case, typographic dashes and quotes made plain.
pub fn fold_char(c: char) -> FoldedChar {
    if c.is_ascii() {
        return if c.is_ascii_whitespace() { FoldedChar::Space } else { FoldedChar::One(c.to_ascii_lowercase()) };
    }
    // Latin, Greek, Cyrillic and Vietnamese letters all lie below U+2100:
    // their folds are computed once.
    if (c as u32) < TABLE_END {
        return TABLE[c as usize];
    }
    fold_uncached(c)
}

/// Tables cover the scripts the languages are written in and the
/// typographic punctuation of news text (dashes, quotes, U+2000–U+206F) and
/// currency signs (U+20A0–U+20CF), all of which every stage reads.
pub(crate) const TABLE_END: u32 = 0x2100;

/// What one character folds to, as UTF-8 bytes ready to append: the folded
/// text's hot path copies them instead of folding and encoding each time.
#[derive(Debug, Clone, Copy, Default)]
pub struct FoldedBytes {
    bytes: [u8; 8],
    len: u8,
    /// Where the second character begins (`len` when there is one).
    split: u8,
    /// Whether the first and the second character are letters or digits.
    word: [bool; 2],
    /// A whitespace character (folds to one space per run).
    pub space: bool,
}

impl FoldedBytes {
    fn of(c: char) -> FoldedBytes {
        let mut out = FoldedBytes::default();
        match fold_char(c) {
            FoldedChar::Nothing => {}
            FoldedChar::Space => out.space = true,
            FoldedChar::One(a) => {
                out.len = a.encode_utf8(&mut out.bytes).len() as u8;
                out.split = out.len;
                out.word[0] = is_alphanumeric(a);
            }
            FoldedChar::Two(a, b) => {
                out.split = a.encode_utf8(&mut out.bytes).len() as u8;
                out.len = out.split + b.encode_utf8(&mut out.bytes[usize::from(out.split)..]).len() as u8;
                out.word = [is_alphanumeric(a), is_alphanumeric(b)];
            }
        }
        out
    }

    /// The folded characters: their bytes, and whether each is a word character.
    #[inline]
    pub fn chars(&self) -> impl Iterator<Item = (&[u8], bool)> {
        let (split, len) = (usize::from(self.split), usize::from(self.len));
        [(&self.bytes[..split], self.word[0]), (&self.bytes[split..len], self.word[1])].into_iter().filter(|(b, _)| !b.is_empty())
    }
}

/// [`fold_char`] of `c` as bytes (see [`FoldedBytes`]).
#[inline]
pub fn folded_bytes(c: char) -> FoldedBytes {
    match FOLDED_BYTES.get(c as usize) {
        Some(f) => *f,
        None => FoldedBytes::of(c),
    }
}

static FOLDED_BYTES: std::sync::LazyLock<Vec<FoldedBytes>> =
    std::sync::LazyLock::new(|| (0..TABLE_END).map(|u| char::from_u32(u).map_or_else(FoldedBytes::default, FoldedBytes::of)).collect());

/// Whether `c` is a letter or a digit ([`char::is_alphanumeric`]), answered
/// from a table for the scripts below U+2100: the standard library's
/// general lookup costs hundreds of instructions a character, and
/// tokenisers ask it of every character of Vietnamese and Russian text.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    in_bit_table(&ALPHANUMERIC, c).unwrap_or_else(|| c.is_alphanumeric())
}

/// Whether `c` is a letter ([`char::is_alphabetic`]), from a table below U+2100.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_bit_table(&ALPHABETIC, c).unwrap_or_else(|| c.is_alphabetic())
}

/// The lower case of `c` when it is one character (as [`char::to_lowercase`]
/// gives it), from a table below U+2100; None when it is more than one.
#[inline]
pub fn lowercase_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    match LOWERCASE.get(c as usize) {
        Some(&l) => (l != NOT_ONE_CHAR).then_some(l),
        None => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Some(l),
                _ => None,
            }
        }
    }
}

/// In [`LOWERCASE`], a character whose lower case is not one character.
const NOT_ONE_CHAR: char = '\u{FFFF}';

static LOWERCASE: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    (0..TABLE_END)
        .map(|u| {
            char::from_u32(u).map_or(NOT_ONE_CHAR, |c| {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => l,
                    _ => NOT_ONE_CHAR,
                }
            })
        })
        .collect()
});

/// Whether `c` is in a table of [`bit_table`]; None above the table.
#[inline]
pub(crate) fn in_bit_table(bits: &[u64], c: char) -> Option<bool> {
    let u = c as u32;
    (u < TABLE_END).then(|| bits[(u / 64) as usize] >> (u % 64) & 1 == 1)
}

/// The characters below U+2100 that pass `test`, as bits.
pub(crate) fn bit_table(test: impl Fn(char) -> bool) -> Vec<u64> {
    let mut bits = vec![0u64; (TABLE_END / 64) as usize];
    for u in 0..TABLE_END {
        if char::from_u32(u).is_some_and(&test) {
            bits[(u / 64) as usize] |= 1 << (u % 64);
        }
    }
    bits
}

static ALPHANUMERIC: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| bit_table(char::is_alphanumeric));
static ALPHABETIC: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| bit_table(char::is_alphabetic));
static UPPERCASE: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| bit_table(char::is_uppercase));

/// Whether `c` is a capital letter ([`char::is_uppercase`]), from a table below U+2100.
#[inline]
pub fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_bit_table(&UPPERCASE, c).unwrap_or_else(|| c.is_uppercase())
}

static TABLE: std::sync::LazyLock<Vec<FoldedChar>> =
    std::sync::LazyLock::new(|| (0..TABLE_END).map(|u| char::from_u32(u).map_or(FoldedChar::Nothing, fold_uncached)).collect());

fn fold_uncached(c: char) -> FoldedChar {
    if c.is_ascii() {
        return if c.is_ascii_whitespace() { FoldedChar::Space } else { FoldedChar::One(c.to_ascii_lowercase()) };
    }
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => return FoldedChar::One('d'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => return FoldedChar::One('-'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => return FoldedChar::One('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => return FoldedChar::One('"'),
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => return FoldedChar::Nothing,
        _ => {}
    }
    if c.is_whitespace() {
        return FoldedChar::Space;
    }
    if is_combining_mark(c) {
        return FoldedChar::Nothing;
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() && !is_combining_mark(d) {
            base = Some(d);
        }
    });
    let base = base.unwrap_or(c);
    let mut lower = base.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(a), None) => FoldedChar::One(a),
        (Some(a), Some(b)) => {
            // `İ` lower-cases to `i` + combining dot: keep the letter only.
            if is_combining_mark(b) {
                FoldedChar::One(a)
            } else {
                FoldedChar::Two(a, b)
            }
        }
        _ => FoldedChar::One(base),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tables_agree_with_the_standard_library() {
        for u in 0..0x3000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
                assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            }
        }
    }

    use crate::fold_word;

    #[test]
    fn folding_table() {
        let cases = [
            ("Việt Nam", "viet nam"),
            ("Đổi mới", "doi moi"),
            ("hoà", "hoa"),
            ("hòa", "hoa"),
            ("Hoà", "hoa"),
            ("Á–Âu", "a-au"),
            ("Belarus’", "belarus'"),
            ("Ёлка", "елка"),
            ("ТАШКЕНТ", "ташкент"),
            ("a \t\n b", "a b"),
            ("İzmir", "izmir"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_word(input), want, "{input}");
        }
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let decomposed = "Vie\u{0323}\u{0302}t Nam";
        assert_eq!(fold_word(decomposed), "viet nam");
    }
}

#[cfg(test)]
mod mark_tests {
    use super::same_marks;

    #[test]
    fn marks_must_agree_when_the_surface_has_any() {
        // A surface without marks fits any; with marks, only the same ones
        // (old and new tone placement alike).
        for (surface, entry) in [("Viet Nam", "Việt Nam"), ("Việt Nam", "Việt Nam"), ("Hoà Bình", "Hòa Bình")] {
            assert!(same_marks(surface, entry), "{surface} ~ {entry}");
        }
        for (surface, entry) in [("Ảnh", "Anh"), ("Đảng", "Đặng"), ("Đà", "Da")] {
            assert!(!same_marks(surface, entry), "{surface} !~ {entry}");
        }
    }
}
