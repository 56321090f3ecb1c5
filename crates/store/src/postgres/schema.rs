//! The PostgreSQL schema: the tables and names of the SQLite schema
//! (`docs/schema.md`), in PostgreSQL's types. `schema_version` holds the
//! version of a database; opening one applies the migrations it lacks, in
//! one transaction, under an advisory lock so that two processes
//! opening a new database at once do not both create it. A migration, once
//! released, is never edited: a change is a new entry at the end of
//! [`MIGRATIONS`].
//!
//! Differences from SQLite, each for a reason:
//! - text is `COLLATE "C"`: ids, dates and names sort byte-wise, as SQLite
//!   sorts them, whatever the database's locale;
//! - the full-text index is a `tsvector` column of `sentences` (`search`),
//!   made by accord from the folded words (see `write.rs`), so that search
//!   ignores diacritics exactly as the SQLite store's does, without
//!   PostgreSQL's locale-dependent parser or an extension.

use crate::error::{ErrorKind, StoreError};
use crate::records;
use crate::Result;
use postgres::Client;

/// The advisory lock key of schema changes (any fixed number; "accord" in ASCII).
const MIGRATION_LOCK: i64 = 0x6163_636f_7264;

/// Migration `i` takes a database from version `i` to version `i + 1`.
const MIGRATIONS: &[fn() -> String] = &[v1_knowledge_base];

/// The schema version this accord writes.
pub const PG_LATEST_VERSION: i32 = MIGRATIONS.len() as i32;

/// A column type of the SQLite schema as PostgreSQL spells it.
fn pg_type(sql_type: &str) -> String {
    sql_type.replace("INTEGER", "BIGINT").replace("REAL", "DOUBLE PRECISION").replace("TEXT", "TEXT COLLATE \"C\"")
}

/// v1: documents, sentences and their search index, near-duplicate bands,
/// the merged tables (made from the same column lists as SQLite's) and the
/// views of the SQLite schema.
fn v1_knowledge_base() -> String {
    let kb_tables: String = [&records::ENTITIES]
        .into_iter()
        .chain(records::WITH_EVIDENCE)
        .map(|kind| {
            let columns: Vec<String> = ["seq BIGINT PRIMARY KEY".to_string(), "id TEXT COLLATE \"C\" NOT NULL".to_string()]
                .into_iter()
                .chain(kind.columns.iter().map(|c| format!("{} {}", c.name, pg_type(c.sql_type))))
                .chain(records::KB_PROVENANCE.iter().zip(records::KB_PROVENANCE_TYPES).map(|(n, t)| format!("{n} {}", pg_type(t))))
                .collect();
            let table = kind.kb_table();
            format!("CREATE TABLE {table} ({});\nCREATE INDEX {table}_id ON {table}(id);\n", columns.join(", "))
        })
        .collect();
    format!("{V1_DOCUMENTS}{kb_tables}{V1_MERGED}{}", crate::schema::V2_VIEWS)
}

const V1_DOCUMENTS: &str = r#"
CREATE TABLE documents (
    id           TEXT COLLATE "C" PRIMARY KEY,
    content_hash TEXT COLLATE "C" NOT NULL,
    extractor    TEXT COLLATE "C" NOT NULL,
    origin       TEXT COLLATE "C",
    lang         TEXT COLLATE "C",
    published    TEXT COLLATE "C",
    dateline     TEXT COLLATE "C",
    source       TEXT COLLATE "C",
    url          TEXT COLLATE "C",
    title        TEXT COLLATE "C",
    bytes        BIGINT NOT NULL,
    ingested_at  TEXT COLLATE "C" NOT NULL,
    facts        TEXT COLLATE "C" NOT NULL,
    copy_of      TEXT COLLATE "C",
    minhash      BYTEA
);
CREATE INDEX documents_copy_of ON documents(copy_of) WHERE copy_of IS NOT NULL;

