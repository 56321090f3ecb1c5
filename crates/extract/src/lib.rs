//! The extract stage: facts (facts.md records) from an [`Analysis`]. Each
//! record kind is a stage of its own (figures here; events, agreements and
//! commitments in their crates), with cue lexicons per language in
//! `data/<lang>/` and slot rules over the recognised layers.

mod dates;
mod figures;
mod occasion;

use accord_doc::facts::{DocFacts, DocHeader, EntityType};
use accord_doc::{Document, Span};
use accord_recognize::Analysis;

/// Read the facts of one document: recognise, then extract.
pub fn document(doc: Document) -> DocFacts {
    let mut a = accord_recognize::analyze(doc);
    let mut facts = facts_with_entities(&a, Vec::new());
    // The analysis ends here: its entity records move into the facts.
    facts.entities = std::mem::take(&mut a.entities.records);
    mentions_as_read(&a.doc, &mut facts.entities);
    facts
}

/// The facts of an analysed document.
pub fn facts(a: &Analysis) -> DocFacts {
    let mut facts = facts_with_entities(a, a.entities.records.clone());
    mentions_as_read(&a.doc, &mut facts.entities);
    facts
}

/// Mentions are reported in the text as read, as evidence is (the stages
/// read the clean text: see [`accord_doc::door`]).
fn mentions_as_read(doc: &Document, entities: &mut [accord_doc::facts::Entity]) {
    if doc.input.is_some() {
        for m in entities.iter_mut().flat_map(|e| e.mentions.iter_mut()) {
            let span = doc.input_span(Span::new(m.start, m.end));
            (m.start, m.end) = (span.start, span.end);
        }
    }
}

fn facts_with_entities(a: &Analysis, entities: Vec<accord_doc::facts::Entity>) -> DocFacts {
    let parties = pair(a);
    let meta = &a.doc.meta;
    let mut events = accord_events::extract(a, &parties);
    let mut agreements = accord_agreements::extract(a, &parties);
    let occasion = occasion::find(a);
    if let Some(o) = &occasion {
        o.date_events(&mut events);
    }
    dates::refine(a, occasion.as_ref(), &mut events, &mut agreements);
    DocFacts {
        doc: DocHeader {
            id: meta.id.clone(),
            lang: meta.lang.code().to_string(),
            published: meta.published,
            dateline: meta.dateline.clone(),
            source: meta.source.clone(),
            url: meta.url.clone(),
            title: meta.title.clone(),
        },
        entities,
        events,
        agreements,
        figures: figures::extract(a, &parties),
        commitments: accord_commitments::extract(a, &parties),
    }
}

/// The document's country pair: the two countries mentioned most (ties
/// broken by first mention).
pub fn pair(a: &Analysis) -> Vec<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for r in a.entities.records.iter().filter(|r| r.kind == EntityType::Country) {
        if let (Some(code), Some(first)) = (&r.code, r.mentions.first()) {
            counts.push((code.clone(), r.mentions.len(), first.start));
        }
    }
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.2.cmp(&y.2)));
    counts.into_iter().take(2).map(|(c, _, _)| c).collect()
}
