//! The query commands' answers: tables of named columns, read from the
//! merged (kb_*) tables, the sentences index and the sources.

mod filters;
pub(crate) mod pairs;
pub(crate) mod sql;

pub(crate) use filters::area;
pub(crate) use filters::overlaps;
pub use filters::{areas, Dates};

use crate::countries::resolve_country;
use crate::error::{ErrorKind, StoreError};
use crate::records::KINDS;
use crate::Result;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, ToSql};
use serde::Serialize;
use serde_json::{Map, Value};

/// A question to the knowledge base. Countries are given as the user typed
/// them (a code or a name in any supported language) and resolved here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Events of a pair, in date order.
    Timeline { a: String, b: String, dates: Dates },
    /// Agreements of a pair, by date signed (or in force).
    Agreements { a: String, b: String, dates: Dates },
    /// Figures of a pair, by indicator and period.
    Figures { a: String, b: String, dates: Dates },
    /// Commitments of a pair, optionally of one area; dated by the earliest
    /// publication of the documents that state them.
    Commitments { a: String, b: String, area: Option<String>, dates: Dates },
    /// Every pair of parties that share records, with their counts and
    /// latest event date, most records first.
    Pairs,
    /// A country's partners, with counts and latest event date.
    Partners { country: String },
    /// Entities whose name or alias is (or else contains) the name, folded.
    Entity { name: String },
    /// Disagreements between sources, of all records or of a pair's.
    Conflicts { pair: Option<(String, String)> },
    /// Sentences holding every word of the text, diacritics ignored.
    Search { text: String, limit: usize },
    /// The documents and sentences a merged record was read from, at most
    /// `limit` of them (0: all), in source order.
    Sources { id: String, limit: usize },
}

/// An answer: named columns and rows of JSON values (lists stay lists).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// Each row as a JSON object keyed by column name, in column order.
    pub fn objects(&self) -> impl Iterator<Item = Map<String, Value>> + '_ {
        self.rows.iter().map(|row| self.columns.iter().cloned().zip(row.iter().cloned()).collect())
    }
}

/// Columns that hold a JSON list in the database and are returned as lists.
pub(crate) const LIST_COLUMNS: &[&str] = &["participants", "parties", "topics", "areas", "aliases", "values"];

/// A store's answers to the query commands, in its SQL dialect: the same
/// questions, columns and order on every store. [`run`] reads the query;
/// each store says how its database answers.
pub(crate) trait Dialect {
    /// A party as stored (see [`party`]).
    fn party(&mut self, given: &str) -> Result<String>;
    /// The records of one kind of a pair, within the date keys.
    fn pair_records(&mut self, pair: (String, String), dates: DateKeys, listing: &PairListing) -> Result<Table>;
    /// The commitments of a pair, of one area when `wanted`.
    fn commitments(&mut self, pair: (String, String), wanted: Option<String>, dates: DateKeys) -> Result<Table>;
    fn pairs(&mut self) -> Result<Table>;
    fn partners(&mut self, party: &str) -> Result<Table>;
    fn entity(&mut self, name: &str) -> Result<Table>;
    fn conflicts(&mut self, pair: Option<(String, String)>) -> Result<Table>;
    /// The best of the most recently stored sentences that match `text`.
    fn search(&mut self, text: &str, limit: i64) -> Result<Table>;
    /// The sources of record `id` of `kind`, at most `limit` (0: all).
    fn sources(&mut self, kind: &str, id: &str, limit: usize) -> Result<Table>;

    /// The two parties of a pair: two different countries (or organisations).
    fn pair(&mut self, a: &str, b: &str) -> Result<(String, String)> {
        let x = self.party(a)?;
        two_parties((a, x), (b, self.party(b)?))
    }
}

/// The `--since` and `--until` keys of a query's dates.
pub(crate) type DateKeys = (Option<String>, Option<String>);

