//! The text layer: folding maps every offset back onto a char boundary of
//! the input, and sentences lie inside the body, in order.
#![no_main]

use accord_doc::{Lang, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let folded = accord_text::Folded::new(&text);
    for i in 0..=folded.text.len() {
        let o = folded.to_original(i);
        assert!(o <= text.len() && text.is_char_boundary(o));
    }
    let lang = accord_lang::detect(&text);
    let body = Span::new(0, text.len());
    let mut last = 0;
    for s in accord_text::sentences(&text, body, lang) {
        assert!(s.start >= last && s.end <= text.len() && s.start < s.end);
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        last = s.end;
    }
    let _ = Lang::KNOWN;
});
