//! Search over HTTP: whole words in order, the spaced and joined forms of a
//! name and its other scripts, quoted phrases, highlighting, ranking, and
//! names that lead to their person.

mod common;

use axum::Router;
use common::*;
use serde_json::Value;
use std::sync::OnceLock;

const ARTICLES: &[(&str, &str)] = &[
    (
        "a_en.txt",
        " date 2024-06-03\nVietnam and Belarus held talks in Hanoi on June 3, 2024.",
    ),
    (
        "b_en.txt",
        " date 2024-06-04\nThe Belarusian delegation arrived in Ha Noi on June 4, 2024, and visited a trade fair.",
    ),
    (
        "c_vi.txt",
        " date 2024-06-05\nThủ tướng Việt Nam đã tiếp Đại sứ Belarus tại Hà Nội ngày 5 tháng 6 năm 2024.",
    ),
    (
        "d_vi.txt",
        " date 2024-06-06\nHai bên thảo luận về hạ tầng giao thông và thị trường nội địa của Belarus và Việt Nam.",
    ),
    (
        "e_ru.txt",
        " date 2024-06-07\nПремьер-министр Беларуси Роман Головченко провёл переговоры с послом Вьетнама в Минске 7 июня 2024 года.",
    ),
    (
        "f_en.txt",
        " date 2024-06-08\nVisa rules for tourists from many countries in the region were eased by the government last year. Belarus and Vietnam agreed on visa exemption, visa waivers and visa talks in 2024.",
    ),
    (
        "i_en.txt",
        " date 2023-12-05\nBelarusian Prime Minister Roman Golovchenko met the Vietnamese ambassador in Minsk on December 5, 2023.",
    ),
    (
        "g_en.txt",
        " date 2024-01-01\nJade pagoda talks were held in the old quarter.",
    ),
    (
        "h_en.txt",
        " date 2024-03-01\nJade pagoda talks were held in the old quarter.",
    ),
];

fn app() -> &'static Router {
    static APP: OnceLock<(Router, tempfile::TempDir)> = OnceLock::new();
    &APP.get_or_init(|| {
        let input = tempfile::tempdir().unwrap();
        for (name, text) in ARTICLES {
            std::fs::write(input.path().join(name), text).unwrap();
        }
        app_over(input.path())
    })
    .0
}

async fn found(q: &str) -> Value {
    let uri = format!("/search.json?q={}", seg(q));
    let answer = get(app(), &uri).await;
    assert_eq!(answer.status.as_u16(), 200, "{q}: {}", answer.body);
    answer.json()
}

fn sentences(v: &Value) -> Vec<String> {
    v["hits"].as_array().unwrap().iter().map(|h| h["sentence"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn ha_noi_matches_whole_words_in_order_and_hanoi_is_the_same_query() {
    let spaced = sentences(&found("ha noi").await);
    assert!(!spaced.iter().any(|s| s.contains("hạ tầng")), "'hạ … nội' across words is no match: {spaced:?}");
    for place in ["Hanoi", "Ha Noi", "Hà Nội"] {
        assert!(spaced.iter().any(|s| s.contains(place)), "{place}: {spaced:?}");
    }
    let mut spaced_sorted = spaced.clone();
    spaced_sorted.sort();
    for q in ["Hanoi", "hanoi", "Hà Nội", "HÀ NỘI", "\"ha noi\""] {
        let mut other = sentences(&found(q).await);
        other.sort();
        assert_eq!(other, spaced_sorted, "{q} finds what 'ha noi' finds");
    }
    let russian = sentences(&found("Ханой").await);
    assert_eq!(russian.len(), 3, "the gazetteer's Russian name: {russian:?}");
}

#[tokio::test]
async fn quoted_parts_are_found_apart_and_plain_words_together() {
    // Unquoted, the words are one phrase: "visa talks" is in one sentence.
    let phrase = sentences(&found("visa talks").await);
    assert_eq!(phrase.len(), 1, "{phrase:?}");
    let none = sentences(&found("talks visa").await);
    assert!(none.is_empty(), "in order: {none:?}");
    // Quoted parts may stand anywhere in the sentence.
    let apart = sentences(&found("\"talks\" \"visa\"").await);
    assert_eq!(apart.len(), 1, "{apart:?}");
    let both = sentences(&found("\"ha noi\" trade").await);
    assert_eq!(both.len(), 1, "{both:?}");
    assert!(both[0].contains("Ha Noi") && both[0].contains("trade"));
}

#[tokio::test]
async fn hits_are_ranked_by_relevance_then_date() {
    let hits = found("visa").await;
    let s = sentences(&hits);
    assert_eq!(s.len(), 2, "{s:?}");
    assert!(s[0].contains("visa exemption"), "the sentence with 'visa' four times ranks first, not document order: {s:?}");
    // Equal relevance: the newest first (document order would put the
    // January article first).
    let jade = found("jade pagoda").await;
    let dates: Vec<&str> = jade["hits"].as_array().unwrap().iter().map(|h| h["published"].as_str().unwrap_or("")).collect();
    assert_eq!(dates.len(), 2, "{jade}");
    assert!(dates[0] > dates[1], "{dates:?}");
}

#[tokio::test]
async fn matched_words_are_marked_in_the_page() {
    let page = get(app(), &format!("/search?q={}", seg("ha noi"))).await;
    assert_eq!(page.status.as_u16(), 200);
    for marked in ["<mark>Hanoi</mark>", "<mark>Ha Noi</mark>", "<mark>Hà Nội</mark>"] {
        assert!(page.body.contains(marked), "{marked} in {}", page.body);
    }
    assert!(!page.body.contains("<mark>hạ</mark>"));
    let escaped = get(app(), &format!("/search?q={}", seg("<mark>visa"))).await;
    assert!(!escaped.body.contains("<mark>visa</mark></mark>"));
    assert!(escaped.body.contains("&lt;mark&gt;visa"), "the query is escaped");
}

#[tokio::test]
async fn a_name_in_cyrillic_leads_to_the_person() {
    let v = found("Роман Головченко").await;
    let people: Vec<&Value> = v["entities"].as_array().unwrap().iter().filter(|e| e["type"] == "person").collect();
    assert!(!people.is_empty(), "{v}");
    assert!(!sentences(&v).is_empty(), "{v}");
    let page = get(app(), &format!("/search?q={}", seg("Роман Головченко"))).await;
    let id = people[0]["id"].as_str().unwrap();
    assert!(page.body.contains(&format!("href=\"/entities/{}\"", seg(id))), "{}", page.body);
    let person = get(app(), &format!("/entities/{}.json", seg(id))).await;
    assert_eq!(person.status.as_u16(), 200);
    // The English article writes him in Latin letters: found too.
    let all = sentences(&v);
    assert!(all.iter().any(|s| s.contains("Roman Golovchenko")), "{all:?}");
    assert!(all.iter().any(|s| s.contains("Роман Головченко")), "{all:?}");
    let latin = found("Roman Golovchenko").await;
    assert!(latin["entities"].as_array().unwrap().iter().any(|e| e["type"] == "person"), "{latin}");
}
