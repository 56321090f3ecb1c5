//! Sentence boundaries.
//!
//! A line break always ends a sentence: news text puts headlines, photo
//! captions and datelines on lines of their own, without final punctuation.
//! Within a line, `.`, `!`, `?` or `…` (with any closing quotes or brackets)
//! ends a sentence when white space and a capital letter, digit or opening
//! quote follow, unless the word before the stop is an abbreviation of the
//! language or a single capital (an initial).
//!
//! A "sentence" longer than [`MAX_SENTENCE`] bytes (a text without stops,
//! a list run together) is cut into pieces of at most that size, after a
//! clause mark where one falls in the second half of the piece, else at
//! white space: every later stage works sentence by sentence, so this
//! bounds the work per sentence whatever the input.

use accord_doc::{Lang, Span};
use accord_lang::fold_word;

/// Sentence spans inside `within`, in order, trimmed of surrounding white space.
pub fn sentences(text: &str, within: Span, lang: Lang) -> Vec<Span> {
    let abbreviations = accord_lang::data(lang).map(|d| &d.abbreviations);
    let mut out = Vec::new();
    let mut line_start = within.start;
    let body = &text[within.start..within.end];
    for (i, _) in body.match_indices('\n').chain(std::iter::once((body.len(), ""))) {
        let line_end = within.start + i;
        split_line(text, Span::new(line_start, line_end), abbreviations, &mut out);
        line_start = line_end + 1;
    }
    out
}

