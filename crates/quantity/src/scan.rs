//! Recognition: finds quantity expressions and the pieces they are made of,
//! leaving their values to [`crate::normalize`].
//!
//! One pass over the text: a regex finds the next digit or number word; from
//! there the scanner reads forward (separators, scale words, a percent sign,
//! a currency or a counted noun, a second number of a range) and looks back a
//! few words (a currency sign, an approximation marker, a label such as
//! "Article" that makes the number no quantity).

use crate::lexicon::{is_hspace, is_word_char};
use crate::normalize::{read_digits, DigitNumber};
use crate::rules::{NumberWord, Rules};
use crate::{Approx, CountNoun, Unit};
use accord_doc::Span;

/// The number of an expression, as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Written {
    Digits(DigitNumber),
    Words(Vec<NumberWord>),
}

/// One expression found by the recogniser, before normalisation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub span: Span,
    pub rule: &'static str,
    pub number: Span,
    pub written: Written,
    /// The product of the scale words (1 when there is none).
    pub scale: f64,
    pub unit: Option<Unit>,
    pub approx: Option<Approx>,
}

/// What follows a number: scale words, then a percent word, a currency or a
/// counted noun.
#[derive(Debug, Clone, Copy, Default)]
struct Tail {
    end: usize,
    scale: f64,
    has_scale: bool,
    unit: Option<Unit>,
    /// The counted noun came after modifier words, not right after the number.
    noun_after_modifiers: bool,
}

pub(crate) fn scan(text: &str, within: Span, rules: &Rules) -> Vec<Candidate> {
    let (start, end) = clamp(text, within);
    let mut scanner = Scanner { text: &text[..end], start, rules, floor: start, label_list_end: None, found: Vec::new() };
    let mut pos = start;
    while pos < end {
        let Some(anchor) = rules.anchor.find_at(scanner.text, pos) else {
            break;
        };
        let at = anchor.start();
        let first = scanner.text[at..].chars().next().unwrap_or(' ');
        let next = if first.is_ascii_digit() { scanner.digits_at(at) } else { scanner.words_at(at) };
        // Always advance, whatever the rules decided.
        pos = next.max(at + first.len_utf8());
    }
    let mut found = scanner.found;
    carry_currency(text, &mut found, rules);
    found
}

/// "с 7 млрд долларов до 35 миллиардов", "from $7 billion to 35 billion":
/// a scaled amount without a unit, joined by a range word to a sum of money
/// before it, counts in that money.
fn carry_currency(text: &str, found: &mut [Candidate], rules: &Rules) {
    for k in 1..found.len() {
        let (before, rest) = found.split_at_mut(k);
        let (first, second) = (&before[k - 1], &mut rest[0]);
        if !matches!(first.unit, Some(Unit::Currency(_))) || second.unit.is_some() || second.scale <= 1.0 {
            continue;
        }
        let between = text.get(first.span.end..second.span.start).unwrap_or("");
        let link_at = first.span.end + (between.len() - between.trim_start().len());
        let linked = rules
            .range_connectors
            .match_at(text, link_at, second.span.start)
            .is_some_and(|(end, ())| text[end..second.span.start].trim().is_empty());
        // The range word may have been read as the second amount's "up to".
        let up_to_after = second.approx == Some(Approx::UpTo) && between.trim().is_empty();
        if linked || up_to_after {
            second.unit = first.unit;
        }
        if up_to_after {
            // It ends a change or a range, not a bound: "до" is the link.
            second.approx = None;
            second.span.start = second.number.start;
        }
    }
}

/// `within`, shrunk onto char boundaries inside the text.
fn clamp(text: &str, within: Span) -> (usize, usize) {
    let mut end = within.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = within.start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    (start, end)
}

struct Scanner<'t> {
    /// The text up to the end of `within`: nothing is read past it.
    text: &'t str,
    start: usize,
    rules: &'t Rules,
    /// No new expression may reach back before this (the end of the last one).
    floor: usize,
    /// The end of the last number refused because of a label before it, so
    /// that "No. 40, 41 and 42" refuses the whole list.
    label_list_end: Option<usize>,
    found: Vec<Candidate>,
}

