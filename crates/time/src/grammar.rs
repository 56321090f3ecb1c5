//! Per-language grammars built from `data/<lang>/time/*.tsv`.
//!
//! A rule is a line of `rules.tsv`: a name, a production kind, a context need
//! and a regex template. In a template a space stands for one or more spaces,
//! `{-}` for a dash with optional spaces around it, `{@name}` for a macro of
//! `macros.tsv`, and `{kind:group}` for a named group filled from the tables:
//!
//! | kind      | matches                                   |
//! |-----------|-------------------------------------------|
//! | `day`, `mnum` | one or two digits                     |
//! | `year`, `yy`  | four / two digits                     |
//! | `yend`    | the end of a year range: four or two digits ("2020-21") |
//! | `month`   | a name of `months.tsv`                    |
//! | `mon`     | one or two digits or a month name         |
//! | `weekday` | a name of `weekdays.tsv`                  |
//! | `num`     | up to three digits or a word of `numbers.tsv` |
//! | `q`       | a quarter: 1-4, I-IV or a number word     |
//! | `rel`     | a phrase of `relative.tsv`                |
//! | `unit`    | a word of `units.tsv`                     |
//!
//! Anything else is regex syntax, matched case-insensitively (entries flagged
//! `cased` in a table match only as written).

use crate::produce::{self, Kind};
use crate::{Edge, Grain, TimeValue};
use accord_doc::Lang;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
// Our own tables, looked up per match: FxHash, not SipHash.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// The raw data files of one language.
struct LanguageData {
    months: &'static str,
    weekdays: &'static str,
    numbers: &'static str,
    relative: &'static str,
    units: &'static str,
    edges: &'static str,
    blockers: &'static str,
    macros: &'static str,
    rules: &'static str,
}

macro_rules! language_data {
    ($code:literal) => {
        LanguageData {
            months: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/months.tsv"
            )),
            weekdays: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/weekdays.tsv"
            )),
            numbers: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/numbers.tsv"
            )),
            relative: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/relative.tsv"
            )),
            units: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/units.tsv"
            )),
            edges: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/edges.tsv"
            )),
            blockers: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/blockers.tsv"
            )),
            macros: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/macros.tsv"
            )),
            rules: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/",
                $code,
                "/time/rules.tsv"
            )),
        }
    };
}

type Loaded = LazyLock<Result<Grammar, String>>;

// The registry: one line per language with time data.
static ENGLISH: Loaded = LazyLock::new(|| Grammar::load(&language_data!("en")));
static VIETNAMESE: Loaded = LazyLock::new(|| Grammar::load(&language_data!("vi")));
static RUSSIAN: Loaded = LazyLock::new(|| Grammar::load(&language_data!("ru")));

pub(crate) fn load_result(lang: Lang) -> Result<&'static Grammar, String> {
    let loaded: &'static Loaded = match lang {
        Lang::En => &ENGLISH,
        Lang::Vi => &VIETNAMESE,
        Lang::Ru => &RUSSIAN,
        Lang::Other => return Err("no time data for this language".into()),
    };
    loaded.as_ref().map_err(Clone::clone)
}

/// The grammar of a language; None when it has no data (or the data is
/// broken, which the unit test `every_language_grammar_loads` reports).
pub(crate) fn for_lang(lang: Lang) -> Option<&'static Grammar> {
    load_result(lang).ok()
}

