//! Header conventions of plain-text articles: the machine date marker, the
//! dateline, date lines, and the tags and phrases that name the source.
//!
//! Everything here looks at a bounded part of the text (the first few lines,
//! the first and last few kilobytes), so a header costs the same for a 1 KB
//! article and a 100 MB one.
//!
//! What is found, in order of trust:
//! - `published`: the ` date YYYY-MM-DD` marker; else a short header line that
//!   is mostly a date (`Posted: 07.08.2023 09:15`, `6 June 2024`); else a
//!   dateline with a full date (`ASTANA, May 6, 2024.`). A dateline with a
//!   day and month but no year does not set it.
//! - `dateline`: the place of a dateline in one of the first lines
//!   (`PLACE —`, `Place (SRC) –`, `PLACE, 1 August (SRC) –`, `PLACE /SRC/ -`,
//!   `PLACE, Region, May 6.`, a line that is only a place in capitals).
//! - `source`: a tag at the head (`(SRC) –`, `SRC.VN -`, `PLACE. AGENCY`,
//!   `SRC/ WEB DESK`, `By AGENCY`); else a tag ending the article (`— SRC`,
//!   `(SRC)`, `/SRC/`, `Source: SRC`, a last line that is only a name); else
//!   an attribution phrase from the data (`AGENCY reports`, `theo AGENCY`,
//!   `сообщает AGENCY`). Known agencies are given their canonical name.
//!
//! Fields already set (by HTML metadata or a JSON Lines record) are kept.

use crate::dates::{day_month_pattern, find_full_date, iso_date, iso_date_or_month, month_number};
use crate::lexicon::{alternation, LEXICON};
use accord_doc::{Date, Document, Span};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// How many non-empty lines at the top may hold a dateline or a head tag.
const DATELINE_LINES: usize = 4;
/// How many non-empty lines at the top may hold a date line.
const DATE_LINE_LINES: usize = 6;
/// Longest line taken for a date line (bytes).
const DATE_LINE_MAX_LEN: usize = 80;
/// Most words besides the date and times on a date line
/// (`By VNA September 29, 2024 | 09:10 pm PT` has four).
const DATE_LINE_MAX_WORDS: usize = 4;
/// The header lines are looked for in this many first bytes of the body.
const HEAD_BYTES: usize = 3000;
/// Attribution phrases are looked for in the first and last bytes of the body.
const CUE_HEAD_BYTES: usize = 4096;
const CUE_TAIL_BYTES: usize = 2048;
/// The last line is examined up to this many bytes from its end.
const TAIL_LINE_BYTES: usize = 300;

const BOM_LEN: usize = '\u{FEFF}'.len_utf8();

/// The machine header: ` date 2025-05-11` or ` date 2025-05`, ended by a line
/// break or followed by the article on the same line.
static DATE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\x{FEFF}?[ \t]*date[ \t]+(?P<date>\d{4}-\d{1,2}(?:-\d{1,2})?)(?:[ \t]*\r?\n|[ \t]+|\z)").expect("marker pattern is valid")
});

/// Words of a place name: capitalised words joined by spaces, `/` or `-`.
const PLACE_WORD: &str = r"\p{Lu}[\p{L}\p{M}'’-]*(?:\.\p{Lu}[\p{L}\p{M}'’-]*)*";
/// A tag naming the source: `(VNA)` or `/Trend/`.
const TAG: &str = r"\((?P<ptag>[^()\n]{1,40})\)|/(?P<stag>[^/\n]{1,40})/";

/// A dateline at the start of a line. Regions between the place and the date
/// are matched lazily so that `ASTANA, Kazakhstan, May 6.` keeps `May 6` as
/// the date; the terminator is part of the match so that the engine tries
/// every split before giving up.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let place = format!(r"{PLACE_WORD}(?:/{PLACE_WORD})*(?:[ \t]+{PLACE_WORD}(?:/{PLACE_WORD})*){{0,3}}");
    let date = day_month_pattern();
    let pattern = format!(
        r"^[ \t]*(?P<place>{place})(?:[ \t]*,[ \t]*{place}){{0,2}}?(?:[ \t]*,[ \t]*(?P<date>{date}))?[ \t]*(?:\.?[ \t]*(?:{TAG})[ \t]*)?(?P<end>[—–]{{1,2}}|-{{1,2}}[ \t]|\r?\n[ \t]*(?:[—–]{{1,2}}|-{{1,2}}[ \t])|\.(?:[ \t]|\r?\n|\z)|\r?\n|\z)"
    );
    Regex::new(&pattern).expect("dateline pattern is valid")
});

