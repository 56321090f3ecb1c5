//! The query string: parameters a page does not know are ignored (links
//! carry `utm_source=` and the like); known ones are checked, and a bad
//! value is a 400 naming the values it may take.

use crate::error::ApiError;
use accord_store::views::{sort_column, ListQuery, RecordRow, EVENT_TYPES, LANGUAGES};
use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use serde::Serialize;

/// Rows a list shows unless `?limit=` asks for more (up to [`MAX_LIMIT`]).
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1000;

/// The filters a list page reads.
pub(crate) const FILTERS: &[&str] = &["since", "until", "type", "lang", "source"];
/// What a table page reads besides the filters.
pub(crate) const TABLE_PARAMETERS: &[&str] = &["sort", "order", "page", "per_page", "format"];

pub(crate) struct Params(pub(crate) Vec<(String, String)>);

impl Params {
    pub(crate) fn read(query: Result<Query<Vec<(String, String)>>, QueryRejection>, known: &[&str]) -> Result<Params, ApiError> {
        let Query(mut pairs) = query.map_err(|e| {
            ApiError::bad_parameter(format!("the query string cannot be read ({e}); write it as name=value pairs joined by &"))
        })?;
        pairs.retain(|(name, _)| known.contains(&name.as_str()));
        Ok(Params(pairs))
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.trim().is_empty())
    }

    /// A whole number from 1 to `max`, `default` when absent.
    fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_parameter(format!("{name} must be a whole number from 1 to {max}, not '{}'", clip(v)))),
            },
        }
    }

    /// `limit`: a whole number from 1 to [`MAX_LIMIT`], default [`DEFAULT_LIMIT`].
    pub(crate) fn limit(&self) -> Result<usize, ApiError> {
        self.number("limit", DEFAULT_LIMIT, MAX_LIMIT)
    }

    /// The filters (`since`, `until`, `type`, `lang`, `source`) as a query of `limit` rows.
    pub(crate) fn filters(&self, limit: usize) -> Result<ListQuery, ApiError> {
        let mut types = Vec::new();
        for t in self.0.iter().filter(|(n, _)| n == "type").flat_map(|(_, v)| v.split(',')).map(str::trim).filter(|t| !t.is_empty()) {
            if !EVENT_TYPES.contains(&t) {
                return Err(ApiError::bad_parameter(format!("type must be one of {}, not '{}'", EVENT_TYPES.join(", "), clip(t))));
            }
            if !types.iter().any(|x: &String| x == t) {
                types.push(t.to_string());
            }
        }
        let lang = match self.get("lang") {
            Some(l) if !LANGUAGES.contains(&l.trim()) => {
                return Err(ApiError::bad_parameter(format!("lang must be one of {}, not '{}'", LANGUAGES.join(", "), clip(l))))
            }
            l => l.map(|l| l.trim().to_string()),
        };
        let source = self.get("source").map(|s| s.trim().chars().take(300).collect());
        let given = |name: &str| self.get(name).map(|v| v.trim().to_string());
        let (since, until) = (given("since"), given("until"));
        // Dates as the query commands read them (`2024`, `2024-05`, `2024-05-11`).
        accord_store::Dates { since: since.clone(), until: until.clone() }
            .check()
            .map_err(|e| ApiError::bad_parameter(e.message.replace("--", "")))?;
        Ok(ListQuery { since, until, types, lang, source, limit, ..ListQuery::default() })
    }

    /// The filters, and a table page's order and page (`sort`, `order`, `page`, `per_page`).
    pub(crate) fn table<T: RecordRow>(&self) -> Result<ListQuery, ApiError> {
        let per_page = self.number("per_page", DEFAULT_LIMIT, MAX_LIMIT)?;
        let page = self.number("page", 1, 1_000_000)?;
        let mut q = self.filters(per_page)?;
        q.offset = (page - 1) * per_page;
        if let Some(sort) = self.get("sort") {
            sort_column::<T>(sort.trim()).map_err(|e| ApiError::bad_parameter(e.message))?;
            q.sort = Some(sort.trim().to_string());
        }
        q.descending = match self.get("order").map(str::trim) {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(o) => return Err(ApiError::bad_parameter(format!("order must be one of asc, desc, not '{}'", clip(o)))),
        };
        Ok(q)
    }
}

/// The filters and order of a list as the page echoes them (and its links keep them).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Shown {
    pub since: Option<String>,
    pub until: Option<String>,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub lang: Option<String>,
    pub source: Option<String>,
    pub sort: Option<String>,
    pub order: Option<&'static str>,
    /// Rows a page when not the default (kept by the page's links).
    #[serde(skip)]
    pub per_page: Option<usize>,
}

impl Shown {
    pub(crate) fn of(q: &ListQuery) -> Shown {
        Shown {
            since: q.since.clone(),
            until: q.until.clone(),
            types: q.types.clone(),
            lang: q.lang.clone(),
            source: q.source.clone(),
            sort: q.sort.clone(),
            order: q.sort.as_ref().map(|_| if q.descending { "desc" } else { "asc" }),
            per_page: None,
        }
    }

    /// The query string of these filters (and order), `&`-joined, percent-encoded.
    pub fn query_string(&self, with_order: bool) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut put = |k: &str, v: &str| out.push(format!("{k}={}", crate::links::encode_segment(v)));
        for (k, v) in [("since", &self.since), ("until", &self.until), ("lang", &self.lang), ("source", &self.source)] {
            if let Some(v) = v {
                put(k, v);
            }
        }
        if !self.types.is_empty() {
            put("type", &self.types.join(","));
        }
        if with_order {
            if let (Some(s), Some(o)) = (&self.sort, self.order) {
                put("sort", s);
                put("order", o);
            }
            if let Some(n) = self.per_page {
                put("per_page", &n.to_string());
            }
        }
        out.join("&")
    }

    pub fn is_filtered(&self) -> bool {
        self.since.is_some() || self.until.is_some() || !self.types.is_empty() || self.lang.is_some() || self.source.is_some()
    }
}

pub(crate) fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}
