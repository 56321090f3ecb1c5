//! Entities of a document: countries, organisations and places from the
//! reference data in `data/`, organisations by head noun, people by title
//! cue and name shape; merged so that each real entity is one record.
//!
//! ```text
//! folded text --gazetteer--> countries, organisations, places
//!             --titles-----> people ("President X", "Tổng Bí thư X")
//!             --name shape-> Vietnamese names without a title
//!             --heads------> other organisations ("Ministry of ...")
//! ```

mod declension;
mod gazetteer;
mod lexicon;
mod names;
mod org;
mod person;
mod place_cue;
mod spans;
use accord_text::tokens;

use accord_doc::facts::{Entity, EntityType, MentionOffsets};
use accord_doc::{Annotated, Lang, Layer, Span};
use accord_lang::fold_word;
use accord_text::Folded;
use gazetteer::{Strength, GAZETTEER};
use lexicon::TitleStrength;
use spans::SpanIndex;
use std::collections::{BTreeMap, HashMap};

/// The entity layer of a document: one record per real entity and every
/// mention, pointing at its record.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub records: Vec<Entity>,
    pub mentions: Layer<usize>,
}

impl Entities {
    /// The record a span of text refers to, if it is a mention.
    pub fn at(&self, span: Span) -> Option<&Entity> {
        self.mentions.iter().find(|m| m.span.overlaps(span)).map(|m| &self.records[m.value])
    }

    /// Country codes mentioned inside `span` (countries, and demonyms of
    /// countries named in the document), in text order.
    pub fn countries_in(&self, span: Span) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        // Mentions are in text order: those that start inside `span`.
        let from = self.mentions.partition_point(|m| m.span.start < span.start);
        let inside = self.mentions[from..].iter().take_while(|m| m.span.start <= span.end);
        for m in inside.filter(|m| span.contains(m.span)) {
            let r = &self.records[m.value];
            if r.kind == EntityType::Country {
                if let Some(code) = r.code.as_deref() {
                    if !out.contains(&code) {
                        out.push(code);
                    }
                }
            }
        }
        out
    }
}

/// Find the entities of `text[body]`, sentence by sentence. Spans in
/// `inside_other` belong to other layers (the "US" of "31 billion US
/// dollars" is a currency): no entity is found within them.
pub fn recognize(text: &str, body: Span, sentences: &[Span], lang: Lang, inside_other: &[Span]) -> Entities {
    let folded = Folded::of_range(text, body);
    let all_tokens = tokens::with_folded(text, body, &folded);
    recognize_folded(text, &folded, &all_tokens, sentences, lang, inside_other)
}

