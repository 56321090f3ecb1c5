//! The database a [`Reader`](super::Reader) reads: an SQLite file or a
//! PostgreSQL database. The views' SQL is written once, in SQLite's dialect
//! with numbered parameters (`?1`), and PostgreSQL's is made from it (`$1`,
//! `strpos`, as the query commands' is: `crate::postgres::query`); the few
//! fragments that differ are stated here for each engine: a comparison
//! without case, the mentions of an entity given as JSON, the entities and
//! mentions of a document (SQLite's `doc_*` views, which PostgreSQL has
//! not), sentence search, the time of the last change and the read
//! transaction.

use crate::error::{ErrorKind, StoreError};
use crate::postgres::query::{from_sqlite, ts_group, Pg};
use crate::query::{Dialect, Lite, Table};
use crate::Result;
use postgres::types::{IsNull, ToSql as PgToSql, Type};
use rusqlite::types::ToSqlOutput;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Statements a PostgreSQL reader keeps prepared (a page runs about 20).
const PG_STATEMENTS: usize = 256;

pub(crate) enum Engine {
    Lite {
        conn: rusqlite::Connection,
        path: PathBuf,
    },
    /// Boxed: a client is larger than a connection to a file.
    Pg(Box<RefCell<PgConn>>),
}

pub(crate) struct PgConn {
    /// Always there but while the reader is dropped (see [`off_runtime`]).
    client: Option<postgres::Client>,
    /// Prepared statements by their SQL.
    statements: HashMap<String, postgres::Statement>,
    /// The address, without its password.
    shown: String,
    /// Set when a transaction could not be ended: the connection's state is unknown.
    broken: bool,
}

impl PgConn {
    pub(crate) fn new(client: postgres::Client, shown: String) -> PgConn {
        PgConn { client: Some(client), statements: HashMap::new(), shown, broken: false }
    }

    fn client(&mut self) -> &mut postgres::Client {
        self.client.as_mut().expect("a reader's client is there until it is dropped")
    }

    fn prepared(&mut self, sqlite: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.statements.get(sqlite) {
            return Ok(s.clone());
        }
        if self.statements.len() >= PG_STATEMENTS {
            self.statements.clear();
        }
        let statement = self.client().prepare(&from_sqlite(sqlite))?;
        self.statements.insert(sqlite.to_string(), statement.clone());
        Ok(statement)
    }
}

impl Drop for PgConn {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            off_runtime(move || drop(client));
        }
    }
}

/// `f` on a thread of its own. The synchronous PostgreSQL client drives its
/// connection with a small runtime of its own, which may be neither started
/// nor dropped on a thread that drives another (a server's async threads):
/// a reader is connected and closed this way, wherever it is.
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(f).join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// A value bound to a parameter of either engine.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Param {
    Null,
    Int(i64),
    Text(String),
}

/// Each `From` of a value bound to a parameter.
macro_rules! param_from {
    ($($t:ty => |$v:ident| $e:expr),* $(,)?) => {
        $(impl From<$t> for Param {
            fn from($v: $t) -> Param {
                $e
            }
        })*
    };
}

param_from! {
    &str => |s| Param::Text(s.to_string()),
    String => |s| Param::Text(s),
    &String => |s| Param::Text(s.clone()),
    i64 => |n| Param::Int(n),
    usize => |n| Param::Int(n.min(i64::MAX as usize) as i64),
    Option<String> => |s| s.map_or(Param::Null, Param::Text),
}

impl rusqlite::ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Param::Null => ToSqlOutput::from(rusqlite::types::Null),
            Param::Int(n) => ToSqlOutput::from(*n),
            Param::Text(s) => ToSqlOutput::from(s.as_str()),
        })
    }
}

