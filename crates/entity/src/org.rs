//! Organisations by their head noun, for bodies not in the reference data:
//! "Mongolian Ministry of Foreign Affairs", "Bộ Ngoại giao".
//!
//! Two shapes, chosen by the head's position in the language's data: a
//! capitalised run containing a head ("... Ministry of ...", as in English
//! and Russian), or a head followed by the name's words, each word's first
//! syllable capitalised ("Bộ Ngoại giao", "Hội đồng An ninh Quốc gia", as in
//! Vietnamese, detected from a multi-syllable or capitalised-first head).

use crate::lexicon::Lexicon;
use crate::tokens::{all_caps, capitalised, tokenize};
use accord_doc::{Lang, Span};
use accord_lang::fold_word;

pub struct Found {
    pub span: Span,
    pub rule: &'static str,
}

/// Organisation names in `sentence` not overlapping `taken`.
pub fn by_head(text: &str, sentence: Span, lang: Lang, lex: &Lexicon, taken: &[Span], supports: &[Span]) -> Vec<Found> {
    if lex.org_heads.is_empty() {
        return Vec::new();
    }
    let toks = tokenize(text, sentence);
    let words: Vec<String> = toks.iter().map(|t| fold_word(t.span.slice(text))).collect();
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
                    if j < toks.len() && toks[j].word && !capitalised(toks[j].span.slice(text)) && words[j] != "va" {
                        // one lower-case syllable completes the word, unless a
                        // second lower-case one follows: then it starts the verb
                        let next_lower = toks.get(j + 1).is_some_and(|n| n.word && !capitalised(n.span.slice(text)));
                        if !next_lower || toks.get(j + 2).is_some_and(|n| n.word && capitalised(n.span.slice(text))) {
                            j += 1;
                        }
                    }
                } else if words[j] == "va" && toks.get(j + 1).is_some_and(|n| capitalised(n.span.slice(text))) {
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
    // A capitalised run (with "of", "for", "on", "and", "the" inside) that holds a head.
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].word && capitalised(toks[i].span.slice(text))) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut last_cap = i;
        while j < toks.len() && toks[j].word {
            let w = toks[j].span.slice(text);
            if capitalised(w) {
                last_cap = j;
                j += 1;
            } else if matches!(words[j].as_str(), "of" | "for" | "on" | "and" | "the") && toks.get(j + 1).is_some_and(|n| n.word && capitalised(n.span.slice(text))) {
                j += 1;
            } else {
                break;
            }
        }
        let end = last_cap + 1;
        let mut found = None;
        for k in start..end {
            if let Some((_, needs_support)) = lex.org_heads.iter().find(|(h, _)| *h == words[k]) {
                let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
                let supported = supports.iter().any(|s| span.contains(*s));
                if !needs_support || supported {
                    found = Some(span);
                }
            }
        }
        if let Some(span) = found {
            let first = toks[start].span.slice(text);
            let single = end - start == 1;
            if !single && !taken.iter().any(|t| t.overlaps(span)) && !(all_caps(first) && first.len() > 1) {
                out.push(Found { span, rule: "organization/capitalised-run-with-head" });
            }
        }
        i = end.max(i + 1);
    }
    out
}

fn head_at(words: &[String], i: usize, lex: &Lexicon) -> Option<usize> {
    lex.org_heads
        .iter()
        .filter_map(|(h, _)| {
            let parts: Vec<&str> = h.split(' ').collect();
            (words.len() >= i + parts.len() && parts.iter().enumerate().all(|(k, p)| words[i + k] == *p)).then_some(parts.len())
        })
        .max()
}
