//! Commitments: sentences in which the parties commit to future action.
//!
//! One pass of a cue lexicon (`data/<lang>/commitments/cues.tsv`) over the
//! folded body finds the commitment cues of every sentence. A cue of kind
//! `commit` ("agreed to", "nhất trí", "договорились") commits by itself; a
//! `joint` cue ("encouraged", "aim to") only when its subject is both
//! sides; a future modal ("will", "sẽ") only when its subject is a party, a
//! country or a person, and no belief or forecast introduces it; a future
//! passive of a cooperation verb ("will be strengthened") unless its subject
//! is a thing; "agreed that" only when a modal follows ("should", "cần"). Subjects are read from the clause before the cue with a
//! second lexicon (`subjects.tsv`) and the entity layer. The first cue that
//! commits makes the sentence one record; proposals, hopes and assessments
//! have no cue, so they make none.

use accord_doc::facts::{Commitment, EntityType};
use accord_doc::Span;
use accord_lexicon::Labels;
use accord_recognize::{reach, Analysis};
use accord_text::Folded;
use lexicon::{Hit, PerLang};
use std::sync::LazyLock;

mod areas;
mod lexicon;
mod name_words;

static CUES: LazyLock<PerLang> = LazyLock::new(|| PerLang::load("commitments/cues.tsv", CUE_LABELS));
static SUBJECTS: LazyLock<PerLang> = LazyLock::new(|| PerLang::load("commitments/subjects.tsv", SUBJECT_LABELS));

/// A cue kind, with a modality after `:` where the kind takes one.
const CUE_LABELS: Labels = Labels::Check(
    |l| {
        parse_label(l).is_some_and(|(kind, modality)| matches!(kind, CueKind::Modal | CueKind::Doubt | CueKind::Not) == modality.is_empty())
    },
    "commit, joint, future, passive or that with ':modality', or modal, doubt or not",
);
const SUBJECT_LABELS: Labels = Labels::OneOf(&["joint", "party", "topic", "thing", "boundary"]);

/// Longest committed action kept in `text`, in characters.
const ACTION_CHARS: usize = 200;

/// What a cue of `cues.tsv` does; the label is `kind:modality` for cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    Commit,
    Joint,
    Future,
    Passive,
    That,
    Modal,
    Doubt,
    Not,
}

impl CueKind {
    fn rule(self) -> &'static str {
        match self {
            CueKind::Commit => "commitments/cue",
            CueKind::Joint => "commitments/joint-subject",
            CueKind::Future => "commitments/future-subject",
            CueKind::Passive => "commitments/future-passive",
            CueKind::That => "commitments/agreed-that-modal",
            CueKind::Modal | CueKind::Doubt | CueKind::Not => "commitments/none",
        }
    }
}

/// The kind and modality of a cue label; `None` for an unknown kind.
fn parse_label(label: &str) -> Option<(CueKind, &str)> {
    let (kind, modality) = label.split_once(':').unwrap_or((label, ""));
    let kind = match kind {
        "commit" => CueKind::Commit,
        "joint" => CueKind::Joint,
        "future" => CueKind::Future,
        "passive" => CueKind::Passive,
        "that" => CueKind::That,
        "modal" => CueKind::Modal,
        "doubt" => CueKind::Doubt,
        "not" => CueKind::Not,
        _ => return None,
    };
    Some((kind, modality))
}

/// Who the clause before a cue is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// Both sides together: "the two sides", "they", "hai bên".
    Joint,
    /// One side: a leader, an office, "he".
    Party,
    /// A country or person named in the clause (no lexicon word first).
    Named,
    /// The relationship or a field of it.
    Topic,
    /// A happening, an instrument, a figure.
    Thing,
    Unknown,
}

/// The commitments of a document; `parties` is the document's country pair.
pub fn extract(a: &Analysis, parties: &[String]) -> Vec<Commitment> {
    let lang = a.lang();
    let body = a.doc.body;
    let text = a.doc.text.as_str();
    if body.is_empty() || body.end > text.len() {
        return Vec::new();
    }
    let (Some(cues), Some(subjects)) = (CUES.get(lang), SUBJECTS.get(lang)) else {
        return Vec::new();
    };
    let folded = &a.folded;
    let hits = cues.find(folded, 0..folded.text.len(), text);
    let mut out: Vec<Commitment> = Vec::new();
    let mut recorded: Option<Span> = None;
    for (i, hit) in hits.iter().enumerate() {
        let Some((kind, modality)) = parse_label(hit.label) else {
            continue;
        };
        if matches!(kind, CueKind::Modal | CueKind::Doubt | CueKind::Not) {
            continue;
        }
        let cue = folded.span_to_original(hit.start, hit.end);
        let Some(sentence) = a.sentence_of(cue) else {
            continue;
        };
        if recorded == Some(sentence) {
            continue;
        }
        let sentence_start = folded_offset(folded, sentence.start).min(hit.start);
        let sentence_end = folded_offset(folded, sentence.end).max(hit.end);
        let clause_start = clause_start(&folded.text, sentence_start, hit.start);
        let clause = subject_of(a, subjects, folded, clause_start, hit.start);
        let committing = countries_named(a, clause.span);
        let doubted = hits[..i].iter().rev().take_while(|h| h.start >= clause_start).any(|h| h.label == "doubt");
        let commits = match kind {
            CueKind::Commit => true,
            CueKind::Joint => clause.joint_next_to_cue,
            CueKind::Future => matches!(clause.subject, Subject::Joint | Subject::Party | Subject::Named) && !doubted,
            CueKind::Passive => clause.subject != Subject::Thing && !doubted,
            CueKind::That => hits[i + 1..]
                .iter()
                .take_while(|h| h.start < sentence_end)
                .any(|h| parse_label(h.label).is_some_and(|(k, _)| matches!(k, CueKind::Modal | CueKind::Future | CueKind::Passive))),
            CueKind::Modal | CueKind::Doubt | CueKind::Not => false,
        };
        if !commits {
            continue;
        }
        let action = folded.span_to_original(hit.end, sentence_end);
        out.push(Commitment {
            areas: areas::areas_of(a, action, sentence),
            parties: if committing.is_empty() { parties.to_vec() } else { committing },
            modality: modality.to_string(),
            text: action_text(action.slice(text)),
            evidence: a.doc.evidence(sentence),
            rule: Some(kind.rule().to_string()),
        });
        recorded = Some(sentence);
    }
    out
}

