//! Events (facts.md): visits, meetings, milestones and policies.
//!
//! Each sentence is scanned once for the cues of its language
//! (`data/<lang>/events/*.tsv`). A trigger that is not future or
//! hypothetical becomes a *mention*; its slots are read from the entity and
//! time layers of the same sentence:
//!
//! - visit: the host is the country or place named right after the trigger
//!   or a "to"-word; the visitor is the nearest person not of the host
//!   country; the kind comes from the trigger ("state visit").
//! - meeting: the people of the sentence.
//! - milestone: a relationship object ("diplomatic relations") with a
//!   compatible action ("established") in the sentence.
//! - policy: a measure cue, outside any sentence that names an agreement,
//!   by the nearest country (or person's country) before it, with a date.
//!
//! A date goes to the trigger it is nearest to. Mentions of one happening
//! (same type, compatible people, host and dates) are then merged into one
//! record that keeps the most precise date ([`merge`]).

mod cues;
mod dates;
mod merge;
mod milestones;
mod participants;

use accord_doc::facts::{EntityType, Event};
use accord_doc::{DateRange, Lang, Precision, Span};
use accord_recognize::reach;
use accord_recognize::Analysis;
use accord_time::{Edge, TimeValue};
use cues::{CueKind, Hit, Lexicon};
use milestones::action_fits;
use std::sync::LazyLock;

/// A report may be dated a day before what it reports (time zones): only
/// a happening that starts later than this after the publication is future.
const PUBLICATION_LAG_DAYS: i64 = 1;

static LEXICONS: LazyLock<Vec<(Lang, Lexicon)>> =
    LazyLock::new(|| Lang::known().iter().map(|&lang| (lang, accord_data::tsv::or_fail(Lexicon::parse(&cues::tables(lang))))).collect());

fn lexicon(lang: Lang) -> &'static Lexicon {
    LEXICONS.iter().find(|(l, _)| *l == lang).map_or(&LEXICONS[0].1, |(_, lex)| lex)
}

/// The type of an event, as facts.md names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Visit,
    Meeting,
    Milestone,
    Policy,
}

impl Type {
    fn as_str(self) -> &'static str {
        match self {
            Type::Visit => "visit",
            Type::Meeting => "meeting",
            Type::Milestone => "milestone",
            Type::Policy => "policy",
        }
    }
}

/// One sentence's report of a happening, before mentions are merged.
#[derive(Debug, Clone)]
struct Mention {
    kind: Type,
    /// Visit kind (`state`, ... or `unstated`), milestone or policy `what`.
    label: &'static str,
    /// Person records (indices into `a.entities.records`).
    people: Vec<usize>,
    host: Option<String>,
    place: Option<String>,
    by: Option<String>,
    /// The visitors' country, when known.
    from: Option<String>,
    date: Option<DateRange>,
    sentence: Span,
    rule: &'static str,
}

/// An entity mention of the sentence being read.
#[derive(Clone, Copy)]
struct Named<'a> {
    span: Span,
    record: usize,
    entity: &'a accord_doc::facts::Entity,
}

impl Named<'_> {
    /// The country this mention stands for: a country's code, a place's
    /// or a person's country.
    fn country(&self) -> Option<&str> {
        match self.entity.kind {
            EntityType::Country => self.entity.code.as_deref(),
            _ => self.entity.country.as_deref(),
        }
    }
}

