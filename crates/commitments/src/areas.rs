//! The areas of a commitment, read from its committed action rather than
//! from every area word of the sentence (`data/<lang>/commitments/action.tsv`):
//!
//! - a side remark or subordinate tail ("…, which took effect", "at a time
//!   when …", "…, the minister said") names no area of the commitment, up to
//!   the point where the action resumes ("as well as", ", and"); the examples
//!   of a challenge ("security challenges, including epidemics, …, and food
//!   security") run to the end of their list;
//! - a word inside the name of an organisation, place, body or office
//!   ("Eurasian *Economic* Union", "committee on *trade* cooperation",
//!   "minister of *defence*") names that body, not a field; in the action,
//!   the name of an international body still tells `multilateral`;
//! - a noun linked to the field it is about ("research *in* agriculture",
//!   "visits *for* cultural events") gives way to the field;
//! - a weak word ("ties", "consultations", "hi-tech") counts only when
//!   nothing more specific is named, or when a focus follows it ("ties,
//!   particularly in trade"); a set phrase ("within the framework of") names
//!   nothing;
//! - a phrase may tell a second area beside its words ("industrial park":
//!   industry and investment).
//!
//! An action naming nothing takes the areas of its sentence, then those only
//! the names of bodies in the action tell; a sentence naming nothing is about
//! the relationship itself (`partnership`).

use crate::folded_offset;
use crate::lexicon::PerLang;
use crate::name_words::NameWords;
use accord_doc::facts::EntityType;
use accord_doc::Span;
use accord_recognize::{reach, Analysis};
use std::sync::LazyLock;

static AREA_CUES: LazyLock<accord_lexicon::PerLang> =
    LazyLock::new(|| accord_lexicon::PerLang::load("areas.tsv", accord_lexicon::AREA_LABELS));
static ACTION: LazyLock<PerLang> = LazyLock::new(|| PerLang::load("commitments/action.tsv", ACTION_LABELS));

/// The labels of `action.tsv`: the words' roles, and areas a word names
/// alone or besides the one its sentence names.
pub(crate) const ACTION_LABELS: accord_lexicon::Labels = accord_lexicon::Labels::Check(
    |l| {
        matches!(
            l,
            "tail" | "examples" | "comma-tail" | "report" | "resume" | "comma-resume" | "link" | "none" | "focus" | "body" | "title-head"
        ) || l.strip_prefix("alone:").or_else(|| l.strip_prefix("also:")).is_some_and(|a| known_area(a).is_some())
    },
    "a role (tail, examples, link, ...; see areas.rs) or alone:AREA / also:AREA",
);

/// The area facts.md gives to the framework of the relationship itself: the
/// most general one, so it yields to any other.
const GENERAL: &str = "partnership";
/// The area of international bodies, which their names still tell.
const MULTILATERAL: &str = "multilateral";

/// A word of `action.tsv` found, as a span of the input.
struct Word<'l> {
    label: &'l str,
    span: Span,
}

/// The areas of the committed `action` of `sentence`, in order of mention.
pub(crate) fn areas_of(a: &Analysis, action: Span, sentence: Span) -> Vec<String> {
    let in_action = named(a, action, true);
    let mut areas = in_action.areas;
    if areas.is_empty() {
        areas = named(a, sentence, false).areas;
    }
    if areas.is_empty() {
        // Only the name of a body tells the field: "the office of the
        // trade agency".
        areas = in_action.in_names;
    }
    if areas.is_empty() {
        areas.push(GENERAL);
    }
    areas.into_iter().map(str::to_string).collect()
}

/// The areas a span names, and those only the names of bodies in it name.
struct Named {
    areas: Vec<&'static str>,
    in_names: Vec<&'static str>,
}

