//! The parts of a pair's tables that any page shows: their columns, header
//! links that sort, the filter form, download links, and rows as CSV. The
//! table pages themselves are in `table_page.rs`.

use crate::fmt::{country_links, label, opt_date, words};
use crate::links::{href, human_number};
use crate::params::Shown;
use accord_store::views::{AgreementRow, CommitmentRow, EventRow, FigureRow, RecordRow, EVENT_TYPES, LANGUAGES};
use maud::{html, Markup};
use serde::Serialize;
use serde_json::Value;

/// The tables a pair has pages for.
pub const TABLES: &[&str] = &["events", "agreements", "figures", "commitments"];

/// A column: its header, the sort it takes (a name of [`RecordRow::SORTS`]), whether it is a number.
pub struct Column {
    pub header: &'static str,
    pub sort: Option<&'static str>,
    pub num: bool,
}

const fn col(header: &'static str, sort: Option<&'static str>) -> Column {
    Column { header, sort, num: false }
}

const fn num(header: &'static str, sort: Option<&'static str>) -> Column {
    Column { header, sort, num: true }
}

/// A row of a table page: its cells in HTML and in CSV (the same columns).
pub trait TableRow: RecordRow + Serialize + Send + 'static {
    const HEADERS: &'static [Column];
    /// The CSV columns: the fields as the JSON names them.
    const CSV: &'static [&'static str];
    fn cells(&self) -> Markup;
}

impl TableRow for EventRow {
    const HEADERS: &'static [Column] = &[
        col("Date", Some("date")),
        col("Type", Some("type")),
        col("Participants", None),
        col("Place", Some("place")),
        num("Sources", Some("sources")),
    ];
    const CSV: &'static [&'static str] = &["id", "date", "type", "detail", "participants", "host", "place", "parties", "sources", "quote"];
    fn cells(&self) -> Markup {
        html! {
            td { a href=(href("events", &self.id)) { (opt_date(&self.date)) } }
            td { span class=(format!("type type-{}", self.kind)) { (label(&self.kind)) } @if let Some(d) = &self.detail { " · " (words(d)) } }
            td { @for (i, p) in self.participants.iter().enumerate() { @if i > 0 { ", " } bdi { (p) } } }
            td { @if let Some(p) = &self.place { bdi { (p) } } }
            td.num { (self.sources) }
        }
    }
}

impl TableRow for AgreementRow {
    const HEADERS: &'static [Column] = &[
        col("Title", Some("title")),
        col("Kind", Some("kind")),
        col("Topics", None),
        col("Signed", Some("signed")),
        col("In force", Some("in_force")),
        col("Status", Some("status")),
        num("Sources", Some("sources")),
    ];
    const CSV: &'static [&'static str] = &["id", "title", "kind", "topics", "parties", "signed", "in_force", "status", "sources", "quote"];
    fn cells(&self) -> Markup {
        html! {
            td { a href=(href("agreements", &self.id)) { bdi { (self.title) } } }
            td { (words(&self.kind)) } td { (self.topics.iter().map(|t| words(t)).collect::<Vec<_>>().join(", ")) }
            td { (opt_date(&self.signed)) } td { (opt_date(&self.in_force)) }
            td { (self.status.as_deref().map(label).unwrap_or_else(|| "—".into())) }
            td.num { (self.sources) }
        }
    }
}

impl TableRow for FigureRow {
    const HEADERS: &'static [Column] = &[
        col("Indicator", Some("indicator")),
        col("Period", Some("period")),
        num("Value", Some("value")),
        col("Unit", None),
        col("Status", Some("status")),
        num("Sources", Some("sources")),
    ];
    const CSV: &'static [&'static str] = &["id", "indicator", "value", "unit", "period", "status", "parties", "sources", "quote"];
    fn cells(&self) -> Markup {
        html! {
            td { a href=(href("figures", &self.id)) { (label(&self.indicator)) } }
            td { (opt_date(&self.period)) } td.num { (human_number(self.value)) } td { (self.unit.as_deref().unwrap_or("—")) }
            td { (label(&self.status)) } td.num { (self.sources) }
        }
    }
}

impl TableRow for CommitmentRow {
    const HEADERS: &'static [Column] = &[
        col("Commitment", None),
        col("Areas", None),
        col("Modality", Some("modality")),
        col("Parties", None),
        num("Sources", Some("sources")),
    ];
    const CSV: &'static [&'static str] = &["id", "areas", "modality", "text", "parties", "sources", "quote"];
    fn cells(&self) -> Markup {
        html! {
            td { a href=(href("commitments", &self.id)) { bdi { (self.text) } } }
            td { (self.areas.iter().map(|a| words(a)).collect::<Vec<_>>().join(", ")) } td { (self.modality) }
            td { (country_links(&self.parties)) } td.num { (self.sources) }
        }
    }
}

