//! Organisations by their head noun, for bodies not in the reference data:
//! "Mongolian Ministry of Foreign Affairs", "Bộ Ngoại giao".
//!
//! Two shapes, chosen by the head's position in the language's data: a
//! capitalised run containing a head ("... Ministry of ...", as in English
//! and Russian), or a head followed by the name's words, each word's first
//! syllable capitalised ("Bộ Ngoại giao", "Hội đồng An ninh Quốc gia", as in
//! Vietnamese, detected from a multi-syllable or capitalised-first head).

use crate::lexicon::Lexicon;
use accord_doc::{Lang, Span};
use accord_text::tokens::{all_caps, capitalised, within, Token};

pub struct Found {
    pub span: Span,
    pub rule: &'static str,
    /// A body of the reference data that the name holds as its head's
    /// complement (see [`Around::bodies`]): no mention of that body.
    pub holds: Option<Span>,
    /// The head word, for a language that declines names (see [`crate::declension`]).
    pub head: Span,
}

/// What an organisation name may and may not run into: `taken` spans name
/// other entities; those of them in `embeddable` (countries, places) may
/// stand inside a name ("Oman News Agency", "Bộ Tư pháp Lào") or end it.
pub struct Around<'a> {
    pub taken: &'a [Span],
    pub embeddable: &'a [Span],
    pub supports: &'a [Span],
    /// Those of `taken` that name organisations of the reference data. One
    /// right after a head is the head's complement ("Bộ Lao động", the
    /// ministry of labour, not the newspaper "Lao Động"; "Ngân hàng Nhân dân",
    /// the people's bank, not the daily "Nhân Dân").
    pub bodies: &'a [Span],
}

impl Around<'_> {
    fn blocks(&self, span: Span) -> bool {
        self.blocks_besides(span, None)
    }

    /// As [`Around::blocks`], with `complement` allowed inside.
    fn blocks_besides(&self, span: Span, complement: Option<Span>) -> bool {
        self.taken.iter().any(|t| t.overlaps(span) && !self.embeddable.contains(t) && Some(*t) != complement)
    }

    /// The body of the reference data that begins at input offset `at`.
    fn body_at(&self, at: usize) -> Option<Span> {
        self.bodies.iter().find(|b| b.start == at).copied()
    }

    fn embedded_at(&self, span: Span) -> Option<Span> {
        self.embeddable.iter().find(|t| t.overlaps(span)).copied()
    }
}

/// Whether `sentence` may hold an organisation head, so that [`by_head`]
/// is worth asking: `head_word` says whether one of its folded words passed
/// [`Lexicon::org_head_starts`] (the caller reads the words once for
/// several filters); the automaton then reads the text.
pub fn may_hold_head(text: &str, sentence: Span, lex: &Lexicon, head_word: bool) -> bool {
    !lex.org_heads.is_empty() && head_word && lex.org_head_finder.is_match(sentence.slice(text))
}

