//! The record kinds and their own columns, listed once. The tables of the
//! schema (v1's `doc_<kind>`, v2's `kb_<kind>`), v6's views over
//! `documents.facts` and the rows written for merged records are all made
//! from these lists: a column holds the field of the record's JSON that it
//! names, between the columns every table of its family begins and ends
//! with.

use rusqlite::types::Value;

/// The record kinds, as named in tables (`kb_<kind>`), sources and exports.
pub(crate) const KINDS: [&str; 5] = ["entities", "events", "agreements", "figures", "commitments"];

/// One of a record's own columns.
pub(crate) struct Column {
    pub name: &'static str,
    /// The field of the record's JSON the column holds (arrays as JSON text).
    pub field: &'static str,
    pub sql_type: &'static str,
}

const fn column(name: &'static str, field: &'static str, sql_type: &'static str) -> Column {
    Column { name, field, sql_type }
}

/// A column named as its field.
const fn same(name: &'static str, sql_type: &'static str) -> Column {
    column(name, name, sql_type)
}

const TEXT: &str = "TEXT";
const TEXT_NOT_NULL: &str = "TEXT NOT NULL";

/// A record kind: its name (the `kind` of `kb_sources`, the array of
/// `documents.facts`) and its own columns.
pub(crate) struct RecordKind {
    pub kind: &'static str,
    pub columns: &'static [Column],
}

impl RecordKind {
    pub fn kb_table(&self) -> String {
        format!("kb_{}", self.kind)
    }

    pub fn doc_view(&self) -> String {
        format!("doc_{}", self.kind)
    }

    /// The values of the record's own columns, from its JSON.
    pub fn values(&self, record: &serde_json::Value) -> Vec<Value> {
        self.columns.iter().map(|c| sql_value(record.get(c.field))).collect()
    }
}

pub(crate) const ENTITIES: RecordKind = RecordKind {
    kind: "entities",
    columns: &[
        same("type", TEXT_NOT_NULL),
        same("name", TEXT_NOT_NULL),
        same("code", TEXT),
        same("aliases", TEXT_NOT_NULL),
        same("country", TEXT),
        same("title", TEXT),
    ],
};

pub(crate) const EVENTS: RecordKind = RecordKind {
    kind: "events",
    columns: &[
        same("type", TEXT_NOT_NULL),
        same("kind", TEXT),
        same("what", TEXT),
        column("by_country", "by", TEXT),
        same("participants", TEXT_NOT_NULL),
        same("host", TEXT),
        same("place", TEXT),
        same("date", TEXT),
        same("parties", TEXT_NOT_NULL),
    ],
};

pub(crate) const AGREEMENTS: RecordKind = RecordKind {
    kind: "agreements",
    columns: &[
        same("title", TEXT_NOT_NULL),
        same("kind", TEXT_NOT_NULL),
        same("topics", TEXT_NOT_NULL),
        same("parties", TEXT_NOT_NULL),
        same("signed", TEXT),
        same("in_force", TEXT),
        same("status", TEXT),
    ],
};

pub(crate) const FIGURES: RecordKind = RecordKind {
    kind: "figures",
    columns: &[
        same("indicator", TEXT_NOT_NULL),
        same("value", "REAL NOT NULL"),
        same("unit", TEXT),
        same("period", TEXT),
        same("status", TEXT_NOT_NULL),
        same("parties", TEXT_NOT_NULL),
    ],
};

pub(crate) const COMMITMENTS: RecordKind = RecordKind {
    kind: "commitments",
    columns: &[same("areas", TEXT_NOT_NULL), same("parties", TEXT_NOT_NULL), same("modality", TEXT_NOT_NULL), same("text", TEXT_NOT_NULL)],
};

/// The kinds whose records carry one evidence (all but entities, whose
/// mentions are many).
pub(crate) const WITH_EVIDENCE: [&RecordKind; 4] = [&EVENTS, &AGREEMENTS, &FIGURES, &COMMITMENTS];

