//! The areas of a commitment, read from its committed action rather than
//! from every area word of the sentence (`data/<lang>/commitments/action.tsv`):
//!
//! - a side remark or subordinate tail ("…, which took effect", "at a time
//!   when …", "…, the minister said") names no area of the commitment, up to
//!   the point where the action resumes ("as well as", ", and");
//! - a word inside the name of an organisation or place ("Eurasian *Economic*
//!   Union") names that body, not a field;
//! - a noun linked to the field it is about ("research *in* agriculture",
//!   "visits *for* cultural events") gives way to the field;
//! - a weak word for the relationship ("ties", "partnership") counts only
//!   when nothing more specific is named.
//!
//! An action naming nothing takes the areas of its sentence; a sentence
//! naming nothing is about the relationship itself (`partnership`).

use crate::lexicon::PerLang;
use crate::folded_offset;
use accord_doc::facts::EntityType;
use accord_doc::Span;
use accord_lexicon::per_lang_files;
use accord_recognize::Analysis;
use std::sync::LazyLock;

static AREA_CUES: LazyLock<accord_lexicon::PerLang> =
    LazyLock::new(|| accord_lexicon::PerLang::new(&per_lang_files!("areas.tsv")));
static ACTION: LazyLock<PerLang> =
    LazyLock::new(|| PerLang::new(&per_lang_files!("commitments/action.tsv")));

/// The area facts.md gives to the framework of the relationship itself: the
/// most general one, so it yields to any other.
const GENERAL: &str = "partnership";

/// Most words between a noun and its link word ("cooperation *in*", "visits
/// *for*", "training and research *in*").
const LINK_BEFORE_WORDS: usize = 3;
/// Most words between a link word and the field ("in *each other's* farming").
const LINK_AFTER_WORDS: usize = 2;

/// A word of `action.tsv` found, as a span of the input.
struct Word<'l> {
    label: &'l str,
    span: Span,
}

/// The areas of the committed `action` of `sentence`, in order of mention.
pub(crate) fn areas_of(a: &Analysis, action: Span, sentence: Span) -> Vec<String> {
    let mut areas = named(a, action, true);
    if areas.is_empty() {
        areas = named(a, sentence, false);
    }
    if areas.is_empty() {
        areas.push(GENERAL);
    }
    areas.into_iter().map(str::to_string).collect()
}

/// The areas named in `span`; with `tails`, not those of its side remarks.
fn named(a: &Analysis, span: Span, tails: bool) -> Vec<&'static str> {
    let text = a.doc.text.as_str();
    let folded = &a.folded;
    let words: Vec<Word> = ACTION.get(a.lang()).map_or_else(Vec::new, |lexicon| {
        let range = folded_offset(folded, span.start)..folded_offset(folded, span.end);
        lexicon
            .find(folded, range, text)
            .into_iter()
            .map(|h| Word {
                label: h.label,
                span: folded.span_to_original(h.start, h.end),
            })
            .collect()
    });
    let skipped = if tails {
        side_remarks(text, span, &words)
    } else {
        Vec::new()
    };
    let names: Vec<Span> = Analysis::inside(&a.entities.mentions, span)
        .filter(|m| {
            a.entities.records.get(m.value).is_some_and(|r| {
                matches!(r.kind, EntityType::Organization | EntityType::Place)
            })
        })
        .map(|m| m.span)
        .collect();
    let outside = |s: Span| !skipped.iter().any(|k| k.contains(s));
    let weak: Vec<&Word> = words
        .iter()
        .filter(|w| w.label.starts_with("alone:") && outside(w.span))
        .collect();
    let hits: Vec<(Span, &'static str)> = AREA_CUES
        .get(a.lang())
        .find_marked(&a.folded_within(span), text)
        .into_iter()
        .map(|h| (Span::new(h.start, h.end), h.label))
        .filter(|(s, _)| {
            outside(*s)
                && !names.iter().any(|n| n.contains(*s))
                && !weak.iter().any(|w| w.span.contains(*s))
        })
        .collect();
    let links: Vec<Span> = words
        .iter()
        .filter(|w| w.label == "link")
        .map(|w| w.span)
        .collect();
    let mut out: Vec<&'static str> = Vec::new();
    for (i, (s, label)) in hits.iter().enumerate() {
        let about_next = hits
            .get(i + 1)
            .is_some_and(|(next, _)| linked(text, *s, *next, &links));
        if !about_next && !out.contains(label) {
            out.push(label);
        }
    }
    if out.len() > 1 {
        out.retain(|l| *l != GENERAL);
    }
    if out.is_empty() {
        if let Some(area) = weak
            .first()
            .and_then(|w| w.label.strip_prefix("alone:"))
            .and_then(known_area)
        {
            out.push(area);
        }
    }
    out
}

/// The area name of the list as a static string ("politics").
pub(crate) fn known_area(name: &str) -> Option<&'static str> {
    const LIST: &[&str] = &[
        "politics", "defence", "security", "economy", "trade", "investment", "finance",
        "industry", "agriculture", "energy", "health", "science_technology", "digital",
        "transport", "education", "labour", "justice", "environment", "culture", "sports",
        "tourism", "media", "people_to_people", "consular", "multilateral", "maritime",
        "partnership",
    ];
    LIST.iter().copied().find(|a| *a == name)
}

/// Whether the area word at `noun` is linked to the field at `field` by a
/// link word in a short plain gap: "research and application in
/// agriculture", "visits for cultural events", "training of military staff".
fn linked(text: &str, noun: Span, field: Span, links: &[Span]) -> bool {
    let Some(link) = links
        .iter()
        .find(|l| l.start >= noun.end && l.end <= field.start)
    else {
        return false;
    };
    let before = text.get(noun.end..link.start).unwrap_or("");
    let after = text.get(link.end..field.start).unwrap_or("");
    let plain = before
        .split_whitespace()
        .all(|w| w.chars().all(|c| c.is_alphanumeric()));
    plain
        && before.split_whitespace().count() <= LINK_BEFORE_WORDS
        && after.split_whitespace().count() <= LINK_AFTER_WORDS
}

/// The side remarks of the action `span`: from each tail word to the next
/// resume word, semicolon or the end.
fn side_remarks(text: &str, span: Span, words: &[Word]) -> Vec<Span> {
    let after_comma = |s: Span| {
        text.get(span.start..s.start)
            .is_some_and(|b| b.trim_end().ends_with(','))
    };
    let mut out = Vec::new();
    for w in words {
        let start = match w.label {
            "tail" => Some(w.span.start),
            "comma-tail" if after_comma(w.span) => Some(w.span.start),
            // The reported speaker stands between the mark and the verb.
            "report" => text.get(span.start..w.span.start).and_then(|b| {
                b.rfind([',', '"', '“', '”', '’', '\''])
                    .map(|i| span.start + i)
            }),
            _ => None,
        };
        let Some(start) = start.filter(|&s| s > span.start) else {
            continue;
        };
        let resume = words
            .iter()
            .filter(|r| r.span.start > w.span.end)
            .find(|r| r.label == "resume" || (r.label == "comma-resume" && after_comma(r.span)))
            .map(|r| r.span.start);
        let semicolon = text
            .get(w.span.end..span.end)
            .and_then(|t| t.find(';'))
            .map(|i| w.span.end + i);
        let end = [resume, semicolon]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(span.end);
        out.push(Span::new(start, end.max(start)));
    }
    out
}
