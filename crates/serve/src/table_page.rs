//! A pair's tables on their own pages (`/pairs/VN-BY/events`): filtered by
//! date, event type, language and outlet, sorted by a column (links in the
//! headers), paged, and downloadable as CSV (`.csv` or `?format=csv`) and
//! JSON (`.json`) with the very rows the page shows.

use crate::error::{json_error, ApiError};
use crate::fmt::label;
use crate::handlers::{pair_of, respond, Format};
use crate::html::layout;
use crate::model::TablePage;
use crate::params::{clip, Params, Shown, FILTERS, TABLE_PARAMETERS};
use crate::tables::{csv, downloads, filter_form, header, table_href, TableRow, TABLES};
use crate::AppState;
use accord_store::views::{AgreementRow, CommitmentRow, EventRow, FigureRow, ListQuery};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

/// How a table page is asked for: HTML, JSON or CSV.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Page(Format),
    Csv,
}

pub(crate) async fn pair_table(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let Ok(Path((pair, table))) = path else {
        return json_error(&ApiError::bad_parameter("the path cannot be read: write it as /pairs/VN-BY/events"));
    };
    let (name, suffix) = match table.rsplit_once('.') {
        Some((n, s)) if s == "json" || s == "csv" => (n.to_string(), Some(s.to_string())),
        _ => (table.clone(), None),
    };
    let known: Vec<&str> = FILTERS.iter().chain(TABLE_PARAMETERS).copied().collect();
    let params = Params::read(query, &known);
    let format_param = params.as_ref().ok().and_then(|p| p.get("format").map(str::to_string));
    let shape = match (suffix.as_deref(), format_param.as_deref()) {
        (Some("csv"), _) | (None, Some("csv")) => Shape::Csv,
        (Some("json"), _) | (None, Some("json")) => Shape::Page(Format::Json),
        (None, Some("html")) => Shape::Page(Format::Html),
        (None, Some(other)) => {
            return json_error(&ApiError::bad_parameter(format!("format must be one of html, json, csv, not '{}'", clip(other))))
        }
        _ => Shape::Page(Format::of(false, &headers)),
    };
    match name.as_str() {
        "events" => answer::<EventRow>(app, pair, params, shape).await,
        "agreements" => answer::<AgreementRow>(app, pair, params, shape).await,
        "figures" => answer::<FigureRow>(app, pair, params, shape).await,
        "commitments" => answer::<CommitmentRow>(app, pair, params, shape).await,
        _ => {
            let err = ApiError::not_found(format!("a pair's tables are {}, not '{}'", TABLES.join(", "), clip(&name)));
            respond::<()>(if shape == Shape::Page(Format::Html) { Format::Html } else { Format::Json }, Err(err), |_| html! {})
        }
    }
}

async fn answer<T: TableRow>(app: AppState, pair: String, params: Result<Params, ApiError>, shape: Shape) -> Response {
    let result = async {
        let q: ListQuery = params?.table::<T>()?;
        let (a, b) = pair_of(&pair)?;
        let list = q.clone();
        let (a, b, rows) = app.pool.read(move |r| r.pair_table::<T>(&a, &b, &list)).await?;
        let per_page = q.limit;
        let table = T::KIND.as_str();
        Ok(TablePage {
            a,
            b,
            table,
            filters: Shown { per_page: (per_page != crate::model::DEFAULT_LIMIT).then_some(per_page), ..Shown::of(&q) },
            page: q.offset / per_page + 1,
            per_page,
            total: rows.total,
            pages: (rows.total as usize).div_ceil(per_page).max(1),
            rows: rows.items,
        })
    }
    .await;
    match shape {
        Shape::Page(format) => respond(format, result, render::<T>),
        Shape::Csv => match result {
            Err(e) => json_error(&e),
            Ok(page) => {
                let file = format!("attachment; filename=\"{}-{}-page{}.csv\"", page.slug(), page.table, page.page);
                (
                    [
                        (CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
                        (CONTENT_DISPOSITION, HeaderValue::from_str(&file).unwrap_or(HeaderValue::from_static("attachment"))),
                    ],
                    csv(&page.rows),
                )
                    .into_response()
            }
        },
    }
}

fn render<T: TableRow>(page: &TablePage<T>) -> Markup {
    let slug = page.slug();
    let title = format!("{} – {}: {}", page.a.name, page.b.name, page.table);
    let action = format!("/pairs/{}/{}", crate::links::encode_segment(&slug), page.table);
    layout(
        &title,
        html! {
            p.kind { a href=(format!("/pairs/{}", crate::links::encode_segment(&slug))) { (page.a.name) " – " (page.b.name) } }
            h1 { (label(page.table)) " " span.count { "(" (page.total) ")" } }
            (filter_form(&action, &page.filters, page.table == "events"))
            p.tools { "Page " (page.page) " of " (page.pages) ", " (page.rows.len()) " rows. Download these rows: " (downloads(&slug, page.table, &page.filters, Some(page.page))) }
            @if page.rows.is_empty() { p.empty { "No rows match." } } @else {
                div.scroll { table.records { (header::<T>(&slug, &page.filters)) tbody { @for r in &page.rows { tr { (r.cells()) } } } } }
                p.scroll-hint { "Swipe the table sideways for more columns." }
            }
            nav.pages {
                @if page.page > 1 { a rel="prev" href=(table_href(&slug, page.table, "", &page.filters, true, Some(page.page - 1))) { "← Previous" } " " }
                @if page.page < page.pages { a rel="next" href=(table_href(&slug, page.table, "", &page.filters, true, Some(page.page + 1))) { "Next →" } }
            }
        },
    )
}
