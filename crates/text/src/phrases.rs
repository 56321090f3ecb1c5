//! Phrase lookup over folded text, word by word.
//!
//! Lexicons (countries, titles, cue words) hold thousands of phrases; an
//! Aho-Corasick automaton that large walks memory at random on every byte.
//! Phrases are whole words, so this index looks them up by words instead:
//! at each word it extends the candidate one word at a time while the
//! words so far begin some phrase, and keeps the longest phrase found.
//! Words are runs of letters and digits; any other characters between them
//! are a separator, so "á-âu", "á âu" and "á – âu" are the same phrase.

// Keys are short words: FxHash hashes them several times faster than SipHash,
// and lexicons are our own data, not attacker input.
use rustc_hash::FxHashMap as HashMap;

/// A phrase found: folded byte offsets and the phrase's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<'v, V> {
    pub start: usize,
    pub end: usize,
    pub value: &'v V,
}

#[derive(Debug, Clone)]
pub struct PhraseIndex<V> {
    /// Phrases and every proper word prefix of a phrase ("united", "united
    /// nations" for "united nations security council"): one lookup per word
    /// says both whether a phrase ends here and whether one may go on.
    /// Keyed by [`extend_phrase_hash`] over the words' [`word_hash`]es, which
    /// the folded text already holds: a lookup hashes no string, and the
    /// key's phrase is compared to rule out another phrase of the same hash.
    keys: HashMap<u64, Key<V>>,
    /// Phrases whose hash an earlier phrase took (a clash of 64-bit hashes:
    /// none in our lexicons, but no phrase may be lost to one).
    clashes: HashMap<String, Key<V>>,
    phrases: usize,
    /// Single-word stems: a word beginning with one matches it.
    stems: HashMap<String, Vec<(String, V)>>,
    max_words: usize,
    /// The hashes ([`word_hash`]) of the words a key begins with, as bits:
    /// most words of a text begin no phrase, and this small table (kept in
    /// cache) says so without touching the large map.
    first_words: WordFilter,
    /// The hashes of the one-word phrases, and the phrase hashes of the
    /// first two words of the longer ones: a common word that begins
    /// phrases ("the", Vietnamese syllables) is looked up only when it may
    /// be a phrase itself or go on with the word after it.
    single_words: WordFilter,
    word_pairs: WordFilter,
    /// The first two bytes of the stems.
    stem_starts: TwoByteStarts,
}

/// A set of word hashes ([`word_hash`]) with false positives but no false
/// negatives, small enough to stay in cache.
///
/// It grows with what it holds, up to the size it was made for: a cue
/// lexicon of a few hundred words keeps a filter of a few hundred bytes,
/// where a fixed large one would be read at random across many kilobytes
/// for every word of every text (and the many lexicons' tables would push
/// each other out of the cache).
#[derive(Debug, Clone)]
pub struct WordFilter {
    bits: Vec<u64>,
    /// 64 less the number of bits of a hash that index the table.
    shift: u32,
    /// The hashes inserted, to fill a larger table when it grows.
    hashes: Vec<u64>,
    max_log2: u32,
    bits_per_hash: usize,
}

impl Default for WordFilter {
    fn default() -> Self {
        Self::with_bits(16)
    }
}

/// A filter's smallest table, and how many bits it keeps per hash before
/// it doubles (about one false positive in thirty words at most).
const MIN_FILTER_BITS: u32 = 10;
const BITS_PER_HASH: usize = 32;

impl WordFilter {
    pub fn new() -> Self {
        Self::default()
    }

    /// A filter that grows up to `2^log2` bits (at least 64): larger for
    /// larger sets, which would fill a small one.
    pub fn with_bits(log2: u32) -> Self {
        Self::with_density(log2, BITS_PER_HASH)
    }

    /// A filter that keeps `bits_per_hash` bits per hash it holds (fewer
    /// false positives for more room), up to `2^log2` bits.
    pub fn with_density(log2: u32, bits_per_hash: usize) -> Self {
        let max_log2 = log2.clamp(6, 32);
        let log2 = max_log2.min(MIN_FILTER_BITS);
        WordFilter { bits: vec![0; 1 << (log2 - 6)], shift: 64 - log2, hashes: Vec::new(), max_log2, bits_per_hash }
    }

