//! A document page: its headline, outlet, address and date, and its text
//! with every extracted span marked and linked to its record.

use super::{json_link, layout};
use crate::fmt::human_date;
use crate::links::href;
use crate::model::DocumentPage;
use accord_store::views::{EntityLink, SentenceRow, SpanRow};
use maud::{html, Markup};

/// The sentence with the evidence marked, when offsets agree; else the quote.
pub(crate) fn evidence_in_sentence(sentence: Option<&str>, sentence_start: Option<i64>, start: i64, end: i64, quote: &str) -> Markup {
    if let (Some(text), Some(base)) = (sentence, sentence_start) {
        let a = (start - base).max(0) as usize;
        let b = ((end - base).max(0) as usize).min(text.len());
        if start >= base && a < b && text.is_char_boundary(a) && text.is_char_boundary(b) {
            return html! { bdi { (&text[..a]) mark { (&text[a..b]) } (&text[b..]) } };
        }
    }
    html! { bdi { (quote) } }
}

pub fn document(page: &DocumentPage) -> Markup {
    let d = &page.view;
    let safe_url = d.url.as_deref().filter(|u| {
        let l = u.trim_start().to_ascii_lowercase();
        l.starts_with("https://") || l.starts_with("http://")
    });
    let lang = d.lang.as_deref().filter(|l| *l != "en");
    layout(
        &d.heading.headline,
        html! {
            p.kind { "document" }
            h1.headline lang=[lang] { bdi { (d.heading.headline) } }
            @if d.heading.headline_from_text { p.note { "No headline was given with this document: its first sentence stands in for one." } }
            dl.fields.meta {
                dt { "Outlet" } dd.outlet { (outlet(&d.heading.outlet, &d.source)) }
                dt { "Address" } dd.address {
                    @if let Some(u) = safe_url { a href=(u) rel="noopener noreferrer nofollow" { (u) } }
                    @else if let Some(u) = &d.url { bdi { (u) } " (not a web address)" }
                    @else { span.empty { "not given (ingest JSON Lines with a url, or HTML with its canonical link, to keep it)" } }
                }
                @if let Some(p) = &d.published { dt { "Published" } dd { (human_date(p)) } }
                @if let Some(s) = &d.dateline { dt { "Dateline" } dd { bdi { (s) } } }
                @if let Some(s) = &d.lang { dt { "Language" } dd { (language_name(s)) } }
                dt { "Id" } dd { code { (d.id) } " " (json_link(&format!("{}.json", href("documents", &d.id)))) }
            }
            p.legend {
                "Highlighted: " span.s.ev { "sentences that are evidence of a record" } " (its records are linked after it) and "
                a.m href="#" { "mentions of entities" } "."
            }
            article.document lang=[d.lang.as_deref()] { (document_body(&d.sentences, &d.spans)) }
        },
    )
}

/// A language code in English.
pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "vi" => "Vietnamese",
        "ru" => "Russian",
        other => other,
    }
}

/// The stored sentences, paragraphs restored where the gap between two
/// sentences is wider than one space (a line break in the input), each
/// sentence an anchor (`#b-OFFSET`) with its mentions and evidence marked.
fn document_body(sentences: &[SentenceRow], spans: &[SpanRow]) -> Markup {
    let mut paragraphs: Vec<Vec<&SentenceRow>> = Vec::new();
    let mut last_end: Option<i64> = None;
    for s in sentences {
        match (last_end, paragraphs.last_mut()) {
            (Some(end), Some(p)) if s.byte_start - end <= 1 => p.push(s),
            _ => paragraphs.push(vec![s]),
        }
        last_end = Some(s.byte_end);
    }
    let holds = |s: &SentenceRow, at: i64| s.byte_start <= at && at < s.byte_end;
    html! {
        @for p in &paragraphs {
            p {
                @for (i, s) in p.iter().enumerate() {
                    @if i > 0 { " " }
                    @let records: Vec<&SpanRow> = spans.iter().filter(|x| x.kind != "mention" && holds(s, x.byte_start)).collect();
                    @let inline: Vec<&SpanRow> = spans.iter()
                        .filter(|x| holds(s, x.byte_start) && x.byte_end <= s.byte_end
                            && (x.kind == "mention" || x.byte_start > s.byte_start || x.byte_end < s.byte_end))
                        .collect();
                    bdi id=(format!("b-{}", s.byte_start)) class=(if records.is_empty() { "s" } else { "s ev" }) {
                        (annotated(&s.text, s.byte_start, &inline))
                    }
                    @for (kind, id, label) in distinct_records(&records) {
                        " " a class=(format!("tag tag-{kind}")) href=(href(kind, id)) { (label.replace('_', " ")) }
                    }
                }
            }
        }
    }
}

/// Each record once (a record may cite a sentence more than once), in order.
fn distinct_records<'a>(spans: &[&'a SpanRow]) -> Vec<(&'a str, &'a str, &'a str)> {
    let mut out: Vec<(&str, &str, &str)> = Vec::new();
    for s in spans {
        if let Some(id) = &s.record {
            if !out.iter().any(|(k, i, _)| *k == s.kind && *i == id) {
                out.push((&s.kind, id, &s.label));
            }
        }
    }
    out
}

/// A sentence with the given spans marked (those that overlap an earlier
/// one, or whose offsets do not fall on the text, are left out).
fn annotated(text: &str, base: i64, spans: &[&SpanRow]) -> Markup {
    let mut pieces: Vec<(&str, Option<&SpanRow>)> = Vec::new();
    let mut pos = 0usize;
    for s in spans {
        if s.byte_start < base {
            continue;
        }
        let (a, b) = ((s.byte_start - base) as usize, (s.byte_end - base) as usize);
        if a < pos || b <= a || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        pieces.push((&text[pos..a], None));
        pieces.push((&text[a..b], Some(s)));
        pos = b;
    }
    pieces.push((&text[pos..], None));
    html! {
        @for (t, span) in pieces {
            @match span {
                None => (t),
                Some(s) => {
                    @if let Some(id) = &s.record {
                        @let kind = if s.kind == "mention" { "entities" } else { s.kind.as_str() };
                        a class=(if s.kind == "mention" { "m".to_string() } else { format!("m m-{}", s.kind) }) href=(href(kind, id)) title=(s.label) { (t) }
                    } @else {
                        mark.m title=(s.label) { (t) }
                    }
                }
            }
        }
    }
}

/// A document's outlet, linked to its entity when the knowledge base has
/// one, with the name the document gives when that differs.
pub(super) fn outlet(known: &Option<EntityLink>, given: &Option<String>) -> Markup {
    html! {
        @match (known, given) {
            (Some(EntityLink { id: Some(id), name, .. }), Some(s)) => { a href=(href("entities", id)) { bdi { (name) } } @if name != s { " (" bdi { (s) } ")" } }
            (_, Some(s)) => { bdi { (s) } }
            _ => { span.empty { "not given" } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_off_the_text_are_left_out_and_the_rest_marked() {
        let span = |s, e| SpanRow { kind: "mention".into(), record: None, label: "x".into(), byte_start: s, byte_end: e };
        let (a, b, c) = (span(10, 13), span(11, 12), span(18, 40));
        let out = annotated("Hà Nội <b>", 10, &[&a, &b, &c]).into_string();
        assert_eq!(out, "<mark class=\"m\" title=\"x\">Hà</mark> Nội &lt;b&gt;");
    }
}
