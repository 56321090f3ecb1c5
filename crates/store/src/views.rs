//! Read-only views of the knowledge base for the web interface: the pairs
//! in the database, a pair's sections, one record with its sources, one
//! document with the spans extracted from it, and sentence search.
//!
//! A [`Reader`] opens the file with `SQLITE_OPEN_READ_ONLY`, or a
//! PostgreSQL database with every transaction read-only ([`Reader::connect`]):
//! serving never writes, migrates or merges, and a role that may only
//! SELECT will do. Long lists are cut at a limit and carry their full
//! count, so a page stays small on a large database.

use crate::countries::{country_name, resolve_country};
use crate::error::{ErrorKind, StoreError};
use crate::schema;
use crate::Result;
use engine::{Engine, Param};
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod country;
mod engine;
mod model;
mod related;
mod rows;
mod search;
pub use crate::fts::folded_words;
pub use country::{CountryView, Partner};
pub use engine::Row;
pub use model::*;
pub use related::{is_latin, latin_name, EntityLink, Related, ENTITY_DOCUMENTS, RECORD_DOCUMENTS};
pub(crate) use rows::Scope;
pub use rows::{sort_column, ListQuery, RecordRow, EVENT_TYPES, LANGUAGES};
pub use search::{NamedEntity, SearchHit, SearchResults};

/// Prepared statements a reader keeps.
const STATEMENT_CACHE: usize = 128;
/// How much of the database file a reader maps into memory.
const MMAP_BYTES: i64 = 1 << 30;

