//! Over the seeds: entity, event and country pages link each other both
//! ways; a pair's tables filter, sort, page and download the rows they show;
//! documents show a headline and outlet; one order for a pair everywhere.

mod common;

use axum::http::StatusCode;
use axum::Router;
use common::*;
use serde_json::Value;
use std::sync::OnceLock;

fn seeds_app() -> Option<&'static Router> {
    static APP: OnceLock<Option<(Router, tempfile::TempDir)>> = OnceLock::new();
    APP.get_or_init(|| shared().map(|s| app_over(&s.join("corpus/seeds")))).as_ref().map(|(app, _)| app)
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn an_entity_lists_its_records_and_they_link_back() {
    let Some(app) = seeds_app() else { return };
    let uri = "/entities/person:aleksandr-lukashenko";
    let entity = get(app, &format!("{uri}.json")).await.json();
    let events = ids(&entity["related"]["events"]["items"]);
    let agreements = ids(&entity["related"]["agreements"]["items"]);
    assert!(events.len() >= 3 && !agreements.is_empty(), "{}", entity["related"]);
    let page = get(app, uri).await.body;
    for id in events.iter().map(|i| format!("/events/{}", seg(i))).chain(agreements.iter().map(|i| format!("/agreements/{}", seg(i)))) {
        assert!(page.contains(&format!("href=\"{id}\"")), "the entity page links {id}");
        let back = get(app, &id).await;
        assert_eq!(back.status, StatusCode::OK);
        assert!(back.body.contains(&format!("href=\"{uri}\"")), "{id} links back to the entity");
    }
    // The meeting of 27 June 2017 names him as a participant, linked.
    let meeting = get(app, "/events/event:6c023253f2d4a00c.json").await.json();
    let who: Vec<&str> = meeting["related"]["participants"].as_array().unwrap().iter().filter_map(|p| p["id"].as_str()).collect();
    assert!(who.contains(&"person:aleksandr-lukashenko"), "{who:?}");
    assert_eq!(meeting["related"]["pair"], "BY-VN");
    assert!(!meeting["related"]["agreements"]["items"].as_array().unwrap().is_empty(), "the joint statement signed that day");
}

#[tokio::test]
async fn record_pages_read_as_prose_with_countries_named_and_linked() {
    let Some(app) = seeds_app() else { return };
    let pair = get(app, "/pairs/VN-BY.json").await.json();
    let visit =
        pair["timeline"]["items"].as_array().unwrap().iter().find(|e| e["date"] == "2025-05-11/2025-05-12").expect("the 2025 visit");
    let page = get(app, &format!("/events/{}", seg(visit["id"].as_str().unwrap()))).await.body;
    assert!(page.contains("11–12 May 2025") && !page.contains(">2025-05-11/2025-05-12<"), "the date in words");
    assert!(page.contains("href=\"/countries/BY\"") && page.contains(">Belarus</a>"), "the host is named and linked");
    assert!(page.contains("href=\"/pairs/BY-VN\""), "the pair is linked");
    let agreement = pair["agreements"]["items"].as_array().unwrap().iter().find(|a| a["in_force"].is_string()).expect("one in force");
    let page = get(app, &format!("/agreements/{}", seg(agreement["id"].as_str().unwrap()))).await.body;
    assert!(page.contains("<dt>In force</dt>") && !page.contains("in_force"), "labels, not field names");
}

