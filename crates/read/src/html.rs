//! HTML pages: metadata, main text, and the offset map back to the page.
//! The approach is described in the crate documentation.

use crate::dates::date_value;
use accord_doc::{Document, Lang, OffsetMap};
use dom_smoothie::{Config, Readability, TextMode};

/// Elements whose content is not page text.
const SKIPPED_ELEMENTS: &[&str] = &["script", "style", "noscript", "template", "title", "textarea", "svg", "math", "iframe", "object"];
/// Elements that break a paragraph.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "br",
    "hr",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "form",
    "body",
];
/// Meta tags that state the publication date, in order of trust.
const DATE_SELECTORS: &[(&str, &str)] = &[
    ("meta[property='article:published_time']", "content"),
    ("meta[name='date']", "content"),
    ("meta[itemprop='datePublished']", "content"),
    ("[itemprop='datePublished'][datetime]", "datetime"),
];
/// How far ahead of the current position the aligner looks for a lost
/// paragraph (bytes of page text); keeps alignment linear on any page.
const RESYNC_WINDOW: usize = 256 * 1024;
/// How many characters of the extracted text must agree to resynchronise.
const RESYNC_PROBE: usize = 12;

/// Reads an HTML page (already decoded). The id and origin path are set by
/// the caller.
pub(crate) fn read_html(html: &str) -> Document {
    let page = PageText::scan(html);
    let document = dom_query::Document::from(html);
    let metadata = PageMetadata::from_document(&document);

    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    // The extractor is third-party code run on arbitrary pages: a panic in it
    // must cost only the extraction, not the batch.
    let extraction = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Readability::with_document(document, None, Some(config))
            .and_then(|mut readability| readability.parse())
            .ok()
            .map(|article| (article.text_content.to_string(), article.published_time))
    }));
    let extractor_failed = extraction.is_err();
    let extracted = extraction.ok().flatten().filter(|(text, _)| !text.trim().is_empty());
    let (raw_text, extractor_date) = match extracted {
        Some((text, date)) => (text, date),
        None => (page.text.clone(), None),
    };
    let text = paragraphs(&raw_text);
    let anchors = align(&text, &page);

    let mut doc = Document::from_text(String::new(), text);
    if doc.text.is_empty() {
        doc.warnings.push("no text found in the page; the document is empty".to_string());
    }
    if extractor_failed {
        doc.warnings.push("the main-text extractor failed on this page; all of its text was kept".to_string());
    }
    doc.origin = Some(OffsetMap { anchors });
    doc.meta.published = metadata.published.or_else(|| extractor_date.as_deref().and_then(date_value));
    doc.meta.title = metadata.title;
    doc.meta.url = metadata.url;
    if let Some(lang) = metadata.lang {
        doc.meta.lang = lang;
    }
    doc
}

#[derive(Default)]
struct PageMetadata {
    published: Option<accord_doc::Date>,
    title: Option<String>,
    url: Option<String>,
    lang: Option<Lang>,
}

impl PageMetadata {
    fn from_document(document: &dom_query::Document) -> PageMetadata {
        let attribute = |selector: &str, name: &str| {
            document
                .select(selector)
                .iter()
                .filter_map(|node| node.attr(name))
                .map(|value| value.trim().to_string())
                .find(|value| !value.is_empty())
        };
        let published = DATE_SELECTORS
            .iter()
            .filter_map(|(selector, name)| attribute(selector, name))
            .find_map(|value| date_value(&value))
            .or_else(|| json_ld_date(document))
            .or_else(|| attribute("time[datetime]", "datetime").and_then(|value| date_value(&value)));
        let title = attribute("meta[property='og:title']", "content").or_else(|| {
            let title = document.select("title").text();
            let title = collapse_whitespace(&title);
            (!title.is_empty()).then_some(title)
        });
        let url = attribute("link[rel='canonical']", "href").or_else(|| attribute("meta[property='og:url']", "content"));
        let lang = attribute("html", "lang").and_then(|code| Lang::from_code(code.split(['-', '_']).next().unwrap_or("")));
        PageMetadata { published, title, url, lang }
    }
}

