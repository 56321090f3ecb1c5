//! `accord serve`: the knowledge base as web pages and a JSON API.
//!
//! Every page is built from one view-model ([`model`]), a serde struct that
//! is either rendered as HTML ([`html`], auto-escaped by maud) or sent as
//! JSON: the JSON twin of `/pairs/VN-BY` is `/pairs/VN-BY.json`, or the same
//! path asked for with `Accept: application/json`. Errors share one
//! envelope (`{"error": {"status", "code", "message"}}`) in both forms.
//!
//! The database, an SQLite file or a PostgreSQL database, is opened
//! read-only through a small pool ([`pool`]); every query runs on tokio's
//! blocking threads, at most a few at a time. The answers kept ([`cache`])
//! hold while the database's generation does: a write by any process, on
//! any machine, moves it. Requests
//! are limited in body size and time, and a panic in a handler becomes a 500
//! envelope rather than a dropped connection.

mod cache;
mod error;
pub mod fmt;
mod handlers;
mod highlight;
pub mod html;
pub mod links;
pub mod model;
pub mod params;
mod pool;
pub mod revalidate;
pub mod server;
mod svg;
mod table_page;
pub mod tables;

pub use error::ApiError;

use accord_store::views::{Overview, RecordKind};
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use pool::Pool;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The OpenAPI description of the JSON API, served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");
/// The one stylesheet of every page.
pub const STYLESHEET: &str = include_str!("../assets/style.css");

/// Longest a request may take before it is answered with 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request body accepted (the API reads none; this bounds abuse).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// Scripts, frames and foreign resources are refused: the pages need none.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/// No `Referer` leaves a page: following a link to an outlet's article does
/// not tell the outlet what the analyst was reading here.
pub const REFERRER_POLICY: &str = "no-referrer";

/// What the handlers share: the pool of read-only connections, the cached
/// home overview and the answers kept for the current generation.
#[derive(Clone)]
pub struct AppState {
    pool: Arc<Pool>,
    /// The home page's overview, with the generation it was computed at: it
    /// reads every record's parties, so it is computed once per ingest.
    home: Arc<Mutex<Option<(Generation, Overview)>>>,
    cache: Arc<cache::Cache>,
    keep_answers: bool,
    /// When the database last took in a document, for `Last-Modified`.
    changed_at: Arc<Mutex<Option<ChangedAt>>>,
}

/// The database's (facts, merged) generation counters.
type Generation = (i64, i64);

/// The time the database last took in a document (seconds since 1970), as
/// read at a generation.
type ChangedAt = (Generation, Option<i64>);

impl AppState {
    /// Open the database read-only (and check it once, so a wrong path fails
    /// at start rather than on the first request).
    pub fn open(db: &Path) -> Result<AppState, accord_store::StoreError> {
        AppState::open_any(&db.to_string_lossy())
    }

    /// [`AppState::open`] for an SQLite file or a `postgres://` address.
    pub fn open_any(db: &str) -> Result<AppState, accord_store::StoreError> {
        Ok(AppState {
            pool: Arc::new(Pool::open(db)?),
            home: Arc::new(Mutex::new(None)),
            cache: Arc::new(cache::Cache::default()),
            keep_answers: true,
            changed_at: Arc::new(Mutex::new(None)),
        })
    }
}

impl AppState {
    /// Build every answer afresh (to measure what an answer costs when the
    /// cache does not have it).
    pub fn without_kept_answers(mut self) -> AppState {
        self.keep_answers = false;
        self
    }
}

/// Every route of the router, as axum writes its path. `/openapi.json` must
/// describe exactly these (a test holds them in step).
pub fn routes() -> Vec<String> {
    handled_routes().into_iter().map(|(path, _)| path).collect()
}

