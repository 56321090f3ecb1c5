//! The handlers: read and check the parameters, ask the store, answer with
//! the page or its JSON twin. Every parameter problem is a 400 envelope,
//! every unknown id a 404 envelope.

use crate::error::{json_error, ApiError};
use crate::model::{CountryPage, DocumentPage, HomePage, PairPage, RecordPage, SearchPage, HOME_PAIRS};
use crate::params::{clip, Params, Shown, FILTERS};
use crate::{html, AppState};
use accord_store::views::RecordKind;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequestParts, OriginalUri, Path, Query, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use maud::Markup;
use serde::Serialize;
use std::future::Future;

/// Longest id or search text accepted.
const MAX_PARAM_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Html,
    Json,
}

impl Format {
    /// JSON when the path ends in `.json`, or when the client's `Accept`
    /// ranks JSON above HTML (q-values honoured: `text/html;q=0.5,
    /// application/json` is JSON). Browsers rank HTML first; `curl`'s
    /// `*/*` ranks both alike, which is HTML.
    pub(crate) fn of(json_suffix: bool, headers: &HeaderMap) -> Format {
        let accept: Vec<&str> = headers.get_all(ACCEPT).iter().filter_map(|v| v.to_str().ok()).collect();
        let accept = accept.join(",");
        if json_suffix || quality(&accept, "application", "json") > quality(&accept, "text", "html") {
            Format::Json
        } else {
            Format::Html
        }
    }
}

/// The q-value `accept` gives `kind/sub`: that of the most specific range
/// naming it (`kind/sub`, then `kind/*`, then `*/*`), 0 when none does.
fn quality(accept: &str, kind: &str, sub: &str) -> f32 {
    let mut best: Option<(u8, f32)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let Some((t, s)) = media.split_once('/') else {
            continue;
        };
        let specificity = match (t == kind, s == sub, t == "*", s == "*") {
            (true, true, _, _) => 2,
            (true, false, _, true) => 1,
            (false, _, true, true) => 0,
            _ => continue,
        };
        let q = parts
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
            .and_then(|(_, v)| v.trim().parse::<f32>().ok())
            .map_or(1.0, |q| q.clamp(0.0, 1.0));
        if best.is_none_or(|(b, _)| specificity > b) {
            best = Some((specificity, q));
        }
    }
    best.map_or(0.0, |(_, q)| q)
}

/// The parameters any page reads; the others never change an answer.
pub(crate) const KNOWN_PARAMETERS: &[&str] =
    &["q", "limit", "since", "until", "type", "lang", "source", "sort", "order", "page", "per_page", "format"];

/// The format a request will be answered in, as the handlers decide it.
pub(crate) fn format_of_request(req: &axum::extract::Request) -> Format {
    Format::of(req.uri().path().ends_with(".json"), req.headers())
}

/// A path parameter without its `.json` suffix, and whether it had one.
pub(crate) fn strip_json(raw: &str) -> (&str, bool) {
    match raw.strip_suffix(".json") {
        Some(base) => (base, true),
        None => (raw, false),
    }
}

/// The format of a request for a record: JSON when its path parameter ends
/// in `.json` (an unreadable one counts as without), else as `Accept` ranks it.
pub(crate) fn format_of_path(path: &Result<Path<String>, PathRejection>, headers: &HeaderMap) -> Format {
    let json_suffix = path.as_ref().is_ok_and(|p| strip_json(&p.0).1);
    Format::of(json_suffix, headers)
}

pub(crate) fn respond<T: Serialize>(format: Format, result: Result<T, ApiError>, render: impl FnOnce(&T) -> Markup) -> Response {
    match (format, result) {
        (Format::Json, Ok(model)) => Json(model).into_response(),
        (Format::Html, Ok(model)) => Html(render(&model).into_string()).into_response(),
        (Format::Json, Err(e)) => json_error(&e),
        (Format::Html, Err(e)) => (e.status, Html(html::error_page(&e).into_string())).into_response(),
    }
}