/// [`recognize`] with the body already folded and its token layer made
/// (`folded` is `text[body]` folded, `all_tokens` its tokens), as the
/// pipeline does once for every stage.
pub fn recognize_folded(
    text: &str,
    folded: &Folded,
    all_tokens: &[tokens::Token],
    sentences: &[Span],
    lang: Lang,
    inside_other: &[Span],
) -> Entities {
    let g: &'static gazetteer::Gazetteer = &GAZETTEER;
    let lex = lexicon::lexicon(lang);
    let inside_other = SpanIndex::new(inside_other.iter().copied());

    let hits = g.find(folded, text, lang);
    let mut records: Vec<Draft> = Vec::new();
    let mut by_entry: BTreeMap<usize, usize> = BTreeMap::new();
    let mut supports: Vec<(usize, Span)> = Vec::new();
    // Spans of reference-data hits, with the country they point at.
    let mut taken: Vec<(Span, Option<&'static str>)> = Vec::with_capacity(hits.len() * 2);
    // Spans that name an entity (not demonyms or ambiguous forms).
    let mut strong: Vec<Span> = Vec::with_capacity(hits.len());
    // Spans of countries and places, which may stand inside an organisation's name.
    let mut embeddable: Vec<Span> = Vec::with_capacity(hits.len());
    // Spans of organisations, which a head may take as its complement.
    let mut bodies: Vec<Span> = Vec::new();

    for hit in hits {
        let p = &g.patterns[hit.pattern];
        let entry = &g.entries[p.entry];
        let span = folded.span_to_original(hit.start, hit.end);
        if inside_other.overlapping(span).any(|i| inside_other.span(i).contains(span)) {
            continue;
        }
        let country = match entry.kind {
            EntityType::Country => entry.code.as_deref(),
            _ => None,
        };
        // A generated place name that is also a word or a name part names its
        // place only with a place cue; without one it is left to the other rules.
        if p.needs_cue && !place_cue::has_cue(text, span, lang, &embeddable) {
            supports.push((p.entry, span));
            continue;
        }
        taken.push((span, country));
        // An ambiguous form names the entity when it stands alone, capitalised,
        // between words that are not capitalised ("với Mỹ, Nhật" but not "Mỹ Tho").
        // Nor when it opens a compound word ("Trung ương", central).
        let names =
            p.strength == Strength::Names || p.needs_cue || (p.ambiguous && stands_alone(text, span) && !opens_compound(text, span, lex));
        if names {
            strong.push(span);
            if matches!(entry.kind, EntityType::Country | EntityType::Place) {
                embeddable.push(span);
            } else if entry.kind == EntityType::Organization {
                bodies.push(span);
            }
        }
        if !names {
            supports.push((p.entry, span));
            continue;
        }
        let idx = *by_entry.entry(p.entry).or_insert_with(|| {
            records.push(Draft::from_entry(entry, "reference-data"));
            records.len() - 1
        });
        records[idx].mention(span, text);
    }
    for (entry, span) in &supports {
        if let Some(&idx) = by_entry.get(entry) {
            if g.entries[*entry].kind != EntityType::Country {
                records[idx].mention(*span, text);
            } else {
                records[idx].mentions.push(*span);
            }
        }
    }

    // Organisations by head noun. Each sentence's rules see the spans that
    // overlap it (the organisations found in earlier sentences lie before it).
    let support_spans: Vec<Span> = taken.iter().filter(|(_, c)| c.is_some()).map(|(s, _)| *s).collect();
    // Indexes of strong, supporting and embeddable spans, built at the first
    // sentence that may hold a head (many documents have none).
    let mut indexes: Option<[SpanIndex; 4]> = None;
    let mut orgs: BTreeMap<String, usize> = BTreeMap::new();
    // Each sentence's folded words are read once for the filters of both
    // organisation heads and family names (see `person::by_name_shape`).
    let mut may_hold_surname: Vec<bool> = Vec::with_capacity(sentences.len());
    for &sentence in sentences {
        let (mut head_word, mut surname) = (false, false);
        for (_, _, hash) in folded.within(sentence).hashed_words() {
            head_word |= lex.org_head_starts.may_contain(hash);
            surname |= lexicon::SHARED.surname_filter.may_contain(hash);
            if head_word && surname {
                break;
            }
        }
        may_hold_surname.push(surname);
        // Most sentences hold no head: the spans around are gathered only for those that may.
        if !org::may_hold_head(text, sentence, lex, head_word) {
            continue;
        }
        let [strong_index, support_index, embeddable_index, bodies_index] = &*indexes.get_or_insert_with(|| {
            [
                SpanIndex::new(strong.iter().copied()),
                SpanIndex::new(support_spans.iter().copied()),
                SpanIndex::new(embeddable.iter().copied()),
                SpanIndex::new(bodies.iter().copied()),
            ]
        });
        let strong_here: Vec<Span> = strong_index.overlapping(sentence).map(|i| strong_index.span(i)).collect();
        let supports_here: Vec<Span> = support_index.overlapping(sentence).map(|i| support_index.span(i)).collect();
        let embeddable_here: Vec<Span> = embeddable_index.overlapping(sentence).map(|i| embeddable_index.span(i)).collect();
        let bodies_here: Vec<Span> = bodies_index.overlapping(sentence).map(|i| bodies_index.span(i)).collect();
        let around = org::Around { taken: &strong_here, embeddable: &embeddable_here, supports: &supports_here, bodies: &bodies_here };
        for found in org::by_head(text, all_tokens, sentence, lang, lex, &around) {
            let surface = found.span.slice(text);
            let name = nominative_name(text, &found, lex);
            if let Some(held) = found.holds {
                for r in &mut records {
                    r.mentions.retain(|m| *m != held);
                }
            }
            // One record for the name in all its case forms.
            let key = fold_word(name.as_deref().unwrap_or(surface));
            let idx = *orgs.entry(key).or_insert_with(|| {
                records.push(Draft::new(EntityType::Organization, name.as_deref().unwrap_or(surface), found.rule));
                records.len() - 1
            });
            if name.is_some() && !records[idx].surfaces.iter().any(|s| s == surface) {
                records[idx].surfaces.push(surface.to_string());
            }
            records[idx].mentions.push(found.span);
            taken.push((found.span, None));
        }
    }

    // Organisations by acronym, where the language names them so ("МАЗ",
    // "БелАЗ"): a word of capitals that no reference data claims.
    if !lex.acronym_stops.is_empty() {
        let claimed = SpanIndex::new(taken.iter().map(|(s, _)| *s));
        let (first, last) = (sentences.first().map_or(0, |s| s.start), sentences.last().map_or(0, |s| s.end));
        for t in all_tokens.iter().filter(|t| t.word && t.span.start >= first && t.span.end <= last) {
            let w = t.span.slice(text);
            if is_acronym(w)
                && !lex.acronym_stops.contains(&w.to_lowercase())
                && claimed.first_overlapping(t.span).is_none()
                && inside_other.first_overlapping(t.span).is_none()
            {
                let idx = *orgs.entry(fold_word(w)).or_insert_with(|| {
                    records.push(Draft::new(EntityType::Organization, w, "organization/acronym"));
                    records.len() - 1
                });
                records[idx].mentions.push(t.span);
            }
        }
    }

    // People.
    let taken_index = SpanIndex::new(taken.iter().map(|(s, _)| *s));
    let ctx = person::Context { text, folded, tokens: all_tokens, taken: &taken, taken_index: &taken_index };
    let mut candidates = person::by_title(&ctx, folded, sentences, lex);
    candidates.extend(person::by_name_shape(&ctx, sentences, &may_hold_surname, lex));
    candidates.extend(person::by_cue(&ctx, folded, sentences, lex));
    candidates.extend(person::by_given_name(&ctx, sentences, lex));
    candidates.sort_by_key(|c| c.span());
    // The case a declined title tells holds for the name however found.
    let cases: Vec<(Span, String)> = candidates.iter().filter_map(|c| Some((*c.tokens.first()?, c.case.clone()?))).collect();
    for c in candidates.iter_mut().filter(|c| c.case.is_none()) {
        c.case = c.tokens.first().and_then(|t| cases.iter().find(|(s, _)| s == t)).map(|(_, case)| case.clone());
    }
    let mut people = merge_people(text, candidates, lex);
    lone_name_mentions(text, folded, all_tokens, sentences, lex, &taken, &mut people);
    for person in &mut people {
        if person.country.is_none() {
            person.country = default_country(person, lex, lang);
        }
    }
    records.extend(people);

    finish(text, folded, records)
}

/// The name of an organisation found by its head in the form a reference
/// gives it, where the language declines names; None where it is as written.
fn nominative_name(text: &str, found: &org::Found, lex: &lexicon::Lexicon) -> Option<String> {
    let words: Vec<&str> = found.span.slice(text).split_whitespace().collect();
    let head = found.head.start.checked_sub(found.span.start)?;
    let head_index = found.span.slice(text)[..head].split_whitespace().count();
    lex.org_head_forms.nominative(&words, head_index)
}

/// The country of a person the text does not give one for: the home
/// country of the language's news for an office holder, or the country of
/// a family name in a text of another language.
fn default_country(person: &Draft, lex: &lexicon::Lexicon, lang: Lang) -> Option<String> {
    let family = person.name.split_whitespace().next().is_some_and(|w| lexicon::SHARED.is_surname(w));
    // Not an office holder whose name is of another people's shape: "Thủ
    // tướng Anthony Albanese" holds no office of the home country.
    if (person.title.is_some() && family) || person.rule == "person/vietnamese-name-shape" {
        if let Some(home) = &lex.home_country {
            return Some(home.clone());
        }
    }
    let _ = lang;
    if family && lex.home_country.is_none() {
        return lex.family_names_country.clone();
    }
    None
}

/// A person named in full once is later named by one part of the name
/// alone ("Yoon met Vo"): the first or last word of a full name, standing
/// alone and capitalised, is a mention of the one person it fits.
fn lone_name_mentions(
    text: &str,
    folded: &Folded,
    tokens: &[tokens::Token],
    sentences: &[Span],
    lex: &lexicon::Lexicon,
    taken: &[(Span, Option<&str>)],
    people: &mut [Draft],
) {
    let mut parts: rustc_hash::FxHashMap<String, Option<usize>> = Default::default();
    for (i, p) in people.iter().enumerate() {
        let words: Vec<String> = p.name.split_whitespace().map(fold_word).collect();
        if words.len() < 2 {
            continue;
        }
        for w in [&words[0], &words[words.len() - 1]] {
            if w.chars().count() < 3 || lexicon::SHARED.particles.contains(w.as_str()) || lex.stop_words.contains(w.as_str()) {
                continue;
            }
            parts
                .entry(w.clone())
                .and_modify(|e| {
                    if *e != Some(i) {
                        *e = None
                    }
                })
                .or_insert(Some(i));
        }
    }
    if parts.is_empty() {
        return;
    }
    let mut blocked: Vec<Span> = taken.iter().map(|(s, _)| *s).chain(people.iter().flat_map(|p| p.mentions.iter().copied())).collect();
    blocked.sort();
    let (first, last) = match (sentences.first(), sentences.last()) {
        (Some(f), Some(l)) => (f.start, l.end),
        _ => return,
    };
    let mut next = 0;
    let mut reach = 0;
    let mut found: Vec<(usize, Span)> = Vec::new();
    for t in tokens.iter().filter(|t| t.word && t.span.start >= first && t.span.end <= last) {
        if !tokens::capitalised_at(text, t.span.start) {
            continue;
        }
        let w = t.span.slice(text);
        // Spans starting before this token's end, and how far the furthest
        // reaches (a sweep: tokens and spans are in text order, so it may
        // skip the tokens the cheaper tests rule out).
        while next < blocked.len() && blocked[next].start < t.span.end {
            reach = reach.max(blocked[next].end);
            next += 1;
        }
        if reach > t.span.start {
            continue;
        }
        // The token's folded form, read from the folded text (no folding
        // here); the dearer test of capitals only for the few that fit.
        if let Some(Some(i)) = folded.text.get(t.folded.0 as usize..t.folded.1 as usize).and_then(|f| parts.get(f)) {
            if !(tokens::all_caps(w) && w.chars().count() > 1) {
                found.push((*i, t.span));
            }
        }
    }
    for (i, span) in found {
        people[i].mentions.push(span);
    }
}

/// Most letters capitals, the first one too: two to five capitals ("МАЗ")
/// or up to seven letters mixed ("БелАЗ", "РАНХиГС"; a longer word in
/// capitals is shouted, not short); no digits, and not in Latin letters
/// (credits and codes in a Cyrillic text: "POOL").
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().count();
    let capitals = word.chars().filter(|c| accord_lang::is_uppercase(*c)).count();
    let fits = if capitals == letters { (2..=5).contains(&letters) } else { letters <= 7 && capitals >= 2 && capitals * 2 > letters };
    fits && !word.is_ascii() && word.chars().all(accord_lang::is_alphabetic) && word.chars().next().is_some_and(accord_lang::is_uppercase)
}

