//! The word lists of a language's time data (`data/<lang>/time/*.tsv` but
//! the rules): months, weekdays, number words, relative phrases, units,
//! edges, blockers and macros, each looked up by folded text.

use crate::{Edge, Grain};
use accord_data::tsv::{Error, Table};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The raw data files of one language.
pub(crate) struct LanguageData {
    pub(crate) months: Table<'static>,
    pub(crate) weekdays: Table<'static>,
    pub(crate) numbers: Table<'static>,
    pub(crate) relative: Table<'static>,
    pub(crate) units: Table<'static>,
    pub(crate) edges: Table<'static>,
    pub(crate) blockers: Table<'static>,
    pub(crate) macros: Table<'static>,
    pub(crate) rules: Table<'static>,
}

impl LanguageData {
    pub(crate) fn of(lang: accord_doc::Lang) -> LanguageData {
        LanguageData::with(|name| accord_data::table(lang, &format!("time/{name}.tsv")))
    }

    /// The tables `file` gives by their names (`months`, ...).
    pub(crate) fn with(file: impl Fn(&str) -> Table<'static>) -> LanguageData {
        LanguageData {
            months: file("months"),
            weekdays: file("weekdays"),
            numbers: file("numbers"),
            relative: file("relative"),
            units: file("units"),
            edges: file("edges"),
            blockers: file("blockers"),
            macros: file("macros"),
            rules: file("rules"),
        }
    }
}

/// A word list with values, looked up by folded text (lower case, single
/// spaces). `cased` entries only match as written.
pub(crate) struct Lexicon<V> {
    names: Vec<(&'static str, bool)>,
    values: HashMap<String, V>,
}

impl<V: Copy> Lexicon<V> {
    /// Lines `name<TAB>value[<TAB>cased]`.
    fn parse(table: &Table<'static>, parse_value: impl Fn(&str) -> Option<V>) -> Result<Self, Error> {
        let mut names = Vec::new();
        let mut values = HashMap::default();
        for row in table.rows() {
            let (name, value) = (row.col(0)?, row.col(1)?);
            let value = parse_value(value).ok_or_else(|| row.error(format!("bad value '{value}'")))?;
            let cased = row.opt(2).is_some();
            if cased {
                row.label(2, &["cased"])?;
            }
            row.at_most(3)?;
            names.push((name, cased));
            values.insert(fold(name), value);
        }
        Ok(Lexicon { names, values })
    }

    #[cfg(test)]
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names.iter().map(|(name, _)| *name)
    }

    pub(crate) fn get(&self, text: &str) -> Option<V> {
        self.values.get(&fold(text)).copied()
    }

    /// A regex alternation of the names, longest first so that the regex
    /// prefers "mười một" to "mười".
    fn alternation(&self) -> String {
        let mut names = self.names.clone();
        names.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
        let parts: Vec<String> = names
            .iter()
            .map(|(name, cased)| {
                let pattern = regex::escape(name).replace(' ', r"\s+");
                if *cased {
                    format!("(?-i:{pattern})")
                } else {
                    pattern
                }
            })
            .collect();
        parts.join("|")
    }
}

/// Lower case with runs of whitespace as one space: the lookup key of a lexicon.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.chars().flat_map(char::to_lowercase));
    }
    folded
}

pub(crate) fn parse_grain(text: &str) -> Option<Grain> {
    match text {
        "day" => Some(Grain::Day),
        "month" => Some(Grain::Month),
        "year" => Some(Grain::Year),
        _ => None,
    }
}

/// The word lists of one language.
pub(crate) struct Tables {
    pub(crate) months: Lexicon<u8>,
    pub(crate) weekdays: Lexicon<u8>,
    pub(crate) numbers: Lexicon<u32>,
    pub(crate) relative: Lexicon<(Grain, i32)>,
    pub(crate) units: Lexicon<(Grain, u32)>,
    pub(crate) edges: Lexicon<Edge>,
    pub(crate) blocked_before: HashSet<String>,
    pub(crate) blocked_after: HashSet<String>,
    pub(crate) macros: HashMap<&'static str, &'static str>,
}

impl Tables {
    pub(crate) fn load(data: &LanguageData) -> Result<Tables, Error> {
        let mut blocked_before = HashSet::default();
        let mut blocked_after = HashSet::default();
        for row in data.blockers.rows() {
            let token = fold(row.col(1)?);
            match row.label(0, &["before", "after"])? {
                "before" => blocked_before.insert(token),
                _ => blocked_after.insert(token),
            };
        }
        let mut macros = HashMap::default();
        for row in data.macros.rows() {
            macros.insert(row.col(0)?, row.col(1)?);
        }
        Ok(Tables {
            months: Lexicon::parse(&data.months, |v| v.parse().ok().filter(|m| (1..=12).contains(m)))?,
            weekdays: Lexicon::parse(&data.weekdays, |v| v.parse().ok().filter(|d| (1..=7).contains(d)))?,
            numbers: Lexicon::parse(&data.numbers, |v| v.parse().ok())?,
            relative: parse_pairs(&data.relative, |v| v.parse::<i32>().ok())?,
            units: parse_pairs(&data.units, |v| v.parse::<u32>().ok())?,
            edges: Lexicon::parse(&data.edges, |v| match v {
                "before" => Some(Edge::Before),
                "by" => Some(Edge::By),
                "since" => Some(Edge::Since),
                "after" => Some(Edge::After),
                _ => None,
            })?,
            blocked_before,
            blocked_after,
            macros,
        })
    }

    /// The regex that a `{kind:group}` placeholder stands for.
    pub(crate) fn placeholder(&self, kind: &str) -> Option<String> {
        let numbers = || self.numbers.alternation();
        Some(match kind {
            "day" | "mnum" => r"\d{1,2}".to_string(),
            "year" => r"\d{4}".to_string(),
            "yy" => r"\d{2}".to_string(),
            "yend" => r"\d{4}|\d{2}".to_string(),
            "month" => self.months.alternation(),
            "mon" => format!(r"\d{{1,2}}|{}", self.months.alternation()),
            "weekday" => self.weekdays.alternation(),
            "num" => format!(r"{}|\d{{1,3}}", numbers()),
            "q" => format!("IV|III|II|I|[1-4]|{}", numbers()),
            "rel" => self.relative.alternation(),
            "unit" => self.units.alternation(),
            _ => return None,
        })
    }
}

/// Lines `name<TAB>grain<TAB>number` (relative phrases and units).
pub(crate) fn parse_pairs<N: Copy>(table: &Table<'static>, parse_number: impl Fn(&str) -> Option<N>) -> Result<Lexicon<(Grain, N)>, Error> {
    let mut names = Vec::new();
    let mut values = HashMap::default();
    for row in table.rows() {
        let name = row.col(0)?;
        let grain = parse_grain(row.label(1, &["day", "month", "year"])?).unwrap_or(Grain::Day);
        let number = row.col(2)?;
        let number = parse_number(number).ok_or_else(|| row.error(format!("bad number '{number}'")))?;
        row.at_most(3)?;
        names.push((name, false));
        values.insert(fold(name), (grain, number));
    }
    Ok(Lexicon { names, values })
}
