//! Test helpers: a knowledge base built by ingesting articles into a temp
//! dir, and one-shot requests through the router.

#![allow(dead_code)]

use accord_read::{expand, read_source, Input};
use accord_serve::{router, AppState};
use accord_store::{Incoming, KnowledgeStore, PutOptions, SqliteStore};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

pub fn shared() -> Option<PathBuf> {
    accord_testdata::shared("corpus/seeds", "the tests on the seeds corpus were")
}

/// Ingest every article under `input` into `db`, as `accord ingest` does.
pub fn ingest(input: &Path, db: &Path) {
    let (sources, errors) = expand(&[Input::Path(input.to_path_buf())]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut store = SqliteStore::create(db).expect("database created");
    for doc in sources.iter().flat_map(read_source) {
        let doc = doc.expect("readable article");
        let incoming = Incoming::read(&doc);
        let facts = accord_extract::document(doc);
        store.put_document(&incoming, &facts, &PutOptions::new("test")).expect("stored");
    }
    store.refresh_merged(false).expect("merged");
    store.checkpoint().expect("checkpoint");
}

/// A router over a database built from `input`, and the temp dir that holds it.
pub fn app_over(input: &Path) -> (Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    ingest(input, &db);
    (router(AppState::open(&db).expect("opened read-only")), dir)
}

pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
    pub csp: String,
    pub nosniff: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", &self.body))
    }
}

pub async fn request(app: &Router, method: Method, uri: &str, accept: Option<&str>) -> Answer {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(a) = accept {
        req = req.header("accept", a);
    }
    let res = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.expect("answered");
    let status = res.status();
    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let (content_type, csp, nosniff) = (header("content-type"), header("content-security-policy"), header("x-content-type-options"));
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    Answer { status, content_type, body: String::from_utf8(bytes.to_vec()).expect("UTF-8 body"), csp, nosniff }
}

pub async fn get(app: &Router, uri: &str) -> Answer {
    request(app, Method::GET, uri, None).await
}

pub async fn get_json(app: &Router, uri: &str) -> Answer {
    request(app, Method::GET, uri, Some("application/json")).await
}

/// A path segment percent-encoded as the pages write it.
pub fn seg(s: &str) -> String {
    accord_serve::links::encode_segment(s)
}
