//! Per-language reference data of the readers, loaded from `data/<lang>/read/`.
//!
//! The readers do not know an article's language yet (detection comes later),
//! and header conventions travel between languages (an English article may
//! carry a Russian date line), so the data of all languages is merged into one
//! lexicon. Adding a language means adding its folder.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The merged lexicon of all languages.
pub(crate) struct Lexicon {
    /// Lower-cased month name → month number.
    pub months: HashMap<String, u32>,
    /// Lower-cased words that may stand between a month and its year ("năm").
    pub year_words: Vec<String>,
    /// Every accepted written form of an agency → its canonical name.
    pub agencies: HashMap<String, String>,
    /// Cue phrases with a `{source}` placeholder.
    pub source_cues: Vec<String>,
    /// Labels that introduce a source ("Source", "Nguồn").
    pub source_labels: Vec<String>,
    /// Labels that introduce a byline ("By").
    pub byline_labels: Vec<String>,
    /// Words ending a desk line ("WEB DESK").
    pub desk_words: Vec<String>,
}

impl Lexicon {
    /// The canonical name of an agency written as `name`, if it is known.
    pub fn agency(&self, name: &str) -> Option<&str> {
        self.agencies.get(name).map(String::as_str)
    }
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build_lexicon);

/// Data lines: without comments (`#`) and blank lines, trimmed.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Splits `key: a, b, c` into the key and its comma-separated values.
fn keyed_list(line: &str) -> Option<(&str, impl Iterator<Item = &str>)> {
    let (key, values) = line.split_once(':')?;
    Some((key.trim(), values.split(',').map(str::trim).filter(|v| !v.is_empty())))
}

fn build_lexicon() -> Lexicon {
    let mut lexicon = Lexicon {
        months: HashMap::new(),
        year_words: Vec::new(),
        agencies: HashMap::new(),
        source_cues: Vec::new(),
        source_labels: Vec::new(),
        byline_labels: Vec::new(),
        desk_words: Vec::new(),
    };
    for &lang in accord_data::Lang::known() {
        let file = |path: &str| accord_data::file(lang, &format!("read/{path}"));
        for line in data_lines(file("months.txt")) {
            let Some((key, names)) = keyed_list(line) else {
                continue;
            };
            if key == "year" {
                lexicon.year_words.extend(names.map(str::to_lowercase));
            } else if let Ok(month) = key.parse::<u32>() {
                for name in names {
                    lexicon.months.insert(name.to_lowercase(), month);
                }
            }
        }
        for line in data_lines(file("agencies.txt")) {
            let mut forms = line.split('|').map(str::trim).filter(|f| !f.is_empty());
            let Some(canonical) = forms.next() else {
                continue;
            };
            for form in std::iter::once(canonical).chain(forms) {
                lexicon.agencies.insert(form.to_string(), canonical.to_string());
                lexicon.agencies.entry(form.to_uppercase()).or_insert_with(|| canonical.to_string());
            }
        }
        lexicon.source_cues.extend(data_lines(file("source_cues.txt")).map(str::to_string));
        for line in data_lines(file("labels.txt")) {
            let Some((key, values)) = keyed_list(line) else {
                continue;
            };
            let target = match key {
                "source" => &mut lexicon.source_labels,
                "byline" => &mut lexicon.byline_labels,
                "desk" => &mut lexicon.desk_words,
                _ => continue,
            };
            target.extend(values.map(str::to_string));
        }
    }
    // Longest first, so that regex alternations built from these lists prefer
    // "tháng mười một" over "tháng mười".
    lexicon.year_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    lexicon.desk_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    lexicon.source_labels.sort_by_key(|w| std::cmp::Reverse(w.len()));
    lexicon
}

/// A regex alternation of `words` (escaped), longest first.
pub(crate) fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_yields_data() {
        for &lang in accord_data::Lang::known() {
            let file = |path: &str| accord_data::file(lang, &format!("read/{path}"));
            if file("months.txt").is_empty() {
                // A folder may leave the readers' data out.
                continue;
            }
            assert!(data_lines(file("months.txt")).count() >= 12);
            assert!(data_lines(file("agencies.txt")).count() >= 1);
            assert!(data_lines(file("source_cues.txt")).all(|cue| cue.contains("{source}")), "cue without {{source}}");
        }
        let lexicon = &*LEXICON;
        assert_eq!(lexicon.months.get("july"), Some(&7));
        assert_eq!(lexicon.months.get("июля"), Some(&7));
        assert_eq!(lexicon.months.get("tháng mười một"), Some(&11));
        assert_eq!(lexicon.agency("BELTA"), Some("BelTA"));
        assert!(lexicon.byline_labels.iter().any(|l| l == "By"));
    }
}
