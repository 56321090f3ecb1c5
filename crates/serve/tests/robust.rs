//! Any request gets an answer below 500: random path segments and query
//! strings (percent-escapes, control characters, any script) on every route.

mod common;

use axum::Router;
use common::*;
use proptest::prelude::*;
use std::sync::OnceLock;

fn app() -> &'static Router {
    static APP: OnceLock<(Router, tempfile::TempDir)> = OnceLock::new();
    &APP.get_or_init(|| {
        let input = tempfile::tempdir().unwrap();
        std::fs::write(
            input.path().join("a.txt"),
            " date 2024-05-02\nVietnam and Belarus signed an agreement on trade in Minsk on May 2, 2024. \
             The two sides agreed to raise trade to 500 million USD by 2030.",
        )
        .unwrap();
        app_over(input.path())
    })
    .0
}

const PREFIXES: &[&str] = &[
    "/",
    "/index.json",
    "/search",
    "/search.json",
    "/pairs/",
    "/entities/",
    "/events/",
    "/agreements/",
    "/figures/",
    "/commitments/",
    "/documents/",
    "/static/",
];

/// Text made of pieces that stress URL decoding and the handlers.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => "[a-zA-Z0-9._~:-]{0,12}",
        1 => "%[0-9A-Fa-f]{2}",
        9 => accord_testdata::one_of(&["%", "..", "/", ".json", "-", "%00", "%E2%80%AE", "%C3%A0", "\"*NEAR("]),
        1 => "[0-9]{1,25}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..8).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn no_request_fails_the_server(prefix in prop::sample::select(PREFIXES), path in text(),
                                   key in prop::sample::select(&["q", "limit", "x", "q[]", ""][..]), value in text()) {
        let uri = format!("{prefix}{path}?{key}={value}");
        // Only URIs that an HTTP client could send reach the router.
        prop_assume!(uri.parse::<axum::http::Uri>().is_ok());
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (plain, json) = runtime.block_on(async { (get(app(), &uri).await, get_json(app(), &uri).await) });
        prop_assert!(plain.status.as_u16() < 500, "{uri}: {} {}", plain.status, plain.body);
        prop_assert!(json.status.as_u16() < 500, "{uri}: {} {}", json.status, json.body);
        if !json.status.is_success() && !json.content_type.starts_with("text/css") {
            let e = json.json();
            prop_assert_eq!(e["error"]["status"].as_u64(), Some(json.status.as_u16() as u64));
        }
    }
}
