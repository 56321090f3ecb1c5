//! Read-only connections, reused across requests. A query runs on tokio's
//! blocking threads; a semaphore keeps the number running at once small, so
//! hundreds of clients do not become hundreds of threads and connections.

use crate::error::ApiError;
use accord_store::views::Reader;
use accord_store::StoreError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// At most this many queries at once (SQLite reads scale with cores; the
/// rest wait their turn rather than pile up threads).
const CONCURRENT_QUERIES: usize = 8;

pub(crate) struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Reader>>,
    permits: Semaphore,
}

impl Pool {
    pub(crate) fn open(path: &Path) -> Result<Pool, StoreError> {
        let first = Reader::open(path)?;
        Ok(Pool { path: path.to_path_buf(), idle: Mutex::new(vec![first]), permits: Semaphore::new(CONCURRENT_QUERIES) })
    }

    fn take(&self) -> Result<Reader, StoreError> {
        let reused = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match reused {
            Some(r) => Ok(r),
            None => Reader::open(&self.path),
        }
    }

    fn give_back(&self, reader: Reader) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < CONCURRENT_QUERIES {
            idle.push(reader);
        }
    }

    /// Run `f` on a reader, off the async threads.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Reader) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self.permits.acquire().await.map_err(|_| ApiError::internal("the server is shutting down"))?;
        let pool = Arc::clone(self);
        let joined = tokio::task::spawn_blocking(move || {
            let reader = pool.take()?;
            let out = reader.snapshot(f);
            pool.give_back(reader);
            out
        })
        .await;
        match joined {
            Ok(result) => result.map_err(ApiError::from),
            Err(_) => Err(ApiError::internal("the query failed unexpectedly; the server log has the details")),
        }
    }
}
