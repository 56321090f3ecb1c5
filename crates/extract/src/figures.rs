//! Figures: quantities whose sentence says what they measure.
//!
//! A money amount, or a count of people, documents or localities, becomes a
//! figure when a cue of its language names the indicator (the nearest cue
//! before it in its clause, else after it). The period is the nearest time
//! expression after the amount (before the next amount), else before it;
//! the status is `target` or `estimate` by cue words and approximation
//! markers, else `actual`.

use accord_lexicon::{CueHit, Cues};
use accord_doc::facts::Figure;
use accord_doc::{Lang, Span};
use accord_quantity::{Approx, CountNoun, Quantity, Unit};
use accord_recognize::Analysis;
use std::sync::LazyLock;

struct LangCues {
    lang: Lang,
    indicators: Cues,
    status: Cues,
}

macro_rules! lang_cues {
    ($lang:expr, $code:literal) => {
        LangCues {
            lang: $lang,
            indicators: Cues::parse(include_str!(concat!("../../../data/", $code, "/figures/indicators.tsv"))),
            status: Cues::parse(include_str!(concat!("../../../data/", $code, "/figures/status.tsv"))),
        }
    };
}

static CUES: LazyLock<Vec<LangCues>> =
    LazyLock::new(|| vec![lang_cues!(Lang::En, "en"), lang_cues!(Lang::Vi, "vi"), lang_cues!(Lang::Ru, "ru")]);

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
        let refers_back = indicator_hits.iter().any(|(_, l)| *l == "same_measure");
        let measure_before = last_money_measure.filter(|&(_, i)| refers_back && i + 2 >= sentence_index).map(|(m, _)| m);
        let is_money_measure = |l: &str| matches!(l, "trade_turnover" | "exports" | "imports" | "investment");

        let mut range_end_at: Option<usize> = None;
        for (k, q) in quantities.iter().enumerate() {
            if range_end_at == Some(k) {
                continue;
            }
            let Some(unit) = measured_unit(&q.value) else { continue };
            // "$64-$65 billion", "from 64 to 65 million": one figure, an
            // estimate at its lower bound (what the text vouches for).
            let range_with = quantities.get(k + 1).filter(|n| {
                measured_unit(&n.value).as_ref() == Some(&unit) && is_range_link(a.doc.text.get(q.span.end..n.span.start).unwrap_or(""), q.span.end, &status_hits)
            });
            if range_with.is_some() {
                range_end_at = Some(k + 1);
            }
            let prev_end = if k == 0 { sentence.start } else { quantities[k - 1].span.end };
            // A range reads as one amount: what follows its upper bound is its.
            let last = if range_with.is_some() { k + 1 } else { k };
            let amount_end = quantities[last].span.end;
            let next_start = quantities.get(last + 1).map_or(sentence.end, |n| n.span.start);
            let indicator = match &q.value.unit {
                Some(Unit::Count(CountNoun::Persons)) => nearest_label(&a.doc.text, &indicator_hits, q.span, prev_end, next_start, |l| l == "diaspora")
                    .or_else(|| nationals_abroad(a, sentence, q.span, next_start, parties).then_some("diaspora")),
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
            let period = times
                .iter()
                .filter(|t| t.span.start >= amount_end && t.span.end <= next_start)
                .chain(times.iter().rev().filter(|t| t.span.end <= q.span.start && t.span.start >= prev_end))
                .find_map(|t| accord_time::resolve(&t.value, anchor));
            let status = if range_with.is_some() { "estimate" } else { status_of(q, &status_hits, prev_end, period.as_deref(), anchor) };
            let figure = Figure {
                indicator: indicator.to_string(),
                value: q.value.value,
                unit: Some(unit),
                period,
                status: status.to_string(),
                parties: parties.to_vec(),
                evidence: a.doc.evidence(sentence),
                rule: Some(format!("figure/{}+{}", q.rule, indicator)),
            };
            // A goal restated ("the target of $20 billion", then "$20 billion
            // by 2030") is one goal: a later mention of the same target adds
            // no record unless its period contradicts the first one's.
            let same_goal = |f: &Figure| {
                f.status == "target" && figure.status == "target" && (f.period.is_none() || figure.period.is_none())
            };
            let duplicate = out
                .iter()
                .any(|f| f.indicator == figure.indicator && f.value == figure.value && (f.period == figure.period || same_goal(f)));
            if !duplicate {
                out.push(figure);
            }
        }
    }
    out
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
fn nearest_label<'h>(text: &str, hits: &[(Span, &'h str)], q: Span, prev_end: usize, next_start: usize, keep: impl Fn(&str) -> bool) -> Option<&'h str> {
    // A cue right after the amount before belongs to that one ("$5 billion
    // in exports and $4 billion in imports").
    let of_previous = |s: &Span| prev_end > 0 && text.get(prev_end..s.start).is_some_and(is_complement_link);
    let in_clause = hits.iter().filter(|(s, l)| s.end <= q.start && s.start >= prev_end && keep(l) && !of_previous(s)).max_by_key(|(s, _)| s.end);
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

fn status_of(q: &accord_doc::Annotated<Quantity>, hits: &[(Span, &str)], prev_end: usize, period: Option<&str>, anchor: Option<&str>) -> &'static str {
    let cue = hits.iter().filter(|(s, l)| *l != "range" && s.start >= prev_end && s.end <= q.span.start).max_by_key(|(s, _)| s.end).map(|(_, l)| *l);
    let future_period = match (period, anchor) {
        (Some(p), Some(a)) => p.get(..4) > a.get(..4),
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
