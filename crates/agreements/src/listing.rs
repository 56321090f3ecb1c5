//! Instruments told as an enumerated list: a sentence that counts or groups
//! documents and ends on a colon ("The ministers signed five documents,
//! including:", "… ký kết 14 văn kiện, bao gồm:"), then one item a line,
//! numbered or bulleted. The items are the instruments: each is a record
//! signed as the introduction says, and the group that introduced them is
//! no record of its own (facts.md: a count is not an instrument). An item
//! is an instrument even when its head is no word of `heads.tsv` (a
//! certificate, a protocol of handover): being listed as one of the
//! documents says what it is.

use crate::mention::{Class, Mention};
use accord_doc::{DateRange, Span};
use accord_recognize::Analysis;

/// The status and date an introduction gives its items.
#[derive(Debug, Clone)]
pub(crate) struct Introduction {
    status: Option<&'static str>,
    signed: Option<DateRange>,
}

/// When the sentence introduces a list of documents, what its items take.
pub(crate) fn introduction(text: &str, sentence: Span, mentions: &[Mention]) -> Option<Introduction> {
    let ends_on_colon = sentence.slice(text).trim_end().ends_with(':');
    let group = mentions.iter().rev().find(|m| is_group(m))?;
    ends_on_colon.then_some(Introduction { status: group.status, signed: group.signed })
}

/// A mention of several documents or of documents told before ("five
/// documents", "the following agreements", "các văn kiện"): what a list
/// can spell out.
pub(crate) fn is_group(m: &Mention) -> bool {
    matches!(m.class, Class::Package { .. } | Class::PerField { .. } | Class::Reference)
}

/// Whether a sentence is an item of an enumerated list: it opens with a
/// number and a stop or bracket ("1.", "2)") or a bullet.
pub(crate) fn is_item(text: &str, sentence: Span) -> bool {
    let s = sentence.slice(text).trim_start();
    if s.starts_with(['-', '•', '*', '–', '—', '·']) {
        return true;
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && matches!(s.as_bytes().get(digits), Some(b'.' | b')'))
}

impl Introduction {
    /// Give the item's instruments the introduction's signing; an item
    /// with none names one all the same.
    pub(crate) fn apply(&self, a: &Analysis, sentence: Span, mentions: &mut Vec<Mention>) {
        if mentions.is_empty() {
            mentions.extend(unnamed_item(a, sentence));
        }
        // An item names one document: a name that opens it runs to its end
        // ("Agreement on X in A and B", "... between C and the Institute
        // of D and E"), where the name's own grammar may stop short.
        if let ([m], Some((span, title))) = (mentions.as_mut_slice(), item_text(a.doc.text.as_str(), sentence)) {
            if m.span.start == span.start && m.span.end < span.end {
                // (Its topics stay the name's: the words after may name
                // the parties' bodies, whose fields are not the topic.)
                m.title = title.to_string();
                m.span = span;
            }
        }
        for m in mentions.iter_mut() {
            m.status = m.status.or(self.status);
            if m.signed.is_none() {
                m.signed = self.signed;
            }
        }
    }
}

/// The instrument an item names in words the head lexicon does not know:
/// the item's text is its title.
fn unnamed_item(a: &Analysis, sentence: Span) -> Option<Mention> {
    let (span, title) = item_text(a.doc.text.as_str(), sentence)?;
    if title.split_whitespace().count() < 2 {
        return None;
    }
    let mut topics = a.areas_within(span);
    if topics.is_empty() {
        topics.push("other");
    }
    Some(Mention {
        kind: "other",
        class: Class::Described { bare_indefinite: false },
        title: title.to_string(),
        head: String::new(),
        content: title.split_whitespace().map(accord_lang::fold_word).collect(),
        aliases: Vec::new(),
        topics,
        signed: None,
        in_force: None,
        status: None,
        named: true,
        sentence,
        span,
    })
}

/// An item's text after its number or bullet, without closing punctuation.
fn item_text(text: &str, sentence: Span) -> Option<(Span, &str)> {
    let raw = sentence.slice(text);
    let marker = raw.len() - raw.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || "-•*–—·.)".contains(c)).len();
    let title = raw[marker..].trim_end().trim_end_matches(['.', ';', ',']);
    let start = sentence.start + marker;
    (!title.is_empty()).then(|| (Span::new(start, start + title.len()), title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_open_with_a_number_or_a_bullet() {
        let text = "1. A memorandum. 12) A protocol. • A plan. 2024. A year. In 1995 they met.";
        let at = |s: &str| {
            let start = text.find(s).unwrap();
            Span::new(start, start + s.len())
        };
        assert!(is_item(text, at("1. A memorandum.")));
        assert!(is_item(text, at("12) A protocol.")));
        assert!(is_item(text, at("• A plan.")));
        assert!(!is_item(text, at("2024. A year.")));
        assert!(!is_item(text, at("In 1995 they met.")));
    }
}
