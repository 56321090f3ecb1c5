//! A record's page: what it says as labelled facts (dates in words,
//! countries named and linked), what it is linked to (participants, pair,
//! the entities its sentences name, an entity's records, an event's
//! agreements), and the sentences it came from.

use super::document::{evidence_in_sentence, outlet};
use super::{conflict_table, json_link, layout, more_link, value_text};
use crate::fmt::{country_link, country_links, human_date, label, words};
use crate::links::{doc_href, encode_segment, href, human_number};
use crate::model::RecordPage;
use crate::tables::TableRow;
use accord_store::views::{EntityLink, Listing, Related, ENTITY_DOCUMENTS};
use maud::{html, Markup};
use serde_json::Value;

/// How a field's value is shown.
#[derive(Clone, Copy)]
enum Show {
    Text,
    Words,
    Date,
    Country,
    List,
}

/// The facts of each kind, in the order they are read: field, label, how shown.
const FACTS: &[(&str, &str, Show)] = &[
    ("type", "Type", Show::Words),
    ("kind", "Kind", Show::Words),
    ("what", "What", Show::Words),
    ("by", "Decided by", Show::Country),
    ("date", "Date", Show::Date),
    ("host", "Host", Show::Country),
    ("place", "Place", Show::Text),
    ("title", "Title", Show::Text),
    ("topics", "Topics", Show::List),
    ("signed", "Signed", Show::Date),
    ("in_force", "In force", Show::Date),
    ("status", "Status", Show::Words),
    ("indicator", "Indicator", Show::Words),
    ("period", "Period", Show::Date),
    ("modality", "Modality", Show::Text),
    ("areas", "Areas", Show::List),
    ("text", "Commitment", Show::Text),
    ("aliases", "Also known as", Show::List),
    ("code", "Country page", Show::Country),
    ("country", "Country", Show::Country),
];

/// Fields shown elsewhere on the page (the heading, the links, the sources).
const SHOWN_ELSEWHERE: &[&str] = &["evidence", "mentions", "participants", "parties", "name", "value", "unit"];

fn record_title(page: &RecordPage) -> String {
    let r = &page.view.record;
    let s = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
    let title = match page.view.kind.as_str() {
        "entities" => s("name"),
        "events" => {
            let what = match (s("type").as_deref(), s("kind"), s("what")) {
                (Some("visit"), Some(k), _) => format!("{} visit", label(&k)),
                (_, _, Some(w)) => label(&w),
                (t, _, _) => label(t.unwrap_or("event")),
            };
            let who: Vec<&str> = page.view.related.participants.iter().map(|p| p.name.as_str()).collect();
            let mut t = what;
            if !who.is_empty() {
                t = format!("{t}: {}", who.join(", "));
            }
            Some(match s("date") {
                Some(d) => format!("{t}, {}", human_date(&d)),
                None => t,
            })
        }
        "agreements" => s("title"),
        "figures" => {
            Some(format!("{} {}", label(&s("indicator").unwrap_or_default()), s("period").map(|p| human_date(&p)).unwrap_or_default()))
        }
        _ => s("text"),
    };
    title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| page.view.id.clone())
}

fn fact(value: &Value, show: Show) -> Markup {
    let text = |v: &Value| v.as_str().map(str::to_string).unwrap_or_else(|| value_text(v));
    html! {
        @match show {
            Show::Text => bdi { (text(value)) },
            Show::Words => (label(&text(value))),
            Show::Date => (human_date(&text(value))),
            Show::Country => (country_link(&text(value))),
            Show::List => @for (i, v) in value.as_array().map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
                @if i > 0 { ", " } bdi { (words(&text(v))) }
            },
        }
    }
}

