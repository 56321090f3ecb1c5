//! Languages: which one a text is in, how characters fold for matching, and
//! the per-language data that more than one stage reads.
//!
//! Each language is a folder `data/<code>/` with `detect.txt` (script,
//! characteristic letters, function words) and `abbreviations.txt`.

mod fold;

pub use fold::{
    fold_char, folded_bytes, has_marks, is_alphabetic, is_alphanumeric, is_uppercase, lowercase_char, same_marks, FoldedBytes, FoldedChar,
};

use accord_doc::Lang;
// Small sets of our own data, looked up per word: FxHash is several times
// faster than SipHash here.
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
}

/// What accord knows of one language.
#[derive(Debug)]
pub struct LangData {
    pub lang: Lang,
    pub script: Script,
    /// Letters that mark the language within its script (lower case).
    pub characteristic_letters: HashSet<char>,
    /// The characters below U+2100 whose lower case is one of them, as bits:
    /// detection asks it of every letter of its sample.
    characteristic_bits: Vec<u64>,
    /// Frequent function words, folded.
    pub function_words: HashSet<String>,
    /// Words that take a full stop without ending a sentence, folded, without the stop.
    pub abbreviations: HashSet<String>,
}

static DATA: LazyLock<Vec<LangData>> = LazyLock::new(|| Lang::known().iter().map(|&l| parse_files(l)).collect());

/// Languages a detection counts at once (bits of a mask).
const MAX_LANGS: usize = 8;

/// The longest function word, folded, in bytes.
const MAX_FUNCTION_WORD: usize = 24;

/// For detection, every language's signs in one table: a function word or
/// a letter answers with the mask of the languages it belongs to, one
/// look-up instead of one per language.
struct Signs {
    function_words: rustc_hash::FxHashMap<Box<[u8]>, u8>,
    /// The mask of each character below [`fold::TABLE_END`].
    letters: Vec<u8>,
}

static SIGNS: LazyLock<Signs> = LazyLock::new(|| {
    assert!(DATA.len() <= MAX_LANGS, "detection counts at most {MAX_LANGS} languages");
    let mut function_words = rustc_hash::FxHashMap::default();
    for (k, d) in DATA.iter().enumerate() {
        for w in &d.function_words {
            assert!(w.len() <= MAX_FUNCTION_WORD, "function word {w:?} is longer than {MAX_FUNCTION_WORD} bytes folded");
            *function_words.entry(w.as_bytes().into()).or_insert(0u8) |= 1 << k;
        }
    }
    let letters = (0..fold::TABLE_END)
        .map(|u| {
            char::from_u32(u)
                .map_or(0, |c| DATA.iter().enumerate().filter(|(_, d)| d.is_characteristic(c)).fold(0u8, |m, (k, _)| m | 1 << k))
        })
        .collect();
    Signs { function_words, letters }
});

impl Signs {
    fn function_word(&self, word: &[u8]) -> u8 {
        self.function_words.get(word).copied().unwrap_or(0)
    }

    fn characteristic(&self, c: char, all: &[LangData]) -> u8 {
        match self.letters.get(c as usize) {
            Some(&mask) => mask,
            None => all.iter().enumerate().filter(|(_, d)| d.is_characteristic(c)).fold(0, |m, (k, _)| m | 1 << k),
        }
    }
}

fn add_mask(counts: &mut [usize; MAX_LANGS], mask: u8) {
    if mask != 0 {
        for (k, count) in counts.iter_mut().enumerate() {
            *count += usize::from(mask >> k & 1);
        }
    }
}

