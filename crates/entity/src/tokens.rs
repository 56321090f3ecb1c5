//! Word and punctuation tokens over the original text, for the name rules.

use accord_doc::Span;

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub span: Span,
    pub word: bool,
}

/// Tokens of `text[range]`: words are runs of letters and digits, joined by
/// an inner hyphen, apostrophe or full stop (`Jae-in`, `O'Neill`, `U.S`);
/// every other non-space character is a token of its own.
pub fn tokenize(text: &str, range: Span) -> Vec<Token> {
    let s = &text[range.start..range.end];
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                span: Span::new(range.start + i, range.start + i + c.len_utf8()),
                word: false,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = chars.peek() {
            if n.is_alphanumeric() || is_combining(n) {
                end = j + n.len_utf8();
                chars.next();
            } else if matches!(n, '-' | '\'' | '’' | '‑') {
                let rest = &s[j + n.len_utf8()..];
                let after = rest.chars().next();
                // A possessive "'s" is not part of the word it follows.
                let possessive = n != '-'
                    && n != '‑'
                    && (rest.starts_with('s') || rest.starts_with('S'))
                    && !rest[1..].chars().next().is_some_and(char::is_alphanumeric);
                if after.is_some_and(char::is_alphanumeric) && !possessive {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        out.push(Token {
            span: Span::new(range.start + i, range.start + end),
            word: true,
        });
    }
    out
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
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word is written in capitals only (an acronym or a shouted dateline).
pub fn all_caps(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_joins_but_not_possessives() {
        let text = "Moon Jae-in's visit to O'Neill (U.S) ended.";
        let words: Vec<&str> = tokenize(text, Span::new(0, text.len()))
            .iter()
            .filter(|t| t.word)
            .map(|t| t.span.slice(text))
            .collect();
        assert_eq!(
            words,
            ["Moon", "Jae-in", "s", "visit", "to", "O'Neill", "U", "S", "ended"]
        );
    }
}
