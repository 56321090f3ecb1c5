//! Unicode at the door: the one place where input text is made clean, so
//! every stage reads the same characters whatever the source's habits.
//!
//! [`normalize`] gives a normalised view of a text with a map back to it:
//! - canonical composition (NFC), so text in NFD reads as composed text;
//! - zero-width characters and soft hyphens (U+200B–U+200D, U+2060, U+FEFF,
//!   U+00AD) removed;
//! - other spaces (U+00A0, U+202F, U+2000–U+200A, U+205F, U+3000, ...) as a
//!   plain space;
//! - full-width ASCII forms (U+FF01–U+FF5E, such as `，` `：` `（`) as ASCII;
//! - `´` and `ʼ` used as apostrophes as `’`;
//! - in Vietnamese text, the tone mark of an open `oa`, `oe`, `uy` syllable on
//!   its first vowel, as the lexicons of `data/vi` write it (`hoà`→`hòa`,
//!   `khoẻ`→`khỏe`, `thuỷ`→`thủy`; not `quý`, nor `hoàn` with a final).
//!
//! Clean text (the common case) is recognised in one scan and not copied.
//! The work is linear in the text, and the same text always gives the same
//! value.

use crate::Span;
use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Where the normalised text differs from the input: runs of normalised
/// bytes that stand for runs of input bytes. Between two runs the texts
/// agree byte for byte.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputMap {
    runs: Vec<Run>,
}

/// Normalised bytes `[n, n_end)` stand for input bytes `[i, i_end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    n: u32,
    n_end: u32,
    i: u32,
    i_end: u32,
}

impl InputMap {
    /// The input span of the normalised span `span`: a span that begins or
    /// ends inside a changed run takes the whole run; characters removed
    /// at its ends (a zero-width space before a word) stay out of it.
    pub fn span(&self, span: Span) -> Span {
        let start = self.start(span.start);
        Span::new(start, self.end(span.end).max(start))
    }

    /// The input offset where the text from normalised offset `n` on begins.
    fn start(&self, n: usize) -> usize {
        let at = self.runs.partition_point(|r| (r.n as usize) < n);
        // Removed characters right at `n` stay before the start.
        let mut j = at;
        while j < self.runs.len() && self.runs[j].n as usize == n && self.runs[j].n_end as usize == n {
            j += 1;
        }
        if j > at {
            return self.runs[j - 1].i_end as usize;
        }
        if let Some(r) = self.runs.get(at).filter(|r| r.n as usize == n) {
            return r.i as usize;
        }
        self.after(at, n, |r| r.i as usize)
    }

    /// The input offset where the text up to normalised offset `n` ends.
    fn end(&self, n: usize) -> usize {
        let at = self.runs.partition_point(|r| (r.n as usize) < n);
        self.after(at, n, |r| r.i_end as usize)
    }

    /// Offset `n`, after the runs `[0, at)` (which begin before it); `inside`
    /// answers for an offset inside the last of them.
    fn after(&self, at: usize, n: usize, inside: impl Fn(&Run) -> usize) -> usize {
        match at.checked_sub(1).map(|k| &self.runs[k]) {
            None => n,
            Some(r) if n < r.n_end as usize => inside(r),
            Some(r) => r.i_end as usize + (n - r.n_end as usize),
        }
    }

    /// The normalised offset of input offset `i` (an offset inside a changed
    /// run gives the run's start).
    pub fn to_normalized(&self, i: usize) -> usize {
        let at = self.runs.partition_point(|r| (r.i as usize) < i);
        match at.checked_sub(1).map(|k| &self.runs[k]) {
            None => i,
            Some(r) if i < r.i_end as usize => r.n as usize,
            Some(r) => r.n_end as usize + (i - r.i_end as usize),
        }
    }
}

/// The normalised view of `text` and its map back, or `None` when `text`
/// is already clean (normalising it changes nothing).
pub fn normalize(text: &str) -> Option<(String, InputMap)> {
    if !maybe_unclean(text) {
        return None;
    }
    let mut w = Writer { text, out: String::with_capacity(text.len()), runs: Vec::new(), vietnamese: None };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII is copied, short of its last character when the
        // next one may change it (a combining mark, a tone to move).
        let mut k = i;
        while k < bytes.len() && bytes[k].is_ascii() {
            k += 1;
        }
        if k == bytes.len() {
            w.out.push_str(&text[i..]);
            break;
        }
        // The cluster there (a character and the marks after it) begins
        // one back when its first character is a mark on the ASCII letter.
        let start = if k > i && joins_back(&text[k..]) { k - 1 } else { k };
        let end = cluster_end(text, start);
        let tone = if start > i { w.tone_unit(start - 1, start, end) } else { None };
        let from = if tone.is_some() { start - 1 } else { start };
        w.out.push_str(&text[i..from]);
        match tone {
            Some((a, b)) => w.replace(from, end, &[a, b]),
            None => w.cluster(start, end),
        }
        i = end;
    }
    if w.runs.is_empty() {
        return None;
    }
    Some((w.out, InputMap { runs: w.runs }))
}

