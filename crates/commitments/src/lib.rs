//! Commitments: sentences in which the parties commit to future action. (In progress.)
use accord_doc::facts::Commitment;
use accord_recognize::Analysis;

/// The commitments of a document; `parties` is the document's country pair.
pub fn extract(a: &Analysis, parties: &[String]) -> Vec<Commitment> {
    let _ = (a, parties);
    Vec::new()
}