fn split_line(text: &str, line: Span, abbreviations: Option<&rustc_hash::FxHashSet<String>>, out: &mut Vec<Span>) {
    let s = &text[line.start..line.end];
    let bytes = s.as_bytes();
    let mut start = 0;
    // Stops are ASCII but for "…" (E2 80 A6): a byte scan finds them without
    // decoding every character.
    let mut i = 0;
    let mut next_e2 = memchr::memchr(0xE2, bytes);
    let mut ascii = memchr::memchr3(b'.', b'!', b'?', bytes);
    while i < bytes.len() {
        // The next stop byte, found by memchr rather than a test per byte;
        // each search is kept until passed (a line with many "’" and no
        // stop is not searched again to its end at each of them).
        if ascii.is_some_and(|k| k < i) {
            ascii = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|k| i + k);
        }
        while next_e2.is_some_and(|k| k < i) {
            next_e2 = memchr::memchr(0xE2, &bytes[i..]).map(|k| i + k);
        }
        let Some(at) = [ascii, next_e2].into_iter().flatten().min() else {
            break;
        };
        i = at;
        let c = match bytes[i] {
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            _ if s[i..].starts_with('…') => '…',
            _ => {
                i += 1;
                continue;
            }
        };
        // Closing punctuation stays with the sentence it closes.
        let mut end = i + c.len_utf8();
        for n in s[end..].chars() {
            if matches!(n, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '.' | '!' | '?' | '/') {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        let stop = i;
        i = end;
        let rest = &s[end..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() || after_space.is_empty() {
            continue;
        }
        let next = after_space.chars().next().unwrap_or(' ');
        let opens =
            accord_lang::is_uppercase(next) || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘' | '«' | '(' | '[' | '-' | '–' | '—');
        if !opens || (c == '.' && (is_abbreviation(&s[start..stop], abbreviations) || is_item_number(&s[start..stop]))) {
            continue;
        }
        push_trimmed(text, line.start + start, line.start + end, out);
        start = end;
    }
    push_trimmed(text, line.start + start, line.end, out);
}

/// Whether the text before a full stop is only the number of a list item
/// ("1. The memorandum ..."): the item goes on after it.
fn is_item_number(before: &str) -> bool {
    let number = before.trim_start();
    (1..=2).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the word just before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str, abbreviations: Option<&rustc_hash::FxHashSet<String>>) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        return accord_lang::is_uppercase(first);
    }
    abbreviations.is_some_and(|set| set.contains(&fold_word(word)))
}

/// The longest sentence, in bytes, the segmenter gives; longer runs are cut.
pub const MAX_SENTENCE: usize = 2000;

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let (mut start, end) = (start + lead, start + lead + trimmed.len());
    while end - start > MAX_SENTENCE {
        let cut = cut_point(text, start);
        push_trimmed(text, start, cut, out);
        start = cut;
    }
    let trimmed = &text[start..end];
    let lead = trimmed.len() - trimmed.trim_start().len();
    out.push(Span::new(start + lead, end));
}

/// Where to end a piece of an over-long sentence that starts at `start`:
/// after the last clause mark followed by a space in the second half of
/// the next [`MAX_SENTENCE`] bytes, else at the last white space there,
/// else at the last character boundary. Always past `start`.
fn cut_point(text: &str, start: usize) -> usize {
    let mut limit = start + MAX_SENTENCE;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text.as_bytes()[start..limit];
    let half = MAX_SENTENCE / 2;
    let clause = (half..window.len().saturating_sub(1))
        .rev()
        .find(|&i| matches!(window[i], b',' | b';' | b':') && window[i + 1].is_ascii_whitespace());
    if let Some(i) = clause {
        return start + i + 1;
    }
    // Only ASCII white space: a byte test, and a char boundary.
    let space = (1..window.len()).rev().find(|&i| window[i].is_ascii_whitespace());
    match space {
        Some(i) => start + i,
        None => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()), lang).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn english_boundaries() {
        let cases: &[(&str, &[&str])] = &[
            ("The talks ended. Both sides signed.", &["The talks ended.", "Both sides signed."]),
            ("Mr. Smith met Dr. Jones in the U.S. capital.", &["Mr. Smith met Dr. Jones in the U.S. capital."]),
            ("Trade reached 1.5 billion USD. It grew.", &["Trade reached 1.5 billion USD.", "It grew."]),
            ("He quoted J. R. Smith on trade.", &["He quoted J. R. Smith on trade."]),
            ("\"We agree.\" The minister smiled.", &["\"We agree.\"", "The minister smiled."]),
            (
                "Leaders meet in the capital\nA caption without a stop (Photo: Agency)\nThe text begins.",
                &["Leaders meet in the capital", "A caption without a stop (Photo: Agency)", "The text begins."],
            ),
            ("It ended in 2024. 2025 will be better.", &["It ended in 2024.", "2025 will be better."]),
            ("The visit was a success./.", &["The visit was a success./."]),
            ("Is it done? Yes! Quite.", &["Is it done?", "Yes!", "Quite."]),
            (
                "They signed:\n1. A memorandum.\n12. A protocol. It helps.",
                &["They signed:", "1. A memorandum.", "12. A protocol.", "It helps."],
            ),
            ("Growth was 7. 5 sectors led.", &["Growth was 7.", "5 sectors led."]),
            ("\n\n  \n", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text, Lang::En), *want, "{text}");
        }
    }

    #[test]
    fn vietnamese_boundaries() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Hai bên nhất trí tăng cường hợp tác. Kim ngạch đạt 20,9 triệu USD.",
                &["Hai bên nhất trí tăng cường hợp tác.", "Kim ngạch đạt 20,9 triệu USD."],
            ),
            ("Đoàn đến TP. Hồ Chí Minh chiều nay.", &["Đoàn đến TP. Hồ Chí Minh chiều nay."]),
            ("Ảnh: TTXVN\nThủ tướng phát biểu.", &["Ảnh: TTXVN", "Thủ tướng phát biểu."]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text, Lang::Vi), *want, "{text}");
        }
    }

    #[test]
    fn over_long_sentences_are_cut_into_bounded_pieces() {
        // No stop at all: clauses, then words without clause marks, then one
        // word of many letters.
        let clauses = "the ministers met in the capital, ".repeat(400);
        let words = "Talks went on ".repeat(500) + "ещё";
        let letters = "ж".repeat(3000);
        for text in [clauses.as_str(), words.as_str(), letters.as_str()] {
            let got = sentences(text, Span::new(0, text.len()), Lang::En);
            assert!(got.len() > 1, "cut into several pieces");
            let mut covered = 0;
            for s in &got {
                assert!(s.len() <= MAX_SENTENCE, "{} bytes", s.len());
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                assert!(text[covered..s.start].trim().is_empty(), "no text is lost between pieces");
                covered = s.end;
            }
            assert!(text[covered..].trim().is_empty());
        }
        // Clause marks are preferred: every piece of the first text ends after a comma.
        let got = sentences(&clauses, Span::new(0, clauses.len()), Lang::En);
        assert!(got[..got.len() - 1].iter().all(|s| s.slice(&clauses).ends_with(',')));
        // Sentences under the cap are untouched.
        let normal = "A short sentence. Another one.";
        assert_eq!(split(normal, Lang::En), ["A short sentence.", "Another one."]);
    }

    #[test]
    fn spans_stay_inside_within() {
        let text = "Skip this. Keep this one. And this.";
        let within = Span::new(11, text.len());
        let got: Vec<_> = sentences(text, within, Lang::En).into_iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, ["Keep this one.", "And this."]);
    }
}