/// Whether the words around `span` are not capitalised (punctuation and
/// the start of a line are fine).
/// Whether the words at `span` begin a longer inner phrase of names (a
/// compound of the language such as "trung ương" or "nhà nước").
fn opens_compound(text: &str, span: Span, lex: &lexicon::Lexicon) -> bool {
    let words: Vec<String> = text[span.start..].split_whitespace().take(4).map(str::to_lowercase).collect();
    let words: Vec<&str> = words.iter().map(|w| w.trim_end_matches(|c: char| !accord_lang::is_alphanumeric(c))).collect();
    lex.org_inner_at(&words) > span.slice(text).split_whitespace().count()
}

fn stands_alone(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\u{a0}']);
    let prev_word = before.rsplit(|c: char| !accord_lang::is_alphanumeric(c)).next().unwrap_or("");
    let prev_ok = !before.ends_with(|c: char| accord_lang::is_alphanumeric(c)) || !tokens::capitalised(prev_word);
    let after = text[span.end..].trim_start_matches([' ', '\u{a0}']);
    let next_ok = !after.starts_with(|c: char| accord_lang::is_alphanumeric(c)) || !tokens::capitalised(after);
    tokens::capitalised(span.slice(text)) && prev_ok && next_ok
}

/// A record being built.
struct Draft {
    kind: EntityType,
    name: String,
    code: Option<String>,
    country: Option<String>,
    title: Option<String>,
    surfaces: Vec<String>,
    mentions: Vec<Span>,
    rule: &'static str,
}

