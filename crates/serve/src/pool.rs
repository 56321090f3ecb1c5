//! Read-only connections, reused across requests, to an SQLite file or a
//! PostgreSQL database (a page's queries run in one read-only transaction
//! either way: [`Reader::snapshot`]). A query runs on tokio's blocking
//! threads; a semaphore keeps the number running at once small, so hundreds
//! of clients do not become hundreds of threads and connections (on
//! PostgreSQL, at most [`CONCURRENT_QUERIES`] connections per server).

use crate::error::ApiError;
use accord_store::views::Reader;
use accord_store::StoreError;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// At most this many queries at once (SQLite reads scale with cores; the
/// rest wait their turn rather than pile up threads).
const CONCURRENT_QUERIES: usize = 8;

pub(crate) struct Pool {
    /// The file, or the `postgres://` address.
    db: String,
    idle: Mutex<Vec<Reader>>,
    permits: Semaphore,
}

impl Pool {
    pub(crate) fn open(db: &str) -> Result<Pool, StoreError> {
        let first = Reader::open_any(db)?;
        Ok(Pool { db: db.to_string(), idle: Mutex::new(vec![first]), permits: Semaphore::new(CONCURRENT_QUERIES) })
    }

    fn take(&self) -> Result<Reader, StoreError> {
        let reused = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match reused {
            Some(r) => Ok(r),
            None => Reader::open_any(&self.db),
        }
    }

    /// A reader whose connection was lost (a PostgreSQL server restarted)
    /// is dropped: the next request opens another.
    fn give_back(&self, reader: Reader) {
        if !reader.is_usable() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < CONCURRENT_QUERIES {
            idle.push(reader);
        }
    }

    /// Run `f` on a reader, off the async threads. When the reader's
    /// connection turns out lost (a PostgreSQL server restarted, a replica
    /// failed over), `f` runs once more on a new one.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: Fn(&Reader) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self.permits.acquire().await.map_err(|_| ApiError::internal("the server is shutting down"))?;
        let pool = Arc::clone(self);
        let joined = tokio::task::spawn_blocking(move || {
            let reader = pool.take()?;
            let mut out = reader.snapshot(&f);
            if out.is_err() && !reader.is_usable() {
                drop(reader);
                let again = Reader::open_any(&pool.db)?;
                out = again.snapshot(&f);
                pool.give_back(again);
            } else {
                pool.give_back(reader);
            }
            out
        })
        .await;
        match joined {
            Ok(result) => result.map_err(ApiError::from),
            Err(_) => Err(ApiError::internal("the query failed unexpectedly; the server log has the details")),
        }
    }
}
