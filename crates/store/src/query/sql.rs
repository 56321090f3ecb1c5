//! The SQL of the queries that both stores run, written once with SQLite's
//! placeholders (`?1`); the PostgreSQL store rewrites them to its own
//! (`$1`). Where the dialects differ (a JSON array's elements), the caller
//! gives its own expression.

use super::filters::overlaps;
use super::{pair_ids, PairListing};
use crate::countries::{fold_name, resolve_country};
use crate::error::{ErrorKind, StoreError};
use crate::Result;
use serde_json::Value;

/// The records of one kind of a pair (`?1`, `?2`) dated within `?3`..`?4`,
/// with `since` and `until` as the dialect writes those parameters.
pub(crate) fn pair_records(listing: &PairListing, since: &str, until: &str) -> String {
    let PairListing { kind, columns, date, order } = listing;
    format!("SELECT {columns} FROM kb_{kind} WHERE id IN ({}) AND {} ORDER BY {order}", pair_ids(kind), overlaps(date, since, until))
}

/// The commitments of a pair (`?1`, `?2`) of the area `?3` (when not NULL:
/// `area_in_areas` says whether the `areas` list holds it) stated within
/// `?4`..`?5` (`since`, `until` as the dialect writes them).
pub(crate) fn commitments(area_in_areas: &str, since: &str, until: &str) -> String {
    format!(
        "SELECT published, areas, modality, text, parties, sources, id, quote FROM \
         (SELECT (SELECT min(d.published) FROM kb_sources s JOIN documents d ON d.id = s.doc \
                  WHERE s.kind = 'commitments' AND s.record = c.id) AS published, \
                 areas, modality, text, parties, source_count AS sources, id, quote, seq \
          FROM kb_commitments c WHERE id IN ({}) AND (?3 IS NULL OR {area_in_areas})) commitments \
         WHERE {} ORDER BY seq",
        pair_ids("commitments"),
        overlaps("published", since, until)
    )
}

/// Every conflict, or (`of_pair`) those of the records of the pair `?1`, `?2`.
pub(crate) fn conflicts(of_pair: bool) -> String {
    let select = "SELECT c.kind, c.record, c.field, c.conflict_values AS \"values\" FROM kb_conflicts c";
    if !of_pair {
        return format!("{select} ORDER BY c.seq");
    }
    let has = |n: u8| format!("EXISTS (SELECT 1 FROM kb_parties p WHERE p.kind = c.kind AND p.record = c.record AND p.party = ?{n})");
    format!("{select} WHERE {} AND {} ORDER BY c.seq", has(1), has(2))
}

/// The sources of the record `?2` of kind `?1`, at most `?3`, in the
/// merge's order (by document, then offset): the first `?3` are chosen
/// before the documents are read.
pub(crate) const SOURCES: &str = "SELECT s.kind, s.record, s.doc, d.published, s.byte_start, s.byte_end, s.quote, d.origin \
     FROM (SELECT kind, record, doc, byte_start, byte_end, quote FROM kb_sources \
       WHERE kind = ?1 AND record = ?2 ORDER BY doc, byte_start, byte_end, quote LIMIT ?3) s \
     LEFT JOIN documents d ON d.id = s.doc ORDER BY s.doc, s.byte_start, s.byte_end, s.quote";

pub(crate) fn no_record(id: &str) -> StoreError {
    StoreError::new(ErrorKind::NoRecord, format!("no merged record with id '{id}': ids are in the `id` column of the query commands"))
}

pub(crate) fn nothing_to_search() -> StoreError {
    StoreError::new(ErrorKind::BadArgument, "nothing to search for: give one or more words")
}

/// An entity query's parameters: the name folded, and the country code it
/// names (or "").
pub(crate) fn entity_keys(name: &str) -> Result<(String, &'static str)> {
    let folded = fold_name(name);
    if folded.is_empty() {
        return Err(StoreError::new(ErrorKind::BadArgument, "give a name to look for"));
    }
    Ok((folded, resolve_country(name).unwrap_or("")))
}

const ENTITY_SELECT: &str = "SELECT type, name, aliases, code, country, title, source_count AS sources, id FROM kb_entities";

/// Entities named `?1` (folded) exactly, or with the code `?2`.
pub(crate) fn entity_exact() -> String {
    format!(
        "{ENTITY_SELECT} WHERE id IN (SELECT entity FROM kb_entity_names WHERE folded = ?1) OR code = ?2 ORDER BY source_count DESC, seq"
    )
}

/// Entities a name of which holds `?1` (a LIKE pattern, see [`entity_pattern`]).
pub(crate) fn entity_like() -> String {
    format!(
        "{ENTITY_SELECT} WHERE id IN (SELECT entity FROM kb_entity_names WHERE folded LIKE ?1) ORDER BY source_count DESC, seq LIMIT 100"
    )
}

pub(crate) fn entity_pattern(folded: &str) -> String {
    format!("%{}%", folded.replace(['%', '_'], ""))
}

/// A text cell of a table: a column of JSON lists read as a list.
pub(crate) fn text_cell(text: String, list: bool) -> Value {
    if list {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    } else {
        Value::String(text)
    }
}
