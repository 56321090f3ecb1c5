//! People: found after a title cue ("President", "Tổng Bí thư", "Посол")
//! or by the shape of a Vietnamese name (a family name and one to three
//! more capitalised syllables), then merged within the document.

use crate::lexicon::{Lexicon, TitleStrength, SHARED};
use crate::spans::SpanIndex;
use accord_doc::Span;
use accord_lang::fold_word;
use accord_text::tokens::{all_caps, capitalised, capitalised_at, within, Token};
use accord_text::{word_hash, Folded};

/// A name found in the text, before merging.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The name tokens' spans in the original text.
    pub tokens: Vec<Span>,
    pub title: Option<Span>,
    pub country: Option<String>,
    pub strength: TitleStrength,
    pub rule: &'static str,
    /// The grammatical case a declined title tells its holder's name is in
    /// ("Президента": genitive), where the language declines names.
    pub case: Option<String>,
}

impl Candidate {
    /// A name found without a title (by its shape or a cue).
    fn untitled(tokens: Vec<Span>, rule: &'static str) -> Candidate {
        Candidate { tokens, title: None, country: None, strength: TitleStrength::Office, rule, case: None }
    }

    pub fn span(&self) -> Span {
        Span::new(self.tokens[0].start, self.tokens[self.tokens.len() - 1].end)
    }
}

/// What the rules know of other entities: spans taken by reference data
/// (with the country code of a country or demonym hit).
pub struct Context<'a> {
    pub text: &'a str,
    pub folded: &'a Folded,
    /// The tokens of the document body, once.
    pub tokens: &'a [Token],
    pub taken: &'a [(Span, Option<&'static str>)],
    /// `taken`, indexed for look-ups.
    pub taken_index: &'a SpanIndex,
}

impl Context<'_> {
    /// The folded form of a token, as `fold_word` would give it.
    fn fold(&self, t: &Token) -> &str {
        &self.folded.text[t.folded.0 as usize..t.folded.1 as usize]
    }

    /// The first taken span (in `taken` order) overlapping `span`.
    /// A capitalised word (no acronym) that no other entity claims and
    /// that is no capitalised function word: it may be part of a name.
    fn free_name_word(&self, t: &Token, lex: &Lexicon) -> bool {
        t.word && capitalised_at(self.text, t.span.start) && {
            let w = t.span.slice(self.text);
            !all_caps_long(w) && self.taken_at(t.span).is_none() && !lex.stop_words.contains(self.fold(t))
        }
    }

    fn taken_at(&self, span: Span) -> Option<&(Span, Option<&'static str>)> {
        self.taken_index.first_overlapping(span).map(|i| &self.taken[i])
    }

    /// The first country or demonym (in `taken` order) that ends right
    /// before `title`, only white space between.
    fn country_before(&self, title: Span) -> Option<&(Span, Option<&'static str>)> {
        let gap_start = self.text[..title.start].trim_end().len();
        let first = self.taken_index.ending_within(gap_start, title.start).filter(|&i| self.taken[i].1.is_some()).min();
        first.map(|i| &self.taken[i])
    }
}

/// Candidates introduced by titles, within each sentence.
pub fn by_title(ctx: &Context, folded: &Folded, sentences: &[Span], lex: &Lexicon) -> Vec<Candidate> {
    let mut out = Vec::new();
    for m in folded.view().find(&lex.titles) {
        let index = *m.value;
        let title = folded.span_to_original(m.start, m.end);
        // A title word inside a known name is that name's ("the United
        // Nations General Assembly"), not an office held by who follows.
        if ctx.taken_at(title).is_some_and(|(span, _)| span.contains(title) && *span != title) {
            continue;
        }
        if let Some(exact) = &lex.title_exact[index] {
            if title.slice(ctx.text) != exact {
                continue;
            }
        }
        let i = sentences.partition_point(|s| s.end < title.end);
        let Some(sentence) = sentences.get(i).filter(|s| s.contains(title)) else {
            continue;
        };
        let strength = lex.title_strength[index];
        if strength == TitleStrength::Office {
            out.extend(name_before_title(ctx, title, *sentence, lex));
        }
        let Some(mut first) = name_after_title(ctx, title, *sentence, lex, strength) else {
            continue;
        };
        first.case = lex.title_case(&folded.text[m.start..m.end]);
        // "Prime Ministers A and B": the second holder follows the joiner.
        let second = lex.title_plural[index].then(|| second_holder(ctx, &first, *sentence, lex, strength)).flatten();
        out.push(first);
        out.extend(second);
    }
    out
}

