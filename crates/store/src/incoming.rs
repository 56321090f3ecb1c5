//! What the store keeps of a document besides its facts: a content hash and
//! its sentences (for full-text search and for the quotes of entity
//! mentions). Taken before extraction, which consumes the document.

use crate::shingles::Signature;
use accord_doc::{Document, Lang};
use sha2::{Digest, Sha256};

/// One sentence: byte offsets into the input as given, its exact text, and
/// the text folded for full-text search (folded here, on the extraction
/// threads, not by the single writer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub folded: String,
}

/// A document on its way into the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub id: String,
    /// SHA-256 (hex) of the text and the metadata that shape the facts.
    pub content_hash: String,
    /// Where it was read from (a path, `stdin`, a JSON Lines file).
    pub origin: Option<String>,
    /// Length of the text in bytes.
    pub bytes: usize,
    pub sentences: Vec<Sentence>,
    /// What finds its near-duplicates among stored documents (see
    /// [`crate::shingles`]); `None` for a text without words.
    pub signature: Option<Signature>,
}

impl Incoming {
    /// Hash and split a document. Cheap next to extraction.
    pub fn read(doc: &Document) -> Incoming {
        let lang = match doc.meta.lang {
            Lang::Other => accord_lang::detect(doc.body_text()),
            known => known,
        };
        let body = if doc.body.end <= doc.text.len() && doc.body.start <= doc.body.end {
            doc.body
        } else {
            accord_doc::Span::new(0, doc.text.len())
        };
        let sentences = accord_text::sentences(&doc.text, body, lang)
            .into_iter()
            .map(|span| {
                let e = doc.evidence(span);
                Sentence { start: e.start, end: e.end, folded: accord_lang::fold_word(&e.quote), text: e.quote }
            })
            .filter(|s| !s.text.trim().is_empty())
            .collect::<Vec<Sentence>>();
        let signature = Signature::of_texts(sentences.iter().map(|s| s.folded.as_str()));
        Incoming {
            id: doc.meta.id.clone(),
            content_hash: content_hash(doc),
            origin: doc.meta.origin_path.clone(),
            bytes: doc.input_text().len(),
            sentences,
            signature,
        }
    }

    /// The text at byte offsets `start..end` of the input, when a sentence
    /// holds it verbatim (always for plain text; for HTML the sentence text
    /// is the extracted text, so offsets into the page may not slice it).
    pub fn text_at(&self, start: usize, end: usize) -> Option<&str> {
        crate::quotes::text_in(&self.sentences, start, end)
    }
}

/// The hash that decides whether a document changed: its text and every
/// metadata field that the facts depend on, each length-prefixed so no two
/// different inputs share a byte stream.
fn content_hash(doc: &Document) -> String {
    let mut h = Sha256::new();
    let m = &doc.meta;
    let published = m.published.map(|d| d.to_string());
    for part in [
        // The text as read: the offsets stored depend on it, not only the
        // clean text the facts are read from.
        Some(doc.input_text()),
        Some(m.lang.code()),
        published.as_deref(),
        m.dateline.as_deref(),
        m.source.as_deref(),
        m.url.as_deref(),
        m.title.as_deref(),
    ] {
        match part {
            Some(s) => {
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(u64::MAX.to_le_bytes()),
        }
    }
    h.update((doc.body.start as u64).to_le_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_text_and_the_sentences_keep_offsets() {
        let a = Document::from_text("a", "One sentence here. Another one follows.\nA third line");
        let b = Document::from_text("a", "One sentence here. Another one follows!\nA third line");
        let ia = Incoming::read(&a);
        assert_eq!(ia.content_hash, Incoming::read(&a.clone()).content_hash);
        assert_ne!(ia.content_hash, Incoming::read(&b).content_hash);
        assert_eq!(ia.sentences.len(), 3);
        for s in &ia.sentences {
            assert_eq!(&a.text[s.start..s.end], s.text);
        }
        assert_eq!(ia.text_at(4, 12), Some("sentence"));
        assert_eq!(ia.text_at(4, 400), None);
    }
}