/// One CSV field, quoted when it must be (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A row's CSV fields: the fields of its JSON named in `fields`, a list's
/// items joined by "; ", a missing value empty.
fn csv_cells<T: Serialize>(row: &T, fields: &[&str]) -> Vec<String> {
    fn text(v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Number(n) => n.as_i64().map_or_else(|| n.as_f64().unwrap_or(f64::NAN).to_string(), |i| i.to_string()),
            Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join("; "),
            other => other.to_string(),
        }
    }
    let json = serde_json::to_value(row).unwrap_or_default();
    fields.iter().map(|f| text(&json[*f])).collect()
}

/// The rows as CSV, a header line first.
pub fn csv<T: TableRow>(rows: &[T]) -> String {
    let mut out = T::CSV.join(",");
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&csv_cells(r, T::CSV).iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The path of a table page with these filters, order and page, in a format (`""`, `.json`, `.csv`).
pub(crate) fn table_href(slug: &str, table: &str, ext: &str, filters: &Shown, with_order: bool, page: Option<usize>) -> String {
    let mut q = filters.query_string(with_order);
    if let Some(p) = page.filter(|p| *p > 1) {
        q = if q.is_empty() { format!("page={p}") } else { format!("{q}&page={p}") };
    }
    let base = format!("/pairs/{}/{table}{ext}", crate::links::encode_segment(slug));
    if q.is_empty() {
        base
    } else {
        format!("{base}?{q}")
    }
}

/// A table's header: each sortable column a link that sorts by it (again: the other way).
pub fn header<T: TableRow>(slug: &str, filters: &Shown) -> Markup {
    html! {
        thead { tr { @for c in T::HEADERS {
            th class=[c.num.then_some("num")] {
                @if let Some(sort) = c.sort {
                    @let current = filters.sort.as_deref() == Some(sort);
                    @let desc = current && filters.order == Some("asc");
                    @let next = Shown { sort: Some(sort.to_string()), order: Some(if desc { "desc" } else { "asc" }), ..filters.clone() };
                    a.sort href=(table_href(slug, T::KIND.as_str(), "", &next, true, None))
                        aria-sort=[current.then(|| if filters.order == Some("desc") { "descending" } else { "ascending" })] {
                        (c.header) @if current { @if filters.order == Some("desc") { " ▼" } @else { " ▲" } }
                    }
                } @else { (c.header) }
            }
        } } }
    }
}

/// Links to the whole table and its downloads, keeping the filters.
pub fn downloads(slug: &str, table: &str, filters: &Shown, page: Option<usize>) -> Markup {
    html! {
        span.downloads {
            a.csv href=(table_href(slug, table, ".csv", filters, true, page)) download { "CSV" } " "
            a.json href=(table_href(slug, table, ".json", filters, true, page)) { "JSON" }
        }
    }
}

/// The filter form (GET, no script): dates, event type, language, outlet.
pub fn filter_form(action: &str, filters: &Shown, events: bool) -> Markup {
    html! {
        form.filters action=(action) method="get" {
            label { "Since " input type="text" name="since" value=[filters.since.as_deref()] placeholder="2015" size="10"; }
            label { "Until " input type="text" name="until" value=[filters.until.as_deref()] placeholder="2025-05" size="10"; }
            @if events {
                fieldset.types { legend { "Event type" }
                    @for t in EVENT_TYPES { label { input type="checkbox" name="type" value=(t) checked[filters.types.iter().any(|x| x == t)]; " " (t) } }
                }
            }
            label { "Language " select name="lang" {
                option value="" { "any" }
                @for l in LANGUAGES { option value=(l) selected[filters.lang.as_deref() == Some(*l)] { (l) } }
            } }
            label { "Outlet or document " input type="text" name="source" value=[filters.source.as_deref()] placeholder="VNA" size="12"; }
            @if let (Some(s), Some(o)) = (&filters.sort, filters.order) { input type="hidden" name="sort" value=(s); input type="hidden" name="order" value=(o); }
            button type="submit" { "Filter" }
            @if filters.is_filtered() { " " a href=(action) { "Clear" } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        let cases = [("plain", "plain"), ("a, b", "\"a, b\""), ("say \"hi\"\nthere", "\"say \"\"hi\"\"\nthere\"")];
        crate::check_cases(csv_field, &cases);
    }
}
