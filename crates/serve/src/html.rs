//! The HTML pages, one function per view-model. maud escapes every value it
//! writes, in text and in attributes; links are built only from our own
//! paths with percent-encoded ids, and a document's own URL is linked only
//! when it is http(s). No page needs JavaScript.

use crate::error::ApiError;
use crate::fmt::{country_href, country_link, human_date, label, opt_date, words};
use crate::links::{doc_href, encode_segment, href, human_number};
use crate::model::{CountryPage, HomePage, PairPage, SearchPage, MAX_LIMIT};
use crate::svg;
use crate::tables::{downloads, filter_form, header, TableRow};
use accord_store::views::{ConflictRow, Counts, Listing};
use maud::{html, Markup, DOCTYPE};
use serde_json::Value;

mod document;
mod record;
pub use document::document;
pub use record::record;

/// The headers of a pair's counts, in [`Counts::each`]'s order.
fn count_heads() -> Markup {
    html! { @for h in ["Events", "Agreements", "Figures", "Commitments"] { th.num { (h) } } }
}

fn count_cells(counts: &Counts) -> Markup {
    html! { @for n in counts.each() { td.num { (n) } } }
}

pub(crate) fn layout(title: &str, body: Markup) -> Markup {
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

pub(crate) fn json_link(path: &str) -> Markup {
    html! { a.json href=(path) { "JSON" } }
}

pub(crate) fn more_link<T>(listing: &Listing<T>, limit: usize) -> Markup {
    more_link_with(listing, limit, "")
}

/// "Showing N of M" and a link to more, keeping the query `keep` (`a=b&c=d`).
fn more_link_with<T>(listing: &Listing<T>, limit: usize, keep: &str) -> Markup {
    let shown = listing.items.len() as u64;
    let keep = if keep.is_empty() { String::new() } else { format!("&{keep}") };
    html! {
        @if listing.total > shown {
            p.more {
                "Showing " (shown) " of " (listing.total) ". "
                @if limit < MAX_LIMIT {
                    a href=(format!("?limit={}{keep}", (limit * 4).min(MAX_LIMIT))) { "Show more" }
                }
            }
        }
    }
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
                    thead { tr { th { "Pair" } (count_heads()) th { "Latest event" } } }
                    tbody {
                        @for p in &page.pairs {
                            tr {
                                td {
                                    (country_link(&p.a.code)) " – " (country_link(&p.b.code)) " · "
                                    a.pair href=(format!("/pairs/{}-{}", encode_segment(&p.a.code), encode_segment(&p.b.code))) { "pair page" }
                                }
                                (count_cells(&p.counts))
                                td { (opt_date(&p.latest)) }
                            }
                        }
                    }
                } }
            }
        },
    )
}

/// A section's heading: its name, count, and links to its own table page and downloads.
fn section_head(page: &PairPage, name: &str, table: &str, total: u64) -> Markup {
    let slug = page.slug();
    let keep = page.filters.query_string(false);
    let all = format!("/pairs/{}/{table}{}{keep}", encode_segment(&slug), if keep.is_empty() { "" } else { "?" });
    html! {
        h2 { (name) " " span.count { "(" (total) ")" } }
        p.tools { a.all href=(all) { "All " (total) ": filter, sort, pages" } " · " (downloads(&slug, table, &page.filters, None)) }
    }
}

/// The pair's timeline: the chart and the list of events.
fn timeline_section(page: &PairPage, keep: &str) -> Markup {
    html! {
    section #timeline {
        (section_head(page, "Timeline", "events", page.timeline.total))
        @if let Some(chart) = svg::timeline(&page.timeline.items) {
            figure { (chart) figcaption { "Each mark is an event; open it for its sources. Lanes by type; marks on nearby dates are stacked; undated events are only in the list." } }
        }
        @if page.timeline.items.is_empty() { p.empty { "No events of this pair." } }
        ol.timeline {
            @for e in &page.timeline.items {
                li {
                    span.date { (opt_date(&e.date)) }
                    " "
                    a.event-link href=(href("events", &e.id)) {
                        span class=(format!("type type-{}", e.kind)) { (label(&e.kind)) }
                        @if let Some(d) = &e.detail { " " (words(d)) }
                    }
                    @if !e.participants.is_empty() { span.who { " — " @for (i, p) in e.participants.iter().enumerate() { @if i > 0 { ", " } bdi { (p) } } } }
                    @if let Some(p) = &e.place { span.where { " in " bdi { (p) } } }
                    span.sources { " · " (e.sources) @if e.sources == 1 { " source" } @else { " sources" } }
                    @if let Some(q) = &e.quote { blockquote lang=[crate::fmt::lang_of(q)] { bdi { (q) } } }
                }
            }
        }
        (more_link_with(&page.timeline, page.limit, keep))
    }
    }
}

