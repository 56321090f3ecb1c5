//! parse_header never panics and keeps `body` on char boundaries, whatever
//! the text (and whatever body span it is handed).

use accord_doc::{Document, Span};
use accord_read::parse_header;
use proptest::prelude::*;

/// Lines and bits of lines that headers are made of.
const HEADER_PIECES: &[&str] = &[
    " date 2024-05-06",
    " date 2024-13",
    "date 2024-05-06\n",
    "HÀ NỘI — ",
    "Portville (XNA) –",
    "ПОРТВИЛЬ, 3 марта. /ТАСС/.",
    "CITY, 1 May (Wire) - ",
    "EAST/WEST\n",
    "Updated: 31/12/2023 10:00\n",
    " — XNS",
    "(Theo VOV)",
    "Nguồn: TTXVN",
    "сообщает example.kz",
    "\u{FEFF}",
    "\r\n",
];

/// Pieces of header conventions, glued in random order with random text,
/// so the rules are exercised on near-misses and not only on noise.
fn header_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        15 => prop::sample::select(HEADER_PIECES).prop_map(str::to_string),
        1 => "[ \\n\\t.,:;/()—–A-ZÀ-Ỹа-яА-Я0-9a-z]{0,12}",
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn check(text: String, start: usize, end: usize) {
    let mut doc = Document::from_text("p", text);
    let (start, end) = (start.min(end), start.max(end));
    doc.body = Span::new(start, end);
    parse_header(&mut doc);
    assert!(doc.body.start <= doc.body.end && doc.body.end <= doc.text.len());
    assert!(doc.text.is_char_boundary(doc.body.start) && doc.text.is_char_boundary(doc.body.end));
    let _ = doc.body_text();
    parse_header(&mut doc);
    let _ = doc.body_text();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_header_is_total_on_header_like_text(text in header_like()) {
        let len = text.len();
        check(text, 0, len);
    }

    #[test]
    fn parse_header_is_total_on_any_text_and_any_body(text in any::<String>(), a in 0usize..400, b in 0usize..400) {
        check(text, a, b);
    }
}

#[test]
fn body_follows_the_marker_on_char_boundaries() {
    let mut doc = Document::from_text("p", " date 2024-05-06 Ханой — текст");
    parse_header(&mut doc);
    assert_eq!(doc.body_text(), "Ханой — текст");
}
