//! The per-language rule set, built once from `data/<lang>/quantity/*.tsv`.

use crate::lexicon::Lexicon;
use crate::{Approx, CountNoun};
use accord_data::tsv::{or_fail, Error, Row, Table};
use accord_doc::Lang;
use regex::Regex;
use std::sync::LazyLock;

/// The raw text of one language's data files.
struct LangData {
    settings: Table<'static>,
    number_words: Table<'static>,
    scales: Table<'static>,
    currencies: Table<'static>,
    percent: Table<'static>,
    approx: Table<'static>,
    counted_nouns: Table<'static>,
    context: Table<'static>,
}

impl LangData {
    fn of(lang: Lang) -> LangData {
        LangData::with(|name| accord_data::table(lang, &format!("quantity/{name}.tsv")))
    }

    /// The tables `file` gives by their names (`settings`, ...).
    fn with(file: impl Fn(&str) -> Table<'static>) -> LangData {
        LangData {
            settings: file("settings"),
            number_words: file("number_words"),
            scales: file("scales"),
            currencies: file("currencies"),
            percent: file("percent"),
            approx: file("approx"),
            counted_nouns: file("counted_nouns"),
            context: file("context"),
        }
    }
}

static RULES: LazyLock<Vec<(Lang, Rules)>> =
    LazyLock::new(|| Lang::known().iter().map(|&l| (l, or_fail(Rules::load(LangData::of(l))))).collect());

/// Unknown languages get the English rules, whose digits, signs and codes
/// are the most widely shared.
pub(crate) fn rules_for(lang: Lang) -> &'static Rules {
    RULES.iter().find(|(l, _)| *l == lang).map_or(&RULES[0].1, |(_, r)| r)
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
}

impl Rules {
    fn load(data: LangData) -> Result<Rules, Error> {
        let mut format = NumberFormat { decimal_mark: '.', group_marks: [None, None] };
        let mut group_count = 0;
        let mut max_modifiers = 0;
        for row in data.settings.rows() {
            row.at_most(2)?;
            let value = row.col(1)?;
            match row.label(0, &["decimal_mark", "group_mark", "max_modifiers"])? {
                "decimal_mark" => format.decimal_mark = one_char(&row, value)?,
                "group_mark" if group_count < 2 => {
                    format.group_marks[group_count] = Some(if value == "space" { ' ' } else { one_char(&row, value)? });
                    group_count += 1;
                }
                "group_mark" => return Err(row.error("two group marks at most")),
                _ => max_modifiers = row.parse(1)?,
            }
        }

        let mut number_words = Vec::new();
        for row in data.number_words.rows() {
            row.at_most(4)?;
            let role = if row.label(2, &["add", "times"])? == "add" { WordRole::Add } else { WordRole::Times };
            let can_start = row.opt(3).is_none();
            if !can_start {
                row.label(3, &["inner"])?;
            }
            number_words.push((row.col(0)?, NumberWord { value: row.parse(1)?, role, can_start }));
        }

        let mut scales = Vec::new();
        for row in data.scales.rows() {
            row.at_most(3)?;
            let after_currency = row.opt(2).is_some();
            if after_currency {
                row.label(2, &["after_currency"])?;
            }
            scales.push((row.col(0)?, Scale { multiplier: row.parse(1)?, after_currency }));
        }

        let mut currencies_before = Vec::new();
        let mut currencies_after = Vec::new();
        for row in data.currencies.rows() {
            row.at_most(3)?;
            let (word, code) = (row.col(0)?, row.col(1)?);
            if code.len() != 3 {
                return Err(row.error(format!("bad currency code '{code}' (three letters)")));
            }
            let position = row.label(2, &["before", "after", "both"])?;
            if position != "after" {
                currencies_before.push((word, code));
            }
            if position != "before" {
                currencies_after.push((word, code));
            }
        }

        let mut percent: Vec<(&str, ())> = Vec::new();
        for row in data.percent.rows() {
            row.at_most(1)?;
            percent.push((row.col(0)?, ()));
        }
        let approx = labelled(&data.approx, &APPROX)?;
        let counted_nouns = labelled(&data.counted_nouns, &COUNT_NOUNS)?;
        let mut context: [Vec<(&str, ())>; 6] = Default::default();
        for (word, slot) in labelled(&data.context, &CONTEXT)? {
            context[slot].push((word, ()));
        }
        let [labels, vague, date_after, blockers, range_connectors, list_connectors] = context;

        let anchor = anchor_regex(number_words.iter().map(|(w, _)| *w));
        Ok(Rules {
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
        })
    }
}

const APPROX: [(&str, Approx); 5] =
    [("about", Approx::About), ("nearly", Approx::Nearly), ("over", Approx::Over), ("under", Approx::Under), ("up_to", Approx::UpTo)];
const COUNT_NOUNS: [(&str, CountNoun); 4] = [
    ("persons", CountNoun::Persons),
    ("documents", CountNoun::Documents),
    ("localities", CountNoun::Localities),
    ("other", CountNoun::Other),
];
/// The word lists of `context.tsv`, in the order of [`Rules`]' fields.
const CONTEXT: [(&str, usize); 6] = [("label", 0), ("vague", 1), ("date_after", 2), ("blocker", 3), ("range", 4), ("list", 5)];

/// Lines `word<TAB>label`, each label one of `values`' and read as its value.
fn labelled<V: Copy>(table: &Table<'static>, values: &[(&'static str, V)]) -> Result<Vec<(&'static str, V)>, Error> {
    let names: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
    let mut out = Vec::new();
    for row in table.rows() {
        row.at_most(2)?;
        let label = row.label(1, &names)?;
        out.extend(values.iter().filter(|(n, _)| *n == label).map(|(_, v)| (row.col(0).unwrap_or(""), *v)));
    }
    Ok(out)
}

/// A setting that is one character.
fn one_char(row: &Row, value: &str) -> Result<char, Error> {
    let mut chars = value.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(row.error(format!("'{value}' is not one character"))),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A bad line of any quantity file is an error naming the file and line.
    #[test]
    fn a_bad_line_is_an_error_naming_file_and_line() {
        let cases = [
            ("settings", "decimal_mark\t.\nthousands\t,\n", "2: unknown label 'thousands'"),
            ("number_words", "one\t1\n", "1: missing column 3"),
            ("number_words", "# n\none\tI\tadd\n", "2: bad value 'I'"),
            ("currencies", "$\tUSD\tbefore\ndong\tVN\tafter\n", "2: bad currency code 'VN'"),
        ];
        for (name, text, expected) in cases {
            let file: &'static str = Box::leak(format!("xx/quantity/{name}.tsv").into_boxed_str());
            let data =
                LangData::with(
                    |n| if n == name { Table::new(file, text) } else { accord_data::table(Lang::En, &format!("quantity/{n}.tsv")) },
                );
            accord_data::tsv::assert_fails(Rules::load(data), file, expected);
        }
    }
}