impl Draft {
    fn new(kind: EntityType, name: &str, rule: &'static str) -> Draft {
        Draft { kind, name: name.to_string(), code: None, country: None, title: None, surfaces: Vec::new(), mentions: Vec::new(), rule }
    }

    fn from_entry(entry: &gazetteer::Entry, rule: &'static str) -> Draft {
        let mut d = Draft::new(entry.kind, &entry.name, rule);
        d.code = entry.code.clone();
        d.country = entry.country.clone();
        d
    }

    fn mention(&mut self, span: Span, text: &str) {
        self.mentions.push(span);
        // Most mentions repeat a surface: compared before it is copied.
        let s = span.slice(text);
        if !self.surfaces.iter().any(|x| x == s) {
            self.surfaces.push(s.to_string());
        }
    }
}

/// A candidate of a person cluster, with its name's words.
type Member = (person::Candidate, Vec<String>);

/// Cluster person candidates: multi-word names first (fullest form first),
/// then single words joined to the one person they fit.
fn merge_people(text: &str, mut candidates: Vec<person::Candidate>, lex: &lexicon::Lexicon) -> Vec<Draft> {
    // The name in its dictionary form where the language declines names
    // ("Владимира Путина" is "Владимир Путин"), else as written.
    let words_of = |c: &person::Candidate| -> Vec<String> {
        let written: Vec<&str> = c.tokens.iter().map(|t| t.slice(text)).collect();
        let vietnamese = written.first().is_some_and(|w| lexicon::SHARED.is_surname(w));
        // A listed given name that does not decline ("Эмомали") reads as
        // nominative; the case a title tells still undoes the surname's ending.
        let listed = lex.name_forms.lemma(&written, vietnamese);
        let undone = listed.as_ref().is_some_and(|l| l.iter().zip(&written).any(|(a, b)| a != b));
        let in_case = || c.case.as_deref().and_then(|case| lex.name_forms.lemma_in_case(&written, case));
        match listed {
            Some(l) if undone => l,
            listed => in_case().or(listed).unwrap_or_else(|| written.iter().map(|w| w.to_string()).collect()),
        }
    };
    // "Díaz-Canel" and "Díaz Canel" are one name written two ways.
    let folded_tokens = |words: &[String]| -> Vec<String> {
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            let f = fold_word(w);
            if f.contains('-') {
                out.extend(f.split('-').filter(|p| !p.is_empty()).map(str::to_string));
            } else if !f.is_empty() {
                out.push(f);
            }
        }
        out
    };
    candidates.sort_by(|a, b| b.tokens.len().cmp(&a.tokens.len()).then(a.span().cmp(&b.span())));
    // Each member keeps its name's words, read once: the best member's
    // are the record's name.
    let mut clusters: Vec<(Vec<String>, Vec<Member>)> = Vec::new();
    // Clusters by the token keys of their names: two names can only be the
    // same person if some token of one is `same_token` with some token of
    // the other, so only clusters sharing a key are compared.
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let mut near: Vec<usize> = Vec::new();
    for c in candidates {
        let words = words_of(&c);
        let toks = folded_tokens(&words);
        near.clear();
        near.extend(toks.iter().filter_map(|t| by_key.get(token_key(t))).flatten());
        near.sort_unstable();
        near.dedup();
        let fits: Vec<usize> = near.iter().copied().filter(|&i| person::same_person(&clusters[i].0, &toks)).collect();
        match fits.as_slice() {
            [one] => clusters[*one].1.push((c, words)),
            [] => {
                // An honorific alone ("Mr Smith") only confirms a name seen elsewhere.
                if c.strength == TitleStrength::Honorific && c.tokens.len() == 1 {
                    continue;
                }
                for t in &toks {
                    let at = by_key.entry(token_key(t).to_string()).or_default();
                    if at.last() != Some(&clusters.len()) {
                        at.push(clusters.len());
                    }
                }
                clusters.push((toks, vec![(c, words)]));
            }
            _ => {} // ambiguous short form: leave it out rather than guess
        }
    }
    clusters
        .into_iter()
        .map(|(_, members)| {
            let (best, best_words) = members
                .iter()
                .max_by_key(|(c, _)| {
                    let s = c.span().slice(text);
                    (c.tokens.len(), s.chars().filter(|ch| !ch.is_ascii()).count(), std::cmp::Reverse(c.span().start))
                })
                .expect("a cluster has members");
            let name = best_words.join(" ");
            let mut d = Draft::new(EntityType::Person, &name, best.rule);
            d.country = members.iter().find_map(|(c, _)| c.country.clone());
            d.title = members
                .iter()
                .filter(|(c, _)| c.strength == TitleStrength::Office)
                .find_map(|(c, _)| c.title.map(|t| t.slice(text).to_string()))
                .filter(|t| !t.is_empty());
            for (c, _) in &members {
                let surface = c.tokens.iter().map(|t| t.slice(text)).collect::<Vec<_>>().join(" ");
                if !d.surfaces.contains(&surface) {
                    d.surfaces.push(surface);
                }
                d.mentions.push(c.span());
            }
            d
        })
        .collect()
}

