//! The schema and its migrations. `PRAGMA user_version` holds the version of
//! a database; opening one applies the migrations it lacks, each in its own
//! transaction. A migration, once released, is never edited: a change is a
//! new entry at the end of [`MIGRATIONS`]. `docs/schema.md` documents the
//! result and must follow each new entry.

use crate::error::{ErrorKind, StoreError};
use crate::{records, Result};
use rusqlite::{params, Connection};
use std::borrow::Cow;

/// One step of the schema: its SQL, then (for a step that needs what only
/// accord can compute, such as folded text) a function run in the same
/// transaction.
pub(crate) struct Migration {
    pub sql: fn() -> Cow<'static, str>,
    pub then: Option<fn(&Connection) -> Result<()>>,
}

/// Migration `i` takes a database from version `i` to version `i + 1`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { sql: v1_documents_and_facts, then: None },
    Migration { sql: v2_merged, then: None },
    Migration { sql: || V3_SENTENCES.into(), then: None },
    Migration { sql: || V4_PORTABLE_SEARCH.into(), then: Some(fill_sentence_search) },
    Migration { sql: || V5_COPIES.into(), then: Some(crate::copies::group_stored) },
    Migration { sql: || V6_FACTS_ONCE.into(), then: Some(create_record_views) },
    Migration { sql: || V7_CONTENTLESS_SEARCH.into(), then: Some(fill_sentence_search) },
    Migration { sql: || V8_PENDING.into(), then: None },
    Migration { sql: || V9_DIGESTS.into(), then: None },
    Migration { sql: || V10_CITATIONS.into(), then: Some(crate::sqlite::split_sources) },
    Migration { sql: || V11_QUOTES_ONCE.into(), then: Some(create_record_views_quoting_sentences) },
    Migration { sql: v12_twins_facts_once, then: Some(create_record_views_through_holders) },
];

/// The oldest SQLite that reads every table and view of the latest schema
/// (Debian 12's): `docs/schema.md` says so, and a test checks the schema for
/// anything newer.
pub const MIN_SQLITE: &str = "3.40.0";

/// The schema version this accord writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// v1: documents and their facts as extracted, each row with its provenance;
/// the tables of the records with evidence are made from their column lists.
fn v1_documents_and_facts() -> Cow<'static, str> {
    let records: String = records::WITH_EVIDENCE.iter().map(|k| records::doc_table(k) + "\n").collect();
    format!("{V1_DOCUMENTS}{records}{V1_STATE}").into()
}

const V1_DOCUMENTS: &str = r#"
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    extractor    TEXT NOT NULL,
    origin       TEXT,
    lang         TEXT,
    published    TEXT,
    dateline     TEXT,
    source       TEXT,
    url          TEXT,
    title        TEXT,
    bytes        INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL,
    facts        TEXT NOT NULL
);

