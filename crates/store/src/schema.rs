//! The schema and its migrations. `PRAGMA user_version` holds the version of
//! a database; opening one applies the migrations it lacks, each in its own
//! transaction. A migration, once released, is never edited: a change is a
//! new entry at the end of [`MIGRATIONS`]. `docs/schema.md` documents the
//! result and must follow each new entry.

use crate::error::{ErrorKind, StoreError};
use crate::Result;
use rusqlite::{params, Connection};

/// One step of the schema: its SQL, then (for a step that needs what only
/// accord can compute, such as folded text) a function run in the same
/// transaction.
pub(crate) struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(&Connection) -> Result<()>>,
}

/// Migration `i` takes a database from version `i` to version `i + 1`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { sql: V1_DOCUMENTS_AND_FACTS, then: None },
    Migration { sql: V2_MERGED, then: None },
    Migration { sql: V3_SENTENCES, then: None },
    Migration { sql: V4_PORTABLE_SEARCH, then: Some(fill_sentence_search) },
];

/// The oldest SQLite that reads every table and view of the latest schema
/// (Debian 12's): `docs/schema.md` says so, and a test checks the schema for
/// anything newer.
pub const MIN_SQLITE: &str = "3.40.0";

/// The schema version this accord writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// v1: documents and their facts as extracted, each row with its provenance.
const V1_DOCUMENTS_AND_FACTS: &str = r#"
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    extractor    TEXT NOT NULL,
    origin       TEXT,
    lang         TEXT,
    published    TEXT,
    dateline     TEXT,
    source       TEXT,
    url          TEXT,
    title        TEXT,
    bytes        INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL,
    facts        TEXT NOT NULL
);

