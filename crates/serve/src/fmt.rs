//! Values as people read them: dates in words, field names and codes as
//! labels, countries by name and linked to their pages.

use crate::links::encode_segment;
use maud::{html, Markup};

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// The parts of an ISO date at its precision: year, month, day.
fn parts(date: &str) -> Option<(&str, Option<usize>, Option<&str>)> {
    let mut it = date.split('-');
    let year = it.next().filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
    let month = match it.next() {
        Some(m) => Some(m.parse::<usize>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match it.next() {
        Some(d) if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) => Some(d.trim_start_matches('0')),
        Some(_) => return None,
        None => None,
    };
    if it.next().is_some() {
        return None;
    }
    Some((year, month, day))
}

/// `2025-05-11` as "11 May 2025", `2025-05` as "May 2025", an interval
/// `2025-05-11/2025-05-12` as "11–12 May 2025" (what both ends share written
/// once). Anything else as it is.
pub fn human_date(date: &str) -> String {
    let one = |(y, m, d): (&str, Option<usize>, Option<&str>)| match (m, d) {
        (Some(m), Some(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
        (Some(m), None) => format!("{} {y}", MONTHS[m - 1]),
        _ => y.to_string(),
    };
    let Some((start, end)) = date.split_once('/') else {
        return parts(date).map(one).unwrap_or_else(|| date.to_string());
    };
    match (parts(start), parts(end)) {
        (Some(a), Some(b)) if a == b => one(a),
        (Some((ya, Some(ma), Some(da))), Some((yb, Some(mb), Some(db)))) if ya == yb && ma == mb => {
            format!("{da}–{db} {} {ya}", MONTHS[ma - 1])
        }
        (Some((ya, Some(ma), Some(da))), Some((yb, Some(mb), Some(db)))) if ya == yb => {
            format!("{da} {} – {db} {} {ya}", MONTHS[ma - 1], MONTHS[mb - 1])
        }
        (Some((ya, Some(ma), None)), Some((yb, Some(mb), None))) if ya == yb => format!("{}–{} {ya}", MONTHS[ma - 1], MONTHS[mb - 1]),
        (Some(a), Some(b)) => format!("{} – {}", one(a), one(b)),
        _ => date.to_string(),
    }
}

/// An optional date in words, or a dash.
pub fn opt_date(date: &Option<String>) -> String {
    date.as_deref().map(human_date).unwrap_or_else(|| "—".to_string())
}

/// A code or field name as words, capitalised: `in_force` is "In force".
pub fn label(code: &str) -> String {
    let words = code.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A code as lower-case words: `joint_statement` is "joint statement".
pub fn words(code: &str) -> String {
    code.replace('_', " ")
}

/// The page of a country (or organisation as a party).
pub fn country_href(code: &str) -> String {
    format!("/countries/{}", encode_segment(code))
}

/// A party's English name (the code itself for an organisation).
pub fn country_name(code: &str) -> &str {
    accord_store::country_name(code).unwrap_or(code)
}

/// A party named and linked to its page.
pub fn country_link(code: &str) -> Markup {
    html! { a.country href=(country_href(code)) title=(code) { (country_name(code)) } }
}

/// Parties named and linked, joined with commas.
pub fn country_links(codes: &[String]) -> Markup {
    html! { @for (i, c) in codes.iter().enumerate() { @if i > 0 { ", " } (country_link(c)) } }
}

/// The language of a piece of article text when it is not English, by its
/// letters: Cyrillic is Russian, Vietnamese's own letters (ă, ơ, ư, đ, the
/// tone marks) are Vietnamese. For the `lang` attribute around it.
pub fn lang_of(text: &str) -> Option<&'static str> {
    let (mut cyrillic, mut vietnamese) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}' => vietnamese += 1,
            _ => {}
        }
    }
    if cyrillic > 3 {
        Some("ru")
    } else if vietnamese > 3 {
        Some("vi")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_cases;

    #[test]
    fn dates_read_as_words_at_their_precision() {
        check_cases(
            human_date,
            &[
                ("2025-05-11/2025-05-12", "11–12 May 2025"),
                ("2025-05-30/2025-06-02", "30 May – 2 June 2025"),
                ("2024-12-30/2025-01-02", "30 December 2024 – 2 January 2025"),
                ("2025-01/2025-03", "January–March 2025"),
                ("2025-05-01", "1 May 2025"),
                ("2023-12", "December 2023"),
                ("1957", "1957"),
                ("Q3", "Q3"),
                ("2025-13", "2025-13"),
            ],
        );
    }

    #[test]
    fn article_text_is_told_apart_by_its_letters() {
        check_cases(
            lang_of,
            &[
                ("Tổng Bí thư Tô Lâm và Tổng thống Belarus hôm nay ký Tuyên bố chung", Some("vi")),
                ("Президент Беларуси Александр Лукашенко", Some("ru")),
                ("General Secretary Tô Lâm visited Belarus", None),
            ],
        );
    }

    #[test]
    fn codes_read_as_labels() {
        check_cases(label, &[("in_force", "In force")]);
        check_cases(words, &[("joint_statement", "joint statement")]);
        check_cases(country_name, &[("VN", "Vietnam"), ("ASEAN", "ASEAN")]);
        assert!(country_link("VN").into_string().contains("href=\"/countries/VN\""));
    }
}
