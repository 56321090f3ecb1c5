//! Agreements: every instrument a text names or describes (facts.md).
//!
//! Each sentence with a head noun of an instrument ("agreement", "joint
//! statement", "Hiệp định", "Bản ghi nhớ") is read by [`mention`]: the head
//! grows into the name it heads, the name is classed (a new instrument, a
//! reference back, a package of several, one per listed field) and dated by
//! the cues of its clause. Here the mentions of a document become records:
//! a reference joins the instrument it points back to, and a second mention
//! of the same instrument (its words a subset of the first's, or an acronym
//! of them) joins the first, so one instrument is one record with the dates
//! of all its mentions.
//!
//! Language knowledge is in `data/<lang>/agreements/`: `heads.tsv` (head
//! nouns and their kinds), `words.tsv` (words around names by role) and
//! `shape.tsv` (where modifiers go); `corpus.tsv` is the example corpus.

mod lexicon;
mod listing;
mod mention;

use accord_doc::facts::Agreement;
use accord_doc::{DateRange, Span};
use accord_recognize::Analysis;
use lexicon::same_kind;
use mention::{push_all, Class, Mention};
use std::collections::BTreeSet;

/// How many records, the latest mentioned first, a reference or a described
/// mention is compared with: an article has a dozen at most; the bound keeps
/// the work per mention flat however long the document.
const RECORD_REACH: usize = 64;

/// The agreements of a document; `parties` is the document's country pair.
pub fn extract(a: &Analysis, parties: &[String]) -> Vec<Agreement> {
    let lang = a.lang();
    let rules = lexicon::rules(lang);
    let text = a.doc.text.as_str();
    let mut drafts = Drafts::default();
    let mut order = 0;
    let mut place_all = |drafts: &mut Drafts, mentions: Vec<Mention>| {
        for m in mentions {
            order += 1;
            place(drafts, m, order, &rules.shape.field_joiner);
        }
    };
    // The group that introduced a list is held until its items show.
    let mut listing: Option<listing::Introduction> = None;
    let mut group: Vec<Mention> = Vec::new();
    for &sentence in &a.sentences {
        let mut mentions = mention::in_sentence(a, sentence, rules);
        if let Some(intro) = &listing {
            if listing::is_item(text, sentence) {
                group.clear();
                intro.apply(a, sentence, &mut mentions);
                place_all(&mut drafts, mentions);
                continue;
            }
            listing = None;
            place_all(&mut drafts, std::mem::take(&mut group));
        }
        if let Some(intro) = listing::introduction(text, sentence, &mentions) {
            let (held, rest) = mentions.into_iter().partition(listing::is_group);
            (group, mentions, listing) = (held, rest, Some(intro));
        }
        place_all(&mut drafts, mentions);
    }
    place_all(&mut drafts, group);
    drafts
        .all
        .into_iter()
        .map(|d| {
            let status = d.status.or(if d.in_force.is_some() {
                Some("in_force")
            } else if d.signed.is_some() {
                Some("signed")
            } else {
                None
            });
            Agreement {
                title: d.title,
                kind: d.kind.to_string(),
                topics: d.topics.iter().map(|t| t.to_string()).collect(),
                parties: parties.to_vec(),
                signed: d.signed.map(|d| d.to_string()),
                in_force: d.in_force.map(|d| d.to_string()),
                status: status.map(str::to_string),
                evidence: a.doc.evidence(d.sentence),
                rule: Some(format!("agreements/{}", d.rule)),
            }
        })
        .collect()
}

/// A record being built from the mentions of one instrument.
struct Draft {
    kind: &'static str,
    title: String,
    topics: Vec<&'static str>,
    signed: Option<DateRange>,
    in_force: Option<DateRange>,
    status: Option<&'static str>,
    sentence: Span,
    rule: &'static str,
    content: Vec<String>,
    aliases: Vec<String>,
    package: bool,
    /// Order of the latest mention, to find what a reference points back to.
    last: usize,
}

impl Draft {
    fn new(m: &Mention, rule: &'static str, order: usize) -> Draft {
        Draft {
            kind: m.kind,
            title: m.title.clone(),
            topics: m.topics.clone(),
            signed: m.signed,
            in_force: m.in_force,
            status: m.status,
            sentence: m.sentence,
            rule,
            content: m.content.clone(),
            aliases: m.aliases.clone(),
            package: matches!(m.class, Class::Package { .. }),
            last: order,
        }
    }

