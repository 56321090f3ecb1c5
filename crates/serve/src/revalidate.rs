//! Validators and caching headers on every answer.
//!
//! Each 200 answer carries an `ETag` (a SHA-256 of its body), a
//! `Last-Modified` (when the knowledge base last took in a document) and
//! `Cache-Control: no-cache`; a request whose `If-None-Match` names the
//! current tag (or whose `If-Modified-Since` is not older than the database)
//! is answered `304 Not Modified` with no body. Every answer says
//! `Vary: Accept`, as one URL is both a page and its JSON twin.

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::time::{Duration, SystemTime};

/// `no-cache`: a client or proxy may keep an answer but asks again before
/// using it. An answer changes only when an ingest writes, which can happen
/// at any moment, so no fixed max-age would be right; asking again is cheap
/// (a 304 with no body) and never shows a stale page after an ingest.
pub const CACHE_CONTROL_VALUE: &str = "no-cache";

/// Largest answer given a tag (the pages are tens of kilobytes; larger ones
/// are sent as they are, without validators).
const MAX_TAGGED: usize = 8 * 1024 * 1024;

/// The entity tag of a body. Weak (`W/`) because the same page is sent
/// gzip-compressed to clients that ask for it, and a strong tag would have
/// to differ between the two byte streams; the hash itself is strong.
pub fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// Whether an `If-None-Match` value names `etag` (weak comparison, as
/// RFC 9110 asks for `If-None-Match`; `*` matches any).
fn none_match_hits(headers: &HeaderMap, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let ours = bare(etag);
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || bare(t) == ours)
}

/// The time the knowledge base last changed, read once per generation.
async fn changed_at(app: &AppState) -> Option<SystemTime> {
    let kept = app.changed_at.clone();
    let seconds = app
        .pool
        .read(move |r| {
            let generation = r.generation()?;
            let mut guard = kept.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((at, t)) = *guard {
                if at == generation {
                    return Ok(t);
                }
            }
            let mut t = r.changed_at()?;
            // A change that took no document in (a deletion from
            // PostgreSQL, which has no file to date it) is dated when it
            // was first seen, so that a client's date is not taken for current.
            if let (Some((_, Some(before))), Some(at)) = (*guard, t) {
                if at <= before {
                    t = Some(now_seconds().max(before + 1));
                }
            }
            *guard = Some((generation, t));
            Ok(t)
        })
        .await
        .ok()??;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}

fn now_seconds() -> i64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

pub(crate) async fn middleware(State(app): State<AppState>, mut req: Request, next: Next) -> Response {
    let conditional = matches!(*req.method(), Method::GET | Method::HEAD);
    // A HEAD is answered as the GET would be, less the body: so its tag is
    // the GET's (the router would otherwise hand back an empty body to tag).
    let head = *req.method() == Method::HEAD;
    if head {
        *req.method_mut() = Method::GET;
    }
    let asked = req.headers().clone();
    let mut response = next.run(req).await;
    response.headers_mut().append(VARY, HeaderValue::from_static("accept"));
    if !conditional || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_TAGGED).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the answer was too large to send").into_response();
    };
    let etag = etag_of(&bytes);
    let headers = &mut parts.headers;
    headers.insert(ETAG, HeaderValue::from_str(&etag).expect("hex is a header value"));
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL_VALUE));
    }
    let modified = changed_at(&app).await;
    if let Some(t) = modified {
        if let Ok(v) = HeaderValue::from_str(&httpdate::fmt_http_date(t)) {
            headers.insert(LAST_MODIFIED, v);
        }
    }
    let fresh = if asked.contains_key(IF_NONE_MATCH) {
        none_match_hits(&asked, &etag)
    } else {
        // Dates are to the second: the database's time is too.
        let since = asked.get(IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()).and_then(|v| httpdate::parse_http_date(v).ok());
        matches!((since, modified), (Some(since), Some(m)) if m <= since)
    };
    if fresh {
        parts.status = StatusCode::NOT_MODIFIED;
        for name in ["content-type", "content-length"] {
            parts.headers.remove(name);
        }
        return Response::from_parts(parts, Body::empty());
    }
    if head {
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_the_body_and_match_weakly() {
        let a = etag_of(b"page one");
        assert_ne!(a, etag_of(b"page two"));
        assert_eq!(a, etag_of(b"page one"));
        let mut h = HeaderMap::new();
        h.insert(IF_NONE_MATCH, HeaderValue::from_str(&format!("\"x\", {}", a.trim_start_matches("W/"))).unwrap());
        assert!(none_match_hits(&h, &a));
        assert!(!none_match_hits(&h, &etag_of(b"other")));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(none_match_hits(&h, &a));
    }
}