/// Normalise a short value (a title from metadata): [`normalize`]'s text.
pub fn normalize_str(s: &str) -> Option<String> {
    normalize(s).map(|(text, _)| text)
}

struct Writer<'t> {
    text: &'t str,
    out: String,
    runs: Vec<Run>,
    /// Whether the text looks Vietnamese (decided at the first tone to move).
    vietnamese: Option<bool>,
}

impl Writer<'_> {
    /// Write input bytes `[from, to)` as `chars`, as one changed run.
    fn replace(&mut self, from: usize, to: usize, chars: &[char]) {
        let n = self.out.len();
        self.out.extend(chars);
        self.runs.push(Run { n: n as u32, n_end: self.out.len() as u32, i: from as u32, i_end: to as u32 });
    }

    /// Write the cluster `[from, to)` (a character and the marks that
    /// follow it) normalised: fixed characters, then composition.
    fn cluster(&mut self, from: usize, to: usize) {
        let part = &self.text[from..to];
        let mut chars = part.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if flags(c) & UNCLEAN == 0 {
                self.out.push(c);
                return;
            }
            match fix(c) {
                Fix::Keep => self.composed(from, to),
                Fix::Drop => self.replace(from, to, &[]),
                Fix::To(d) => self.replace(from, to, &[d]),
            }
            return;
        }
        self.composed(from, to);
    }

    fn composed(&mut self, from: usize, to: usize) {
        let part = &self.text[from..to];
        let fixed: String = part
            .chars()
            .filter_map(|c| match fix(c) {
                Fix::Keep => Some(c),
                Fix::Drop => None,
                Fix::To(d) => Some(d),
            })
            .nfc()
            .collect();
        if fixed == part {
            self.out.push_str(part);
        } else {
            let n = self.out.len();
            self.out.push_str(&fixed);
            self.runs.push(Run { n: n as u32, n_end: self.out.len() as u32, i: from as u32, i_end: to as u32 });
        }
    }

    /// When the ASCII vowel at `at` and the cluster `[k, end)` after it are
    /// an open `oa`/`oe`/`uy` with the tone on the second vowel, in
    /// Vietnamese text: the two letters with the tone on the first.
    fn tone_unit(&mut self, at: usize, k: usize, end: usize) -> Option<(char, char)> {
        let first = self.text.as_bytes()[at] as char;
        if !matches!(first, 'o' | 'O' | 'u' | 'U') {
            return None;
        }
        let cluster = &self.text[k..end];
        let mut composed = cluster.nfc();
        let (Some(second), None) = (composed.next(), composed.next()) else {
            return None;
        };
        let (base, tone) = tone_of(second)?;
        let pair = matches!((first.to_ascii_lowercase(), base.to_ascii_lowercase()), ('o', 'a' | 'e') | ('u', 'y'));
        let before_q = at > 0 && matches!(self.text.as_bytes()[at - 1], b'q' | b'Q');
        let open = !self.text[end..].chars().find(|&c| fix(c) != Fix::Drop).is_some_and(char::is_alphabetic);
        if !pair || !open || (first.eq_ignore_ascii_case(&'u') && before_q) || !vietnamese_onset(&self.text[..at]) {
            return None;
        }
        if !*self.vietnamese.get_or_insert_with(|| looks_vietnamese(self.text)) {
            return None;
        }
        Some((compose(first, tone)?, base))
    }
}

/// Whether the letters of the word that end `before` are a Vietnamese
/// initial consonant (or none): "kh" of "khoẻ", not "Chl" of "Chloé".
fn vietnamese_onset(before: &str) -> bool {
    const ONSETS: [&str; 27] = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "r", "s", "t", "th",
        "tr", "v", "x",
    ];
    let start = before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(before.len(), |(i, _)| i);
    let onset = before[start..].to_lowercase();
    ONSETS.contains(&onset.as_str())
}

/// What the door does with one character (composition aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fix {
    Keep,
    Drop,
    To(char),
}

fn fix(c: char) -> Fix {
    match c {
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fix::Drop,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Fix::To(' '),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).map_or(Fix::Keep, Fix::To),
        '\u{B4}' | '\u{2BC}' => Fix::To('\u{2019}'),
        _ => Fix::Keep,
    }
}

/// Whether normalisation leaves `c` alone whatever stands before it
/// (combining class 0 and NFC quick check yes).
fn stable(c: char) -> bool {
    c.is_ascii() || flags(c) & UNSTABLE == 0
}