/// A read-only handle on a knowledge base: an SQLite file or a PostgreSQL database.
pub struct Reader {
    db: Engine,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").field("db", &self.db.name()).finish()
    }
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
        // One plan per statement, whatever its parameters: without this, a
        // statement whose plan may read a bound value (`LIMIT ?`) is prepared
        // again at every use, which cost a page a third of its time.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).map_err(|e| at(e.into()))?;
        // Every statement a page runs stays prepared (a pair page runs about 20).
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Pages read through a memory map, not copied by a read call each
        // time (a record of many sources walks thousands of pages).
        conn.pragma_update(None, "mmap_size", MMAP_BYTES).map_err(|e| at(e.into()))?;
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
        Ok(Reader { db: Engine::Lite { conn, path: path.to_path_buf() } })
    }

    /// Open a PostgreSQL knowledge base (`postgres://USER@HOST:PORT/NAME`)
    /// to read: every read is a read-only transaction, the schema is
    /// checked and never migrated, so a role that may only SELECT (a
    /// server's, a replica's) opens it.
    pub fn connect(url: &str) -> Result<Reader> {
        Ok(Reader { db: Engine::connect(url)? })
    }

    /// [`Reader::connect`] for a `postgres://` address, else [`Reader::open`].
    pub fn open_any(db: &str) -> Result<Reader> {
        if crate::is_postgres_url(db) {
            Reader::connect(db)
        } else {
            Reader::open(Path::new(db))
        }
    }

    /// The SQLite file read (none for PostgreSQL).
    pub fn path(&self) -> Option<&Path> {
        self.db.path()
    }

    /// The file, or the PostgreSQL address without its password.
    pub fn name(&self) -> String {
        self.db.name()
    }

    /// False once the connection to a PostgreSQL server is lost: a pool
    /// drops such a reader and opens another.
    pub fn is_usable(&self) -> bool {
        self.db.is_usable()
    }

    /// Counts that change with every document written and every merge: a
    /// view computed at one generation holds until it changes.
    pub fn generation(&self) -> Result<(i64, i64)> {
        self.db.one(
            "SELECT (SELECT value FROM kb_state WHERE key = 'facts_generation'), \
                    (SELECT value FROM kb_state WHERE key = 'merged_generation')",
            &[],
            |r| Ok((r.get::<Option<i64>>(0)?.unwrap_or(0), r.get::<Option<i64>>(1)?.unwrap_or(0))),
        )
    }

    /// `f` over one read transaction: every query it makes sees the same
    /// state of the database (an ingest that commits meanwhile is not half
    /// seen), and the file is locked and unlocked once, not at each query.
    /// On PostgreSQL the transaction is read-only and repeatable-read: one
    /// snapshot for every query of the page.
    pub fn snapshot<T>(&self, f: impl FnOnce(&Reader) -> Result<T>) -> Result<T> {
        self.db.begin()?;
        let out = f(self);
        self.db.end(out.is_ok())?;
        out
    }

    /// When the knowledge base last changed, in seconds since 1970 (UTC):
    /// the latest document's ingest, or (SQLite) the last write to the
    /// database's files if later (a delete takes no document in); `None`
    /// while it holds no document.
    pub fn changed_at(&self) -> Result<Option<i64>> {
        let ingested = self.db.ingested_at()?;
        let Some(path) = self.db.path() else { return Ok(ingested) };
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let written = [path.to_path_buf(), PathBuf::from(wal)]
            .iter()
            .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
            .filter_map(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64)
            .max();
        Ok(ingested.map(|i| written.map_or(i, |w| w.max(i))))
    }

    /// The document count and the pairs with the most records, up to `limit`.
    pub fn overview(&self, limit: usize) -> Result<Overview> {
        let documents: i64 = self.db.one("SELECT count(*) FROM documents", &[], |r| r.get(0))?;
        let (facts, merged) = self.generation()?;
        let merge_pending = facts != merged;
        // One pass over the parties of every record, in record order: each
        // record adds one to every pair of its parties.
        let mut counts: HashMap<(String, String), PairSummary> = HashMap::new();
        let mut add = |kind: &str, parties: &[String], date: &Option<String>| {
            for (i, x) in parties.iter().enumerate() {
                for y in &parties[i + 1..] {
                    let entry = counts.entry((x.clone(), y.clone())).or_insert_with(|| PairSummary {
                        a: party_named(x),
                        b: party_named(y),
                        counts: Counts::default(),
                        latest: None,
                    });
                    entry.counts.add(kind);
                    if date.is_some() && *date > entry.latest {
                        entry.latest = date.clone();
                    }
                }
            }
        };
        let mut current: Option<(String, String)> = None;
        let mut parties: Vec<String> = Vec::new();
        let mut date: Option<String> = None;
        let sql = "SELECT p.kind, p.record, p.party, CASE WHEN p.kind = 'events' \
               THEN (SELECT date FROM kb_events e WHERE e.id = p.record LIMIT 1) END \
             FROM kb_parties p ORDER BY p.kind, p.record, p.party";
        self.db.each(sql, &[], |r| {
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
            Ok(())
        })?;
        if let Some((kind, _)) = &current {
            add(kind, &parties, &date);
        }
        let mut pairs: Vec<PairSummary> = counts.into_values().collect();
        pairs.sort_by(|x, y| y.counts.total().cmp(&x.counts.total()).then_with(|| (&x.a.code, &x.b.code).cmp(&(&y.a.code, &y.b.code))));
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
            let sql = format!("SELECT party FROM kb_parties WHERE {} ORDER BY party LIMIT 1", self.db.nocase_eq("party", "?1"));
            let known: Option<String> = self.db.first(&sql, &[trimmed.into()], |r| r.get(0))?;
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
        self.pair_listed(a, b, &ListQuery::first(limit))
    }

    /// The two parties of a pair, told apart: the same country twice is an error.
    pub fn pair_parties(&self, a: &str, b: &str) -> Result<(Party, Party)> {
        let (a, b) = (self.party(a)?, self.party(b)?);
        if a.code == b.code {
            return Err(StoreError::new(
                ErrorKind::BadArgument,
                format!("a pair is two different countries, but both name {} ({}): give two, such as VN-BY", a.name, a.code),
            ));
        }
        // One order for a pair on every page: by code (the home page's).
        Ok(if a.code <= b.code { (a, b) } else { (b, a) })
    }

    /// The pair's sections as `q` filters, orders and cuts each (the
    /// conflicts are cut only).
    pub fn pair_listed(&self, a: &str, b: &str, q: &ListQuery) -> Result<PairView> {
        let (a, b) = self.pair_parties(a, b)?;
        let timeline = self.rows(&self.pair_scope(RecordKind::Events, &a, &b)?, q)?;
        let agreements = self.rows(&self.pair_scope(RecordKind::Agreements, &a, &b)?, q)?;
        let figures = self.rows(&self.pair_scope(RecordKind::Figures, &a, &b)?, q)?;
        let commitments = self.rows(&self.pair_scope(RecordKind::Commitments, &a, &b)?, q)?;
        let pair_conflicts = "FROM kb_conflicts c WHERE EXISTS (SELECT 1 FROM kb_parties p WHERE p.kind = c.kind \
             AND p.record = c.record AND p.party = ?1) AND EXISTS (SELECT 1 FROM kb_parties p \
             WHERE p.kind = c.kind AND p.record = c.record AND p.party = ?2)";
        let conflicts = self.listing(
            &format!("SELECT c.seq {pair_conflicts}"),
            &format!("SELECT c.kind, c.record, c.field, c.conflict_values {pair_conflicts} ORDER BY c.seq LIMIT ?3"),
            &[(&a.code).into(), (&b.code).into(), q.limit.into()],
            conflict_row,
        )?;
        Ok(PairView { a, b, timeline, agreements, figures, commitments, conflicts })
    }

    /// One table of a pair, as `q` filters, orders and pages it.
    pub fn pair_table<T: RecordRow>(&self, a: &str, b: &str, q: &ListQuery) -> Result<(Party, Party, Listing<T>)> {
        let (a, b) = self.pair_parties(a, b)?;
        let rows = self.rows(&self.pair_scope(T::KIND, &a, &b)?, q)?;
        Ok((a, b, rows))
    }

    /// The records of a kind whose parties hold both: walk the smaller
    /// party's records and look the other up by primary key, so a pair
    /// costs what its smaller side has, not what the larger one has
    /// (counted up to a bound: past it, either side will do).
    fn pair_scope(&self, kind: RecordKind, a: &Party, b: &Party) -> Result<Scope> {
        let kind = kind.as_str();
        let count = |party: &str| -> Result<i64> {
            let sql = "SELECT count(*) FROM (SELECT 1 FROM kb_parties WHERE kind = ?1 AND party = ?2 LIMIT 1000) AS found";
            self.db.one(sql, &[kind.into(), party.into()], |r| r.get(0))
        };
        let (first, second) = if count(&a.code)? <= count(&b.code)? { (&a.code, &b.code) } else { (&b.code, &a.code) };
        Ok(Scope {
            sql: format!(
                "SELECT p.record FROM kb_parties p WHERE p.kind = '{kind}' AND p.party = ?1 AND EXISTS \
                 (SELECT 1 FROM kb_parties q WHERE q.kind = '{kind}' AND q.party = ?2 AND q.record = p.record)"
            ),
            params: vec![first.clone().into(), second.clone().into()],
        })
    }

    /// One merged record, its first `limit` sources and its conflicts.
    /// Unknown id: `NoRecord`.
    pub fn record(&self, kind: RecordKind, id: &str, limit: usize) -> Result<RecordView> {
        let record: Option<String> =
            self.db.first(&format!("SELECT record FROM {} WHERE id = ?1 LIMIT 1", kind.table()), &[id.into()], |r| r.get(0))?;
        let Some(record) = record else {
            return Err(StoreError::new(ErrorKind::NoRecord, format!("no {} record with id '{id}'", kind.singular())));
        };
        let record: Value = serde_json::from_str(&record)?;
        let mut sources = self.listing(
            "SELECT seq FROM kb_sources WHERE kind = ?1 AND record = ?2",
            "SELECT s.doc, d.published, d.title, s.byte_start, s.byte_end, s.quote, t.text, t.byte_start, d.lang, d.source, d.dateline, \
               CASE WHEN trim(coalesce(d.title, '')) = '' THEN (SELECT text FROM sentences WHERE doc = s.doc ORDER BY seq LIMIT 1) END \
             FROM (SELECT doc, byte_start, byte_end, quote FROM kb_sources \
               WHERE kind = ?1 AND record = ?2 ORDER BY doc, byte_start, byte_end, quote LIMIT ?3) s \
             LEFT JOIN documents d ON d.id = s.doc \
             LEFT JOIN sentences t ON t.id = (SELECT id FROM sentences WHERE doc = s.doc \
               AND byte_start <= s.byte_start AND byte_end > s.byte_start ORDER BY byte_start DESC LIMIT 1) \
             ORDER BY s.doc, s.byte_start, s.byte_end, s.quote",
            &[kind.as_str().into(), id.into(), limit.into()],
            source_row,
        )?;
        self.name_outlets(&mut sources.items)?;
        let conflicts = self.db.all(
            "SELECT kind, record, field, conflict_values FROM kb_conflicts WHERE kind = ?1 AND record = ?2 ORDER BY seq",
            &[kind.as_str().into(), id.into()],
            conflict_row,
        )?;
        let related = self.related(kind, id, &record, limit)?;
        Ok(RecordView { kind, id: id.to_string(), record, sources, conflicts, related })
    }

    /// The outlet of each source as the knowledge base knows it (each outlet looked up once).
    fn name_outlets(&self, sources: &mut [SourceRow]) -> Result<()> {
        let mut known: HashMap<String, EntityLink> = HashMap::new();
        for s in sources {
            let Some(source) = &s.source else { continue };
            if !known.contains_key(source) {
                known.insert(source.clone(), self.entity_named(source)?);
            }
            s.heading.outlet = known.get(source).cloned();
        }
        Ok(())
    }

    /// One document: its metadata, its sentences (the body as stored), and
    /// every span extracted from it. Unknown id: `NoRecord`.
    pub fn document(&self, id: &str) -> Result<DocumentView> {
        let doc = self.db.first(
            "SELECT id, title, published, lang, source, dateline, url, bytes FROM documents WHERE id = ?1",
            &[id.into()],
            |r| {
                Ok(DocumentView {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    heading: Heading::default(),
                    published: r.get(2)?,
                    lang: r.get(3)?,
                    source: r.get(4)?,
                    dateline: r.get(5)?,
                    url: r.get(6)?,
                    bytes: r.get(7)?,
                    sentences: Vec::new(),
                    spans: Vec::new(),
                })
            },
        )?;
        let Some(mut doc) = doc else {
            return Err(StoreError::new(ErrorKind::NoRecord, format!("no document with id '{id}'")));
        };
        doc.sentences =
            self.db.all("SELECT seq, byte_start, byte_end, text FROM sentences WHERE doc = ?1 ORDER BY seq", &[id.into()], |r| {
                Ok(SentenceRow { seq: r.get(0)?, byte_start: r.get(1)?, byte_end: r.get(2)?, text: r.get(3)? })
            })?;
        let first = doc.sentences.first().map(|s| s.text.as_str());
        (doc.heading.headline, doc.heading.headline_from_text) = headline(&doc.id, doc.title.as_deref(), doc.dateline.as_deref(), first);
        if let Some(source) = doc.source.as_deref() {
            doc.heading.outlet = Some(self.entity_named(source)?);
        }
        // Records supported by this document, labelled by what they are.
        let spans_sql = "SELECT s.kind, s.record, s.byte_start, s.byte_end, CASE s.kind \
               WHEN 'events' THEN (SELECT type || coalesce(': ' || coalesce(kind, what), '') FROM kb_events WHERE id = s.record LIMIT 1) \
               WHEN 'agreements' THEN (SELECT kind || ': ' || title FROM kb_agreements WHERE id = s.record LIMIT 1) \
               WHEN 'figures' THEN (SELECT indicator || coalesce(' ' || period, '') FROM kb_figures WHERE id = s.record LIMIT 1) \
               WHEN 'commitments' THEN (SELECT 'commitment: ' || modality FROM kb_commitments WHERE id = s.record LIMIT 1) \
             END FROM kb_sources s WHERE s.doc = ?1 AND s.kind <> 'entities' ORDER BY s.byte_start, s.kind, s.record";
        let mut spans: Vec<SpanRow> = self.db.all(spans_sql, &[id.into()], |r| {
            let kind: String = r.get(0)?;
            Ok(SpanRow {
                label: r.get::<Option<String>>(4)?.unwrap_or_else(|| kind.clone()),
                kind,
                record: r.get(1)?,
                byte_start: r.get(2)?,
                byte_end: r.get(3)?,
            })
        })?;
        // Every mention of an entity, linked to the merged entity whose
        // source is this document's first mention of it.
        let mentions_sql = format!(
            "SELECT m.byte_start, m.byte_end, e.type || ': ' || e.name, \
               (SELECT s.record FROM kb_sources s WHERE s.doc = e.doc AND s.kind = 'entities' \
                  AND s.byte_start = e.byte_start AND s.byte_end = e.byte_end LIMIT 1) \
             FROM {} m JOIN {} e ON e.doc = m.doc AND e.seq = m.entity \
             WHERE m.doc = ?1 ORDER BY m.byte_start",
            self.db.doc_mentions(),
            self.db.doc_entities()
        );
        self.db.each(&mentions_sql, &[id.into()], |r| {
            spans.push(SpanRow {
                kind: "mention".to_string(),
                byte_start: r.get(0)?,
                byte_end: r.get(1)?,
                label: r.get(2)?,
                record: r.get(3)?,
            });
            Ok(())
        })?;
        spans.sort_by_key(|x| (x.byte_start, -x.byte_end));
        doc.spans = spans;
        Ok(doc)
    }

    /// The rows of `rows_sql` (its last parameter the limit) and the count of `ids_sql` (the same parameters but the limit).
    fn listing<T>(&self, ids_sql: &str, rows_sql: &str, params: &[Param], map: impl FnMut(&Row) -> Result<T>) -> Result<Listing<T>> {
        let count_params = &params[..params.len() - 1];
        let total: i64 = self.db.one(&format!("SELECT count(*) FROM ({ids_sql}) AS listed"), count_params, |r| r.get(0))?;
        let items = self.db.all(rows_sql, params, map)?;
        Ok(Listing { total: total as u64, items })
    }
}

