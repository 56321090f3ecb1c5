//! Figures: quantities whose sentence says what they measure.
//!
//! A money amount, or a count of people, documents or localities, becomes a
//! figure when a cue of its language names the indicator (the nearest cue
//! before it in its clause, else after it). The period is the nearest time
//! expression after the amount (before the next amount), else before it;
//! the status is `target` or `estimate` by cue words and approximation
//! markers, else `actual`.

use accord_data::tsv::{or_fail, Table};
use accord_doc::facts::Figure;
use accord_doc::{Date, DateRange, Lang, Precision, Span};
use accord_lexicon::{CueHit, Cues, Labels};
use accord_quantity::{Approx, CountNoun, Quantity, Unit};
use accord_recognize::Analysis;
use std::sync::LazyLock;

struct LangCues {
    lang: Lang,
    indicators: Cues,
    status: Cues,
}

/// The indicators of facts.md, and `same_measure` for words that refer
/// back to the measure before ("the figure").
const INDICATORS: &[&str] =
    &["trade_turnover", "exports", "imports", "investment", "diaspora", "legal_documents", "partner_localities", "other", "same_measure"];
const INDICATOR_LABELS: Labels = Labels::OneOf(INDICATORS);

/// The measures of money (`data/indicators.tsv`).
static MONEY_MEASURES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| or_fail(money_measures(&Table::new("indicators.tsv", include_str!("../../../data/indicators.tsv")))));

/// The indicators whose measure is `money`; each line names an indicator
/// and its measure (`money` or `-`).
fn money_measures(table: &Table<'static>) -> Result<Vec<&'static str>, accord_data::tsv::Error> {
    let mut out = Vec::new();
    for row in table.rows() {
        row.at_most(2)?;
        let indicator = row.label(0, INDICATORS)?;
        if row.label(1, &["money", "-"])? == "money" {
            out.push(indicator);
        }
    }
    Ok(out)
}
const STATUS_LABELS: Labels = Labels::OneOf(&["target", "estimate", "range", "comparison", "same_period", "start"]);

static CUES: LazyLock<Vec<LangCues>> = LazyLock::new(|| {
    Lang::known()
        .iter()
        .map(|&lang| {
            let cues = |name: &str, labels| or_fail(Cues::load(&accord_data::table(lang, &format!("figures/{name}.tsv")), labels));
            LangCues { lang, indicators: cues("indicators", INDICATOR_LABELS), status: cues("status", STATUS_LABELS) }
        })
        .collect()
});

fn cues_for(lang: Lang) -> &'static LangCues {
    CUES.iter().find(|c| c.lang == lang).unwrap_or(&CUES[0])
}