/// A source tag opening the text without a place: `(VOVworld) – ...`.
static LEADING_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[ \t]*(?:{TAG})[ \t]*(?:[—–]{{1,2}}|-{{1,2}}[ \t])")).expect("leading tag pattern is valid"));

/// The day-month part of a dateline date, to read its year if it has one.
static DATELINE_DATE_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<day1>\d{1,2})(?:st|nd|rd|th)?[ \t]+(?P<month1>[^\d,]+?)(?:,?[ \t]+(?:\S+[ \t]+)?(?P<year1>\d{4}))?$|^(?P<month2>[^\d]+?)[ \t]+(?P<day2>\d{1,2})(?:st|nd|rd|th)?(?:,?[ \t]+(?P<year2>\d{4}))?$")
        .expect("date parts pattern is valid")
});

/// `AMN/ WEB DESK`: an outlet and its desk.
static DESK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let desks = alternation(LEXICON.desk_words.iter().map(String::as_str));
    Regex::new(&format!(r"^[ \t]*(?P<src>\p{{Lu}}[\p{{Lu}}\d.&+-]{{1,15}})[ \t]*/[ \t]*(?:{desks})[ \t]*(?:\r?\n|\z)"))
        .expect("desk pattern is valid")
});

/// `By VNA   September 29, 2024`: a byline (a source only if a known agency).
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let labels = alternation(LEXICON.byline_labels.iter().map(String::as_str));
    Regex::new(&format!(r"^[ \t]*(?:{labels})[ \t]+(?P<src>[^\n|,]{{1,40}}?)(?:[ \t]{{2,}}|[ \t]*[|,]|[ \t]*\r?\n|[ \t]*\z)"))
        .expect("byline pattern is valid")
});

/// Times of day on a date line.
static TIME_OF_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)\d{1,2}:\d{2}(?::\d{2})?(?-u:\b)").expect("time pattern is valid"));

/// Tags ending the last line of the article.
static TRAILING_DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[ \t])[—–-]{1,2}[ \t]*(?P<src>\p{Lu}[\p{L}\d.+&]{1,15}(?:[ \t]\p{Lu}[\p{L}\d.+&]{1,15})?)[ \t]*$")
        .expect("trailing dash pattern is valid")
});
static TRAILING_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    let labels = alternation(LEXICON.source_labels.iter().map(String::as_str));
    Regex::new(&format!(r"(?P<before>^|.)[ \t]*\((?:(?i:{labels})[ \t]*:?[ \t]*)?(?P<src>\p{{L}}[^()\n]{{1,30}})\)[ \t]*$"))
        .expect("trailing paren pattern is valid")
});
static TRAILING_SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[ \t.])/(?P<src>\p{L}[^/\n]{1,30})/[ \t]*$").expect("trailing slash pattern is valid"));
static LABELLED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let labels = alternation(LEXICON.source_labels.iter().map(String::as_str));
    Regex::new(&format!(r"^[ \t]*(?:{labels})[ \t]*:?[ \t]+(?P<src>\p{{L}}[^,;!?\n]{{1,40}}?)\.?[ \t]*$"))
        .expect("labelled line pattern is valid")
});
static NAME_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(?P<src>\p{Lu}[\p{L}\d.+&-]{1,20})[ \t]*$").expect("name line pattern is valid"));

/// Names an attribution phrase may credit: a web address (`example.kz`,
/// `Example.VN`) or a known agency.
static SOURCE_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = alternation(LEXICON.agencies.keys().map(String::as_str));
    Regex::new(&format!(r"[\p{{L}}\d][\p{{L}}\d-]*\.\p{{L}}{{2,6}}|{agencies}")).expect("source name pattern is valid")
});

/// The attribution phrases of the data split at `{source}`: the words
/// before and after the name, lower-cased, single-spaced.
static SOURCE_CUES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let normalise = |words: &str| words.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    LEXICON
        .source_cues
        .iter()
        .filter_map(|cue| cue.split_once("{source}"))
        .map(|(before, after)| (normalise(before), normalise(after)))
        .filter(|(before, after)| !(before.is_empty() && after.is_empty()))
        .collect()
});

/// How much context around a name is compared with the cue phrases (bytes).
const CUE_CONTEXT_BYTES: usize = 64;

