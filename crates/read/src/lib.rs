//! Readers: turn files, directories and standard input into
//! [`accord_doc::Document`]s.
//!
//! - Plain text and Markdown (`.txt`, `.md`, standard input, and any file
//!   named explicitly whose extension is not one of the others): `text` is the
//!   input exactly, after UTF-8 decoding; [`parse_header`] reads the header
//!   conventions (date marker, dateline, source tags) and sets `body`.
//! - HTML (`.html`, `.htm`): `text` is the extracted article text, paragraphs
//!   separated by blank lines; `origin` maps it back to the page's bytes (see
//!   [`html`](crate#html)); metadata comes from meta tags and JSON-LD.
//! - JSON Lines (`.jsonl`): one article per line,
//!   `{"id", "text", "published"?, "lang"?, "url"?, "title"?}`; read lazily,
//!   one line at a time, so a large file is never held whole.
//!
//! # Ids
//! A file's document is named by the file name without its extension (or by
//! the caller, [`read_as`]); a JSON Lines line by its `id`. Standard input
//! and a line without an `id` get an id from their content ([`content_id`]):
//! reading the same article again gives the same id, and two different ones
//! never share one.
//!
//! # Bad input
//! Nothing here panics and no input stops a batch: each problem is a
//! [`ReadError`] for that file (or that JSON Lines line) and reading goes on.
//! - Invalid UTF-8: decoded with U+FFFD replacement; the document carries a
//!   warning naming the file and the byte offset of the first bad byte
//!   (offsets after that point no longer equal the file's byte offsets).
//! - Binary files (a NUL byte in the first 8 KiB, or more than 30 % control
//!   or undecodable bytes there): skipped with [`ReadErrorKind::Binary`].
//! - Empty files (nothing but whitespace): skipped with
//!   [`ReadErrorKind::Empty`] — there is no article to report on, and an
//!   error tells the user which input gave nothing. Blank lines inside a JSON
//!   Lines file are skipped silently.
//! - Missing or unreadable paths: [`ReadErrorKind::NotFound`],
//!   [`ReadErrorKind::PermissionDenied`] or [`ReadErrorKind::Io`], with the
//!   operating system's reason.
//!
//! # HTML
//! The main text is chosen by `dom_smoothie` (a port of Mozilla's
//! Readability); when it finds no article, every text block of the page is
//! kept. `origin` is built by aligning the extracted text with the page's own
//! text nodes (tags, comments, scripts and styles skipped, entities decoded):
//! an anchor is placed wherever the correspondence stops being one to one
//! (a tag, an entity, collapsed whitespace), so every character that was found
//! maps to its exact byte in the page; characters that could not be found
//! (text made up by the extractor) map linearly from the previous anchor.

mod dates;
mod decode;
mod header;
mod html;
mod id;
mod jsonl;
mod lexicon;
mod walk;

use accord_doc::Document;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use header::parse_header;
pub use id::{content_id, CONTENT_ID_PREFIX};
pub use walk::expand;

/// One input as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory.
    Path(PathBuf),
    /// Standard input (read as plain text).
    Stdin,
}

impl Input {
    /// The input a command-line argument names: `-` is standard input.
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// How the input is named in messages.
    pub fn display_name(&self) -> String {
        match self {
            Input::Path(path) => path.display().to_string(),
            Input::Stdin => STDIN_NAME.to_string(),
        }
    }
}

const STDIN_NAME: &str = "<stdin>";

/// How a source is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: the text as it is.
    Text,
    Html,
    JsonLines,
}

impl Format {
    /// The format of a path by its extension (case-insensitive); plain text
    /// for any other extension.
    pub fn of_path(path: &Path) -> Format {
        Format::by_extension(path).unwrap_or(Format::Text)
    }

    /// The format of the extensions a directory walk keeps
    /// (`.txt .md .html .htm .jsonl`), `None` for others.
    pub fn by_extension(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "md" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "jsonl" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// One file (or standard input) to read, with its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub input: Input,
    pub format: Format,
}

impl Source {
    /// The document id a file gives its document: its name without the
    /// extension. `None` for standard input, whose id comes from its content
    /// ([`content_id`]): a name would be the same for every text piped in.
    pub fn id(&self) -> Option<String> {
        match &self.input {
            Input::Path(path) => {
                Some(path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string()))
            }
            Input::Stdin => None,
        }
    }
}

/// What went wrong with an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadErrorKind {
    NotFound,
    PermissionDenied,
    /// Any other operating-system error.
    Io,
    /// The file looks binary; it was skipped.
    Binary,
    /// The file holds nothing but whitespace; it was skipped.
    Empty,
    /// A JSON Lines line is not a valid record; that line was skipped.
    BadRecord,
    /// The input cannot be read as asked: one id ([`read_as`]) for a
    /// directory or a JSON Lines file, which hold many documents.
    Usage,
}