/// The figures of a document; `parties` is the document's country pair.
pub fn extract(a: &Analysis, parties: &[String]) -> Vec<Figure> {
    let cues = cues_for(a.lang());
    let anchor = a.reference();
    let mut out: Vec<Figure> = Vec::new();
    // The measure of the last sentence that named one for money, and that
    // sentence's end: "The figure rose to $120 million" measures the same.
    let mut last_money_measure: Option<(&str, usize)> = None;
    for (sentence_index, &sentence) in a.sentences.iter().enumerate() {
        let quantities: Vec<_> = Analysis::inside(&a.quantities, sentence).collect();
        if !quantities.iter().any(|q| measured_unit(&q.value).is_some()) {
            continue;
        }
        let folded = a.folded_within(sentence);
        let to_span = |h: &CueHit| folded.span_to_original(h.start, h.end);
        let indicator_hits: Vec<(Span, &str)> = cues.indicators.find_in(&folded).iter().map(|h| (to_span(h), h.label)).collect();
        let status_hits: Vec<(Span, &str)> = cues.status.find_in(&folded).iter().map(|h| (to_span(h), h.label)).collect();
        let times: Vec<_> = Analysis::inside(&a.times, sentence).collect();
        // A time that is a comparison's base ("up 6% compared with 2021",
        // "so với cùng kỳ năm 2023") is not the period of any amount.
        // Nor is an open bound ("before 1990", "after 2020"): it says when
        // the amount was not, not the stretch it covers.
        let open_bound = |v: &accord_time::TimeValue| {
            matches!(v, accord_time::TimeValue::Bounded { edge: accord_time::Edge::Before | accord_time::Edge::After, .. })
        };
        let periods: Vec<_> = times
            .iter()
            .filter(|t| !open_bound(&t.value) && comparison_base(&a.doc.text, t.span, &status_hits).is_none())
            .copied()
            .collect();
        // "The same period of 2023" as a base tells what "this year" is
        // when the publication date does not.
        let sentence_anchor = anchor.copied().or_else(|| {
            times
                .iter()
                .filter(|t| comparison_base(&a.doc.text, t.span, &status_hits) == Some("same_period"))
                .find_map(|t| accord_time::resolve(&t.value, None).filter(|y| y.is_single() && y.start.precision() == Precision::Year))
                .and_then(|year| year.start.add_years(1))
        });
        // The amounts that are figures: other numbers ("7 months", "6.6%")
        // do not bound the stretch of text a period is looked for in.
        let measured: Vec<Span> = quantities.iter().filter(|q| measured_unit(&q.value).is_some()).map(|q| q.span).collect();
        let refers_back = indicator_hits.iter().any(|(_, l)| *l == "same_measure");
        let measure_before = last_money_measure.filter(|&(_, i)| refers_back && i + 2 >= sentence_index).map(|(m, _)| m);
        let is_money_measure = |l: &str| MONEY_MEASURES.contains(&l);

        let mut range_end_at: Option<usize> = None;
        // Where the cues of the change that the last amount started begin.
        let mut change_from: Option<usize> = None;
        for (k, q) in quantities.iter().enumerate() {
            if range_end_at == Some(k) {
                continue;
            }
            let Some(unit) = measured_unit(&q.value) else {
                continue;
            };
            let prev_end = if k == 0 { sentence.start } else { quantities[k - 1].span.end };
            let same_unit_next = quantities.get(k + 1).filter(|n| measured_unit(&n.value).as_ref() == Some(&unit));
            // "raise trade from $7 billion to $35 billion": the level a
            // change starts from was reached; the next amount is where the
            // change goes, as the cues before the start say.
            let starts_change = same_unit_next.is_some() && change_start(&a.doc.text, q.span, prev_end, &status_hits);
            // "$64-$65 billion", "64 to 65 million": one figure, an
            // estimate at its lower bound (what the text vouches for).
            let range_with = same_unit_next.filter(|n| {
                !starts_change && is_range_link(a.doc.text.get(q.span.end..n.span.start).unwrap_or(""), q.span.end, &status_hits)
            });
            if range_with.is_some() {
                range_end_at = Some(k + 1);
            }
            // A range reads as one amount: what follows its upper bound is its.
            let last = if range_with.is_some() { k + 1 } else { k };
            let amount_end = quantities[last].span.end;
            let next_start = quantities.get(last + 1).map_or(sentence.end, |n| n.span.start);
            let indicator = match &q.value.unit {
                Some(Unit::Count(CountNoun::Persons)) => {
                    nearest_label(&a.doc.text, &indicator_hits, q.span, prev_end, next_start, |l| l == "diaspora")
                        .or_else(|| nationals_abroad(a, sentence, q.span, next_start, parties).then_some("diaspora"))
                }
                Some(Unit::Count(CountNoun::Documents)) => Some("legal_documents"),
                Some(Unit::Count(CountNoun::Localities)) => Some("partner_localities"),
                Some(Unit::Currency(_)) => {
                    let named = nearest_label(&a.doc.text, &indicator_hits, q.span, prev_end, next_start, is_money_measure);
                    if let Some(m) = named {
                        last_money_measure = Some((m, sentence_index));
                    }
                    named.or(measure_before).or(Some("other"))
                }
                _ => None,
            };
            let Some(indicator) = indicator else { continue };
            let period = period_of(&a.doc.text, sentence, &periods, &measured, q.span, amount_end, sentence_anchor.as_ref());
            let status = if range_with.is_some() {
                "estimate"
            } else if starts_change {
                change_from = Some(prev_end);
                "actual"
            } else {
                // The end of a change reads the cues before its start too.
                status_of(q, &status_hits, change_from.take().unwrap_or(prev_end), period.as_ref(), anchor)
            };
            let figure = Figure {
                indicator: indicator.to_string(),
                value: q.value.value,
                unit: Some(unit),
                period: period.map(|p| p.to_string()),
                status: status.to_string(),
                parties: parties.to_vec(),
                evidence: a.doc.evidence(sentence),
                rule: Some(format!("figure/{}+{}", q.rule, indicator)),
            };
            // A goal restated ("the target of $20 billion", then "$20 billion
            // by 2030") is one goal: a later mention of the same target adds
            // no record unless its period contradicts the first one's.
            let same_goal =
                |f: &Figure| f.status == "target" && figure.status == "target" && (f.period.is_none() || figure.period.is_none());
            let duplicate = out
                .iter_mut()
                .find(|f| f.indicator == figure.indicator && f.value == figure.value && (f.period == figure.period || same_goal(f)));
            match duplicate {
                // The restatement may be the one that says by when (a
                // headline "Target $10 billion", then "... by 2030").
                Some(first) => {
                    if first.period.is_none() {
                        first.period = figure.period;
                    }
                }
                None => out.push(figure),
            }
        }
    }
    out
}