/// The areas named in `span`; with `tails`, not those of its side remarks.
fn named(a: &Analysis, span: Span, tails: bool) -> Named {
    let text = a.doc.text.as_str();
    let folded = &a.folded;
    let words: Vec<Word> = ACTION.get(a.lang()).map_or_else(Vec::new, |lexicon| {
        let range = folded_offset(folded, span.start)..folded_offset(folded, span.end);
        lexicon
            .find(folded, range, text)
            .into_iter()
            .map(|h| Word { label: h.label, span: folded.span_to_original(h.start, h.end) })
            .collect()
    });
    let skipped = if tails { side_remarks(text, span, &words) } else { Vec::new() };
    let outside = |s: Span| !skipped.iter().any(|k| k.contains(s));
    let weak: Vec<&Word> = words.iter().filter(|w| (w.label.starts_with("alone:") || w.label == "none") && outside(w.span)).collect();
    let all_hits: Vec<(Span, &'static str)> = AREA_CUES
        .get(a.lang())
        .find_marked(&a.folded_within(span), text)
        .into_iter()
        .map(|h| (Span::new(h.start, h.end), h.label))
        .filter(|(s, _)| outside(*s) && !weak.iter().any(|w| w.span.contains(*s)))
        .collect();
    let mut names: Vec<Span> = Analysis::inside(&a.entities.mentions, span)
        .filter(|m| a.entities.records.get(m.value).is_some_and(|r| matches!(r.kind, EntityType::Organization | EntityType::Place)))
        .map(|m| m.span)
        .collect();
    let name_words = crate::name_words::of(a.lang());
    names.extend(body_names(text, &words, &all_hits, name_words));
    names.extend(titled_names(text, span, &words, name_words));
    // In the action, the name of an international body still tells a
    // multilateral field ("coordinate within ASEAN").
    let in_name = |(s, label): &(Span, &str)| !(tails && *label == MULTILATERAL) && names.iter().any(|n| n.contains(*s));
    let in_names: Vec<&'static str> = all_hits.iter().filter(|h| in_name(h)).fold(Vec::new(), |mut v, (_, label)| {
        if !v.contains(label) {
            v.push(label);
        }
        v
    });
    let hits: Vec<(Span, &'static str)> = all_hits.into_iter().filter(|h| !in_name(h)).collect();
    let links: Vec<Span> = words.iter().filter(|w| w.label == "link").map(|w| w.span).collect();
    let mut out: Vec<&'static str> = Vec::new();
    for (i, (s, label)) in hits.iter().enumerate() {
        let about_next = hits.get(i + 1).is_some_and(|(next, _)| linked(text, *s, *next, &links));
        if !about_next && !out.contains(label) {
            out.push(label);
        }
    }
    if out.len() > 1 {
        out.retain(|l| *l != GENERAL);
    }
    // A phrase telling a second area beside its words ("industrial park":
    // industry and investment); the general area too ("cooperation
    // framework").
    for area in words.iter().filter(|w| outside(w.span)).filter_map(|w| w.label.strip_prefix("also:").and_then(known_area)) {
        if !out.contains(&area) {
            out.push(area);
        }
    }
    add_weak(text, &words, &weak, &mut out);
    Named { areas: out, in_names }
}

/// The areas of the `weak` words: the first alone when `out` is empty, and
/// each a focus follows ("ties, particularly in trade") beside the focus.
fn add_weak(text: &str, words: &[Word], weak: &[&Word], out: &mut Vec<&'static str>) {
    let focus: Vec<Span> = words.iter().filter(|w| w.label == "focus").map(|w| w.span).collect();
    let focused = |w: &Word| {
        focus.iter().any(|f| {
            f.start >= w.span.end
                && text.get(w.span.end..f.start).is_some_and(|g| g.trim_matches(|c: char| c.is_whitespace() || c == ',').is_empty())
        })
    };
    for w in weak {
        let Some(area) = w.label.strip_prefix("alone:").and_then(known_area) else {
            continue;
        };
        if (out.is_empty() || focused(w)) && !out.contains(&area) {
            out.push(area);
        }
    }
}

/// The capitalised names a head word closes ("the Belt and Road
/// *Initiative*"): the capitalised words before it, with the small words
/// joining them ("and", "of", "for", "the": `title-joiner` of `names.tsv`).
fn titled_names(text: &str, span: Span, words: &[Word], name_words: &NameWords) -> Vec<Span> {
    let capital = |w: &str| w.chars().next().is_some_and(accord_lang::is_uppercase);
    let mut out = Vec::new();
    for w in words.iter().filter(|w| w.label == "title-head") {
        if !text.get(w.span.start..w.span.end).is_some_and(capital) {
            continue;
        }
        let before = text.get(span.start..w.span.start).unwrap_or("");
        let mut start = w.span.start;
        let mut joiner = None;
        for (at, token) in before
            .match_indices(|c: char| !c.is_whitespace())
            .map(|(i, _)| i)
            .filter(|&i| i == 0 || before[..i].ends_with(char::is_whitespace))
            .map(|i| (i, before[i..].split_whitespace().next().unwrap_or("")))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            if capital(token) && token.chars().all(|c| accord_lang::is_alphanumeric(c) || c == '-') {
                start = span.start + at;
                joiner = None;
            } else if joiner.is_none() && name_words.title_joiners.contains(&token) {
                joiner = Some(at);
            } else {
                break;
            }
        }
        if start < w.span.start {
            out.push(Span::new(start, w.span.end));
        }
    }
    out
}

