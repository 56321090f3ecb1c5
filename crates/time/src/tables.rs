//! The word lists of a language's time data (`data/<lang>/time/*.tsv` but
//! the rules): months, weekdays, number words, relative phrases, units,
//! edges, blockers and macros, each looked up by folded text.

use crate::{Edge, Grain};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The raw data files of one language.
pub(crate) struct LanguageData {
    pub(crate) months: &'static str,
    pub(crate) weekdays: &'static str,
    pub(crate) numbers: &'static str,
    pub(crate) relative: &'static str,
    pub(crate) units: &'static str,
    pub(crate) edges: &'static str,
    pub(crate) blockers: &'static str,
    pub(crate) macros: &'static str,
    pub(crate) rules: &'static str,
}

/// A word list with values, looked up by folded text (lower case, single
/// spaces). `cased` entries only match as written.
pub(crate) struct Lexicon<V> {
    names: Vec<(&'static str, bool)>,
    values: HashMap<String, V>,
}

impl<V: Copy> Lexicon<V> {
    fn parse(source: &'static str, parse_value: impl Fn(&str) -> Option<V>) -> Result<Self, String> {
        let mut names = Vec::new();
        let mut values = HashMap::default();
        for fields in data_lines(source) {
            let (Some(name), Some(value)) = (fields.first(), fields.get(1)) else {
                return Err(format!("expected name<TAB>value: {fields:?}"));
            };
            let value = parse_value(value).ok_or_else(|| format!("bad value in {fields:?}"))?;
            let cased = fields.get(2).is_some_and(|flag| *flag == "cased");
            names.push((*name, cased));
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

/// Non-empty, non-comment lines split on tabs.
pub(crate) fn data_lines(source: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    source.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#')).map(|line| line.split('\t').map(str::trim).collect())
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
    pub(crate) fn load(data: &LanguageData) -> Result<Tables, String> {
        let context = |file: &'static str| move |error: String| format!("{file}: {error}");
        let mut blocked_before = HashSet::default();
        let mut blocked_after = HashSet::default();
        for fields in data_lines(data.blockers) {
            match (fields.first(), fields.get(1)) {
                (Some(&"before"), Some(token)) => blocked_before.insert(fold(token)),
                (Some(&"after"), Some(token)) => blocked_after.insert(fold(token)),
                _ => return Err(format!("blockers.tsv: expected before|after<TAB>token: {fields:?}")),
            };
        }
        let mut macros = HashMap::default();
        for fields in data_lines(data.macros) {
            let (Some(name), Some(body)) = (fields.first(), fields.get(1)) else {
                return Err(format!("macros.tsv: expected name<TAB>fragment: {fields:?}"));
            };
            macros.insert(*name, *body);
        }
        Ok(Tables {
            months: Lexicon::parse(data.months, |v| v.parse().ok().filter(|m| (1..=12).contains(m))).map_err(context("months.tsv"))?,
            weekdays: Lexicon::parse(data.weekdays, |v| v.parse().ok().filter(|d| (1..=7).contains(d))).map_err(context("weekdays.tsv"))?,
            numbers: Lexicon::parse(data.numbers, |v| v.parse().ok()).map_err(context("numbers.tsv"))?,
            relative: parse_pairs(data.relative, |v| v.parse::<i32>().ok()).map_err(context("relative.tsv"))?,
            units: parse_pairs(data.units, |v| v.parse::<u32>().ok()).map_err(context("units.tsv"))?,
            edges: Lexicon::parse(data.edges, |v| match v {
                "before" => Some(Edge::Before),
                "by" => Some(Edge::By),
                "since" => Some(Edge::Since),
                "after" => Some(Edge::After),
                _ => None,
            })
            .map_err(context("edges.tsv"))?,
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
pub(crate) fn parse_pairs<N: Copy>(source: &'static str, parse_number: impl Fn(&str) -> Option<N>) -> Result<Lexicon<(Grain, N)>, String> {
    let mut names = Vec::new();
    let mut values = HashMap::default();
    for fields in data_lines(source) {
        let (Some(name), Some(grain), Some(number)) = (fields.first(), fields.get(1), fields.get(2)) else {
            return Err(format!("expected name<TAB>grain<TAB>number: {fields:?}"));
        };
        let grain = parse_grain(grain).ok_or_else(|| format!("bad grain in {fields:?}"))?;
        let number = parse_number(number).ok_or_else(|| format!("bad number in {fields:?}"))?;
        names.push((*name, false));
        values.insert(fold(name), (grain, number));
    }
    Ok(Lexicon { names, values })
}