/// The period of the amount at `amount` (ending at `amount_end`, past a
/// range's upper bound): the nearest time after it in its clause, before the
/// next figure's amount or a semicolon; else the nearest before it, after
/// the previous figure's amount and the last semicolon; else the nearest
/// before it in its clause, the frame the clause opened with ("In 2022, trade
/// reached $6 billion, of which exports $2 billion and imports $4 billion").
fn period_of(
    text: &str,
    sentence: Span,
    times: &[&accord_doc::Annotated<accord_time::TimeValue>],
    measured: &[Span],
    amount: Span,
    amount_end: usize,
    anchor: Option<&Date>,
) -> Option<DateRange> {
    // A semicolon ends a clause: a time past it is the other clause's.
    let clause_start =
        text.get(sentence.start..amount.start).and_then(|head| head.rfind(';')).map_or(sentence.start, |i| sentence.start + i);
    let prev_end = measured.iter().filter(|m| m.end <= amount.start).map(|m| m.end).max().unwrap_or(0).max(clause_start);
    let clause_end = text.get(amount_end..sentence.end).and_then(|rest| rest.find(';')).map_or(usize::MAX, |i| amount_end + i);
    let next_start = measured.iter().filter(|m| m.start >= amount_end).map(|m| m.start).min().unwrap_or(usize::MAX).min(clause_end);
    let resolve = |t: &accord_doc::Annotated<accord_time::TimeValue>| accord_time::resolve(&t.value, anchor);
    let after = times.iter().filter(|t| t.span.start >= amount_end && t.span.end <= next_start).find_map(|t| resolve(t));
    let before = || times.iter().rev().filter(|t| t.span.end <= amount.start && t.span.start >= prev_end).find_map(|t| resolve(t));
    let frame = || times.iter().rev().filter(|t| t.span.end <= amount.start && t.span.start >= clause_start).find_map(|t| resolve(t));
    after.or_else(before).or_else(frame)
}

/// How far before a time a comparison cue may end for the time to be the
/// comparison's base: a few words ("compared with the same period of").
const COMPARISON_LINK_WORDS: usize = 3;

