//! HTTP behaviour over a small knowledge base: validators and 304, `Vary`,
//! content negotiation by q-value, gzip, ignored unknown parameters, odd
//! paths and methods, security headers, and connections that are slow to
//! send their headers or sit idle.

mod common;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use common::*;
use http_body_util::BodyExt;
use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// A knowledge base of two short articles about one pair.
fn kb() -> &'static (Router, PathBuf, tempfile::TempDir) {
    static KB: OnceLock<(Router, PathBuf, tempfile::TempDir)> = OnceLock::new();
    KB.get_or_init(|| {
        let input = tempfile::tempdir().unwrap();
        std::fs::write(
            input.path().join("a.txt"),
            " date 2024-05-02\nVietnam and Belarus signed an agreement on trade in Minsk on May 2, 2024.",
        )
        .unwrap();
        std::fs::write(input.path().join("b.txt"), " date 2024-06-03\nVietnam and Belarus held talks in Hanoi on June 3, 2024.").unwrap();
        let (app, dir) = app_over(input.path());
        let db = dir.path().join("kb.db");
        (app, db, dir)
    })
}

struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }
}

async fn send(method: Method, uri: &str, headers: &[(&str, &str)]) -> Raw {
    let mut req = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = kb().0.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    Raw { status: parts.status, headers: parts.headers, body: body.collect().await.unwrap().to_bytes().to_vec() }
}

#[tokio::test]
async fn etag_and_if_none_match_give_304_with_no_body() {
    for uri in ["/", "/pairs/VN-BY", "/pairs/VN-BY.json", "/search?q=trade"] {
        let first = send(Method::GET, uri, &[]).await;
        assert_eq!(first.status, StatusCode::OK, "{uri}");
        let etag = first.header("etag").to_string();
        assert!(etag.starts_with("W/\"") && etag.len() > 20, "{uri}: {etag}");
        assert_eq!(first.header("cache-control"), "no-cache", "{uri}");
        let modified = first.header("last-modified").to_string();
        assert!(modified.ends_with(" GMT"), "{uri}: {modified:?}");
        let again = send(Method::GET, uri, &[]).await;
        assert_eq!(again.header("etag"), etag, "the same body, the same tag");
        assert_eq!(again.body, first.body);

        let not_modified = send(Method::GET, uri, &[("if-none-match", &etag)]).await;
        assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(not_modified.body.is_empty(), "{uri}: a 304 has no body");
        assert_eq!(not_modified.header("etag"), etag);
        assert_eq!(not_modified.header("cache-control"), "no-cache");

        let other = send(Method::GET, uri, &[("if-none-match", "\"stale\"")]).await;
        assert_eq!(other.status, StatusCode::OK, "{uri}");
        assert_eq!(other.body, first.body);

        let since = send(Method::GET, uri, &[("if-modified-since", &modified)]).await;
        assert_eq!(since.status, StatusCode::NOT_MODIFIED, "{uri}");
        let before = send(Method::GET, uri, &[("if-modified-since", "Sat, 01 Jan 2000 00:00:00 GMT")]).await;
        assert_eq!(before.status, StatusCode::OK, "{uri}");
    }
    let html = send(Method::GET, "/pairs/VN-BY", &[]).await;
    let json = send(Method::GET, "/pairs/VN-BY.json", &[]).await;
    assert_ne!(html.header("etag"), json.header("etag"));
}

#[tokio::test]
async fn one_url_varies_by_accept_and_q_values_are_honoured() {
    for (accept, json) in [
        ("text/html;q=0.5, application/json", true),
        ("application/json", true),
        ("application/json;q=0.9, text/html", false),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", false),
        ("*/*", false),
        ("text/*;q=0.3, application/*", true),
        ("application/json;q=0, */*", false),
    ] {
        let a = send(Method::GET, "/pairs/VN-BY", &[("accept", accept)]).await;
        assert_eq!(a.status, StatusCode::OK);
        let ct = a.header("content-type");
        assert_eq!(ct.starts_with("application/json"), json, "{accept}: {ct}");
        assert!(a.header("vary").to_ascii_lowercase().contains("accept"), "{accept}: {:?}", a.headers);
    }
    let missing = send(Method::GET, "/no/such/page", &[]).await;
    assert!(missing.header("vary").contains("accept"));
}

#[tokio::test]
async fn answers_are_gzipped_when_asked() {
    let plain = send(Method::GET, "/pairs/VN-BY", &[]).await;
    assert_eq!(plain.header("content-encoding"), "");
    let zipped = send(Method::GET, "/pairs/VN-BY", &[("accept-encoding", "gzip")]).await;
    assert_eq!(zipped.status, StatusCode::OK);
    assert_eq!(zipped.header("content-encoding"), "gzip");
    let vary: Vec<_> = zipped.headers.get_all("vary").iter().collect();
    assert!(format!("{vary:?}").to_ascii_lowercase().contains("accept-encoding"), "{vary:?}");
    assert!(zipped.body.len() < plain.body.len());
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&zipped.body[..]).read_to_end(&mut unzipped).unwrap();
    assert_eq!(unzipped, plain.body);
    assert_eq!(zipped.header("etag"), plain.header("etag"));
    let revalidated = send(Method::GET, "/pairs/VN-BY", &[("accept-encoding", "gzip"), ("if-none-match", plain.header("etag"))]).await;
    assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED);
    assert!(revalidated.body.is_empty());
}