    #[inline]
    fn bit(&self, hash: u64) -> (usize, u64) {
        // The high bits: FxHash mixes them best.
        let bit = hash >> self.shift;
        ((bit / 64) as usize, 1 << (bit % 64))
    }

    pub fn insert(&mut self, hash: u64) {
        self.hashes.push(hash);
        let log2 = 64 - self.shift;
        if log2 < self.max_log2 && self.hashes.len() * self.bits_per_hash > 1 << log2 {
            let log2 = log2 + 1;
            self.bits = vec![0; 1 << (log2 - 6)];
            self.shift = 64 - log2;
            for i in 0..self.hashes.len() {
                let (word, mask) = self.bit(self.hashes[i]);
                self.bits[word] |= mask;
            }
            return;
        }
        let (word, mask) = self.bit(hash);
        self.bits[word] |= mask;
    }

    #[inline]
    pub fn may_contain(&self, hash: u64) -> bool {
        let (word, mask) = self.bit(hash);
        self.bits[word] & mask != 0
    }
}

/// The size of a phrase index's filters: the reference data's index holds
/// tens of thousands of words, which would fill most of a 2^16-bit filter.
const PHRASE_FILTER_BITS: u32 = 18;

/// A set of two-byte word beginnings: a word that begins with a stem begins
/// with the stem's first two bytes, and most words begin with none. Kept
/// as a [`WordFilter`] over the two bytes, so a few stems take a small table.
#[derive(Debug, Clone)]
pub struct TwoByteStarts {
    filter: WordFilter,
    empty: bool,
}

impl Default for TwoByteStarts {
    fn default() -> Self {
        // A false start costs a stem lookup or an anchored search: this
        // filter keeps more bits per entry than a word filter.
        TwoByteStarts { filter: WordFilter::with_density(16, 8 * BITS_PER_HASH), empty: true }
    }
}