/// The record's facts as labelled fields; fields this page does not know
/// are shown too, labelled from their names.
fn facts(record: &Value) -> Markup {
    let Some(fields) = record.as_object() else { return html! {} };
    let shown = |v: &Value| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()) && v.as_str().is_none_or(|s| !s.is_empty());
    html! {
        dl.fields {
            @if let Some(value) = fields.get("value").and_then(Value::as_f64) {
                dt { "Value" } dd.value { (human_number(value)) @if let Some(u) = fields.get("unit").and_then(Value::as_str) { " " (u) } }
            }
            @for (field, name, show) in FACTS {
                @if let Some(v) = fields.get(*field).filter(|v| shown(v)) { dt { (name) } dd { (fact(v, *show)) } }
            }
            @for (k, v) in fields {
                @if shown(v) && !SHOWN_ELSEWHERE.contains(&k.as_str()) && !FACTS.iter().any(|(f, _, _)| f == k) {
                    dt { (label(k)) } dd { bdi { (value_text(v)) } }
                }
            }
        }
    }
}

fn entity_chips(entities: &[EntityLink]) -> Markup {
    html! {
        ul.chips { @for e in entities { li {
            @if let Some(id) = &e.id { a href=(href("entities", id)) { bdi { (e.name) } } } @else { bdi { (e.name) } }
            @if let Some(k) = &e.kind { " " span.kind-of { (k) } }
        } } }
    }
}

/// A list of linked records as a table (its first rows, and how many there are).
fn linked<T: TableRow>(heading: &str, list: &Option<Listing<T>>) -> Markup {
    html! {
        @if let Some(list) = list {
            section.linked id=(T::KIND.as_str()) {
                h2 { (heading) " " span.count { "(" (list.total) ")" } }
                @if list.items.is_empty() { p.empty { "None." } } @else {
                    div.scroll { table.records {
                        thead { tr { @for c in T::HEADERS { th class=[c.num.then_some("num")] { (c.header) } } } }
                        tbody { @for r in &list.items { tr { (r.cells()) } } }
                    } }
                    @if list.total > list.items.len() as u64 { p.more { "Showing " (list.items.len()) " of " (list.total) "." } }
                }
            }
        }
    }
}

fn related(kind: &str, r: &Related) -> Markup {
    let (events, agreements) = match kind {
        "events" => ("Events", "Agreements signed during it"),
        "agreements" => ("Events at the time of its signing", "Agreements"),
        _ => ("Events", "Agreements"),
    };
    html! {
        @if !r.parties.is_empty() || r.pair.is_some() {
            dl.fields.links {
                @if !r.parties.is_empty() { dt { "Parties" } dd { (country_links(&r.parties.iter().map(|p| p.code.clone()).collect::<Vec<_>>())) } }
                @if let Some(pair) = &r.pair { dt { "Pair" } dd { a.pair href=(format!("/pairs/{}", encode_segment(pair))) {
                    (r.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" – ")) } } }
            }
        }
        @if !r.participants.is_empty() { h2 { "Participants" } (entity_chips(&r.participants)) }
        (linked(events, &r.events))
        (linked(agreements, &r.agreements))
        (linked("Figures", &r.figures))
        (linked("Commitments", &r.commitments))
        @if r.documents_read == Some(ENTITY_DOCUMENTS as u64) {
            p.note { "The records above are those its latest " (ENTITY_DOCUMENTS) " documents name it in." }
        }
        @if !r.entities.is_empty() { h2 { "Named in its sentences" } (entity_chips(&r.entities)) }
    }
}

pub fn record(page: &RecordPage) -> Markup {
    let v = &page.view;
    let kind = v.kind.as_str();
    let title = record_title(page);
    let json_path = format!("{}.json", href(kind, &v.id));
    layout(
        &title,
        html! {
            p.kind { (v.kind.singular()) }
            h1 { bdi { (title) } }
            p { code { (v.id) } " " (json_link(&json_path)) }
            (facts(&v.record))
            (related(kind, &v.related))
            h2 { "Sources " span.count { "(" (v.sources.total) ")" } }
            ol.sources #sources {
                @for s in &v.sources.items { li {
                    a.doc-link href=(doc_href(&s.doc, s.sentence_start)) { bdi { (s.heading.headline) } }
                    @if s.source.is_some() { " · " span.outlet { (outlet(&s.heading.outlet, &s.source)) } }
                    @if let Some(p) = &s.published { " · " span.date { (human_date(p)) } }
                    blockquote.evidence lang=[s.lang.as_deref()] { (evidence_in_sentence(s.sentence.as_deref(), s.sentence_start, s.byte_start, s.byte_end, &s.quote)) }
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