/// Organisation names in `sentence` that run into no other entity; only
/// asked of a sentence [`may_hold_head`] admits.
pub fn by_head(text: &str, tokens: &[Token], sentence: Span, lang: Lang, lex: &Lexicon, around: &Around) -> Vec<Found> {
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
            // "Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn": after an office and
            // its body comes the holder's name, no part of the body's.
            let holder_follows = (i.saturating_sub(3)..i).any(|k| {
                let office: Vec<String> = toks[k..i].iter().map(|t| accord_lang::fold_word(t.span.slice(text))).collect();
                lex.office_prefix(&office) == i - k
            });
            let end = vi_name_end(text, toks, &words, i + head_len, holder_follows, lang, lex, around);
            if end.groups > 0 {
                let span = Span::new(toks[i].span.start, toks[end.next - 1].span.end);
                let complement =
                    toks.get(i + head_len).and_then(|t| around.body_at(t.span.start)).filter(|b| span.contains(*b) && *b != span);
                // A body may also end the name, as a country does: "Ban Thư
                // ký ASEAN" (its secretariat), the body still named; not one
                // with a head of its own ("... Đảng Cộng sản ..."), which the
                // words before belong to.
                let last_body = around
                    .bodies
                    .iter()
                    .find(|b| b.end == span.end && b.start > toks[i].span.end)
                    .filter(|b| toks.iter().position(|t| t.span.start == b.start).is_some_and(|k| head_at(&words, k, lex).is_none()))
                    .copied();
                if !around.blocks_besides(span, complement.or(last_body)) {
                    out.push(Found { span, rule: "organization/head-then-name", holds: complement, head: toks[i].span });
                }
            }
            i = end.next.max(i + 1);
        }
        return out;
    }
    // [capitalised modifiers] HEAD [(link [the] | inner words) Capitalised words]...
    let is_cap = |k: usize| toks.get(k).is_some_and(|t| t.word && capitalised(t.span.slice(text)));
    let is_taken = |k: usize| around.blocks(toks[k].span);
    let is_head = |k: usize| words.get(k).is_some_and(|w| lex.org_head_support.contains_key(*w));
    let mut i = 0;
    let mut last_end = 0;
    while i < toks.len() {
        let Some(&needs_support) = lex.org_head_support.get(words[i]) else {
            i += 1;
            continue;
        };
        let modifies =
            |k: usize| lex.org_modifier_endings.is_empty() || lex.org_modifier_endings.iter().any(|e| words[k].ends_with(e.as_str()));
        // Where modifiers agree by their endings (Russian), a name capitalises
        // its first word only: "Ханойский государственный университет".
        let lower_head_start = || {
            if lex.org_modifier_endings.is_empty() {
                return None;
            }
            let mut k = i;
            while k > last_end && toks[k - 1].word && modifies(k - 1) {
                k -= 1;
                if is_cap(k) {
                    return (!is_taken(k) && !all_caps(toks[k].span.slice(text))).then_some(k);
                }
            }
            None
        };
        let capital_before = if is_cap(i) { None } else { lower_head_start() };
        // A head inside a country's name ("Russian Federation") heads nothing.
        if (!is_cap(i) && capital_before.is_none()) || around.taken.iter().any(|t| t.overlaps(toks[i].span)) {
            i += 1;
            continue;
        }
        let mut start = capital_before.unwrap_or(i);
        loop {
            while start > last_end
                && is_cap(start - 1)
                && !is_taken(start - 1)
                && !all_caps(toks[start - 1].span.slice(text))
                && modifies(start - 1)
            {
                start -= 1;
            }
            // A pair of countries before the head: "Chile – Peru Joint Commission".
            let dash = start >= 2 && start - 2 >= last_end && matches!(words[start - 1], "-" | "–" | "—");
            if dash && start < i && around.embedded_at(toks[start].span).is_some() && around.embedded_at(toks[start - 2].span).is_some() {
                start -= 2;
            } else {
                break;
            }
        }
        // "The Vietnamese Embassy": a capitalised article is not part of the name.
        while start < i && lex.stop_words.contains(words[start]) {
            start += 1;
        }
        // "and" joins words of one name, not a second organisation.
        let joins = |k: usize| words.get(k).is_some_and(|w| matches!(*w, "and" | "и" | "-" | "–")) && !is_head(k + 1);
        // Capitalised words from `k`, and whether a country or place ended
        // them (and with them the name).
        let caps_from = |mut k: usize| {
            while is_cap(k) || (joins(k) && is_cap(k + 1)) {
                if let Some(place) = around.embedded_at(toks[k].span) {
                    while toks.get(k).is_some_and(|t| place.contains(t.span)) {
                        k += 1;
                    }
                    return (k, true);
                }
                k += 1;
            }
            (k, false)
        };
        let mut end = i + 1;
        while end < toks.len() {
            let inner = lex.org_inner_at(&words[end..]);
            if inner > 0 {
                end += inner;
            } else if lex.org_link_direct && is_cap(end) && !crate::lexicon::SHARED.is_surname(toks[end].span.slice(text)) {
                // (A family name there begins the name of the body's officer:
                // "секретарем Коммунистической партии Нгуен Фу Чонгом".)
                // A complement without a preposition (Russian genitive).
                let (k, ended) = caps_from(end);
                end = k;
                if ended {
                    break;
                }
            } else if lex.org_links.contains(words[end]) {
                let mut k = end + 1;
                if words.get(k).is_some_and(|w| *w == "the") {
                    k += 1;
                }
                if !is_cap(k) {
                    break;
                }
                let (k, ended) = caps_from(k);
                end = k;
                if ended {
                    break;
                }
            } else {
                break;
            }
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
        let supported = around.supports.iter().any(|s| span.contains(*s));
        // A generic head ("Government") is a name with a country word beside
        // it ("Vietnamese Government"), not with one after it.
        let clear = if needs_support { !around.taken.iter().any(|t| t.overlaps(span)) } else { !around.blocks(span) };
        if end - start >= 2 && !inside_known && (!needs_support || supported) && clear {
            out.push(Found { span, rule: "organization/modifiers-head-complement", holds: None, head: toks[i].span });
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

/// Where a Vietnamese name that starts at `j` (after its head) ends.
struct NameEnd {
    /// The token after the name.
    next: usize,
    /// How many capitalised words the name has.
    groups: usize,
}

/// After a Vietnamese head: words whose first syllable is capitalised, each
/// followed by at most one lower-case syllable, the lower-case words that
/// belong inside names ("nhân dân tối cao"), "và" joining two parts of one
/// name (not a second head), and a country or place that ends the name.
#[allow(clippy::too_many_arguments)]
fn vi_name_end(
    text: &str,
    toks: &[Token],
    words: &[&str],
    mut j: usize,
    holder_follows: bool,
    lang: Lang,
    lex: &Lexicon,
    around: &Around,
) -> NameEnd {
    let cap = |k: usize| toks.get(k).is_some_and(|n| n.word && capitalised(n.span.slice(text)));
    let lower = |k: usize| toks.get(k).is_some_and(|n| n.word && !capitalised(n.span.slice(text)));
    let mut groups = 0;
    let mut inner_seen = false;
    while j < toks.len() && toks[j].word {
        // "nhân dân tối cao", or a compound such as "Nhà nước" or "Trung
        // ương" (whose first syllable alone may be a country's short form).
        let inner = lex.org_inner_at(&words[j..]);
        if inner > 0 {
            groups += usize::from(cap(j));
            inner_seen = true;
            j += inner;
            continue;
        }
        if let Some(place) = around.embedded_at(toks[j].span) {
            if groups == 0 && !inner_seen {
                break;
            }
            // A country or place ends the name.
            while j < toks.len() && place.contains(toks[j].span) {
                j += 1;
            }
            groups += 1;
            break;
        }
        let holder = || groups > 0 && cap(j + 1) && crate::lexicon::SHARED.is_surname(toks[j].span.slice(text));
        if lex.org_stops.contains(words[j]) || holder_follows && holder() {
            break;
        } else if let Some(next) = cap(j).then(|| field_name_end(text, toks, j, lang)).flatten() {
            // A field named in three syllables or more ("Bộ Công nghiệp và
            // Công nghệ thông tin"): the name runs to its end.
            groups += 1;
            j = next;
        } else if cap(j) {
            groups += 1;
            j += 1;
            if lower(j) && words[j] != "và" && !lex.org_stops.contains(words[j]) && lex.org_inner_at(&words[j..]) == 0 {
                // one lower-case syllable completes the word, unless a
                // second lower-case one follows: then it starts the verb,
                // unless the two syllables make the name of a field
                // ("Bộ Ngoại giao thông báo": foreign affairs, then the verb)
                let field = Span::new(toks[j - 1].span.start, toks[j].span.end).slice(text);
                if !lower(j + 1)
                    || cap(j + 2)
                    || lex.org_inner_at(&words[j + 1..]) > 0
                    || !accord_lexicon::areas_of_text(lang, field).is_empty()
                {
                    j += 1;
                }
            }
        } else if words[j] == "và" && cap(j + 1) && head_at(words, j + 1, lex).is_none() {
            j += 1;
        } else {
            break;
        }
    }
    // An inner phrase alone ("Viện Kiểm sát nhân dân tối cao Lào") is a name too.
    NameEnd { next: j, groups: if inner_seen { groups.max(1) } else { groups } }
}

/// The token after a field's name of three or more words that begins at
/// token `j` (see [`accord_lexicon::area_phrase_at_start`]).
fn field_name_end(text: &str, toks: &[Token], j: usize, lang: Lang) -> Option<usize> {
    let last = toks.len().min(j + 6);
    let start = toks[j].span.start;
    let len = accord_lexicon::area_phrase_at_start(lang, &text[start..toks[last - 1].span.end]);
    let next = (j..last).find(|&k| toks[k].span.start >= start + len).unwrap_or(last);
    (len > 0 && next >= j + 3 && toks[next - 1].span.end == start + len).then_some(next)
}

fn head_at(words: &[&str], i: usize, lex: &Lexicon) -> Option<usize> {
    let heads = lex.org_head_words.get(*words.get(i)?)?;
    heads
        .iter()
        .filter(|parts| words.len() >= i + parts.len() && parts.iter().enumerate().all(|(k, p)| words[i + k] == *p))
        .map(Vec::len)
        .max()
}