/// After a plural title's first holder, a joiner and the second holder's
/// name, which shares the title.
fn second_holder(ctx: &Context, first: &Candidate, sentence: Span, lex: &Lexicon, strength: TitleStrength) -> Option<Candidate> {
    let last = *first.tokens.last()?;
    let toks = within(ctx.tokens, Span::new(last.end, sentence.end));
    let joiner = toks.first().filter(|t| t.word && lex.name_joiners.contains(ctx.fold(t)))?;
    let mut second = name_after_title(ctx, joiner.span, sentence, lex, strength)?;
    second.title = first.title;
    second.case = first.case.clone();
    Some(second)
}

/// A name set before its title by a comma ("Lena Okafor, Minister of
/// Trade of Ghana, said"): two to four capitalised words that nothing else
/// claims, no office among them, not the end of a longer capitalised run.
fn name_before_title(ctx: &Context, title: Span, sentence: Span, lex: &Lexicon) -> Option<Candidate> {
    let toks = within(ctx.tokens, Span::new(sentence.start, title.start));
    let (comma, before) = toks.split_last()?;
    if comma.span.slice(ctx.text) != "," {
        return None;
    }
    let is_name_word = |t: &Token| ctx.free_name_word(t, lex);
    let from = before.iter().rposition(|t| !is_name_word(t)).map_or(0, |k| k + 1);
    let name = &before[from..];
    // The run must start the sentence or follow a word that is no name
    // ("said Lena Okafor, Minister ..."), not a capitalised word this rule
    // could not read ("The Lena Okafor").
    let starts_run = from == 0 || before[from - 1].word && !capitalised(before[from - 1].span.slice(ctx.text));
    let starts_run = starts_run || !before[from - 1].word && before[from - 1].span.slice(ctx.text) != "-";
    if !(2..=4).contains(&name.len()) || !starts_run {
        return None;
    }
    let words: Vec<&str> = name.iter().map(|t| ctx.fold(t)).collect();
    if (0..words.len()).any(|k| lex.office_prefix(&words[k..]) > 0) {
        return None;
    }
    Some(Candidate {
        tokens: name.iter().map(|t| t.span).collect(),
        title: Some(trim_span(ctx.text, title)),
        country: None,
        strength: TitleStrength::Office,
        rule: "person/name-comma-title",
        case: None,
    })
}