/// Reads the header conventions of `doc.text` into `doc.meta` and moves
/// `doc.body` past the machine date marker. See the module comment.
/// Never panics; `doc.body` stays on char boundaries.
pub fn parse_header(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut body = clamp_span(doc.body, text);
    if body.start == 0 {
        if let Some(caps) = DATE_MARKER.captures(text) {
            let marker_end = caps.get(0).map_or(0, |m| m.end());
            body = Span::new(marker_end, body.end.max(marker_end));
            match caps.name("date").and_then(|d| iso_date_or_month(d.as_str())) {
                Some(date) => {
                    doc.meta.published.get_or_insert(date);
                }
                None => doc.warnings.push(format!(
                    "{}: the header date {:?} is not a valid date; publication date left unknown",
                    doc.meta.origin_path.as_deref().unwrap_or(&doc.meta.id),
                    caps.name("date").map_or("", |d| d.as_str())
                )),
            }
        } else if text.starts_with('\u{FEFF}') {
            // A byte-order mark is not article text.
            body = Span::new(BOM_LEN, body.end.max(BOM_LEN));
        }
    }
    doc.body = body;
    let found = read_conventions(&doc.text[body.start..body.end]);
    let meta = &mut doc.meta;
    meta.published = meta.published.take().or(found.published);
    meta.dateline = meta.dateline.take().or(found.dateline);
    meta.source = meta.source.take().or(found.source);
}

/// A span moved onto char boundaries inside `text`.
fn clamp_span(span: Span, text: &str) -> Span {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    Span::new(start, end)
}

#[derive(Debug, Default, PartialEq)]
struct Conventions {
    published: Option<Date>,
    dateline: Option<String>,
    source: Option<String>,
}

fn read_conventions(body: &str) -> Conventions {
    let lines = head_lines(body);
    let mut found = Conventions::default();
    let mut head_source = None;
    let mut dateline_date = None;

    for &start in lines.iter().take(DATELINE_LINES) {
        let rest = &body[start..];
        if found.dateline.is_none() && head_source.is_none() {
            if let Some(dateline) = parse_dateline(rest) {
                found.dateline = dateline.place;
                head_source = dateline.source;
                dateline_date = dateline.full_date;
                continue;
            }
        }
        if head_source.is_none() {
            head_source = head_line_source(rest);
        }
    }
    for &start in lines.iter().take(DATE_LINE_LINES) {
        if let Some(date) = date_line(line_at(body, start)) {
            found.published = Some(date);
            break;
        }
    }
    if found.published.is_none() {
        found.published = dateline_date;
    }
    found.source = head_source.or_else(|| trailing_source(body)).or_else(|| cued_source(body));
    found
}

/// Start offsets of the first non-empty lines of `body` within
/// [`HEAD_BYTES`] (the first line always, however long).
fn head_lines(body: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut start = 0;
    while start < body.len() && starts.len() < DATE_LINE_LINES {
        if start >= HEAD_BYTES {
            break;
        }
        let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
        if !body[start..end].trim().is_empty() {
            starts.push(start);
        }
        start = end + 1;
    }
    starts
}

/// The line starting at `start`, without its line break.
fn line_at(body: &str, start: usize) -> &str {
    let rest = &body[start..];
    let line = rest.find('\n').map_or(rest, |end| &rest[..end]);
    line.strip_suffix('\r').unwrap_or(line)
}

struct Dateline {
    place: Option<String>,
    source: Option<String>,
    /// The ISO date when the dateline has a day, month and year.
    full_date: Option<Date>,
}

