//! Hostile articles, written here, ingested and rendered: every page that
//! shows their text must show it as text. Each page's markup is scanned:
//! only the elements our templates write, no event-handler attributes, and
//! links only to our own paths or to http(s).

mod common;

use axum::http::StatusCode;
use axum::Router;
use common::*;
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeSet;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "\"><svg onload=alert(3)>",
    "' onmouseover='alert(4)",
    "javascript:alert(5)",
    "<a href=\"javascript:alert(6)\">click</a>",
    "</textarea><iframe src=//evil.invalid>",
];

fn hostile_corpus(dir: &std::path::Path) {
    let p = PAYLOADS;
    let text = format!(
        " date 2024-03-05\n\
         HÀ NỘI — President Nguyễn Văn An {p0} of Vietnam paid an official visit to Belarus {p1} on March 4, 2024, \
         and held talks with President Ivan Petrov {p2} in Minsk.\n\n\
         The two sides signed an agreement on visa exemption {p3} and a memorandum on education {p4}.\n\n\
         Two-way trade between Vietnam and Belarus reached 100 million USD {p5} in 2023, and the two countries \
         aim to raise it to 500 million USD by 2030 {p6}.\n\n\
         Vietnam and Belarus agreed to expand cooperation in trade, education and defence {p0}.\n",
        p0 = p[0],
        p1 = p[1],
        p2 = p[2],
        p3 = p[3],
        p4 = p[4],
        p5 = p[5],
        p6 = p[6],
    );
    std::fs::write(dir.join("hostile.txt"), text).unwrap();
    let line = serde_json::json!({
        "id": "evil\"><script>alert(7)</script>",
        "title": "<script>alert(8)</script> Vietnam and Belarus",
        "url": "javascript:alert(9)",
        "published": "2024-04-01",
        "lang": "en",
        "text": format!(
            "Vietnam and Belarus signed a protocol on trade {} in Minsk on April 1, 2024. \
             Prime Minister Le Van Binh {} met the Belarusian Prime Minister.",
            p[1], p[2]
        ),
    });
    std::fs::write(dir.join("feed.jsonl"), format!("{line}\n")).unwrap();
}

const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "header",
    "footer",
    "main",
    "nav",
    "section",
    "article",
    "form",
    "label",
    "input",
    "button",
    "h1",
    "h2",
    "h3",
    "p",
    "a",
    "span",
    "ol",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "dl",
    "dt",
    "dd",
    "code",
    "blockquote",
    "mark",
    "figure",
    "figcaption",
    "svg",
    "line",
    "text",
    "circle",
    "rect",
    "polyline",
    "bdi",
    "fieldset",
    "legend",
    "select",
    "option",
];

