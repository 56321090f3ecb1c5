//! What the database holds: the pairs of parties that share records, and
//! one country's partners, each with counts and the latest event date.

use super::{table, Table};
use crate::countries::country_name;
use crate::Result;
use rusqlite::Connection;
use serde_json::Value;

/// Every record's parties, with its kind and (for events) its date.
pub(crate) const RECORDS: &str = "WITH recs(kind, parties, date) AS ( \
     SELECT 'events', parties, date FROM kb_events \
     UNION ALL SELECT 'agreements', parties, NULL FROM kb_agreements \
     UNION ALL SELECT 'figures', parties, NULL FROM kb_figures \
     UNION ALL SELECT 'commitments', parties, NULL FROM kb_commitments)";

/// The counts of a group of (kind, date) rows.
const COUNTS: &str = "sum(kind = 'events') AS events, sum(kind = 'agreements') AS agreements, \
     sum(kind = 'figures') AS figures, sum(kind = 'commitments') AS commitments, max(date) AS latest";

/// Each pair once (codes in order), most records first.
pub(crate) fn pairs(conn: &Connection) -> Result<Table> {
    let mut t = table(
        conn,
        &format!(
            "{RECORDS} SELECT x.value AS a, y.value AS b, {COUNTS} \
             FROM recs, json_each(recs.parties) x, json_each(recs.parties) y WHERE x.value < y.value \
             GROUP BY x.value, y.value ORDER BY count(*) DESC, a, b"
        ),
        &[],
    )?;
    name_column(&mut t, "names", |row| format!("{} – {}", name_of(&row[0]), name_of(&row[1])));
    Ok(t)
}

/// The partners of one party, most records first.
pub(crate) fn partners(conn: &Connection, party: &str) -> Result<Table> {
    let mut t = table(
        conn,
        &format!(
            "{RECORDS} SELECT y.value AS partner, {COUNTS} \
             FROM recs, json_each(recs.parties) x, json_each(recs.parties) y \
             WHERE x.value = ?1 AND y.value <> ?1 \
             GROUP BY y.value ORDER BY count(*) DESC, partner"
        ),
        &[&party],
    )?;
    name_column(&mut t, "name", |row| name_of(&row[0]));
    Ok(t)
}

/// A party's English name, or the party as written (an organisation).
pub(crate) fn name_of(v: &Value) -> String {
    let code = v.as_str().unwrap_or_default();
    country_name(code).unwrap_or(code).to_string()
}

/// Insert a column of names after the code columns (before the counts).
pub(crate) fn name_column(t: &mut Table, column: &str, name: impl Fn(&[Value]) -> String) {
    let at = t.columns.iter().position(|c| c == "events").unwrap_or(t.columns.len());
    t.columns.insert(at, column.to_string());
    for row in &mut t.rows {
        let n = name(row);
        row.insert(at, Value::String(n));
    }
}