/// A dateline at the start of `rest` (a line and what follows it).
fn parse_dateline(rest: &str) -> Option<Dateline> {
    if let Some(caps) = LEADING_TAG.captures(rest) {
        return Some(Dateline { place: None, source: tag_source(&caps), full_date: None });
    }
    let caps = DATELINE.captures(rest)?;
    let place = caps.name("place")?.as_str().trim();
    let end = caps.name("end")?;
    let terminator = end.as_str().trim_matches([' ', '\t', '\r', '\n']);
    let tag = tag_source(&caps);
    let date = caps.name("date").map(|d| d.as_str());
    let after = &rest[caps.get(0)?.end()..];
    let is_capitals = !place.chars().any(char::is_lowercase);
    let place_end = caps.name("place")?.end();
    let line_is_only_place = rest[place_end..end.start()].trim().is_empty();

    // A head element that is itself an outlet (`VOV.VN - ...`, `TTXVN`).
    if tag.is_none() && date.is_none() && (looks_like_web_address(place) || LEXICON.agency(place).is_some()) {
        let ends_head = matches!(terminator, "—" | "–" | "-" | "--" | "——" | "––" | "") || terminator == ".";
        return ends_head.then(|| Dateline { place: None, source: Some(canonical_source(place)), full_date: None });
    }
    let has_tag = tag.is_some();
    let mut source = tag;
    let accepted = match terminator {
        "." => {
            if has_tag || date.is_some() {
                true
            } else if is_capitals {
                // `PLACE. AGENCY ...`: the agency follows the full stop.
                source = leading_agency(after).map(str::to_string);
                source.is_some()
            } else {
                false
            }
        }
        "" => {
            // A line that is only a place in capitals (`CITY/CITY`).
            !has_tag
                && date.is_none()
                && (is_capitals && line_is_only_place && place.split_whitespace().count() <= 3 && !after.trim().is_empty())
        }
        _ => is_capitals || has_tag || date.is_some(),
    };
    if !accepted {
        return None;
    }
    if source.is_none() {
        if let Some(agency) = after_dash_agency(terminator, after) {
            source = Some(agency);
        }
    }
    Some(Dateline {
        place: Some(place.to_string()),
        source: source.map(|s| canonical_source(&s)),
        full_date: date.and_then(dateline_full_date),
    })
}

/// The source named by a `(SRC)` or `/SRC/` tag, if it reads as a name.
fn tag_source(caps: &Captures) -> Option<String> {
    let tag = caps.name("ptag").or_else(|| caps.name("stag"))?.as_str().trim();
    let starts_with_letter = tag.chars().next().is_some_and(char::is_alphabetic);
    starts_with_letter.then(|| tag.to_string())
}

/// `МОСКВА, 12 мая - AGENCY. ...`: a known agency right after the dash.
fn after_dash_agency(terminator: &str, after: &str) -> Option<String> {
    if terminator == "." {
        return None;
    }
    let candidate = after.trim_start();
    let end = candidate.find(['.', ',', '\n']).unwrap_or(candidate.len()).min(40);
    let end = (0..=end).rev().find(|&i| candidate.is_char_boundary(i)).unwrap_or(0);
    LEXICON.agency(candidate[..end].trim()).map(str::to_string)
}

/// A known agency of one or two words at the start of `text`.
fn leading_agency(text: &str) -> Option<&'static str> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    if let Some(second) = words.next() {
        let two = format!("{first} {second}");
        if let Some(agency) = LEXICON.agency(&two) {
            return Some(agency);
        }
    }
    LEXICON.agency(first.trim_end_matches([',', '.', ':']))
}

/// The ISO date of a dateline date that has a year.
fn dateline_full_date(date: &str) -> Option<Date> {
    let caps = DATELINE_DATE_PARTS.captures(date.trim())?;
    let (day, month, year) = if let Some(day) = caps.name("day1") {
        (day, caps.name("month1")?, caps.name("year1")?)
    } else {
        (caps.name("day2")?, caps.name("month2")?, caps.name("year2")?)
    };
    iso_date(year.as_str().parse().ok()?, month_number(month.as_str())?, day.as_str().parse().ok()?)
}

/// A source named by a head line that is not a dateline: a desk line or a
/// byline naming a known agency.
fn head_line_source(rest: &str) -> Option<String> {
    if let Some(caps) = DESK_LINE.captures(rest) {
        return caps.name("src").map(|s| canonical_source(s.as_str()));
    }
    let caps = BYLINE.captures(rest)?;
    let name = caps.name("src")?.as_str().trim();
    LEXICON.agency(name).map(str::to_string)
}

/// The publication date of a short line that is mostly a date
/// (`Updated: 06/05/2024 10:00`, `6 June 2024`).
fn date_line(line: &str) -> Option<Date> {
    if line.len() > DATE_LINE_MAX_LEN {
        return None;
    }
    let (range, iso) = find_full_date(line)?;
    let rest = format!("{} {}", &line[..range.start], &line[range.end..]);
    let rest = TIME_OF_DAY.replace_all(&rest, " ");
    let words = rest.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
    (words <= DATE_LINE_MAX_WORDS).then_some(iso)
}