CREATE TABLE sentences (
    id         BIGSERIAL PRIMARY KEY,
    doc        TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    seq        BIGINT NOT NULL,
    byte_start BIGINT NOT NULL,
    byte_end   BIGINT NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    search     TSVECTOR NOT NULL,
    UNIQUE (doc, seq)
);
CREATE INDEX sentences_search ON sentences USING GIN (search);

CREATE TABLE document_bands (
    band BIGINT NOT NULL,
    hash BIGINT NOT NULL,
    doc  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (band, hash, doc)
);

-- facts_generation counts document writes; merged_generation is the value
-- it had when the merged tables were last computed.
CREATE TABLE kb_state (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO kb_state VALUES ('facts_generation', 0), ('merged_generation', 0);
"#;

const V1_MERGED: &str = r#"
CREATE INDEX kb_entities_code ON kb_entities(code);

CREATE TABLE kb_sources (
    kind       TEXT COLLATE "C" NOT NULL,
    record     TEXT COLLATE "C" NOT NULL,
    seq        BIGINT NOT NULL,
    doc        TEXT COLLATE "C" NOT NULL,
    byte_start BIGINT NOT NULL,
    byte_end   BIGINT NOT NULL,
    quote      TEXT COLLATE "C" NOT NULL,
    copy_of    TEXT COLLATE "C",
    PRIMARY KEY (kind, record, seq)
);
CREATE INDEX kb_sources_doc ON kb_sources(doc);

CREATE TABLE kb_parties (
    kind   TEXT COLLATE "C" NOT NULL,
    party  TEXT COLLATE "C" NOT NULL,
    record TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, party, record)
);

CREATE TABLE kb_entity_names (
    folded TEXT COLLATE "C" NOT NULL,
    entity TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (folded, entity)
);

CREATE TABLE kb_conflicts (
    seq             BIGINT PRIMARY KEY,
    kind            TEXT COLLATE "C" NOT NULL,
    record          TEXT COLLATE "C" NOT NULL,
    field           TEXT COLLATE "C" NOT NULL,
    conflict_values TEXT COLLATE "C" NOT NULL
);
CREATE INDEX kb_conflicts_record ON kb_conflicts(kind, record);

CREATE TABLE kb_links (
    kind      TEXT COLLATE "C" NOT NULL,
    record    TEXT COLLATE "C" NOT NULL,
    candidate TEXT COLLATE "C" NOT NULL,
    reason    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, record, candidate)
);

"#;

/// Bring a database to [`PG_LATEST_VERSION`]; refuse one from a newer accord.
pub(super) fn migrate(client: &mut Client) -> Result<()> {
    // Up to date: nothing to lock or create, so that a read-only role
    // (a server's, a replica's) opens the database too.
    let current = client.query_opt("SELECT version FROM schema_version", &[]);
    if let Ok(Some(row)) = current {
        if row.get::<_, i32>(0) == PG_LATEST_VERSION {
            return Ok(());
        }
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
    let found: Option<i32> = tx.query_opt("SELECT version FROM schema_version", &[])?.map(|r| r.get(0));
    let found = found.unwrap_or(0);
    if found > PG_LATEST_VERSION {
        return Err(StoreError::new(
            ErrorKind::NewerSchema,
            format!(
                "the database has schema version {found}, newer than this accord knows ({PG_LATEST_VERSION}): \
                 use a newer accord, or give --db another database"
            ),
        ));
    }
    if found == 0 {
        tx.execute("INSERT INTO schema_version VALUES (0)", &[])?;
    }
    // PostgreSQL's DDL is transactional: the missing steps and the new
    // version commit together, or (on any error) not at all.
    for v in found..PG_LATEST_VERSION {
        tx.batch_execute(&MIGRATIONS[v as usize]())?;
        tx.execute("UPDATE schema_version SET version = $1", &[&(v + 1)])?;
    }
    Ok(tx.commit()?)
}

/// The schema version of a database.
pub(super) fn version(client: &mut Client) -> Result<i32> {
    Ok(client.query_one("SELECT version FROM schema_version", &[])?.get(0))
}
