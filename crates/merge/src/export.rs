//! The merged knowledge base as one facts.md document: every record with
//! its fields, its `id` and its `sources` (`{"doc", "start", "end",
//! "quote"}`), plus the conflicts. A record whose sources disagree says so
//! itself: `"disputed": true` and its `alternatives` (each field with every
//! value given and the documents giving it), so that a reader of one record
//! never takes the value shown for the only one reported.

use crate::{Conflict, KnowledgeBase, Merged};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

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
    out.insert("doc".into(), json!({"id": id, "lang": null, "published": null, "dateline": null, "source": null}));
    for (kind, records) in export_records(kb) {
        out.insert(kind.into(), Value::Array(records));
    }
    out.insert("conflicts".into(), serde_json::to_value(&kb.conflicts).unwrap_or(Value::Array(Vec::new())));
    if !kb.links.is_empty() {
        out.insert("links".into(), serde_json::to_value(&kb.links).unwrap_or(Value::Array(Vec::new())));
    }
    Value::Object(out)
}

/// The records of each kind as exported, under the kind's name in
/// facts.md ("entities", "events", "agreements", "figures",
/// "commitments"): what every export of records (JSON, JSON Lines) writes.
pub fn export_records(kb: &KnowledgeBase) -> [(&'static str, Vec<Value>); 5] {
    let mut disputes: HashMap<(&str, &str), Vec<&Conflict>> = HashMap::new();
    for c in &kb.conflicts {
        disputes.entry((c.kind.as_str(), c.record.as_str())).or_default().push(c);
    }
    let disputes = &disputes;
    let of = |kind: &'static str| move |id: &str| disputes.get(&(kind, id)).cloned();
    [
        ("entities", records(&kb.entities, &["mentions", "rule"], of("entities"))),
        ("events", records(&kb.events, &["rule"], of("events"))),
        ("agreements", records(&kb.agreements, &["rule"], of("agreements"))),
        ("figures", records(&kb.figures, &["rule"], of("figures"))),
        ("commitments", records(&kb.commitments, &["rule"], of("commitments"))),
    ]
}

/// Each record's fields, without those that mean nothing once merged
/// (offsets into one document, the rule of one extraction), plus `id`
/// and `sources`; `disputed` and `alternatives` when `disputes` lists
/// conflicts over its fields.
fn records<'c, T: Serialize>(merged: &[Merged<T>], drop: &[&str], disputes: impl Fn(&str) -> Option<Vec<&'c Conflict>>) -> Vec<Value> {
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
            out.insert("sources".into(), serde_json::to_value(&m.sources).unwrap_or(Value::Array(Vec::new())));
            if let Some(conflicts) = disputes(&m.id) {
                out.insert("disputed".into(), Value::Bool(true));
                let alternatives = conflicts.iter().map(|c| json!({"field": c.field, "values": c.values})).collect();
                out.insert("alternatives".into(), Value::Array(alternatives));
            }
            Value::Object(out)
        })
        .collect()
}
