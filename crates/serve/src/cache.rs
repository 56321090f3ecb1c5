//! Answers kept while the database does not change. The knowledge base only
//! changes when an ingest writes (its generation counters move), so a page
//! built once is the same page until then: a 200 answer is kept, keyed by
//! its URI and the format asked for, and given again while the generation
//! holds. The cache is bounded; the least recently used answer goes first.

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;

/// Answers kept at most (pages are tens of kilobytes: a few tens of MB).
const CAPACITY: usize = 512;
/// A larger answer is not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

struct Kept {
    generation: (i64, i64),
    content_type: Option<HeaderValue>,
    body: Bytes,
    used: u64,
}

#[derive(Default)]
pub(crate) struct Cache {
    inner: Mutex<(HashMap<String, Kept>, u64)>,
}

impl Cache {
    fn get(&self, key: &str, generation: (i64, i64)) -> Option<Response> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, clock) = &mut *guard;
        *clock += 1;
        let kept = map.get_mut(key).filter(|k| k.generation == generation)?;
        kept.used = *clock;
        let mut response = Response::new(Body::from(kept.body.clone()));
        if let Some(ct) = &kept.content_type {
            response.headers_mut().insert(CONTENT_TYPE, ct.clone());
        }
        Some(response)
    }

    fn put(&self, key: String, generation: (i64, i64), content_type: Option<HeaderValue>, body: Bytes) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, clock) = &mut *guard;
        *clock += 1;
        if map.len() >= CAPACITY && !map.contains_key(&key) {
            if let Some(oldest) = map.iter().min_by_key(|(_, k)| k.used).map(|(k, _)| k.clone()) {
                map.remove(&oldest);
            }
        }
        map.insert(key, Kept { generation, content_type, body, used: *clock });
    }
}

/// The middleware: a kept answer when there is one for this generation,
/// else the handler's answer, kept when it is a 200.
pub(crate) async fn middleware(State(app): State<AppState>, req: Request, next: Next) -> Response {
    // Only GET answers are kept and given: a HEAD answer has no body, and
    // other methods are refused by the router (405), never answered from here.
    if !app.keep_answers || req.method() != axum::http::Method::GET {
        return next.run(req).await;
    }
    let format = crate::handlers::format_of_request(&req);
    // Keyed by the parameters that change an answer, so `?utm_source=`
    // and the like neither miss the cache nor fill it.
    let query: Vec<&str> = req
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| {
            // A name written with escapes (`%71` is `q`) is kept as it is.
            let name = p.split('=').next().unwrap_or("");
            let plain = name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
            !plain || crate::handlers::KNOWN_PARAMETERS.contains(&name)
        })
        .collect();
    let key = format!("{format:?} {}?{}", req.uri().path(), query.join("&"));
    let Ok(generation) = app.pool.read(|r| r.generation()).await else {
        return next.run(req).await;
    };
    if let Some(kept) = app.cache.get(&key, generation) {
        return kept;
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            app.cache.put(key, generation, parts.headers.get(CONTENT_TYPE).cloned(), bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "the answer could not be read").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_hold_for_their_generation_and_the_oldest_goes_first() {
        let cache = Cache::default();
        cache.put("a".into(), (1, 1), None, Bytes::from_static(b"A"));
        assert!(cache.get("a", (1, 1)).is_some());
        assert!(cache.get("a", (2, 2)).is_none(), "a new ingest makes it stale");
        for i in 0..CAPACITY {
            cache.put(format!("k{i}"), (1, 1), None, Bytes::from_static(b"x"));
            if i == 0 {
                assert!(cache.get("a", (1, 1)).is_some());
            }
        }
        let map = &cache.inner.lock().unwrap().0;
        assert_eq!(map.len(), CAPACITY);
        assert!(map.contains_key("a") && !map.contains_key("k0"), "the least recently used went");
    }
}