/// A word list with values, looked up by folded text (lower case, single
/// spaces). `cased` entries only match as written.
pub(crate) struct Lexicon<V> {
    names: Vec<(&'static str, bool)>,
    values: HashMap<String, V>,
}

impl<V: Copy> Lexicon<V> {
    fn parse(
        source: &'static str,
        parse_value: impl Fn(&str) -> Option<V>,
    ) -> Result<Self, String> {
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
fn data_lines(source: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    source
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

fn parse_grain(text: &str) -> Option<Grain> {
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
    edges: Lexicon<Edge>,
    blocked_before: HashSet<String>,
    blocked_after: HashSet<String>,
    macros: HashMap<&'static str, &'static str>,
}

impl Tables {
    fn load(data: &LanguageData) -> Result<Tables, String> {
        let context = |file: &'static str| move |error: String| format!("{file}: {error}");
        let mut blocked_before = HashSet::default();
        let mut blocked_after = HashSet::default();
        for fields in data_lines(data.blockers) {
            match (fields.first(), fields.get(1)) {
                (Some(&"before"), Some(token)) => blocked_before.insert(fold(token)),
                (Some(&"after"), Some(token)) => blocked_after.insert(fold(token)),
                _ => {
                    return Err(format!(
                        "blockers.tsv: expected before|after<TAB>token: {fields:?}"
                    ))
                }
            };
        }
        let mut macros = HashMap::default();
        for fields in data_lines(data.macros) {
            let (Some(name), Some(body)) = (fields.first(), fields.get(1)) else {
                return Err(format!(
                    "macros.tsv: expected name<TAB>fragment: {fields:?}"
                ));
            };
            macros.insert(*name, *body);
        }
        Ok(Tables {
            months: Lexicon::parse(data.months, |v| {
                v.parse().ok().filter(|m| (1..=12).contains(m))
            })
            .map_err(context("months.tsv"))?,
            weekdays: Lexicon::parse(data.weekdays, |v| {
                v.parse().ok().filter(|d| (1..=7).contains(d))
            })
            .map_err(context("weekdays.tsv"))?,
            numbers: Lexicon::parse(data.numbers, |v| v.parse().ok())
                .map_err(context("numbers.tsv"))?,
            relative: parse_pairs(data.relative, |v| v.parse::<i32>().ok())
                .map_err(context("relative.tsv"))?,
            units: parse_pairs(data.units, |v| v.parse::<u32>().ok())
                .map_err(context("units.tsv"))?,
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
    fn placeholder(&self, kind: &str) -> Option<String> {
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
fn parse_pairs<N: Copy>(
    source: &'static str,
    parse_number: impl Fn(&str) -> Option<N>,
) -> Result<Lexicon<(Grain, N)>, String> {
    let mut names = Vec::new();
    let mut values = HashMap::default();
    for fields in data_lines(source) {
        let (Some(name), Some(grain), Some(number)) =
            (fields.first(), fields.get(1), fields.get(2))
        else {
            return Err(format!("expected name<TAB>grain<TAB>number: {fields:?}"));
        };
        let grain = parse_grain(grain).ok_or_else(|| format!("bad grain in {fields:?}"))?;
        let number = parse_number(number).ok_or_else(|| format!("bad number in {fields:?}"))?;
        names.push((*name, false));
        values.insert(fold(name), (grain, number));
    }
    Ok(Lexicon { names, values })
}

/// What a rule asks of the word before its match.
enum Need {
    Nothing,
    PreviousWordIn(Vec<String>),
    /// The word before must not be one of these: a plural marker makes
    /// "năm tới" (next year) "những năm tới" (the coming years).
    PreviousWordNotIn(Vec<String>),
    PreviousWordIsAcronym,
}

struct Rule {
    name: &'static str,
    kind: Kind,
    need: Need,
    /// The template anchored at the start of the haystack it is given.
    anchored: Regex,
}

pub(crate) struct Grammar {
    pub(crate) tables: Tables,
    rules: Vec<Rule>,
    /// All rules as one alternation, to find quickly where the next
    /// expression may start.
    pub(crate) search: Regex,
    /// The anchored rules in one set, in rule order: a single pass tells
    /// which rules match at a start, so that only those few (of dozens) are
    /// run on their own to learn their match's end.
    anchored_set: RegexSet,
}

/// A match chosen at one position.
pub(crate) struct Found {
    pub(crate) end: usize,
    pub(crate) rule: &'static str,
    pub(crate) value: TimeValue,
}

const REGEX_SIZE_LIMIT: usize = 64 << 20;

fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
}

impl Grammar {
    fn load(data: &LanguageData) -> Result<Grammar, String> {
        let tables = Tables::load(data)?;
        let mut rules = Vec::new();
        let mut alternatives = Vec::new();
        let mut anchored_patterns = Vec::new();
        for fields in data_lines(data.rules) {
            let [name, kind, need, template] = fields[..] else {
                return Err(format!("rules.tsv: expected 4 fields: {fields:?}"));
            };
            let error = |what: String| format!("rules.tsv, rule {name}: {what}");
            let kind = Kind::parse(kind).ok_or_else(|| error(format!("unknown kind {kind}")))?;
            let need = parse_need(need).ok_or_else(|| error(format!("unknown need {need}")))?;
            let pattern = expand(template, &tables, 0).map_err(error)?;
            let anchored_pattern = format!("^(?:{pattern})");
            let anchored = compile(&anchored_pattern).map_err(|e| error(e.to_string()))?;
            anchored_patterns.push(anchored_pattern);
            alternatives.push(format!("(?:{})", strip_group_names(&pattern)));
            rules.push(Rule {
                name,
                kind,
                need,
                anchored,
            });
        }
        if rules.is_empty() {
            return Err("rules.tsv has no rules".into());
        }
        let search =
            compile(&alternatives.join("|")).map_err(|e| format!("combined rules: {e}"))?;
        let anchored_set = RegexSetBuilder::new(&anchored_patterns)
            .case_insensitive(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| format!("set of anchored rules: {e}"))?;
        Ok(Grammar {
            tables,
            rules,
            search,
            anchored_set,
        })
    }

    /// The longest rule match starting at `start` that passes its context
    /// checks and builds a value; equal lengths go to the earlier rule.
    pub(crate) fn best_at(&self, haystack: &str, start: usize) -> Option<Found> {
        let rest = haystack.get(start..)?;
        let mut candidates: Vec<(usize, usize)> = self
            .anchored_set
            .matches(rest)
            .into_iter()
            .filter_map(|index| {
                let rule = self.rules.get(index)?;
                rule.anchored.find(rest).map(|m| (m.end(), index))
            })
            .filter(|&(length, _)| length > 0)
            .collect();
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        candidates.into_iter().find_map(|(length, index)| {
            let rule = self.rules.get(index)?;
            let end = start + length;
            if !self.context_allows(haystack, start, end)
                || !need_is_met(&rule.need, haystack, start)
            {
                return None;
            }
            let captures = captures_of_match(&rule.anchored, rest, length)?;
            let value = produce::build(rule.kind, &captures, &self.tables)?;
            Some(Found {
                end,
                rule: rule.name,
                value,
            })
        })
    }

    /// A bounding word just before a date ("by 2030", "trước năm 1992")
    /// wraps it and joins the span, unless it belongs to the previous value.
    pub(crate) fn attach_edge(
        &self,
        haystack: &str,
        start: usize,
        previous_end: usize,
        value: TimeValue,
    ) -> (usize, TimeValue) {
        let TimeValue::Date(date) = value else {
            return (start, value);
        };
        match previous_word(haystack, start) {
            Some((word_start, word)) if word_start >= previous_end => {
                match self.tables.edges.get(word) {
                    Some(edge) => (word_start, TimeValue::Bounded { edge, date }),
                    None => (start, TimeValue::Date(date)),
                }
            }
            _ => (start, TimeValue::Date(date)),
        }
    }

    /// Word boundaries, numbers glued to other numbers ("1.2020", "3/2020"
    /// inside "12/3/2020") and, for bare numbers, the blockers of the
    /// language ("$1982", "2000 tons").
    fn context_allows(&self, haystack: &str, start: usize, end: usize) -> bool {
        let (Some(before), Some(matched), Some(after)) = (
            haystack.get(..start),
            haystack.get(start..end),
            haystack.get(end..),
        ) else {
            return false;
        };
        let (Some(first), Some(last)) = (matched.chars().next(), matched.chars().next_back())
        else {
            return false;
        };
        let mut preceding = before.chars().rev();
        let mut following = after.chars();
        let (previous, before_previous) = (preceding.next(), preceding.next());
        let (next, after_next) = (following.next(), following.next());
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let is_digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let is_joiner =
            |c: Option<char>| c.is_some_and(|c| matches!(c, '.' | ',' | '/' | ':' | '-' | '–'));
        if first.is_alphanumeric() && is_word(previous) || last.is_alphanumeric() && is_word(next) {
            return false;
        }
        if first.is_ascii_digit() && is_joiner(previous) && is_digit(before_previous) {
            return false;
        }
        if last.is_ascii_digit() && is_joiner(next) && is_digit(after_next) {
            return false;
        }
        if matched.chars().any(char::is_alphabetic) {
            return true;
        }
        let blocked_before = previous_token(before)
            .is_some_and(|token| self.tables.blocked_before.contains(&fold(token)));
        let blocked_after =
            next_token(after).is_some_and(|token| self.tables.blocked_after.contains(&fold(token)));
        !(blocked_before || blocked_after)
    }
}

fn parse_need(text: &str) -> Option<Need> {
    match text {
        "-" => Some(Need::Nothing),
        "prev=UPPER" => Some(Need::PreviousWordIsAcronym),
        _ => {
            if let Some(words) = text.strip_prefix("notprev=") {
                return Some(Need::PreviousWordNotIn(
                    words.split('|').map(fold).collect(),
                ));
            }
            let words = text.strip_prefix("prev=")?;
            Some(Need::PreviousWordIn(words.split('|').map(fold).collect()))
        }
    }
}

fn need_is_met(need: &Need, haystack: &str, start: usize) -> bool {
    match need {
        Need::Nothing => true,
        Need::PreviousWordIn(words) => {
            previous_word(haystack, start).is_some_and(|(_, word)| words.contains(&fold(word)))
        }
        Need::PreviousWordNotIn(words) => {
            !previous_word(haystack, start).is_some_and(|(_, word)| words.contains(&fold(word)))
        }
        Need::PreviousWordIsAcronym => previous_word(haystack, start).is_some_and(|(_, word)| {
            word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase())
        }),
    }
}

/// The run of letters that ends where spaces before `start` begin.
fn previous_word(haystack: &str, start: usize) -> Option<(usize, &str)> {
    let before = haystack.get(..start)?;
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() && !before.is_empty() {
        // Glued to the match: not a separate word.
        return None;
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(index, _)| index)?;
    Some((word_start, &trimmed[word_start..]))
}

/// The whitespace-free run before the match (glued or after spaces).
fn previous_token(before: &str) -> Option<&str> {
    let trimmed = before.trim_end();
    let token_start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let token = trimmed.get(token_start..)?;
    (!token.is_empty()).then_some(token)
}

/// The whitespace-free run after the match, without closing punctuation.
fn next_token(after: &str) -> Option<&str> {
    let trimmed = after.trim_start();
    let token_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    let token = trimmed
        .get(..token_end)?
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '»', '”']);
    (!token.is_empty()).then_some(token)
}

/// Expands a template into a regex (see the module comment).
fn expand(template: &str, tables: &Tables, depth: usize) -> Result<String, String> {
    if depth > 4 {
        return Err("macros nest too deeply".into());
    }
    let mut pattern = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if c == ' ' {
            pattern.push_str(r"\s+");
            rest = &rest[1..];
            continue;
        }
        if c == '{' {
            if let Some(close) = rest.find('}') {
                let inside = &rest[1..close];
                if let Some(expansion) = expand_placeholder(inside, tables, depth)? {
                    pattern.push_str(&expansion);
                    rest = &rest[close + 1..];
                    continue;
                }
            }
        }
        pattern.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Ok(pattern)
}

/// The regex of `{inside}`, or None when it is regex syntax such as `{1,2}`.
fn expand_placeholder(
    inside: &str,
    tables: &Tables,
    depth: usize,
) -> Result<Option<String>, String> {
    if inside == "-" {
        return Ok(Some(r"\s*[-–—]\s*".to_string()));
    }
    if let Some(name) = inside.strip_prefix('@') {
        let body = tables
            .macros
            .get(name)
            .ok_or_else(|| format!("unknown macro {name}"))?;
        return Ok(Some(format!("(?:{})", expand(body, tables, depth + 1)?)));
    }
    let Some((kind, group)) = inside.split_once(':') else {
        return Ok(None);
    };
    if !group.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    let body = tables
        .placeholder(kind)
        .ok_or_else(|| format!("unknown placeholder kind {kind}"))?;
    Ok(Some(format!("(?P<{group}>{body})")))
}

/// The same regex with its named groups made non-capturing, so that rules
/// sharing group names can be joined into one alternation.
fn strip_group_names(pattern: &str) -> String {
    let mut stripped = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find("(?P<") {
        stripped.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        match after.find('>') {
            Some(close) => {
                stripped.push_str("(?:");
                rest = &after[close + 1..];
            }
            None => {
                stripped.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    stripped.push_str(rest);
    stripped
}

/// The captures of the match of `anchored` at the start of `rest` that is
/// `length` bytes long. Captures over the whole rest of a long text cost
/// the slowest regex engine a pass over all of it; the match and the
/// character after it (for `\b`) decide them, so they are taken over that
/// window, and over the whole rest only if the window tells otherwise.
fn captures_of_match<'h>(anchored: &Regex, rest: &'h str, length: usize) -> Option<regex::Captures<'h>> {
    let mut window = (length + 4).min(rest.len());
    while !rest.is_char_boundary(window) {
        window += 1;
    }
    match anchored.captures(&rest[..window]) {
        Some(c) if c.get(0).is_some_and(|m| m.end() == length) => Some(c),
        _ => anchored.captures(rest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_are_stripped_for_the_combined_regex() {
        assert_eq!(
            strip_group_names(r"(?P<d1>\d)-(?P<m1>x|y)"),
            r"(?:\d)-(?:x|y)"
        );
    }

    #[test]
    fn tokens_and_words_around_a_match() {
        assert_eq!(previous_token("cost US$"), Some("US$"));
        assert_eq!(previous_token("cost $ "), Some("$"));
        assert_eq!(next_token(" tons."), Some("tons"));
        assert_eq!(next_token("%, up"), Some("%,").map(|_| "%"));
        assert_eq!(previous_word("signed by ", 10), Some((7, "by")));
        assert_eq!(previous_word("mid-", 4), None);
    }

    #[test]
    fn rule_names_are_unique_and_carry_their_language() {
        for lang in Lang::KNOWN {
            let Ok(grammar) = load_result(lang) else {
                continue;
            };
            let mut seen = HashSet::default();
            for rule in &grammar.rules {
                assert!(
                    rule.name.starts_with(&format!("{}.", lang.code())),
                    "{}",
                    rule.name
                );
                assert!(
                    seen.insert(rule.name),
                    "rule name used twice: {}",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn fold_lowercases_and_collapses_spaces() {
        assert_eq!(fold("  Hôm   Nay "), "hôm nay");
    }
}