fn parse_files(lang: Lang) -> LangData {
    let mut script = Script::Latin;
    let mut letters = HashSet::default();
    let mut words = HashSet::default();
    for line in data_lines(accord_data::file(lang, "detect.txt")) {
        if let Some((key, value)) = line.split_once(':') {
            match key.trim() {
                "script" if value.trim() == "cyrillic" => script = Script::Cyrillic,
                "chars" => letters.extend(value.trim().chars().filter(|c| !c.is_whitespace())),
                "words" => words.extend(value.split_whitespace().map(fold_word)),
                _ => {}
            }
        }
    }
    let abbreviations =
        data_lines(accord_data::file(lang, "abbreviations.txt")).flat_map(|l| l.split_whitespace()).map(fold_word).collect();
    let characteristic_bits = fold::bit_table(|c| letters.contains(&lower_case(c)));
    LangData { lang, script, characteristic_letters: letters, characteristic_bits, function_words: words, abbreviations }
}

fn lower_case(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

impl LangData {
    /// Whether `c` (in any case) is one of [`LangData::characteristic_letters`].
    pub fn is_characteristic(&self, c: char) -> bool {
        fold::in_bit_table(&self.characteristic_bits, c).unwrap_or_else(|| self.characteristic_letters.contains(&lower_case(c)))
    }
}

/// Non-empty, non-comment lines of a data file.
pub fn data_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// Fold a word with [`fold_char`], without an offset map.
pub fn fold_word(word: &str) -> String {
    // ASCII without white space folds to its lower case.
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_whitespace()) {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        fold_char(c).push_to(&mut out);
    }
    out
}

/// The data of a language, or `None` for [`Lang::Other`].
pub fn data(lang: Lang) -> Option<&'static LangData> {
    DATA.iter().find(|d| d.lang == lang)
}

/// Whether the language writes in Latin letters that carry marks (its
/// characteristic letters fold to others): then its writers write the marks,
/// and a syllable without them is another word ("y" health, "Ý" Italy).
pub fn writes_marks(lang: Lang) -> bool {
    data(lang).is_some_and(|d| {
        d.script == Script::Latin && d.characteristic_letters.iter().any(|&c| fold_word(c.encode_utf8(&mut [0; 4])) != c.to_string())
    })
}

