//! Mentions of instruments in one sentence: a head noun ("agreement",
//! "Hiệp định", "joint statement") grown into the name it heads, classified
//! (a new instrument, a reference back, a package of several), and dated by
//! the signing and entry-into-force words of its clause.

use crate::lexicon::{Head, Need, Role, Rules};
use accord_doc::{DateRange, Span};
use accord_recognize::Analysis;
use accord_text::FoldedView;
use accord_time::TimeValue;

mod classify;
mod dating;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Class {
    /// A name or a description of one instrument.
    Described { bare_indefinite: bool },
    /// "the agreement", "this deal", "văn kiện này": an instrument named before.
    Reference,
    /// "the second document": one instrument of a group told before ("three
    /// documents were exchanged"); it shares the group's signing.
    Member,
    /// "six agreements were signed": a package, one record.
    Package { fields: Vec<&'static str> },
    /// "documents on defence, health and culture were exchanged": one
    /// instrument per field.
    PerField { fields: Vec<(String, Vec<&'static str>)> },
}

#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub kind: &'static str,
    pub class: Class,
    pub title: String,
    /// The head noun as written ("agreements", "văn kiện").
    pub head: String,
    /// Folded words of the title that tell instruments apart (no head, no
    /// function words, no numbers).
    pub content: Vec<String>,
    /// Acronyms the text gives the instrument: "(CEPA)".
    pub aliases: Vec<String>,
    pub topics: Vec<&'static str>,
    pub signed: Option<DateRange>,
    pub in_force: Option<DateRange>,
    pub status: Option<&'static str>,
    pub named: bool,
    pub sentence: Span,
    /// Where the name is in the text.
    pub span: Span,
}

struct Token {
    /// Byte range in the folded sentence.
    fs: usize,
    fe: usize,
    /// Byte range in the input.
    os: usize,
    oe: usize,
    word: bool,
    capital: bool,
    all_caps: bool,
    digits: bool,
    role: Option<Role>,
}

struct HeadHit {
    start: usize,
    end: usize,
    head: Head<'static>,
}

struct Time<'a> {
    start: usize,
    end: usize,
    value: &'a TimeValue,
}

/// The instruments mentioned in `sentence`, in text order.
pub(crate) fn in_sentence(a: &Analysis, sentence: Span, rules: &'static Rules) -> Vec<Mention> {
    let text = a.doc.text.as_str();
    let folded = a.folded_within(sentence);
    let hits = rules.heads.find_in(&folded);
    if hits.is_empty() {
        return Vec::new();
    }
    let mut tokens = tokenize(a, sentence, &folded);
    for hit in rules.words.find_in(&folded) {
        let Some(role) = Rules::role(hit.label) else {
            continue;
        };
        let surface = folded.span_to_original(hit.start, hit.end);
        if !rules.word_is_written_so(&folded.text[hit.start..hit.end], text.get(surface.start..surface.end).unwrap_or("")) {
            continue;
        }
        // Tokens are in text order: those inside the cue are one run.
        let first = tokens.partition_point(|t| t.fs < hit.start);
        for t in tokens[first..].iter_mut().take_while(|t| t.fe <= hit.end) {
            t.role = Some(role);
        }
    }
    let heads: Vec<HeadHit> = hits
        .iter()
        .filter_map(|h| {
            let start = tokens.partition_point(|t| t.fs < h.start);
            let last = tokens.partition_point(|t| t.fe < h.end);
            if tokens.get(start)?.fs != h.start || tokens.get(last)?.fe != h.end {
                return None;
            }
            let end = last + 1;
            Some(HeadHit { start, end, head: Head::parse(h.label) })
        })
        .collect();
    let times: Vec<Time> = Analysis::inside(&a.times, sentence)
        .filter_map(|t| {
            let start = tokens.iter().position(|k| k.os >= t.span.start)?;
            let end = tokens.iter().position(|k| k.os >= t.span.end).unwrap_or(tokens.len());
            Some(Time { start, end, value: &t.value })
        })
        .collect();
    let reader = Reader { a, rules, tokens: &tokens, heads: &heads, times: &times, sentence, text };
    reader.read()
}

/// The sentence's tokens as an instrument's name is read: the document's
/// token layer, with a joined word ("Jae-in", "O'Neill") in its parts, since
/// a hyphen inside a name can also join two names ("Vietnam-Laos").
fn tokenize(a: &Analysis, sentence: Span, folded: &FoldedView) -> Vec<Token> {
    let text = a.doc.text.as_str();
    let layer = a.tokens_within(sentence);
    let f = folded.text;
    let mut tokens = Vec::with_capacity(layer.len() + layer.len() / 8);
    for layer_token in layer {
        let (from, to) = folded.local(layer_token.folded);
        let mut chars = f[from..to].char_indices().map(|(i, c)| (from + i, c)).peekable();
        while let Some((i, c)) = chars.next() {
            if c == ' ' {
                continue;
            }
            let mut end = i + c.len_utf8();
            let word = accord_lang::is_alphanumeric(c);
            if word {
                while let Some(&(j, d)) = chars.peek() {
                    if !accord_lang::is_alphanumeric(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
            }
            let os = folded.to_original(i);
            let oe = folded.to_original(end).max(os);
            let original = text.get(os..oe).unwrap_or("");
            let capital = accord_text::tokens::capitalised(original);
            // Most words have a small letter, which rules them out at once.
            let all_caps =
                accord_text::tokens::all_caps(original) && original.chars().filter(|&c| accord_lang::is_alphabetic(c)).nth(1).is_some();
            let digits = word && f.as_bytes()[i..end].iter().all(u8::is_ascii_digit);
            tokens.push(Token { fs: i, fe: end, os, oe, word, capital, all_caps, digits, role: None });
        }
    }
    tokens
}

struct Reader<'r> {
    a: &'r Analysis,
    rules: &'static Rules,
    tokens: &'r [Token],
    heads: &'r [HeadHit],
    times: &'r [Time<'r>],
    sentence: Span,
    text: &'r str,
}

/// A name found around a head: its token range and what stood before it.
struct Name {
    start: usize,
    end: usize,
    /// The role of the word just before the name ("the", "a", "các").
    before: Option<Role>,
    quantified: bool,
    copular: bool,
    demonstrative_after: bool,
    aliases: Vec<String>,
    year: Option<DateRange>,
    /// "the first document", "the second agreement".
    ordinal: bool,
}

impl Reader<'_> {
    fn read(&self) -> Vec<Mention> {
        let mut mentions: Vec<Mention> = Vec::new();
        let mut taken_until = 0;
        let mut names: Vec<(usize, Name)> = Vec::new();
        for (h, hit) in self.heads.iter().enumerate() {
            if hit.start < taken_until {
                continue;
            }
            let name = self.grow(h);
            taken_until = name.end;
            names.push((h, name));
        }
        let concluded = self.tokens.iter().any(|t| t.role == Some(Role::Signed));
        for (h, name) in &names {
            let hit = &self.heads[*h];
            if let Some(m) = self.classify(hit, name, concluded) {
                mentions.push(m);
            }
        }
        self.date(&mut mentions, &names);
        mentions
    }

