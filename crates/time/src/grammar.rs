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
use crate::tables::{fold, LanguageData, Tables};
use crate::TimeValue;
use accord_data::tsv::{or_fail, Error};
use accord_doc::Lang;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
// Our own tables, looked up per match: FxHash, not SipHash.
use std::sync::LazyLock;

/// Every registered language's grammar, loaded once; none for a language
/// without rules. A bad file fails here, naming its line.
static GRAMMARS: LazyLock<Vec<(Lang, Option<Grammar>)>> = LazyLock::new(|| {
    let load = |lang| {
        let data = LanguageData::of(lang);
        (data.rules.rows().next().is_some()).then(|| or_fail(Grammar::load(&data)))
    };
    Lang::known().iter().map(|&lang| (lang, load(lang))).collect()
});

pub(crate) fn load_result(lang: Lang) -> Result<&'static Grammar, String> {
    GRAMMARS.iter().find_map(|(l, g)| g.as_ref().filter(|_| *l == lang)).ok_or_else(|| format!("no time data for {lang}"))
}

/// The grammar of a language; None when it has no rules.
pub(crate) fn for_lang(lang: Lang) -> Option<&'static Grammar> {
    load_result(lang).ok()
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
    RegexBuilder::new(pattern).case_insensitive(true).size_limit(REGEX_SIZE_LIMIT).dfa_size_limit(REGEX_SIZE_LIMIT).build()
}

impl Grammar {
    fn load(data: &LanguageData) -> Result<Grammar, Error> {
        let tables = Tables::load(data)?;
        let mut rules = Vec::new();
        let mut alternatives = Vec::new();
        let mut anchored_patterns = Vec::new();
        for row in data.rules.rows() {
            let (name, kind, need, template) = (row.col(0)?, row.col(1)?, row.col(2)?, row.col(3)?);
            row.at_most(4)?;
            let error = |what: String| row.error(format!("rule {name}: {what}"));
            let kind = Kind::parse(kind).ok_or_else(|| error(format!("unknown kind {kind}")))?;
            let need = parse_need(need).ok_or_else(|| error(format!("unknown need {need}")))?;
            let pattern = expand(template, &tables, 0).map_err(error)?;
            let anchored_pattern = format!("^(?:{pattern})");
            let anchored = compile(&anchored_pattern).map_err(|e| error(e.to_string()))?;
            anchored_patterns.push(anchored_pattern);
            alternatives.push(format!("(?:{})", strip_group_names(&pattern)));
            rules.push(Rule { name, kind, need, anchored });
        }
        let search = compile(&alternatives.join("|")).map_err(|e| data.rules.error(format!("combined rules: {e}")))?;
        let anchored_set = RegexSetBuilder::new(&anchored_patterns)
            .case_insensitive(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| data.rules.error(format!("set of anchored rules: {e}")))?;
        Ok(Grammar { tables, rules, search, anchored_set })
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
            if !self.context_allows(haystack, start, end) || !need_is_met(&rule.need, haystack, start) {
                return None;
            }
            let captures = captures_of_match(&rule.anchored, rest, length)?;
            let value = produce::build(rule.kind, &captures, &self.tables)?;
            Some(Found { end, rule: rule.name, value })
        })
    }

    /// A bounding word just before a date ("by 2030", "trước năm 1992")
    /// wraps it and joins the span, unless it belongs to the previous value.
    pub(crate) fn attach_edge(&self, haystack: &str, start: usize, previous_end: usize, value: TimeValue) -> (usize, TimeValue) {
        let TimeValue::Date(date) = value else {
            return (start, value);
        };
        match previous_word(haystack, start) {
            Some((word_start, word)) if word_start >= previous_end => match self.tables.edges.get(word) {
                Some(edge) => (word_start, TimeValue::Bounded { edge, date }),
                None => (start, TimeValue::Date(date)),
            },
            _ => (start, TimeValue::Date(date)),
        }
    }

    /// Word boundaries, numbers glued to other numbers ("1.2020", "3/2020"
    /// inside "12/3/2020") and, for bare numbers, the blockers of the
    /// language ("$1982", "2000 tons").
    fn context_allows(&self, haystack: &str, start: usize, end: usize) -> bool {
        let (Some(before), Some(matched), Some(after)) = (haystack.get(..start), haystack.get(start..end), haystack.get(end..)) else {
            return false;
        };
        let (Some(first), Some(last)) = (matched.chars().next(), matched.chars().next_back()) else {
            return false;
        };
        let mut preceding = before.chars().rev();
        let mut following = after.chars();
        let (previous, before_previous) = (preceding.next(), preceding.next());
        let (next, after_next) = (following.next(), following.next());
        let is_word = |c: Option<char>| c.is_some_and(accord_lang::is_alphanumeric);
        let is_digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let is_joiner = |c: Option<char>| c.is_some_and(|c| matches!(c, '.' | ',' | '/' | ':' | '-' | '–'));
        if accord_lang::is_alphanumeric(first) && is_word(previous) || accord_lang::is_alphanumeric(last) && is_word(next) {
            return false;
        }
        if first.is_ascii_digit() && is_joiner(previous) && is_digit(before_previous) {
            return false;
        }
        if last.is_ascii_digit() && is_joiner(next) && is_digit(after_next) {
            return false;
        }
        if matched.chars().any(accord_lang::is_alphabetic) {
            return true;
        }
        let blocked_before = previous_token(before).is_some_and(|token| self.tables.blocked_before.contains(&fold(token)));
        let blocked_after = next_token(after).is_some_and(|token| self.tables.blocked_after.contains(&fold(token)));
        !(blocked_before || blocked_after)
    }
}

