//! Whatever the input, every offset the pipeline emits lies on UTF-8
//! boundaries inside the input, and every quote is the bytes it points at.

mod support;

use accord_doc::facts::DocFacts;
use accord_doc::Document;
use proptest::prelude::*;

fn check(text: &str, facts: &DocFacts) -> Result<(), TestCaseError> {
    for e in support::evidence(facts) {
        prop_assert!(e.start <= e.end && e.end <= text.len());
        prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        prop_assert_eq!(&text[e.start..e.end], e.quote.as_str());
    }
    for entity in &facts.entities {
        for m in &entity.mentions {
            prop_assert!(m.start < m.end && m.end <= text.len(), "{:?}", m);
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
    Ok(())
}

/// Text built from the pieces news is made of, so the recognisers fire.
fn newsy() -> impl Strategy<Value = String> {
    accord_testdata::text_of(
        &[
            "President ",
            "Tổng Bí thư ",
            "Tô Lâm",
            "Nguyễn Văn An ",
            "Vietnam",
            "Việt Nam",
            "Belarus",
            "Minsk",
            "Hà Nội",
            " met ",
            " hội đàm ",
            " signed an agreement on trade ",
            " ký Hiệp định ",
            " on May 12, 2025",
            " ngày 30/1",
            " 60 triệu USD",
            " $1.5 billion",
            " about 50 documents",
            ". ",
            ".\n",
            "\n",
            " — VNS",
            " (VNA) – ",
            "ASEAN",
            " the Ministry of Foreign Affairs ",
            " Bộ Ngoại giao ",
            " will ",
            " nhất trí ",
            "Президент ",
            "Лукашенко",
            "\u{0301}",
            "é",
            "  ",
            "\t",
            "“",
            "”",
            "’s",
            "-",
            "–",
        ],
        40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn offsets_hold_on_news_like_text(body in newsy(), header in prop::bool::ANY) {
        let text = if header { format!(" date 2025-05-13 {body}") } else { body };
        let mut doc = Document::from_text("prop", text.clone());
        doc.meta.published = header.then(|| "2025-05-13".parse().ok()).flatten();
        let facts = accord_extract::document(doc);
        check(&text, &facts)?;
    }

    #[test]
    fn offsets_hold_on_any_text(text in "\\PC{0,300}") {
        let facts = accord_extract::document(Document::from_text("prop", text.clone()));
        check(&text, &facts)?;
    }
}
