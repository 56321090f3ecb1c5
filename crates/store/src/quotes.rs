//! Evidence quotes stored once (schema v11). A record's evidence quotes the
//! input at its offsets, and a sentence of the document (`sentences`)
//! holds that text verbatim for plain text: the stored facts leave such a
//! quote out, and it is read back from the sentence, by accord here and by
//! the `doc_*` views in SQL. A quote no sentence holds verbatim (HTML, text
//! the door changed) stays in the facts.

use crate::incoming::Sentence;
use crate::Result;
use accord_doc::facts::DocFacts;
use serde_json::{Map, Value};

/// The kinds of facts with evidence (the arrays of the facts object).
const WITH_EVIDENCE: [&str; 4] = ["events", "agreements", "figures", "commitments"];

/// The text at `start..end` of a document whose sentences (in order) are
/// `sentences`, when one of them holds it verbatim: what
/// [`crate::Incoming::text_at`] gives, and what the views read in SQL.
pub(crate) fn text_in(sentences: &[Sentence], start: usize, end: usize) -> Option<&str> {
    let i = sentences.partition_point(|s| s.start <= start).checked_sub(1)?;
    let s = &sentences[i];
    if end > s.end || s.text.len() != s.end - s.start {
        return None;
    }
    s.text.get(start - s.start..end - s.start)
}

/// Each evidence object of the facts.
fn evidences(facts: &mut Value) -> impl Iterator<Item = &mut Map<String, Value>> {
    let Value::Object(kinds) = facts else { return Vec::new().into_iter() };
    let mut found = Vec::new();
    for (kind, records) in kinds.iter_mut() {
        if !WITH_EVIDENCE.contains(&kind.as_str()) {
            continue;
        }
        for record in records.as_array_mut().into_iter().flatten() {
            if let Some(Value::Object(evidence)) = record.get_mut("evidence") {
                found.push(evidence);
            }
        }
    }
    found.into_iter()
}

fn span(evidence: &Map<String, Value>) -> Option<(usize, usize)> {
    let at = |key: &str| evidence.get(key).and_then(Value::as_u64).map(|n| n as usize);
    Some((at("start")?, at("end")?))
}

/// The facts as stored: JSON without the quotes that `sentences` hold.
pub(crate) fn stored_json(facts: &DocFacts, sentences: &[Sentence]) -> Result<String> {
    let mut value = serde_json::to_value(facts)?;
    for evidence in evidences(&mut value) {
        let held = span(evidence).and_then(|(start, end)| text_in(sentences, start, end));
        if held.is_some() && evidence.get("quote").and_then(Value::as_str) == held {
            evidence.remove("quote");
        }
    }
    Ok(serde_json::to_string(&value)?)
}

/// The facts from their stored JSON, each quote left out read back from
/// the document's sentences (`sentences`, asked only when one is).
pub(crate) fn read_facts(stored: &str, sentences: impl FnOnce() -> Result<Vec<Sentence>>) -> Result<DocFacts> {
    let mut value: Value = serde_json::from_str(stored)?;
    if evidences(&mut value).any(|e| !e.contains_key("quote")) {
        let sentences = sentences()?;
        for evidence in evidences(&mut value) {
            if !evidence.contains_key("quote") {
                let quote = span(evidence).and_then(|(start, end)| text_in(&sentences, start, end)).unwrap_or_default();
                evidence.insert("quote".into(), quote.into());
            }
        }
    }
    Ok(serde_json::from_value(value)?)
}

/// Facts stored in SQLite (`stored`, of the document `id`), quotes read
/// back from its sentences.
pub(crate) fn read_stored(conn: &rusqlite::Connection, id: &str, stored: &str) -> Result<DocFacts> {
    read_facts(stored, || sentences_of(conn, id))
}

/// A stored document's sentences (SQLite), in order, without their folding.
pub(crate) fn sentences_of(conn: &rusqlite::Connection, id: &str) -> Result<Vec<Sentence>> {
    let mut stmt = conn.prepare_cached("SELECT byte_start, byte_end, text FROM sentences WHERE doc = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([id], |r| {
        let (start, end): (i64, i64) = (r.get(0)?, r.get(1)?);
        Ok(Sentence { start: start.max(0) as usize, end: end.max(0) as usize, text: r.get(2)?, folded: String::new() })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_doc::facts::{DocHeader, Event};

    fn sentence(start: usize, text: &str) -> Sentence {
        Sentence { start, end: start + text.len(), text: text.into(), folded: String::new() }
    }

    #[test]
    fn a_quote_a_sentence_holds_is_stored_once_and_read_back() {
        let sentences = vec![sentence(0, "Ministers met in Oslo."), sentence(23, "They signed a pact.")];
        let mut facts = DocFacts { doc: DocHeader { id: "a".into(), ..Default::default() }, ..Default::default() };
        let event = |start: usize, end: usize, quote: &str| -> Event {
            let evidence = serde_json::json!({"start": start, "end": end, "quote": quote});
            serde_json::from_value(serde_json::json!({"type": "meeting", "date": null, "evidence": evidence})).unwrap()
        };
        facts.events.push(event(0, 22, "Ministers met in Oslo."));
        // Not what the text holds there: kept.
        facts.events.push(event(23, 42, "They signed a treaty"));
        let stored = stored_json(&facts, &sentences).unwrap();
        assert_eq!(stored.matches("\"quote\"").count(), 1, "{stored}");
        let read = read_facts(&stored, || Ok(sentences.clone())).unwrap();
        assert_eq!(read, facts);
    }
}