/// `datePublished` from the page's JSON-LD blocks (first found, in document
/// order, looking inside `@graph` and other nesting).
fn json_ld_date(document: &dom_query::Document) -> Option<accord_doc::Date> {
    fn find(value: &serde_json::Value) -> Option<accord_doc::Date> {
        match value {
            serde_json::Value::Object(map) => {
                map.get("datePublished").and_then(|v| v.as_str()).and_then(date_value).or_else(|| map.values().find_map(find))
            }
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    document.select("script[type='application/ld+json']").iter().find_map(|node| {
        let json: serde_json::Value = serde_json::from_str(node.text().trim()).ok()?;
        find(&json)
    })
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One paragraph per non-empty line, whitespace collapsed, separated by a
/// blank line.
fn paragraphs(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    for line in raw.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        for (i, word) in words.enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(word);
        }
    }
    text
}

/// The page's own text: text nodes outside skipped elements, entities
/// decoded, a line break at each block element, with a map back to the
/// page's byte offsets.
struct PageText {
    text: String,
    /// (offset in `text`, offset in the page): the start of each stretch
    /// that corresponds byte for byte.
    map: OffsetMap,
}

impl PageText {
    fn scan(html: &str) -> PageText {
        let mut page = PageText { text: String::with_capacity(html.len() / 2), map: OffsetMap::default() };
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'<' => match scan_markup(html, i) {
                    Markup::Skip(next) => i = next,
                    Markup::Tag { name, closing, end } => {
                        if !closing && SKIPPED_ELEMENTS.contains(&name.as_str()) {
                            i = end_of_element(html, &name, end);
                        } else {
                            if BLOCK_ELEMENTS.contains(&name.as_str()) {
                                page.push_break(i);
                            }
                            i = end;
                        }
                    }
                    Markup::Text => {
                        page.push_run("<", i);
                        i += 1;
                    }
                },
                b'&' => match decode_entity(&html[i..]) {
                    Some((decoded, length)) => {
                        page.push_entity(decoded, i);
                        i += length;
                    }
                    None => {
                        page.push_run("&", i);
                        i += 1;
                    }
                },
                _ => {
                    let end = html[i..].find(['<', '&']).map_or(html.len(), |offset| i + offset);
                    page.push_run(&html[i..end], i);
                    i = end;
                }
            }
        }
        page
    }

    /// The page offset of the last anchor's linear continuation at the end
    /// of the text.
    fn continues_at(&self, source: usize) -> bool {
        self.map.anchors.last().is_some_and(|&(t, s)| s + (self.text.len() - t) == source)
    }

    fn push_run(&mut self, run: &str, source: usize) {
        if !self.continues_at(source) {
            self.map.anchors.push((self.text.len(), source));
        }
        self.text.push_str(run);
    }

    fn push_entity(&mut self, decoded: char, source: usize) {
        self.map.anchors.push((self.text.len(), source));
        self.text.push(decoded);
    }

    fn push_break(&mut self, source: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.map.anchors.push((self.text.len(), source));
            self.text.push('\n');
        }
    }
}

enum Markup {
    /// A comment, doctype or processing instruction; continue at the offset.
    Skip(usize),
    Tag {
        name: String,
        closing: bool,
        end: usize,
    },
    /// A `<` that opens no markup.
    Text,
}

/// Reads the markup starting with the `<` at `start`.
fn scan_markup(html: &str, start: usize) -> Markup {
    let rest = &html[start..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return Markup::Skip(comment.find("-->").map_or(html.len(), |end| start + 4 + end + 3));
    }
    let bytes = rest.as_bytes();
    if matches!(bytes.get(1), Some(b'!' | b'?')) {
        return Markup::Skip(rest.find('>').map_or(html.len(), |end| start + end + 1));
    }
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    let name_length = bytes[name_start.min(bytes.len())..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_length == 0 || !bytes[name_start].is_ascii_alphabetic() {
        return Markup::Text;
    }
    let name = rest[name_start..name_start + name_length].to_ascii_lowercase();
    Markup::Tag { name, closing, end: tag_end(html, start + name_start + name_length) }
}

/// The offset after the `>` closing a tag, skipping quoted attribute values.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote = None;
    for (offset, byte) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(*byte),
            (Some(q), b) if q == *b => quote = None,
            (None, b'>') => return from + offset + 1,
            _ => {}
        }
    }
    html.len()
}

/// The offset after the end tag of a raw-text element (`</script>`), found
/// without regard to case.
fn end_of_element(html: &str, name: &str, from: usize) -> usize {
    let needle = format!("</{name}");
    let haystack = &html.as_bytes()[from..];
    let found = haystack.windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle.as_bytes()));
    match found {
        Some(offset) => tag_end(html, from + offset + needle.len()),
        None => html.len(),
    }
}

/// Decodes the entity at the start of `text` (`&amp;`, `&#8217;`, `&#x2014;`):
/// the character and the entity's length in bytes.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    let end = text.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &text[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}')
    } else {
        named_entity(name)?
    };
    Some((decoded, end + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{AD}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "bdquo" => '„',
        "sbquo" => '‚',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "sect" => '§',
        "para" => '¶',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iacute" => 'í',
        "igrave" => 'ì',
        "ocirc" => 'ô',
        "oacute" => 'ó',
        "ograve" => 'ò',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "uacute" => 'ú',
        "ugrave" => 'ù',
        "uuml" => 'ü',
        "ntilde" => 'ñ',
        "szlig" => 'ß',
        "Eacute" => 'É',
        _ => return None,
    })
}