/// A source tag ending the article.
fn trailing_source(body: &str) -> Option<String> {
    let trimmed = body.trim_end();
    let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
    let mut tail_start = line_start.max(trimmed.len().saturating_sub(TAIL_LINE_BYTES));
    while !trimmed.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let whole_line = tail_start == line_start;
    let tail = &trimmed[tail_start..];
    if tail.is_empty() {
        return None;
    }

    if let Some(src) = TRAILING_DASH.captures(tail).and_then(|c| c.name("src")) {
        let src = src.as_str();
        if is_capitals_name(src) || LEXICON.agency(src).is_some() {
            return Some(canonical_source(src));
        }
    }
    if let Some(caps) = TRAILING_PAREN.captures(tail) {
        let src = caps.name("src").map_or("", |s| s.as_str()).trim();
        let before = caps.name("before").map_or("", |b| b.as_str());
        // A parenthesis after a sentence, after a short author name
        // (`Name Surname (SRC)`), or naming a known agency; not an acronym
        // glossed inside a sentence.
        let after_sentence = before.is_empty() || before.ends_with(['.', '!', '?', '"', '”', '»', '/']);
        let words_before = tail[..caps.name("before").map_or(0, |b| b.end())].split_whitespace().count();
        let after_author = whole_line && words_before <= 3;
        if after_sentence || after_author || LEXICON.agency(src).is_some() {
            return Some(canonical_source(src));
        }
    }
    if let Some(src) = TRAILING_SLASH.captures(tail).and_then(|c| c.name("src")) {
        return Some(canonical_source(src.as_str().trim()));
    }
    if whole_line {
        if let Some(src) = LABELLED_LINE.captures(tail).and_then(|c| c.name("src")) {
            let src = src.as_str().trim();
            if src.split_whitespace().count() <= 4 {
                return Some(canonical_source(src));
            }
        }
        if let Some(src) = NAME_LINE.captures(tail).and_then(|c| c.name("src")) {
            let src = src.as_str().trim_end_matches('.');
            let letters = src.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = letters >= 3 && is_capitals_name(src);
            if capitals || looks_like_web_address(src) || LEXICON.agency(src).is_some() {
                return Some(canonical_source(src));
            }
        }
    }
    None
}

/// An agency named by an attribution phrase near the start or the end.
/// Names are found first (one pass of one automaton), then the words around
/// each are compared with the cue phrases.
fn cued_source(body: &str) -> Option<String> {
    let head_end = floor_boundary(body, CUE_HEAD_BYTES);
    let tail_start = ceil_boundary(body, body.len().saturating_sub(CUE_TAIL_BYTES).max(head_end));
    [&body[..head_end], &body[tail_start..]].into_iter().find_map(|part| {
        SOURCE_NAMES.find_iter(part).find(|name| is_cued(part, name.start(), name.end())).map(|name| canonical_source(name.as_str()))
    })
}

/// Whether the name at `start..end` of `text` stands alone (no letter
/// glued to it) and a cue phrase surrounds it.
fn is_cued(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let after = &text[end..];
    let glued_before = before.chars().next_back().is_some_and(|c| c.is_alphanumeric());
    let glued_after = after.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '+');
    if glued_before || glued_after {
        return false;
    }
    let context = |piece: &str| piece.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let words_before = context(&before[ceil_boundary(before, before.len().saturating_sub(CUE_CONTEXT_BYTES))..]);
    let words_after = context(&after[..floor_boundary(after, CUE_CONTEXT_BYTES)]);
    let spaced_before = before.ends_with(char::is_whitespace);
    let spaced_after = after.starts_with(char::is_whitespace);
    SOURCE_CUES.iter().any(|(cue_before, cue_after)| {
        let before_ok = cue_before.is_empty()
            || (spaced_before && words_before.strip_suffix(cue_before.as_str()).is_some_and(|rest| !rest.ends_with(char::is_alphanumeric)));
        let after_ok = cue_after.is_empty()
            || (spaced_after && words_after.strip_prefix(cue_after.as_str()).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)));
        before_ok && after_ok
    })
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// The canonical name of a known agency, else the name as written.
fn canonical_source(name: &str) -> String {
    LEXICON.agency(name).unwrap_or(name).to_string()
}

/// `VNS`, `TTXVN`: two or more letters, no lower case.
fn is_capitals_name(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !name.chars().any(char::is_lowercase)
}

/// `VOV.VN`, `example.kz`: a name with a dot before a short final label.
fn looks_like_web_address(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((host, suffix)) => {
            !host.is_empty()
                && host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
                && (2..=6).contains(&suffix.chars().count())
                && suffix.chars().all(char::is_alphabetic)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests;
