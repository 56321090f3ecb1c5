//! The recognise stage: a [`Document`] in, an [`Analysis`] out: the document
//! with its language decided and its layers (sentences, entities, time
//! expressions, quantities), every span a byte range of the input.

use accord_doc::{Document, Lang, Layer, Span};
use accord_entity::Entities;
use accord_quantity::Quantity;
use accord_time::TimeValue;

/// A document and the layers the recognisers added.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub doc: Document,
    pub sentences: Vec<Span>,
    pub entities: Entities,
    pub times: Layer<TimeValue>,
    pub quantities: Layer<Quantity>,
}

impl Analysis {
    pub fn lang(&self) -> Lang {
        self.doc.meta.lang
    }

    /// The sentence holding `span`.
    pub fn sentence_of(&self, span: Span) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.end < span.end);
        self.sentences.get(i).copied().filter(|s| s.contains(span))
    }

    /// Items of a layer that fall inside `within`.
    pub fn inside<'l, T>(
        layer: &'l Layer<T>,
        within: Span,
    ) -> impl Iterator<Item = &'l accord_doc::Annotated<T>> {
        let from = layer.partition_point(|a| a.span.start < within.start);
        layer[from..]
            .iter()
            .take_while(move |a| a.span.start < within.end)
            .filter(move |a| a.span.end <= within.end)
    }
}

/// Run every recogniser. The language is detected from the body unless the
/// input named it.
pub fn analyze(mut doc: Document) -> Analysis {
    if doc.meta.lang == Lang::Other {
        doc.meta.lang = accord_lang::detect(doc.body_text());
    }
    let lang = doc.meta.lang;
    let body = doc.body;
    let text = doc.text.as_str();
    let sentences = accord_text::sentences(text, body, lang);
    let quantities = accord_quantity::recognize(text, body, lang);
    let money: Vec<Span> = quantities
        .iter()
        .filter(|q| matches!(q.value.unit, Some(accord_quantity::Unit::Currency(_))))
        .map(|q| q.span)
        .collect();
    let entities = accord_entity::recognize(text, body, &sentences, lang, &money);
    let times = accord_time::recognize(text, body, lang);
    Analysis {
        doc,
        sentences,
        entities,
        times,
        quantities,
    }
}
