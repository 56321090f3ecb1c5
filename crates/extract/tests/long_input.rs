//! Inputs of any length and shape get bounded work per sentence: a long
//! text without a sentence stop is read in pieces of at most
//! `MAX_SENTENCE` bytes, and what is found in one copy of a paragraph is
//! found in every copy, however many there are. (How fast is measured by
//! `accord bench --scaling`, not here.)

use accord_doc::Document;
use accord_text::MAX_SENTENCE;

/// A paragraph in our own words, with people behind titles, countries,
/// a visit, an agreement and a figure.
const PARAGRAPH: &str =
    "President Anna Verhoeven of Belarus paid an official visit to Vietnam at the invitation of Prime Minister Tomas Krelling, \
and the two sides signed an agreement on visa exemption. Trade turnover between Vietnam and Belarus reached 12 billion USD in 2024, \
up 8 percent from a year earlier, Foreign Minister Maria Odegaard said. ";

fn without_stops(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '.' | '!' | '?' | '\n')).collect()
}

#[test]
fn a_long_line_without_stops_is_read_in_bounded_sentences() {
    // About 1 MB on one line, with no sentence stop.
    let text = without_stops(&PARAGRAPH.repeat((1 << 20) / PARAGRAPH.len() + 1));
    let analysis = accord_recognize::analyze(Document::from_text("no-stops", text.clone()));
    assert!(analysis.sentences.len() >= text.len() / MAX_SENTENCE, "{} sentences", analysis.sentences.len());
    assert!(analysis.sentences.iter().all(|s| s.len() <= MAX_SENTENCE));
    // Every copy's people are still found: the cut keeps most names whole.
    let people = analysis.entities.records.iter().filter(|r| r.kind == accord_doc::facts::EntityType::Person).count();
    assert!(people >= 3, "{people} people");
    let facts = accord_extract::facts(&analysis);
    let quotes = facts.events.iter().map(|e| &e.evidence.quote).chain(facts.figures.iter().map(|f| &f.evidence.quote));
    for q in quotes {
        assert!(q.len() <= MAX_SENTENCE, "evidence of {} bytes", q.len());
    }
}

#[test]
fn every_copy_of_a_paragraph_yields_the_same_mentions() {
    // With stops, the entity layer of n copies is n times that of one: no
    // rule's reach depends on how much text came before.
    let one = accord_recognize::analyze(Document::from_text("one", PARAGRAPH));
    let copies = 300;
    let many = accord_recognize::analyze(Document::from_text("many", PARAGRAPH.repeat(copies)));
    assert!(!one.entities.mentions.is_empty());
    assert_eq!(many.entities.mentions.len(), copies * one.entities.mentions.len());
    assert_eq!(many.sentences.len(), copies * one.sentences.len());
    for (k, m) in many.entities.mentions.iter().enumerate() {
        let first = &one.entities.mentions[k % one.entities.mentions.len()];
        let shift = (k / one.entities.mentions.len()) * PARAGRAPH.len();
        assert_eq!((m.span.start - shift, m.span.end - shift), (first.span.start, first.span.end));
    }
}
