//! Organisations by their head noun, for bodies not in the reference data:
//! "Mongolian Ministry of Foreign Affairs", "Bộ Ngoại giao".
//!
//! Two shapes, chosen by the head's position in the language's data: a
//! capitalised run containing a head ("... Ministry of ...", as in English
//! and Russian), or a head followed by the name's words, each word's first
//! syllable capitalised ("Bộ Ngoại giao", "Hội đồng An ninh Quốc gia", as in
//! Vietnamese, detected from a multi-syllable or capitalised-first head).

use crate::lexicon::Lexicon;
use crate::tokens::{all_caps, capitalised, within, Token};
use accord_doc::{Lang, Span};
use accord_text::Folded;

pub struct Found {
    pub span: Span,
    pub rule: &'static str,
}

/// Organisation names in `sentence` not overlapping `taken`.
#[allow(clippy::too_many_arguments)]
pub fn by_head(text: &str, tokens: &[Token], folded: &Folded, sentence: Span, lang: Lang, lex: &Lexicon, taken: &[Span], supports: &[Span]) -> Vec<Found> {
    if lex.org_heads.is_empty()
        || !folded.within(sentence).hashed_words().any(|(_, _, hash)| lex.org_head_starts.may_contain(hash))
        || !lex.org_head_finder.is_match(sentence.slice(text))
    {
        return Vec::new();
    }
    let toks = within(tokens, sentence);
    // Heads compare as written, lower-cased (folding would make "Đặng", a
    // family name, the head "Đảng").
    let lower = lower_case_words(text, toks);
    let words: Vec<&str> = lower.1.iter().map(|&(s, e)| &lower.0[s..e]).collect();
    let mut out = Vec::new();
    if lang == Lang::Vi {
        // Head first, then words whose first syllable is capitalised, each
        // followed by at most one lower-case syllable.
        let mut i = 0;
        while i < toks.len() {
            let Some(head_len) = head_at(&words, i, lex) else {
                i += 1;
                continue;
            };
            if !capitalised(toks[i].span.slice(text)) {
                i += 1;
                continue;
            }
            let mut j = i + head_len;
            let mut groups = 0;
            while j < toks.len() && toks[j].word {
                let w = toks[j].span.slice(text);
                if capitalised(w) {
                    groups += 1;
                    j += 1;
                    if j < toks.len() && toks[j].word && !capitalised(toks[j].span.slice(text)) && words[j] != "và" {
                        // one lower-case syllable completes the word, unless a
                        // second lower-case one follows: then it starts the verb,
                        // unless the two syllables make the name of a field
                        // ("Bộ Ngoại giao thông báo": foreign affairs, then the verb)
                        let next_lower = toks.get(j + 1).is_some_and(|n| n.word && !capitalised(n.span.slice(text)));
                        let field = Span::new(toks[j - 1].span.start, toks[j].span.end).slice(text);
                        if !next_lower
                            || toks.get(j + 2).is_some_and(|n| n.word && capitalised(n.span.slice(text)))
                            || !accord_lexicon::areas_of_text(lang, field).is_empty()
                        {
                            j += 1;
                        }
                    }
                } else if words[j] == "và" && toks.get(j + 1).is_some_and(|n| capitalised(n.span.slice(text))) {
                    j += 1;
                } else {
                    break;
                }
            }
            if groups > 0 {
                let span = Span::new(toks[i].span.start, toks[j - 1].span.end);
                if !taken.iter().any(|t| t.overlaps(span)) {
                    out.push(Found { span, rule: "organization/head-then-name" });
                }
            }
            i = j.max(i + 1);
        }
        return out;
    }
    // [capitalised modifiers] HEAD [(of|for|on) [the] Capitalised words]...
    let is_cap = |k: usize| toks.get(k).is_some_and(|t| t.word && capitalised(t.span.slice(text)));
    let is_taken = |k: usize| taken.iter().any(|s| s.overlaps(toks[k].span));
    let mut i = 0;
    let mut last_end = 0;
    while i < toks.len() {
        let Some(&needs_support) = lex.org_head_support.get(words[i]) else {
            i += 1;
            continue;
        };
        if !is_cap(i) || is_taken(i) {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > last_end && is_cap(start - 1) && !is_taken(start - 1) && !all_caps(toks[start - 1].span.slice(text)) {
            start -= 1;
        }
        // "The Vietnamese Embassy": a capitalised article is not part of the name.
        while start < i && lex.stop_words.contains(words[start]) {
            start += 1;
        }
        let mut end = i + 1;
        while end < toks.len() && matches!(words[end], "of" | "for" | "on") {
            let mut k = end + 1;
            if words.get(k).is_some_and(|w| *w == "the") {
                k += 1;
            }
            if !is_cap(k) {
                break;
            }
            let joins = |k: usize| words.get(k).is_some_and(|w| matches!(*w, "and" | "-" | "–"));
            while is_cap(k) || (joins(k) && is_cap(k + 1)) {
                k += 1;
            }
            end = k;
        }
        let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
        // A body inside a known organisation ("... of Vietnam Central Committee").
        let mut left = start;
        if left > 0 && words[left - 1] == ")" {
            // Past a parenthesised abbreviation: "Party of Vietnam (CPV) Central Committee".
            while left > 0 && words[left - 1] != "(" {
                left -= 1;
            }
            left = left.saturating_sub(1);
        }
        let inside_known = left > 0 && is_cap(left - 1) && is_taken(left - 1);
        let supported = supports.iter().any(|s| span.contains(*s));
        if end - start >= 2 && !inside_known && (!needs_support || supported) && !taken.iter().any(|t| t.overlaps(span)) {
            out.push(Found { span, rule: "organization/modifiers-head-complement" });
        }
        last_end = end;
        i = end;
    }
    out
}

/// The tokens in lower case, in one buffer: the text and each token's range in it.
fn lower_case_words(text: &str, toks: &[Token]) -> (String, Vec<(usize, usize)>) {
    let mut lower = String::with_capacity(toks.iter().map(|t| t.span.len()).sum());
    let mut ranges = Vec::with_capacity(toks.len());
    for t in toks {
        let start = lower.len();
        let w = t.span.slice(text);
        if w.is_ascii() {
            lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else if w.contains('Σ') {
            // A final sigma lower-cases by its place in the word.
            lower.push_str(&w.to_lowercase());
        } else {
            lower.extend(w.chars().flat_map(char::to_lowercase));
        }
        ranges.push((start, lower.len()));
    }
    (lower, ranges)
}

fn head_at(words: &[&str], i: usize, lex: &Lexicon) -> Option<usize> {
    lex.org_head_words
        .iter()
        .filter(|parts| words.len() >= i + parts.len() && parts.iter().enumerate().all(|(k, p)| words[i + k] == *p))
        .map(Vec::len)
        .max()
}
