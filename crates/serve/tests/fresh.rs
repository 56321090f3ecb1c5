//! Pages follow the database: answers kept for one generation are not given
//! after an ingest writes, while the server keeps running.

mod common;

use common::*;

#[tokio::test]
async fn an_ingest_while_serving_shows_on_the_next_request() {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(
        input.path().join("a.txt"),
        " date 2024-05-02\nVietnam and Belarus signed an agreement on trade in Minsk on May 2, 2024.",
    )
    .unwrap();
    let (app, db_dir) = app_over(input.path());
    for _ in 0..2 {
        assert_eq!(get(&app, "/index.json").await.json()["documents"], 1);
        assert!(get(&app, "/").await.body.contains("1 documents"));
    }
    let more = tempfile::tempdir().unwrap();
    std::fs::write(
        more.path().join("b.txt"),
        " date 2024-06-03\nVietnam and Belarus held talks in Hanoi on June 3, 2024.",
    )
    .unwrap();
    ingest(more.path(), &db_dir.path().join("kb.db"));
    assert_eq!(get(&app, "/index.json").await.json()["documents"], 2);
    assert!(get(&app, "/").await.body.contains("2 documents"));
}