CREATE TABLE doc_entities (
    doc        TEXT NOT NULL REFERENCES documents(id),
    seq        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    code       TEXT,
    aliases    TEXT NOT NULL,
    country    TEXT,
    title      TEXT,
    mentions   INTEGER NOT NULL,
    byte_start INTEGER,
    byte_end   INTEGER,
    quote      TEXT,
    rule       TEXT,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

CREATE TABLE doc_mentions (
    doc        TEXT NOT NULL REFERENCES documents(id),
    entity     INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    quote      TEXT,
    PRIMARY KEY (doc, entity, seq)
) WITHOUT ROWID;

"#;

/// The end of v1, after the tables of [`records::WITH_EVIDENCE`].
const V1_STATE: &str = r#"
-- facts_generation counts document writes; merged_generation is the value
-- it had when the merged tables were last computed.
CREATE TABLE kb_state (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO kb_state VALUES ('facts_generation', 0), ('merged_generation', 0);
"#;

/// v2: the merged knowledge base (a table of each record kind, made from
/// its column list), its sources, and the views.
fn v2_merged() -> Cow<'static, str> {
    let tables: String = [&records::ENTITIES].into_iter().chain(records::WITH_EVIDENCE).map(|k| kb_table_sql(k) + "\n").collect();
    format!("\n{tables}{V2_SOURCES_AND_VIEWS}").into()
}

/// The kb table of a kind; entities are also found by code.
fn kb_table_sql(kind: &records::RecordKind) -> String {
    let mut sql = records::kb_table(kind);
    if kind.kind == "entities" {
        sql.push_str("CREATE INDEX kb_entities_code ON kb_entities(code);\n");
    }
    sql
}

/// v2's views of the merged tables, in the order the query commands list
/// them (the PostgreSQL schema makes the same views).
macro_rules! v2_views {
    () => {
        r#"CREATE VIEW timeline AS
SELECT date, type, coalesce(kind, what) AS detail, by_country, participants, host, place,
       parties, source_count, id, doc, byte_start, byte_end, quote
FROM kb_events
ORDER BY date IS NULL, date, seq;

CREATE VIEW agreements AS
SELECT signed, in_force, status, kind, title, topics, parties, source_count,
       id, doc, byte_start, byte_end, quote
FROM kb_agreements
ORDER BY coalesce(signed, in_force) IS NULL, coalesce(signed, in_force), seq;

CREATE VIEW figures AS
SELECT period, indicator, value, unit, status, parties, source_count,
       id, doc, byte_start, byte_end, quote
FROM kb_figures
ORDER BY indicator, period IS NULL, period, seq;

CREATE VIEW commitments AS
SELECT areas, modality, text, parties, source_count, id, doc, byte_start, byte_end, quote
FROM kb_commitments
ORDER BY seq;
"#
    };
}

const V2_SOURCES_AND_VIEWS: &str = concat!(
    r#"
CREATE TABLE kb_sources (
    kind       TEXT NOT NULL,
    record     TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    doc        TEXT NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    PRIMARY KEY (kind, record, seq)
) WITHOUT ROWID;
CREATE INDEX kb_sources_doc ON kb_sources(doc);

CREATE TABLE kb_parties (
    kind   TEXT NOT NULL,
    party  TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (kind, party, record)
) WITHOUT ROWID;

CREATE TABLE kb_entity_names (
    folded TEXT NOT NULL,
    entity TEXT NOT NULL,
    PRIMARY KEY (folded, entity)
) WITHOUT ROWID;

CREATE TABLE kb_conflicts (
    seq             INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    record          TEXT NOT NULL,
    field           TEXT NOT NULL,
    conflict_values TEXT NOT NULL
);
CREATE INDEX kb_conflicts_record ON kb_conflicts(kind, record);

"#,
    v2_views!()
);

pub(crate) const V2_VIEWS: &str = v2_views!();

/// v3: sentences and the folded full-text index over them. Documents stored
/// before it have no sentences: their hash is cleared so the next ingest of
/// the same files reads them again.
const V3_SENTENCES: &str = r#"
CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    doc        TEXT NOT NULL REFERENCES documents(id),
    seq        INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (doc, seq)
);

