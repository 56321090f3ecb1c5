//! The merged knowledge base as one facts.md document: every record with
//! its fields, its `id` and its `sources` (`{"doc", "start", "end",
//! "quote"}`), plus the conflicts.

use crate::{KnowledgeBase, Merged};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The knowledge base in the shape of facts.md, with `doc.id` null (a
/// reader names it after its file, as the scorer does).
pub fn export(kb: &KnowledgeBase) -> Value {
    export_with_id(kb, Value::Null)
}

/// The knowledge base in the shape of facts.md, named `corpus`.
pub fn export_named(kb: &KnowledgeBase, corpus: &str) -> Value {
    export_with_id(kb, Value::String(corpus.to_string()))
}

fn export_with_id(kb: &KnowledgeBase, id: Value) -> Value {
    let mut out = Map::new();
    out.insert(
        "doc".into(),
        json!({"id": id, "lang": null, "published": null, "dateline": null, "source": null}),
    );
    for (kind, records) in export_records(kb) {
        out.insert(kind.into(), Value::Array(records));
    }
    out.insert(
        "conflicts".into(),
        serde_json::to_value(&kb.conflicts).unwrap_or(Value::Array(Vec::new())),
    );
    Value::Object(out)
}

/// The records of each kind as exported, under the kind's name in
/// facts.md ("entities", "events", "agreements", "figures",
/// "commitments"): what every export of records (JSON, JSON Lines) writes.
pub fn export_records(kb: &KnowledgeBase) -> [(&'static str, Vec<Value>); 5] {
    [
        ("entities", records(&kb.entities, &["mentions", "rule"])),
        ("events", records(&kb.events, &["rule"])),
        ("agreements", records(&kb.agreements, &["rule"])),
        ("figures", records(&kb.figures, &["rule"])),
        ("commitments", records(&kb.commitments, &["rule"])),
    ]
}

/// Each record's fields, without those that mean nothing once merged
/// (offsets into one document, the rule of one extraction), plus `id`
/// and `sources`.
fn records<T: Serialize>(merged: &[Merged<T>], drop: &[&str]) -> Vec<Value> {
    merged
        .iter()
        .map(|m| {
            let mut fields = match serde_json::to_value(&m.record) {
                Ok(Value::Object(fields)) => fields,
                _ => Map::new(),
            };
            for key in drop {
                fields.remove(*key);
            }
            let mut out = Map::new();
            out.insert("id".into(), Value::String(m.id.clone()));
            out.extend(fields);
            out.insert(
                "sources".into(),
                serde_json::to_value(&m.sources).unwrap_or(Value::Array(Vec::new())),
            );
            Value::Object(out)
        })
        .collect()
}