/// A JSON field as SQLite holds it: absent or null as NULL, arrays and
/// objects as their JSON text.
pub(crate) fn sql_value(field: Option<&serde_json::Value>) -> Value {
    use serde_json::Value as Json;
    match field {
        None | Some(Json::Null) => Value::Null,
        Some(Json::String(s)) => Value::Text(s.clone()),
        Some(Json::Bool(b)) => Value::Integer(i64::from(*b)),
        Some(Json::Number(n)) => match n.as_i64() {
            Some(i) if !n.is_f64() => Value::Integer(i),
            _ => Value::Real(n.as_f64().unwrap_or(f64::NAN)),
        },
        Some(other) => Value::Text(other.to_string()),
    }
}

/// `CREATE TABLE name (...)` of `columns` (name, type), aligned as the
/// schema's hand-written tables are, then `after` (constraints).
pub(crate) fn create_table(name: &str, columns: &[(&str, &str)], after: &str) -> String {
    let width = columns.iter().map(|(n, _)| n.len()).max().unwrap_or(0) + 1;
    let mut lines: Vec<String> = columns.iter().map(|(n, t)| format!("    {n:<width$}{t}")).collect();
    if !after.is_empty() {
        lines.push(format!("    {after}"));
    }
    format!("CREATE TABLE {name} (\n{}\n)", lines.join(",\n"))
}

/// v1's per-document table of a kind: its own columns between the document
/// and the evidence.
pub(crate) fn doc_table(kind: &RecordKind) -> String {
    let columns: Vec<(&str, &str)> = [("doc", "TEXT NOT NULL REFERENCES documents(id)"), ("seq", "INTEGER NOT NULL")]
        .into_iter()
        .chain(kind.columns.iter().map(|c| (c.name, c.sql_type)))
        .chain([("byte_start", "INTEGER NOT NULL"), ("byte_end", "INTEGER NOT NULL"), ("quote", TEXT_NOT_NULL), ("rule", TEXT)])
        .collect();
    format!("{} WITHOUT ROWID;\n", create_table(&kind.doc_view(), &columns, "PRIMARY KEY (doc, seq)"))
}

/// The columns of a kb table after the record's own (see [`KB_PROVENANCE_TYPES`]).
pub(crate) const KB_PROVENANCE: [&str; 7] = ["source_count", "doc", "byte_start", "byte_end", "quote", "rule", "record"];
pub(crate) const KB_PROVENANCE_TYPES: [&str; 7] = ["INTEGER NOT NULL", TEXT, "INTEGER", "INTEGER", TEXT, TEXT, TEXT_NOT_NULL];

/// v2's merged table of a kind and its index by id.
pub(crate) fn kb_table(kind: &RecordKind) -> String {
    let columns: Vec<(&str, &str)> = [("seq", "INTEGER PRIMARY KEY"), ("id", TEXT_NOT_NULL)]
        .into_iter()
        .chain(kind.columns.iter().map(|c| (c.name, c.sql_type)))
        .chain(KB_PROVENANCE.into_iter().zip(KB_PROVENANCE_TYPES))
        .collect();
    let table = kind.kb_table();
    format!("{};\nCREATE INDEX {table}_id ON {table}(id);\n", create_table(&table, &columns, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_laid_out_as_written_by_hand() {
        let want = "CREATE TABLE doc_commitments (
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
";
        assert_eq!(doc_table(&COMMITMENTS), want);
        assert!(kb_table(&FIGURES).contains("    value        REAL NOT NULL,\n"));
    }

    #[test]
    fn fields_become_sql_values() {
        let record = serde_json::json!({"type": "visit", "participants": ["A", "B"], "value": 2.0, "n": 3});
        assert_eq!(sql_value(record.get("type")), Value::Text("visit".into()));
        assert_eq!(sql_value(record.get("participants")), Value::Text(r#"["A","B"]"#.into()));
        assert_eq!(sql_value(record.get("value")), Value::Real(2.0));
        assert_eq!(sql_value(record.get("n")), Value::Integer(3));
        assert_eq!(sql_value(record.get("host")), Value::Null);
    }
}