/// The folded offset of the first folded byte that comes from input offset
/// `original` or later (a character boundary of the folded text).
pub(crate) fn folded_offset(folded: &Folded, original: usize) -> usize {
    let (mut low, mut high) = (0, folded.text.len());
    while low < high {
        let mid = low + (high - low) / 2;
        if folded.to_original(mid) < original {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    // Never inside a character: back up to its first byte.
    while low > 0 && !folded.text.is_char_boundary(low) {
        low -= 1;
    }
    low
}

/// Where the clause holding a cue at `cue_start` begins: after the last
/// clause punctuation of its sentence before the cue.
fn clause_start(folded: &str, sentence_start: usize, cue_start: usize) -> usize {
    let before = folded.get(sentence_start..cue_start).unwrap_or("");
    before
        .char_indices()
        .rev()
        .find(|&(i, c)| matches!(c, ',' | ';' | ':' | '"' | '(' | ')') || (c == '-' && before[..i].ends_with(' ')))
        .map_or(sentence_start, |(i, c)| sentence_start + i + c.len_utf8())
}

/// What the clause before a cue says of its subject.
struct Clause {
    subject: Subject,
    /// The input span the subject was read from.
    span: Span,
    /// A word for both sides, or the second of two countries ("A and B
    /// aim to"), ends at most [`reach::JOINT_GAP`] words before the cue
    /// ("both sides also support"): the cue is then their verb, not
    /// a noun ("thanked them for their wholehearted support"), nor the urging
    /// of one side ("the minister encouraged foreign firms").
    joint_next_to_cue: bool,
}

/// The subject of the clause `[clause_start, cue_start)` (folded offsets):
/// after its last clause-opening word, the first joint, party, topic or thing word,
/// else a named country or person.
fn subject_of(a: &Analysis, subjects: &lexicon::Lexicon, folded: &Folded, clause_start: usize, cue_start: usize) -> Clause {
    let hits = subjects.find(folded, clause_start..cue_start, &a.doc.text);
    let after_boundary = hits.iter().filter(|h| h.label == "boundary").map(|h| h.end).max().unwrap_or(clause_start);
    let span = folded.span_to_original(after_boundary, cue_start);
    let head = hits.iter().filter(|h| h.start >= after_boundary).find_map(|h: &Hit| match h.label {
        "joint" => Some(Subject::Joint),
        "party" => Some(Subject::Party),
        "topic" => Some(Subject::Topic),
        "thing" => Some(Subject::Thing),
        _ => None,
    });
    let subject = head.unwrap_or_else(|| {
        let named = Analysis::inside(&a.entities.mentions, span)
            .filter_map(|m| a.entities.records.get(m.value))
            .any(|r| matches!(r.kind, EntityType::Country | EntityType::Person));
        if named {
            Subject::Named
        } else {
            Subject::Unknown
        }
    });
    let close_to_cue = |gap: Option<&str>| gap.is_some_and(|g| g.split_whitespace().count() <= reach::JOINT_GAP.0);
    let joint_word_next_to_cue =
        hits.iter().rev().find(|h| h.label == "joint").is_some_and(|h| close_to_cue(folded.text.get(h.end..cue_start)));
    let countries: Vec<(&str, Span)> = Analysis::inside(&a.entities.mentions, span)
        .filter_map(|m| {
            a.entities.records.get(m.value).filter(|r| r.kind == EntityType::Country).and_then(|r| r.code.as_deref()).map(|c| (c, m.span))
        })
        .collect();
    let two_countries = countries.iter().any(|(c, _)| countries.first().is_some_and(|(first, _)| first != c));
    let pair_next_to_cue = two_countries && countries.last().is_some_and(|(_, last)| close_to_cue(a.doc.text.get(last.end..span.end)));
    let joint_next_to_cue = joint_word_next_to_cue || pair_next_to_cue;
    Clause { subject, span, joint_next_to_cue }
}

/// The countries named as the subject: countries, and the countries of the
/// people named.
fn countries_named(a: &Analysis, subject: Span) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in Analysis::inside(&a.entities.mentions, subject) {
        let Some(record) = a.entities.records.get(m.value) else {
            continue;
        };
        let code = match record.kind {
            EntityType::Country => record.code.as_deref(),
            EntityType::Person => record.country.as_deref(),
            _ => None,
        };
        if let Some(code) = code {
            if !out.iter().any(|c| c == code) {
                out.push(code.to_string());
            }
        }
    }
    out
}

/// The committed action in short: without surrounding spaces and closing
/// punctuation, cut after a word before [`ACTION_CHARS`] characters.
fn action_text(action: &str) -> String {
    let trimmed = action.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '"' | '“' | '”' | '’' | '/'));
    let Some((cut, _)) = trimmed.char_indices().nth(ACTION_CHARS) else {
        return trimmed.to_string();
    };
    let head = &trimmed[..cut];
    let at_word = head.rfind(char::is_whitespace).unwrap_or(cut);
    head[..at_word].trim_end_matches(|c: char| c.is_whitespace() || c == ',').to_string()
}

#[cfg(test)]
mod tests;