pub(crate) fn run(store: &mut impl Dialect, q: &Query) -> Result<Table> {
    match q {
        Query::Timeline { a, b, dates } => pair_listing(store, a, b, dates, &TIMELINE),
        Query::Agreements { a, b, dates } => pair_listing(store, a, b, dates, &AGREEMENTS),
        Query::Figures { a, b, dates } => pair_listing(store, a, b, dates, &FIGURES),
        Query::Commitments { a, b, area: wanted, dates } => {
            let pair = store.pair(a, b)?;
            let wanted = wanted.as_deref().map(area).transpose()?;
            store.commitments(pair, wanted, dates.keys()?)
        }
        Query::Pairs => store.pairs(),
        Query::Partners { country } => {
            let country = store.party(country)?;
            store.partners(&country)
        }
        Query::Entity { name } => store.entity(name),
        Query::Conflicts { pair } => {
            let pair = pair.as_ref().map(|(a, b)| store.pair(a, b)).transpose()?;
            store.conflicts(pair)
        }
        Query::Search { text, limit } => store.search(text, (*limit).clamp(1, 100_000) as i64),
        Query::Sources { id, limit } => {
            for kind in KINDS {
                let t = store.sources(kind, id, *limit)?;
                if !t.rows.is_empty() {
                    return Ok(t);
                }
            }
            Err(sql::no_record(id))
        }
    }
}

/// The records of one kind of the pair `a`, `b`, within `dates`.
fn pair_listing(store: &mut impl Dialect, a: &str, b: &str, dates: &Dates, listing: &PairListing) -> Result<Table> {
    let pair = store.pair(a, b)?;
    store.pair_records(pair, dates.keys()?, listing)
}

/// The SQLite store's connection, answering in SQLite's dialect.
pub(crate) struct Lite<'c>(pub &'c Connection);

impl Dialect for Lite<'_> {
    fn party(&mut self, given: &str) -> Result<String> {
        party(self.0, given)
    }

    fn pair_records(&mut self, (a, b): (String, String), (since, until): DateKeys, listing: &PairListing) -> Result<Table> {
        table(self.0, &sql::pair_records(listing, "?3", "?4"), &[&a, &b, &since, &until])
    }

    fn commitments(&mut self, (a, b): (String, String), wanted: Option<String>, (since, until): DateKeys) -> Result<Table> {
        let sql = sql::commitments("EXISTS (SELECT 1 FROM json_each(areas) WHERE value = ?3)", "?4", "?5");
        table(self.0, &sql, &[&a, &b, &wanted, &since, &until])
    }

    fn pairs(&mut self) -> Result<Table> {
        pairs::pairs(self.0)
    }

    fn partners(&mut self, party: &str) -> Result<Table> {
        pairs::partners(self.0, party)
    }

    fn entity(&mut self, name: &str) -> Result<Table> {
        entity(self.0, name)
    }

    fn conflicts(&mut self, pair: Option<(String, String)>) -> Result<Table> {
        match pair {
            None => table(self.0, &sql::conflicts(false), &[]),
            Some((a, b)) => table(self.0, &sql::conflicts(true), &[&a, &b]),
        }
    }

    fn search(&mut self, text: &str, limit: i64) -> Result<Table> {
        let fts = fts_query(text).ok_or_else(sql::nothing_to_search)?;
        table(
            self.0,
            // Ranking every match would cost time in proportion to the
            // corpus ("Vietnam" is in most sentences): the most recently
            // stored matches, streamed from the index in rowid order,
            // are ranked instead.
            "SELECT s.doc, d.published, s.byte_start, s.byte_end, s.text AS sentence \
             FROM (SELECT rowid, bm25(sentence_search) AS score FROM sentence_search \
                   WHERE sentence_search MATCH ?1 ORDER BY rowid DESC LIMIT ?3) f \
             JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.doc \
             ORDER BY f.score, s.id LIMIT ?2",
            &[&fts, &limit, &RANKED_MATCHES],
        )
    }

    fn sources(&mut self, kind: &str, id: &str, limit: usize) -> Result<Table> {
        let limit = if limit == 0 { -1 } else { limit.min(i64::MAX as usize) as i64 };
        table(self.0, sql::SOURCES, &[&kind, &id, &limit])
    }
}

/// How many of the most recently stored matching sentences a search ranks.
pub(crate) const RANKED_MATCHES: i64 = 2_000;

/// Records of one kind whose parties hold both countries.
/// How the records of one kind of a pair are listed: `date` is the SQL
/// expression the `--since`/`--until` dates bound.
pub(crate) struct PairListing {
    pub kind: &'static str,
    pub columns: &'static str,
    pub date: &'static str,
    pub order: &'static str,
}

