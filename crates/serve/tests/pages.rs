//! The pages and their JSON twins over a knowledge base built from
//! ../shared/corpus/seeds: what each shows, the links between them, the
//! error envelopes, and the OpenAPI description against the router.

mod common;

use axum::http::{Method, StatusCode};
use axum::Router;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn seeds_app() -> Option<&'static Router> {
    static APP: OnceLock<Option<(Router, tempfile::TempDir)>> = OnceLock::new();
    APP.get_or_init(|| shared().map(|s| app_over(&s.join("corpus/seeds")))).as_ref().map(|(app, _)| app)
}

/// The pair of the home page with the most records (seeds are about one pair).
async fn first_pair(app: &Router) -> String {
    let home = get(app, "/index.json").await.json();
    let p = &home["pairs"][0];
    format!("{}-{}", p["a"]["code"].as_str().unwrap(), p["b"]["code"].as_str().unwrap())
}

#[tokio::test]
async fn home_lists_the_pairs_with_counts_and_a_search_box() {
    let Some(app) = seeds_app() else { return };
    let html = get(app, "/").await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.content_type.starts_with("text/html"), "{}", html.content_type);
    assert!(html.body.contains("<form") && html.body.contains("name=\"q\""));
    let json = get(app, "/index.json").await;
    assert!(json.content_type.starts_with("application/json"));
    let home = json.json();
    assert_eq!(home["documents"].as_u64(), Some(5), "{home}");
    let pairs = home["pairs"].as_array().unwrap();
    let vn_by = pairs
        .iter()
        .find(|p| {
            let codes = BTreeSet::from([p["a"]["code"].as_str().unwrap(), p["b"]["code"].as_str().unwrap()]);
            codes == BTreeSet::from(["BY", "VN"])
        })
        .expect("the seeds' pair is listed");
    assert!(vn_by["events"].as_u64().unwrap() > 0 && vn_by["agreements"].as_u64().unwrap() > 0, "{vn_by}");
    assert!(vn_by["latest"].as_str().is_some_and(|d| d.len() >= 4));
    let slug = first_pair(app).await;
    assert!(html.body.contains(&format!("href=\"/pairs/{slug}\"")), "the page links each pair");
    // Accept: application/json on the page itself gives the same JSON.
    assert_eq!(get_json(app, "/").await.json(), home);
}

#[tokio::test]
async fn the_pair_page_shows_each_section_and_its_twin_is_the_same_model() {
    let Some(app) = seeds_app() else { return };
    let page = get(app, "/pairs/VN-BY").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for section in ["id=\"timeline\"", "id=\"agreements\"", "id=\"figures\"", "id=\"commitments\"", "id=\"conflicts\""] {
        assert!(page.body.contains(section), "{section}");
    }
    assert!(page.body.contains("<svg") && page.body.contains("mark-link"), "the timeline is drawn");
    let by_suffix = get(app, "/pairs/VN-BY.json").await.json();
    let by_accept = get_json(app, "/pairs/VN-BY").await.json();
    assert_eq!(by_suffix, by_accept);
    // Names are accepted as well as codes.
    assert_eq!(get(app, "/pairs/Vietnam-Belarus.json").await.json()["timeline"], by_suffix["timeline"]);

    let events = by_suffix["timeline"]["items"].as_array().unwrap();
    assert!(!events.is_empty());
    assert_eq!(by_suffix["timeline"]["total"].as_u64(), Some(events.len() as u64));
    let dates: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in date order: {dates:?}");
    // Every event, agreement and figure of the model is linked from the page.
    for (list, kind) in [("timeline", "events"), ("agreements", "agreements"), ("figures", "figures")] {
        for item in by_suffix[list]["items"].as_array().unwrap() {
            let link = format!("href=\"/{kind}/{}\"", seg(item["id"].as_str().unwrap()));
            assert!(page.body.contains(&link), "{link}");
        }
    }
    let areas: Vec<&str> = by_suffix["commitments_by_area"].as_array().unwrap().iter().map(|g| g["area"].as_str().unwrap()).collect();
    assert!(!areas.is_empty() && areas.windows(2).all(|w| w[0] < w[1]), "{areas:?}");
    for g in by_suffix["commitments_by_area"].as_array().unwrap() {
        for c in g["commitments"].as_array().unwrap() {
            assert!(c["areas"].as_array().unwrap().iter().any(|a| a == &g["area"]) || g["area"] == "other");
        }
    }
}

