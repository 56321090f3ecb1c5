//! The query commands' answers from PostgreSQL: the same questions, columns
//! and order as the SQLite store's (`crate::query`), whose listings and
//! filters are reused; the SQL differs where the dialects do (JSON arrays,
//! full-text search, case-insensitive comparison).

use super::write::lexeme;
use crate::countries::resolve_country;
use crate::fts::{alternatives, terms};
use crate::query::pairs::{name_column, name_of, RECORDS};
use crate::query::{sql, unknown_country, DateKeys, Dialect, PairListing, Table, LIST_COLUMNS, RANKED_MATCHES};
use crate::Result;
use postgres::types::{ToSql, Type};
use postgres::Client;
use serde_json::Value;

type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// SQLite's SQL where it is PostgreSQL's but for its placeholders (`?1`
/// for `$1`) and `instr` (`strpos`).
pub(crate) fn from_sqlite(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out.replace("instr(", "strpos(")
}

/// A PostgreSQL connection, answering in PostgreSQL's dialect.
pub(crate) struct Pg<'c>(pub &'c mut Client);

impl Dialect for Pg<'_> {
    fn party(&mut self, given: &str) -> Result<String> {
        party(self.0, given)
    }

    fn pair_records(&mut self, (a, b): (String, String), (since, until): DateKeys, listing: &PairListing) -> Result<Table> {
        table(self.0, &from_sqlite(&sql::pair_records(listing, "?3::text", "?4::text")), &[&a, &b, &since, &until])
    }

    fn commitments(&mut self, (a, b): (String, String), wanted: Option<String>, (since, until): DateKeys) -> Result<Table> {
        let area_in_areas = "EXISTS (SELECT 1 FROM jsonb_array_elements_text(areas::jsonb) a(v) WHERE a.v = ?3::text)";
        let sql = sql::commitments(area_in_areas, "?4::text", "?5::text").replace("?3 IS NULL", "?3::text IS NULL");
        table(self.0, &from_sqlite(&sql), &[&a, &b, &wanted, &since, &until])
    }

    fn pairs(&mut self) -> Result<Table> {
        let sql = format!(
            "{RECORDS} SELECT x.v AS a, y.v AS b, {COUNTS} FROM recs, {ELEMENTS} x, {ELEMENTS} y \
             WHERE x.v < y.v GROUP BY x.v, y.v ORDER BY count(*) DESC, a, b"
        );
        let mut t = table(self.0, &sql, &[])?;
        name_column(&mut t, "names", |row| format!("{} – {}", name_of(&row[0]), name_of(&row[1])));
        Ok(t)
    }

    fn partners(&mut self, party: &str) -> Result<Table> {
        let sql = format!(
            "{RECORDS} SELECT y.v AS partner, {COUNTS} FROM recs, {ELEMENTS} x, {ELEMENTS} y \
             WHERE x.v = $1 AND y.v <> $1 GROUP BY y.v ORDER BY count(*) DESC, partner"
        );
        let mut t = table(self.0, &sql, &[&party])?;
        name_column(&mut t, "name", |row| name_of(&row[0]));
        Ok(t)
    }

    fn entity(&mut self, name: &str) -> Result<Table> {
        entity(self.0, name)
    }

    fn conflicts(&mut self, pair: Option<(String, String)>) -> Result<Table> {
        match pair {
            None => table(self.0, &sql::conflicts(false), &[]),
            Some((a, b)) => table(self.0, &from_sqlite(&sql::conflicts(true)), &[&a, &b]),
        }
    }

    fn search(&mut self, text: &str, limit: i64) -> Result<Table> {
        let query = tsquery(text).ok_or_else(sql::nothing_to_search)?;
        // As in SQLite: the most recently stored matches are ranked, not
        // every match (a common word is in most sentences).
        table(
            self.0,
            "SELECT s.doc, d.published, s.byte_start, s.byte_end, s.text AS sentence \
             FROM (SELECT id, ts_rank(search, $1::text::tsquery) AS score FROM sentences \
                   WHERE search @@ $1::text::tsquery ORDER BY id DESC LIMIT $3) f \
             JOIN sentences s ON s.id = f.id JOIN documents d ON d.id = s.doc \
             ORDER BY f.score DESC, s.id LIMIT $2",
            &[&query, &limit, &RANKED_MATCHES],
        )
    }

    fn sources(&mut self, kind: &str, id: &str, limit: usize) -> Result<Table> {
        let limit = (limit != 0).then(|| limit.min(i64::MAX as usize) as i64);
        table(self.0, &from_sqlite(sql::SOURCES), &[&kind, &id, &limit])
    }
}

