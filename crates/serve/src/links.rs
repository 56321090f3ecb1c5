//! The paths and numbers the pages write: ids percent-encoded into their
//! own path segment, large numbers in words.

/// A path segment with everything but unreserved characters (and `:`)
/// percent-encoded, so no id can leave its segment or its attribute.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The page of a record (`kind` as in the tables: `events`, ...).
pub fn href(kind: &str, id: &str) -> String {
    format!("/{}/{}", encode_segment(kind), encode_segment(id))
}

pub(crate) fn doc_href(doc: &str, sentence_start: Option<i64>) -> String {
    match sentence_start {
        Some(s) => format!("/documents/{}#b-{s}", encode_segment(doc)),
        None => format!("/documents/{}", encode_segment(doc)),
    }
}

/// 60000000 as "60 million", 20900000 as "20.9 million", 1500 as "1,500".
pub fn human_number(v: f64) -> String {
    let scaled = |x: f64, word: &str| {
        let s = format!("{x:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        format!("{s} {word}")
    };
    let a = v.abs();
    if a >= 1e9 {
        scaled(v / 1e9, "billion")
    } else if a >= 1e6 {
        scaled(v / 1e6, "million")
    } else if v.fract() == 0.0 {
        let digits = format!("{}", a as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::check_cases;

    #[test]
    fn ids_cannot_leave_their_segment() {
        let cases = [("event:ab12", "event:ab12"), ("a/../b?c#d", "a%2F..%2Fb%3Fc%23d"), ("\"><x", "%22%3E%3Cx"), ("Hà", "H%C3%A0")];
        check_cases(encode_segment, &cases);
    }

    #[test]
    fn numbers_read_as_words() {
        let cases = [
            (60_000_000.0, "60 million"),
            (20_900_000.0, "20.9 million"),
            (2_000_000_000.0, "2 billion"),
            (1500.0, "1,500"),
            (-1500.0, "-1,500"),
            (2.5, "2.50"),
        ];
        check_cases(human_number, &cases);
    }
}