fn stable_uncached(c: char) -> bool {
    c.is_ascii() || (canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// The end of the cluster that begins at `from`: its character and the
/// characters after it that may compose with it.
fn cluster_end(text: &str, from: usize) -> usize {
    let first = text[from..].chars().next().map_or(0, char::len_utf8);
    let mut at = from + first;
    while at < text.len() && joins_back(&text[at..]) {
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    at
}

/// Whether the character that begins `rest` belongs with the one before
/// it: a mark that may compose with it, or a removed character (a soft
/// hyphen) between a letter and its marks.
fn joins_back(rest: &str) -> bool {
    // A few removed characters at most: a long run of them joins nothing
    // (and is not scanned again and again).
    for c in rest.chars().take(8) {
        if !stable(c) {
            return true;
        }
        if fix(c) != Fix::Drop {
            return false;
        }
    }
    false
}

/// The base vowel and tone mark of a toned `a`, `e` or `y` (without other marks).
fn tone_of(c: char) -> Option<(char, char)> {
    let mut parts = [None; 3];
    let mut n = 0;
    decompose_canonical(c, |d| {
        if n < 3 {
            parts[n] = Some(d);
        }
        n += 1;
    });
    match parts {
        [Some(base @ ('a' | 'e' | 'y' | 'A' | 'E' | 'Y')), Some(tone @ ('\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')), None] => {
            Some((base, tone))
        }
        _ => None,
    }
}

/// Whether a text has letters only Vietnamese writes (`ơ ư ă đ`, the
/// Latin Extended Additional vowels, or their marks in decomposed form).
fn looks_vietnamese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă' | 'đ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}' | '\u{309}' | '\u{31B}' | '\u{323}'))
}

/// A cheap test that passes every text [`normalize`] would change (and few
/// others): a character that is not stable or has a fix, or a toned `a`,
/// `e`, `y` right after an ASCII `o`/`u` and before a non-letter.
fn maybe_unclean(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    // One pass over the bytes, decoding only non-ASCII characters (the
    // text is valid UTF-8), their flags from a table below U+2000.
    let table: &[u8] = &FLAGS;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // Eight bytes at a time through ASCII.
            while let Some(chunk) = bytes.get(i..i + 8) {
                if u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8])) & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 8;
            }
            while i < bytes.len() && bytes[i] < 0x80 {
                i += 1;
            }
            continue;
        }
        let (u, len) = match b {
            0xC0..=0xDF => ((u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F), 2),
            0xE0..=0xEF => ((u32::from(b & 0x0F) << 12) | (u32::from(bytes[i + 1] & 0x3F) << 6) | u32::from(bytes[i + 2] & 0x3F), 3),
            _ => (text[i..].chars().next().map_or(0, u32::from), 4),
        };
        let flags = match table.get(u as usize) {
            Some(&f) => f,
            None => char::from_u32(u).map_or(0, flags_uncached),
        };
        if flags != 0 && (flags & UNCLEAN != 0 || toned_after_o_or_u(text, i, len, flags)) {
            return true;
        }
        i += len;
    }
    false
}

/// Whether the toned vowel at `i` (`len` bytes, `flags`) follows an ASCII
/// `o` (for `a`, `e`) or `u` not after `q` (for `y`) and ends its word.
fn toned_after_o_or_u(text: &str, i: usize, len: usize, flags: u8) -> bool {
    let byte = |back: usize| i.checked_sub(back).map_or(0, |at| text.as_bytes()[at].to_ascii_lowercase());
    let before = byte(1);
    // (`quý`: `qu` begins the syllable, `y` is its vowel.)
    let pair = (before == b'o' && flags & TONED_AE != 0) || (before == b'u' && flags & TONED_Y != 0 && byte(2) != b'q');
    pair && !text[i + len..].chars().next().is_some_and(char::is_alphabetic)
}

const UNCLEAN: u8 = 1;
/// A toned `a` or `e`.
const TONED_AE: u8 = 2;
/// A toned `y`.
const TONED_Y: u8 = 4;
/// Not [`stable`].
const UNSTABLE: u8 = 8;
// Latin, Greek, Cyrillic, Vietnamese and the general punctuation (quotes,
// dashes, spaces) lie below U+2100.
const TABLE_END: u32 = 0x2100;

fn flags(c: char) -> u8 {
    if (c as u32) < TABLE_END {
        return FLAGS[c as usize];
    }
    flags_uncached(c)
}

fn flags_uncached(c: char) -> u8 {
    let mut f = 0;
    if !stable_uncached(c) {
        f |= UNCLEAN | UNSTABLE;
    }
    if fix(c) != Fix::Keep {
        f |= UNCLEAN;
    }
    match tone_of(c) {
        Some(('y' | 'Y', _)) => f |= TONED_Y,
        Some(_) => f |= TONED_AE,
        None => {}
    }
    f
}

static FLAGS: std::sync::LazyLock<Vec<u8>> =
    std::sync::LazyLock::new(|| (0..TABLE_END).map(|u| char::from_u32(u).map_or(0, flags_uncached)).collect());

#[cfg(test)]
#[path = "door_tests.rs"]
mod tests;