pub(crate) const TIMELINE: PairListing = PairListing {
    kind: "events",
    columns: "date, type, coalesce(kind, what, by_country) AS detail, participants, host, place, parties, \
              source_count AS sources, id, quote",
    date: "date",
    order: "date IS NULL, date, seq",
};

pub(crate) const AGREEMENTS: PairListing = PairListing {
    kind: "agreements",
    columns: "signed, in_force, status, kind, title, topics, parties, source_count AS sources, id, quote",
    date: "coalesce(signed, in_force)",
    order: "coalesce(signed, in_force) IS NULL, coalesce(signed, in_force), seq",
};

pub(crate) const FIGURES: PairListing = PairListing {
    kind: "figures",
    columns: "period, indicator, value, unit, status, parties, source_count AS sources, id, quote",
    date: "period",
    order: "indicator, period IS NULL, period, seq",
};

pub(crate) fn pair_ids(kind: &str) -> String {
    format!(
        "SELECT record FROM kb_parties WHERE kind = '{kind}' AND party = ?1 \
         INTERSECT SELECT record FROM kb_parties WHERE kind = '{kind}' AND party = ?2"
    )
}

/// The parties `x` and `y` (given as `a` and `b`) as a pair: two different ones.
pub(crate) fn two_parties((a, x): (&str, String), (b, y): (&str, String)) -> Result<(String, String)> {
    if x == y {
        return Err(StoreError::new(
            ErrorKind::BadArgument,
            format!("a pair needs two countries, and '{a}' and '{b}' both name {x}: give two different countries"),
        ));
    }
    Ok((x, y))
}

/// A party as stored: a country code resolved from a code or a name, or an
/// organisation written as the records write it (ASEAN, EAEU).
pub(crate) fn party(conn: &Connection, given: &str) -> Result<String> {
    if let Some(code) = resolve_country(given) {
        return Ok(code.to_string());
    }
    let trimmed = given.trim();
    if !trimmed.is_empty() {
        let known: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM kb_parties WHERE party = ?1 COLLATE NOCASE)", [trimmed], |r| r.get(0))?;
        if known {
            return Ok(conn.query_row("SELECT party FROM kb_parties WHERE party = ?1 COLLATE NOCASE LIMIT 1", [trimmed], |r| r.get(0))?);
        }
    }
    Err(unknown_country(given))
}

pub(crate) fn unknown_country(given: &str) -> StoreError {
    StoreError::new(
        ErrorKind::UnknownCountry,
        format!(
            "unknown country '{given}': give an ISO code (VN, BY) or a name in English, Vietnamese or Russian \
             (Vietnam, Việt Nam, Вьетнам)"
        ),
    )
}

fn entity(conn: &Connection, name: &str) -> Result<Table> {
    let (folded, code) = sql::entity_keys(name)?;
    let exact = table(conn, &sql::entity_exact(), &[&folded, &code])?;
    if !exact.rows.is_empty() {
        return Ok(exact);
    }
    table(conn, &sql::entity_like(), &[&sql::entity_pattern(&folded)])
}

/// The FTS5 query of a search text (see `views::search`).
pub(crate) use crate::fts::fts_query;

pub(crate) fn table(conn: &Connection, sql: &str, params: &[&dyn ToSql]) -> Result<Table> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let lists: Vec<bool> = columns.iter().map(|c| LIST_COLUMNS.contains(&c.as_str())).collect();
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut values = Vec::with_capacity(columns.len());
        for (i, &list) in lists.iter().enumerate() {
            let v = match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
                ValueRef::Text(t) => sql::text_cell(String::from_utf8_lossy(t).into_owned(), list),
                ValueRef::Blob(_) => Value::Null,
            };
            values.push(v);
        }
        out.push(values);
    }
    Ok(Table { columns, rows: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_folded_and_quoted() {
        assert_eq!(fts_query("Xyz Wấp").as_deref(), Some("(\"xyz wap\" OR \"xyzwap\")"));
        assert_eq!(fts_query("visa AND \"x*").as_deref(), Some("(\"visa\") AND (\"and\") AND (\"x\")"));
        assert_eq!(fts_query(" -- "), None);
    }
}
