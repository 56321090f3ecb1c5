//! The token layer: word and punctuation tokens over the original text,
//! each with its range in the folded text. One tokenization of a document,
//! made once in the pipeline (`Analysis::tokens`) and read by every stage:
//! names, agreements and the reaches counted in tokens.

use accord_doc::Span;

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub span: Span,
    pub word: bool,
    /// The token's range in the document's folded text (see
    /// [`with_folded`]), so rules read its folded form without folding.
    pub folded: (u32, u32),
}

/// Tokens of `text[range]` with their folded ranges in `folded`.
pub fn with_folded(text: &str, range: Span, folded: &crate::Folded) -> Vec<Token> {
    let mut tokens = tokenize(text, range);
    let ranges = folded.ranges_of(tokens.iter().map(|t| t.span));
    for (t, r) in tokens.iter_mut().zip(ranges) {
        t.folded = r;
    }
    tokens
}

/// Tokens of `text[range]`: words are runs of letters and digits, joined by
/// an inner hyphen, apostrophe or full stop (`Jae-in`, `O'Neill`, `U.S`);
/// every other non-space character is a token of its own.
pub fn tokenize(text: &str, range: Span) -> Vec<Token> {
    let s = &text[range.start..range.end];
    let bytes = s.as_bytes();
    // Enough for Vietnamese syllables (a token every four or five bytes):
    // growing would copy all the tokens so far.
    let mut out = Vec::with_capacity(s.len() / 3);
    let token =
        |start: usize, end: usize, word: bool| Token { span: Span::new(range.start + start, range.start + end), word, folded: (0, 0) };
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of any text, is told apart by a table; other
        // characters are decoded.
        let first_len = match ASCII_CLASS[usize::from(bytes[i])] {
            SPACE => {
                i += 1;
                continue;
            }
            PUNCT => {
                out.push(token(i, i + 1, false));
                i += 1;
                continue;
            }
            WORD => 1,
            _ => {
                let (c, len) = char_at(s, i).expect("i is on a character boundary");
                if c.is_whitespace() {
                    i += len;
                    continue;
                }
                if !accord_lang::is_alphanumeric(c) {
                    out.push(token(i, i + len, false));
                    i += len;
                    continue;
                }
                len
            }
        };
        let end = word_end(s, i + first_len);
        out.push(token(i, end, true));
        i = end;
    }
    out
}

/// The end of the word whose letters run up to `end`: letters, digits and
/// combining marks go on, and so does an inner hyphen or apostrophe with a
/// letter after it, unless it is a possessive "'s".
fn word_end(s: &str, mut end: usize) -> usize {
    let bytes = s.as_bytes();
    loop {
        // ASCII letters and digits, most of any word, without decoding.
        while end < bytes.len() && ASCII_CLASS[usize::from(bytes[end])] == WORD {
            end += 1;
        }
        let Some((n, n_len)) = char_at(s, end) else {
            return end;
        };
        if !n.is_ascii() && (accord_lang::is_alphanumeric(n) || is_combining(n)) {
            end += n_len;
        } else if matches!(n, '-' | '\'' | '’' | '‑') {
            let rest = &s[end + n_len..];
            let after = rest.chars().next();
            // A possessive "'s" is not part of the word it follows.
            let possessive = n != '-'
                && n != '‑'
                && (rest.starts_with('s') || rest.starts_with('S'))
                && !rest[1..].chars().next().is_some_and(accord_lang::is_alphanumeric);
            if after.is_some_and(accord_lang::is_alphanumeric) && !possessive {
                end += n_len;
            } else {
                return end;
            }
        } else {
            return end;
        }
    }
}

/// Classes of bytes: ASCII whitespace, ASCII letters and digits, other
/// ASCII, and the bytes of characters beyond ASCII (decoded to be told).
const SPACE: u8 = 0;
const WORD: u8 = 1;
const PUNCT: u8 = 2;
const WIDE: u8 = 3;
static ASCII_CLASS: [u8; 256] = {
    let mut table = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            WORD
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    table
};

