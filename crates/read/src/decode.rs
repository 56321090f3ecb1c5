//! Bytes to text: the binary and empty checks, and UTF-8 decoding with
//! replacement.

use crate::{Input, ReadError, ReadErrorKind};

/// How much of a file the binary check looks at.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;
/// Above this share of control or undecodable bytes a file is binary.
const MAX_NON_TEXT_SHARE: f64 = 0.30;

/// Text decoded from bytes, with a warning if bytes had to be replaced.
pub(crate) struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Refuses binary and empty content.
pub(crate) fn check_content(input: &Input, bytes: &[u8]) -> Result<(), ReadError> {
    if let Some(reason) = binary_reason(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        return Err(ReadError::new(
            input,
            ReadErrorKind::Binary,
            format!("looks like a binary file ({reason}); skipped — pass text, Markdown, HTML or JSON Lines files"),
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::new(
            input,
            ReadErrorKind::Empty,
            "is empty (no text); skipped — check that the file was written completely",
        ));
    }
    Ok(())
}

/// Why `sample` (the start of a file) looks binary, if it does.
pub(crate) fn binary_reason(sample: &[u8]) -> Option<String> {
    if let Some(offset) = memchr::memchr(0, sample) {
        return Some(format!("NUL byte at offset {offset}"));
    }
    if sample.is_empty() {
        return None;
    }
    let controls = sample.iter().filter(|&&b| is_binary_control(b)).count();
    // Text is almost always valid UTF-8, which the standard library checks
    // fast; only invalid samples are walked chunk by chunk.
    let undecodable: usize =
        if std::str::from_utf8(sample).is_ok() { 0 } else { sample.utf8_chunks().map(|chunk| chunk.invalid().len()).sum() };
    // A multi-byte character cut by the end of the sample is not evidence.
    let undecodable = undecodable.saturating_sub(3);
    let share = (controls + undecodable) as f64 / sample.len() as f64;
    (share > MAX_NON_TEXT_SHARE).then(|| format!("{:.0}% of its first bytes are control or non-UTF-8 bytes", share * 100.0))
}

/// Control bytes that do not occur in text (tab, line breaks, form feed and
/// escape are allowed).
fn is_binary_control(byte: u8) -> bool {
    matches!(byte, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F) || byte == 0x0B
}

/// Decodes `bytes` as UTF-8, replacing bad sequences with U+FFFD. `name` is
/// the file named in the warning.
pub(crate) fn decode(bytes: Vec<u8>, name: &str) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, warning: None },
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            Decoded { text, warning: Some(invalid_utf8_warning(name, offset)) }
        }
    }
}

pub(crate) fn invalid_utf8_warning(name: &str, offset: usize) -> String {
    format!(
        "{name}: invalid UTF-8 at byte {offset}; bad bytes were replaced by U+FFFD, so offsets after that point \
         no longer match the file's bytes — re-encode the file as UTF-8"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_any_script_is_not_binary() {
        assert_eq!(binary_reason("Hà Nội — Москва\r\n\tText.\x0c".as_bytes()), None);
        assert!(binary_reason(b"abc\0def").is_some());
        assert!(binary_reason(&[0x01, 0x02, 0x03, b'a', 0xff, 0xfe, 0x05]).is_some());
    }

    #[test]
    fn decoding_names_the_first_bad_byte() {
        let decoded = decode(b"ab\xffcd".to_vec(), "x.txt");
        assert_eq!(decoded.text, "ab\u{FFFD}cd");
        assert!(decoded.warning.is_some_and(|w| w.contains("x.txt") && w.contains("byte 2")));
    }
}