/// The events of a document; `parties` is the document's country pair.
pub fn extract(a: &Analysis, parties: &[String]) -> Vec<Event> {
    let lex = lexicon(a.lang());
    let text = a.doc.text.as_str();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut recent_people: Vec<usize> = Vec::new();
    let mut previous: Option<Span> = None;
    for &sentence in &a.sentences {
        let named: Vec<Named> = Analysis::inside(&a.entities.mentions, sentence)
            .filter_map(|m| a.entities.records.get(m.value).map(|entity| Named { span: m.span, record: m.value, entity }))
            .collect();
        let hits = lex.find(&a.folded_within(sentence), text);
        if hits.iter().any(|h| is_trigger(h.kind)) {
            let read = Sentence { a, text, span: sentence, hits: &hits, named: &named, recent_people: &recent_people, previous };
            read.mentions(&mut mentions);
        }
        previous = Some(sentence);
        let people = distinct_people(&named);
        if !people.is_empty() {
            recent_people = people;
        }
    }
    if !mentions.iter().any(|m| matches!(m.kind, Type::Meeting | Type::Visit)) {
        mentions.extend(leaders_met(a, text));
    }
    // A happening dated after the publication is announced, not reported.
    let anchor = a.reference();
    mentions.retain(|m| !merge::starts_after(m.date.as_ref(), anchor, PUBLICATION_LAG_DAYS));
    let merged = merge::merge(mentions);
    merged.into_iter().filter_map(|m| finish(a, m, parties)).collect()
}

/// A report that tells what "the two leaders" ("hai Thủ tướng") said or
/// agreed, and no meeting or visit (its lead cut, or the occasion taken as
/// known), tells that they met: the first office holder it names and the
/// next of another country (or of one the text does not give). Undated: the
/// text does not say when.
fn leaders_met(a: &Analysis, text: &str) -> Option<Mention> {
    let sentence = a.sentences.iter().copied().find(|&span| {
        let read = Sentence { a, text, span, hits: &[], named: &[], recent_people: &[], previous: None };
        read.names_leaders()
    })?;
    let office_holders: Vec<(usize, Option<&str>)> = a
        .entities
        .records
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityType::Person && e.title.is_some())
        .map(|(i, e)| (i, e.country.as_deref()))
        .collect();
    // The second may be of a country the text does not give.
    let (first, country) = *office_holders.iter().find(|(_, c)| c.is_some())?;
    let (second, _) = *office_holders.iter().find(|(i, c)| *i != first && *c != country)?;
    let read = Sentence { a, text, span: sentence, hits: &[], named: &[], recent_people: &[], previous: None };
    let mut m = read.mention(Type::Meeting, "talks", "events/leaders-met");
    m.people = vec![first, second];
    Some(m)
}

/// The person records named, each once, in text order.
fn distinct_people(named: &[Named]) -> Vec<usize> {
    let mut people: Vec<usize> = Vec::new();
    for n in named.iter().filter(|n| n.entity.kind == EntityType::Person) {
        if !people.contains(&n.record) {
            people.push(n.record);
        }
    }
    people
}

fn is_trigger(kind: CueKind) -> bool {
    matches!(kind, CueKind::Visit | CueKind::Meeting | CueKind::MilestoneObject | CueKind::Policy)
}

/// The layers of one sentence, and the rules that read mentions from them.
struct Sentence<'s> {
    a: &'s Analysis,
    text: &'s str,
    span: Span,
    hits: &'s [Hit],
    named: &'s [Named<'s>],
    /// The people of the last sentence before this one that named any.
    recent_people: &'s [usize],
    /// The sentence just before this one.
    previous: Option<Span>,
}

