//! The per-language rule set, built once from `data/<lang>/quantity/*.tsv`.

use crate::lexicon::{rows, Lexicon};
use crate::{Approx, CountNoun};
use accord_doc::Lang;
use regex::Regex;
use std::sync::LazyLock;

/// The raw text of one language's data files.
struct LangData {
    settings: &'static str,
    number_words: &'static str,
    scales: &'static str,
    currencies: &'static str,
    percent: &'static str,
    approx: &'static str,
    counted_nouns: &'static str,
    context: &'static str,
}

macro_rules! lang_data {
    ($lang:literal) => {
        LangData {
            settings: include_str!(concat!("../../../data/", $lang, "/quantity/settings.tsv")),
            number_words: include_str!(concat!("../../../data/", $lang, "/quantity/number_words.tsv")),
            scales: include_str!(concat!("../../../data/", $lang, "/quantity/scales.tsv")),
            currencies: include_str!(concat!("../../../data/", $lang, "/quantity/currencies.tsv")),
            percent: include_str!(concat!("../../../data/", $lang, "/quantity/percent.tsv")),
            approx: include_str!(concat!("../../../data/", $lang, "/quantity/approx.tsv")),
            counted_nouns: include_str!(concat!("../../../data/", $lang, "/quantity/counted_nouns.tsv")),
            context: include_str!(concat!("../../../data/", $lang, "/quantity/context.tsv")),
        }
    };
}

static EN: LazyLock<Rules> = LazyLock::new(|| Rules::load(lang_data!("en")));
static VI: LazyLock<Rules> = LazyLock::new(|| Rules::load(lang_data!("vi")));
static RU: LazyLock<Rules> = LazyLock::new(|| Rules::load(lang_data!("ru")));

/// The registry: one line per language. Unknown languages get the English
/// rules, whose digits, signs and codes are the most widely shared.
pub(crate) fn rules_for(lang: Lang) -> &'static Rules {
    match lang {
        Lang::Vi => &VI,
        Lang::Ru => &RU,
        Lang::En | Lang::Other => &EN,
    }
}

/// Which separators a language uses inside numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumberFormat {
    pub decimal_mark: char,
    /// Separators of thousands groups; `' '` stands for any horizontal space.
    pub group_marks: [Option<char>; 2],
}