/// Every tag is one of ours, no attribute is an event handler, and every
/// link or form target is ours or http(s).
fn assert_safe_markup(uri: &str, body: &str) {
    let lower = body.to_ascii_lowercase();
    for bad in ["<script", "<img", "<iframe", "<svg onload"] {
        assert!(!lower.contains(bad), "{uri}: {bad} in the page");
    }
    let tag = Regex::new(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>").unwrap();
    let attr = Regex::new(r#"\s([^\s="'>/]+)(?:="([^"]*)")?"#).unwrap();
    for t in tag.captures_iter(body) {
        let name = t[1].to_ascii_lowercase();
        assert!(ELEMENTS.contains(&name.as_str()), "{uri}: unexpected element <{name}{}>", &t[2]);
        let attrs = t[2].trim_end_matches('/');
        let mut rest = attrs.to_string();
        for a in attr.captures_iter(attrs) {
            let (key, value) = (a[1].to_ascii_lowercase(), a.get(2).map_or("", |v| v.as_str()));
            assert!(!key.starts_with("on"), "{uri}: event handler {key} on <{name}>");
            assert!(!value.contains('<') && !value.contains('>'), "{uri}: unescaped markup in {key}=\"{value}\"");
            if ["href", "src", "action"].contains(&key.as_str()) {
                let v = value.trim_start().to_ascii_lowercase();
                assert!(
                    v.starts_with('/') || v.starts_with('#') || v.starts_with('?') || v.starts_with("http://") || v.starts_with("https://"),
                    "{uri}: {key}=\"{value}\""
                );
                assert!(!v.starts_with("//"), "{uri}: protocol-relative {key}=\"{value}\"");
            }
            rest = rest.replacen(&a[0], "", 1);
        }
        assert!(rest.trim().is_empty(), "{uri}: attribute text that is not name=\"value\": {rest:?} in <{name}>");
    }
}

async fn page(app: &Router, uri: &str) -> String {
    let html = get(app, uri).await;
    assert_eq!(html.csp, accord_serve::CONTENT_SECURITY_POLICY, "{uri}");
    assert_eq!(html.nosniff, "nosniff", "{uri}");
    assert!(html.status == StatusCode::OK || html.status == StatusCode::NOT_FOUND, "{uri}: {}", html.status);
    assert_safe_markup(uri, &html.body);
    let json = get_json(app, uri).await;
    assert!(json.content_type.starts_with("application/json"), "{uri}: the twin is JSON");
    html.body
}

#[tokio::test]
async fn article_text_is_escaped_on_every_page() {
    let input = tempfile::tempdir().unwrap();
    hostile_corpus(input.path());
    let (app, _db) = app_over(input.path());
    let mut shown = String::new();

    shown += &page(&app, "/").await;
    let home = get(&app, "/index.json").await.json();
    let mut records: BTreeSet<String> = BTreeSet::new();
    let mut docs: BTreeSet<String> = BTreeSet::new();
    for p in home["pairs"].as_array().unwrap() {
        let slug = format!("{}-{}", p["a"]["code"].as_str().unwrap(), p["b"]["code"].as_str().unwrap());
        shown += &page(&app, &format!("/pairs/{}", seg(&slug))).await;
        for table in accord_serve::tables::TABLES {
            shown += &page(&app, &format!("/pairs/{}/{table}?sort=sources&order=desc&source=%3Cb%3E", seg(&slug))).await;
            let csv = get(&app, &format!("/pairs/{}/{table}.csv", seg(&slug))).await;
            assert!(csv.content_type.starts_with("text/csv"), "{table}: {}", csv.content_type);
        }
        for code in [&p["a"]["code"], &p["b"]["code"]] {
            shown += &page(&app, &format!("/countries/{}", seg(code.as_str().unwrap()))).await;
        }
        let pair = get(&app, &format!("/pairs/{}.json", seg(&slug))).await.json();
        for (list, kind) in [("timeline", "events"), ("agreements", "agreements"), ("figures", "figures")] {
            for item in pair[list]["items"].as_array().unwrap() {
                records.insert(format!("/{kind}/{}", seg(item["id"].as_str().unwrap())));
            }
        }
        for g in pair["commitments_by_area"].as_array().unwrap() {
            for c in g["commitments"].as_array().unwrap() {
                records.insert(format!("/commitments/{}", seg(c["id"].as_str().unwrap())));
            }
        }
    }
    assert!(records.len() >= 3, "the hostile articles give records: {records:?}");
    for uri in &records {
        shown += &page(&app, uri).await;
        let record = get(&app, &format!("{uri}.json")).await.json();
        for s in record["sources"]["items"].as_array().unwrap() {
            docs.insert(s["doc"].as_str().unwrap().to_string());
        }
    }
    for hit in get(&app, "/search.json?q=alert").await.json()["hits"].as_array().unwrap() {
        docs.insert(hit["doc"].as_str().unwrap().to_string());
    }
    assert!(docs.len() == 2, "both articles are reached: {docs:?}");
    for doc in &docs {
        let uri = format!("/documents/{}", seg(doc));
        shown += &page(&app, &uri).await;
        let d = get(&app, &format!("{uri}.json")).await.json();
        for s in d["spans"].as_array().unwrap() {
            if let (Some(r), Some(kind)) = (s["record"].as_str(), s["kind"].as_str()) {
                let kind = if kind == "mention" { "entities" } else { kind };
                shown += &page(&app, &format!("/{kind}/{}", seg(r))).await;
            }
        }
        assert!(d["id"] == Value::String(doc.clone()));
    }
    shown += &page(&app, "/search?q=alert").await;
    shown += &page(&app, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    shown += &page(&app, "/pairs/%3Cscript%3Ealert(1)%3C%2Fscript%3E-VN").await;

    // The hostile text was shown, as text.
    assert!(shown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the payload is on the pages, escaped");
    assert!(shown.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(shown.contains("&lt;script&gt;alert(8)&lt;/script&gt;"), "the title is escaped");
    assert!(shown.contains("javascript:alert(9)") && !shown.contains("href=\"javascript:"), "the URL is not a link");
}
