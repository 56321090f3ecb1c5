use super::*;
use proptest::prelude::*;

fn norm(s: &str) -> String {
    normalize(s).map_or_else(|| s.to_string(), |(t, _)| t)
}

#[test]
fn clean_text_is_left_alone() {
    for s in ["", "plain ASCII", "Hà Nội và Mạc-xcơ-va", "hòa bình, khỏe mạnh, thủy sản", "hoàn toàn", "quý, quỳ", "Москва́"]
    {
        assert_eq!(normalize(s), None, "{s}");
    }
}

#[test]
fn the_door_cleans() {
    let cases = [
        ("Vie\u{323}\u{302}t Nam", "Việt Nam"),
        ("Vie\u{323}\u{302}t hoa\u{300} bi\u{300}nh", "Việt hòa bình"),
        ("Cộng hoà, thuỷ sản, khoẻ.", "Cộng hòa, thủy sản, khỏe."),
        ("Uỷ ban; chị Thuý", "Ủy ban; chị Thúy"),
        ("ba\u{A0}bên\u{202F}ký", "ba bên ký"),
        ("hiệp\u{AD}định \u{200B}mới\u{FEFF}", "hiệpđịnh mới"),
        ("Điều 1：（a）", "Điều 1:(a)"),
        ("Xi´an, Xiʼan", "Xi’an, Xi’an"),
    ];
    for (input, want) in cases {
        assert_eq!(norm(input), want, "{input:?}");
    }
}

#[test]
fn tones_move_only_in_vietnamese_text() {
    assert_eq!(normalize("Chloé met Zoé."), None);
    // In Vietnamese text too, a foreign name keeps its accent: "Chl" and "Z"
    // begin no Vietnamese syllable; "khoẻ" beside them still moves.
    assert_eq!(norm("Chloé gặp Zoé, khoẻ."), "Chloé gặp Zoé, khỏe.");
}

#[test]
fn spans_map_back_to_the_input() {
    let input = "Ông\u{A0}Nguye\u{302}\u{303}n \u{200B}Văn Thuý đến Hoa\u{300}\u{A0}Kỳ.";
    let (text, map) = normalize(input).expect("changed");
    assert_eq!(text, "Ông Nguyễn Văn Thúy đến Hòa Kỳ.");
    for (word, quote) in [("Nguyễn", "Nguye\u{302}\u{303}n"), ("Văn Thúy", "Văn Thuý"), ("Hòa Kỳ", "Hoa\u{300}\u{A0}Kỳ"), ("Ông", "Ông")]
    {
        let at = text.find(word).expect("word");
        let span = map.span(Span::new(at, at + word.len()));
        assert_eq!(span.slice(input), quote, "{word}");
    }
    assert_eq!(map.span(Span::new(0, text.len())), Span::new(0, input.len()));
    assert_eq!(map.to_normalized(input.len()), text.len());
}

proptest! {
    #[test]
    fn normalizing_is_idempotent_and_spans_land_on_boundaries(
        s in "[a-zA-Z oOuUqàáảãạèéẻẽẹỳýỷỹỵăơđ\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{A0}\u{AD}\u{200B}\u{FEFF}\u{FF0C}\u{B4}.,]{0,40}",
        a in 0usize..80, b in 0usize..80,
    ) {
        let Some((text, map)) = normalize(&s) else { return Ok(()) };
        // (A removed character between the two vowels of `oà` hides the
        // tone until it is gone: the one case where a second pass differs.)
        if !s.contains(['\u{AD}', '\u{200B}', '\u{FEFF}']) {
            prop_assert_eq!(normalize(&text), None, "{:?} -> {:?}", s, text);
        }
        prop_assert_eq!(text.nfc().collect::<String>(), text.clone());
        let (mut a, mut b) = (a.min(text.len()), b.min(text.len()));
        if a > b { std::mem::swap(&mut a, &mut b); }
        while !text.is_char_boundary(a) { a -= 1; }
        while !text.is_char_boundary(b) { b -= 1; }
        let span = map.span(Span::new(a, b));
        prop_assert!(span.start <= span.end && span.end <= s.len());
        prop_assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
    }

    #[test]
    fn a_word_maps_to_its_own_input(words in proptest::collection::vec("[a-zA-Z][a-zA-Zàáạăđơ\u{300}\u{323}]{0,5}", 1..6), seps in proptest::collection::vec("[ \u{A0}\u{202F}][ \u{200B}]{0,2}", 6)) {
        // Words joined by assorted spaces: each normalised word maps to
        // the input bytes of that word alone.
        let mut input = String::new();
        for (w, sep) in words.iter().zip(&seps) {
            input.push_str(w);
            input.push_str(sep);
        }
        let (text, map) = normalize(&input).unwrap_or_else(|| (input.clone(), InputMap::default()));
        for (w, (start, word)) in words.iter().zip(text.split(' ').filter(|w| !w.is_empty()).map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))) {
            let span = map.span(Span::new(start, start + word.len()));
            prop_assert_eq!(span.slice(&input).nfc().collect::<String>(), w.nfc().collect::<String>());
        }
    }
}
