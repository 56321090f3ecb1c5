//! Events: visits, meetings, milestones and policies. (In progress.)
use accord_doc::facts::Event;
use accord_recognize::Analysis;

/// The events of a document; `parties` is the document's country pair.
pub fn extract(a: &Analysis, parties: &[String]) -> Vec<Event> {
    let _ = (a, parties);
    Vec::new()
}
