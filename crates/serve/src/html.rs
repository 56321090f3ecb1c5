//! The HTML pages, one function per view-model. maud escapes every value it
//! writes, in text and in attributes; links are built only from our own
//! paths with percent-encoded ids, and a document's own URL is linked only
//! when it is http(s). No page needs JavaScript.

use crate::error::ApiError;
use crate::links::{doc_href, encode_segment, href, human_number};
use crate::model::{DocumentPage, HomePage, PairPage, RecordPage, SearchPage, MAX_LIMIT};
use crate::svg;
use accord_store::views::{ConflictRow, Listing, SentenceRow, SpanRow};
use maud::{html, Markup, DOCTYPE};
use serde_json::Value;

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · accord" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.site {
                    a.brand href="/" { "accord" }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" placeholder="Search sentences (diacritics ignored)" aria-label="Search sentences";
                        button type="submit" { "Search" }
                    }
                }
                main { (body) }
                footer.site { "accord · every fact links to the sentence it came from · " a href="/openapi.json" { "JSON API" } }
            }
        }
    }
}

fn json_link(path: &str) -> Markup {
    html! { a.json href=(path) { "JSON" } }
}

fn more_link<T>(listing: &Listing<T>, limit: usize) -> Markup {
    let shown = listing.items.len() as u64;
    html! {
        @if listing.total > shown {
            p.more {
                "Showing " (shown) " of " (listing.total) ". "
                @if limit < MAX_LIMIT {
                    a href=(format!("?limit={}", (limit * 4).min(MAX_LIMIT))) { "Show more" }
                }
            }
        }
    }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

pub fn home(page: &HomePage) -> Markup {
    layout(
        "Relations between countries",
        html! {
            h1 { "Relations between countries" }
            p { (page.documents) (if page.documents == 1 { " document" } else { " documents" }) " in the knowledge base. " (json_link("/index.json")) }
            @if page.merge_pending {
                p.notice { "Documents were added after the last merge: run " code { "accord ingest" } " again to bring the merged records up to date." }
            }
            form.search-big action="/search" method="get" role="search" {
                label for="q" { "Search every sentence" }
                input #q type="search" name="q" placeholder="ha noi, visa, Лукашенко…";
                button type="submit" { "Search" }
            }
            h2 { "Country pairs" }
            @if page.pairs.is_empty() {
                p { "No pairs yet: ingest some articles with " code { "accord ingest PATH --db FILE" } "." }
            } @else {
                div.scroll { table.pairs {
                    thead { tr { th { "Pair" } th.num { "Events" } th.num { "Agreements" } th.num { "Figures" } th.num { "Commitments" } th { "Latest event" } } }
                    tbody {
                        @for p in &page.pairs {
                            tr {
                                td { a href=(format!("/pairs/{}-{}", encode_segment(&p.a.code), encode_segment(&p.b.code))) { (p.a.name) " – " (p.b.name) } }
                                td.num { (p.events) } td.num { (p.agreements) } td.num { (p.figures) } td.num { (p.commitments) }
                                td { (opt(&p.latest)) }
                            }
                        }
                    }
                } }
            }
        },
    )
}

pub fn pair(page: &PairPage) -> Markup {
    let title = format!("{} – {}", page.a.name, page.b.name);
    let slug = page.slug();
    let charts = svg::figures(&page.figures.items);
    layout(
        &title,
        html! {
            h1 { (title) }
            nav.toc {
                a href="#timeline" { "Timeline" } a href="#agreements" { "Agreements" } a href="#figures" { "Figures" }
                a href="#commitments" { "Commitments" } a href="#conflicts" { "Conflicts" }
                (json_link(&format!("/pairs/{}.json", encode_segment(&slug))))
            }
            section #timeline {
                h2 { "Timeline " span.count { "(" (page.timeline.total) ")" } }
                @if let Some(chart) = svg::timeline(&page.timeline.items) {
                    figure { (chart) figcaption { "Each mark is an event; open it for its sources. Lanes by type; undated events are only in the list." } }
                }
                @if page.timeline.items.is_empty() { p.empty { "No events of this pair." } }
                ol.timeline {
                    @for e in &page.timeline.items {
                        li {
                            span.date { (opt(&e.date)) }
                            " "
                            a.event-link href=(href("events", &e.id)) {
                                span class=(format!("type type-{}", e.kind)) { (e.kind) }
                                @if let Some(d) = &e.detail { " " (d.replace('_', " ")) }
                            }
                            @if !e.participants.is_empty() { span.who { " — " (e.participants.join(", ")) } }
                            @if let Some(p) = &e.place { span.where { " in " (p) } }
                            span.sources { " · " (e.sources) @if e.sources == 1 { " source" } @else { " sources" } }
                            @if let Some(q) = &e.quote { blockquote { (q) } }
                        }
                    }
                }
                (more_link(&page.timeline, page.limit))
            }
            section #agreements {
                h2 { "Agreements " span.count { "(" (page.agreements.total) ")" } }
                @if page.agreements.items.is_empty() { p.empty { "No agreements of this pair." } } @else {
                    div.scroll { table {
                        thead { tr { th { "Title" } th { "Kind" } th { "Topics" } th { "Signed" } th { "In force" } th { "Status" } th.num { "Sources" } } }
                        tbody { @for a in &page.agreements.items { tr {
                            td { a href=(href("agreements", &a.id)) { (a.title) } }
                            td { (a.kind.replace('_', " ")) } td { (a.topics.join(", ")) }
                            td { (opt(&a.signed)) } td { (opt(&a.in_force)) } td { (opt(&a.status).replace('_', " ")) }
                            td.num { (a.sources) }
                        } } }
                    } }
                }
                (more_link(&page.agreements, page.limit))
            }
            section #figures {
                h2 { "Figures " span.count { "(" (page.figures.total) ")" } }
                @if !charts.is_empty() {
                    p.legend { span.key.key-actual { "● actual" } " " span.key.key-target { "■ target" } " " span.key.key-estimate { "● estimate" } }
                }
                @for (name, chart) in &charts { figure { (chart) figcaption { (name) } } }
                @if page.figures.items.is_empty() { p.empty { "No figures of this pair." } } @else {
                    div.scroll { table {
                        thead { tr { th { "Indicator" } th { "Period" } th.num { "Value" } th { "Unit" } th { "Status" } th.num { "Sources" } } }
                        tbody { @for f in &page.figures.items { tr {
                            td { a href=(href("figures", &f.id)) { (f.indicator.replace('_', " ")) } }
                            td { (opt(&f.period)) } td.num { (human_number(f.value)) } td { (opt(&f.unit)) } td { (f.status) }
                            td.num { (f.sources) }
                        } } }
                    } }
                }
                (more_link(&page.figures, page.limit))
            }
            section #commitments {
                h2 { "Commitments " span.count { "(" (page.commitments_total) ")" } }
                @if page.commitments_by_area.is_empty() { p.empty { "No commitments of this pair." } }
                @for g in &page.commitments_by_area {
                    h3 { (g.area.replace('_', " ")) }
                    ul.commitments { @for c in &g.commitments { li {
                        (c.text) " "
                        span.modality { "(" (c.modality) ")" } " "
                        a href=(href("commitments", &c.id)) { (c.sources) @if c.sources == 1 { " source" } @else { " sources" } }
                    } } }
                }
                @if page.commitments_total > page.limit as u64 {
                    p.more { "Showing " (page.limit) " of " (page.commitments_total) ". "
                        @if page.limit < MAX_LIMIT { a href=(format!("?limit={}", (page.limit * 4).min(MAX_LIMIT))) { "Show more" } } }
                }
            }
            section #conflicts {
                h2 { "Conflicts between sources " span.count { "(" (page.conflicts.total) ")" } }
                @if page.conflicts.items.is_empty() { p.empty { "The sources of this pair agree." } } @else {
                    (conflict_table(&page.conflicts.items))
                }
                (more_link(&page.conflicts, page.limit))
            }
        },
    )
}

