//! Near-duplicate documents: the same wire report republished with small
//! edits (another headline, a dropped paragraph, another dateline) is one
//! source, not many. A document's word shingles are summarised by MinHash
//! (the share of equal minima estimates the Jaccard similarity of two
//! shingle sets), and locality-sensitive bands of the signature find the
//! candidates of a new document with a few indexed look-ups instead of a
//! comparison with every stored one.

/// Words per shingle: four-word runs are rare enough that two different
/// reports on one meeting share few of them, while a copy shares most.
const SHINGLE_WORDS: usize = 4;
/// Minima in a signature, read as [`BANDS`] bands of [`ROWS`].
pub const HASHES: usize = BANDS * ROWS;
pub const BANDS: usize = 20;
const ROWS: usize = 3;
/// The estimated shingle similarity from which a document is a copy. Two
/// copies of a six-paragraph report, one with a paragraph dropped and
/// another headline, share about four fifths of their shingles; separate
/// reports of one event, well under a tenth. With 20 bands of 3, a pair at
/// one half is a candidate in 93% of draws, at 0.7 in all but a few per
/// million.
pub const COPY_SIMILARITY: f64 = 0.5;

/// The MinHash signature of a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(Vec<u32>);

impl Signature {
    /// The signature of the words of `texts` (folded sentences, in order),
    /// or `None` for a text without words.
    pub fn of_texts<'t>(texts: impl IntoIterator<Item = &'t str>) -> Option<Signature> {
        let words: Vec<u64> =
            texts.into_iter().flat_map(|t| t.split(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).map(word_hash).collect();
        if words.is_empty() {
            return None;
        }
        let width = SHINGLE_WORDS.min(words.len());
        let mut minima = [u32::MAX; HASHES];
        for window in words.windows(width) {
            let shingle = window.iter().fold(0u64, |h, &w| mix(h ^ w));
            for (i, min) in minima.iter_mut().enumerate() {
                let value = (mix(shingle ^ SEEDS[i]) >> 32) as u32;
                *min = (*min).min(value);
            }
        }
        Some(Signature(minima.to_vec()))
    }

    /// The estimated Jaccard similarity of the two documents' shingles.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let equal = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        equal as f64 / HASHES as f64
    }

    /// Each band's number and hash: two documents that agree on a whole
    /// band are candidates.
    pub fn bands(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.0.chunks(ROWS).enumerate().map(|(band, rows)| {
            let hash = rows.iter().fold(band as u64, |h, &r| mix(h ^ u64::from(r)));
            (band as i64, hash as i64)
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A signature as [`Signature::to_bytes`] wrote it; `None` for bytes of
    /// another length (written by another version).
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        (bytes.len() == HASHES * 4).then(|| Signature(bytes.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()))
    }
}

fn word_hash(word: &str) -> u64 {
    fnv1a(word.as_bytes())
}

/// FNV-1a: a hash fixed across runs and versions, for values stored in
/// the database (the standard library's may change).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// SplitMix64's finaliser: a bijection that spreads every input bit.
const fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One seed per hash function, fixed so that signatures stored by one run
/// compare with those of the next.
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    while i < HASHES {
        seeds[i] = mix(i as u64 + 1);
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: [&str; 6] = [
        "the two ministers met in the capital on tuesday to review trade and investment between their countries",
        "they agreed to raise bilateral trade to five billion dollars within three years and to open new air routes",
        "a memorandum on cooperation in education was signed after the talks in the presence of both ministers",
        "the visiting minister also called on the prime minister and laid a wreath at the war memorial",
        "both sides welcomed the growth of tourism and agreed to ease visa rules for business travellers",
        "the next meeting of the intergovernmental commission will take place in the autumn of next year",
    ];

    fn signature(parts: &[&str]) -> Signature {
        Signature::of_texts(parts.iter().copied()).unwrap()
    }

    #[test]
    fn an_edited_copy_is_similar_and_another_report_is_not() {
        let original = signature(&REPORT);
        let mut edited: Vec<&str> = REPORT.iter().copied().filter(|p| !p.starts_with("the visiting")).collect();
        edited.insert(0, "hanoi ministers review ties");
        let copy = signature(&edited);
        assert!(original.similarity(&copy) >= COPY_SIMILARITY, "{}", original.similarity(&copy));
        assert!(original.bands().zip(copy.bands()).any(|(a, b)| a == b), "a copy shares a band");

        let other = signature(&[
            "the ministers of the two countries met on tuesday and discussed trade",
            "a memorandum on education was signed and both sides agreed to meet again next year",
        ]);
        assert!(original.similarity(&other) < 0.2, "{}", original.similarity(&other));
    }

    #[test]
    fn signatures_are_stable_and_round_trip() {
        let a = signature(&REPORT);
        assert_eq!(a, signature(&REPORT));
        assert_eq!(a.similarity(&a), 1.0);
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a.clone()));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
        assert_eq!(a.bands().count(), BANDS);
        assert_eq!(Signature::of_texts(["", " , "]), None);
        // A text shorter than a shingle still has a signature.
        assert!(Signature::of_texts(["two words"]).is_some());
    }
}
