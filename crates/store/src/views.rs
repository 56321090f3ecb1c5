//! Read-only views of the knowledge base for the web interface: the pairs
//! in the database, a pair's sections, one record with its sources, one
//! document with the spans extracted from it, and sentence search.
//!
//! A [`Reader`] opens the file with `SQLITE_OPEN_READ_ONLY`: serving never
//! writes, migrates or merges. Long lists are cut at a limit and carry
//! their full count, so a page stays small on a large database.

use crate::countries::{country_name, resolve_country};
use crate::error::{ErrorKind, StoreError};
use crate::schema;
use crate::Result;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod model;
mod search;
pub use model::*;
pub(crate) use search::fts_query;
pub use search::{folded_words, NamedEntity, SearchHit, SearchResults};

/// A read-only handle on a knowledge base file.
#[derive(Debug)]
pub struct Reader {
    conn: Connection,
    path: PathBuf,
}

impl Reader {
    /// Open an existing knowledge base read-only. A missing file, a file that
    /// is not accord's, or one whose schema differs from this accord's is an
    /// error that says what to do.
    pub fn open(path: &Path) -> Result<Reader> {
        if !path.is_file() {
            return Err(StoreError::new(
                ErrorKind::Missing,
                format!("no database at {}: run `accord ingest PATH --db {}` first", path.display(), path.display()),
            ));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let at = |e: StoreError| StoreError::new(e.kind, format!("{}: {}", path.display(), e.message));
        let conn = Connection::open_with_flags(path, flags).map_err(|e| at(e.into()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| at(e.into()))?;
        let version = schema::version(&conn).map_err(at)?;
        if version > schema::LATEST_VERSION {
            return Err(at(schema::newer(version)));
        }
        if version < schema::LATEST_VERSION {
            return Err(at(StoreError::new(
                ErrorKind::NotADatabase,
                format!(
                    "the database has schema version {version}, older than this accord's ({}): reading it does not \
                     migrate it; run `accord ingest PATH --db {}` once to bring it up to date",
                    schema::LATEST_VERSION,
                    path.display()
                ),
            )));
        }
        Ok(Reader { conn, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Counts that change with every document written and every merge: a
    /// view computed at one generation holds until it changes.
    pub fn generation(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT value FROM kb_state WHERE key = 'facts_generation'), \
                    (SELECT value FROM kb_state WHERE key = 'merged_generation')",
            [],
            |r| Ok((r.get::<_, Option<i64>>(0)?.unwrap_or(0), r.get::<_, Option<i64>>(1)?.unwrap_or(0))),
        )?)
    }

    /// When the knowledge base last changed, in seconds since 1970 (UTC):
    /// the latest document's ingest, or the last write to the database's
    /// files if later (a delete takes no document in); `None` while it
    /// holds no document.
    pub fn changed_at(&self) -> Result<Option<i64>> {
        let ingested: Option<i64> =
            self.conn.query_row("SELECT CAST(strftime('%s', max(ingested_at)) AS INTEGER) FROM documents", [], |r| r.get(0))?;
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        let written = [self.path.clone(), PathBuf::from(wal)]
            .iter()
            .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
            .filter_map(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64)
            .max();
        Ok(ingested.map(|i| written.map_or(i, |w| w.max(i))))
    }

    /// The document count and the pairs with the most records, up to `limit`.
    pub fn overview(&self, limit: usize) -> Result<Overview> {
        let documents: i64 = self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        let generation = |key: &str| -> Result<i64> {
            Ok(self.conn.query_row("SELECT value FROM kb_state WHERE key = ?1", [key], |r| r.get(0)).optional()?.unwrap_or(0))
        };
        let merge_pending = generation("facts_generation")? != generation("merged_generation")?;
        // One pass over the parties of every record, in record order: each
        // record adds one to every pair of its parties.
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.kind, p.record, p.party, CASE WHEN p.kind = 'events' \
               THEN (SELECT date FROM kb_events e WHERE e.id = p.record LIMIT 1) END \
             FROM kb_parties p ORDER BY p.kind, p.record, p.party",
        )?;
        let mut rows = stmt.query([])?;
        let mut counts: HashMap<(String, String), PairSummary> = HashMap::new();
        let mut add = |kind: &str, parties: &[String], date: &Option<String>| {
            for (i, x) in parties.iter().enumerate() {
                for y in &parties[i + 1..] {
                    let entry = counts.entry((x.clone(), y.clone())).or_insert_with(|| PairSummary {
                        a: party_named(x),
                        b: party_named(y),
                        events: 0,
                        agreements: 0,
                        figures: 0,
                        commitments: 0,
                        latest: None,
                    });
                    match kind {
                        "events" => entry.events += 1,
                        "agreements" => entry.agreements += 1,
                        "figures" => entry.figures += 1,
                        _ => entry.commitments += 1,
                    }
                    if date.is_some() && *date > entry.latest {
                        entry.latest = date.clone();
                    }
                }
            }
        };
        let mut current: Option<(String, String)> = None;
        let mut parties: Vec<String> = Vec::new();
        let mut date: Option<String> = None;
        while let Some(r) = rows.next()? {
            let key: (String, String) = (r.get(0)?, r.get(1)?);
            if current.as_ref() != Some(&key) {
                if let Some((kind, _)) = &current {
                    add(kind, &parties, &date);
                }
                current = Some(key);
                parties.clear();
                date = r.get(3)?;
            }
            parties.push(r.get(2)?);
        }
        if let Some((kind, _)) = &current {
            add(kind, &parties, &date);
        }
        let mut pairs: Vec<PairSummary> = counts.into_values().collect();
        let total = |p: &PairSummary| p.events + p.agreements + p.figures + p.commitments;
        pairs.sort_by(|x, y| total(y).cmp(&total(x)).then_with(|| (&x.a.code, &x.b.code).cmp(&(&y.a.code, &y.b.code))));
        pairs.truncate(limit);
        Ok(Overview { documents: documents as u64, merge_pending, pairs })
    }

    /// A party given by ISO code, by name in a supported language, or as the
    /// records write an organisation (ASEAN). Unknown: `UnknownCountry`.
    pub fn party(&self, given: &str) -> Result<Party> {
        if let Some(code) = resolve_country(given) {
            return Ok(party_named(code));
        }
        let trimmed = given.trim();
        if !trimmed.is_empty() {
            let known: Option<String> = self
                .conn
                .query_row("SELECT party FROM kb_parties WHERE party = ?1 COLLATE NOCASE LIMIT 1", [trimmed], |r| r.get(0))
                .optional()?;
            if let Some(code) = known {
                return Ok(party_named(&code));
            }
        }
        Err(StoreError::new(
            ErrorKind::UnknownCountry,
            format!("unknown country '{given}': give ISO codes (VN-BY) or names in English, Vietnamese or Russian"),
        ))
    }

    /// The pair's sections, each cut at `limit` rows.
    pub fn pair(&self, a: &str, b: &str, limit: usize) -> Result<PairView> {
        let (a, b) = (self.party(a)?, self.party(b)?);
        if a.code == b.code {
            return Err(StoreError::new(
                ErrorKind::BadArgument,
                format!("a pair is two different countries, but both name {} ({}): give two, such as VN-BY", a.name, a.code),
            ));
        }
        let limit = limit as i64;
        let order = self.smaller_side_first(&a.code, &b.code)?;
        let listing = |kind: &'static str| PairListing { kind, sides: order[kind], limit };
        let timeline = self.pair_listing(
            listing("events"),
            "id, date, type, coalesce(kind, what, by_country), participants, host, place, parties, source_count, quote",
            "date IS NULL, date, seq",
            event_row,
        )?;
        let agreements = self.pair_listing(
            listing("agreements"),
            "id, title, kind, topics, parties, signed, in_force, status, source_count, quote",
            "coalesce(signed, in_force) IS NULL, coalesce(signed, in_force), seq",
            agreement_row,
        )?;
        let figures = self.pair_listing(
            listing("figures"),
            "id, indicator, value, unit, period, status, parties, source_count, quote",
            "indicator, period IS NULL, period, seq",
            figure_row,
        )?;
        let commitments =
            self.pair_listing(listing("commitments"), "id, areas, modality, text, parties, source_count, quote", "seq", commitment_row)?;
        // The conflicts of records whose parties hold both, in either order.
        let (first, second) = order["events"];
        let pair_conflicts = "FROM kb_conflicts c WHERE EXISTS (SELECT 1 FROM kb_parties p WHERE p.kind = c.kind \
             AND p.record = c.record AND p.party = ?1) AND EXISTS (SELECT 1 FROM kb_parties p \
             WHERE p.kind = c.kind AND p.record = c.record AND p.party = ?2)";
        let conflicts = self.listing(
            &format!("SELECT c.seq {pair_conflicts}"),
            &format!("SELECT c.kind, c.record, c.field, c.conflict_values {pair_conflicts} ORDER BY c.seq LIMIT ?3"),
            &[first as &dyn rusqlite::ToSql, second, &limit],
            conflict_row,
        )?;
        Ok(PairView { a, b, timeline, agreements, figures, commitments, conflicts })
    }

    /// One merged record, its first `limit` sources and its conflicts.
    /// Unknown id: `NoRecord`.
    pub fn record(&self, kind: RecordKind, id: &str, limit: usize) -> Result<RecordView> {
        let record: Option<String> =
            self.conn.query_row(&format!("SELECT record FROM {} WHERE id = ?1 LIMIT 1", kind.table()), [id], |r| r.get(0)).optional()?;
        let Some(record) = record else {
            return Err(StoreError::new(ErrorKind::NoRecord, format!("no {} record with id '{id}'", kind.singular())));
        };
        let record: Value = serde_json::from_str(&record)?;
        let sources = self.listing(
            "SELECT seq FROM kb_sources WHERE kind = ?1 AND record = ?2",
            "SELECT s.doc, d.published, d.title, s.byte_start, s.byte_end, s.quote, t.text, t.byte_start \
             FROM kb_sources s LEFT JOIN documents d ON d.id = s.doc \
             LEFT JOIN sentences t ON t.id = (SELECT id FROM sentences WHERE doc = s.doc \
               AND byte_start <= s.byte_start AND byte_end > s.byte_start ORDER BY byte_start DESC LIMIT 1) \
             WHERE s.kind = ?1 AND s.record = ?2 ORDER BY s.seq LIMIT ?3",
            params![kind.as_str(), id, limit as i64],
            |r| {
                Ok(SourceRow {
                    doc: r.get(0)?,
                    published: r.get(1)?,
                    title: r.get(2)?,
                    byte_start: r.get(3)?,
                    byte_end: r.get(4)?,
                    quote: r.get(5)?,
                    sentence: r.get(6)?,
                    sentence_start: r.get(7)?,
                })
            },
        )?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, record, field, conflict_values FROM kb_conflicts WHERE kind = ?1 AND record = ?2 ORDER BY seq")?;
        let conflicts = stmt.query_map([kind.as_str(), id], conflict_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(RecordView { kind, id: id.to_string(), record, sources, conflicts })
    }

    /// One document: its metadata, its sentences (the body as stored), and
    /// every span extracted from it. Unknown id: `NoRecord`.
    pub fn document(&self, id: &str) -> Result<DocumentView> {
        let doc = self
            .conn
            .query_row("SELECT id, title, published, lang, source, dateline, url, bytes FROM documents WHERE id = ?1", [id], |r| {
                Ok(DocumentView {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    lang: r.get(3)?,
                    source: r.get(4)?,
                    dateline: r.get(5)?,
                    url: r.get(6)?,
                    bytes: r.get(7)?,
                    sentences: Vec::new(),
                    spans: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut doc) = doc else {
            return Err(StoreError::new(ErrorKind::NoRecord, format!("no document with id '{id}'")));
        };
        let mut stmt = self.conn.prepare_cached("SELECT seq, byte_start, byte_end, text FROM sentences WHERE doc = ?1 ORDER BY seq")?;
        doc.sentences = stmt
            .query_map([id], |r| Ok(SentenceRow { seq: r.get(0)?, byte_start: r.get(1)?, byte_end: r.get(2)?, text: r.get(3)? }))?
            .collect::<rusqlite::Result<_>>()?;
        // Records supported by this document, labelled by what they are.
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.kind, s.record, s.byte_start, s.byte_end, CASE s.kind \
               WHEN 'events' THEN (SELECT type || coalesce(': ' || coalesce(kind, what), '') FROM kb_events WHERE id = s.record) \
               WHEN 'agreements' THEN (SELECT kind || ': ' || title FROM kb_agreements WHERE id = s.record) \
               WHEN 'figures' THEN (SELECT indicator || coalesce(' ' || period, '') FROM kb_figures WHERE id = s.record) \
               WHEN 'commitments' THEN (SELECT 'commitment: ' || modality FROM kb_commitments WHERE id = s.record) \
             END FROM kb_sources s WHERE s.doc = ?1 AND s.kind <> 'entities' ORDER BY s.byte_start, s.kind",
        )?;
        let mut spans: Vec<SpanRow> = stmt
            .query_map([id], |r| {
                let kind: String = r.get(0)?;
                Ok(SpanRow {
                    label: r.get::<_, Option<String>>(4)?.unwrap_or_else(|| kind.clone()),
                    kind,
                    record: r.get(1)?,
                    byte_start: r.get(2)?,
                    byte_end: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Every mention of an entity, linked to the merged entity whose
        // source is this document's first mention of it.
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.byte_start, m.byte_end, e.type || ': ' || e.name, \
               (SELECT s.record FROM kb_sources s WHERE s.doc = e.doc AND s.kind = 'entities' \
                  AND s.byte_start = e.byte_start AND s.byte_end = e.byte_end LIMIT 1) \
             FROM doc_mentions m JOIN doc_entities e ON e.doc = m.doc AND e.seq = m.entity \
             WHERE m.doc = ?1 ORDER BY m.byte_start",
        )?;
        let mentions = stmt.query_map([id], |r| {
            Ok(SpanRow { kind: "mention".to_string(), byte_start: r.get(0)?, byte_end: r.get(1)?, label: r.get(2)?, record: r.get(3)? })
        })?;
        for m in mentions {
            spans.push(m?);
        }
        spans.sort_by_key(|x| (x.byte_start, -x.byte_end));
        doc.spans = spans;
        Ok(doc)
    }

    /// For each kind of record with parties, the pair's two parties with
    /// the one that has fewer records of the kind first: the records whose
    /// parties hold both are found by walking the smaller party's records
    /// and looking the other up by primary key, so a pair costs what its
    /// smaller side has, not what the larger one has (counted up to a
    /// bound: past it, either side will do).
    fn smaller_side_first<'p>(&self, a: &'p String, b: &'p String) -> Result<HashMap<&'static str, (&'p String, &'p String)>> {
        let mut order = HashMap::new();
        for kind in ["events", "agreements", "figures", "commitments"] {
            let count = |party: &str| -> Result<i64> {
                Ok(self
                    .conn
                    .prepare_cached("SELECT count(*) FROM (SELECT 1 FROM kb_parties WHERE kind = ?1 AND party = ?2 LIMIT 1000)")?
                    .query_row(params![kind, party], |r| r.get(0))?)
            };
            let small_first = count(a)? <= count(b)?;
            order.insert(kind, if small_first { (a, b) } else { (b, a) });
        }
        Ok(order)
    }

    /// The `columns` of the records of `listing.kind` whose parties hold
    /// both sides, in `order`, each read by `row`, cut at the limit.
    fn pair_listing<T>(
        &self,
        listing: PairListing,
        columns: &str,
        order: &str,
        row: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Listing<T>> {
        let kind = listing.kind;
        let ids = format!(
            "SELECT p.record FROM kb_parties p WHERE p.kind = '{kind}' AND p.party = ?1 AND EXISTS \
             (SELECT 1 FROM kb_parties q WHERE q.kind = '{kind}' AND q.party = ?2 AND q.record = p.record)"
        );
        let rows = format!("SELECT {columns} FROM kb_{kind} WHERE id IN ({ids}) ORDER BY {order} LIMIT ?3");
        let (first, second) = listing.sides;
        self.listing(&ids, &rows, &[first as &dyn rusqlite::ToSql, second, &listing.limit], row)
    }

    fn listing<T>(
        &self,
        ids_sql: &str,
        rows_sql: &str,
        params: &[&dyn rusqlite::ToSql],
        map: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Listing<T>> {
        let count_params = &params[..params.len() - 1];
        let total: i64 = self.conn.prepare_cached(&format!("SELECT count(*) FROM ({ids_sql})"))?.query_row(count_params, |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(rows_sql)?;
        let items = stmt.query_map(params, map)?.collect::<rusqlite::Result<_>>()?;
        Ok(Listing { total: total as u64, items })
    }
}

fn party_named(code: &str) -> Party {
    Party { code: code.to_string(), name: country_name(code).unwrap_or(code).to_string() }
}

fn list(r: &Row, i: usize) -> rusqlite::Result<Vec<String>> {
    let text: Option<String> = r.get(i)?;
    Ok(text
        .and_then(|t| serde_json::from_str::<Vec<Value>>(&t).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|v| match v {
            Value::String(s) => s,
            other => other.to_string(),
        })
        .collect())
}

fn conflict_row(r: &Row) -> rusqlite::Result<ConflictRow> {
    let values: String = r.get(3)?;
    Ok(ConflictRow {
        kind: r.get(0)?,
        record: r.get(1)?,
        field: r.get(2)?,
        values: serde_json::from_str(&values).unwrap_or(Value::String(values)),
    })
}

/// What a pair's listing of one kind reads: the kind, the two parties (the
/// smaller side first) and the most rows.
#[derive(Clone, Copy)]
struct PairListing<'k, 'p> {
    kind: &'k str,
    sides: (&'p String, &'p String),
    limit: i64,
}

fn event_row(r: &Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        date: r.get(1)?,
        kind: r.get(2)?,
        detail: r.get(3)?,
        participants: list(r, 4)?,
        host: r.get(5)?,
        place: r.get(6)?,
        parties: list(r, 7)?,
        sources: r.get::<_, i64>(8)? as u64,
        quote: r.get(9)?,
    })
}

fn agreement_row(r: &Row) -> rusqlite::Result<AgreementRow> {
    Ok(AgreementRow {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: r.get(2)?,
        topics: list(r, 3)?,
        parties: list(r, 4)?,
        signed: r.get(5)?,
        in_force: r.get(6)?,
        status: r.get(7)?,
        sources: r.get::<_, i64>(8)? as u64,
        quote: r.get(9)?,
    })
}

fn figure_row(r: &Row) -> rusqlite::Result<FigureRow> {
    Ok(FigureRow {
        id: r.get(0)?,
        indicator: r.get(1)?,
        value: r.get(2)?,
        unit: r.get(3)?,
        period: r.get(4)?,
        status: r.get(5)?,
        parties: list(r, 6)?,
        sources: r.get::<_, i64>(7)? as u64,
        quote: r.get(8)?,
    })
}

fn commitment_row(r: &Row) -> rusqlite::Result<CommitmentRow> {
    Ok(CommitmentRow {
        id: r.get(0)?,
        areas: list(r, 1)?,
        modality: r.get(2)?,
        text: r.get(3)?,
        parties: list(r, 4)?,
        sources: r.get::<_, i64>(5)? as u64,
        quote: r.get(6)?,
    })
}