#[tokio::test]
async fn unknown_parameters_are_ignored_and_known_ones_checked() {
    let plain = send(Method::GET, "/pairs/VN-BY", &[]).await;
    for uri in ["/pairs/VN-BY?utm_source=x", "/pairs/VN-BY?utm_source=x&fbclid=1&colour=red", "/?utm_source=newsletter"] {
        let a = send(Method::GET, uri, &[]).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&a.body));
        if uri.starts_with("/pairs") {
            assert_eq!(a.body, plain.body, "{uri}");
        }
    }
    let search = send(Method::GET, "/search.json?q=trade&utm_source=x", &[]).await;
    assert_eq!(search.status, StatusCode::OK);
    for uri in ["/pairs/VN-BY?limit=abc&utm_source=x", "/search.json?limit=0&q=trade"] {
        let a = send(Method::GET, uri, &[("accept", "application/json")]).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}");
        let e: serde_json::Value = serde_json::from_slice(&a.body).unwrap();
        assert!(e["error"]["message"].as_str().unwrap().contains("limit must be"), "{e}");
    }
}

#[tokio::test]
async fn a_country_paired_with_itself_unsupported_methods_and_plurals() {
    for uri in ["/pairs/VN-VN", "/pairs/VN-Vietnam.json", "/pairs/by-BLR"] {
        let a = send(Method::GET, uri, &[("accept", "application/json")]).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}");
        let e: serde_json::Value = serde_json::from_slice(&a.body).unwrap();
        let message = e["error"]["message"].as_str().unwrap();
        assert!(message.contains("two different countries"), "{message}");
    }
    for method in ["TRACE", "POST", "PUT", "DELETE", "PATCH"] {
        for uri in ["/", "/pairs/VN-BY", "/search"] {
            let a = send(Method::from_bytes(method.as_bytes()).unwrap(), uri, &[]).await;
            assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}: {:?} {}", a.headers, String::from_utf8_lossy(&a.body));
            assert!(a.header("allow").contains("GET"), "{method} {uri}");
        }
    }
    for _ in 0..2 {
        let head = send(Method::HEAD, "/pairs/VN-BY", &[]).await;
        assert_eq!(head.status, StatusCode::OK);
        assert!(head.body.is_empty());
        let get = send(Method::GET, "/pairs/VN-BY", &[]).await;
        assert!(get.body.len() > 500, "a HEAD answer is never kept for GET");
        assert_eq!(head.header("etag"), get.header("etag"));
    }
    for (uri, noun) in [
        ("/entities/person:nobody", "no entity record"),
        ("/events/event:none", "no event record"),
        ("/agreements/none", "no agreement record"),
        ("/figures/none", "no figure record"),
        ("/commitments/none", "no commitment record"),
    ] {
        let a = send(Method::GET, uri, &[]).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        let body = String::from_utf8_lossy(&a.body);
        assert!(body.contains(noun) && !body.contains("entitie "), "{uri}: {body}");
    }
}

#[tokio::test]
async fn every_answer_has_the_security_headers() {
    for uri in ["/", "/pairs/VN-BY", "/no/such/page", "/static/style.css"] {
        let a = send(Method::GET, uri, &[]).await;
        assert_eq!(a.header("referrer-policy"), "no-referrer", "{uri}");
        assert_eq!(a.header("x-content-type-options"), "nosniff", "{uri}");
        assert!(a.header("content-security-policy").contains("default-src 'none'"));
    }
}

/// A server on a free loopback port whose header limit is `limit`.
async fn server(limit: Duration) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = accord_serve::AppState::open(&kb().1).unwrap();
    tokio::spawn(accord_serve::serve_listener_with(listener, state, limit));
    addr
}

/// Read until the server closes the connection; what it sent, and when.
async fn until_closed(stream: &mut tokio::net::TcpStream) -> (String, Instant) {
    let mut got = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut got)).await;
    assert!(read.is_ok(), "the server never closed the connection");
    (String::from_utf8_lossy(&got).into_owned(), Instant::now())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_connections_are_closed_after_the_header_limit() {
    let limit = Duration::from_millis(800);
    let addr = server(limit).await;

    // A request line sent in part, then nothing.
    let started = Instant::now();
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /pairs/VN-BY HT").await.unwrap();
    let (got, at) = until_closed(&mut slow).await;
    let took = at - started;
    assert!(took >= limit / 2 && took < limit * 4, "closed after {took:?}");
    assert!(!got.contains("200 OK"), "{got}");

    // A connection that says nothing at all.
    let started = Instant::now();
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (_, at) = until_closed(&mut idle).await;
    assert!(at - started < limit * 4, "closed after {:?}", at - started);

    // A kept-alive connection answered once, then idle.
    let mut kept = tokio::net::TcpStream::connect(addr).await.unwrap();
    kept.write_all(b"GET /index.json HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let started = Instant::now();
    let (got, at) = until_closed(&mut kept).await;
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    assert!(at - started < limit * 4, "closed after {:?}", at - started);

    // A prompt client is answered as usual.
    let mut prompt = tokio::net::TcpStream::connect(addr).await.unwrap();
    prompt.write_all(b"GET /pairs/VN-BY HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n").await.unwrap();
    let (got, _) = until_closed(&mut prompt).await;
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    assert!(got.to_ascii_lowercase().contains("content-encoding: gzip"));
}
