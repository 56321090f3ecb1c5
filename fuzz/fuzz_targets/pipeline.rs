//! Readers and the whole pipeline: any bytes give a document (or a clean
//! error) and every quote is the bytes its offsets point at.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = accord_read::read_text("fuzz.txt", text.clone());
    let facts = accord_extract::document(doc);
    for f in &facts.figures {
        assert_eq!(text.get(f.evidence.start..f.evidence.end), Some(f.evidence.quote.as_str()));
    }
});
