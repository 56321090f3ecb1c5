//! What the integration tests of the pipeline share.

use accord_doc::facts::{DocFacts, Evidence};

/// The evidence of every event, agreement, figure and commitment of `facts`
/// (entities have mentions instead).
pub fn evidence(facts: &DocFacts) -> impl Iterator<Item = &Evidence> {
    facts
        .events
        .iter()
        .map(|r| &r.evidence)
        .chain(facts.agreements.iter().map(|r| &r.evidence))
        .chain(facts.figures.iter().map(|r| &r.evidence))
        .chain(facts.commitments.iter().map(|r| &r.evidence))
}