/// A sentence as a headline: its first line, cut at a word near 120 characters.
/// A source as `record` selects it; its outlet is named afterwards.
fn source_row(r: &Row) -> Result<SourceRow> {
    let (doc, title, dateline, first): (String, Option<String>, Option<String>, Option<String>) =
        (r.get(0)?, r.get(2)?, r.get(10)?, r.get(11)?);
    let (headline, headline_from_text) = headline(&doc, title.as_deref(), dateline.as_deref(), first.as_deref());
    Ok(SourceRow {
        heading: Heading { headline, headline_from_text, outlet: None },
        doc,
        source: r.get(9)?,
        published: r.get(1)?,
        title,
        byte_start: r.get(3)?,
        byte_end: r.get(4)?,
        quote: r.get(5)?,
        sentence: r.get(6)?,
        sentence_start: r.get(7)?,
        lang: r.get(8)?,
    })
}

/// A document's headline: its title, or else its first sentence without its
/// dateline ("HÀ NỘI — "), cut; the id when it has neither. True when read
/// from the text.
fn headline(id: &str, title: Option<&str>, dateline: Option<&str>, first_sentence: Option<&str>) -> (String, bool) {
    if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
        return (t.to_string(), false);
    }
    let first = first_sentence.unwrap_or("");
    let first = match dateline.and_then(|d| first.strip_prefix(d)) {
        Some(rest) => rest.trim_start_matches([' ', '—', '–', '-', ':', ',']),
        None => first,
    };
    (Some(headline_of(first)).filter(|h| !h.is_empty()).unwrap_or_else(|| id.to_string()), true)
}