fn parse_need(text: &str) -> Option<Need> {
    match text {
        "-" => Some(Need::Nothing),
        "prev=UPPER" => Some(Need::PreviousWordIsAcronym),
        _ => {
            if let Some(words) = text.strip_prefix("notprev=") {
                return Some(Need::PreviousWordNotIn(words.split('|').map(fold).collect()));
            }
            let words = text.strip_prefix("prev=")?;
            Some(Need::PreviousWordIn(words.split('|').map(fold).collect()))
        }
    }
}

fn need_is_met(need: &Need, haystack: &str, start: usize) -> bool {
    match need {
        Need::Nothing => true,
        Need::PreviousWordIn(words) => previous_word(haystack, start).is_some_and(|(_, word)| words.contains(&fold(word))),
        Need::PreviousWordNotIn(words) => !previous_word(haystack, start).is_some_and(|(_, word)| words.contains(&fold(word))),
        Need::PreviousWordIsAcronym => {
            previous_word(haystack, start).is_some_and(|(_, word)| word.chars().count() >= 2 && word.chars().all(accord_lang::is_uppercase))
        }
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
    let word_start = trimmed.char_indices().rev().take_while(|(_, c)| accord_lang::is_alphabetic(*c)).last().map(|(index, _)| index)?;
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
    let token = trimmed.get(..token_end)?.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '»', '”']);
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
fn expand_placeholder(inside: &str, tables: &Tables, depth: usize) -> Result<Option<String>, String> {
    if inside == "-" {
        return Ok(Some(r"\s*[-–—]\s*".to_string()));
    }
    if let Some(name) = inside.strip_prefix('@') {
        let body = tables.macros.get(name).ok_or_else(|| format!("unknown macro {name}"))?;
        return Ok(Some(format!("(?:{})", expand(body, tables, depth + 1)?)));
    }
    let Some((kind, group)) = inside.split_once(':') else {
        return Ok(None);
    };
    if !group.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    let body = tables.placeholder(kind).ok_or_else(|| format!("unknown placeholder kind {kind}"))?;
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
mod tests;
