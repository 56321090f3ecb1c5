//! Agreements: every instrument named or described. (In progress.)
use accord_doc::facts::Agreement;
use accord_recognize::Analysis;

/// The agreements of a document; `parties` is the document's country pair.
pub fn extract(a: &Analysis, parties: &[String]) -> Vec<Agreement> {
    let _ = (a, parties);
    Vec::new()
}