/// The pair's commitments grouped by area.
fn commitments_section(page: &PairPage, keep: &str) -> Markup {
    html! {
    section #commitments {
        (section_head(page, "Commitments", "commitments", page.commitments_total))
        @if page.commitments_by_area.is_empty() { p.empty { "No commitments of this pair." } }
        @for g in &page.commitments_by_area {
            h3 { (words(&g.area)) }
            ul.commitments { @for c in &g.commitments { li {
                bdi lang=[crate::fmt::lang_of(&c.text)] { (c.text) } " "
                span.modality { "(" (c.modality) ")" } " "
                a href=(href("commitments", &c.id)) { (c.sources) @if c.sources == 1 { " source" } @else { " sources" } }
            } } }
        }
        @if page.commitments_total > page.limit as u64 {
            p.more { "Showing " (page.limit) " of " (page.commitments_total) ". "
                @if page.limit < MAX_LIMIT { a href=(format!("?limit={}{}{keep}", (page.limit * 4).min(MAX_LIMIT), if keep.is_empty() { "" } else { "&" })) { "Show more" } } }
        }
    }
    }
}

pub fn pair(page: &PairPage) -> Markup {
    let title = format!("{} – {}", page.a.name, page.b.name);
    let slug = page.slug();
    let charts = svg::figures(&page.figures.items);
    let keep = page.filters.query_string(false);
    layout(
        &title,
        html! {
            h1 { a.country href=(country_href(&page.a.code)) { (page.a.name) } " – " a.country href=(country_href(&page.b.code)) { (page.b.name) } }
            nav.toc {
                a href="#timeline" { "Timeline" } a href="#agreements" { "Agreements" } a href="#figures" { "Figures" }
                a href="#commitments" { "Commitments" } a href="#conflicts" { "Conflicts" }
                (json_link(&format!("/pairs/{}.json{}{keep}", encode_segment(&slug), if keep.is_empty() { "" } else { "?" })))
            }
            (filter_form(&format!("/pairs/{}", encode_segment(&slug)), &page.filters, true))
            (timeline_section(page, &keep))
            section #agreements {
                (section_head(page, "Agreements", "agreements", page.agreements.total))
                @if page.agreements.items.is_empty() { p.empty { "No agreements of this pair." } } @else {
                    (records_table(&slug, page, &page.agreements.items))
                }
                (more_link_with(&page.agreements, page.limit, &keep))
            }
            section #figures {
                (section_head(page, "Figures", "figures", page.figures.total))
                @if !charts.is_empty() {
                    p.legend { span.key.key-actual { "● actual" } " " span.key.key-target { "◇ target (dashed)" } " " span.key.key-estimate { "● estimate" }
                        " · one line per length of period (a year, a quarter): only like periods are joined" }
                }
                @for (name, chart) in &charts { figure { (chart) figcaption { (name) } } }
                @if page.figures.items.is_empty() { p.empty { "No figures of this pair." } } @else {
                    (records_table(&slug, page, &page.figures.items))
                }
                (more_link_with(&page.figures, page.limit, &keep))
            }
            (commitments_section(page, &keep))
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

/// A pair's table: headers that sort it on its own page, a row per record.
fn records_table<T: TableRow>(slug: &str, page: &PairPage, rows: &[T]) -> Markup {
    html! {
        div.scroll { table.records { (header::<T>(slug, &page.filters)) tbody { @for r in rows { tr { (r.cells()) } } } } }
        p.scroll-hint { "Swipe the table sideways for more columns." }
    }
}

pub fn country(page: &CountryPage) -> Markup {
    let v = &page.view;
    layout(
        &v.country.name,
        html! {
            p.kind { "country" }
            h1 { (v.country.name) " " span.count { "(" (v.country.code) ")" } }
            p { @if let Some(e) = &v.entity { a href=(href("entities", e)) { "Its entity page" } " · " }
                (json_link(&format!("{}.json", country_href(&v.country.code)))) }
            h2 { "Partners " span.count { "(" (v.partners.len()) ")" } }
            @if v.partners.is_empty() { p.empty { "No records name this country with another." } } @else {
                div.scroll { table.partners {
                    thead { tr { th { "Partner" } (count_heads()) th { "Latest event" } } }
                    tbody { @for p in &v.partners { tr {
                        td { (country_link(&p.partner.code)) " · " a.pair href=(format!("/pairs/{}", encode_segment(&p.pair))) { "pair page" } }
                        (count_cells(&p.counts))
                        td { @if let Some(e) = &p.latest {
                            a href=(href("events", &e.id)) { (opt_date(&e.date)) " " (label(&e.kind)) @if let Some(d) = &e.detail { " · " (words(d)) } }
                        } @else { "—" } }
                    } } }
                } }
                p.scroll-hint { "Swipe the table sideways for more columns." }
            }
        },
    )
}

pub(crate) fn conflict_table(rows: &[ConflictRow]) -> Markup {
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
pub(crate) fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "—".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map(human_number).unwrap_or_else(|| n.to_string()),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
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
                    @if let Some(p) = &h.published { " · " span.date { (human_date(p)) } }
                    blockquote lang=[crate::fmt::lang_of(&h.sentence)] { bdi { @for (hit, piece) in crate::highlight::pieces(&h.sentence, &page.phrases) {
                        @if hit { mark { (piece) } } @else { (piece) }
                    } } }
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