fn name_after_title(ctx: &Context, title: Span, sentence: Span, lex: &Lexicon, strength: TitleStrength) -> Option<Candidate> {
    let toks = within(ctx.tokens, Span::new(title.end, sentence.end));
    let mut run: Vec<Token> = Vec::with_capacity(8);
    let mut cut = 0;
    let mut country_after_of: Option<String> = None;
    let mut after_to = false;
    // Whether the words kept began after a connector ("Minister of ..."),
    // where an office's field may stand instead of a name.
    let mut after_connector = false;
    // Whether a run of capitalised words holds a name (not only offices,
    // countries and acronyms).
    let has_name = |run: &[Token]| {
        run.iter().any(|t| {
            let w = t.span.slice(ctx.text);
            ctx.taken_at(t.span).is_none() && lex.office_prefix(&[ctx.fold(t)]) == 0 && !all_caps_long(w)
        })
    };
    let mut i = 0;
    while i < toks.len() && i < 24 {
        let t = toks[i];
        let w = t.span.slice(ctx.text);
        if !t.word {
            if w == "(" {
                // A parenthesised abbreviation inside a title: "(CPV)".
                match toks[i..].iter().take(8).position(|x| x.span.slice(ctx.text) == ")") {
                    Some(close) => {
                        i += close + 1;
                        continue;
                    }
                    None => break,
                }
            }
            if w == "." && run.last().is_some_and(|l| l.span.len() <= 2) {
                i += 1; // the stop after "Mr" or an initial
                continue;
            }
            // An apposition: "the President of Belarus, Aleksandr Lukashenko,"
            // names the holder after the comma when no name came before it.
            // (Not a second title: "Bí thư thứ nhất, Chủ tịch ...".)
            // (The words after it are read only at a comma.)
            // (Nor a field that goes on the title's list: "Ministers of
            // Foreign Affairs, Fisheries and ...".)
            let name_next = || {
                let next_words: Vec<&str> = toks[i + 1..].iter().take(5).take_while(|n| n.word).map(|n| ctx.fold(n)).collect();
                toks.get(i + 1).is_some_and(|n| {
                    let nw = n.span.slice(ctx.text);
                    n.word
                        && capitalised(nw)
                        && ctx.taken_at(n.span).is_none()
                        && lex.office_prefix(&next_words) == 0
                        && accord_lexicon::areas_of_text(lex.lang, nw).is_empty()
                })
            };
            if w == "," && name_next() && !has_name(&run[cut..]) {
                after_connector = false;
                cut = run.len();
                i += 1;
                continue;
            }
            break;
        }
        let f = ctx.fold(&t);
        if capitalised(w) {
            if let Some((span, Some(code))) = ctx.taken_at(t.span) {
                if !after_to && country_after_of.is_none() && span.start >= title.end {
                    country_after_of = Some(code.to_string());
                }
            }
            run.push(t);
        } else if let Some(phrase) = run.last().map(|last| office_after(ctx, lex, last, &toks[i..])).filter(|&n| n > 0) {
            // "tại Thủ đô Jakarta", "Thủ tướng Quốc vụ viện": a capitalised
            // word and the lower-case ones after it make an office or a
            // place word, stripped below.
            run.extend_from_slice(&toks[i..i + phrase]);
            i += phrase;
            continue;
        } else if SHARED.is_particle(w) && !run.is_empty() && toks.get(i + 1).is_some_and(|n| capitalised(n.span.slice(ctx.text))) {
            run.push(t);
        } else if let Some(&to_a_place) = lex.connectors.get(f) {
            // "Minister of Foreign Affairs X" goes on; "X of India" is done.
            if has_name(&run[cut..]) {
                break;
            }
            after_to = to_a_place;
            after_connector = true;
            cut = run.len();
        } else {
            break;
        }
        i += 1;
    }
    let name: &[Token] = &run[cut.min(run.len())..];
    // What follows the title may still be part of an office or a country:
    // strip it from the left, then end the name where an office or a known
    // entity starts again.
    let folded: Vec<&str> = name.iter().map(|t| ctx.fold(t)).collect();
    let mut from = 0;
    while from < name.len() {
        let w = name[from].span.slice(ctx.text);
        let office = lex.office_prefix(&folded[from..]);
        if office > 0 {
            from += office;
        } else if ctx.taken_at(name[from].span).is_some() || lex.stop_words.contains(folded[from]) || all_caps_long(w) {
            from += 1;
        } else {
            break;
        }
    }
    let ends_name = |k: usize| {
        lex.office_prefix(&folded[k..]) > 0 || ctx.taken_at(name[k].span).is_some() || all_caps_long(name[k].span.slice(ctx.text))
    };
    let mut to = from;
    loop {
        while to < name.len() && !ends_name(to) {
            to += 1;
        }
        // "External Affairs Shri A B": words before an office word, with
        // more of the run after it, were the office's, not the name.
        let office = if to < name.len() { lex.office_prefix(&folded[to..]) } else { 0 };
        if to > from && office > 0 && to + office < name.len() && !ends_name(to + office) {
            from = to + office;
            to = from;
        } else {
            break;
        }
    }
    let mut name: &[Token] = &name[from..to];
    while let Some((_, rest)) = name.split_last().filter(|(t, _)| SHARED.is_particle(t.span.slice(ctx.text))) {
        name = rest;
    }
    let words = name.iter().filter(|t| !SHARED.is_particle(t.span.slice(ctx.text))).count();
    if words == 0 || words > 5 {
        return None;
    }
    // "Minister of Fisheries": the field of the office, not its holder.
    let field = |t: &Token| !accord_lexicon::areas_of_text(lex.lang, t.span.slice(ctx.text)).is_empty();
    if after_connector && name.iter().all(field) {
        return None;
    }
    if name.iter().any(|t| t.span.slice(ctx.text).chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    // The country of the office: a country or demonym just before the title
    // ("Belarusian President"), else one after "of" within the title.
    let country_before = ctx.country_before(title);
    let before = country_before.and_then(|(_, c)| c.map(str::to_string));
    let title_end = name[0].span.start;
    let title_text = Span::new(country_before.map_or(title.start, |(s, _)| s.start), title_end);
    Some(Candidate {
        tokens: name.iter().map(|t| t.span).collect(),
        title: Some(trim_span(ctx.text, title_text)),
        country: before.or(country_after_of),
        strength,
        rule: "person/title",
        case: None,
    })
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim().trim_end_matches([',', '(', '–', '-', '—']).trim_end();
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// Vietnamese names without a title: a family name from the reference list
/// followed by one to three capitalised syllables, in any language's text.
/// `may_hold_surname` says, for each sentence, whether one of its folded
/// words passed [`crate::lexicon::Shared::surname_filter`] (the caller reads
/// each sentence's words once for several filters).
pub fn by_name_shape(ctx: &Context, sentences: &[Span], may_hold_surname: &[bool], lex: &Lexicon) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (&sentence, _) in sentences.iter().zip(may_hold_surname).filter(|(_, &may)| may) {
        let toks = within(ctx.tokens, sentence);
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if !(t.word && capitalised_at(ctx.text, t.span.start)) {
                i += 1;
                continue;
            }
            let w = t.span.slice(ctx.text);
            // The filter of folded family names rules out most tokens before
            // the exact test.
            let maybe_surname = || SHARED.surname_filter.may_contain(word_hash(ctx.fold(&t))) && SHARED.is_surname(w);
            if !(t.word && capitalised(w) && !all_caps_long(w) && maybe_surname() && ctx.taken_at(t.span).is_none()) {
                i += 1;
                continue;
            }
            // Not the tail of a longer capitalised run (an office, a place).
            if i > 0 {
                let p = toks[i - 1];
                let pw = p.span.slice(ctx.text);
                if p.word
                    && capitalised(pw)
                    && lex.office_prefix(&[ctx.fold(&p)]) == 0
                    && ctx.taken_at(p.span).is_none()
                    && p.span.start != sentence.start
                {
                    i += 1;
                    continue;
                }
            }
            let words: Vec<&str> = toks[i..toks.len().min(i + 6)].iter().map(|t| ctx.fold(t)).collect();
            let mut j = i + 1;
            while j < toks.len() && j - i < 4 {
                let n = toks[j];
                let nw = n.span.slice(ctx.text);
                // "Phủ Tổng thống": a syllable that starts an office ends the name.
                if lex.office_prefix(&words[(j - i).min(words.len())..]) > 0 {
                    break;
                }
                // A word form of the text's language is no syllable of a
                // Vietnamese name: "До Нового года" is "until New Year".
                if n.word
                    && capitalised(nw)
                    && !all_caps_long(nw)
                    && nw.chars().count() <= 8
                    && nw.chars().all(accord_lang::is_alphabetic)
                    && !lex.is_adjective_form(nw)
                    && lex.office_prefix(&[ctx.fold(&n)]) == 0
                    && ctx.taken_at(n.span).is_none()
                    && !lex.stop_words.contains(ctx.fold(&n))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // A longer capitalised run goes on: a name of something else.
            let continues = toks.get(j).is_some_and(|n| n.word && capitalised(n.span.slice(ctx.text)) && ctx.taken_at(n.span).is_none());
            if j - i >= 2 && !continues {
                out.push(Candidate::untitled(toks[i..j].iter().map(|t| t.span).collect(), "person/vietnamese-name-shape"));
            }
            i = j.max(i + 1);
        }
    }
    out
}

/// Candidates named right after a cue of meeting or speaking ("talks with
/// Ana Ruiz", "met Ana Ruiz"): two to four capitalised words that no other
/// rule claims, no office among them, ending the capitalised run.
pub fn by_cue(ctx: &Context, folded: &Folded, sentences: &[Span], lex: &Lexicon) -> Vec<Candidate> {
    let mut out = Vec::new();
    if lex.name_cues.is_empty() {
        return out;
    }
    let view = folded.view();
    // The cue words are found in the folded words, without folding each token.
    for (s, e, hash) in view.hashed_words() {
        if !lex.name_cue_filter.may_contain(hash) || !lex.name_cues.contains(&view.text[s..e]) {
            continue;
        }
        let cue_span = view.span_to_original(s, e);
        let Some(&sentence) = sentences.get(sentences.partition_point(|x| x.end <= cue_span.start)).filter(|x| x.contains(cue_span)) else {
            continue;
        };
        let toks = within(ctx.tokens, sentence);
        let i = toks.partition_point(|t| t.span.start < cue_span.start);
        if toks.get(i).is_none_or(|t| t.span != cue_span) {
            continue;
        }
        let is_name_word = |t: &Token| ctx.free_name_word(t, lex);
        let mut j = i + 1;
        let mut name: Vec<Span> = Vec::new();
        while j < toks.len() && name.len() < 5 {
            let t = toks[j];
            // A particle inside a name ("Ek de Vries") belongs to it.
            let particle = !name.is_empty() && SHARED.is_particle(t.span.slice(ctx.text)) && toks.get(j + 1).is_some_and(is_name_word);
            if !(is_name_word(&t) || particle) {
                break;
            }
            name.push(t.span);
            j += 1;
        }
        let words: Vec<String> = name.iter().map(|s| fold_word(s.slice(ctx.text))).collect();
        let has_office = (0..words.len()).any(|k| lex.office_prefix(&words[k..]) > 0);
        let run_goes_on = toks.get(j).is_some_and(|t| t.word && capitalised(t.span.slice(ctx.text)));
        if (2..=4).contains(&name.len()) && !has_office && !run_goes_on {
            out.push(Candidate::untitled(name, "person/after-meeting-cue"));
        }
    }
    out
}

fn all_caps_long(w: &str) -> bool {
    all_caps(w) && w.chars().count() > 1
}

/// Whether two folded name tokens are the same word, allowing for the
/// spelling slips of news text ("Lukashenk" for "Lukashenko").
pub fn same_token(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 6 && long.starts_with(short) && long.chars().count() - short.chars().count() <= 2
}

/// Whether two candidates' folded token lists name the same person.
pub fn same_person(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return false;
    }
    // Every token of the shorter form is in the longer one, in order.
    let mut k = 0;
    for t in long {
        if k < short.len() && same_token(&short[k], t) {
            k += 1;
        }
    }
    if k == short.len() {
        return true;
    }
    // Transliteration variants of a first name: Aleksandr / Alexander.
    short.len() >= 2 && same_token(short.last().unwrap(), long.last().unwrap()) && short[0].chars().take(3).eq(long[0].chars().take(3))
}