impl Sentence<'_> {
    fn mentions(&self, out: &mut Vec<Mention>) {
        let triggers: Vec<(Span, CueKind)> = self.hits.iter().filter(|h| is_trigger(h.kind)).map(|h| (h.span, h.kind)).collect();
        let times = dates::Assigned::new(self.a, self.span, &triggers, self.hits);
        for hit in self.hits {
            if !is_trigger(hit.kind) || self.irrealis(hit.span, hit.kind) {
                continue;
            }
            match hit.kind {
                CueKind::Visit => self.visit(hit, &times, out),
                CueKind::Meeting => self.meeting(hit, &times, out),
                CueKind::MilestoneObject => self.milestone(hit, &times, out),
                CueKind::Policy => self.policy(hit, &times, out),
                _ => {}
            }
        }
    }

    fn mention(&self, kind: Type, label: &'static str, rule: &'static str) -> Mention {
        Mention { kind, label, people: Vec::new(), host: None, place: None, by: None, from: None, date: None, sentence: self.span, rule }
    }

    /// A `during` cue stands just before the trigger, in its clause
    /// ("during my visit", "trong khuôn khổ chuyến thăm").
    fn framed(&self, trigger: Span) -> bool {
        self.hits.iter().any(|h| {
            h.kind == CueKind::During
                && h.span.end <= trigger.start
                && self.a.within_reach(h.span.end, trigger.start, reach::FRAME)
                && self.same_clause(h.span.end, trigger.start)
        })
    }

    /// A future or hypothetical cue stands just before the trigger, in its
    /// clause. Before visits and meetings, also one that only counts right
    /// before it ("to visit", but "the decision to simplify visas" was taken).
    fn irrealis(&self, trigger: Span, kind: CueKind) -> bool {
        let adjacent = matches!(kind, CueKind::Visit | CueKind::Meeting);
        // "during my visit next month, we will sign": a visit that frames
        // a future main clause has not happened yet.
        let framed = self.framed(trigger);
        if kind == CueKind::Visit && framed && self.hits.iter().any(|h| h.kind == CueKind::Future && h.span.start >= trigger.end) {
            return true;
        }
        self.hits.iter().any(|h| {
            if h.span.end > trigger.start {
                return false;
            }
            let between = &self.text[h.span.end..trigger.start];
            match h.kind {
                CueKind::IrrealisAdjacent => adjacent && between.trim().is_empty(),
                CueKind::Irrealis | CueKind::Future => {
                    self.a.within_reach(h.span.end, trigger.start, reach::IRREALIS) && !crosses_clause(between)
                }
                _ => false,
            }
        })
    }

    fn visit(&self, hit: &Hit, times: &dates::Assigned, out: &mut Vec<Mention>) {
        let destination = self.destination(hit.span);
        // "arrived in X on a state visit": one visit, whose kind the second
        // trigger tells.
        if destination.is_none() && hit.label != "unstated" {
            let told = self.hits.iter().rfind(|h| {
                h.kind == CueKind::Visit
                    && h.span.end <= hit.span.start
                    && self.same_clause(h.span.end, hit.span.start)
                    && self.a.within_reach(h.span.end, hit.span.start, reach::KIND_AFTER_ARRIVAL)
            });
            let arrival =
                told.and_then(|_| out.iter_mut().rfind(|m| m.sentence == self.span && m.kind == Type::Visit && m.label == "unstated"));
            if let Some(arrival) = arrival {
                arrival.label = hit.label;
                return;
            }
        }
        let host = destination.and_then(|d| d.country().map(str::to_string));
        let place = destination.filter(|d| d.entity.kind == EntityType::Place).map(|d| d.entity.name.clone());
        let visitor = self.visitor(hit.span, host.as_deref());
        let mut base = self.mention(Type::Visit, hit.label, "events/visit");
        base.host = host;
        base.place = place;
        base.people = visitor.map(|p| vec![p.record]).unwrap_or_default();
        // "made an official visit to X" with the visitor named before: the
        // first person of the sentences before who is not the host's.
        if base.people.is_empty() && base.host.is_some() {
            let records = &self.a.entities.records;
            let foreign =
                self.recent_people.iter().find(|&&i| records.get(i).is_some_and(|r| r.country.is_some() && r.country != base.host));
            base.people.extend(foreign);
        }
        base.from = visitor.and_then(|p| self.person_country(p)).or_else(|| self.visitor_country(hit.span));
        if base.people.is_empty() && base.host.is_none() {
            return;
        }
        let mut dates = times.for_trigger(hit.span);
        // "The visit created an impetus": a visit told elsewhere, with
        // nothing new of its own. Visits in a rule about visas are no
        // happening either ("a visa is required for visits to X").
        let told_elsewhere = destination.is_none() && self.refers_back(hit.span);
        // "Trong khuôn khổ chuyến thăm, tối 12/10, A hội kiến B": a bare
        // visit that frames talks told after it, once a visit was told, is
        // that visit; the sentence's date is the talks'.
        let frames_a_told_visit = destination.is_none()
            && hit.label == "unstated"
            && self.framed(hit.span)
            && self.hits.iter().any(|h| h.kind == CueKind::Meeting && h.span.start >= hit.span.end)
            && out.iter().any(|m| m.kind == Type::Visit && m.sentence != self.span);
        let under_a_rule = self.hits.iter().any(|h| matches!(h.kind, CueKind::Policy | CueKind::Beneficiary));
        if frames_a_told_visit || dates.is_empty() && (told_elsewhere || (under_a_rule && visitor.is_none())) {
            return;
        }
        // "visits to the country in 1957 and 1961" are two visits. A visit
        // with no date of its own lasts over the dated talks of its
        // sentence: it happened in their month.
        if dates.is_empty() {
            let talks_day =
                self.hits.iter().filter(|h| h.kind == CueKind::Meeting).find_map(|h| times.for_trigger(h.span).into_iter().next());
            dates.extend(talks_day.and_then(|d| d.single_day()).map(|d| DateRange::from(d.truncate(Precision::Month))));
        }
        if dates.is_empty() {
            out.push(base);
            return;
        }
        for date in dates {
            out.push(Mention { date: Some(date), ..base.clone() });
        }
    }

    fn meeting(&self, hit: &Hit, times: &dates::Assigned, out: &mut Vec<Mention>) {
        let mut people = distinct_people(self.named);
        // "their talks", "hai bên hội đàm", "a meeting between the two
        // leaders": the people of the sentences before.
        if people.is_empty() && hit.label == "talks" {
            people = self.recent_people.to_vec();
        }
        // "The two leaders" are two people named before, not one.
        if people.is_empty() && self.recent_people.len() >= 2 && self.names_participants_before() {
            people = self.recent_people.to_vec();
        }
        if people.is_empty() {
            return;
        }
        // "At the meeting, X conveyed the greetings of Y": the meeting told
        // before, with nothing new of its own; its people are not new ones.
        let own_date = times.for_trigger(hit.span).into_iter().next();
        let told_before = out.iter().any(|m| m.kind == Type::Meeting && m.sentence != self.span);
        if own_date.is_none() && told_before && self.refers_back(hit.span) {
            return;
        }
        let mut m = self.mention(Type::Meeting, hit.label, "events/meeting");
        m.people = people;
        m.place = self.places().next().map(|p| p.entity.name.clone());
        // Talks with no date of their own, in a sentence whose visit is
        // dated to one day, were held that day.
        let visit_day = || {
            self.hits
                .iter()
                .filter(|h| h.kind == CueKind::Visit)
                .find_map(|h| times.for_trigger(h.span).into_iter().next())
                .filter(|d| d.single_day().is_some())
        };
        // "After the welcome ceremony, the two leaders held talks": the day
        // of the sentence before, which told the ceremony.
        let sequel_day = || self.previous.filter(|_| self.opens_as_sequel()).and_then(|before| dates::single_day_of(self.a, before));
        m.date = own_date.or_else(visit_day).or_else(sequel_day);
        out.push(m);
    }

    fn milestone(&self, hit: &Hit, times: &dates::Assigned, out: &mut Vec<Mention>) {
        let acted = self.hits.iter().any(|h| {
            h.kind == CueKind::MilestoneAction
                && self.near(h.span, hit.span, reach::ACTION)
                && action_fits(h.label, hit.label)
                && !self.irrealis(h.span, h.kind)
        });
        if !acted {
            return;
        }
        let mut m = self.mention(Type::Milestone, hit.label, "events/milestone");
        let own = since_date(times, hit.span);
        // A step taken "during the visit" is dated by the visit.
        let during_visit =
            || self.hits.iter().filter(|h| h.kind == CueKind::Visit).find_map(|h| times.for_trigger(h.span).into_iter().next());
        m.date = own.map(start_of_year_span).or_else(during_visit);
        out.push(m);
    }

    fn policy(&self, hit: &Hit, times: &dates::Assigned, out: &mut Vec<Mention>) {
        // "the visa exemption agreement", "hiệp định miễn thị thực": a
        // measure under an agreement is not unilateral.
        let under_agreement = self.hits.iter().any(|h| {
            h.kind == CueKind::Instrument && self.near(h.span, hit.span, reach::INSTRUMENT) && {
                let (from, to) = if h.span.end <= hit.span.start {
                    (h.span.end, hit.span.start)
                } else {
                    (hit.span.end, h.span.start.max(hit.span.end))
                };
                !crosses_clause(&self.text[from..to])
            }
        });
        if under_agreement {
            return;
        }
        // The actor is the nearest country or person before the measure,
        // unless it names the people who benefit ("công dân Việt Nam",
        // "Vietnamese citizens").
        let by = self
            .named
            .iter()
            .filter(|n| n.span.end <= hit.span.start && matches!(n.entity.kind, EntityType::Country | EntityType::Person))
            .filter(|n| !self.beneficiary(n.span))
            .filter_map(|n| n.country())
            .next_back();
        let date = since_date(times, hit.span);
        let (Some(by), Some(date)) = (by, date) else {
            return;
        };
        let mut m = self.mention(Type::Policy, hit.label, "events/policy");
        m.by = Some(by.to_string());
        m.date = Some(date);
        out.push(m);
    }
}