fn conflict_table(rows: &[ConflictRow]) -> Markup {
    html! {
        div.scroll { table.conflicts {
            thead { tr { th { "Record" } th { "Field" } th { "Values (documents)" } } }
            tbody { @for c in rows { tr {
                td { a href=(href(&c.kind, &c.record)) { (c.record) } }
                td { (c.field) }
                td { ul.values { @for v in c.values.as_array().map(Vec::as_slice).unwrap_or(&[]) { li {
                    (value_text(v.get("value").unwrap_or(&Value::Null)))
                    @if let Some(docs) = v.get("docs").and_then(Value::as_array) {
                        " — " @for (i, d) in docs.iter().filter_map(Value::as_str).enumerate() {
                            @if i > 0 { ", " } a href=(doc_href(d, None)) { (d) }
                        }
                    }
                } } } }
            } } }
        } }
    }
}

/// A JSON value as plain text: lists joined with commas.
fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "—".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map(human_number).unwrap_or_else(|| n.to_string()),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn record_title(page: &RecordPage) -> String {
    let r = &page.view.record;
    let s = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
    let title = match page.view.kind.as_str() {
        "entities" => s("name"),
        "events" => Some(
            [s("type").or(s("kind")), s("kind").filter(|_| r.get("type").is_some()), s("what"), s("date")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        "agreements" => s("title"),
        "figures" => Some(format!("{} {}", s("indicator").unwrap_or_default().replace('_', " "), s("period").unwrap_or_default())),
        _ => s("text"),
    };
    title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| page.view.id.clone())
}

/// Fields shown as the record's facts; its evidence is shown as sources.
const HIDDEN_FIELDS: &[&str] = &["evidence", "mentions"];

pub fn record(page: &RecordPage) -> Markup {
    let v = &page.view;
    let kind = v.kind.as_str();
    let title = record_title(page);
    let json_path = format!("{}.json", href(kind, &v.id));
    layout(
        &title,
        html! {
            p.kind { (v.kind.singular()) }
            h1 { (title) }
            p { code { (v.id) } " " (json_link(&json_path)) }
            @if let Some(fields) = v.record.as_object() {
                dl.fields {
                    @for (k, value) in fields {
                        @if !HIDDEN_FIELDS.contains(&k.as_str()) && !value.is_null() {
                            dt { (k.replace('_', " ")) } dd { (value_text(value)) }
                        }
                    }
                }
            }
            h2 { "Sources " span.count { "(" (v.sources.total) ")" } }
            ol.sources #sources {
                @for s in &v.sources.items { li {
                    a.doc-link href=(doc_href(&s.doc, s.sentence_start)) { (s.title.as_deref().unwrap_or(&s.doc)) }
                    @if let Some(p) = &s.published { " · " span.date { (p) } }
                    blockquote.evidence { (evidence_in_sentence(s.sentence.as_deref(), s.sentence_start, s.byte_start, s.byte_end, &s.quote)) }
                } }
            }
            (more_link(&v.sources, page.limit))
            @if !v.conflicts.is_empty() {
                h2 { "Where sources disagree" }
                (conflict_table(&v.conflicts))
            }
        },
    )
}