impl<'t> Scanner<'t> {
    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..)?.chars().next()
    }

    fn char_before(&self, pos: usize) -> Option<char> {
        self.text.get(..pos)?.chars().next_back()
    }

    fn skip_hspace(&self, mut pos: usize) -> usize {
        while let Some(c) = self.char_at(pos).filter(|c| is_hspace(*c)) {
            pos += c.len_utf8();
        }
        pos
    }

    /// Skips a run of letters and digits with inner punctuation, such as
    /// `COVID-19`, `12/5/2025` or `10h30`: the end of the run.
    fn skip_run(&self, mut pos: usize) -> usize {
        while let Some(c) = self.char_at(pos) {
            let inner = matches!(c, '-' | '–' | '/' | '.' | ',' | ':' | '_') && self.char_at(pos + c.len_utf8()).is_some_and(is_word_char);
            if !is_word_char(c) && !inner {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }

    /// Whether a number starting here is glued to what precedes it
    /// (`G20`, `COVID-19`, the `5` of `12/5`).
    fn glued_before(&self, pos: usize) -> bool {
        match self.char_before(pos) {
            // A currency written onto its number is no glue: `RM12.5`.
            Some(c) if is_word_char(c) => self.currency_before(pos).is_none_or(|(start, _)| start == pos),
            Some(c @ ('-' | '–' | '/' | '.' | ',' | ':' | '_')) => self.char_before(pos - c.len_utf8()).is_some_and(is_word_char),
            _ => false,
        }
    }

    /// The end of a digit token: digits joined by `.`/`,` (each followed by a
    /// digit), and by single spaces before groups of three where the language
    /// groups with spaces.
    fn digit_token_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        let mut pos = start;
        while digit_at(pos) {
            pos += 1;
        }
        loop {
            match self.char_at(pos) {
                Some('.' | ',') if digit_at(pos + 1) => {
                    pos += 1;
                    while digit_at(pos) {
                        pos += 1;
                    }
                }
                Some(c) if is_hspace(c) && self.rules.format.groups_with_space() => {
                    let group = pos + c.len_utf8();
                    let three = (0..3).all(|i| digit_at(group + i)) && !digit_at(group + 3);
                    let continues = matches!(bytes.get(group + 3), Some(b'.' | b',')) && digit_at(group + 4);
                    if !three || continues {
                        break;
                    }
                    pos = group + 3;
                }
                _ => break,
            }
        }
        pos
    }

    /// A digit number at `start`: the position to continue from.
    fn digits_at(&mut self, start: usize) -> usize {
        if self.glued_before(start) {
            return self.skip_run(start);
        }
        let token_end = self.digit_token_end(start);
        let Some(number) = read_digits(&self.text[start..token_end], &self.rules.format) else {
            return self.skip_run(start);
        };
        // Dates, clock times, fractions: `12/5`, `11:53`.
        if let Some('/' | ':') = self.char_at(token_end) {
            if self.char_at(token_end + 1).is_some_and(|d| d.is_ascii_digit()) {
                return self.skip_run(start);
            }
        }
        // Compound adjectives and ordinal suffixes: `3-day`, `5-й`.
        if let Some('-' | '–') = self.char_at(token_end) {
            if self.char_at(token_end + 1).is_some_and(accord_lang::is_alphabetic) {
                return self.skip_run(start);
            }
        }

        let currency_before = self.currency_before(start);
        let tail = self.tail(token_end, currency_before.is_some(), true);
        // Letters glued to the number that are no scale, percent or currency:
        // `25th`, `4G`, `100m` without a currency.
        if self.char_at(token_end).is_some_and(is_word_char) && tail.end == token_end {
            return self.skip_run(start);
        }
        let expression_start = currency_before.map_or(start, |(s, _)| s);
        let number_span = Span::new(start, token_end);

        if !tail.has_scale && tail.unit.is_none() {
            if let Some(resume) = self.range(expression_start, number_span, number, currency_before) {
                return resume;
            }
        }

        let bare = currency_before.is_none() && !tail.has_scale && tail.unit.is_none();
        if number.looks_like_year() && (bare || tail.noun_after_modifiers) {
            return token_end;
        }
        if bare && self.is_label_or_date(start, token_end) {
            return token_end;
        }

        let unit = currency_before.map(|(_, code)| Unit::Currency(code)).or(tail.unit);
        let candidate = Candidate {
            span: Span::new(expression_start, tail.end),
            rule: rule_name(unit),
            number: number_span,
            written: Written::Digits(number),
            scale: tail.scale,
            unit,
            approx: None,
        };
        self.emit(candidate, true)
    }

    /// Number words at `start` ("nine", "hai mươi lăm"): only a quantity
    /// before a scale word, percent word, currency or counted noun.
    fn words_at(&mut self, start: usize) -> usize {
        if self.char_before(start).is_some_and(is_word_char) {
            return self.skip_run(start);
        }
        let mut words = Vec::new();
        let mut words_end = start;
        let mut pos = start;
        while let Some((end, word)) = self.rules.number_words.match_at(self.text, pos, self.text.len()) {
            words.push(word);
            words_end = end;
            pos = self.skip_hspace(end);
            if pos == end && self.char_at(end) == Some('-') {
                pos = end + 1;
            }
        }
        if !words.first().is_some_and(|w| w.can_start) {
            return self.skip_run(start);
        }
        if self.rules.vague.match_before(self.text, self.floor, start).is_some() {
            return words_end;
        }
        let currency_before = self.currency_before(start);
        let tail = self.tail(words_end, currency_before.is_some(), true);
        if !tail.has_scale && tail.unit.is_none() {
            return words_end;
        }
        let unit = currency_before.map(|(_, code)| Unit::Currency(code)).or(tail.unit);
        let candidate = Candidate {
            span: Span::new(currency_before.map_or(start, |(s, _)| s), tail.end),
            rule: rule_name(unit),
            number: Span::new(start, words_end),
            written: Written::Words(words),
            scale: tail.scale,
            unit,
            approx: None,
        };
        self.emit(candidate, true)
    }

    /// A currency sign or code right before the number (`$`, `US$ `, `Rs`).
    fn currency_before(&self, number_start: usize) -> Option<(usize, &'static str)> {
        self.rules.currencies_before.match_before(self.text, self.floor, number_start)
    }

    /// Reads what follows a number ending at `pos`.
    fn tail(&self, pos: usize, after_currency_sign: bool, allow_modifiers: bool) -> Tail {
        let rules = self.rules;
        let limit = self.text.len();
        let mut tail = Tail { end: pos, scale: 1.0, ..Tail::default() };

        // Up to two scale words: "lakh crore", "nghìn tỷ".
        for _ in 0..2 {
            let at = self.skip_hspace(tail.end);
            match rules.scales.match_at(self.text, at, limit) {
                Some((end, scale)) if after_currency_sign || !scale.after_currency => {
                    tail.scale *= scale.multiplier;
                    tail.has_scale = true;
                    tail.end = end;
                }
                _ => break,
            }
        }

        let at = self.skip_hspace(tail.end);
        if let Some((end, ())) = rules.percent.match_at(self.text, at, limit) {
            tail.unit = Some(Unit::Percent);
            tail.end = end;
            return tail;
        }
        if after_currency_sign {
            return tail;
        }
        let spaced = at > tail.end;
        let currency = rules.currencies_after.match_at(self.text, at, limit);
        let noun = if spaced { rules.counted_nouns.match_at(self.text, at, limit) } else { None };
        // The longer reading wins: "đồng chí" (comrades) over "đồng" (VND).
        match (currency, noun) {
            (Some((c_end, code)), Some((n_end, _))) if c_end >= n_end => {
                tail.unit = Some(Unit::Currency(code));
                tail.end = c_end;
            }
            (Some((c_end, code)), None) => {
                tail.unit = Some(Unit::Currency(code));
                tail.end = c_end;
            }
            (_, Some((n_end, class))) => {
                tail.unit = Some(Unit::Count(class));
                tail.end = n_end;
            }
            (None, None) if spaced && allow_modifiers => {
                if let Some((end, class)) = self.noun_after_modifiers(at) {
                    tail.unit = Some(Unit::Count(class));
                    tail.end = end;
                    tail.noun_after_modifiers = true;
                }
            }
            (None, None) => {}
        }
        tail
    }

    /// A persons/documents/localities noun after at most `max_modifiers`
    /// words: "nine provincial-level localities".
    fn noun_after_modifiers(&self, mut pos: usize) -> Option<(usize, CountNoun)> {
        let rules = self.rules;
        let limit = self.text.len();
        for _ in 0..rules.max_modifiers {
            let word_end = self.modifier_end(pos);
            if word_end == pos
                || rules.blockers.match_at(self.text, pos, limit).is_some()
                || rules.number_words.match_at(self.text, pos, limit).is_some()
            {
                return None;
            }
            let next = self.skip_hspace(word_end);
            if next == word_end {
                return None;
            }
            match rules.counted_nouns.match_at(self.text, next, limit) {
                Some((end, class)) if class != CountNoun::Other => return Some((end, class)),
                _ => pos = next,
            }
        }
        None
    }

    /// The end of a modifier word: letters, with inner hyphens or apostrophes.
    fn modifier_end(&self, mut pos: usize) -> usize {
        while let Some(c) = self.char_at(pos) {
            let inner = matches!(c, '-' | '\'' | '’') && self.char_at(pos + c.len_utf8()).is_some_and(accord_lang::is_alphabetic);
            if !accord_lang::is_alphabetic(c) && !inner {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }

    /// A range whose first number has no unit of its own: "45 to 50 billion
    /// dollars", "10-15%", "$64-$65 billion". The first end takes the scale and
    /// unit of the second. Returns where to continue, or `None` when there is
    /// no range here.
    fn range(
        &mut self,
        first_start: usize,
        first_number: Span,
        first: DigitNumber,
        first_currency: Option<(usize, &'static str)>,
    ) -> Option<usize> {
        let limit = self.text.len();
        let connector_at = self.skip_hspace(first_number.end);
        let (connector_end, ()) = self.rules.range_connectors.match_at(self.text, connector_at, limit)?;
        let symbol = !self.text[connector_at..connector_end].chars().any(accord_lang::is_alphanumeric);
        let mut second_start = self.skip_hspace(connector_end);
        let currency = self.rules.currencies_before.match_at(self.text, second_start, limit);
        // "grew in 2022 to $3 billion": a year is no low end of an amount
        // whose high end has a currency sign of its own.
        if currency.is_some() && first_currency.is_none() && first.looks_like_year() {
            return None;
        }
        let second_expression_start = second_start;
        if let Some((end, _)) = currency {
            second_start = self.skip_hspace(end);
        }
        if !self.char_at(second_start).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let second_end = self.digit_token_end(second_start);
        let second = read_digits(&self.text[second_start..second_end], &self.rules.format)?;
        let after_sign = currency.is_some() || first_currency.is_some();
        let tail = self.tail(second_end, after_sign, false);
        let glued = self.char_at(second_end).is_some_and(|c| is_word_char(c) || matches!(c, '/' | ':'));
        if glued && tail.end == second_end {
            return symbol.then(|| self.skip_run(second_start));
        }
        let unit = currency.or(first_currency).map(|(_, code)| Unit::Currency(code)).or(tail.unit);
        if !tail.has_scale && unit.is_none() {
            // "2016-2020", "11-12 May": dates and year spans, not quantities.
            // "from 2019 to 2020": the first number goes on alone.
            return symbol.then_some(second_end);
        }
        let low = Candidate {
            span: Span::new(first_start, first_number.end),
            rule: "range_low",
            number: first_number,
            written: Written::Digits(first),
            scale: tail.scale,
            unit,
            approx: None,
        };
        let high = Candidate {
            span: Span::new(second_expression_start, tail.end),
            rule: rule_name(unit),
            number: Span::new(second_start, second_end),
            written: Written::Digits(second),
            scale: tail.scale,
            unit,
            approx: None,
        };
        self.emit(low, true);
        Some(self.emit(high, false))
    }

    /// A bare number that is a label, a date part or a clock time:
    /// "Article 5", "May 12", "lần thứ 44", "4 июля", "9 pm", and the numbers
    /// listed after such a label ("No. 40, 41 and 42").
    fn is_label_or_date(&mut self, start: usize, end: usize) -> bool {
        let rules = self.rules;
        let labelled = rules.labels.match_before(self.text, self.floor, start).is_some() || self.continues_label_list(start);
        if labelled {
            self.label_list_end = Some(end);
            return true;
        }
        let after = self.skip_hspace(end);
        rules.date_after.match_at(self.text, after, self.text.len()).is_some()
    }

    fn continues_label_list(&self, start: usize) -> bool {
        let Some(mut pos) = self.label_list_end else {
            return false;
        };
        while pos < start {
            match self.char_at(pos) {
                Some(c) if is_hspace(c) || c == ',' => pos += c.len_utf8(),
                _ => match self.rules.list_connectors.match_at(self.text, pos, start) {
                    Some((end, ())) => pos = end,
                    None => return false,
                },
            }
        }
        true
    }

    /// Records a candidate, first extending it back over an approximation
    /// marker when `with_approx`; returns its end.
    fn emit(&mut self, mut candidate: Candidate, with_approx: bool) -> usize {
        if with_approx {
            let floor = self.floor.max(self.start);
            if let Some((start, kind)) = self.rules.approx.match_before(self.text, floor, candidate.span.start) {
                candidate.approx = Some(kind);
                candidate.span.start = start;
            }
        }
        let end = candidate.span.end;
        self.floor = end;
        self.found.push(candidate);
        end
    }
}

fn rule_name(unit: Option<Unit>) -> &'static str {
    match unit {
        Some(Unit::Currency(_)) => "money",
        Some(Unit::Percent) => "percent",
        Some(Unit::Count(_)) => "count",
        None => "number",
    }
}