/// Whether the time at `span` is what an amount is compared with: a
/// `comparison` or `same_period` cue stands right before it. Returns the
/// nearest such cue's label.
fn comparison_base<'h>(text: &str, span: Span, hits: &[(Span, &'h str)]) -> Option<&'h str> {
    hits.iter()
        // The cue may end inside the time when the time took its last word
        // as an edge ("по сравнению с" + "с 2022 годом").
        .filter(|(s, l)| matches!(*l, "comparison" | "same_period") && s.start < span.start && s.end <= span.end)
        .max_by_key(|(s, _)| s.end)
        .filter(|(s, _)| {
            text.get(s.end.min(span.start)..span.start).is_some_and(|link| {
                !link.contains([',', ';', ':', '.', '(', ')']) && link.split_whitespace().count() <= COMPARISON_LINK_WORDS
            })
        })
        .map(|(_, l)| *l)
}

/// How far after the amount a nationality may stand in the counted noun
/// phrase ("16,000 Lao students", "35 lakh Indian-origin persons").
const NATIONALITY_REACH: usize = 24;

/// Whether a count of people is one party's nationals in the other party's
/// country: the amount names one party's nationality ("16,000 Lao students",
/// "35 lakh Indian-origin persons") and the sentence names the other party
/// ("... in Vietnam", "The UAE is home to ..."). Such a count is a
/// diaspora figure without the word "community".
fn nationals_abroad(a: &Analysis, sentence: Span, amount: Span, next_start: usize, parties: &[String]) -> bool {
    let reach = (amount.end + NATIONALITY_REACH).min(next_start).max(amount.end);
    // The party countries the sentence names, with where it names them.
    let named: Vec<(Span, &str)> = Analysis::inside(&a.entities.mentions, sentence)
        .filter_map(|m| {
            let record = &a.entities.records[m.value];
            let code = record.code.as_deref().filter(|_| record.kind == accord_doc::facts::EntityType::Country)?;
            parties.iter().any(|p| p == code).then_some((m.span, code))
        })
        .collect();
    let Some(&(nationality_at, nationality)) = named.iter().find(|(span, _)| span.start >= amount.start && span.start < reach) else {
        return false;
    };
    named.iter().any(|&(span, code)| span != nationality_at && code != nationality)
}

/// Whether the amount at `amount` is where a change starts: a `start` cue
/// ("from", "từ", "с") after the amount before it, with at most two
/// lower-case words between ("from the current $7 billion"), so that
/// "goods from Chile and $4 billion" is not one.
fn change_start(text: &str, amount: Span, prev_end: usize, status_hits: &[(Span, &str)]) -> bool {
    status_hits.iter().filter(|(s, l)| *l == "start" && s.start >= prev_end && s.end <= amount.start).any(|(s, _)| {
        let between = text.get(s.end..amount.start).unwrap_or("");
        let words = between.split_whitespace();
        words.clone().count() <= 2 && words.clone().all(|w| w.chars().all(|c| accord_lang::is_alphabetic(c) && c.is_lowercase()))
    })
}

/// Whether `between` (the text from input offset `at` up to the next
/// amount) only links two amounts into a range: a dash, or a range word.
fn is_range_link(between: &str, at: usize, status_hits: &[(Span, &str)]) -> bool {
    let link = between.trim();
    if matches!(link, "-" | "–" | "—") {
        return true;
    }
    let start = at + (between.len() - between.trim_start().len());
    !link.is_empty() && status_hits.iter().any(|(s, l)| *l == "range" && s.start == start && s.end == start + link.len())
}

fn measured_unit(q: &Quantity) -> Option<String> {
    match &q.unit {
        Some(Unit::Currency(code)) => Some(code.to_string()),
        Some(Unit::Count(CountNoun::Persons)) => Some("persons".into()),
        Some(Unit::Count(CountNoun::Documents)) => Some("documents".into()),
        Some(Unit::Count(CountNoun::Localities)) => Some("localities".into()),
        _ => None,
    }
}