pub(crate) fn path_param(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Path(raw) = path.map_err(|e| ApiError::bad_parameter(format!("the path cannot be read: {e}")))?;
    if raw.trim().is_empty() || raw.chars().count() > MAX_PARAM_CHARS {
        return Err(ApiError::bad_parameter(format!(
            "an id must be 1 to {MAX_PARAM_CHARS} characters; ids are in the `id` field of the JSON answers"
        )));
    }
    Ok(raw)
}

/// A page's two handlers: `$name` answers HTML or JSON as `Accept` ranks
/// them, `$json` (the `.json` path) always JSON; `$answer` does the work.
macro_rules! page_handlers {
    ($name:ident, $json:ident, $answer:ident) => {
        pub(crate) async fn $name(
            State(app): State<AppState>,
            headers: HeaderMap,
            query: Result<Query<Vec<(String, String)>>, QueryRejection>,
        ) -> Response {
            $answer(app, Format::of(false, &headers), query).await
        }

        pub(crate) async fn $json(State(app): State<AppState>, query: Result<Query<Vec<(String, String)>>, QueryRejection>) -> Response {
            $answer(app, Format::Json, query).await
        }
    };
}

page_handlers!(home, home_json, home_as);
page_handlers!(search, search_json, search_as);

async fn home_as(app: AppState, format: Format, query: Result<Query<Vec<(String, String)>>, QueryRejection>) -> Response {
    let result = async {
        Params::read(query, &[])?;
        let cache = app.home.clone();
        let overview = app
            .pool
            .read(move |r| {
                let generation = r.generation()?;
                if let Some((at, overview)) = cache.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                    if *at == generation {
                        return Ok(overview.clone());
                    }
                }
                let overview = r.overview(HOME_PAIRS)?;
                *cache.lock().unwrap_or_else(|p| p.into_inner()) = Some((generation, overview.clone()));
                Ok(overview)
            })
            .await?;
        Ok(HomePage::from(overview))
    }
    .await;
    respond(format, result, html::home)
}

async fn search_as(app: AppState, format: Format, query: Result<Query<Vec<(String, String)>>, QueryRejection>) -> Response {
    let result = async {
        let params = Params::read(query, &["q", "limit"])?;
        let limit = params.limit()?;
        let text = params.get("q").unwrap_or("").to_string();
        if text.chars().count() > MAX_PARAM_CHARS {
            return Err(ApiError::bad_parameter(format!("q is too long: at most {MAX_PARAM_CHARS} characters")));
        }
        let found = if text.trim().is_empty() {
            if format == Format::Json {
                return Err(ApiError::bad_parameter("give the words to look for: /search.json?q=words"));
            }
            Default::default()
        } else {
            let q = text.clone();
            app.pool.read(move |r| r.search_all(&q, limit)).await?
        };
        Ok(SearchPage { query: text, limit, hits: found.hits, phrases: found.phrases, entities: found.entities })
    }
    .await;
    respond(format, result, html::search)
}

/// What a page at a path parameter (`/pairs/{pair}`, `/events/{id}`, ...)
/// is asked: the parameter, the query string, and the format of the answer
/// (JSON when the parameter ends in `.json`, else as `Accept` ranks it).
pub(crate) struct PathRequest {
    format: Format,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
}

impl<S: Send + Sync> FromRequestParts<S> for PathRequest {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let path = Path::<String>::from_request_parts(parts, state).await;
        let query = Query::<Vec<(String, String)>>::from_request_parts(parts, state).await;
        Ok(PathRequest { format: format_of_path(&path, &parts.headers), path, query })
    }
}

