//! Match keys: the scorer's folding (marks removed, `đ` to `d`, lower case,
//! runs of non-letters and non-digits to one space), with Cyrillic written in
//! Latin letters so that a Russian text's names meet the English and
//! Vietnamese spellings of the same names.

use accord_lang::{fold_char, FoldedChar};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Cyrillic letters in Latin (one common romanisation); the table is data.
static TRANSLIT: LazyLock<Vec<(char, &'static str)>> = LazyLock::new(|| {
    let mut table: Vec<(char, &'static str)> = accord_lang::data_lines(accord_data::file(accord_doc::Lang::Ru, "cyrillic-latin.txt"))
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let letter = parts.next()?.chars().next()?;
            Some((letter, parts.next().unwrap_or("")))
        })
        .collect();
    table.sort_by_key(|&(c, _)| c);
    table
});

/// Words that say what kind of instrument or statement a title is, or only
/// join other words: they carry no identity.
static FUNCTION_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    accord_lang::data_lines(include_str!("../../../data/merge/function-words.txt"))
        .flat_map(|line| line.split_whitespace())
        .map(key)
        .collect()
});

/// The folded key of a name or title: `"Tô Lâm"` and `"To Lam"` both give
/// `"to lam"`, `"Лукашенко"` gives `"lukashenko"`.
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let mut push = |c: char, out: &mut String| {
            if c.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                if c.is_ascii() {
                    out.push(c);
                } else if let Ok(i) = TRANSLIT.binary_search_by_key(&c, |&(k, _)| k) {
                    out.push_str(TRANSLIT[i].1);
                } else {
                    out.push(c);
                }
            } else {
                pending_space = true;
            }
        };
        match fold_char(c) {
            FoldedChar::Nothing => {}
            FoldedChar::Space => pending_space = true,
            FoldedChar::One(a) => push(a, &mut out),
            FoldedChar::Two(a, b) => {
                push(a, &mut out);
                push(b, &mut out);
            }
        }
    }
    out
}

/// The tokens of a folded key.
pub fn tokens(text: &str) -> Vec<String> {
    key(text).split(' ').filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// The tokens that identify a title or a statement: folded, without
/// function words, without repeats, sorted.
pub fn content_tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = tokens(text).into_iter().filter(|t| !FUNCTION_WORDS.contains(t)).collect();
    out.sort();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, deduplicated token lists.
pub fn jaccard(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// A spelling of a name token that romanisations share: `ks` and `x`,
/// `ij`/`iy`/`yi` and `y`, doubled letters.
fn romanised(token: &str) -> String {
    let t = token.replace("ks", "x").replace("iy", "y").replace("ij", "y").replace("yi", "y").replace("j", "y");
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether two name tokens are spellings of one name: equal, or (when long
/// enough to tell) one edit apart after romanisation (two for long tokens),
/// with the same first letter.
/// `lukashenk`/`lukashenko`, `aleksandr`/`alexander`.
pub fn similar_token(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b) = (romanised(a), romanised(b));
    if a == b {
        return true;
    }
    let shorter = a.chars().count().min(b.chars().count());
    // Short tokens (every Vietnamese syllable, most given names) differ by
    // one letter between different people: only long ones may be slips.
    let allowed = match shorter {
        0..=6 => 0,
        7..=9 => 1,
        _ => 2,
    };
    allowed > 0 && a.chars().next() == b.chars().next() && edit_distance(&a, &b, allowed) <= allowed
}

/// Levenshtein distance, stopping early once it exceeds `limit`.
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// How many letters of a name carry marks: among spellings with the same
/// key, the one with its diacritics is the fuller form.
pub fn marked_letters(text: &str) -> usize {
    text.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_like_the_scorer() {
        assert_eq!(key("Tô Lâm"), "to lam");
        assert_eq!(key("  Hà  Nội, "), "ha noi");
        assert_eq!(key("Liên minh Kinh tế Á-Âu"), "lien minh kinh te a au");
        assert_eq!(key("Đà Nẵng"), "da nang");
        assert_eq!(key("Минск"), "minsk");
        assert_eq!(key("Vietnam News Agency (VNA)"), "vietnam news agency vna");
    }

    #[test]
    fn token_spellings() {
        assert!(similar_token("lukashenk", "lukashenko"));
        assert!(similar_token("aleksandr", "alexander"));
        assert!(similar_token("lukashenko", &key("Лукашенко")));
        assert!(!similar_token("lam", "lan"));
        assert!(!similar_token("ivanov", "petrov"));
    }

    #[test]
    fn jaccard_of_token_sets() {
        let a = content_tokens("agreement on air transport");
        let b = content_tokens("the air transport agreement");
        assert_eq!(jaccard(&a, &b), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
