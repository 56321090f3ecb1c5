//! Choosing a merged record's value among what its sources say, and
//! keeping the disagreements.

use crate::dates::{self, Days};
use crate::{Conflict, ConflictValue};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The values that sources give for one field, each with the documents
/// that give it.
pub struct Votes<V: Ord> {
    values: BTreeMap<V, BTreeSet<String>>,
}

impl<V: Ord + Clone + Serialize> Votes<V> {
    pub fn new() -> Self {
        Votes { values: BTreeMap::new() }
    }

    pub fn add(&mut self, value: V, doc: &str) {
        self.values.entry(value).or_default().insert(doc.to_string());
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// How many documents give any value.
    pub fn doc_count(&self) -> usize {
        let docs: BTreeSet<&String> = self.values.values().flatten().collect();
        docs.len()
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.values.keys()
    }

    /// The value most documents give; ties go to the greatest `preference`,
    /// then to the smallest value.
    pub fn most_frequent<P: Ord>(&self, preference: impl Fn(&V) -> P) -> Option<V> {
        self.values
            .iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| preference(a.0).cmp(&preference(b.0))).then_with(|| b.0.cmp(a.0)))
            .map(|(v, _)| v.clone())
    }

    /// The disagreement, when there is one: every value with its documents.
    pub fn conflict(&self, kind: &str, record: &str, field: &str) -> Option<Conflict> {
        if self.values.len() < 2 {
            return None;
        }
        let values = self
            .values
            .iter()
            .map(|(value, docs)| ConflictValue {
                value: serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
                docs: docs.iter().cloned().collect(),
            })
            .collect();
        Some(Conflict { kind: kind.to_string(), record: record.to_string(), field: field.to_string(), values })
    }
}

/// A date field: the most precise value when all agree, else the most
/// frequent, with a conflict.
pub fn merged_date(votes: &Votes<String>, kind: &str, field: &str, conflicts: &mut Vec<Conflict>) -> Option<String> {
    let parsed: Vec<Days> = votes.values().filter_map(|d| Days::parse(d)).collect();
    if parsed.iter().all(|a| parsed.iter().all(|b| a.nested(b))) {
        return dates::most_precise(votes.values().map(String::as_str)).map(str::to_string);
    }
    conflicts.extend(votes.conflict(kind, "", field));
    votes.most_frequent(|d| std::cmp::Reverse(Days::parse(d).map_or(i64::MAX, |x| x.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majority_then_preference() {
        let mut votes = Votes::new();
        votes.add("official".to_string(), "a");
        votes.add("state".to_string(), "b");
        votes.add("state".to_string(), "c");
        assert_eq!(votes.most_frequent(|_| 0), Some("state".to_string()));
        let conflict = votes.conflict("events", "e1", "kind").unwrap();
        assert_eq!(conflict.values.len(), 2);
        assert_eq!(conflict.values[1].docs, vec!["b", "c"]);

        let mut tie = Votes::new();
        tie.add("2025".to_string(), "a");
        tie.add("2025-05-12".to_string(), "b");
        assert_eq!(tie.most_frequent(|v| v.len()), Some("2025-05-12".to_string()));
        assert_eq!(tie.most_frequent(|_| 0), Some("2025".to_string()));
    }
}