    /// Take the dates and status of another mention of the same instrument.
    fn absorb(&mut self, m: &Mention, order: usize, with_words: bool) {
        self.signed = more_precise(self.signed, m.signed);
        self.in_force = more_precise(self.in_force, m.in_force);
        self.status = match (self.status, m.status) {
            (_, Some("in_force")) => Some("in_force"),
            (None, s) => s,
            (s, _) => s,
        };
        if with_words {
            // The first mention may have been the bare head ("joint
            // statement"); a later one gives the name.
            if self.content.is_empty() && self.aliases.is_empty() && !m.content.is_empty() {
                self.title = m.title.clone();
            }
            push_all(&mut self.topics, &m.topics);
            for w in m.content.iter().chain(&m.aliases) {
                if !self.content.contains(w) {
                    self.content.push(w.clone());
                }
            }
            self.aliases.extend(m.aliases.iter().cloned());
        }
        self.last = order;
    }

    fn dates_conflict(&self, m: &Mention) -> bool {
        conflict(self.signed, m.signed) || conflict(self.in_force, m.in_force)
    }
}

/// The records, with an index of them by their latest mention.
#[derive(Default)]
struct Drafts {
    all: Vec<Draft>,
    /// (last, index into `all`) of every record.
    recent: BTreeSet<(usize, usize)>,
    /// The package record of each kind (one at most).
    packages: Vec<(&'static str, usize)>,
}

impl Drafts {
    fn push(&mut self, d: Draft) {
        self.recent.insert((d.last, self.all.len()));
        if d.package {
            self.packages.push((d.kind, self.all.len()));
        }
        self.all.push(d);
    }

    fn absorb(&mut self, i: usize, m: &Mention, order: usize, with_words: bool) {
        self.recent.remove(&(self.all[i].last, i));
        self.all[i].absorb(m, order, with_words);
        self.recent.insert((self.all[i].last, i));
    }

