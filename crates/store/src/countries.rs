//! Countries named by code or by name in any supported language: `VN`,
//! `vn`, `Vietnam`, `Việt Nam`, `viet nam`, `Вьетнам` all give `VN`.
//! Read from `data/countries.tsv` (code, English short name, English,
//! Vietnamese and Russian names; alias marks are dropped: a user typing a
//! name means the country).

use std::collections::HashMap;
use std::sync::LazyLock;

const COUNTRIES: &str = include_str!("../../../data/countries.tsv");

struct Countries {
    by_name: HashMap<String, &'static str>,
    english: HashMap<&'static str, &'static str>,
}

static TABLE: LazyLock<Countries> = LazyLock::new(|| {
    let mut by_name = HashMap::new();
    let mut english = HashMap::new();
    for line in accord_lang::data_lines(COUNTRIES) {
        let mut cols = line.split('\t');
        let (Some(code), Some(short)) = (cols.next(), cols.next()) else {
            continue;
        };
        let code = code.trim();
        if code.len() != 2 {
            continue;
        }
        english.insert(code, short.trim());
        by_name.insert(fold_name(code), code);
        by_name.insert(fold_name(short), code);
        // names(en), names(vi), names(ru); the demonym column is left out.
        for names in cols.take(3) {
            for name in names.split('|') {
                let name = name.trim_start_matches(['=', '~']);
                if !name.is_empty() && !name.ends_with('*') {
                    by_name.entry(fold_name(name)).or_insert(code);
                }
            }
        }
    }
    Countries { by_name, english }
});

/// Fold a name the way the gazetteers do, with punctuation and the English
/// article out of the way ("the U.S." and "us" meet).
pub(crate) fn fold_name(name: &str) -> String {
    let folded = accord_lang::fold_word(name.trim());
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    // "U.S.A." folds to "u s a": letters split by stops are one word.
    if words.iter().all(|w| w.chars().count() == 1) {
        return words.concat();
    }
    words.join(" ")
}

/// The ISO 3166-1 alpha-2 code of a country given by code or name.
pub fn resolve_country(name: &str) -> Option<&'static str> {
    TABLE.by_name.get(&fold_name(name)).copied()
}

/// The English short name of a country code.
pub fn country_name(code: &str) -> Option<&'static str> {
    TABLE
        .english
        .get(code.to_ascii_uppercase().as_str())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_in_every_language_resolve() {
        for (name, code) in [
            ("VN", "VN"),
            ("vn", "VN"),
            ("Vietnam", "VN"),
            ("Việt Nam", "VN"),
            ("viet nam", "VN"),
            ("Вьетнам", "VN"),
            ("Belarus", "BY"),
            ("Bê-la-rút", "BY"),
            ("the United States", "US"),
            ("U.S.A.", "US"),
            ("Nga", "RU"),
        ] {
            assert_eq!(resolve_country(name), Some(code), "{name}");
        }
        assert_eq!(resolve_country("Atlantis"), None);
        assert_eq!(resolve_country(""), None);
        assert_eq!(country_name("by"), Some("Belarus"));
    }
}
