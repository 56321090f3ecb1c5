//! Countries named by code or by name in any supported language: `VN`,
//! `vn`, `Vietnam`, `Việt Nam`, `viet nam`, `Вьетнам` all give `VN`.
//! Read from `data/countries.tsv` (code, English short name, English,
//! Vietnamese and Russian names; alias marks are dropped: a user typing a
//! name means the country).

use std::collections::HashMap;
use std::sync::LazyLock;

const COUNTRIES: &str = include_str!("../../../data/countries.tsv");
/// alpha-2 -> alpha-3, generated from Debian's iso-codes by scripts/gen-alpha3.py.
const ALPHA3: &str = include_str!("../../../data/country-alpha3.tsv");

struct Countries {
    by_name: HashMap<String, &'static str>,
    english: HashMap<&'static str, &'static str>,
    alpha3: HashMap<&'static str, &'static str>,
    /// alpha-3 -> alpha-2.
    alpha2: HashMap<&'static str, &'static str>,
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
    let alpha3: HashMap<&str, &str> =
        accord_lang::data_lines(ALPHA3).filter_map(|line| line.split_once('\t')).map(|(a2, a3)| (a2.trim(), a3.trim())).collect();
    let alpha2 = alpha3.iter().map(|(&a2, &a3)| (a3, a2)).collect();
    Countries { by_name, english, alpha3, alpha2 }
});

/// Fold a name the way the gazetteers do, with punctuation and the English
/// article out of the way ("the U.S." and "us" meet).
pub(crate) fn fold_name(name: &str) -> String {
    let folded = accord_lang::fold_word(name.trim());
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
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

/// The ISO 3166-1 alpha-2 code of a country given by code (alpha-2 or
/// alpha-3, as the PLOVER export writes them) or name. Three capital letters
/// are an alpha-3 code first ("NGA" is Nigeria, "Nga" Russia in Vietnamese);
/// in lower case they are one when no name is meant ("vnm").
pub fn resolve_country(name: &str) -> Option<&'static str> {
    let trimmed = name.trim();
    let alpha3 = || {
        (trimmed.len() == 3 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| TABLE.alpha2.get(trimmed.to_ascii_uppercase().as_str()).copied())
            .flatten()
    };
    if trimmed.bytes().all(|b| b.is_ascii_uppercase()) {
        if let Some(code) = alpha3() {
            return Some(code);
        }
    }
    TABLE.by_name.get(&fold_name(name)).copied().or_else(alpha3)
}

/// The English short name of a country code.
pub fn country_name(code: &str) -> Option<&'static str> {
    TABLE.english.get(code.to_ascii_uppercase().as_str()).copied()
}

/// The ISO 3166-1 alpha-3 code of an alpha-2 code (ISO 3166-3 for a
/// historical state: `SU` gives `SUN`), as POLECAT and ICEWS write
/// countries; `None` for a code ISO does not assign (`XK`).
pub fn alpha3(code: &str) -> Option<&'static str> {
    TABLE.alpha3.get(code.to_ascii_uppercase().as_str()).copied()
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
        // ISO alpha-3, as the PLOVER export writes countries.
        assert_eq!(resolve_country("VNM"), Some("VN"));
        assert_eq!(resolve_country("blr"), Some("BY"));
        assert_eq!(resolve_country("NGA"), Some("NG"));
        assert_eq!(resolve_country("USA"), Some("US"));
        assert_eq!(resolve_country("Lào"), Some("LA"));
        assert_eq!(resolve_country(""), None);
        assert_eq!(country_name("by"), Some("Belarus"));
    }

    #[test]
    fn alpha2_codes_have_their_alpha3_codes() {
        assert_eq!(alpha3("VN"), Some("VNM"));
        assert_eq!(alpha3("by"), Some("BLR"));
        assert_eq!(alpha3("SU"), Some("SUN"));
        assert_eq!(alpha3("EAEU"), None);
        // Every country the gazetteer knows has one, but for codes ISO
        // leaves unassigned or ambiguous.
        let missing: Vec<&str> = TABLE.english.keys().copied().filter(|c| alpha3(c).is_none()).collect::<Vec<_>>();
        assert!(missing.iter().all(|c| ["XK", "CS"].contains(c)), "{missing:?}");
    }
}