CREATE TABLE doc_entities (
    doc        TEXT NOT NULL REFERENCES documents(id),
    seq        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    code       TEXT,
    aliases    TEXT NOT NULL,
    country    TEXT,
    title      TEXT,
    mentions   INTEGER NOT NULL,
    byte_start INTEGER,
    byte_end   INTEGER,
    quote      TEXT,
    rule       TEXT,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

CREATE TABLE doc_mentions (
    doc        TEXT NOT NULL REFERENCES documents(id),
    entity     INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    quote      TEXT,
    PRIMARY KEY (doc, entity, seq)
) WITHOUT ROWID;

CREATE TABLE doc_events (
    doc          TEXT NOT NULL REFERENCES documents(id),
    seq          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    kind         TEXT,
    what         TEXT,
    by_country   TEXT,
    participants TEXT NOT NULL,
    host         TEXT,
    place        TEXT,
    date         TEXT,
    parties      TEXT NOT NULL,
    byte_start   INTEGER NOT NULL,
    byte_end     INTEGER NOT NULL,
    quote        TEXT NOT NULL,
    rule         TEXT,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

CREATE TABLE doc_agreements (
    doc        TEXT NOT NULL REFERENCES documents(id),
    seq        INTEGER NOT NULL,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    topics     TEXT NOT NULL,
    parties    TEXT NOT NULL,
    signed     TEXT,
    in_force   TEXT,
    status     TEXT,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    rule       TEXT,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

CREATE TABLE doc_figures (
    doc        TEXT NOT NULL REFERENCES documents(id),
    seq        INTEGER NOT NULL,
    indicator  TEXT NOT NULL,
    value      REAL NOT NULL,
    unit       TEXT,
    period     TEXT,
    status     TEXT NOT NULL,
    parties    TEXT NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    rule       TEXT,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

CREATE TABLE doc_commitments (
    doc        TEXT NOT NULL REFERENCES documents(id),
    seq        INTEGER NOT NULL,
    areas      TEXT NOT NULL,
    parties    TEXT NOT NULL,
    modality   TEXT NOT NULL,
    text       TEXT NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    rule       TEXT,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

-- facts_generation counts document writes; merged_generation is the value
-- it had when the merged tables were last computed.
CREATE TABLE kb_state (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO kb_state VALUES ('facts_generation', 0), ('merged_generation', 0);
"#;

/// v2: the merged knowledge base, its sources, and the views.
const V2_MERGED: &str = r#"
CREATE TABLE kb_entities (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    type         TEXT NOT NULL,
    name         TEXT NOT NULL,
    code         TEXT,
    aliases      TEXT NOT NULL,
    country      TEXT,
    title        TEXT,
    source_count INTEGER NOT NULL,
    doc          TEXT,
    byte_start   INTEGER,
    byte_end     INTEGER,
    quote        TEXT,
    rule         TEXT,
    record       TEXT NOT NULL
);
CREATE INDEX kb_entities_id ON kb_entities(id);
CREATE INDEX kb_entities_code ON kb_entities(code);

CREATE TABLE kb_events (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    type         TEXT NOT NULL,
    kind         TEXT,
    what         TEXT,
    by_country   TEXT,
    participants TEXT NOT NULL,
    host         TEXT,
    place        TEXT,
    date         TEXT,
    parties      TEXT NOT NULL,
    source_count INTEGER NOT NULL,
    doc          TEXT,
    byte_start   INTEGER,
    byte_end     INTEGER,
    quote        TEXT,
    rule         TEXT,
    record       TEXT NOT NULL
);
CREATE INDEX kb_events_id ON kb_events(id);

CREATE TABLE kb_agreements (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    topics       TEXT NOT NULL,
    parties      TEXT NOT NULL,
    signed       TEXT,
    in_force     TEXT,
    status       TEXT,
    source_count INTEGER NOT NULL,
    doc          TEXT,
    byte_start   INTEGER,
    byte_end     INTEGER,
    quote        TEXT,
    rule         TEXT,
    record       TEXT NOT NULL
);
CREATE INDEX kb_agreements_id ON kb_agreements(id);

CREATE TABLE kb_figures (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    indicator    TEXT NOT NULL,
    value        REAL NOT NULL,
    unit         TEXT,
    period       TEXT,
    status       TEXT NOT NULL,
    parties      TEXT NOT NULL,
    source_count INTEGER NOT NULL,
    doc          TEXT,
    byte_start   INTEGER,
    byte_end     INTEGER,
    quote        TEXT,
    rule         TEXT,
    record       TEXT NOT NULL
);
CREATE INDEX kb_figures_id ON kb_figures(id);

CREATE TABLE kb_commitments (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    areas        TEXT NOT NULL,
    parties      TEXT NOT NULL,
    modality     TEXT NOT NULL,
    text         TEXT NOT NULL,
    source_count INTEGER NOT NULL,
    doc          TEXT,
    byte_start   INTEGER,
    byte_end     INTEGER,
    quote        TEXT,
    rule         TEXT,
    record       TEXT NOT NULL
);
CREATE INDEX kb_commitments_id ON kb_commitments(id);

CREATE TABLE kb_sources (
    kind       TEXT NOT NULL,
    record     TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    doc        TEXT NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    PRIMARY KEY (kind, record, seq)
) WITHOUT ROWID;
CREATE INDEX kb_sources_doc ON kb_sources(doc);

CREATE TABLE kb_parties (
    kind   TEXT NOT NULL,
    party  TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (kind, party, record)
) WITHOUT ROWID;

CREATE TABLE kb_entity_names (
    folded TEXT NOT NULL,
    entity TEXT NOT NULL,
    PRIMARY KEY (folded, entity)
) WITHOUT ROWID;

CREATE TABLE kb_conflicts (
    seq             INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    record          TEXT NOT NULL,
    field           TEXT NOT NULL,
    conflict_values TEXT NOT NULL
);
CREATE INDEX kb_conflicts_record ON kb_conflicts(kind, record);

CREATE VIEW timeline AS
SELECT date, type, coalesce(kind, what) AS detail, by_country, participants, host, place,
       parties, source_count, id, doc, byte_start, byte_end, quote
FROM kb_events
ORDER BY date IS NULL, date, seq;

CREATE VIEW agreements AS
SELECT signed, in_force, status, kind, title, topics, parties, source_count,
       id, doc, byte_start, byte_end, quote
FROM kb_agreements
ORDER BY coalesce(signed, in_force) IS NULL, coalesce(signed, in_force), seq;

CREATE VIEW figures AS
SELECT period, indicator, value, unit, status, parties, source_count,
       id, doc, byte_start, byte_end, quote
FROM kb_figures
ORDER BY indicator, period IS NULL, period, seq;

CREATE VIEW commitments AS
SELECT areas, modality, text, parties, source_count, id, doc, byte_start, byte_end, quote
FROM kb_commitments
ORDER BY seq;
"#;

/// v3: sentences and the folded full-text index over them. Documents stored
/// before it have no sentences: their hash is cleared so the next ingest of
/// the same files reads them again.
const V3_SENTENCES: &str = r#"
CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    doc        TEXT NOT NULL REFERENCES documents(id),
    seq        INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (doc, seq)
);

CREATE VIRTUAL TABLE sentence_search USING fts5(
    folded,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

UPDATE documents SET content_hash = '';
"#;

/// v4: the full-text index readable by SQLite 3.40. v3's index was a
/// contentless FTS5 table with `contentless_delete = 1`, an option of SQLite
/// 3.43 that older SQLite (Debian 12's `sqlite3`, Python's `sqlite3` there,
/// Datasette on either) refuses. v4's is an ordinary FTS5 table that keeps
/// its folded text (so a row is deleted by rowid on any SQLite); accord
/// writes and deletes its rows with those of `sentences`, and this step
/// fills it from the stored sentences.
const V4_PORTABLE_SEARCH: &str = r#"
DROP TABLE sentence_search;

CREATE VIRTUAL TABLE sentence_search USING fts5(
    folded,
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// Index every stored sentence, folded as at ingest
/// ([`accord_lang::fold_word`] of its text).
fn fill_sentence_search(conn: &Connection) -> Result<()> {
    let mut read = conn.prepare("SELECT id, text FROM sentences ORDER BY id")?;
    let mut write = conn.prepare("INSERT INTO sentence_search (rowid, folded) VALUES (?1, ?2)")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let (id, text): (i64, String) = (row.get(0)?, row.get(1)?);
        write.execute(params![id, accord_lang::fold_word(&text)])?;
    }
    Ok(())
}

/// Bring a database to [`LATEST_VERSION`]; refuse one from a newer accord.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

/// Apply the migrations up to `target` (tests build old databases with it).
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let found = version(conn)?;
    if found > LATEST_VERSION {
        return Err(newer(found));
    }
    for v in found..target.min(LATEST_VERSION) {
        let tx = conn.transaction()?;
        let step = &MIGRATIONS[v as usize];
        tx.execute_batch(step.sql)?;
        if let Some(then) = step.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
    Ok(())
}

pub(crate) fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))?)
}

pub(crate) fn newer(found: u32) -> StoreError {
    StoreError::new(
        ErrorKind::NewerSchema,
        format!(
            "the database has schema version {found}, newer than this accord knows ({LATEST_VERSION}): \
             use a newer accord, or ingest into a new --db file"
        ),
    )
}

/// What in a database's schema needs an SQLite newer than [`MIN_SQLITE`]:
/// one line per finding, empty when every table, index, view and trigger
/// reads on SQLite 3.40. Full-text tables are checked against the FTS5
/// options, tokenizers and file format of 3.40 (a list of what it has, so an
/// option unknown here is a finding); other statements against the SQL
/// functions added since (a list of what came after). Not caught: an
/// `ORDER BY` inside an aggregate's arguments (3.44).
pub(crate) fn newer_than_min_sqlite(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")?;
    let rows: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut found = Vec::new();
    for (kind, name, sql) in &rows {
        let lower = sql.to_lowercase();
        if lower.starts_with("create virtual table") {
            found.extend(virtual_table(name, &lower).into_iter().map(|f| format!("{name}: {f}")));
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
fn virtual_table(_name: &str, sql: &str) -> Vec<String> {
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
    let words: Vec<String> =
        split_top(value, ' ').into_iter().map(|w| unquote(w.trim())).filter(|w| !w.is_empty()).collect();
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
             DELETE FROM sentence_search WHERE rowid = 1;",
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
            (
                "CREATE VIRTUAL TABLE t USING fts5(a); INSERT INTO t(t, rank) VALUES ('secure-delete', 1);",
                "secure-delete",
            ),
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