/// The character at byte `i` of `s` and its length, ASCII without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = s[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The tokens of `all` (in text order) that lie inside `range`.
pub fn within(all: &[Token], range: Span) -> &[Token] {
    let from = all.partition_point(|t| t.span.start < range.start);
    let to = all.partition_point(|t| t.span.start < range.end);
    let to = to.max(from);
    let mut slice = &all[from..to];
    while slice.last().is_some_and(|t| t.span.end > range.end) {
        slice = &slice[..slice.len() - 1];
    }
    slice
}

/// Whether a word begins with a capital letter.
pub fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(accord_lang::is_uppercase)
}

/// Whether the token that starts at byte `at` of `text` is [`capitalised`],
/// read from its first byte when that is ASCII: asked of every token, most
/// of which it rules out before their text is sliced.
pub fn capitalised_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => text.get(at..).is_some_and(capitalised),
        None => false,
    }
}

/// Whether a word is written in capitals only (an acronym or a shouted dateline).
pub fn all_caps(word: &str) -> bool {
    // One pass, stopping at the first small letter: asked of most capitalised tokens.
    let mut letters = false;
    for c in word.chars().filter(|&c| accord_lang::is_alphabetic(c)) {
        if !accord_lang::is_uppercase(c) {
            return false;
        }
        letters = true;
    }
    letters
}

/// `f` of `word` lower-cased as [`str::to_lowercase`] does it, on the stack
/// for a short word: asked of many tokens, most of which match nothing.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 64];
    let mut len = 0;
    for c in word.chars() {
        // A final sigma lower-cases by its place in the word: the library's way.
        if c == 'Σ' {
            return f(&word.to_lowercase());
        }
        // One character, most of all, from a table; the rare longer ones
        // (`İ`) by the library.
        let Some(l) = accord_lang::lowercase_char(c) else {
            return f(&word.to_lowercase());
        };
        let Some(slot) = buffer.get_mut(len..len + l.len_utf8()) else {
            return f(&word.to_lowercase());
        };
        l.encode_utf8(slot);
        len += l.len_utf8();
    }
    f(std::str::from_utf8(&buffer[..len]).expect("whole characters were written"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_ranges_read_as_folding_each_token() {
        let text = "Tổng Bí thư  Tô Lâm met Moon Jae-in's aide (U.S.) in Hà Nội – Việt Nam’s capital.";
        let whole = Span::new(0, text.len());
        let folded = crate::Folded::of_range(text, whole);
        for t in with_folded(text, whole, &folded) {
            let (from, to) = (t.folded.0 as usize, t.folded.1 as usize);
            assert_eq!(&folded.text[from..to], accord_lang::fold_word(t.span.slice(text)), "{:?}", t.span.slice(text));
        }
    }

    #[test]
    fn lowercase_on_the_stack_reads_as_the_library_s() {
        for w in ["Đặng", "ΟΔΟΣ", "Σ", "İstanbul", "ПУТИН", "plain", "", &"Ẫ".repeat(30)] {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w}");
        }
        assert!(all_caps("МАЗ") && all_caps("U.S") && !all_caps("БелАЗ") && !all_caps("42"));
        let text = "Tô Lâm met ông Đặng 3 lần";
        for t in tokenize(text, Span::new(0, text.len())) {
            assert_eq!(capitalised_at(text, t.span.start), capitalised(t.span.slice(text)), "{:?}", t.span.slice(text));
        }
    }

    #[test]
    fn words_keep_inner_joins_but_not_possessives() {
        let text = "Moon Jae-in's visit to O'Neill (U.S) ended.";
        let words: Vec<&str> = tokenize(text, Span::new(0, text.len())).iter().filter(|t| t.word).map(|t| t.span.slice(text)).collect();
        assert_eq!(words, ["Moon", "Jae-in", "s", "visit", "to", "O'Neill", "U", "S", "ended"]);
    }
}
