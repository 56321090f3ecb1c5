//! Pages follow the database: answers kept for one generation are not given
//! after an ingest writes, while the server keeps running; nor are their tags.

mod common;

use common::*;

/// A server over a database of one article (a signing); the database's folder.
fn app_over_one_signing() -> (axum::Router, tempfile::TempDir) {
    let input = tempfile::tempdir().unwrap();
    let text = " date 2024-05-02\nVietnam and Belarus signed an agreement on trade in Minsk on May 2, 2024.";
    std::fs::write(input.path().join("a.txt"), text).unwrap();
    app_over(input.path())
}

#[tokio::test]
async fn an_ingest_while_serving_shows_on_the_next_request() {
    let (app, db_dir) = app_over_one_signing();
    for _ in 0..2 {
        assert_eq!(get(&app, "/index.json").await.json()["documents"], 1);
        assert!(get(&app, "/").await.body.contains("1 document in the knowledge base"));
    }
    let more = tempfile::tempdir().unwrap();
    std::fs::write(more.path().join("b.txt"), " date 2024-06-03\nVietnam and Belarus held talks in Hanoi on June 3, 2024.").unwrap();
    ingest(more.path(), &db_dir.path().join("kb.db"));
    assert_eq!(get(&app, "/index.json").await.json()["documents"], 2);
    assert!(get(&app, "/").await.body.contains("2 documents"));
}

#[tokio::test]
async fn a_tag_from_before_an_ingest_no_longer_gives_304() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let (app, db_dir) = app_over_one_signing();
    let send = |tag: Option<String>| {
        let app = app.clone();
        async move {
            let mut req = Request::builder().uri("/index.json");
            if let Some(t) = tag {
                req = req.header("if-none-match", t);
            }
            let res = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
            let tag = res.headers()["etag"].to_str().unwrap().to_string();
            (res.status().as_u16(), tag)
        }
    };
    let (status, tag) = send(None).await;
    assert_eq!(status, 200);
    assert_eq!(send(Some(tag.clone())).await.0, 304);
    let more = tempfile::tempdir().unwrap();
    std::fs::write(more.path().join("b.txt"), " date 2024-06-03\nVietnam and Belarus held talks in Hanoi on June 3, 2024.").unwrap();
    ingest(more.path(), &db_dir.path().join("kb.db"));
    let (status, new_tag) = send(Some(tag.clone())).await;
    assert_eq!(status, 200, "the page changed, so the old tag is stale");
    assert_ne!(new_tag, tag);
}