/// Identify the language of a text: one of the registered languages, or
/// [`Lang::Other`]. Reads the first kilobyte, which decides as well as the
/// whole article, so it is cheap on long texts and still decides on a headline.
pub fn detect(text: &str) -> Lang {
    let mut end = text.len().min(1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    // One pass: letters by script, and for every language its function
    // words and characteristic letters (the script then picks among them).
    let all: &[LangData] = &DATA;
    let signs = &*SIGNS;
    let mut hits = [0usize; MAX_LANGS];
    let mut marked = [0usize; MAX_LANGS];
    let (mut latin, mut cyrillic, mut words) = (0usize, 0usize, 0usize);
    // The word being read, folded; a word longer than any function word is
    // not looked up (nor kept).
    let mut word = [0u8; MAX_FUNCTION_WORD];
    let (mut len, mut in_word) = (0usize, false);
    let bytes = sample.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII, most of a Latin-script sample, without decoding.
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphabetic() {
                latin += 1;
                in_word = true;
                if len < word.len() {
                    word[len] = b.to_ascii_lowercase();
                }
                len += 1;
                continue;
            }
        } else {
            let c = sample[i..].chars().next().expect("i is on a character boundary");
            i += c.len_utf8();
            if ('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c) {
                latin += 1;
            } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
                cyrillic += 1;
            }
            if is_alphabetic(c) {
                in_word = true;
                for (bytes, _) in folded_bytes(c).chars() {
                    if len + bytes.len() <= word.len() {
                        word[len..len + bytes.len()].copy_from_slice(bytes);
                    }
                    len += bytes.len();
                }
                add_mask(&mut marked, signs.characteristic(c, all));
                continue;
            }
        }
        if std::mem::take(&mut in_word) {
            words += 1;
            if len <= word.len() {
                add_mask(&mut hits, signs.function_word(&word[..len]));
            }
            len = 0;
        }
    }
    if in_word {
        words += 1;
        if len <= word.len() {
            add_mask(&mut hits, signs.function_word(&word[..len]));
        }
    }
    if latin + cyrillic == 0 {
        return Lang::Other;
    }
    let script = if cyrillic > latin { Script::Cyrillic } else { Script::Latin };
    let letters = latin.max(cyrillic) as f64;
    let candidates = || all.iter().enumerate().filter(|(_, d)| d.script == script);
    let mut best = (Lang::Other, 0.0f64);
    for (k, d) in candidates() {
        if marked[k] == 0 && !d.characteristic_letters.is_empty() && d.script == Script::Latin {
            // Without its own letters a Latin-script text is not this language
            // (folded function words alone collide across languages).
            continue;
        }
        // Characteristic letters weigh most: a Vietnamese sentence is full of
        // them while an English one quotes a Vietnamese name or two at most.
        let score = hits[k] as f64 / words.max(1) as f64 + 4.0 * marked[k] as f64 / letters;
        if score > best.1 {
            best = (d.lang, score);
        }
    }
    if best.1 == 0.0 {
        // A script we know with no evidence: only Cyrillic has one candidate.
        let mut only = candidates();
        return match (only.next(), only.next()) {
            (Some((_, d)), None) => d.lang,
            _ => Lang::Other,
        };
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_fold_as_every_other_word() {
        let slow = |w: &str| {
            let mut out = String::new();
            w.chars().for_each(|c| fold_char(c).push_to(&mut out));
            out
        };
        for w in ["Hello", "U.S.", "E-Visa", "a\tb  c", "Việt Nam", "ĐẢNG", "Минск", "", " x "] {
            assert_eq!(fold_word(w), slow(w), "{w:?}");
        }
    }

    #[test]
    fn character_classes_from_the_tables_read_as_the_library_s() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn marks_are_what_folding_removes() {
        let by_folding = |s: &str| !same_marks(s, &fold_word(s)) || s.chars().any(|c| matches!(c, 'đ' | 'Đ'));
        for c in (0..0x3000).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(has_marks(&s), by_folding(&s), "{c:?}");
        }
        for s in ["thăm", "Hà Nội", "hoà", "Đà Nẵng", "visit", "партнёрство", "Москва", "İstanbul"] {
            assert_eq!(has_marks(s), by_folding(s), "{s}");
        }
    }

    #[test]
    fn lowercase_from_the_table_reads_as_the_library_s() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let library: String = c.to_lowercase().collect();
            match lowercase_char(c) {
                Some(l) => assert_eq!(l.to_string(), library, "{c:?}"),
                None => assert!(library.chars().count() > 1, "{c:?}"),
            }
        }
    }

    #[test]
    fn every_registered_language_has_data() {
        // A folder may leave detection out (a language given, not detected).
        for l in Lang::known().iter().copied().filter(|&l| !accord_data::file(l, "detect.txt").is_empty()) {
            let d = data(l).expect("registered");
            assert!(!d.function_words.is_empty(), "{l} has function words");
        }
        assert!(data(Lang::Other).is_none());
    }

    #[test]
    fn detects_short_texts() {
        let cases = [
            ("The two ministers met in the capital on Monday.", Lang::En),
            ("Hai bộ trưởng đã gặp nhau tại thủ đô.", Lang::Vi),
            ("Thủ tướng tiếp Đại sứ", Lang::Vi),
            ("Министры встретились в столице.", Lang::Ru),
            ("The delegation of Việt Nam arrived in Hà Nội and held talks with the host.", Lang::En),
            ("12345 !!!", Lang::Other),
            ("", Lang::Other),
            ("Der Minister traf den Botschafter.", Lang::Other),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn abbreviations_are_folded_without_the_stop() {
        assert!(data(Lang::En).unwrap().abbreviations.contains("mr"));
        assert!(data(Lang::En).unwrap().abbreviations.contains("u.s"));
    }
}