/// People named by a given name of the language's list and the one or two
/// capitalised words after it ("Дмитрий Чернышенко", "с Дмитрием
/// Чернышенко", "Александр Григорьевич Лукашенко"), with no title.
pub fn by_given_name(ctx: &Context, sentences: &[Span], lex: &Lexicon) -> Vec<Candidate> {
    let mut out = Vec::new();
    if lex.name_forms.is_empty() {
        return out;
    }
    let name_word = |t: &Token| ctx.free_name_word(t, lex) && lex.office_prefix(&[ctx.fold(t)]) == 0;
    for &sentence in sentences {
        let toks = within(ctx.tokens, sentence);
        let mut i = 0;
        while i < toks.len() {
            if !(name_word(&toks[i]) && lex.name_forms.is_given(toks[i].span.slice(ctx.text))) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() && j - i < 3 && name_word(&toks[j]) {
                j += 1;
            }
            if j - i >= 2 {
                out.push(Candidate::untitled(toks[i..j].iter().map(|t| t.span).collect(), "person/given-name"));
            }
            i = j.max(i + 1);
        }
    }
    out
}

/// How many of `next` (from the first) make an office phrase with `last`
/// before them ("Quốc" + "vụ viện"); 0 if none.
fn office_after(ctx: &Context, lex: &Lexicon, last: &Token, next: &[Token]) -> usize {
    let words: Vec<&str> = std::iter::once(last).chain(next.iter().take(3)).map(|t| ctx.fold(t)).collect();
    lex.office_prefix(&words).saturating_sub(1)
}