/// The names of bodies and offices an action word opens ("committee on",
/// "minister of"): the area words that follow, joined by commas and "and"
/// (`body-joiner` of `names.tsv`), and a closing "cooperation" (`body-close`)
/// within [`reach::BODY_TAIL`] words.
fn body_names(text: &str, words: &[Word], hits: &[(Span, &str)], name_words: &NameWords) -> Vec<Span> {
    let joiners =
        |gap: &str| gap.split(|c: char| c.is_whitespace() || c == ',').all(|w| w.is_empty() || name_words.body_joiners.contains(&w));
    let mut out = Vec::new();
    for w in words.iter().filter(|w| w.label == "body") {
        let mut end = w.span.end;
        for (s, _) in hits.iter().filter(|(s, _)| s.start >= w.span.end) {
            let gap = text.get(end..s.start).unwrap_or("");
            let first = end == w.span.end;
            if (first && gap.trim().is_empty()) || (!first && joiners(gap)) {
                end = s.end;
            } else {
                break;
            }
        }
        if end == w.span.end {
            continue;
        }
        let rest = text.get(end..).unwrap_or("");
        let mut pos = 0;
        for _ in 0..reach::BODY_TAIL.0 {
            let here = &rest[pos..];
            let start = here.len() - here.trim_start().len();
            let len = here[start..].find(char::is_whitespace).unwrap_or(here.len() - start);
            pos += start + len;
            let word = here[start..start + len].trim_matches(|c: char| !accord_lang::is_alphanumeric(c));
            if name_words.body_close.iter().any(|close| word.eq_ignore_ascii_case(close)) {
                end += pos;
                break;
            }
        }
        out.push(Span::new(w.span.start, end));
    }
    out
}

/// The area name of the list as a static string ("politics").
pub(crate) fn known_area(name: &str) -> Option<&'static str> {
    // "other" is what no phrase names.
    accord_lexicon::AREA_LIST.iter().copied().find(|a| *a == name && *a != "other")
}

/// Whether the area word at `noun` is linked to the field at `field` by a
/// link word in a short plain gap: "research and application in
/// agriculture", "visits for cultural events", "training of military staff".
fn linked(text: &str, noun: Span, field: Span, links: &[Span]) -> bool {
    let Some(link) = links.iter().find(|l| l.start >= noun.end && l.end <= field.start) else {
        return false;
    };
    let before = text.get(noun.end..link.start).unwrap_or("");
    let after = text.get(link.end..field.start).unwrap_or("");
    let plain = before.split_whitespace().all(|w| w.chars().all(accord_lang::is_alphanumeric));
    plain && before.split_whitespace().count() <= reach::LINK_BEFORE.0 && after.split_whitespace().count() <= reach::LINK_AFTER.0
}

/// The side remarks of the action `span`: from each tail word to the next
/// resume word, semicolon or the end.
fn side_remarks(text: &str, span: Span, words: &[Word]) -> Vec<Span> {
    let after_comma = |s: Span| text.get(span.start..s.start).is_some_and(|b| b.trim_end().ends_with(','));
    let mut out = Vec::new();
    for w in words {
        let start = match w.label {
            "tail" | "examples" => Some(w.span.start),
            "comma-tail" if after_comma(w.span) => Some(w.span.start),
            // The reported speaker stands between the mark and the verb.
            "report" => text.get(span.start..w.span.start).and_then(|b| b.rfind([',', '"', '“', '”', '’', '\'']).map(|i| span.start + i)),
            _ => None,
        };
        let Some(start) = start.filter(|&s| s > span.start) else {
            continue;
        };
        let resume = words
            .iter()
            .filter(|r| r.span.start > w.span.end)
            // A list of examples ends with its own ", and".
            .find(|r| r.label == "resume" || (r.label == "comma-resume" && after_comma(r.span) && w.label != "examples"))
            .map(|r| r.span.start);
        let semicolon = text.get(w.span.end..span.end).and_then(|t| t.find(';')).map(|i| w.span.end + i);
        let end = [resume, semicolon].into_iter().flatten().min().unwrap_or(span.end);
        out.push(Span::new(start, end.max(start)));
    }
    out
}