/// A problem with one input (or one line of it). Reading goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The input as named by the user (`<stdin>` for standard input).
    pub path: PathBuf,
    /// The 1-based line, for errors in one JSON Lines record.
    pub line: Option<usize>,
    pub kind: ReadErrorKind,
    /// What was wrong and what to do about it.
    pub message: String,
}

impl ReadError {
    pub(crate) fn new(input: &Input, kind: ReadErrorKind, message: impl Into<String>) -> Self {
        ReadError { path: PathBuf::from(input.display_name()), line: None, kind, message: message.into() }
    }

    pub(crate) fn from_io(input: &Input, error: &std::io::Error) -> Self {
        let (kind, advice) = match error.kind() {
            std::io::ErrorKind::NotFound => (ReadErrorKind::NotFound, "check the path"),
            std::io::ErrorKind::PermissionDenied => (ReadErrorKind::PermissionDenied, "check the file's permissions"),
            _ => (ReadErrorKind::Io, "check that the path is a readable file or directory"),
        };
        ReadError::new(input, kind, format!("cannot read: {error}; {advice}"))
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ReadError {}

/// The documents of one source, read lazily for JSON Lines.
pub struct Documents {
    inner: DocumentsInner,
}

enum DocumentsInner {
    Whole(Option<Result<Document, ReadError>>),
    JsonLines(jsonl::JsonLines),
}

impl Iterator for Documents {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            DocumentsInner::Whole(result) => result.take(),
            DocumentsInner::JsonLines(lines) => lines.next(),
        }
    }
}

/// Reads one source into documents: one for a text or HTML file, one per
/// line for JSON Lines (read as the iterator advances). Never panics; each
/// problem is an `Err` item and the iterator goes on after it.
pub fn read_source(source: &Source) -> Documents {
    let inner = match source.format {
        Format::JsonLines => match jsonl::JsonLines::open(source) {
            Ok(lines) => DocumentsInner::JsonLines(lines),
            Err(error) => DocumentsInner::Whole(Some(Err(error))),
        },
        Format::Text | Format::Html => DocumentsInner::Whole(Some(read_whole(source))),
    };
    Documents { inner }
}

/// Reads one input as one document under the id `id` (`accord ingest
/// --id`): a file (any format but JSON Lines) or standard input. A directory
/// or a JSON Lines file holds many documents, which one id cannot name, and
/// an empty id names nothing: each is an error that says what to do instead.
pub fn read_as(input: &Input, id: &str) -> Result<Document, ReadError> {
    if id.trim().is_empty() {
        return Err(ReadError::new(input, ReadErrorKind::Usage, "an empty id names nothing; give --id a name"));
    }
    let format = match input {
        Input::Stdin => Format::Text,
        Input::Path(path) if path.is_dir() => {
            return Err(ReadError::new(
                input,
                ReadErrorKind::Usage,
                "is a directory, and --id names one document: give one file, or leave out --id",
            ))
        }
        Input::Path(path) => Format::of_path(path),
    };
    if format == Format::JsonLines {
        return Err(ReadError::new(
            input,
            ReadErrorKind::Usage,
            "is JSON Lines, one document a line, and --id names one document: \
             give each line its own \"id\" field, or leave out --id",
        ));
    }
    let mut doc = read_whole(&Source { input: input.clone(), format })?;
    doc.meta.id = id.to_string();
    Ok(doc)
}

/// Reads a text or HTML source.
fn read_whole(source: &Source) -> Result<Document, ReadError> {
    let bytes = read_bytes(&source.input)?;
    decode::check_content(&source.input, &bytes)?;
    let name = source.input.display_name();
    let decoded = decode::decode(bytes, &name);
    let mut doc = match source.format {
        Format::Html => html::read_html(&decoded.text),
        _ => Document::from_text(String::new(), decoded.text),
    };
    // The id of standard input hashes the text as read, before the door,
    // so that it does not change when the door learns a new rule.
    doc.meta.id = source.id().unwrap_or_else(|| content_id(&[Some(doc.input_text())]));
    doc.meta.origin_path = Some(name);
    doc.warnings.extend(decoded.warning);
    admit(&mut doc);
    Ok(doc)
}

fn read_bytes(input: &Input) -> Result<Vec<u8>, ReadError> {
    match input {
        Input::Path(path) => std::fs::read(path).map_err(|e| ReadError::from_io(input, &e)),
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| ReadError::from_io(input, &e))?;
            Ok(bytes)
        }
    }
}

/// Reads plain text given in memory, as if from a file called `name`
/// (header conventions applied). For callers that already hold the text.
pub fn read_text(name: &str, text: String) -> Document {
    let mut doc = Document::from_text(Path::new(name).file_stem().map_or(name.into(), |s| s.to_string_lossy()), text);
    doc.meta.origin_path = Some(name.to_string());
    admit(&mut doc);
    doc
}

/// The door every reader ends at: the text made clean (see
/// [`accord_doc::door`]; the text as read is kept for offsets and quotes),
/// then the header read from the clean text.
pub(crate) fn admit(doc: &mut Document) {
    doc.normalize();
    parse_header(doc);
}