fn headline_of(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= 120 {
        return line.to_string();
    }
    let cut: String = line.chars().take(120).collect();
    let at = cut.rfind(' ').filter(|&i| i > 60).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
}

pub(crate) fn party_named(code: &str) -> Party {
    Party { code: code.to_string(), name: country_name(code).unwrap_or(code).to_string() }
}

pub(crate) fn list(r: &Row, i: usize) -> Result<Vec<String>> {
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

fn conflict_row(r: &Row) -> Result<ConflictRow> {
    let values: String = r.get(3)?;
    Ok(ConflictRow {
        kind: r.get(0)?,
        record: r.get(1)?,
        field: r.get(2)?,
        values: serde_json::from_str(&values).unwrap_or(Value::String(values)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::StatementStatus;

    /// A reader of a new, empty knowledge base (the folder holds it).
    fn empty_reader() -> (tempfile::TempDir, Reader) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kb.db");
        crate::SqliteStore::create(&db).unwrap();
        let reader = Reader::open(&db).unwrap();
        (dir, reader)
    }

    /// A statement whose plan could read a bound value (`LIMIT ?`) keeps its
    /// plan across uses instead of being prepared again each time.
    #[test]
    fn statements_with_bound_limits_are_not_prepared_again() {
        let (_dir, reader) = empty_reader();
        let sql = "SELECT id FROM kb_events WHERE id IN (SELECT record FROM kb_parties WHERE party = ?1) LIMIT ?2";
        let Engine::Lite { conn, .. } = &reader.db else { unreachable!("an SQLite reader") };
        for (party, limit) in [("VN", 1), ("BY", 2), ("VN", 3)] {
            let mut stmt = conn.prepare_cached(sql).unwrap();
            let rows: Vec<String> =
                stmt.query_map(rusqlite::params![party, limit], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
            assert!(rows.is_empty());
            assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0, "prepared again at limit {limit}");
        }
    }

    #[test]
    fn a_snapshot_ends_its_transaction_either_way() {
        let (_dir, reader) = empty_reader();
        assert_eq!(reader.snapshot(|r| r.generation()).unwrap(), reader.generation().unwrap());
        let autocommit = |r: &Reader| matches!(&r.db, Engine::Lite { conn, .. } if conn.is_autocommit());
        assert!(autocommit(&reader));
        let failed = reader.snapshot(|r| r.record(RecordKind::Events, "no-such-event", 1));
        assert_eq!(failed.unwrap_err().kind, ErrorKind::NoRecord);
        assert!(autocommit(&reader), "a failed read leaves no transaction open");
        assert!(reader.snapshot(|r| r.generation()).is_ok(), "and the next one begins");
    }
}