    fn is_head_start(&self, i: usize) -> bool {
        self.heads.iter().any(|h| h.start == i)
    }

    fn joiner(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        !t.word && matches!(self.folded_of(t), "-" | "'" | "/" | "&")
    }

    fn folded_of(&self, t: &Token) -> &str {
        // The original text is enough to tell punctuation apart.
        self.text
            .get(t.os..t.oe)
            .map(|s| {
                if s == "–" || s == "—" {
                    "-"
                } else if s == "’" {
                    "'"
                } else {
                    s
                }
            })
            .unwrap_or("")
    }

    fn capital_at(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.capital && i > 0)
    }

    /// Grow the head at `heads[h]` into the name it heads.
    fn grow(&self, h: usize) -> Name {
        let hit = &self.heads[h];
        let shape = &self.rules.shape;
        let toks = self.tokens;
        let start = self.left_edge(hit);
        let (end, aliases) = self.right_edge(hit);
        let before = start.checked_sub(1).and_then(|i| toks[i].role);
        let quantified = self.counted_before(start.min(hit.start));
        let det_at = if before.is_some() { start.saturating_sub(1) } else { start };
        let copular = det_at.checked_sub(1).is_some_and(|i| toks[i].role == Some(Role::Copula)) || (before == Some(Role::Copula));
        let demonstrative_after = !shape.left_modifiers && toks.get(end).is_some_and(|t| t.role == Some(Role::Demonstrative));
        let year = self.year_in(start, end);
        // The ordinal stands where the language puts modifiers: "the
        // second document", "văn kiện thứ hai".
        let ordinal = if shape.left_modifiers {
            toks[start..hit.start].iter().any(|t| t.role == Some(Role::Ordinal))
        } else {
            toks.get(hit.end).is_some_and(|t| t.role == Some(Role::Ordinal))
        };
        Name { start, end, before, quantified, copular, demonstrative_after, aliases, year, ordinal }
    }

    /// Where the name of `hit` begins: its modifiers ("visa exemption",
    /// "2007 intergovernmental", "Eurasian Economic Union (EAEU)-Việt Nam"),
    /// never a bracket or joiner.
    fn left_edge(&self, hit: &HeadHit) -> usize {
        let shape = &self.rules.shape;
        let toks = self.tokens;
        let mut start = hit.start;
        let mut words = 0;
        let mut seen_capital = self.capital_at(hit.start);
        while start > 0 && words < shape.max_left_words {
            let i = start - 1;
            let t = &toks[i];
            let inside_proper = seen_capital && i > 0 && self.capital_at(i - 1) || (i > 0 && toks[i - 1].all_caps);
            let capital_word = t.word && t.capital && i > 0 && matches!(t.role, Some(Role::Function | Role::Complement | Role::And));
            if capital_word {
                seen_capital = true;
            } else if t.role == Some(Role::Ordinal) {
                // "the second document": a modifier like any other.
            } else if let Some(role) = t.role {
                let joins_capitals = matches!(role, Role::And | Role::Complement) && inside_proper && self.capital_at(i + 1);
                if !joins_capitals {
                    break;
                }
            } else if !t.word {
                let text = self.folded_of(t);
                let bracket = matches!(text, "(" | ")");
                if !(self.joiner(i) || bracket) || !(inside_proper || self.capital_at(i + 1) || toks[i + 1].all_caps) {
                    break;
                }
            } else if !shape.left_modifiers {
                break;
            } else if t.digits {
                if t.fe - t.fs != 4 {
                    break;
                }
            } else if t.capital && (i > 0 || seen_capital) || t.all_caps {
                seen_capital = true;
            } else {
                let word = &self.text[t.os..t.oe];
                let lower_stop = shape.has_verb_ending(word);
                if seen_capital || lower_stop || (i == 0 && t.capital) {
                    break;
                }
            }
            start = i;
            words += usize::from(t.word);
        }
        // Never start a name on a bracket or joiner.
        while start < hit.start && !toks[start].word {
            start += 1;
        }
        start
    }

    /// Where the name of `hit` ends: its complement ("on educational
    /// cooperation", "giữa Việt Nam và Liên minh ...") up to a clause
    /// boundary, not on a function word or joiner; with the acronyms given
    /// on the way ("(CEPA)").
    fn right_edge(&self, hit: &HeadHit) -> (usize, Vec<String>) {
        let shape = &self.rules.shape;
        let toks = self.tokens;
        let mut end = hit.end;
        let mut aliases = Vec::new();
        // "an agreement on cooperation in culture and sports": after one
        // instrument, a field phrase is its complement; after a plural
        // ("agreements on cooperation in A, B and C") it lists one per field.
        let plural =
            hit.head.plural || hit.start.checked_sub(1).is_some_and(|i| matches!(toks[i].role, Some(Role::Plural | Role::Quantifier)));
        let continues = |role: Option<Role>| match role {
            Some(Role::List) => !plural,
            Some(role) => role.inside_name(),
            None => true,
        };
        let opens = |i: usize| {
            toks.get(i).is_some_and(|t| matches!(t.role, Some(Role::Complement | Role::Between)) || (t.role == Some(Role::List) && !plural))
        };
        if let Some(close) = self.acronym_in_brackets(end) {
            aliases.extend(self.acronyms(end, close));
            end = close;
        }
        if let Some(after) = self.appositive_acronym(end) {
            aliases.extend(self.acronyms(end, after));
            end = after;
        }
        if !shape.right_needs_complement || opens(end) {
            let mut words = 0;
            let mut between = false;
            let mut joined = false;
            while end < toks.len() && words < shape.max_right_words {
                let t = &toks[end];
                if self.is_head_start(end) || self.time_stops_name(end) {
                    break;
                }
                if !t.word {
                    if let Some(close) = self.acronym_in_brackets(end) {
                        aliases.extend(self.acronyms(end, close));
                        end = close;
                        continue;
                    }
                    if self.joiner(end) && end + 1 < toks.len() && toks[end + 1].word {
                        end += 1;
                        continue;
                    }
                    break;
                }
                match t.role {
                    Some(Role::Between) => between = true,
                    Some(Role::And) => {
                        let inside_proper = self.capital_at(end - 1) && self.capital_at(end + 1);
                        // "on friendly relations and cooperation between A
                        // and B", "on trade and investment.": a second plain
                        // noun that ends the complement or opens its parties.
                        // A verb after it ends the name too ("... and sports was signed").
                        let closes = |i: usize| {
                            toks.get(i).is_none_or(|n| {
                                !n.word
                                    || n.role.is_some_and(|r| matches!(r, Role::Between | Role::Copula) || r.ends_phrase() || r.is_status())
                            })
                        };
                        let plain_noun =
                            toks.get(end + 1).is_some_and(|n| n.word && n.role.is_none() && !n.capital && !self.is_head_start(end + 1));
                        if between && !joined {
                            joined = true;
                        } else if !(inside_proper || plain_noun && closes(end + 2)) {
                            break;
                        }
                    }
                    role if !continues(role) => break,
                    _ => {}
                }
                end += 1;
                words += 1;
            }
        }
        // A name does not end on a function word or a joiner.
        while end > hit.end && (!toks[end - 1].word || toks[end - 1].role.is_some_and(|r| r != Role::Quantifier)) {
            if self.folded_of(&toks[end - 1]) == ")" {
                break;
            }
            end -= 1;
        }
        (end, aliases)
    }

    /// `(CEPA)`, `(UNCLOS 1982)` right at `i`: the index after `)`.
    fn acronym_in_brackets(&self, i: usize) -> Option<usize> {
        let toks = self.tokens;
        if toks.get(i).map(|t| self.folded_of(t)) != Some("(") {
            return None;
        }
        let close = (i + 1..(i + 6).min(toks.len())).find(|&j| self.folded_of(&toks[j]) == ")")?;
        let inner = &toks[i + 1..close];
        (!inner.is_empty() && inner.iter().any(|t| t.all_caps) && inner.iter().all(|t| t.all_caps || t.digits || !t.word))
            .then_some(close + 1)
    }

    /// `, ECTA,` right at `i`: the index after the acronym.
    fn appositive_acronym(&self, i: usize) -> Option<usize> {
        let toks = self.tokens;
        let comma = |j: usize| toks.get(j).is_some_and(|t| self.folded_of(t) == ",");
        (comma(i) && toks.get(i + 1).is_some_and(|t| t.all_caps && t.word) && (comma(i + 2) || i + 2 >= toks.len())).then_some(i + 2)
    }

    fn acronyms(&self, from: usize, to: usize) -> Vec<String> {
        self.tokens[from..to].iter().filter(|t| t.all_caps && t.word).map(|t| accord_lang::fold_word(&self.text[t.os..t.oe])).collect()
    }

    /// A time expression at `i` that is a date of a day, or relative: it
    /// tells when, it is not part of a name.
    fn time_stops_name(&self, i: usize) -> bool {
        self.times.iter().any(|t| {
            t.start == i
                && match t.value {
                    TimeValue::Date(d) => d.day.is_some() || d.month.is_some(),
                    TimeValue::Interval { .. } => false,
                    _ => true,
                }
        })
    }

    /// A year alone inside the name: "the 2007 intergovernmental agreement",
    /// "UNCLOS 1982", "Công ước ... năm 1982".
    fn year_in(&self, start: usize, end: usize) -> Option<DateRange> {
        self.times.iter().filter(|t| t.start >= start && t.end <= end).find_map(|t| match t.value {
            TimeValue::Date(d) if d.month.is_none() => accord_time::resolve(t.value, None),
            _ => None,
        })
    }

    /// A count or quantifier just before the name ("six", "27
    /// intergovernmental, ... and", "multiple", "các" does not count).
    fn counted_before(&self, start: usize) -> bool {
        let mut i = start;
        let mut seen = 0;
        while i > 0 && seen < accord_recognize::reach::COUNT_TO_HEAD.0 {
            i -= 1;
            let t = &self.tokens[i];
            // "four dozen agreements and contracts": the count is the
            // first head's.
            if self.heads.iter().any(|h| h.start <= i && i < h.end) {
                return false;
            }
            match t.role {
                Some(Role::Quantifier) => return true,
                Some(Role::And | Role::Definite | Role::Function) | None => {}
                Some(_) => return false,
            }
            if t.digits {
                return t.fe - t.fs != 4 || !self.times.iter().any(|x| x.start <= i && i < x.end);
            }
            if !t.word && self.folded_of(t) != "," {
                return false;
            }
            seen += 1;
        }
        false
    }
}

pub(crate) fn push_all(out: &mut Vec<&'static str>, items: &[&'static str]) {
    for item in items {
        if !out.contains(item) {
            out.push(item);
        }
    }
}
