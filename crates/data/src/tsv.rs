//! The one reader of the data files' tables: `#` comment lines and blank
//! lines are skipped, columns are separated by one TAB, and every error
//! names the file (its path under `data/`), the line and the problem.

use std::fmt;
use std::str::FromStr;

/// A problem in a data file, at a line (1-based; 0 for the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: String,
    pub line: usize,
    pub problem: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "data/{}:{}: {}", self.file, self.line, self.problem)
    }
}

impl std::error::Error for Error {}

/// A data file's text with its name.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

/// One data line: its columns, trimmed.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub file: &'a str,
    pub line: usize,
    cols: Vec<&'a str>,
}

impl<'a> Table<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Table<'a> {
        Table { file, text }
    }

    /// The data lines, in order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'a>> + 'a {
        let file = self.file;
        self.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#')).map(move |(i, l)| Row {
            file,
            line: i + 1,
            cols: l.trim_end().split('\t').map(str::trim).collect(),
        })
    }

    /// An error about the whole file.
    pub fn error(&self, problem: impl Into<String>) -> Error {
        Error { file: self.file.to_string(), line: 0, problem: problem.into() }
    }
}

impl<'a> Row<'a> {
    /// An error at this line.
    pub fn error(&self, problem: impl Into<String>) -> Error {
        Error { file: self.file.to_string(), line: self.line, problem: problem.into() }
    }

    /// How many columns the line has.
    pub fn len(&self) -> usize {
        self.cols.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cols.is_empty()
    }

    /// Column `i` (0-based), which must be there.
    pub fn col(&self, i: usize) -> Result<&'a str, Error> {
        self.cols.get(i).copied().ok_or_else(|| self.error(format!("missing column {} ({} found)", i + 1, self.cols.len())))
    }

    /// An error when the line has more than `n` columns.
    pub fn at_most(&self, n: usize) -> Result<(), Error> {
        match self.cols.get(n) {
            Some(extra) => Err(self.error(format!("{} columns at most, but column {} is '{extra}'", n, n + 1))),
            None => Ok(()),
        }
    }

    /// Column `i` if the line has it, empty or not.
    pub fn opt(&self, i: usize) -> Option<&'a str> {
        self.cols.get(i).copied()
    }

    /// Column `i`, which must be one of `allowed`.
    pub fn label(&self, i: usize, allowed: &[&str]) -> Result<&'a str, Error> {
        let value = self.col(i)?;
        if allowed.contains(&value) {
            Ok(value)
        } else {
            Err(self.unknown(value, allowed))
        }
    }

    /// The error for a label not among `allowed`.
    pub fn unknown(&self, value: &str, allowed: &[&str]) -> Error {
        self.error(format!("unknown label '{value}' (expected one of: {})", allowed.join(", ")))
    }

    /// Column `i` read as a `T` (a number, say).
    pub fn parse<T: FromStr>(&self, i: usize) -> Result<T, Error> {
        let value = self.col(i)?;
        value.parse().map_err(|_| self.error(format!("bad value '{value}' in column {}", i + 1)))
    }

    /// Column `i` split on `|`, entries trimmed, empty ones dropped.
    pub fn list(&self, i: usize) -> Result<impl Iterator<Item = &'a str> + 'a, Error> {
        Ok(self.col(i)?.split('|').map(str::trim).filter(|w| !w.is_empty()))
    }
}

/// The result of loading embedded or installed data: a bad file is a
/// failure at load, with the message naming file and line.
pub fn or_fail<T>(loaded: Result<T, Error>) -> T {
    loaded.unwrap_or_else(|e| panic!("{e}"))
}

/// For the loaders' tests: that `loaded` failed naming `file`, with an
/// error that goes on as `expected` (`"2: unknown label 'x'"`) begins.
pub fn assert_fails<T>(loaded: Result<T, Error>, file: &str, expected: &str) {
    let want = format!("data/{file}:{expected}");
    match loaded {
        Ok(_) => panic!("no error, expected {want}"),
        Err(e) => assert!(e.to_string().starts_with(&want), "{e} (expected {want})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_comments_and_blanks_and_count_every_line() {
        let t = Table::new("xx/a.tsv", "# head\n\nvisit\ta|b\n  \nmeet\t c \n");
        let rows: Vec<Row> = t.rows().collect();
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 5]);
        assert_eq!(rows[1].col(1).unwrap(), "c");
        assert_eq!(rows[0].list(1).unwrap().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn errors_name_file_line_and_problem() {
        let t = Table::new("xx/a.tsv", "# head\nvisit\nodd\tx\n12x\t1\n");
        let rows: Vec<Row> = t.rows().collect();
        assert_eq!(rows[0].col(1).unwrap_err().to_string(), "data/xx/a.tsv:2: missing column 2 (1 found)");
        let e = rows[1].label(0, &["visit", "meeting"]).unwrap_err().to_string();
        assert_eq!(e, "data/xx/a.tsv:3: unknown label 'odd' (expected one of: visit, meeting)");
        assert_eq!(rows[2].parse::<u32>(0).unwrap_err().to_string(), "data/xx/a.tsv:4: bad value '12x' in column 1");
        assert_eq!(rows[2].at_most(1).unwrap_err().to_string(), "data/xx/a.tsv:4: 1 columns at most, but column 2 is '1'");
    }
}
