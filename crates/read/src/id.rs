//! Ids for documents that come without one (standard input, a JSON Lines
//! line with no `id`): derived from the content, so that the same article
//! read again gets the same id (and is found unchanged), while two different
//! articles never share one and so never replace each other.

use sha2::{Digest, Sha256};

/// The prefix of every content-derived id: says, wherever the id is shown,
/// that nobody chose it.
pub const CONTENT_ID_PREFIX: &str = "doc-";

/// `doc-` and the first 16 hex digits (64 bits) of the SHA-256 of the parts,
/// each length-prefixed (an absent part marked apart from an empty one), so
/// that no two different sequences of parts hash the same bytes. 64 bits
/// make a chance collision negligible for any corpus one database holds
/// (about one in 10^8 at 600,000 documents), and the store refuses, rather
/// than overwrites, a different article under a known id in any case.
///
/// The algorithm is part of the database's contract: a change would give
/// every stored id-less document a new id on its next ingest.
pub fn content_id(parts: &[Option<&str>]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        match part {
            Some(s) => {
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(u64::MAX.to_le_bytes()),
        }
    }
    let digest = h.finalize();
    let mut id = String::with_capacity(CONTENT_ID_PREFIX.len() + 16);
    id.push_str(CONTENT_ID_PREFIX);
    for b in &digest[..8] {
        id.push_str(&format!("{b:02x}"));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_follows_the_content_and_nothing_else() {
        let a = content_id(&[Some("Two ministers met.")]);
        assert_eq!(a, content_id(&[Some("Two ministers met.")]), "stable");
        assert_eq!(a.len(), 4 + 16);
        assert!(a.starts_with("doc-"));
        assert_ne!(a, content_id(&[Some("Two ministers met!")]));
        // Parts do not run together, and absent is not empty.
        assert_ne!(content_id(&[Some("ab"), Some("c")]), content_id(&[Some("a"), Some("bc")]));
        assert_ne!(content_id(&[Some("a"), None]), content_id(&[Some("a"), Some("")]));
        // Pinned: the same text gives this id in every version (see above).
        assert_eq!(a, "doc-82cd364b849048bb");
        assert_eq!(content_id(&[]), "doc-e3b0c44298fc1c14", "SHA-256 of nothing");
    }
}
