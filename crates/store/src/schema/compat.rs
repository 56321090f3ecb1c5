//! Whether a database's schema reads on SQLite [`MIN_SQLITE`] (3.40, Debian
//! 12's): a check of `sqlite_master`, and the tests that hold the latest
//! schema to it.

use super::{migrate, migrate_to, MIN_SQLITE};
use crate::Result;
use rusqlite::Connection;

/// What in a database's schema needs an SQLite newer than [`MIN_SQLITE`]:
/// one line per finding, empty when every table, index, view and trigger
/// reads on SQLite 3.40. Full-text tables are checked against the FTS5
/// options, tokenizers and file format of 3.40 (a list of what it has, so an
/// option unknown here is a finding); other statements against the SQL
/// functions added since (a list of what came after). Not caught: an
/// `ORDER BY` inside an aggregate's arguments (3.44).
fn newer_than_min_sqlite(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")?;
    let rows: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut found = Vec::new();
    for (kind, name, sql) in &rows {
        let lower = sql.to_lowercase();
        if lower.starts_with("create virtual table") {
            found.extend(virtual_table(&lower).into_iter().map(|f| format!("{name}: {f}")));
            // FTS5 keeps its file format version in <name>_config; 3.40
            // reads version 4 only (secure-delete and contentless_delete
            // tables are written as version 5).
            if lower.contains("using fts5") {
                let config = format!("{name}_config");
                let mut s = conn.prepare(&format!("SELECT k, v FROM \"{config}\""))?;
                let kv: Vec<(String, rusqlite::types::Value)> =
                    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
                for (k, v) in kv {
                    match (k.as_str(), v) {
                        ("version", rusqlite::types::Value::Integer(4)) => {}
                        ("pgsz" | "automerge" | "crisismerge" | "usermerge" | "rank", _) => {}
                        (k, v) => found.push(format!("{name}: FTS5 setting {k} = {v:?} (3.40 reads version 4 only)")),
                    }
                }
            }
        } else {
            for f in NEWER_FUNCTIONS {
                if calls(&lower, f) {
                    found.push(format!("{kind} {name}: function {f}()"));
                }
            }
        }
    }
    Ok(found)
}

/// SQL functions added after SQLite 3.40 (3.41: unhex; 3.43: octet_length,
/// timediff; 3.44: concat, concat_ws, string_agg; 3.45: the jsonb family;
/// 3.46: json_pretty; 3.47: the percentile family; 3.48: if; 3.50: unistr).
const NEWER_FUNCTIONS: &[&str] = &[
    "unhex",
    "octet_length",
    "timediff",
    "concat",
    "concat_ws",
    "string_agg",
    "jsonb",
    "jsonb_array",
    "jsonb_extract",
    "jsonb_group_array",
    "jsonb_group_object",
    "jsonb_insert",
    "jsonb_object",
    "jsonb_patch",
    "jsonb_remove",
    "jsonb_replace",
    "jsonb_set",
    "json_pretty",
    "median",
    "percentile",
    "percentile_cont",
    "percentile_disc",
    "if",
    "unistr",
    "unistr_quote",
];

/// Whether `sql` (lower case) calls `f`: the name as a whole word followed
/// by `(`, outside quotes.
fn calls(sql: &str, f: &str) -> bool {
    let bytes = sql.as_bytes();
    let mut quote = None;
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'\'' || b == b'"' || b == b'`' => quote = Some(b),
            None if sql[i..].starts_with(f) && (i == 0 || !word(bytes[i - 1])) => {
                let rest = sql[i + f.len()..].trim_start();
                if rest.starts_with('(') && !sql[i + f.len()..].starts_with(|c: char| word(c as u8)) {
                    return true;
                }
            }
            None => {}
        }
    }
    false
}

/// The findings of one `CREATE VIRTUAL TABLE` (lower case).
fn virtual_table(sql: &str) -> Vec<String> {
    let Some(using) = sql.find(" using ") else {
        return vec!["no module".into()];
    };
    let rest = sql[using + 7..].trim_start();
    let module: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if module != "fts5" {
        return vec![format!("module {module} (only fts5 is checked)")];
    }
    let (Some(open), Some(close)) = (rest.find('('), rest.rfind(')')) else {
        return vec!["no arguments".into()];
    };
    let mut found = Vec::new();
    for arg in split_top(&rest[open + 1..close], ',') {
        let arg = arg.trim();
        match arg.split_once('=') {
            Some((key, value)) => {
                let key = key.trim();
                let value = unquote(value.trim());
                match key {
                    // The FTS5 options of SQLite 3.40.
                    "prefix" | "content" | "content_rowid" | "columnsize" | "detail" => {}
                    "tokenize" => found.extend(tokenizer(&value)),
                    _ => found.push(format!("FTS5 option {key} (not in 3.40)")),
                }
            }
            None => {
                // A column: its name, and UNINDEXED at most.
                let words: Vec<&str> = arg.split_whitespace().collect();
                if words.len() > 2 || (words.len() == 2 && words[1] != "unindexed") {
                    found.push(format!("FTS5 column {arg:?}"));
                }
            }
        }
    }
    found
}

