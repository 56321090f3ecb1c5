use super::*;

fn parsed(text: &str) -> Document {
    let mut doc = Document::from_text("t", text);
    parse_header(&mut doc);
    doc
}

fn fields(text: &str) -> (Option<String>, Option<String>, Option<String>) {
    let meta = parsed(text).meta;
    (meta.published.map(|d| d.to_string()), meta.dateline, meta.source)
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn marker_on_its_own_line_and_on_the_article_line() {
    let doc = parsed(" date 2024-03-05\nThe talks began.");
    assert_eq!(doc.meta.published.map(|d| d.to_string()), some("2024-03-05"));
    assert_eq!(doc.body_text(), "The talks began.");
    let doc = parsed(" date 2024-03 CAPITAL CITY — The talks began.");
    assert_eq!(doc.meta.published.map(|d| d.to_string()), some("2024-03"));
    assert_eq!(doc.body_text(), "CAPITAL CITY — The talks began.");
    assert_eq!(doc.meta.dateline, some("CAPITAL CITY"));
    let doc = parsed("date 2024-13-05\nText.");
    assert_eq!(doc.meta.published.map(|d| d.to_string()), None);
    assert_eq!(doc.body_text(), "Text.");
    assert_eq!(doc.warnings.len(), 1);
}

#[test]
fn datelines_and_their_tags() {
    // (text, published, dateline, source)
    type Case = (&'static str, Option<&'static str>, Option<&'static str>, Option<&'static str>);
    let cases: &[Case] = &[
        ("PORTVILLE — The minister arrived.", None, Some("PORTVILLE"), None),
        ("Portville (XNA) – The minister arrived.", None, Some("Portville"), Some("XNA")),
        ("PORTVILLE, 3 March (Wire) – The minister arrived.", None, Some("PORTVILLE"), Some("Wire")),
        ("PORTVILLE, Northland, March 3. The minister arrived.", None, Some("PORTVILLE"), None),
        ("PORTVILLE, March 3, 2021. The minister arrived.", Some("2021-03-03"), Some("PORTVILLE"), None),
        ("ПОРТВИЛЬ /Wire/ - Министр прибыл.", None, Some("ПОРТВИЛЬ"), Some("Wire")),
        ("ПОРТВИЛЬ, 3 марта. /ТАСС/. Министр прибыл.", None, Some("ПОРТВИЛЬ"), Some("ТАСС")),
        ("Headline of the story\nPortville (XNA)\n– The minister arrived.", None, Some("Portville"), Some("XNA")),
        ("Headline\nEASTPORT/WESTPORT\nThe minister arrived.", None, Some("EASTPORT/WESTPORT"), None),
        ("NEW-PORT. KAZINFORM The minister arrived.", None, Some("NEW-PORT"), Some("Kazinform")),
        ("(Radio Wire) – The minister arrived.", None, None, Some("Radio Wire")),
        ("NEWS.EX - Trưa nay, bộ trưởng đã đến.", None, None, Some("NEWS.EX")),
    ];
    for &(text, published, dateline, source) in cases {
        assert_eq!(fields(text), (published.map(String::from), dateline.map(String::from), source.map(String::from)), "{text}");
    }
}

#[test]
fn headlines_are_not_datelines() {
    for text in [
        "Northland, Southland sign a trade deal\nThe two sides agreed.",
        "Northland – Southland hướng tới hợp tác\nHai bên nhất trí.",
        "NORTHLAND AND SOUTHLAND SIGN A BIG TRADE PACT – The leaders met.",
        "UN-backed talks resume\nThe talks resumed.",
    ] {
        assert_eq!(parsed(text).meta.dateline, None, "{text}");
    }
}

#[test]
fn date_lines_set_published() {
    let cases = [
        ("A headline\n\nUpdated: 12/11/2022\n\nText of the article.", "2022-11-12"),
        ("Posted: 16.03.2023 11:53:00\n\nHeadline\nText.", "2023-03-16"),
        ("Headline\n\n4 июля 2024\n\nText.", "2024-07-04"),
        ("Headline\nBy XNA   September 29, 2024 | 09:10 pm PT\nText.", "2024-09-29"),
    ];
    for (text, published) in cases {
        assert_eq!(parsed(text).meta.published.map(|d| d.to_string()), some(published), "{text}");
    }
    // A date inside a sentence is not a date line.
    let doc = parsed("Headline\nOn 16/4/2025 in the capital, the two ministers met and signed a plan.");
    assert_eq!(doc.meta.published.map(|d| d.to_string()), None);
}

#[test]
fn trailing_tags_name_the_source() {
    let cases = [
        ("Text of the article. — XNS", "XNS"),
        ("Text of the article. (XNA)", "XNA"),
        ("Text of the article. /Wire/", "Wire"),
        ("Text of the article.\nNguồn: TTXVN", "TTXVN"),
        ("Text of the article.\n(Theo VOV)", "VOV"),
        ("Text of the article.\nTTXVN", "TTXVN"),
        ("Text of the article.\nNEWS.EX", "NEWS.EX"),
    ];
    for (text, source) in cases {
        assert_eq!(parsed(text).meta.source, some(source), "{text}");
    }
    assert_eq!(parsed("They met the Association of Nations (AON)").meta.source, None);
}

#[test]
fn attribution_phrases_need_a_known_agency_or_an_address() {
    assert_eq!(parsed("The ministers met, BELTA reports.\nMore.").meta.source, some("BelTA"));
    assert_eq!(parsed("Министры встретились, сообщает example.kz.").meta.source, some("example.kz"));
    assert_eq!(parsed("Theo phóng viên TTXVN, hai bên đã gặp.").meta.source, some("TTXVN"));
    assert_eq!(parsed("The ministers met, our correspondent reports.").meta.source, None);
    assert_eq!(parsed("The trend reports were read.").meta.source, None);
    // Citing an agency is not being its report.
    assert_eq!(parsed("Hai bên đã nâng cấp quan hệ, theo Reuters.").meta.source, None);
    assert_eq!(parsed("The deal was signed, according to Reuters.").meta.source, None);
}

#[test]
fn a_byte_order_mark_is_not_body() {
    let doc = parsed("\u{FEFF}PORTVILLE — Text.");
    assert_eq!(doc.body_text(), "PORTVILLE — Text.");
    assert_eq!(doc.meta.dateline, some("PORTVILLE"));
    assert_eq!(parsed("\u{FEFF} date 2021-01-02\nText.").body_text(), "Text.");
}

#[test]
fn fields_already_set_are_kept() {
    let mut doc = Document::from_text("t", " date 2024-03-05 PORTVILLE — Text.");
    doc.meta.published = "2020-01-01".parse().ok();
    doc.meta.dateline = some("Elsewhere");
    parse_header(&mut doc);
    assert_eq!(doc.meta.published.map(|d| d.to_string()), some("2020-01-01"));
    assert_eq!(doc.meta.dateline, some("Elsewhere"));
    assert_eq!(doc.body_text(), "PORTVILLE — Text.");
}
