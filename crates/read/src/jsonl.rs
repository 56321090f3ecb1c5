//! JSON Lines: one article per line,
//! `{"id", "text", "published"?, "lang"?, "url"?, "title"?}`.
//!
//! A line without an id gets one from its content ([`content_id`]).
//! Lines are read one at a time, so memory follows the longest line, not the
//! file. A bad line is an error for that line and reading goes on.

use crate::dates::date_value as record_date;
use crate::decode::{binary_reason, invalid_utf8_warning, SNIFF_BYTES};
use crate::id::content_id;
use crate::{Input, ReadError, ReadErrorKind, Source};
use accord_doc::{Document, Lang};
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

pub(crate) struct JsonLines {
    reader: Box<dyn BufRead>,
    input: Input,
    name: String,
    line_number: usize,
    /// Byte offset of the current line in the file (for warnings).
    offset: usize,
    buffer: Vec<u8>,
    finished: bool,
    /// Set when the file held no record at all, to report it as empty.
    records_seen: usize,
}

impl JsonLines {
    pub(crate) fn open(source: &Source) -> Result<JsonLines, ReadError> {
        let input = source.input.clone();
        let reader: Box<dyn BufRead> = match &input {
            Input::Path(path) => {
                let file = File::open(path).map_err(|e| ReadError::from_io(&input, &e))?;
                if file.metadata().is_ok_and(|m| m.is_dir()) {
                    return Err(ReadError::new(&input, ReadErrorKind::Io, "is a directory, not a JSON Lines file"));
                }
                Box::new(BufReader::with_capacity(1 << 16, file))
            }
            Input::Stdin => Box::new(BufReader::new(std::io::stdin())),
        };
        let mut reader = reader;
        let sample = sniff(&mut reader).map_err(|e| ReadError::from_io(&input, &e))?;
        if let Some(reason) = binary_reason(&sample) {
            return Err(ReadError::new(
                &input,
                ReadErrorKind::Binary,
                format!("looks like a binary file ({reason}); skipped — pass a UTF-8 JSON Lines file"),
            ));
        }
        Ok(JsonLines {
            reader,
            name: input.display_name(),
            input,
            line_number: 0,
            offset: 0,
            buffer: Vec::new(),
            finished: false,
            records_seen: 0,
        })
    }

    fn line_error(&self, kind: ReadErrorKind, message: String) -> ReadError {
        let mut error = ReadError::new(&self.input, kind, message);
        error.line = Some(self.line_number);
        error
    }

    /// Turns the current line (in `self.buffer`) into a document.
    fn parse_line(&self, line: &str, warning: Option<String>) -> Result<Document, ReadError> {
        let record: Record = serde_json::from_str(line).map_err(|e| {
            self.line_error(
                ReadErrorKind::BadRecord,
                format!("not a valid record ({e}); skipped — each line must be a JSON object with at least \"text\""),
            )
        })?;
        let id = match &record.id {
            Some(serde_json::Value::String(id)) if !id.trim().is_empty() => id.clone(),
            Some(serde_json::Value::Number(id)) => id.to_string(),
            // From the content, not the file name and line: the same article
            // in another file, or on another line, is the same document, and
            // two articles never share an id. Every field the facts depend
            // on is hashed, so a record that differs in any of them is
            // another document rather than a conflict.
            _ => content_id(&[
                Some(&record.text),
                record.published.as_deref(),
                record.lang.as_deref(),
                record.url.as_deref(),
                record.title.as_deref(),
            ]),
        };
        let mut doc = Document::from_text(id, record.text);
        doc.meta.origin_path = Some(format!("{}:{}", self.name, self.line_number));
        doc.meta.url = record.url;
        doc.meta.title = record.title;
        doc.warnings.extend(warning);
        if let Some(code) = record.lang {
            match Lang::from_code(&code) {
                Some(lang) => doc.meta.lang = lang,
                None => doc
                    .warnings
                    .push(format!("{}:{}: unknown language code {code:?}; the language will be detected", self.name, self.line_number)),
            }
        }
        if let Some(published) = record.published {
            match record_date(&published) {
                Some(date) => doc.meta.published = Some(date),
                None => doc
                    .warnings
                    .push(format!("{}:{}: \"published\" {published:?} is not a date (YYYY-MM-DD); ignored", self.name, self.line_number)),
            }
        }
        crate::admit(&mut doc);
        Ok(doc)
    }
}

/// The first bytes of the stream, left in the reader's buffer.
fn sniff(reader: &mut Box<dyn BufRead>) -> std::io::Result<Vec<u8>> {
    let buffered = reader.fill_buf()?;
    Ok(buffered[..buffered.len().min(SNIFF_BYTES)].to_vec())
}

impl Iterator for JsonLines {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            self.buffer.clear();
            let line_start = self.offset;
            let read = self.reader.by_ref().read_until(b'\n', &mut self.buffer);
            match read {
                Ok(0) => {
                    self.finished = true;
                    if self.records_seen == 0 {
                        return Some(Err(ReadError::new(
                            &self.input,
                            ReadErrorKind::Empty,
                            "holds no records; skipped — write one JSON object per line",
                        )));
                    }
                }
                Ok(n) => {
                    self.offset += n;
                    self.line_number += 1;
                    let bytes = trim_line_end(&self.buffer);
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.records_seen += 1;
                    let (line, warning) = match std::str::from_utf8(bytes) {
                        Ok(line) => (std::borrow::Cow::Borrowed(line), None),
                        Err(error) => (
                            String::from_utf8_lossy(bytes),
                            Some(invalid_utf8_warning(&format!("{}:{}", self.name, self.line_number), line_start + error.valid_up_to())),
                        ),
                    };
                    return Some(self.parse_line(&line, warning));
                }
                Err(error) => {
                    self.finished = true;
                    let mut error = ReadError::from_io(&self.input, &error);
                    error.line = Some(self.line_number + 1);
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_fields_in_common_forms() {
        assert_eq!(record_date("2024-05-06"), "2024-05-06".parse().ok());
        assert_eq!(record_date("2024-05-06T23:30:00+07:00"), "2024-05-06".parse().ok());
        assert_eq!(record_date("2024-05"), "2024-05".parse().ok());
        assert_eq!(record_date("6 May 2024"), "2024-05-06".parse().ok());
        assert_eq!(record_date("soon"), None);
    }
}