#[tokio::test]
async fn a_country_lists_its_partners_with_counts_and_latest_event() {
    let Some(app) = seeds_app() else { return };
    let country = get(app, "/countries/VN.json").await.json();
    assert_eq!(country["country"]["name"], "Vietnam");
    let by = country["partners"].as_array().unwrap().iter().find(|p| p["partner"]["code"] == "BY").expect("Belarus");
    let pair = get(app, "/pairs/VN-BY.json").await.json();
    assert_eq!(by["events"], pair["timeline"]["total"]);
    assert_eq!(by["agreements"], pair["agreements"]["total"]);
    assert!(by["latest"]["date"].as_str().unwrap().starts_with("2025-05"), "{}", by["latest"]);
    let html = get(app, "/countries/Vietnam").await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.body.contains("href=\"/pairs/BY-VN\"")
            && html.body.contains(&format!("href=\"/events/{}\"", seg(by["latest"]["id"].as_str().unwrap())))
    );
    assert_eq!(get(app, "/countries/XX").await.status, StatusCode::NOT_FOUND);
    // Country names on the pair page lead to it.
    assert!(get(app, "/pairs/VN-BY").await.body.contains("href=\"/countries/VN\""));
}

#[tokio::test]
async fn a_pair_table_filters_sorts_pages_and_downloads_its_rows() {
    let Some(app) = seeds_app() else { return };
    let all = get(app, "/pairs/VN-BY/events.json").await.json();
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 10);
    let kept = get(app, "/pairs/VN-BY/events.json?since=2015&until=2017&type=visit,meeting").await.json();
    let rows = kept["rows"].as_array().unwrap();
    assert!(!rows.is_empty() && (rows.len() as u64) < total);
    for r in rows {
        let date = r["date"].as_str().unwrap();
        assert!(("2015".."2018").contains(&date) && ["visit", "meeting"].contains(&r["type"].as_str().unwrap()), "{r}");
    }
    let sorted = get(app, "/pairs/VN-BY/events.json?sort=date&order=desc").await.json();
    let dates: Vec<&str> = sorted["rows"].as_array().unwrap().iter().filter_map(|r| r["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // Pages: two pages of 5 are the first ten rows.
    let (p1, p2) =
        (get(app, "/pairs/VN-BY/events.json?per_page=5").await.json(), get(app, "/pairs/VN-BY/events.json?per_page=5&page=2").await.json());
    let first_ten: Vec<String> = ids(&all["rows"]).into_iter().take(10).collect();
    assert_eq!([ids(&p1["rows"]), ids(&p2["rows"])].concat(), first_ten);
    assert_eq!(p1["pages"].as_u64().unwrap(), total.div_ceil(5));
    // The CSV holds the rows of the page, in its order; the page links it.
    let query = "?since=2015&type=visit&sort=date&order=desc";
    let page = get(app, &format!("/pairs/VN-BY/events{query}")).await;
    let json = get(app, &format!("/pairs/VN-BY/events.json{query}")).await.json();
    assert!(
        page.body.contains("href=\"/pairs/BY-VN/events.csv?since=2015&amp;type=visit&amp;sort=date&amp;order=desc\""),
        "the page links its CSV"
    );
    for csv in
        [get(app, &format!("/pairs/VN-BY/events.csv{query}")).await, get(app, &format!("/pairs/VN-BY/events{query}&format=csv")).await]
    {
        assert!(csv.content_type.starts_with("text/csv"));
        let csv_ids: Vec<String> = csv.body.lines().skip(1).map(|l| l.split(',').next().unwrap().to_string()).collect();
        assert_eq!(csv_ids, ids(&json["rows"]));
    }
    for r in ids(&json["rows"]) {
        assert!(page.body.contains(&format!("href=\"/events/{}\"", seg(&r))));
    }
    // Sorting is a link in the header; unknown parameters are ignored; bad values name the valid ones.
    assert!(page.body.contains("href=\"/pairs/BY-VN/events?since=2015&amp;type=visit&amp;sort=date&amp;order=asc\""));
    assert_eq!(get(app, &format!("/pairs/VN-BY/events.json{query}&utm_source=x")).await.json(), json);
    for (bad, names) in [
        ("type=parade", "visit, meeting"),
        ("since=last-year", "2024-05"),
        ("sort=title", "date, type"),
        ("order=up", "asc, desc"),
        ("lang=fr", "en, vi, ru"),
        ("per_page=0", "1 to 1000"),
    ] {
        let answer = get(app, &format!("/pairs/VN-BY/events.json?{bad}")).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(answer.json()["error"]["message"].as_str().unwrap().contains(names), "{bad}: {}", answer.body);
    }
    assert_eq!(get(app, "/pairs/VN-BY/parades").await.status, StatusCode::NOT_FOUND);
    // The pair page takes the same filters for every list.
    let filtered = get(app, "/pairs/VN-BY.json?type=milestone").await.json();
    assert!(filtered["timeline"]["items"].as_array().unwrap().iter().all(|e| e["type"] == "milestone"));
    assert_eq!(filtered["filters"]["type"][0], "milestone");
}

#[tokio::test]
async fn a_document_shows_its_headline_and_outlet() {
    let Some(app) = seeds_app() else { return };
    let doc = get(app, "/documents/000_cf0d204396dcba2c.json").await.json();
    assert!(doc["headline"].as_str().unwrap().starts_with("The state visit to Belarus"), "{}", doc["headline"]);
    assert_eq!(doc["headline_from_text"], true);
    assert_eq!(doc["outlet"]["name"], "Viet Nam News", "VNS is known");
    let page = get(app, "/documents/000_cf0d204396dcba2c").await.body;
    assert!(page.contains("The state visit to Belarus") && page.contains(">Viet Nam News</bdi>"));
    let vi = get(app, "/documents/003_c7a8ea673d2022a5").await.body;
    assert!(vi.contains("<article class=\"document\" lang=\"vi\">"), "Vietnamese text is marked as such");
}

#[tokio::test]
async fn the_home_page_and_the_pair_page_write_a_pair_in_one_order() {
    let Some(app) = seeds_app() else { return };
    let home = get(app, "/index.json").await.json();
    let p = &home["pairs"][0];
    let (a, b) = (p["a"]["name"].as_str().unwrap(), p["b"]["name"].as_str().unwrap());
    for uri in ["/pairs/VN-BY.json", "/pairs/BY-VN.json", "/pairs/Vietnam-Belarus.json"] {
        let pair = get(app, uri).await.json();
        assert_eq!((pair["a"]["name"].as_str().unwrap(), pair["b"]["name"].as_str().unwrap()), (a, b), "{uri}");
    }
}

#[tokio::test]
async fn a_record_cites_its_documents_by_headline_and_outlet() {
    let Some(app) = seeds_app() else { return };
    let uri = "/entities/person:aleksandr-lukashenko";
    let entity = get(app, &format!("{uri}.json")).await.json();
    let sources = entity["sources"]["items"].as_array().unwrap();
    assert!(!sources.is_empty());
    let page = get(app, uri).await.body;
    let list = page.split("<ol class=\"sources\"").nth(1).unwrap().split("</ol>").next().unwrap();
    for s in sources {
        let doc = s["doc"].as_str().unwrap();
        let shown = get(app, &format!("/documents/{}.json", seg(doc))).await.json();
        assert_eq!(s["headline"], shown["headline"], "{doc}: the document page's headline");
        assert_eq!(s["outlet"], shown["outlet"], "{doc}: the document page's outlet");
        let headline = shown["headline"].as_str().unwrap();
        let escaped = headline.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        assert!(list.contains(&format!("><bdi>{escaped}</bdi></a>")), "{doc}: the source list shows its headline");
        assert!(!list.contains(&format!("<bdi>{doc}</bdi>")) || headline == doc, "{doc}: not the bare document id");
    }
    assert!(list.contains("<span class=\"outlet\"><a href=\"/entities/"), "an outlet the knowledge base knows is linked to its entity");
}

#[tokio::test]
async fn the_home_page_links_each_country_to_its_page() {
    let Some(app) = seeds_app() else { return };
    let home = get(app, "/").await.body;
    for code in ["VN", "BY"] {
        assert!(home.contains(&format!("href=\"/countries/{code}\"")), "the home page links /countries/{code}");
    }
    assert!(home.contains("href=\"/pairs/BY-VN\"") || home.contains("href=\"/pairs/VN-BY\""), "and the pair page");
}
