//! The accord document model.
//!
//! A [`Document`] is the text of one article plus its metadata. Every later
//! stage adds a layer of [`Annotated`] values whose [`Span`]s are byte offsets
//! into [`Document::text`], which is the input as read (for plain text and
//! JSON Lines) or the extracted article text (for HTML, with
//! [`Document::origin`] mapping back to the HTML bytes), made clean at the
//! door ([`door`], [`Document::normalize`]): when that changed anything,
//! [`Document::input`] keeps the text as read and the map back to it, and
//! every offset and quote reported ([`Document::evidence`],
//! [`Document::input_span`]) is of the text as read. Offsets never move.
//!
//! The [`facts`] module holds the output records of `shared/spec/facts.md`;
//! [`date`] holds the workspace's one calendar and its [`Date`] type.

pub mod date;
pub mod door;
pub mod facts;

pub use date::{Date, DateError, DateRange, Precision};

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// A value found at a span, with the name of the rule that found it
/// (shown by `--explain`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotated<T> {
    pub span: Span,
    pub rule: &'static str,
    pub value: T,
}

/// One annotation layer: values in text order.
pub type Layer<T> = Vec<Annotated<T>>;

/// The languages accord knows: one per folder of `data/` (see
/// [`accord_data`]); stages look their rules up by language, never branch on it.
pub use accord_data::Lang;

/// Where the document came from and what its header said.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub lang: Lang,
    pub published: Option<Date>,
    pub dateline: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The file or stream the document was read from, for messages.
    pub origin_path: Option<String>,
}

/// Maps byte offsets of an extracted text back to the bytes of its source
/// (used for HTML, where the article text is not one contiguous run).
/// Each anchor says: text offset `text` is source offset `source`, and the
/// following bytes up to the next anchor correspond one to one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OffsetMap {
    pub anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The source offset of a text offset.
    pub fn to_source(&self, text_offset: usize) -> usize {
        let i = self.anchors.partition_point(|&(t, _)| t <= text_offset);
        if i == 0 {
            return text_offset;
        }
        let (t, s) = self.anchors[i - 1];
        s + (text_offset - t)
    }
}

/// One article: its text and where the article body begins in it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub meta: Meta,
    /// The text as read. Offsets of every layer point into it.
    pub text: String,
    /// The part of `text` that is the article (a header line such as
    /// ` date 2025-05-11` lies before it).
    pub body: Span,
    /// Set when `text` was extracted from a larger source (HTML).
    pub origin: Option<OffsetMap>,
    /// Problems met while reading (bad bytes...), reported to the user.
    pub warnings: Vec<String>,
    /// The text as read, when the door changed it (see [`door`]).
    pub input: Option<Box<Input>>,
    /// Whether `text` came through the door ([`Document::normalize`]).
    pub normalized: bool,
}

/// The text of a document as read, and where the clean text's bytes come from in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    pub text: String,
    pub map: door::InputMap,
}

impl Document {
    /// A document whose whole text is the article.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let body = Span::new(0, text.len());
        Document {
            meta: Meta { id: id.into(), ..Meta::default() },
            text,
            body,
            origin: None,
            warnings: Vec::new(),
            input: None,
            normalized: false,
        }
    }

    /// Make the text clean at the door (see [`door`]): the body span and
    /// the title follow; the text as read goes to [`Document::input`].
    /// Once per document: a document already normalised is left alone
    /// (readers normalise; [`Document::from_text`] does not).
    pub fn normalize(&mut self) {
        if self.normalized {
            return;
        }
        if let Some(title) = self.meta.title.as_deref().and_then(door::normalize_str) {
            self.meta.title = Some(title);
        }
        self.normalized = true;
        let Some((text, map)) = door::normalize(&self.text) else {
            return;
        };
        let body = Span::new(map.to_normalized(self.body.start), map.to_normalized(self.body.end));
        self.body = Span::new(body.start.min(text.len()), body.end.min(text.len()).max(body.start.min(text.len())));
        let input = std::mem::replace(&mut self.text, text);
        self.input = Some(Box::new(Input { text: input, map }));
    }

    /// The text as read (before the door).
    pub fn input_text(&self) -> &str {
        self.input.as_ref().map_or(&self.text, |i| &i.text)
    }

    /// The span of the text as read that a span of `text` stands for.
    pub fn input_span(&self, span: Span) -> Span {
        match &self.input {
            Some(input) => input.map.span(span),
            None => span,
        }
    }

    pub fn body_text(&self) -> &str {
        self.body.slice(&self.text)
    }

    /// Evidence for a span: offsets into the original input and the exact quote.
    pub fn evidence(&self, span: Span) -> facts::Evidence {
        let span = self.input_span(span);
        let quote = span.slice(self.input_text()).to_string();
        let (start, end) = match &self.origin {
            Some(map) => (map.to_source(span.start), map.to_source(span.end)),
            None => (span.start, span.end),
        };
        facts::Evidence { start, end, quote }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_is_identity_before_first_anchor_and_linear_after() {
        let m = OffsetMap { anchors: vec![(0, 100), (10, 200)] };
        assert_eq!(m.to_source(0), 100);
        assert_eq!(m.to_source(5), 105);
        assert_eq!(m.to_source(10), 200);
        assert_eq!(m.to_source(12), 202);
    }
}
