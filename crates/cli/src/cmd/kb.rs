//! What the knowledge-base commands share: which database, and opening it.

use accord_store::{is_postgres_url, Db, KnowledgeStore};
use anyhow::{bail, Result};
use std::path::PathBuf;

/// The database: `--db`, else `$ACCORD_DB`, else `accord.db` here.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The knowledge base: an SQLite file, or a PostgreSQL database as
    /// postgres://USER@HOST:PORT/NAME [default: $ACCORD_DB, else accord.db in the working directory]
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
}

impl DbArg {
    /// The database as given: a file path or a `postgres://` address.
    pub fn name(&self) -> String {
        self.db.clone().or_else(|| std::env::var("ACCORD_DB").ok().filter(|v| !v.is_empty())).unwrap_or_else(|| "accord.db".to_string())
    }

    /// The SQLite file, for the commands that read SQLite only (`command`
    /// names the one refusing a PostgreSQL address).
    pub fn sqlite_path(&self, command: &str) -> Result<PathBuf> {
        let name = self.name();
        if is_postgres_url(&name) {
            bail!(
                "accord {command} reads an SQLite file only, and {name} is a PostgreSQL database: give --db FILE (accord copy makes one)"
            );
        }
        Ok(PathBuf::from(name))
    }

    /// Open an existing database for reading, with its merged tables up to
    /// date (an ingest stopped before its merge leaves them behind).
    pub fn open_for_reading(&self) -> Result<Db> {
        let mut store = Db::open_existing(&self.name())?;
        store.refresh_merged(false)?;
        Ok(store)
    }
}
