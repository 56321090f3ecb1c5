//! What the knowledge-base commands share: which database file, and
//! opening it.

use accord_store::{KnowledgeStore, SqliteStore};
use anyhow::Result;
use std::path::PathBuf;

/// The database file: `--db`, else `$ACCORD_DB`, else `accord.db` here.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The knowledge base file [default: $ACCORD_DB, else accord.db in the working directory]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("ACCORD_DB").filter(|v| !v.is_empty()).map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("accord.db"))
    }

    /// Open an existing database for reading, with its merged tables up to
    /// date (an ingest stopped before its merge leaves them behind).
    pub fn open_for_reading(&self) -> Result<SqliteStore> {
        let mut store = SqliteStore::open_existing(&self.path())?;
        store.refresh_merged(false)?;
        Ok(store)
    }
}