/// The sentence with the evidence marked, when offsets agree; else the quote.
fn evidence_in_sentence(sentence: Option<&str>, sentence_start: Option<i64>, start: i64, end: i64, quote: &str) -> Markup {
    if let (Some(text), Some(base)) = (sentence, sentence_start) {
        let a = (start - base).max(0) as usize;
        let b = ((end - base).max(0) as usize).min(text.len());
        if start >= base && a < b && text.is_char_boundary(a) && text.is_char_boundary(b) {
            return html! { (&text[..a]) mark { (&text[a..b]) } (&text[b..]) };
        }
    }
    html! { (quote) }
}

pub fn document(page: &DocumentPage) -> Markup {
    let d = &page.view;
    let title = d.title.clone().unwrap_or_else(|| d.id.clone());
    let safe_url = d.url.as_deref().filter(|u| {
        let l = u.trim_start().to_ascii_lowercase();
        l.starts_with("https://") || l.starts_with("http://")
    });
    layout(
        &title,
        html! {
            p.kind { "document" }
            h1 { (title) }
            dl.fields.meta {
                dt { "id" } dd { code { (d.id) } " " (json_link(&format!("{}.json", href("documents", &d.id)))) }
                @if let Some(p) = &d.published { dt { "published" } dd { (p) } }
                @if let Some(s) = &d.source { dt { "source" } dd { (s) } }
                @if let Some(s) = &d.dateline { dt { "dateline" } dd { (s) } }
                @if let Some(s) = &d.lang { dt { "language" } dd { (s) } }
                @if let Some(u) = &d.url { dt { "url" } dd {
                    @if let Some(u) = safe_url { a href=(u) rel="noopener noreferrer nofollow" { (u) } } @else { (u) }
                } }
            }
            p.legend {
                "Highlighted: " span.s.ev { "sentences that are evidence of a record" } " (its records are linked after it) and "
                a.m href="#" { "mentions of entities" } "."
            }
            article.document { (document_body(&d.sentences, &d.spans)) }
        },
    )
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
                    span id=(format!("b-{}", s.byte_start)) class=(if records.is_empty() { "s" } else { "s ev" }) {
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

pub fn search(page: &SearchPage) -> Markup {
    let title = if page.query.is_empty() { "Search".to_string() } else { format!("Search: {}", page.query) };
    layout(
        &title,
        html! {
            h1 { "Search sentences" }
            form.search-big action="/search" method="get" role="search" {
                label for="q" { "Words, as a phrase (diacritics and case ignored: ha noi finds Hà Nội and Hanoi); quote parts to find them apart: \"ha noi\" visa" }
                input #q type="search" name="q" value=(page.query);
                button type="submit" { "Search" }
            }
            @if !page.query.is_empty() {
                p { (page.hits.len()) @if page.hits.len() == page.limit { "+" } " sentences. "
                    (json_link(&format!("/search.json?q={}", encode_segment(&page.query)))) }
                @if !page.entities.is_empty() {
                    p.named { "Known by this name: "
                        @for (i, e) in page.entities.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href=(href("entities", &e.id)) { bdi { (e.name) } } " (" (e.kind) ")"
                        } }
                }
                ol.hits { @for h in &page.hits { li {
                    a.doc-link href=(doc_href(&h.doc, Some(h.byte_start))) { (h.doc) }
                    @if let Some(p) = &h.published { " · " span.date { (p) } }
                    blockquote { @for (hit, piece) in crate::highlight::pieces(&h.sentence, &page.phrases) {
                        @if hit { mark { (piece) } } @else { (piece) }
                    } }
                } } }
            }
        },
    )
}

pub fn error_page(e: &ApiError) -> Markup {
    let reason = e.status.canonical_reason().unwrap_or("Error");
    layout(
        reason,
        html! {
            h1 { (e.status.as_u16()) " " (reason) }
            p.error-message { (e.message) }
            p { a href="/" { "Back to the country pairs" } }
        },
    )
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