#[tokio::test]
async fn a_limit_cuts_each_list_and_says_how_many_there_are() {
    let Some(app) = seeds_app() else { return };
    let full = get(app, "/pairs/VN-BY.json").await.json();
    let total = full["timeline"]["total"].as_u64().unwrap();
    assert!(total > 1);
    let cut = get(app, "/pairs/VN-BY.json?limit=1").await.json();
    assert_eq!(cut["timeline"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(cut["timeline"]["total"].as_u64(), Some(total));
    assert_eq!(cut["timeline"]["items"][0], full["timeline"]["items"][0]);
    let page = get(app, "/pairs/VN-BY?limit=1").await.body;
    assert!(page.contains(&format!("Showing 1 of {total}")) && page.contains("href=\"?limit=4\""));
}

#[tokio::test]
async fn a_timeline_item_leads_to_its_sources_and_each_source_to_its_sentence() {
    let Some(app) = seeds_app() else { return };
    let pair = get(app, "/pairs/VN-BY.json").await.json();
    for event in pair["timeline"]["items"].as_array().unwrap() {
        let id = event["id"].as_str().unwrap();
        let record = get(app, &format!("/events/{}.json", seg(id))).await;
        assert_eq!(record.status, StatusCode::OK, "{id}: {}", record.body);
        let record = record.json();
        assert_eq!(record["kind"], "events");
        assert_eq!(record["record"]["date"], event["date"]);
        let sources = record["sources"]["items"].as_array().unwrap();
        assert_eq!(sources.len() as u64, event["sources"].as_u64().unwrap());
        for s in sources {
            // The quote is the text at the offsets of the sentence it stands in.
            let sentence = s["sentence"].as_str().expect("a sentence holds the evidence");
            let base = s["sentence_start"].as_i64().unwrap();
            let (a, b) = (s["byte_start"].as_i64().unwrap() - base, s["byte_end"].as_i64().unwrap() - base);
            assert!(a >= 0, "{s}");
            let inside = sentence.get(a as usize..(b as usize).min(sentence.len())).unwrap();
            assert!(s["quote"].as_str().unwrap().starts_with(inside), "{s}");
            // The document page has that sentence as an anchor.
            let doc = get(app, &format!("/documents/{}", seg(s["doc"].as_str().unwrap()))).await;
            assert_eq!(doc.status, StatusCode::OK);
            assert!(doc.body.contains(&format!("id=\"b-{base}\"")), "anchor b-{base}");
        }
        let html = get(app, &format!("/events/{}", seg(id))).await.body;
        assert!(html.contains("<mark>"), "the evidence is marked in its sentence");
    }
}

#[tokio::test]
async fn every_agreement_and_every_record_a_document_links_to_answers() {
    let Some(app) = seeds_app() else { return };
    let pair = get(app, "/pairs/VN-BY.json").await.json();
    for a in pair["agreements"]["items"].as_array().unwrap() {
        let page = get(app, &format!("/agreements/{}", seg(a["id"].as_str().unwrap()))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Sources"));
    }
    let seeds = shared().unwrap().join("corpus/seeds");
    let mut linked = 0;
    for entry in std::fs::read_dir(seeds).unwrap() {
        let id = entry.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned();
        let doc = get(app, &format!("/documents/{}.json", seg(&id))).await;
        assert_eq!(doc.status, StatusCode::OK, "{id}");
        let doc = doc.json();
        let sentences = doc["sentences"].as_array().unwrap();
        assert!(!sentences.is_empty());
        let spans = doc["spans"].as_array().unwrap();
        assert!(spans.iter().any(|s| s["kind"] == "mention") && spans.iter().any(|s| s["kind"] != "mention"));
        let html = get(app, &format!("/documents/{}", seg(&id))).await.body;
        assert!(html.contains("class=\"s ev\""), "evidence sentences are highlighted");
        for s in spans.iter().filter(|s| s["kind"] != "mention") {
            let (kind, record) = (s["kind"].as_str().unwrap(), s["record"].as_str().unwrap());
            let href = format!("/{kind}/{}", seg(record));
            assert!(html.contains(&format!("href=\"{href}\"")), "{href} linked from {id}");
            assert_eq!(get(app, &href).await.status, StatusCode::OK, "{href}");
            linked += 1;
        }
        for s in spans.iter().filter(|s| s["kind"] == "mention" && s["record"].is_string()).take(5) {
            let href = format!("/entities/{}", seg(s["record"].as_str().unwrap()));
            assert_eq!(get(app, &href).await.status, StatusCode::OK, "{href}");
        }
    }
    assert!(linked > 10, "{linked} record links");
}

#[tokio::test]
async fn search_ignores_diacritics_and_case() {
    let Some(app) = seeds_app() else { return };
    // A word with marks, taken from a stored sentence, searched with and without them.
    let seeds = shared().unwrap().join("corpus/seeds");
    let mut word = None;
    for entry in std::fs::read_dir(seeds).unwrap() {
        let id = entry.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned();
        let doc = get(app, &format!("/documents/{}.json", seg(&id))).await.json();
        word = doc["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["text"].as_str().unwrap().split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .find(|w| w.chars().count() > 3 && !w.is_ascii() && w.chars().all(char::is_alphabetic));
        if word.is_some() {
            break;
        }
    }
    let word = word.expect("a word with diacritics in the seeds");
    let plain = accord_lang::fold_word(&word);
    assert_ne!(plain, word);
    let marked = get(app, &format!("/search.json?q={}", seg(&word))).await.json();
    let folded = get(app, &format!("/search.json?q={}", seg(&plain.to_uppercase()))).await.json();
    assert!(!marked["hits"].as_array().unwrap().is_empty(), "{word}");
    assert_eq!(marked["hits"], folded["hits"], "{word} / {plain}");
    let html = get(app, &format!("/search?q={}", seg(&plain))).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("href=\"/documents/"));
    assert_eq!(get(app, "/search").await.status, StatusCode::OK, "the form alone");
}

#[tokio::test]
async fn bad_parameters_are_400_and_unknown_ids_404_in_one_envelope() {
    let Some(app) = seeds_app() else { return };
    let long = "x".repeat(400);
    for (uri, status) in [
        ("/pairs/VNBY", 400),
        ("/pairs/VN-", 400),
        ("/pairs/VN-BY?limit=0", 400),
        ("/pairs/VN-BY?limit=abc", 400),
        ("/pairs/VN-BY?limit=100000", 400),
        ("/pairs/VN-VN", 400),
        ("/pairs/vn-VNM", 400),
        ("/search.json", 400),
        ("/search.json?q=%20--%20", 400),
        (&format!("/search.json?q={long}"), 400),
        (&format!("/events/{long}"), 400),
        ("/events/%FF%FE", 400),
        ("/pairs/VN-Atlantis", 404),
        ("/events/event:0000000000000000", 404),
        ("/agreements/nothing", 404),
        ("/entities/person:nobody-at-all", 404),
        ("/documents/no-such-document", 404),
        ("/no/such/page", 404),
        ("/pairs", 404),
    ] {
        for accept in [None, Some("application/json")] {
            let answer = request(app, Method::GET, uri, accept).await;
            assert_eq!(answer.status.as_u16(), status, "{uri}: {}", answer.body);
            if accept.is_some() || uri.split('?').next().unwrap().ends_with(".json") {
                let e = answer.json();
                assert_eq!(e["error"]["status"].as_u64(), Some(status as u64), "{uri}");
                assert!(e["error"]["code"].is_string());
                assert!(e["error"]["message"].as_str().unwrap().len() > 10, "{uri}: {e}");
            } else {
                assert!(answer.content_type.starts_with("text/html"), "{uri}");
                assert!(answer.body.contains("class=\"error-message\""), "{uri}");
            }
        }
    }
    let post = request(app, Method::POST, "/pairs/VN-BY", Some("application/json")).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.json()["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn odd_requests_never_fail_the_server() {
    let Some(app) = seeds_app() else { return };
    for uri in [
        "/pairs/%00-%00",
        "/pairs/-",
        "/pairs/VN-BY.json.json",
        "/pairs/VN-BY?limit=-1",
        "/pairs/VN-BY?limit=%FF",
        "/documents/..%2F..%2Fetc%2Fpasswd",
        "/documents/.json",
        "/events/%22%3E%3Cscript%3E",
        "/search?q=%22%20OR%20*",
        "/search?q=NEAR(a%20b)",
        "/search?q=%E2%80%AE",
        "/search?q=a&q=b&limit=1",
        "/static/style.css",
        "/openapi.json",
    ] {
        let answer = get(app, uri).await;
        assert!(answer.status.as_u16() < 500, "{uri}: {} {}", answer.status, answer.body);
    }
    let unknown = get(app, "/pairs/%3Cscript%3E-x").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(!unknown.body.contains("<script") && unknown.body.contains("&lt;script&gt;"));
}

/// Each documented path, with the ids of real records for its parameters.
async fn concrete_paths(app: &Router, spec: &Value) -> Vec<(String, String)> {
    let pair = get(app, "/pairs/VN-BY.json").await.json();
    let first = |list: &str| pair[list]["items"][0]["id"].as_str().map(str::to_string);
    let commitment = pair["commitments_by_area"][0]["commitments"][0]["id"].as_str().map(str::to_string);
    // A document that is a source of the first event, and an entity it mentions.
    let event = get(app, &format!("/events/{}.json", seg(&first("timeline").unwrap_or_default()))).await.json();
    let document = event["sources"]["items"][0]["doc"].as_str().map(str::to_string);
    let entity = get(app, &format!("/documents/{}.json", seg(document.as_deref().unwrap_or_default()))).await.json()["spans"]
        .as_array()
        .and_then(|s| s.iter().find_map(|s| (s["kind"] == "mention").then(|| s["record"].as_str()).flatten()))
        .map(str::to_string);
    let mut out = Vec::new();
    for path in spec["paths"].as_object().unwrap().keys() {
        let id = match path.split('/').nth(1).unwrap_or("") {
            "events" => first("timeline"),
            "agreements" => first("agreements"),
            "figures" => first("figures"),
            "commitments" => commitment.clone(),
            "entities" => entity.clone(),
            "documents" => document.clone(),
            _ => None,
        };
        let mut concrete = path.replace("{pair}", "VN-BY").replace("{table}", "events").replace("{code}", "VN");
        if let Some(id) = id {
            concrete = concrete.replace("{id}", &seg(&id));
        }
        if path.starts_with("/search") {
            concrete.push_str("?q=belarus");
        }
        out.push((path.clone(), concrete));
    }
    out
}

#[tokio::test]
async fn the_openapi_description_follows_the_router() {
    let Some(app) = seeds_app() else { return };
    let answer = get(app, "/openapi.json").await;
    assert_eq!(answer.status, StatusCode::OK);
    let spec = answer.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let documented: BTreeSet<&str> = spec["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    let routed = accord_serve::routes();
    let routed: BTreeSet<&str> = routed.iter().map(String::as_str).collect();
    assert_eq!(documented, routed, "every route is documented and every documented path is routed");
    for (path, uri) in concrete_paths(app, &spec).await {
        assert!(!uri.contains('{'), "{path}: no record to fill in {uri}");
        let op = &spec["paths"][&path]["get"];
        assert!(op.is_object(), "{path} documents GET");
        // Every parameter the path takes is documented.
        for name in path.split('{').skip(1).map(|p| p.split('}').next().unwrap()) {
            assert!(op["parameters"].as_array().unwrap().iter().any(|p| p["name"] == name && p["in"] == "path"));
        }
        let ok = &op["responses"]["200"]["content"];
        let json_schema = ok["application/json"]["schema"]["$ref"].as_str();
        let answer = get_json(app, &uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        if let Some(reference) = json_schema {
            let name = reference.rsplit('/').next().unwrap();
            let schema = &spec["components"]["schemas"][name];
            let body = answer.json();
            for field in schema["required"].as_array().into_iter().flatten() {
                assert!(body.get(field.as_str().unwrap()).is_some(), "{uri}: {field} of {name}");
            }
            for field in body.as_object().unwrap().keys() {
                assert!(schema["properties"].get(field).is_some(), "{uri}: {field} is not in {name}");
            }
        }
        if ok.get("text/html").is_some() {
            let html = get(app, &uri).await;
            assert!(html.content_type.starts_with("text/html"), "{uri}");
        }
        // The documented error answers name the envelope.
        for code in op["responses"].as_object().unwrap().keys().filter(|c| *c != "200") {
            assert!(spec["components"]["responses"][format!("E{code}")].is_object(), "{path} {code}");
        }
    }
}