/// The findings of an FTS5 `tokenize` value against the tokenizers and
/// tokenizer options of 3.40.
fn tokenizer(value: &str) -> Vec<String> {
    let words: Vec<String> = split_top(value, ' ').into_iter().map(|w| unquote(w.trim())).filter(|w| !w.is_empty()).collect();
    let mut words = words.iter().map(String::as_str);
    let mut found = Vec::new();
    // porter wraps another tokenizer.
    let mut name = words.next().unwrap_or("unicode61");
    if name == "porter" {
        name = words.next().unwrap_or("unicode61");
    }
    let rest: Vec<&str> = words.collect();
    let allowed: &[&str] = match name {
        "unicode61" => &["remove_diacritics", "tokenchars", "separators", "categories"],
        "ascii" => &["tokenchars", "separators"],
        // trigram's remove_diacritics is of 3.45.
        "trigram" => &["case_sensitive"],
        other => return vec![format!("tokenizer {other} (not in 3.40)")],
    };
    for pair in rest.chunks(2) {
        let (key, value) = (pair[0], pair.get(1).copied().unwrap_or(""));
        if !allowed.contains(&key) {
            found.push(format!("{name} option {key} (not in 3.40)"));
        } else if key == "remove_diacritics" && !["0", "1", "2"].contains(&value) {
            found.push(format!("remove_diacritics {value}"));
        }
    }
    found
}

/// Split on `sep` outside quotes and parentheses.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let (mut out, mut start, mut depth, mut quote) = (Vec::new(), 0, 0i32, None);
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' => depth += 1,
                ')' => depth -= 1,
                c if c == sep && depth == 0 => {
                    out.push(&s[start..i]);
                    start = i + c.len_utf8();
                }
                _ => {}
            },
        }
    }
    out.push(&s[start..]);
    out
}

/// A value without its SQL quotes (a doubled quote inside is one).
fn unquote(s: &str) -> String {
    for q in ['\'', '"', '`'] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return s[1..s.len() - 1].replace(&format!("{q}{q}"), &q.to_string());
        }
    }
    if s.len() >= 2 && s.starts_with('[') && s.ends_with(']') {
        return s[1..s.len() - 1].to_string();
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(sql: &str) -> Vec<String> {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(sql).unwrap();
        newer_than_min_sqlite(&conn).unwrap()
    }

    #[test]
    fn the_latest_schema_needs_nothing_newer_than_sqlite_3_40() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(newer_than_min_sqlite(&conn).unwrap(), Vec::<String>::new());
        // The index is written to, as an ingest does, and stays readable.
        conn.execute_batch(
            "INSERT INTO documents (id, content_hash, extractor, bytes, ingested_at, facts) \
             VALUES ('d', 'h', 't', 1, 'x', '{}');
             INSERT INTO sentences (id, doc, seq, byte_start, byte_end, text) VALUES (1, 'd', 0, 0, 1, 'Đà Nẵng');
             INSERT INTO sentence_search (rowid, folded) VALUES (1, 'da nang');
             INSERT INTO sentence_search (sentence_search, rowid, folded) VALUES ('delete', 1, 'da nang');",
        )
        .unwrap();
        assert_eq!(newer_than_min_sqlite(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(MIN_SQLITE, "3.40.0", "docs/schema.md states it: change both");
    }

    #[test]
    fn the_check_finds_what_sqlite_3_40_cannot_read() {
        // The full-text index of schema v3: what this check is for.
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 3).unwrap();
        let v3 = newer_than_min_sqlite(&conn).unwrap();
        assert!(v3.iter().any(|f| f.contains("contentless_delete")), "{v3:?}");
        for (sql, needle) in [
            ("CREATE VIRTUAL TABLE t USING fts5(a, contentless_unindexed=1, content='')", "contentless_unindexed"),
            ("CREATE VIRTUAL TABLE t USING fts5(a, locale=1)", "locale"),
            ("CREATE VIRTUAL TABLE t USING fts5(a, tokendata=1)", "tokendata"),
            ("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='trigram remove_diacritics 1')", "remove_diacritics"),
            ("CREATE VIRTUAL TABLE t USING fts5(a); INSERT INTO t(t, rank) VALUES ('secure-delete', 1);", "secure-delete"),
            ("CREATE TABLE t (a TEXT); CREATE VIEW v AS SELECT concat(a, 'x') FROM t", "concat"),
            ("CREATE TABLE t (a TEXT); CREATE VIEW v AS SELECT string_agg(a, ',') FROM t", "string_agg"),
            ("CREATE TABLE t (a TEXT, b BLOB AS (jsonb(a)))", "jsonb"),
            ("CREATE TABLE t (a TEXT CHECK (octet_length(a) < 9))", "octet_length"),
            ("CREATE TABLE t (a TEXT); CREATE VIEW v AS SELECT unhex (a) FROM t", "unhex"),
        ] {
            let f = findings(sql);
            assert!(f.iter().any(|f| f.contains(needle)), "{sql}: {f:?}");
        }
        // What 3.40 has is not a finding.
        for sql in [
            "CREATE VIRTUAL TABLE t USING fts5(a, b UNINDEXED, content='', prefix='2 3', detail=column, \
             tokenize = 'porter unicode61 remove_diacritics 2 tokenchars ''-''')",
            "CREATE TABLE t (a TEXT, b TEXT); CREATE VIEW v AS SELECT iif(a, 'concat(', b) AS \"if(\", \
             json_extract(a, '$.x') FROM t",
        ] {
            assert_eq!(findings(sql), Vec::<String>::new(), "{sql}");
        }
    }
}