CREATE VIRTUAL TABLE sentence_search USING fts5(
    folded,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

UPDATE documents SET content_hash = '';
"#;

/// v4: the full-text index readable by SQLite 3.40. v3's index was a
/// contentless FTS5 table with `contentless_delete = 1`, an option of SQLite
/// 3.43 that older SQLite (Debian 12's `sqlite3`, Python's `sqlite3` there,
/// Datasette on either) refuses. v4's is an ordinary FTS5 table that keeps
/// its folded text (so a row is deleted by rowid on any SQLite); accord
/// writes and deletes its rows with those of `sentences`, and this step
/// fills it from the stored sentences.
const V4_PORTABLE_SEARCH: &str = r#"
DROP TABLE sentence_search;

CREATE VIRTUAL TABLE sentence_search USING fts5(
    folded,
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// v5: near-duplicate documents (see `shingles.rs`). A document's MinHash
/// signature, the original it copies (NULL for an original), the bands of
/// the originals' signatures that find a newcomer's candidates, and the
/// original of each merged record's source, so that copies count once.
const V5_COPIES: &str = r#"
ALTER TABLE documents ADD COLUMN copy_of TEXT;
ALTER TABLE documents ADD COLUMN minhash BLOB;
CREATE INDEX documents_copy_of ON documents(copy_of) WHERE copy_of IS NOT NULL;

CREATE TABLE document_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    doc  TEXT NOT NULL,
    PRIMARY KEY (band, hash, doc)
) WITHOUT ROWID;

ALTER TABLE kb_sources ADD COLUMN copy_of TEXT;

CREATE TABLE kb_links (
    kind      TEXT NOT NULL,
    record    TEXT NOT NULL,
    candidate TEXT NOT NULL,
    reason    TEXT NOT NULL,
    PRIMARY KEY (kind, record, candidate)
) WITHOUT ROWID;
"#;

/// The text of the input at `START..END` of a document, from the sentence
/// that holds it verbatim (as `Incoming::text_at` gives it at ingest).
macro_rules! sentence_slice {
    ($start:literal, $end:literal) => {
        concat!(
            "(SELECT CAST(substr(CAST(s.text AS BLOB), ",
            $start,
            " - s.byte_start + 1, ",
            $end,
            " - ",
            $start,
            ") AS TEXT) ",
            "FROM sentences s WHERE s.doc = d.id AND s.byte_start <= ",
            $start,
            " AND ",
            $end,
            " <= s.byte_end ",
            "AND length(CAST(s.text AS BLOB)) = s.byte_end - s.byte_start ORDER BY s.byte_start DESC LIMIT 1)"
        )
    };
}

/// v6: each fact stored once. The per-document rows (`doc_entities`,
/// `doc_mentions`, `doc_events`, `doc_agreements`, `doc_figures`,
/// `doc_commitments`) were a second copy of `documents.facts`; they are now
/// views over it, with the same columns, and quotes of mentions come from the
/// stored sentences. The views of the records with evidence are made by
/// [`create_record_views`] from their column lists ([`records`]).
const V6_FACTS_ONCE: &str = concat!(
    "DROP TABLE doc_mentions; DROP TABLE doc_entities; DROP TABLE doc_events;
DROP TABLE doc_agreements; DROP TABLE doc_figures; DROP TABLE doc_commitments;

CREATE VIEW doc_entities AS
SELECT d.id AS doc, CAST(e.key AS INTEGER) AS seq, json_extract(e.value, '$.type') AS type,
       json_extract(e.value, '$.name') AS name, json_extract(e.value, '$.code') AS code,
       json_extract(e.value, '$.aliases') AS aliases, json_extract(e.value, '$.country') AS country,
       json_extract(e.value, '$.title') AS title, json_array_length(e.value, '$.mentions') AS mentions,
       json_extract(e.value, '$.mentions[0].start') AS byte_start, json_extract(e.value, '$.mentions[0].end') AS byte_end,
       ",
    sentence_slice!("json_extract(e.value, '$.mentions[0].start')", "json_extract(e.value, '$.mentions[0].end')"),
    " AS quote, json_extract(e.value, '$.rule') AS rule
FROM documents d, json_each(d.facts, '$.entities') e;

CREATE VIEW doc_mentions AS
SELECT d.id AS doc, CAST(e.key AS INTEGER) AS entity, CAST(m.key AS INTEGER) AS seq,
       json_extract(m.value, '$.start') AS byte_start, json_extract(m.value, '$.end') AS byte_end,
       ",
    sentence_slice!("json_extract(m.value, '$.start')", "json_extract(m.value, '$.end')"),
    " AS quote
FROM documents d, json_each(d.facts, '$.entities') e, json_each(e.value, '$.mentions') m;
"
);

fn create_record_views(conn: &Connection) -> Result<()> {
    record_views(conn, "json_extract(r.value, '$.evidence.quote')", ("d.id", "documents d"))
}

/// The `doc_*` views of the records with evidence, the quote read by
/// `quote`, each document (`doc`: its id) and its facts (`d`) from `from`.
fn record_views(conn: &Connection, quote: &str, (doc, from): (&str, &str)) -> Result<()> {
    let provenance = [("byte_start", "evidence.start"), ("byte_end", "evidence.end"), ("rule", "rule")];
    for kind in records::WITH_EVIDENCE {
        let own = kind.columns.iter().map(|c| (c.name, c.field));
        let mut columns: Vec<String> = [format!("{doc} AS doc"), "CAST(r.key AS INTEGER) AS seq".to_string()]
            .into_iter()
            .chain(own.chain(provenance).map(|(name, field)| format!("json_extract(r.value, '$.{field}') AS {name}")))
            .collect();
        // In the column order of v6: the quote before the rule.
        columns.insert(columns.len() - 1, format!("{quote} AS quote"));
        conn.execute_batch(&format!(
            "CREATE VIEW {} AS SELECT {} FROM {from}, json_each(d.facts, '$.{}') r;",
            kind.doc_view(),
            columns.join(", "),
            kind.kind
        ))?;
    }
    Ok(())
}

/// v7: the full-text index keeps no copy of the folded sentences (FTS5
/// `content=''`, which SQLite 3.40 reads; v3's `contentless_delete` did not):
/// a sentence's entry is deleted by giving its folded text again, folded
/// from `sentences.text` as at ingest. `kb_state.fold_fingerprint` records
/// the folding the index was built with, so that an accord that folds
/// otherwise rebuilds it ([`refold_search_index`]) rather than delete with
/// other words than were indexed.
const V7_CONTENTLESS_SEARCH: &str = r#"
DROP TABLE sentence_search;

CREATE VIRTUAL TABLE sentence_search USING fts5(
    folded,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// v8: `kb_pending`, the documents written or deleted since the last
/// merge, so that a refresh can tell what changed (a new twin of a stored
/// document is added to the merged tables without merging again). The
/// merge of an older accord gave twins votes and ids by sort order: the
/// first refresh after this migration merges a database that holds
/// documents again (a pending row `('', 'all')`).
const V8_PENDING: &str = r#"
CREATE TABLE kb_pending (
    doc    TEXT PRIMARY KEY,
    change TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO kb_pending (doc, change) SELECT '', 'all' WHERE EXISTS (SELECT 1 FROM documents);
UPDATE kb_state SET value = -1 WHERE key = 'merged_generation' AND EXISTS (SELECT 1 FROM documents);
"#;

/// v9: what a merge of a few new documents needs to read and write only
/// what they touch. `documents.facts_print` hashes what makes two copies
/// twins (the merge reads one of them: its representative); the prints of
/// stored documents are computed at the next merge. `kb_digests` sums up
/// each merged record's sources (see `sqlite/sources.rs`); with none yet,
/// the next merge writes every source. `documents_twins` lets a merge read
/// who is whose twin without paging through the facts.
const V9_DIGESTS: &str = r#"
ALTER TABLE documents ADD COLUMN facts_print TEXT;
CREATE TABLE kb_digests (
    kind   TEXT NOT NULL,
    record TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (kind, record)
) WITHOUT ROWID;
CREATE INDEX documents_twins ON documents(id, copy_of, facts_print);
"#;

/// v10: each source stored once. `kb_sources` held a row for every record
/// and citing document, twins included, each with its quote and its
/// document's `copy_of`: rows that a join gives. `kb_citations` keeps the
/// sources of the documents a merge reads (each set of twins' representative,
/// see `sqlite/representatives.rs`), without `copy_of`; `kb_citing` names,
/// for every document, the representative whose sources it shares (itself,
/// for a document that is no twin); `kb_sources` becomes a view over them
/// with the same columns (`copy_of` read from `documents`). So a twin costs a
/// row of `kb_citing`, not a copy of every source, and a new representative
/// of a set of twins rewrites its own sources, not those of every copy.
/// [`crate::sqlite::split_sources`] fills them from the old table (renamed
/// `kb_citations`, without `copy_of`); the digests, now of the stored rows,
/// are computed again by the next merge.
const V10_CITATIONS: &str = r#"
CREATE TABLE kb_citing (
    doc            TEXT PRIMARY KEY,
    representative TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX kb_citing_representative ON kb_citing(representative);

DELETE FROM kb_digests;
"#;

/// The view that v10 makes of `kb_sources`: a row per record and citing
/// document, as the table was (`seq`: the rank of the representative's
/// source, which its twins share).
pub(crate) const KB_SOURCES_VIEW: &str = "CREATE VIEW kb_sources AS
SELECT c.kind, c.record, c.seq, m.doc, c.byte_start, c.byte_end, c.quote, d.copy_of
FROM kb_citing m JOIN kb_citations c ON c.doc = m.representative
LEFT JOIN documents d ON d.id = m.doc;";

/// v11: evidence quotes stored once. A record's evidence quotes the input
/// at its offsets, which a sentence holds verbatim for plain text: the
/// facts of documents stored from now on leave such quotes out (see
/// `quotes.rs`; a quote no sentence holds stays), and the `doc_*` views of
/// the records with evidence read them from the sentence, as `doc_mentions`
/// does since v6. Facts stored before keep their quotes.
const V11_QUOTES_ONCE: &str = "DROP VIEW doc_events; DROP VIEW doc_agreements; DROP VIEW doc_figures; DROP VIEW doc_commitments;";

/// A record's quote, from its facts or else from the sentence that holds it.
const QUOTE_OR_SENTENCE: &str = concat!(
    "coalesce(json_extract(r.value, '$.evidence.quote'), ",
    sentence_slice!("json_extract(r.value, '$.evidence.start')", "json_extract(r.value, '$.evidence.end')"),
    ")"
);

fn create_record_views_quoting_sentences(conn: &Connection) -> Result<()> {
    record_views(conn, QUOTE_OR_SENTENCE, ("d.id", "documents d"))
}

/// v12: twins' facts stored once (see `sqlite/shared_facts.rs`). A twin
/// stored after another keeps no facts of its own (`facts` is `{}`) and
/// names the document that holds them in `facts_of`; the `doc_*` views
/// read each document's facts, and the sentences of their quotes, through
/// it. Documents stored before keep their own.
fn v12_twins_facts_once() -> Cow<'static, str> {
    let at = V6_FACTS_ONCE.find("CREATE VIEW doc_entities").unwrap_or(0);
    let views = V6_FACTS_ONCE[at..]
        .replace("SELECT d.id AS doc", "SELECT t.id AS doc")
        .replace("FROM documents d,", &format!("FROM {THROUGH_HOLDER},"));
    format!(
        "ALTER TABLE documents ADD COLUMN facts_of TEXT;
CREATE INDEX documents_facts_of ON documents(facts_of) WHERE facts_of IS NOT NULL;
CREATE INDEX documents_holders ON documents(facts_print) WHERE facts_of IS NULL;
DROP VIEW doc_entities; DROP VIEW doc_mentions;
DROP VIEW doc_events; DROP VIEW doc_agreements; DROP VIEW doc_figures; DROP VIEW doc_commitments;
{views}"
    )
    .into()
}

/// Each document (`t`) and the one that holds its facts (`d`).
const THROUGH_HOLDER: &str = "documents t JOIN documents d ON d.id = coalesce(t.facts_of, t.id)";

fn create_record_views_through_holders(conn: &Connection) -> Result<()> {
    record_views(conn, QUOTE_OR_SENTENCE, ("t.id", THROUGH_HOLDER))
}

/// Index every stored sentence, folded as at ingest
/// ([`accord_lang::fold_word`] of its text), and record the folding.
fn fill_sentence_search(conn: &Connection) -> Result<()> {
    let mut read = conn.prepare("SELECT id, text FROM sentences ORDER BY id")?;
    let mut write = conn.prepare("INSERT INTO sentence_search (rowid, folded) VALUES (?1, ?2)")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let (id, text): (i64, String) = (row.get(0)?, row.get(1)?);
        write.execute(params![id, accord_lang::fold_word(&text)])?;
    }
    conn.execute("INSERT OR REPLACE INTO kb_state (key, value) VALUES ('fold_fingerprint', ?1)", [fold_fingerprint()])?;
    Ok(())
}

/// A number that changes when [`accord_lang::fold_word`] folds any
/// character of the scripts accord reads otherwise: the fold of every
/// character below U+2000 and of the typographic ones after it, hashed.
fn fold_fingerprint() -> i64 {
    let probe: String = (0x20u32..0x2070).filter_map(char::from_u32).flat_map(|c| [c, ' ']).collect();
    crate::shingles::fnv1a(accord_lang::fold_word(&probe).as_bytes()) as i64
}

/// Rebuild the full-text index when it was built with another folding than
/// this accord's (see [`V7_CONTENTLESS_SEARCH`]).
pub(crate) fn refold_search_index(conn: &Connection) -> Result<()> {
    let recorded: Option<i64> = conn
        .query_row("SELECT value FROM kb_state WHERE key = 'fold_fingerprint'", [], |r| r.get(0))
        .map(Some)
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
    if recorded == Some(fold_fingerprint()) {
        return Ok(());
    }
    conn.execute("INSERT INTO sentence_search (sentence_search) VALUES ('delete-all')", [])?;
    fill_sentence_search(conn)
}

/// Bring a database to [`LATEST_VERSION`]; refuse one from a newer accord.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

/// Apply the migrations up to `target` (tests build old databases with it).
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let found = version(conn)?;
    if found > LATEST_VERSION {
        return Err(newer(found));
    }
    for v in found..target.min(LATEST_VERSION) {
        let tx = conn.transaction()?;
        let step = &MIGRATIONS[v as usize];
        tx.execute_batch(&(step.sql)())?;
        if let Some(then) = step.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
    Ok(())
}

pub(crate) fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))?)
}

pub(crate) fn newer(found: u32) -> StoreError {
    StoreError::new(
        ErrorKind::NewerSchema,
        format!(
            "the database has schema version {found}, newer than this accord knows ({LATEST_VERSION}): \
             use a newer accord, or ingest into a new --db file"
        ),
    )
}

#[cfg(test)]
mod compat;