/// Every route with its handler: the pages, a page for each kind of record
/// (`/events/{id}`, ...), the API's description and the stylesheet.
fn handled_routes() -> Vec<(String, axum::routing::MethodRouter<AppState>)> {
    use handlers::*;
    let mut routes = vec![
        ("/".to_string(), get(home)),
        ("/index.json".to_string(), get(home_json)),
        ("/search".to_string(), get(search)),
        ("/search.json".to_string(), get(search_json)),
        ("/pairs/{pair}".to_string(), get(pair)),
        ("/pairs/{pair}/{table}".to_string(), get(crate::table_page::pair_table)),
        ("/countries/{code}".to_string(), get(country)),
    ];
    for kind in RecordKind::ALL {
        let handler = move |State(app): State<AppState>, request: PathRequest| record(kind, app, request);
        routes.push((format!("/{}/{{id}}", kind.as_str()), get(handler)));
    }
    routes.push(("/documents/{id}".to_string(), get(document)));
    routes.push(("/openapi.json".to_string(), get(openapi)));
    routes.push(("/static/style.css".to_string(), get(stylesheet)));
    routes
}

/// The application: routes, limits, and the fallback for unknown paths.
pub fn router(state: AppState) -> Router {
    use handlers::{method_not_allowed, not_found};
    let mut app = Router::new();
    for (path, route) in handled_routes() {
        app = app.route(&path, route);
    }
    app.fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), cache::middleware))
        .layer(axum::middleware::from_fn_with_state(state.clone(), revalidate::middleware))
        .with_state(state)
        .layer(CatchPanicLayer::custom(error::panic_response))
        // gzip when the client asks (`Accept-Encoding`); adds
        // `Vary: accept-encoding`. Tiny answers are sent as they are.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(|req, next| time_limit(REQUEST_TIMEOUT, req, next)))
        // Defence in depth behind the escaping: no page runs or loads
        // anything but our stylesheet, and no answer is sniffed as markup.
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY)))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static(REFERRER_POLICY)))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
}

/// Answer 503 in the error envelope when a request takes longer than
/// `limit` (its query may still finish on its thread, but no client waits).
async fn time_limit(limit: Duration, req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => error::json_error(&ApiError {
            status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
            code: "timeout",
            message: format!("the answer took longer than {} s; ask for less (a smaller limit) or try again", limit.as_secs()),
        }),
    }
}

/// Serve until interrupted (Ctrl-C or SIGTERM). Returns when the listener
/// cannot bind (the message says which address) or after shutdown.
pub async fn serve(db: &str, addr: SocketAddr) -> Result<(), String> {
    let state = AppState::open_any(db).map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e} (is another server there? try --addr 127.0.0.1:0)"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("accord: serving {} on http://{local}/ (Ctrl-C to stop)", accord_store::shown(db));
    server::run(listener, router(state), server::HEADER_READ_TIMEOUT, shutdown()).await
}

/// Serve on a bound listener until the process ends (benchmarks, tests).
pub async fn serve_listener(listener: tokio::net::TcpListener, state: AppState) -> Result<(), String> {
    serve_listener_with(listener, state, server::HEADER_READ_TIMEOUT).await
}

/// [`serve_listener`] with a chosen limit on how long a client may take to
/// send its headers or sit idle (tests use a short one).
pub async fn serve_listener_with(listener: tokio::net::TcpListener, state: AppState, header_read_timeout: Duration) -> Result<(), String> {
    server::run(listener, router(state), header_read_timeout, std::future::pending()).await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// A table of cases for a function of one argument: each `(given, want)`
/// checked, the failing one named.
#[cfg(test)]
pub(crate) fn check_cases<A: Copy + std::fmt::Debug, B: PartialEq<W> + std::fmt::Debug, W: std::fmt::Debug>(
    f: impl Fn(A) -> B,
    cases: &[(A, W)],
) {
    for (given, want) in cases {
        assert_eq!(f(*given), *want, "given {given:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_slow_answer_is_cut_at_the_time_limit_with_the_envelope() {
        let app: Router = Router::new()
            .route("/slow", get(|| async { tokio::time::sleep(Duration::from_secs(5)).await }))
            .route("/fast", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn(|req, next| time_limit(Duration::from_millis(50), req, next)));
        let get = |uri: &str| axum::http::Request::builder().uri(uri).body(Body::empty()).unwrap();
        let started = std::time::Instant::now();
        let slow = app.clone().oneshot(get("/slow")).await.unwrap();
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(slow.status(), axum::http::StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(slow.into_body(), 4096).await.unwrap();
        let e: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(e["error"]["code"], "timeout");
        assert_eq!(app.oneshot(get("/fast")).await.unwrap().status(), axum::http::StatusCode::OK);
    }
}