/// A number as the parameter's type asks (PostgreSQL does not widen a
/// value as SQLite does); text as text.
impl PgToSql for Param {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(n) if *ty == Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
            Param::Int(n) if *ty == Type::INT8 => n.to_sql(ty, out),
            Param::Int(n) => n.to_string().as_str().to_sql_checked(ty, out),
            Param::Text(s) => s.as_str().to_sql_checked(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A row of either engine.
pub struct Row<'a>(Inner<'a>);

enum Inner<'a> {
    Lite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

/// A value both engines read.
pub(crate) trait Cell: rusqlite::types::FromSql + for<'b> postgres::types::FromSql<'b> {}
impl<T: rusqlite::types::FromSql + for<'b> postgres::types::FromSql<'b>> Cell for T {}

impl Row<'_> {
    /// Column `i`.
    pub(crate) fn get<T: Cell>(&self, i: usize) -> Result<T> {
        match &self.0 {
            Inner::Lite(r) => Ok(r.get(i)?),
            Inner::Pg(r) => Ok(r.try_get(i)?),
        }
    }
}

impl Engine {
    /// Open a PostgreSQL database to read: every transaction read-only, the
    /// schema this accord's (never migrated: a reader's role may not).
    pub(crate) fn connect(url: &str) -> Result<Engine> {
        off_runtime(|| Engine::connect_here(url))
    }

