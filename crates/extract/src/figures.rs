//! Figures: quantities whose sentence says what they measure.
//!
//! A money amount, or a count of people, documents or localities, becomes a
//! figure when a cue of its language names the indicator (the nearest cue
//! before it in its clause, else after it). The period is the nearest time
//! expression after the amount (before the next amount), else before it;
//! the status is `target` or `estimate` by cue words and approximation
//! markers, else `actual`.

use accord_doc::facts::Figure;
use accord_doc::{Lang, Span};
use accord_lexicon::{CueHit, Cues};
use accord_quantity::{Approx, CountNoun, Quantity, Unit};
use accord_recognize::Analysis;
use accord_text::Folded;
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
            indicators: Cues::parse(include_str!(concat!(
                "../../../data/",
                $code,
                "/figures/indicators.tsv"
            ))),
            status: Cues::parse(include_str!(concat!(
                "../../../data/",
                $code,
                "/figures/status.tsv"
            ))),
        }
    };
}

static CUES: LazyLock<Vec<LangCues>> = LazyLock::new(|| {
    vec![
        lang_cues!(Lang::En, "en"),
        lang_cues!(Lang::Vi, "vi"),
        lang_cues!(Lang::Ru, "ru"),
    ]
});

fn cues_for(lang: Lang) -> &'static LangCues {
    CUES.iter().find(|c| c.lang == lang).unwrap_or(&CUES[0])
}

/// The figures of a document; `parties` is the document's country pair.
pub fn extract(a: &Analysis, parties: &[String]) -> Vec<Figure> {
    let cues = cues_for(a.lang());
    let text = a.doc.text.as_str();
    let anchor = a.doc.meta.published.as_deref();
    let mut out: Vec<Figure> = Vec::new();
    for &sentence in &a.sentences {
        let quantities: Vec<_> = Analysis::inside(&a.quantities, sentence).collect();
        if !quantities.iter().any(|q| measured_unit(&q.value).is_some()) {
            continue;
        }
        let folded = Folded::of_range(text, sentence);
        let to_span = |h: &CueHit| folded.span_to_original(h.start, h.end);
        let indicator_hits: Vec<(Span, &str)> = cues
            .indicators
            .find(&folded.text)
            .iter()
            .map(|h| (to_span(h), h.label))
            .collect();
        let status_hits: Vec<(Span, &str)> = cues
            .status
            .find(&folded.text)
            .iter()
            .map(|h| (to_span(h), h.label))
            .collect();
        let times: Vec<_> = Analysis::inside(&a.times, sentence).collect();

        for (k, q) in quantities.iter().enumerate() {
            let Some(unit) = measured_unit(&q.value) else {
                continue;
            };
            let prev_end = if k == 0 {
                sentence.start
            } else {
                quantities[k - 1].span.end
            };
            let next_start = quantities.get(k + 1).map_or(sentence.end, |n| n.span.start);
            let indicator = match &q.value.unit {
                Some(Unit::Count(CountNoun::Persons)) => {
                    nearest_label(&indicator_hits, q.span, prev_end, next_start, |l| {
                        l == "diaspora"
                    })
                }
                Some(Unit::Count(CountNoun::Documents)) => Some("legal_documents"),
                Some(Unit::Count(CountNoun::Localities)) => Some("partner_localities"),
                Some(Unit::Currency(_)) => {
                    nearest_label(&indicator_hits, q.span, prev_end, next_start, |l| {
                        matches!(l, "trade_turnover" | "exports" | "imports" | "investment")
                    })
                    .or(Some("other"))
                }
                _ => None,
            };
            let Some(indicator) = indicator else { continue };
            let period = times
                .iter()
                .filter(|t| t.span.start >= q.span.end && t.span.end <= next_start)
                .chain(
                    times
                        .iter()
                        .rev()
                        .filter(|t| t.span.end <= q.span.start && t.span.start >= prev_end),
                )
                .find_map(|t| accord_time::resolve(&t.value, anchor));
            let status = status_of(q, &status_hits, prev_end, period.as_deref(), anchor);
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
            let duplicate = out.iter().any(|f| {
                f.indicator == figure.indicator
                    && f.value == figure.value
                    && f.period == figure.period
            });
            if !duplicate {
                out.push(figure);
            }
        }
    }
    out
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

/// The label of the cue nearest before `q` in its clause, else the nearest after.
fn nearest_label<'h>(
    hits: &[(Span, &'h str)],
    q: Span,
    prev_end: usize,
    next_start: usize,
    keep: impl Fn(&str) -> bool,
) -> Option<&'h str> {
    let before = hits
        .iter()
        .filter(|(s, l)| s.end <= q.start && s.start >= prev_end.saturating_sub(0) && keep(l))
        .max_by_key(|(s, _)| s.end);
    let before = before.or_else(|| {
        hits.iter()
            .filter(|(s, l)| s.end <= q.start && keep(l))
            .max_by_key(|(s, _)| s.end)
    });
    before
        .or_else(|| {
            hits.iter()
                .filter(|(s, l)| s.start >= q.end && s.start < next_start && keep(l))
                .min_by_key(|(s, _)| s.start)
        })
        .map(|(_, l)| *l)
}

fn status_of(
    q: &accord_doc::Annotated<Quantity>,
    hits: &[(Span, &str)],
    prev_end: usize,
    period: Option<&str>,
    anchor: Option<&str>,
) -> &'static str {
    let cue = hits
        .iter()
        .filter(|(s, _)| s.start >= prev_end && s.end <= q.span.start)
        .max_by_key(|(s, _)| s.end)
        .map(|(_, l)| *l);
    let future_period = match (period, anchor) {
        (Some(p), Some(a)) => p.get(..4) > a.get(..4),
        _ => false,
    };
    if cue == Some("target") || future_period {
        "target"
    } else if cue == Some("estimate")
        || matches!(q.value.approx, Some(Approx::About | Approx::Nearly))
    {
        "estimate"
    } else {
        "actual"
    }
}
