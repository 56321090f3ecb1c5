//! The rows of the record tables as the pages list them, and one query that
//! lists any of them: the records of a scope (a pair, the records that
//! mention an entity) kept by a [`ListQuery`]'s filters, in its order, one
//! page of it, with the count of all that the filters keep.

use super::engine::Param;
use super::{list, AgreementRow, CommitmentRow, EventRow, FigureRow, Listing, Reader, RecordKind, Row};
use crate::error::{ErrorKind, StoreError};
use crate::Result;

/// Event types a filter may name.
pub const EVENT_TYPES: &[&str] = &["visit", "meeting", "milestone", "policy"];
/// Languages a filter may name.
pub const LANGUAGES: &[&str] = &["en", "vi", "ru"];

/// What a list keeps and in what order. `since` and `until` are dates at
/// any precision (`2024`, `2024-05`, `2024-05-11`), both included: a record
/// is kept when its date (or interval, or period) overlaps them, as the
/// query commands' `--since` and `--until` ([`crate::Dates`]); a record with
/// no date is left out by a date filter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListQuery {
    pub since: Option<String>,
    pub until: Option<String>,
    /// Event types (events only; the other tables ignore it).
    pub types: Vec<String>,
    /// A language of one of the record's source documents.
    pub lang: Option<String>,
    /// An outlet (`documents.source`, any case) or a document id among the record's sources.
    pub source: Option<String>,
    /// A column of [`RecordRow::SORTS`]; None: the table's own order.
    pub sort: Option<String>,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
}

impl ListQuery {
    /// The first `limit` rows in the table's own order, unfiltered.
    pub fn first(limit: usize) -> ListQuery {
        ListQuery { limit, ..ListQuery::default() }
    }

    /// True when some filter is set.
    pub fn is_filtered(&self) -> bool {
        self.since.is_some() || self.until.is_some() || !self.types.is_empty() || self.lang.is_some() || self.source.is_some()
    }
}

/// A row of a record table: its columns, how it is read, its date, and the
/// columns it may be sorted by.
pub trait RecordRow: Sized {
    const KIND: RecordKind;
    /// The selected columns, of the table aliased `x`.
    const COLUMNS: &'static str;
    /// Its date, for `since` and `until`.
    const DATE: &'static str;
    /// The table's own order.
    const ORDER: &'static str;
    /// The columns a list may be sorted by: (name in the URL, SQL).
    const SORTS: &'static [(&'static str, &'static str)];
    fn read(r: &Row) -> Result<Self>;
    /// Rows made fit to show once read (an event's participants in Latin script).
    fn finish(_reader: &Reader, _rows: &mut [Self]) -> Result<()> {
        Ok(())
    }
}

impl RecordRow for EventRow {
    const KIND: RecordKind = RecordKind::Events;
    const COLUMNS: &'static str =
        "x.id, x.date, x.type, coalesce(x.kind, x.what, x.by_country), x.participants, x.host, x.place, x.parties, x.source_count, x.quote";
    const DATE: &'static str = "x.date";
    const ORDER: &'static str = "x.date IS NULL, x.date";
    const SORTS: &'static [(&'static str, &'static str)] =
        &[("date", "x.date"), ("type", "x.type"), ("place", "x.place"), ("sources", "x.source_count")];
    fn read(r: &Row) -> Result<EventRow> {
        Ok(EventRow {
            id: r.get(0)?,
            date: r.get(1)?,
            kind: r.get(2)?,
            detail: r.get(3)?,
            participants: list(r, 4)?,
            host: r.get(5)?,
            place: r.get(6)?,
            parties: list(r, 7)?,
            sources: r.get::<i64>(8)? as u64,
            quote: r.get(9)?,
        })
    }
    fn finish(reader: &Reader, rows: &mut [EventRow]) -> Result<()> {
        reader.latin_participants(rows)
    }
}

impl RecordRow for AgreementRow {
    const KIND: RecordKind = RecordKind::Agreements;
    const COLUMNS: &'static str = "x.id, x.title, x.kind, x.topics, x.parties, x.signed, x.in_force, x.status, x.source_count, x.quote";
    const DATE: &'static str = "coalesce(x.signed, x.in_force)";
    const ORDER: &'static str = "coalesce(x.signed, x.in_force) IS NULL, coalesce(x.signed, x.in_force)";
    const SORTS: &'static [(&'static str, &'static str)] = &[
        ("title", "x.title"),
        ("kind", "x.kind"),
        ("signed", "x.signed"),
        ("in_force", "x.in_force"),
        ("status", "x.status"),
        ("sources", "x.source_count"),
    ];
    fn read(r: &Row) -> Result<AgreementRow> {
        Ok(AgreementRow {
            id: r.get(0)?,
            title: r.get(1)?,
            kind: r.get(2)?,
            topics: list(r, 3)?,
            parties: list(r, 4)?,
            signed: r.get(5)?,
            in_force: r.get(6)?,
            status: r.get(7)?,
            sources: r.get::<i64>(8)? as u64,
            quote: r.get(9)?,
        })
    }
}