impl PathRequest {
    /// Check the parameter and the query string's `known` parameters, then
    /// answer with what `answer` makes of them, as a page by `render` or as JSON.
    async fn answer<T, F>(self, known: &[&str], render: impl FnOnce(&T) -> Markup, answer: impl FnOnce(String, Params) -> F) -> Response
    where
        T: Serialize,
        F: Future<Output = Result<T, ApiError>>,
    {
        let result = async {
            let raw = path_param(self.path)?;
            let params = Params::read(self.query, known)?;
            answer(raw, params).await
        }
        .await;
        respond(self.format, result, render)
    }
}

pub(crate) async fn pair(State(app): State<AppState>, request: PathRequest) -> Response {
    let known: Vec<&str> = FILTERS.iter().copied().chain(["limit"]).collect();
    request
        .answer(&known, html::pair, |raw, params| async move {
            let (slug, _) = strip_json(&raw);
            let limit = params.limit()?;
            let q = params.filters(limit)?;
            let (a, b) = pair_of(slug)?;
            let list = q.clone();
            let view = app.pool.read(move |r| r.pair_listed(&a, &b, &list)).await?;
            Ok(PairPage::new(view, limit, Shown::of(&q)))
        })
        .await
}

/// The two countries of a pair slug (`VN-BY`).
pub(crate) fn pair_of(slug: &str) -> Result<(String, String), ApiError> {
    let Some((a, b)) = slug.split_once('-').filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty()) else {
        return Err(ApiError::bad_parameter(format!(
            "a pair is two countries joined by a hyphen, such as /pairs/VN-BY, not '{}'",
            clip(slug)
        )));
    };
    Ok((a.to_string(), b.to_string()))
}

pub(crate) async fn country(State(app): State<AppState>, request: PathRequest) -> Response {
    request
        .answer(&[], html::country, |raw, _| async move {
            let code = strip_json(&raw).0.to_string();
            Ok(CountryPage { view: app.pool.read(move |r| r.country(&code)).await? })
        })
        .await
}

/// The page of a record of `kind` (routed for each kind).
pub(crate) async fn record(kind: RecordKind, app: AppState, request: PathRequest) -> Response {
    request
        .answer(&["limit"], html::record, |raw, params| async move {
            let id = strip_json(&raw).0.to_string();
            let limit = params.limit()?;
            let view = app.pool.read(move |r| r.record(kind, &id, limit)).await?;
            Ok(RecordPage { limit, view })
        })
        .await
}

pub(crate) async fn document(State(app): State<AppState>, request: PathRequest) -> Response {
    request
        .answer(&[], html::document, |raw, _| async move {
            // A document id may itself end in `.json` (a JSON Lines file's ids
            // are free text): the exact id wins over the suffix.
            let exact = raw.clone();
            let id = strip_json(&raw).0.to_string();
            let view = app
                .pool
                .read(move |r| match r.document(&exact) {
                    Err(e) if e.kind == accord_store::ErrorKind::NoRecord && id != exact => r.document(&id),
                    other => other,
                })
                .await?;
            Ok(DocumentPage { view })
        })
        .await
}

pub(crate) async fn openapi() -> Response {
    ([(CONTENT_TYPE, HeaderValue::from_static("application/json"))], crate::OPENAPI).into_response()
}

pub(crate) async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
        ],
        crate::STYLESHEET,
    )
        .into_response()
}

pub(crate) async fn not_found(OriginalUri(uri): OriginalUri, headers: HeaderMap) -> Response {
    let format = Format::of(uri.path().ends_with(".json"), &headers);
    let err = ApiError::not_found(format!(
        "no page at {}: the pages are /, /pairs/VN-BY, /search?q=..., and the records linked from them \
         (the API is described at /openapi.json)",
        clip(uri.path())
    ));
    respond::<()>(format, Err(err), |_| maud::html! {})
}

pub(crate) async fn method_not_allowed(headers: HeaderMap) -> Response {
    let err = ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        code: "method_not_allowed",
        message: "the knowledge base is read-only: only GET (and HEAD) requests are answered".to_string(),
    };
    respond::<()>(Format::of(false, &headers), Err(err), |_| maud::html! {})
}