impl NumberFormat {
    pub(crate) fn is_group_mark(&self, c: char) -> bool {
        self.group_marks.contains(&Some(c))
    }
    pub(crate) fn groups_with_space(&self) -> bool {
        self.is_group_mark(' ')
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum WordRole {
    /// Summed: "twenty", "five".
    Add,
    /// Multiplies what precedes it: "hundred", "mươi".
    Times,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumberWord {
    pub value: f64,
    pub role: WordRole,
    /// False for words that only continue a number ("lăm" in "hai mươi lăm").
    pub can_start: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub multiplier: f64,
    /// Only after a currency sign: the "m" of "$5m".
    pub after_currency: bool,
}

pub(crate) struct Rules {
    pub format: NumberFormat,
    pub max_modifiers: usize,
    /// Finds where a number may begin: a digit or a number word.
    pub anchor: Regex,
    pub number_words: Lexicon<NumberWord>,
    pub scales: Lexicon<Scale>,
    pub currencies_before: Lexicon<&'static str>,
    pub currencies_after: Lexicon<&'static str>,
    pub percent: Lexicon<()>,
    pub approx: Lexicon<Approx>,
    pub counted_nouns: Lexicon<CountNoun>,
    pub labels: Lexicon<()>,
    pub vague: Lexicon<()>,
    pub date_after: Lexicon<()>,
    pub blockers: Lexicon<()>,
    pub range_connectors: Lexicon<()>,
    pub list_connectors: Lexicon<()>,
    /// Rows that could not be read; empty for good data (checked by a test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub problems: Vec<String>,
}

impl Rules {
    fn load(data: LangData) -> Rules {
        let mut problems = Vec::new();
        let mut bad_row = |file: &str, row: &[&str]| problems.push(format!("{file}: {}", row.join("\t")));

        let mut format = NumberFormat { decimal_mark: '.', group_marks: [None, None] };
        let mut group_count = 0;
        let mut max_modifiers = 0;
        for row in rows(data.settings) {
            match (row.first().copied(), row.get(1).copied()) {
                (Some("decimal_mark"), Some(mark)) if mark.chars().count() == 1 => {
                    format.decimal_mark = mark.chars().next().unwrap_or('.');
                }
                (Some("group_mark"), Some(mark)) if group_count < 2 => {
                    let mark = if mark == "space" { Some(' ') } else { mark.chars().next() };
                    format.group_marks[group_count] = mark;
                    group_count += 1;
                }
                (Some("max_modifiers"), Some(n)) if n.parse::<usize>().is_ok() => {
                    max_modifiers = n.parse().unwrap_or(0);
                }
                _ => bad_row("settings.tsv", &row),
            }
        }

        let mut number_words = Vec::new();
        for row in rows(data.number_words) {
            let can_start = row.get(3).copied() != Some("inner");
            let role = match row.get(2).copied() {
                Some("add") => Some(WordRole::Add),
                Some("times") => Some(WordRole::Times),
                _ => None,
            };
            match (row.first(), row.get(1).and_then(|v| v.parse::<f64>().ok()), role) {
                (Some(word), Some(value), Some(role)) => number_words.push((*word, NumberWord { value, role, can_start })),
                _ => bad_row("number_words.tsv", &row),
            }
        }

        let mut scales = Vec::new();
        for row in rows(data.scales) {
            let after_currency = match row.get(2).copied() {
                None | Some("") => Some(false),
                Some("after_currency") => Some(true),
                Some(_) => None,
            };
            match (row.first(), row.get(1).and_then(|v| v.parse::<f64>().ok()), after_currency) {
                (Some(word), Some(multiplier), Some(after_currency)) => scales.push((*word, Scale { multiplier, after_currency })),
                _ => bad_row("scales.tsv", &row),
            }
        }

        let mut currencies_before = Vec::new();
        let mut currencies_after = Vec::new();
        for row in rows(data.currencies) {
            match (row.first(), row.get(1), row.get(2).copied()) {
                (Some(word), Some(code), Some(position)) if code.len() == 3 => {
                    if matches!(position, "before" | "both") {
                        currencies_before.push((*word, *code));
                    }
                    if matches!(position, "after" | "both") {
                        currencies_after.push((*word, *code));
                    }
                    if !matches!(position, "before" | "after" | "both") {
                        bad_row("currencies.tsv", &row);
                    }
                }
                _ => bad_row("currencies.tsv", &row),
            }
        }

        let percent: Vec<(&str, ())> = rows(data.percent).filter_map(|row| row.first().map(|w| (*w, ()))).collect();

        let mut approx = Vec::new();
        for row in rows(data.approx) {
            let kind = match row.get(1).copied() {
                Some("about") => Some(Approx::About),
                Some("nearly") => Some(Approx::Nearly),
                Some("over") => Some(Approx::Over),
                Some("under") => Some(Approx::Under),
                Some("up_to") => Some(Approx::UpTo),
                _ => None,
            };
            match (row.first(), kind) {
                (Some(word), Some(kind)) => approx.push((*word, kind)),
                _ => bad_row("approx.tsv", &row),
            }
        }

        let mut counted_nouns = Vec::new();
        for row in rows(data.counted_nouns) {
            let class = match row.get(1).copied() {
                Some("persons") => Some(CountNoun::Persons),
                Some("documents") => Some(CountNoun::Documents),
                Some("localities") => Some(CountNoun::Localities),
                Some("other") => Some(CountNoun::Other),
                _ => None,
            };
            match (row.first(), class) {
                (Some(word), Some(class)) => counted_nouns.push((*word, class)),
                _ => bad_row("counted_nouns.tsv", &row),
            }
        }

        let mut context: [Vec<(&str, ())>; 6] = Default::default();
        for row in rows(data.context) {
            let slot = match row.get(1).copied() {
                Some("label") => Some(0),
                Some("vague") => Some(1),
                Some("date_after") => Some(2),
                Some("blocker") => Some(3),
                Some("range") => Some(4),
                Some("list") => Some(5),
                _ => None,
            };
            match (row.first(), slot) {
                (Some(word), Some(slot)) => context[slot].push((*word, ())),
                _ => bad_row("context.tsv", &row),
            }
        }
        let [labels, vague, date_after, blockers, range_connectors, list_connectors] = context;

        let anchor = anchor_regex(number_words.iter().map(|(w, _)| *w));
        Rules {
            format,
            max_modifiers,
            anchor,
            number_words: Lexicon::new(number_words),
            scales: Lexicon::new(scales),
            currencies_before: Lexicon::new(currencies_before),
            currencies_after: Lexicon::new(currencies_after),
            percent: Lexicon::new(percent),
            approx: Lexicon::new(approx),
            counted_nouns: Lexicon::new(counted_nouns),
            labels: Lexicon::new(labels),
            vague: Lexicon::new(vague),
            date_after: Lexicon::new(date_after),
            blockers: Lexicon::new(blockers),
            range_connectors: Lexicon::new(range_connectors),
            list_connectors: Lexicon::new(list_connectors),
            problems,
        }
    }
}

/// A digit, or the start of a number word. Word boundaries are checked by the
/// scanner: a Unicode `\b` here would cost the regex its fast DFA.
fn anchor_regex<'a>(number_words: impl Iterator<Item = &'a str>) -> Regex {
    let mut words: Vec<String> = number_words.map(regex::escape).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let pattern = if words.is_empty() { "[0-9]".to_string() } else { format!("[0-9]|(?i:{})", words.join("|")) };
    Regex::new(&pattern).unwrap_or_else(|_| Regex::new("[0-9]").expect("trivial regex"))
}
