//! The recognise stage: a [`Document`] in, an [`Analysis`] out: the document
//! with its language decided and its layers (sentences, entities, time
//! expressions, quantities), every span a byte range of the input.

pub mod reach;

use accord_doc::{Date, Document, Lang, Layer, Span};
use accord_entity::Entities;
use accord_lexicon::Areas;
use accord_quantity::Quantity;
use accord_text::tokens::Token;
use accord_text::{Folded, FoldedView, Part};
use accord_time::TimeValue;
use std::sync::OnceLock;

/// A document and the layers the recognisers added.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub doc: Document,
    pub sentences: Vec<Span>,
    pub entities: Entities,
    pub times: Layer<TimeValue>,
    pub quantities: Layer<Quantity>,
    /// The areas (facts.md's area list) each sentence names, found on first
    /// asking (see [`Analysis::areas_within`]): only the sentences a record
    /// is read from are searched.
    sentence_areas: Vec<OnceLock<Areas>>,
    /// The body folded once for every stage's matching (see [`Analysis::folded_within`]).
    pub folded: Folded,
    /// Where each sentence lies in `folded`: every stage reads the sentences' views.
    sentence_parts: Vec<Part>,
    /// The body's token layer (see [`accord_text::tokens`]), in text order.
    pub tokens: Vec<Token>,
    /// What relative dates ("today", "on 30 January", "this year") are
    /// resolved against: the publication date, or when the input gives none,
    /// the present year the text itself fixes ([`accord_time::present_year`]).
    reference: Option<Date>,
}

impl Analysis {
    pub fn lang(&self) -> Lang {
        self.doc.meta.lang
    }

    /// See [`Analysis::reference`].
    pub fn reference(&self) -> Option<&Date> {
        self.reference.as_ref()
    }

    /// The sentence holding `span`.
    pub fn sentence_of(&self, span: Span) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.end < span.end);
        self.sentences.get(i).copied().filter(|s| s.contains(span))
    }

    /// The areas named inside `span` (a sentence or a part of one), in order
    /// of first mention.
    pub fn areas_within(&self, span: Span) -> Vec<&'static str> {
        let first = self.sentences.partition_point(|s| s.end <= span.start);
        let mut out: Vec<&'static str> = Vec::new();
        let last = first + self.sentences[first..].partition_point(|s| s.start < span.end);
        for (&part, areas) in self.sentence_parts[first..last].iter().zip(&self.sentence_areas[first..last]) {
            let areas = areas.get_or_init(|| Areas::find(self.lang(), &self.folded.view_of(part), &self.doc.text));
            for label in areas.within(span) {
                if !out.contains(&label) {
                    out.push(label);
                }
            }
        }
        out
    }

    /// The tokens that lie inside `span` (a sentence, a clause).
    pub fn tokens_within(&self, span: Span) -> &[Token] {
        accord_text::tokens::within(&self.tokens, span)
    }

    /// How many tokens begin in the input range `[from, to)`: what a
    /// [`reach::Reach`] counts.
    pub fn tokens_between(&self, from: usize, to: usize) -> usize {
        let first = self.tokens.partition_point(|t| t.span.start < from);
        let end = self.tokens.partition_point(|t| t.span.start < to);
        end.saturating_sub(first)
    }

    /// Whether at most `reach` tokens stand in the input range `[from, to)`.
    pub fn within_reach(&self, from: usize, to: usize, reach: reach::Reach) -> bool {
        self.tokens_between(from, to) <= reach.0
    }

    /// The folded view of `span` (a sentence, a clause) of the body.
    pub fn folded_within(&self, span: Span) -> FoldedView<'_> {
        match self.sentences.binary_search_by_key(&span.start, |s| s.start) {
            Ok(i) if self.sentences[i] == span => self.folded.view_of(self.sentence_parts[i]),
            _ => self.folded.within(span),
        }
    }

    /// Items of a layer that fall inside `within`.
    pub fn inside<T>(layer: &Layer<T>, within: Span) -> impl Iterator<Item = &accord_doc::Annotated<T>> {
        let from = layer.partition_point(|a| a.span.start < within.start);
        layer[from..].iter().take_while(move |a| a.span.start < within.end).filter(move |a| a.span.end <= within.end)
    }
}

/// Run every recogniser on the document's clean text (see
/// [`accord_doc::door`]). The language is detected from the body unless the
/// input named it.
pub fn analyze(mut doc: Document) -> Analysis {
    // Documents that came through a reader are clean already; one built
    // by hand is made so here (a scan when it is clean).
    doc.normalize();
    if doc.meta.lang == Lang::Other {
        doc.meta.lang = accord_lang::detect(doc.body_text());
    }
    let lang = doc.meta.lang;
    let body = doc.body;
    let text = doc.text.as_str();
    let sentences = accord_text::sentences(text, body, lang);
    let quantities = accord_quantity::recognize(text, body, lang);
    let money: Vec<Span> =
        quantities.iter().filter(|q| matches!(q.value.unit, Some(accord_quantity::Unit::Currency(_)))).map(|q| q.span).collect();
    let folded = Folded::of_range(text, body);
    let tokens = accord_text::tokens::with_folded(text, body, &folded);
    let entities = accord_entity::recognize_folded(text, &folded, &tokens, &sentences, lang, &money);
    let times = accord_time::recognize(text, body, lang);
    let sentence_areas = sentences.iter().map(|_| OnceLock::new()).collect();
    let sentence_parts = sentences.iter().map(|&s| folded.part_within(s)).collect();
    let reference = doc.meta.published.or_else(|| accord_time::present_year(&times, &sentences).and_then(Date::from_year));
    Analysis { doc, sentences, entities, times, quantities, folded, sentence_parts, tokens, sentence_areas, reference }
}