/// The filter's key of a word's first two bytes (a lone byte with 0).
#[inline]
fn two_byte_key(a: u8, b: u8) -> u64 {
    // Spread the 16 bits over the high bits the filter reads.
    (u64::from(a) << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl TwoByteStarts {
    pub fn new() -> Self {
        Self::default()
    }

    /// Admits the words that begin with `stem`; a one-byte stem admits
    /// every second byte.
    pub fn insert(&mut self, stem: &[u8]) {
        match *stem {
            [a, b, ..] => self.filter.insert(two_byte_key(a, b)),
            [a] => (0..=255).for_each(|b| self.filter.insert(two_byte_key(a, b))),
            [] => return,
        }
        self.empty = false;
    }

    /// Whether `word` may begin with an inserted stem (false positives only).
    #[inline]
    pub fn may_begin(&self, word: &[u8]) -> bool {
        if self.empty {
            return false;
        }
        match *word {
            [a, b, ..] => self.filter.may_contain(two_byte_key(a, b)),
            // A one-byte word begins with a stem only if the stem is that byte.
            [a] => self.filter.may_contain(two_byte_key(a, 0)),
            [] => false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.empty
    }
}

/// The hash of a folded word that [`PhraseIndex`] filters on; the folded
/// text keeps one per word so every index reads it instead of hashing again.
pub fn word_hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// The hash of a phrase of words, one word's [`word_hash`] at a time (from 0).
fn extend_phrase_hash(phrase: u64, word: u64) -> u64 {
    (phrase.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

#[derive(Debug, Clone)]
struct Key<V> {
    /// The phrase (words one space apart).
    phrase: Box<str>,
    value: Option<V>,
    continues: bool,
}

impl<V> Default for PhraseIndex<V> {
    fn default() -> Self {
        PhraseIndex {
            keys: HashMap::default(),
            clashes: HashMap::default(),
            phrases: 0,
            stems: HashMap::default(),
            max_words: 0,
            first_words: WordFilter::with_bits(PHRASE_FILTER_BITS),
            single_words: WordFilter::with_bits(PHRASE_FILTER_BITS),
            word_pairs: WordFilter::with_bits(PHRASE_FILTER_BITS),
            stem_starts: TwoByteStarts::default(),
        }
    }
}

/// The words of a folded text with their byte offsets.
pub fn words(folded: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = folded.as_bytes();
    let mut at = 0;
    // The word character at `i` and its length in bytes, if there is one.
    let word_char_at = move |i: usize| -> Option<usize> {
        let b = bytes[i];
        if b.is_ascii() {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = folded[i..].chars().next()?;
        is_word_char(c).then(|| c.len_utf8())
    };
    let char_len = move |i: usize| -> usize {
        match bytes[i] {
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        }
    };
    std::iter::from_fn(move || {
        while at < bytes.len() && word_char_at(at).is_none() {
            at += char_len(at);
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() {
            match word_char_at(at) {
                Some(n) => at += n,
                None => break,
            }
        }
        Some((start, at))
    })
}

pub(crate) fn is_word_char(c: char) -> bool {
    accord_lang::is_alphanumeric(c)
}

/// A phrase's lookup key: its words joined by single spaces.
pub fn phrase_key(folded: &str) -> String {
    let mut key = String::with_capacity(folded.len());
    for (s, e) in words(folded) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&folded[s..e]);
    }
    key
}

impl<V> PhraseIndex<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.phrases + self.stems.values().map(Vec::len).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Add a folded phrase. A stem (one word) also matches every word it
    /// begins. The first value given for a phrase keeps it; returns whether
    /// this one was added.
    pub fn insert(&mut self, folded_phrase: &str, value: V, stem: bool) -> bool {
        let key = phrase_key(folded_phrase);
        if key.is_empty() {
            return false;
        }
        if stem && !key.contains(' ') {
            self.stem_starts.insert(key.as_bytes());
            let bucket = self.stems.entry(stem_bucket(&key).to_string()).or_default();
            if bucket.iter().any(|(k, _)| *k == key) {
                return false;
            }
            bucket.push((key, value));
            self.max_words = self.max_words.max(1);
            return true;
        }
        // The hash of each word prefix of the phrase, the whole last.
        let mut prefixes: Vec<(u64, usize)> = Vec::new();
        let (mut hash, mut end) = (0, 0);
        for word in key.split(' ') {
            end += usize::from(end > 0) + word.len();
            hash = extend_phrase_hash(hash, word_hash(word));
            prefixes.push((hash, end));
        }
        if self.key(hash, &key).is_some_and(|k| k.value.is_some()) {
            return false;
        }
        self.max_words = self.max_words.max(prefixes.len());
        self.first_words.insert(word_hash(key.split(' ').next().unwrap_or("")));
        match prefixes.get(1) {
            Some(&(pair, _)) => self.word_pairs.insert(pair),
            None => self.single_words.insert(word_hash(&key)),
        }
        let (whole, prefixes) = prefixes.split_last().expect("a phrase has a word");
        for &(hash, end) in prefixes {
            self.key_mut(hash, &key[..end]).continues = true;
        }
        self.key_mut(whole.0, &key).value = Some(value);
        self.phrases += 1;
        true
    }

    /// The key of `phrase` (words one space apart), whose phrase hash is `hash`.
    fn key(&self, hash: u64, phrase: &str) -> Option<&Key<V>> {
        let key = self.keys.get(&hash)?;
        if *key.phrase == *phrase {
            Some(key)
        } else {
            self.clashes.get(phrase)
        }
    }

    /// The key of `phrase`, added (ending no phrase, going on to none) if new.
    fn key_mut(&mut self, hash: u64, phrase: &str) -> &mut Key<V> {
        let new = || Key { phrase: phrase.into(), value: None, continues: false };
        match self.keys.entry(hash) {
            std::collections::hash_map::Entry::Vacant(slot) => slot.insert(new()),
            std::collections::hash_map::Entry::Occupied(slot) if *slot.get().phrase == *phrase => slot.into_mut(),
            std::collections::hash_map::Entry::Occupied(_) => self.clashes.entry(phrase.to_string()).or_insert_with(new),
        }
    }

    /// The value of the longest stem `word` begins with. Callers ask
    /// [`TwoByteStarts::may_begin`] first, which rules out most words cheaply.
    fn stem_of(&self, word: &str) -> Option<&V> {
        let bucket = self.stems.get(stem_bucket(word))?;
        bucket.iter().filter(|(k, _)| word.starts_with(k.as_str())).max_by_key(|(k, _)| k.len()).map(|(_, v)| v)
    }

    /// The first word at or after `i` that may begin a phrase or a stem,
    /// or `spans.len()`.
    #[inline]
    fn skip_plain_words(&self, folded: &[u8], spans: &[(u32, u32)], hashes: &[u64], base: usize, mut i: usize) -> usize {
        if self.stem_starts.is_empty() {
            while i < hashes.len() && !self.first_words.may_contain(hashes[i]) {
                i += 1;
            }
            return i;
        }
        while i < hashes.len() {
            let (s, e) = (spans[i].0 as usize - base, spans[i].1 as usize - base);
            if self.first_words.may_contain(hashes[i]) || self.stem_starts.may_begin(&folded[s..e]) {
                break;
            }
            i += 1;
        }
        i
    }

    /// Leftmost-longest, non-overlapping phrases of `folded`, in order.
    pub fn find<'s>(&'s self, folded: &str) -> Vec<PhraseMatch<'s, V>> {
        let spans: Vec<(u32, u32)> = words(folded).map(|(s, e)| (s as u32, e as u32)).collect();
        let hashes: Vec<u64> = spans.iter().map(|&(s, e)| word_hash(&folded[s as usize..e as usize])).collect();
        self.find_in_words(folded, &spans, &hashes, 0)
    }

    /// [`PhraseIndex::find`] over words already split: `spans` are the words
    /// of `folded` in offsets that begin `base` bytes before it, with
    /// their [`word_hash`]es.
    pub(crate) fn find_in_words<'s>(&'s self, folded: &str, spans: &[(u32, u32)], hashes: &[u64], base: usize) -> Vec<PhraseMatch<'s, V>> {
        // Words cut by the ends of the part count as their part inside it.
        let word = |k: usize| ((spans[k].0 as usize).max(base) - base, (spans[k].1 as usize - base).min(folded.len()));
        // Only the first and the last word can be cut: whether they are is
        // known before the walk.
        let last = spans.len().saturating_sub(1);
        let is_cut = |k: usize| spans.get(k).is_some_and(|&(s, e)| (s as usize) < base || e as usize - base > folded.len());
        let (first_cut, last_cut) = (is_cut(0), is_cut(last));
        let hash_of = |k: usize| {
            if (k == 0 && first_cut) || (k == last && last_cut) {
                let (s, e) = word(k);
                word_hash(&folded[s..e])
            } else {
                hashes[k]
            }
        };
        let mut out = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        // The words before this index are whole (a cut last word is not).
        let whole_end = if last_cut { last } else { spans.len() };
        while i < spans.len() {
            // Most words begin no phrase and no stem: a tight scan passes
            // them (the whole words between the ends of the part).
            if !(i == 0 && first_cut) {
                i = self.skip_plain_words(folded.as_bytes(), &spans[..whole_end], &hashes[..whole_end], base, i);
            }
            if i == spans.len() {
                break;
            }
            let mut best: Option<(usize, &V)> = None;
            let (hash, (s, e)) = if (i == 0 && first_cut) || (i == last && last_cut) {
                (hash_of(i), word(i))
            } else {
                (hashes[i], (spans[i].0 as usize - base, spans[i].1 as usize - base))
            };
            if !self.first_words.may_contain(hash) {
                if self.stem_starts.may_begin(&folded.as_bytes()[s..e]) {
                    if let Some(value) = self.stem_of(&folded[s..e]) {
                        out.push(PhraseMatch { start: s, end: e, value });
                    }
                }
                i += 1;
                continue;
            }
            // Words usually stand one space apart, and a key is its words
            // one space apart: then the text itself is the key, with no copy.
            let mut plain = true;
            key.clear();
            let mut phrase_hash = 0;
            for n in 0..self.max_words.min(spans.len() - i) {
                let (s, e) = word(i + n);
                phrase_hash = extend_phrase_hash(phrase_hash, if n == 0 { hash } else { hash_of(i + n) });
                // The filters rule out most look-ups: a first word that is no
                // phrase alone goes on to the pair (which exists only if the
                // word is a key), a pair that begins no phrase ends the search.
                match n {
                    0 if !self.single_words.may_contain(hash) => continue,
                    1 if !self.word_pairs.may_contain(phrase_hash) => break,
                    _ => {}
                }
                if n > 0 {
                    plain &= &folded[word(i + n - 1).1..s] == " ";
                    if !plain && key.is_empty() {
                        key.push_str(&folded[word(i).0..word(i + n - 1).1]);
                    }
                    if !plain {
                        key.push(' ');
                        key.push_str(&folded[s..e]);
                    }
                }
                let lookup = if plain { &folded[word(i).0..e] } else { key.as_str() };
                let Some(entry) = self.key(phrase_hash, lookup) else {
                    break;
                };
                if let Some(v) = &entry.value {
                    best = Some((n + 1, v));
                }
                if !entry.continues {
                    break;
                }
            }
            if best.is_none() {
                let (s, e) = word(i);
                if self.stem_starts.may_begin(&folded.as_bytes()[s..e]) {
                    best = self.stem_of(&folded[s..e]).map(|v| (1, v));
                }
            }
            match best {
                Some((n, value)) => {
                    out.push(PhraseMatch { start: word(i).0, end: word(i + n - 1).1, value });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Stems are bucketed by their first two characters.
fn stem_bucket(word: &str) -> &str {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> PhraseIndex<&'static str> {
        let mut ix = PhraseIndex::new();
        ix.insert("united nations", "un", false);
        ix.insert("united nations security council", "unsc", false);
        ix.insert("lien minh kinh te a-au", "eaeu", false);
        ix.insert("viet nam", "vn", false);
        ix.insert("белорусск", "by", true);
        ix
    }

    fn found(text: &str) -> Vec<(&str, &'static str)> {
        let ix = index();
        ix.find(text).into_iter().map(|m| (&text[m.start..m.end], *m.value)).collect()
    }

    #[test]
    fn longest_phrase_wins_and_separators_do_not_matter() {
        assert_eq!(found("the united nations security council met"), [("united nations security council", "unsc")]);
        assert_eq!(found("the united nations, and united states"), [("united nations", "un")]);
        assert_eq!(found("lien minh kinh te a - au"), [("lien minh kinh te a - au", "eaeu")]);
        assert_eq!(found("vietnamese"), []);
        assert_eq!(found("belarus and viet nam."), [("viet nam", "vn")]);
    }

    #[test]
    fn a_phrase_may_be_the_first_word_of_longer_ones() {
        let mut ix = PhraseIndex::new();
        ix.insert("new", "n", false);
        ix.insert("new york city", "nyc", false);
        ix.insert("york", "y", false);
        let found: Vec<(&str, &str)> = ["new york", "new york city", "the new-york city hall"]
            .iter()
            .flat_map(|text| ix.find(text).into_iter().map(|m| (&text[m.start..m.end], *m.value)))
            .collect();
        assert_eq!(found, [("new", "n"), ("york", "y"), ("new york city", "nyc"), ("new-york city", "nyc")]);
    }

    #[test]
    fn stems_match_words_they_begin() {
        assert_eq!(found("белорусская делегация"), [("белорусская", "by")]);
        assert_eq!(found("бело"), []);
    }

    #[test]
    fn first_value_keeps_a_phrase() {
        let mut ix = index();
        assert!(!ix.insert("united  nations", "other", false));
        assert_eq!(ix.find("united nations")[0].value, &"un");
    }
}
