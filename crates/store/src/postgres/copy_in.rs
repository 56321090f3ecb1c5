//! Rows written with `COPY ... FROM STDIN` (text format): one round trip
//! for a document's sentences or a merged table, where an INSERT per row
//! would cost one each.

use crate::Result;
use postgres::Transaction;
use std::io::Write;

pub(super) struct CopyIn {
    statement: String,
    buffer: String,
}

impl CopyIn {
    pub fn new(table: &str, columns: &[&str]) -> CopyIn {
        CopyIn { statement: format!("COPY {table} ({}) FROM STDIN", columns.join(", ")), buffer: String::new() }
    }

    /// One row: a value per column, `None` for NULL.
    pub fn row<'v>(&mut self, values: impl IntoIterator<Item = Option<&'v str>>) {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.buffer.push('\t');
            }
            match value {
                None => self.buffer.push_str("\\N"),
                Some(text) => escape_into(&mut self.buffer, text),
            }
        }
        self.buffer.push('\n');
    }

    /// Send the rows (none: nothing sent).
    pub fn finish(self, tx: &mut Transaction) -> Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let mut writer = tx.copy_in(self.statement.as_str())?;
        writer.write_all(self.buffer.as_bytes()).map_err(|e| crate::StoreError::new(crate::ErrorKind::Storage, format!("COPY: {e}")))?;
        writer.finish()?;
        Ok(())
    }
}

/// The text format's escapes: backslash, and the characters that separate
/// columns and rows.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_backslashes_are_escaped_and_null_is_marked() {
        let mut copy = CopyIn::new("t", &["a", "b", "c"]);
        copy.row([Some("x\ty\\z"), None, Some("two\nlines\r")]);
        assert_eq!(copy.buffer, "x\\ty\\\\z\t\\N\ttwo\\nlines\\r\n");
        assert_eq!(copy.statement, "COPY t (a, b, c) FROM STDIN");
    }
}