/// The parties of a record, one row each, compared byte-wise (as SQLite's `json_each`).
const ELEMENTS: &str = "LATERAL (SELECT value COLLATE \"C\" AS v FROM jsonb_array_elements_text(recs.parties::jsonb)) ";

/// The counts of a group of (kind, date) rows.
const COUNTS: &str = "count(*) FILTER (WHERE kind = 'events') AS events, count(*) FILTER (WHERE kind = 'agreements') AS agreements, \
     count(*) FILTER (WHERE kind = 'figures') AS figures, count(*) FILTER (WHERE kind = 'commitments') AS commitments, \
     max(date) AS latest";

/// A party as stored: a country resolved from a code or a name, or an
/// organisation as the records write it, in any case.
fn party(db: &mut Client, given: &str) -> Result<String> {
    if let Some(code) = resolve_country(given) {
        return Ok(code.to_string());
    }
    let trimmed = given.trim();
    if !trimmed.is_empty() {
        let row = db.query_opt("SELECT party FROM kb_parties WHERE lower(party) = lower($1) ORDER BY party LIMIT 1", &[&trimmed])?;
        if let Some(row) = row {
            return Ok(row.get(0));
        }
    }
    Err(unknown_country(given))
}

fn entity(db: &mut Client, name: &str) -> Result<Table> {
    let (folded, code) = sql::entity_keys(name)?;
    let exact = table(db, &from_sqlite(&sql::entity_exact()), &[&folded, &code])?;
    if !exact.rows.is_empty() {
        return Ok(exact);
    }
    table(db, &from_sqlite(&sql::entity_like()), &[&sql::entity_pattern(&folded)])
}

/// The `tsquery` of a search text: the terms and other names of the SQLite
/// store's FTS5 query (`fts::fts_query`), as phrases (`<->`) joined by `|`
/// within a term and `&` between terms.
pub(crate) fn tsquery(text: &str) -> Option<String> {
    let groups: Vec<String> = terms(text).iter().map(|t| ts_group(&alternatives(t, &[]))).collect();
    (!groups.is_empty()).then(|| groups.join(" & "))
}

/// One term and its alternatives as a `tsquery` group: `('a' <-> 'b' | 'ab')`.
pub(crate) fn ts_group(alternatives: &[Vec<String>]) -> String {
    let phrase = |words: &Vec<String>| words.iter().map(|w| lexeme(w)).collect::<Vec<_>>().join(" <-> ");
    format!("({})", alternatives.iter().map(phrase).collect::<Vec<_>>().join(" | "))
}

/// Run a query into a [`Table`]: integers and reals as numbers, the
/// columns holding JSON lists as lists (as the SQLite store's `table`).
fn table(db: &mut Client, sql: &str, params: Params) -> Result<Table> {
    let statement = db.prepare(sql)?;
    let columns: Vec<String> = statement.columns().iter().map(|c| c.name().to_string()).collect();
    let types: Vec<(&Type, bool)> = statement.columns().iter().map(|c| (c.type_(), LIST_COLUMNS.contains(&c.name()))).collect();
    let rows = db.query(&statement, params)?;
    let rows = rows.iter().map(|row| types.iter().enumerate().map(|(i, &(kind, list))| cell(row, i, kind, list)).collect()).collect();
    Ok(Table { columns, rows })
}

/// Column `i` of a row as JSON.
fn cell(row: &postgres::Row, i: usize, kind: &Type, list: bool) -> Value {
    let number = |x: Option<f64>| x.and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number);
    match *kind {
        Type::INT8 => row.get::<_, Option<i64>>(i).map_or(Value::Null, Value::from),
        Type::INT4 => row.get::<_, Option<i32>>(i).map_or(Value::Null, Value::from),
        Type::FLOAT8 => number(row.get(i)),
        Type::FLOAT4 => number(row.get::<_, Option<f32>>(i).map(f64::from)),
        Type::BOOL => row.get::<_, Option<bool>>(i).map_or(Value::Null, |b| Value::from(i64::from(b))),
        _ => row.get::<_, Option<String>>(i).map_or(Value::Null, |s| sql::text_cell(s, list)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_functions_are_translated() {
        assert_eq!(from_sqlite("a = ?1 AND instr(x, '?') > ?12"), "a = $1 AND strpos(x, '?') > $12");
    }

    #[test]
    fn search_terms_become_phrases_of_folded_words() {
        assert_eq!(tsquery("Xyz Wấp").as_deref(), Some("('xyz' <-> 'wap' | 'xyzwap')"));
        assert_eq!(tsquery("visa AND \"x*").as_deref(), Some("('visa') & ('and') & ('x')"));
        assert_eq!(tsquery(" -- "), None);
    }
}
