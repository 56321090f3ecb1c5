//! What the knowledge-base commands share: which database, and opening it.

use accord_store::{Db, KnowledgeStore};
use anyhow::Result;

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

    /// Open an existing database for reading, with its merged tables up to
    /// date (an ingest stopped before its merge leaves them behind).
    pub fn open_for_reading(&self) -> Result<Db> {
        let mut store = Db::open_existing(&self.name())?;
        store.refresh_merged(false)?;
        Ok(store)
    }
}