/// The date a "since" expression of the trigger's clause gives ("ties
/// established since 1992"): the first, if any.
fn since_date(times: &dates::Assigned, trigger: Span) -> Option<DateRange> {
    times.for_trigger_with(trigger, |v| matches!(v, TimeValue::Bounded { edge: Edge::Since, .. })).into_iter().next()
}

pub(crate) fn is_clause_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '“' | '”' | '"' | '–' | '—')
}

pub(crate) fn crosses_clause(between: &str) -> bool {
    between.contains(is_clause_mark)
}

/// A milestone happens at one point: of a span of years ("75 years of
/// relations (1950-2025)") it is the first.
fn start_of_year_span(date: DateRange) -> DateRange {
    match (date.start.precision(), date.end.precision()) {
        (Precision::Year, Precision::Year) => DateRange::from(date.start),
        _ => date,
    }
}

/// The bytes between two spans (0 when they overlap).
impl Sentence<'_> {
    /// Whether at most `reach` tokens stand between two spans, in either order.
    fn near(&self, x: Span, y: Span, reach: accord_recognize::reach::Reach) -> bool {
        let (from, to) = if x.end <= y.start { (x.end, y.start) } else { (y.end, x.start.max(y.end)) };
        self.a.within_reach(from, to, reach)
    }
}

