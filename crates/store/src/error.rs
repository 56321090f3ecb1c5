//! Errors a user can act on: each message says what is wrong and what to do.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No database file where one was expected.
    Missing,
    /// The file exists but is not an SQLite database (or is damaged).
    NotADatabase,
    /// The database was written by a newer accord.
    NewerSchema,
    /// The database holds no documents yet.
    Empty,
    /// A country name or code that the country table does not know.
    UnknownCountry,
    /// No record with the given id.
    NoRecord,
    /// No stored document with the given id.
    UnknownDocument,
    /// A different article under an id already stored, refused.
    Conflict,
    /// An argument that cannot be used (an empty search...).
    BadArgument,
    /// Any other database or file error.
    Storage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    pub kind: ErrorKind,
    pub message: String,
}

impl StoreError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        StoreError { kind, message: message.into() }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if matches!(f.code, rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) {
                return StoreError::new(ErrorKind::NotADatabase, "the file is not an accord database (not SQLite, or damaged)");
            }
        }
        StoreError::new(ErrorKind::Storage, format!("database error: {e}"))
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::new(ErrorKind::Storage, format!("stored JSON could not be read: {e}"))
    }
}