    /// The latest mentioned record that `fits` (of those mentioned last, the
    /// latest begun), among the [`RECORD_REACH`] latest mentioned.
    fn latest(&self, fits: impl Fn(&Draft) -> bool) -> Option<usize> {
        self.recent.iter().rev().take(RECORD_REACH).map(|&(_, i)| i).find(|&i| fits(&self.all[i]))
    }
}

/// Put a mention into the records: join the one it is a mention of, or
/// start a new one.
fn place(drafts: &mut Drafts, m: Mention, order: usize, field_joiner: &str) {
    // "The second document was ...": one of the group told before, signed
    // when and as the group was.
    if let (Class::Member, Some(&(_, i))) = (&m.class, drafts.packages.last()) {
        let group = &drafts.all[i];
        let mut d = Draft::new(&m, "member", order);
        d.status = d.status.or(group.status);
        if d.signed.is_none() {
            d.signed = group.signed;
        }
        drafts.push(d);
        return;
    }
    match &m.class {
        Class::Reference => {
            let target = drafts.latest(|d| reference_fits(m.kind, d.kind));
            match target {
                Some(i) => drafts.absorb(i, &m, order, false),
                // A reference to nothing before, but the text says it was
                // signed or took effect ("... sign free trade pact"): an
                // instrument all the same.
                None if matches!(m.status, Some("signed" | "in_force")) => drafts.push(Draft::new(&m, "referenced", order)),
                None => {}
            }
        }
        Class::Package { .. } => match drafts.packages.iter().find(|(kind, _)| *kind == m.kind) {
            Some(&(_, i)) => drafts.absorb(i, &m, order, true),
            None => drafts.push(Draft::new(&m, "package", order)),
        },
        Class::PerField { fields } => {
            for (field, areas) in fields {
                let mut d = Draft::new(&m, "per-field", order);
                d.title =
                    [m.head.as_str(), field_joiner, field.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
                d.topics = areas.clone();
                d.content = vec![accord_lang::fold_word(field)];
                d.package = false;
                drafts.push(d);
            }
        }
        Class::Described { .. } | Class::Member => {
            let bare_indefinite = matches!(m.class, Class::Described { bare_indefinite: true });
            let target = drafts.latest(|d| {
                !d.package && same_kind(d.kind, m.kind) && !d.dates_conflict(&m) && (bare_indefinite || same_instrument(d, &m))
            });
            match target {
                Some(i) => drafts.absorb(i, &m, order, true),
                None => drafts.push(Draft::new(&m, if m.named { "named" } else { "described" }, order)),
            }
        }
    }
}

/// Whether a described mention names the instrument of a record: the words
/// of one are among the words of the other ("the EAEU-Việt Nam FTA" in "the
/// Eurasian Economic Union (EAEU)-Việt Nam Free Trade Agreement (FTA)"; "UN"
/// as the initials of "United Nations"), or both are about the same areas
/// and share a word.
fn same_instrument(d: &Draft, m: &Mention) -> bool {
    let words: Vec<&String> = m.content.iter().chain(&m.aliases).collect();
    let record: Vec<&String> = d.content.iter().chain(&d.aliases).collect();
    let shares_topic = d.topics.iter().any(|t| m.topics.contains(t));
    let (small, big) = if words.len() <= record.len() { (&words, &record) } else { (&record, &words) };
    // "REPA" after "Regional ... Agreement (REPA)".
    if words.iter().any(|w| d.aliases.contains(w)) {
        return true;
    }
    if small.is_empty() {
        // One of them is just the head ("the joint statement" first, its
        // full name later): the same instrument if of the very same kind.
        return d.kind == m.kind;
    }
    if small.iter().all(|w| covers(big, w)) {
        return small.len() >= 2 || shares_topic;
    }
    let same_topics = !m.topics.is_empty() && m.topics.len() == d.topics.len() && m.topics.iter().all(|t| d.topics.contains(t));
    same_topics && words.iter().any(|w| record.contains(w))
}

/// `word` is one of `words`, or the initials of a run of them.
fn covers(words: &[&String], word: &str) -> bool {
    if words.iter().any(|w| w.as_str() == word) {
        return true;
    }
    let n = word.chars().count();
    n >= 2 && words.windows(n).any(|run| run.iter().zip(word.chars()).all(|(w, c)| w.starts_with(c)))
}

/// Whether "the <kind>" can point back to a record of `record`'s kind.
fn reference_fits(kind: &str, record: &str) -> bool {
    same_kind(kind, record) || lexicon::may_refer_to(kind, record)
}

/// Two dates of the same event contradict unless one refines the other
/// ("2015" and "2015-05-29" agree).
/// Two dates of one agreement conflict unless one holds the other (the
/// same date at two precisions).
fn conflict(a: Option<DateRange>, b: Option<DateRange>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => !x.nested(&y),
        _ => false,
    }
}

/// The new date when it narrows the old one down.
fn more_precise(old: Option<DateRange>, new: Option<DateRange>) -> Option<DateRange> {
    match (old, new) {
        (Some(o), Some(n)) if o.contains(&n) && n.span_days() < o.span_days() => Some(n),
        (Some(o), _) => Some(o),
        (None, n) => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_cover_a_run_of_words() {
        let words: Vec<String> = ["united", "nations", "charter"].map(String::from).to_vec();
        let refs: Vec<&String> = words.iter().collect();
        assert!(covers(&refs, "un"));
        assert!(covers(&refs, "charter"));
        assert!(!covers(&refs, "cu"));
        assert!(!covers(&refs, "u"));
    }

    #[test]
    fn dates_conflict_only_when_neither_refines_the_other() {
        let date = |text: &str| text.parse::<DateRange>().ok();
        assert!(!conflict(date("2015"), date("2015-05-29")));
        assert!(!conflict(date("2015-05-28/2015-05-29"), date("2015-05-29")));
        assert!(conflict(date("2007"), date("2023")));
        assert!(!conflict(None, date("2023")));
        assert_eq!(more_precise(date("2015"), date("2015-05-29")), date("2015-05-29"));
        assert_eq!(more_precise(date("2015-05-29"), date("2016")), date("2015-05-29"));
        assert_eq!(more_precise(date("2015-05-29"), date("2015-05-29/2015-05-30")), date("2015-05-29"));
    }

    #[test]
    fn references_fit_by_kind() {
        // (what a later reference calls it, the kind of the instrument, fits)
        let cases = [
            ("other", "convention", true),
            ("agreement", "protocol", true),
            ("declaration", "joint_statement", true),
            ("protocol", "programme", false),
        ];
        for (reference, kind, fits) in cases {
            assert_eq!(reference_fits(reference, kind), fits, "{reference} -> {kind}");
        }
    }
}
