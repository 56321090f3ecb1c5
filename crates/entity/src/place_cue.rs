//! Place cues: a generated place name marked `?` (a city or region whose
//! name is also a word, a person's name or a piece of other names: "Reading",
//! "Jackson", "Vinh") names its place only next to a cue of the language's
//! `place_cues.txt`: a preposition of place or a region word right before it
//! ("in Reading", "tỉnh Lào Cai", "в Рединге"), a region word right after it
//! ("Hebei province"), or a list joining it to a country or place found
//! without a cue ("Hanoi, Reading and Leeds").

use accord_data::tsv::{or_fail, Error, Table};
use accord_doc::{Lang, Span};
use accord_lang::fold_word;
use std::sync::LazyLock;

#[derive(Default)]
struct Cues {
    before: Vec<String>,
    after: Vec<String>,
    list: Vec<String>,
}

/// `place_cues.txt`: a phrase and its role (`before`, `after` or `list`).
fn load(table: &Table) -> Result<Cues, Error> {
    let mut cues = Cues::default();
    for row in table.rows() {
        let phrase = fold_word(row.col(0)?);
        let role = row.label(1, &["before", "after", "list"])?;
        row.at_most(2)?;
        match role {
            "before" => cues.before.push(phrase),
            "after" => cues.after.push(phrase),
            _ => cues.list.push(phrase),
        }
    }
    Ok(cues)
}

static CUES: LazyLock<Vec<(Lang, Cues)>> =
    LazyLock::new(|| accord_data::tables_for_all("place_cues.txt").iter().map(|(lang, table)| (*lang, or_fail(load(table)))).collect());

/// How much text on each side of a name is read for its cue.
const WINDOW: usize = 40;

/// Whether `span` of `text` has a place cue; `places` are the spans of
/// countries and places named without one.
pub fn has_cue(text: &str, span: Span, lang: Lang, places: &[Span]) -> bool {
    let Some((_, cues)) = CUES.iter().find(|(l, _)| *l == lang).or_else(|| CUES.first()) else {
        return false;
    };
    let mut from = span.start.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (span.end + WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let before = fold_word(&text[from..span.start]);
    let before = before.trim_end().trim_end_matches('.').trim_end();
    let after = fold_word(&text[span.end..to]);
    let after = after.trim_start();
    if cues.after.iter().any(|c| starts_with_word(after, c)) {
        return true;
    }
    // "to Vladimir Putin": a capitalised word after the name makes it part
    // of a longer name, whatever stands before it.
    if text[span.end..].trim_start_matches([' ', '\u{a0}']).starts_with(accord_lang::is_uppercase) {
        return false;
    }
    if cues.before.iter().any(|c| ends_with_word(before, c)) {
        return true;
    }
    // A list: the separator, then a place named without a cue.
    let raw_before = text[from..span.start].trim_end();
    let raw_after = text[span.end..to].trim_start();
    cues.list.iter().any(|c| {
        let left = strip_last(raw_before, c).map(|rest| from + rest.trim_end().len());
        let right = strip_first(raw_after, c).map(|rest| to - rest.trim_start().len());
        left.is_some_and(|end| places.iter().any(|p| p.end == end)) || right.is_some_and(|start| places.iter().any(|p| p.start == start))
    })
}

/// `s` without its last word (or punctuation) when that folds to `cue`.
fn strip_last<'a>(s: &'a str, cue: &str) -> Option<&'a str> {
    if !cue.starts_with(is_word_char) {
        return s.strip_suffix(cue);
    }
    let start = s.trim_end_matches(is_word_char).len();
    (start < s.len() && fold_word(&s[start..]) == cue).then(|| &s[..start])
}

/// `s` without its first word (or punctuation) when that folds to `cue`.
fn strip_first<'a>(s: &'a str, cue: &str) -> Option<&'a str> {
    if !cue.starts_with(is_word_char) {
        return s.strip_prefix(cue);
    }
    let rest = s.trim_start_matches(is_word_char);
    let end = s.len() - rest.len();
    (end > 0 && fold_word(&s[..end]) == cue).then_some(rest)
}

fn is_word_char(c: char) -> bool {
    accord_lang::is_alphanumeric(c)
}

/// `s` ends with `cue` and the cue begins a word (a punctuation cue stands anywhere).
fn ends_with_word(s: &str, cue: &str) -> bool {
    s.ends_with(cue) && (!cue.starts_with(is_word_char) || !s[..s.len() - cue.len()].ends_with(is_word_char))
}

/// `s` starts with `cue` and the cue ends a word.
fn starts_with_word(s: &str, cue: &str) -> bool {
    s.starts_with(cue) && (!cue.ends_with(is_word_char) || !s[cue.len()..].starts_with(is_word_char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_an_error_naming_file_and_line() {
        let file = "xx/place_cues.txt";
        for (text, expected) in [("in\tbefore\nnear\taround\n", "2: unknown label 'around'"), ("in\n", "1: missing column 2")] {
            accord_data::tsv::assert_fails(load(&Table::new(file, text)), file, expected);
        }
    }
}