/// What two tokens that are [`person::same_token`] share: their first six
/// characters (a shorter token must be equal to match).
fn token_key(token: &str) -> &str {
    token.char_indices().nth(6).map_or(token, |(i, _)| &token[..i])
}

fn finish(text: &str, folded: &Folded, drafts: Vec<Draft>) -> Entities {
    let _ = folded;
    let mut records = Vec::new();
    let mut mentions: Layer<usize> = Vec::new();
    for d in drafts {
        if d.mentions.is_empty() {
            continue;
        }
        let idx = records.len();
        let mut spans = d.mentions;
        spans.sort();
        spans.dedup();
        for s in &spans {
            mentions.push(Annotated { span: *s, rule: d.rule, value: idx });
        }
        let mut aliases: Vec<String> = Vec::new();
        for s in d.surfaces {
            if s != d.name && !aliases.contains(&s) {
                aliases.push(s);
            }
        }
        let _ = text;
        records.push(Entity {
            kind: d.kind,
            name: d.name,
            code: d.code,
            aliases,
            country: d.country,
            title: d.title,
            mentions: spans.iter().map(|s| MentionOffsets { start: s.start, end: s.end }).collect(),
            rule: Some(d.rule.to_string()),
        });
    }
    mentions.sort_by_key(|m| m.span);
    Entities { records, mentions }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The people merge compares only clusters sharing a token key: tokens
    /// that are `same_token` must share their key.
    #[test]
    fn same_tokens_share_a_key() {
        let words = [
            "lukashenko",
            "lukashenk",
            "lukashen",
            "lukas",
            "luka",
            "nguyen",
            "nguyễn",
            "ánh",
            "a",
            "aleksandr",
            "alexander",
            "alexandr",
            "díaz-canel",
            "díaz",
            "путин",
            "путина",
            "путиным",
        ];
        for a in words {
            for b in words {
                if person::same_token(a, b) {
                    assert_eq!(token_key(a), token_key(b), "{a} {b}");
                }
            }
        }
        assert_eq!(token_key("lukashenko"), "lukash");
        assert_eq!(token_key("путиным"), "путины");
        assert_eq!(token_key("ánh"), "ánh");
    }
}
