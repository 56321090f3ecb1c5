//! Labels in one language: what a table shows in English where the records
//! keep the source's words (a modality "thống nhất", a title "Tổng Bí thư").
//! The words stay as they are in the JSON and CSV output and in the quotes.

use accord_store::{country_name, resolve_country};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

struct Labels {
    /// Lower-case modality -> English.
    modality: HashMap<String, &'static str>,
    /// Lower-case title phrase -> English, longest phrase first.
    titles: Vec<(String, &'static str)>,
}

/// The pairs of a file of every language (English has none to translate).
fn pairs(path: &str) -> impl Iterator<Item = (String, &'static str)> {
    let rows = accord_data::tables_for_all(path).into_iter().flat_map(|(_, table)| table.rows());
    rows.map(|row| accord_data::tsv::or_fail(row.at_most(2).and(row.col(0)).and_then(|from| Ok((from.to_lowercase(), row.col(1)?)))))
}

static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    let mut titles: Vec<(String, &str)> = pairs("titles-en.tsv").collect();
    titles.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.chars().count()));
    Labels { modality: pairs("commitments/english.tsv").collect(), titles }
});

/// The English label of a value of a column, or the value as it is.
pub fn english<'a>(column: &str, value: &'a str) -> Cow<'a, str> {
    let found = match column {
        "modality" => LABELS.modality.get(&value.trim().to_lowercase()).map(|e| e.to_string()),
        "title" => title(value),
        _ => None,
    };
    found.map_or(Cow::Borrowed(value), Cow::Owned)
}

/// A person's title in English: a known phrase at its start, then the
/// country the rest names ("Tổng thống Nga": President of Russia).
fn title(value: &str) -> Option<String> {
    if value.is_ascii() {
        return None;
    }
    let lower = value.trim().to_lowercase();
    LABELS.titles.iter().find_map(|(phrase, english)| {
        let rest = lower.strip_prefix(phrase.as_str())?;
        if !(rest.is_empty() || rest.starts_with([' ', ','])) {
            return None;
        }
        let rest = rest.trim_matches([' ', ',']);
        Some(match resolve_country(rest).and_then(country_name) {
            Some(country) if !rest.is_empty() => format!("{english} of {country}"),
            _ => english.to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::english;

    #[test]
    fn labels_read_in_english() {
        assert_eq!(english("modality", "thống nhất"), "agreed");
        assert_eq!(english("modality", "намерены"), "intent");
        assert_eq!(english("modality", "pledged"), "pledged");
        assert_eq!(english("title", "Tổng Bí thư"), "General Secretary");
        assert_eq!(english("title", "Tổng thống Nga"), "President of Russia");
        assert_eq!(english("title", "Thủ tướng Chính phủ"), "Prime Minister");
        assert_eq!(english("title", "Phó Thủ tướng"), "Deputy Prime Minister");
        assert_eq!(english("title", "Премьер-министр Беларуси"), "Prime Minister of Belarus");
        assert_eq!(english("title", "Prime Minister of Belarus"), "Prime Minister of Belarus");
        // An agreement's title is not a person's.
        assert_eq!(english("title", "Hiệp định thương mại tự do"), "Hiệp định thương mại tự do");
        assert_eq!(english("quote", "Tổng Bí thư Tô Lâm"), "Tổng Bí thư Tô Lâm");
    }
}