/// The label of the cue nearest before `q` in its clause; else one that
/// follows the amount as its complement ("RM5 billion in exports"); else
/// the nearest before it in the sentence; else the nearest after.
fn nearest_label<'h>(
    text: &str,
    hits: &[(Span, &'h str)],
    q: Span,
    prev_end: usize,
    next_start: usize,
    keep: impl Fn(&str) -> bool,
) -> Option<&'h str> {
    // A cue right after the amount before belongs to that one ("$5 billion
    // in exports and $4 billion in imports").
    let of_previous = |s: &Span| prev_end > 0 && text.get(prev_end..s.start).is_some_and(is_complement_link);
    let in_clause =
        hits.iter().filter(|(s, l)| s.end <= q.start && s.start >= prev_end && keep(l) && !of_previous(s)).max_by_key(|(s, _)| s.end);
    let complement = || {
        hits.iter()
            .filter(|(s, l)| s.start >= q.end && s.start < next_start && keep(l))
            .min_by_key(|(s, _)| s.start)
            .filter(|(s, _)| text.get(q.end..s.start).is_some_and(is_complement_link))
    };
    let before = || hits.iter().filter(|(s, l)| s.end <= q.start && keep(l)).max_by_key(|(s, _)| s.end);
    let after = || hits.iter().filter(|(s, l)| s.start >= q.end && s.start < next_start && keep(l)).min_by_key(|(s, _)| s.start);
    in_clause.or_else(complement).or_else(before).or_else(after).map(|(_, l)| *l)
}

/// Whether the words between an amount and a cue make the cue the amount's
/// complement: at most two short words, no clause punctuation ("in",
/// "worth of", "in two-way").
fn is_complement_link(between: &str) -> bool {
    !between.contains([',', ';', ':', '.', '(', ')']) && between.split_whitespace().count() <= 2 && between.len() <= 16
}

fn status_of(
    q: &accord_doc::Annotated<Quantity>,
    hits: &[(Span, &str)],
    prev_end: usize,
    period: Option<&DateRange>,
    anchor: Option<&Date>,
) -> &'static str {
    let cue = hits
        .iter()
        .filter(|(s, l)| matches!(*l, "target" | "estimate") && s.start >= prev_end && s.end <= q.span.start)
        .max_by_key(|(s, _)| s.end)
        .map(|(_, l)| *l);
    let future_period = match (period, anchor) {
        (Some(p), Some(a)) => p.start.year() > a.year(),
        _ => false,
    };
    if cue == Some("target") || future_period {
        "target"
    } else if cue == Some("estimate") || matches!(q.value.approx, Some(Approx::About | Approx::Nearly)) {
        "estimate"
    } else {
        "actual"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_data::tsv::assert_fails;

    /// `(file, its labels, text, the error after "data/xx/figures/<file>.tsv:")`.
    const BAD_LINES: [(&str, Labels, &str, &str); 3] = [
        ("indicators", INDICATOR_LABELS, "exports\texports\nweather\train\n", "2: unknown label 'weather'"),
        ("status", STATUS_LABELS, "target\n", "1: missing column 2"),
        ("status", STATUS_LABELS, "# s\ntarget\taim\tgoal\n", "2: 2 columns at most"),
    ];

    #[test]
    fn a_bad_cue_line_is_an_error_naming_file_and_line() {
        for (name, labels, text, expected) in BAD_LINES {
            let file = format!("xx/figures/{name}.tsv");
            assert_fails(Cues::load(&Table::new(&file, text), labels), &file, expected);
        }
    }

    #[test]
    fn the_measures_of_money_are_read_from_their_table() {
        assert_eq!(*MONEY_MEASURES, ["trade_turnover", "exports", "imports", "investment"]);
        for (text, expected) in [
            (
                "exports	money
weather	-
",
                "2: unknown label 'weather'",
            ),
            (
                "exports
",
                "1: missing column 2",
            ),
            (
                "exports	cash
",
                "1: unknown label 'cash'",
            ),
            (
                "exports	money	-
",
                "1: 2 columns at most",
            ),
        ] {
            assert_fails(money_measures(&Table::new("indicators.tsv", text)), "indicators.tsv", expected);
        }
    }
}
