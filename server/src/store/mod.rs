//! The durable store: one SQLite file in the data directory holding instructors,
//! sessions, uploaded albums, training jobs and every job's progress events.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`, so a commit that returned is on
//! disk even if the machine loses power a moment later. Every method is
//! synchronous and short: worker threads call them directly, HTTP handlers through
//! `spawn_blocking`. One connection behind a mutex serialises this process's
//! writers; `busy_timeout` covers another process sharing the file.

mod accounts;
mod albums;
mod control;
mod events;
mod jobs;
mod lease;
mod migrations;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

pub use accounts::Instructor;
pub use albums::UploadedAlbum;
pub use events::{Event, NewEvent};
pub use jobs::{Job, JobState, StopKind};
pub use lease::{Claim, Report};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused or failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A JSON column could not be read or written.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The caller's lease on a job is gone: another worker holds it, or the job
    /// was cancelled. The caller must stop touching the job.
    #[error("the lease on job {0} was lost")]
    LeaseLost(String),
    /// No such row (or not the caller's).
    #[error("not found")]
    NotFound,
    /// The request does not fit the row's state; the message says why.
    #[error("{0}")]
    Conflict(String),
    /// The database is newer than this server.
    #[error("the database is at schema version {found}; this server knows up to {known}")]
    TooNew {
        /// The file's `user_version`.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
}

/// The store; share it in an `Arc`.
pub struct Store {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Store")
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // `journal_mode` answers with the mode in force; WAL persists in the file.
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!("SQLite refused WAL mode (got {mode}); continuing in {mode}");
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        migrations::migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    /// The connection, even if a thread panicked while holding it (SQLite rolls
    /// back an unfinished transaction when its `Transaction` is dropped).
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A pragma's value, for tests and the startup log.
    pub fn pragma(&self, name: &str) -> Result<String, StoreError> {
        let conn = self.conn();
        let value: rusqlite::types::Value =
            conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
        Ok(match value {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests;