/// The record of a merged mention: people by their fullest names; a visit
/// without a host is hosted by the party the visitors are not from.
fn finish(a: &Analysis, m: Mention, parties: &[String]) -> Option<Event> {
    let records = &a.entities.records;
    let participants: Vec<String> = m.people.iter().filter_map(|&i| records.get(i)).map(|r| r.name.clone()).collect();
    let mut host = m.host.clone();
    if m.kind == Type::Visit && host.is_none() {
        let mut from: Vec<&str> = m.people.iter().filter_map(|&i| records.get(i)?.country.as_deref()).collect();
        from.extend(m.from.as_deref());
        if parties.len() == 2 && from.iter().any(|c| parties.iter().any(|p| p == c)) {
            host = parties.iter().find(|p| !from.contains(&p.as_str())).cloned();
        }
        host.as_ref()?;
    }
    let (visit_kind, what) = match m.kind {
        Type::Visit => ((m.label != "unstated").then(|| m.label.to_string()), None),
        Type::Meeting => (None, None),
        Type::Milestone | Type::Policy => (None, Some(m.label.to_string())),
    };
    Some(Event {
        kind: m.kind.as_str().to_string(),
        visit_kind,
        what,
        by: m.by,
        participants,
        host,
        place: m.place,
        date: m.date.map(|d| d.to_string()),
        parties: parties.to_vec(),
        evidence: a.doc.evidence(m.sentence),
        rule: Some(m.rule.to_string()),
    })
}

#[cfg(test)]
mod tests;

/// Bytes between two spans, in either order (0 when they overlap).
fn gap(x: Span, y: Span) -> usize {
    if x.end <= y.start {
        y.start - x.end
    } else {
        x.start.saturating_sub(y.end)
    }
}