/// Anchors mapping offsets of `text` (the extracted article) to page bytes,
/// by walking `text` and the page text together; whitespace may differ.
/// Where the two part (a character the page text does not have there), the
/// aligner looks ahead for the next [`RESYNC_PROBE`] characters of `text` once
/// per paragraph.
fn align(text: &str, page: &PageText) -> Vec<(usize, usize)> {
    let page_text = page.text.as_str();
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut cursor = 0;
    let mut in_sync = false;
    let mut may_resync = true;
    for (offset, c) in text.char_indices() {
        if c.is_whitespace() {
            if c == '\n' {
                may_resync = true;
            }
            continue;
        }
        let mut matched = None;
        if in_sync {
            let next = skip_whitespace(page_text, cursor);
            if page_text[next..].starts_with(c) {
                matched = Some(next);
            } else {
                in_sync = false;
            }
        }
        if matched.is_none() && may_resync {
            matched = find_probe(page_text, cursor, &text[offset..]);
            in_sync = matched.is_some();
            may_resync = in_sync;
        }
        let Some(position) = matched else { continue };
        cursor = position + c.len_utf8();
        let source = page.map.to_source(position);
        let predicted = anchors.last().map(|&(t, s)| s + (offset - t));
        if predicted != Some(source) {
            anchors.push((offset, source));
        }
    }
    anchors
}

fn skip_whitespace(text: &str, from: usize) -> usize {
    text[from..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |offset| from + offset)
}

/// Where, at or after `from` and within [`RESYNC_WINDOW`], the page text
/// continues with the first non-whitespace characters of `wanted`
/// (whitespace ignored on both sides).
fn find_probe(page_text: &str, from: usize, wanted: &str) -> Option<usize> {
    let probe: Vec<char> = wanted.chars().filter(|c| !c.is_whitespace()).take(RESYNC_PROBE).collect();
    let first = *probe.first()?;
    let mut limit = (from + RESYNC_WINDOW).min(page_text.len());
    while !page_text.is_char_boundary(limit) {
        limit -= 1;
    }
    page_text[from..limit].match_indices(first).map(|(offset, _)| from + offset).find(|&start| {
        let mut page_chars = page_text[start..].chars().filter(|c| !c.is_whitespace());
        probe.iter().all(|&wanted| page_chars.next() == Some(wanted))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_skips_markup_and_maps_back() {
        let html =
            "<html><head><title>T</title><script>var a = '<p>';</script></head><body><p>One &amp; two</p><!-- note --><p>Three</p></body></html>";
        let page = PageText::scan(html);
        assert_eq!(page.text, "One & two\nThree\n");
        let three = page.text.find("Three").unwrap();
        assert_eq!(&html[page.map.to_source(three)..][..5], "Three");
        let two = page.text.find("two").unwrap();
        assert_eq!(&html[page.map.to_source(two)..][..3], "two");
    }

    #[test]
    fn alignment_maps_every_found_character_exactly() {
        let html = "<div><p>First  paragraph, with <b>bold</b> words.</p>\n<p>Second&nbsp;one &#8212; here.</p></div>";
        let page = PageText::scan(html);
        let text = "First paragraph, with bold words.\n\nSecond one — here.";
        let map = OffsetMap { anchors: align(text, &page) };
        for word in ["paragraph", "bold", "words", "Second", "one", "here"] {
            let offset = text.find(word).unwrap();
            assert_eq!(&html[map.to_source(offset)..][..word.len()], word, "{word}");
        }
        let dash = text.find('—').unwrap();
        assert_eq!(&html[map.to_source(dash)..][..7], "&#8212;");
    }

    #[test]
    fn unclosed_markup_does_not_panic() {
        for html in ["<", "<p", "<p class='x", "&", "&#;", "&#x110000;", "<!--", "<script>", "a < b & c", "<é>"] {
            let page = PageText::scan(html);
            let _ = align(&page.text, &page);
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any page text yields anchors inside the page and the text.
        #[test]
        fn reading_any_markup_is_total(html in "(<[a-z/!]{0,3}[ a-z='\"]{0,6}>?|&[a-z#0-9]{0,6};?|[^<&]{0,8}|<script>|</p>|<!--|-->)*") {
            let doc = read_html(&html);
            for &(t, s) in &doc.origin.as_ref().unwrap().anchors {
                prop_assert!(t <= doc.text.len());
                prop_assert!(s <= html.len());
            }
        }
    }
}