impl RecordRow for FigureRow {
    const KIND: RecordKind = RecordKind::Figures;
    const COLUMNS: &'static str = "x.id, x.indicator, x.value, x.unit, x.period, x.status, x.parties, x.source_count, x.quote";
    const DATE: &'static str = "x.period";
    const ORDER: &'static str = "x.indicator, x.period IS NULL, x.period";
    const SORTS: &'static [(&'static str, &'static str)] = &[
        ("indicator", "x.indicator"),
        ("period", "x.period"),
        ("value", "x.value"),
        ("status", "x.status"),
        ("sources", "x.source_count"),
    ];
    fn read(r: &Row) -> Result<FigureRow> {
        Ok(FigureRow {
            id: r.get(0)?,
            indicator: r.get(1)?,
            value: r.get(2)?,
            unit: r.get(3)?,
            period: r.get(4)?,
            status: r.get(5)?,
            parties: list(r, 6)?,
            sources: r.get::<i64>(7)? as u64,
            quote: r.get(8)?,
        })
    }
}

impl RecordRow for CommitmentRow {
    const KIND: RecordKind = RecordKind::Commitments;
    const COLUMNS: &'static str = "x.id, x.areas, x.modality, x.text, x.parties, x.source_count, x.quote";
    /// A commitment has no date of its own: the first publication of its sources.
    const DATE: &'static str = "(SELECT min(d.published) FROM kb_sources s JOIN documents d ON d.id = s.doc \
         WHERE s.kind = 'commitments' AND s.record = x.id)";
    const ORDER: &'static str = "x.seq";
    const SORTS: &'static [(&'static str, &'static str)] = &[("modality", "x.modality"), ("sources", "x.source_count")];
    fn read(r: &Row) -> Result<CommitmentRow> {
        Ok(CommitmentRow {
            id: r.get(0)?,
            areas: list(r, 1)?,
            modality: r.get(2)?,
            text: r.get(3)?,
            parties: list(r, 4)?,
            sources: r.get::<i64>(5)? as u64,
            quote: r.get(6)?,
        })
    }
}

/// The records a list is drawn from: SQL selecting their ids, and its parameters.
pub(crate) struct Scope {
    pub sql: String,
    pub params: Vec<Param>,
}

/// SQL with its parameters numbered as they are added.
struct Sql {
    params: Vec<Param>,
}

impl Sql {
    fn bind(&mut self, v: impl Into<Param>) -> String {
        self.params.push(v.into());
        format!("?{}", self.params.len())
    }
}

/// The sort column a list may take, or an error naming those it may.
pub fn sort_column<T: RecordRow>(name: &str) -> Result<&'static str> {
    T::SORTS.iter().find(|(n, _)| *n == name).map(|(_, sql)| *sql).ok_or_else(|| {
        let names: Vec<&str> = T::SORTS.iter().map(|(n, _)| *n).collect();
        StoreError::new(ErrorKind::BadArgument, format!("sort must be one of {} for {}, not '{name}'", names.join(", "), T::KIND.as_str()))
    })
}

impl Reader {
    /// The records of `scope` that `q` keeps, one page of them, with the count of all it keeps.
    pub(crate) fn rows<T: RecordRow>(&self, scope: &Scope, q: &ListQuery) -> Result<Listing<T>> {
        let mut sql = Sql { params: scope.params.clone() };
        let kind = T::KIND.as_str();
        let mut filters = vec![format!("x.id IN ({})", scope.sql)];
        let dates = crate::Dates { since: q.since.clone(), until: q.until.clone() };
        if !dates.is_any() {
            let (since, until) = dates.keys()?;
            // Typed, so that PostgreSQL knows a bound NULL's type.
            let (since, until) = (format!("CAST({} AS TEXT)", sql.bind(since)), format!("CAST({} AS TEXT)", sql.bind(until)));
            filters.push(crate::query::overlaps(T::DATE, &since, &until));
        }
        if T::KIND == RecordKind::Events && !q.types.is_empty() {
            let ps: Vec<String> = q.types.iter().map(|t| sql.bind(t.clone())).collect();
            filters.push(format!("x.type IN ({})", ps.join(", ")));
        }
        let sourced = |cond: String| {
            format!(
                "EXISTS (SELECT 1 FROM kb_sources s JOIN documents d ON d.id = s.doc \
                 WHERE s.kind = '{kind}' AND s.record = x.id AND {cond})"
            )
        };
        if let Some(lang) = &q.lang {
            let p = sql.bind(lang.clone());
            filters.push(sourced(format!("d.lang = {p}")));
        }
        if let Some(source) = &q.source {
            let p = sql.bind(source.clone());
            filters.push(sourced(format!("({} OR d.id = {p})", self.db.nocase_eq("d.source", &p))));
        }
        let order = match &q.sort {
            Some(name) => {
                let column = sort_column::<T>(name)?;
                let dir = if q.descending { "DESC" } else { "ASC" };
                format!("{column} IS NULL, {column} {dir}")
            }
            None => T::ORDER.to_string(),
        };
        let from = format!("FROM {} x WHERE {}", T::KIND.table(), filters.join(" AND "));
        let total: i64 = self.db.one(&format!("SELECT count(*) {from}"), &sql.params, |r| r.get(0))?;
        let (limit, offset) = (sql.bind(q.limit), sql.bind(q.offset));
        let rows_sql = format!("SELECT {} {from} ORDER BY {order}, x.seq LIMIT {limit} OFFSET {offset}", T::COLUMNS);
        let mut items: Vec<T> = self.db.all(&rows_sql, &sql.params, T::read)?;
        T::finish(self, &mut items)?;
        Ok(Listing { total: total as u64, items })
    }
}