    fn connect_here(url: &str) -> Result<Engine> {
        let (mut client, shown) = crate::postgres::open_client(url)?;
        let at = |e: StoreError| StoreError::new(e.kind, format!("{shown}: {}", e.message));
        // No JIT: a page's queries are short, and compiling one (on a
        // large estimate, such as the rows read from a document's facts)
        // took longer than running it.
        client.batch_execute("SET default_transaction_read_only = on; SET jit = off").map_err(|e| at(e.into()))?;
        let ours: bool = client.query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[]).map_err(|e| at(e.into()))?.get(0);
        let version: Option<i32> = match ours {
            true => client.query_opt("SELECT version FROM schema_version", &[]).map_err(|e| at(e.into()))?.map(|r| r.get(0)),
            false => None,
        };
        let latest = crate::PG_LATEST_VERSION;
        match version {
            None | Some(0) => Err(StoreError::new(
                ErrorKind::Missing,
                format!("no knowledge base in {shown}: run `accord ingest PATH --db {shown}` first"),
            )),
            Some(v) if v > latest => Err(StoreError::new(
                ErrorKind::NewerSchema,
                format!("{shown}: the database has schema version {v}, newer than this accord knows ({latest}): use a newer accord"),
            )),
            Some(v) if v < latest => Err(StoreError::new(
                ErrorKind::NotADatabase,
                format!(
                    "{shown}: the database has schema version {v}, older than this accord's ({latest}): reading it does not \
                     migrate it; run `accord ingest PATH --db {shown}` once to bring it up to date"
                ),
            )),
            Some(_) => Ok(Engine::Pg(Box::new(RefCell::new(PgConn::new(client, shown))))),
        }
    }

    /// The file, or the address without its password.
    pub(crate) fn name(&self) -> String {
        match self {
            Engine::Lite { path, .. } => path.display().to_string(),
            Engine::Pg(pg) => pg.borrow().shown.clone(),
        }
    }

    pub(crate) fn path(&self) -> Option<&Path> {
        match self {
            Engine::Lite { path, .. } => Some(path),
            Engine::Pg(_) => None,
        }
    }

    /// False once the connection to a PostgreSQL server is lost.
    pub(crate) fn is_usable(&self) -> bool {
        match self {
            Engine::Lite { .. } => true,
            Engine::Pg(pg) => {
                let pg = pg.borrow();
                !pg.broken && pg.client.as_ref().is_some_and(|c| !c.is_closed())
            }
        }
    }

    /// `f` over every row of `sql` (SQLite's dialect, see the module).
    pub(crate) fn each(&self, sql: &str, params: &[Param], mut f: impl FnMut(&Row) -> Result<()>) -> Result<()> {
        match self {
            Engine::Lite { conn, .. } => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
                while let Some(r) = rows.next()? {
                    f(&Row(Inner::Lite(r)))?;
                }
                Ok(())
            }
            Engine::Pg(pg) => {
                let rows = {
                    let mut pg = pg.borrow_mut();
                    let statement = pg.prepared(sql)?;
                    let params: Vec<&(dyn PgToSql + Sync)> = params.iter().map(|p| p as &(dyn PgToSql + Sync)).collect();
                    pg.client().query(&statement, &params)?
                };
                rows.iter().try_for_each(|r| f(&Row(Inner::Pg(r))))
            }
        }
    }

    /// Every row of `sql`, each read by `map`.
    pub(crate) fn all<T>(&self, sql: &str, params: &[Param], mut map: impl FnMut(&Row) -> Result<T>) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.each(sql, params, |r| {
            out.push(map(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of `sql`, if any (the SQL says `LIMIT 1` where more may come).
    pub(crate) fn first<T>(&self, sql: &str, params: &[Param], map: impl FnMut(&Row) -> Result<T>) -> Result<Option<T>> {
        Ok(self.all(sql, params, map)?.into_iter().next())
    }

    /// The one row of `sql` (an aggregate's).
    pub(crate) fn one<T>(&self, sql: &str, params: &[Param], map: impl FnMut(&Row) -> Result<T>) -> Result<T> {
        self.first(sql, params, map)?.ok_or_else(|| StoreError::new(ErrorKind::Storage, "a query that answers one row answered none"))
    }

    /// Begin a read transaction: one snapshot of the database for every
    /// query until [`Engine::end`].
    pub(crate) fn begin(&self) -> Result<()> {
        match self {
            Engine::Lite { conn, .. } => {
                conn.prepare_cached("BEGIN")?.execute([])?;
            }
            Engine::Pg(pg) => pg.borrow_mut().client().batch_execute("BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ")?,
        }
        Ok(())
    }

    pub(crate) fn end(&self, ok: bool) -> Result<()> {
        let end = if ok { "COMMIT" } else { "ROLLBACK" };
        match self {
            Engine::Lite { conn, .. } => {
                conn.prepare_cached(end)?.execute([])?;
            }
            Engine::Pg(pg) => {
                let mut pg = pg.borrow_mut();
                let ended = pg.client().batch_execute(end);
                pg.broken |= ended.is_err();
                ended?
            }
        }
        Ok(())
    }

    /// `column` equals the text `param`, case ignored.
    pub(crate) fn nocase_eq(&self, column: &str, param: &str) -> String {
        match self {
            Engine::Lite { .. } => format!("{column} = {param} COLLATE NOCASE"),
            Engine::Pg(_) => format!("lower({column}) = lower(CAST({param} AS TEXT))"),
        }
    }

    /// The records of `kind` whose evidence holds one of the mentions `?1`
    /// (a JSON array of `[doc, byte]`), each looked up by its document.
    pub(crate) fn mentioning(&self, kind: &str) -> String {
        // SQLite's CROSS JOIN keeps the mentions first (its planner would
        // otherwise walk the sources); PostgreSQL plans the join itself.
        let (from, doc, byte) = match self {
            Engine::Lite { .. } => ("json_each(?1) m CROSS JOIN", "json_extract(m.value, '$[0]')", "json_extract(m.value, '$[1]')"),
            Engine::Pg(_) => ("jsonb_array_elements(CAST(?1 AS TEXT)::jsonb) m(value) JOIN", "(m.value->>0)", "(m.value->>1)::bigint"),
        };
        format!(
            "SELECT s.record FROM {from} kb_sources s ON s.doc = {doc} \
             AND s.kind = '{kind}' AND s.byte_start <= {byte} AND {byte} < s.byte_end"
        )
    }

    /// The entities of each document (`doc`, `seq`, `type`, `name`, and
    /// `byte_start`, `byte_end` of the first mention), as SQLite's view
    /// `doc_entities` has them: PostgreSQL has no `doc_*` views
    /// (`docs/schema.md`), so they are read from `documents.facts` here.
    pub(crate) fn doc_entities(&self) -> &'static str {
        match self {
            Engine::Lite { .. } => "doc_entities",
            Engine::Pg(_) => {
                "(SELECT d.id AS doc, e.n - 1 AS seq, e.value->>'type' AS type, e.value->>'name' AS name, \
                   (e.value->'mentions'->0->>'start')::bigint AS byte_start, (e.value->'mentions'->0->>'end')::bigint AS byte_end \
                 FROM documents d, jsonb_array_elements(d.facts::jsonb->'entities') WITH ORDINALITY e(value, n))"
            }
        }
    }

    /// Every mention of each document's entities (`doc`, `entity`,
    /// `byte_start`, `byte_end`), as SQLite's view `doc_mentions`.
    pub(crate) fn doc_mentions(&self) -> &'static str {
        match self {
            Engine::Lite { .. } => "doc_mentions",
            Engine::Pg(_) => {
                "(SELECT d.id AS doc, e.n - 1 AS entity, (m.value->>'start')::bigint AS byte_start, (m.value->>'end')::bigint AS byte_end \
                 FROM documents d, jsonb_array_elements(d.facts::jsonb->'entities') WITH ORDINALITY e(value, n), \
                   jsonb_array_elements(e.value->'mentions') m(value))"
            }
        }
    }

    /// One term of a search and its alternatives (phrases of folded words)
    /// as the engine's full-text query, and how terms are joined.
    pub(crate) fn search_group(&self, alternatives: &[Vec<String>]) -> String {
        match self {
            Engine::Lite { .. } => crate::fts::fts_group(alternatives),
            Engine::Pg(_) => ts_group(alternatives),
        }
    }

    pub(crate) fn search_and(&self) -> &'static str {
        match self {
            Engine::Lite { .. } => " AND ",
            Engine::Pg(_) => " & ",
        }
    }

    /// The sentences matching the full-text query `?1` among the `?3` most
    /// recently stored, best first and then newest, at most `?2`: doc,
    /// published, byte_start, byte_end, text.
    pub(crate) fn search_sql(&self) -> &'static str {
        match self {
            Engine::Lite { .. } => {
                "SELECT s.doc, d.published, s.byte_start, s.byte_end, s.text \
                 FROM (SELECT rowid, bm25(sentence_search) AS score FROM sentence_search \
                       WHERE sentence_search MATCH ?1 ORDER BY rowid DESC LIMIT ?3) f \
                 JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.doc \
                 ORDER BY f.score, d.published DESC, s.id LIMIT ?2"
            }
            Engine::Pg(_) => {
                "SELECT s.doc, d.published, s.byte_start, s.byte_end, s.text \
                 FROM (SELECT id, ts_rank(search, CAST(?1 AS TEXT)::tsquery) AS score FROM sentences \
                       WHERE search @@ CAST(?1 AS TEXT)::tsquery ORDER BY id DESC LIMIT ?3) f \
                 JOIN sentences s ON s.id = f.id JOIN documents d ON d.id = s.doc \
                 ORDER BY f.score DESC, d.published DESC NULLS LAST, s.id LIMIT ?2"
            }
        }
    }

    /// When the latest document was ingested, in seconds since 1970 (UTC).
    pub(crate) fn ingested_at(&self) -> Result<Option<i64>> {
        let sql = match self {
            Engine::Lite { .. } => "SELECT CAST(strftime('%s', max(ingested_at)) AS INTEGER) FROM documents",
            Engine::Pg(_) => "SELECT CAST(extract(epoch FROM CAST(max(ingested_at) AS TIMESTAMPTZ)) AS BIGINT) FROM documents",
        };
        self.one(sql, &[], |r| r.get(0))
    }

    /// A party's partners, as the `partners` query answers.
    pub(crate) fn partners(&self, party: &str) -> Result<Table> {
        match self {
            Engine::Lite { conn, .. } => Lite(conn).partners(party),
            Engine::Pg(pg) => Pg(pg.borrow_mut().client()).partners(party),
        }
    }
}
