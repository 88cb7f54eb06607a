//! The schema, as numbered migrations applied in order and recorded in SQLite's
//! `user_version`. Add a migration at the end; never edit one that shipped.

use rusqlite::Connection;

use super::StoreError;

const MIGRATIONS: &[&str] = &[
    // 1: instructors, sessions, albums, jobs and their events.
    "
    CREATE TABLE instructors (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        class_token TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        instructor_id INTEGER NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
    );
    CREATE TABLE albums (
        id TEXT PRIMARY KEY,
        instructor_id INTEGER NOT NULL REFERENCES instructors(id),
        original_name TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        summary TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        instructor_id INTEGER NOT NULL REFERENCES instructors(id),
        spec TEXT NOT NULL,
        state TEXT NOT NULL
            CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'stopped')),
        reason TEXT,
        steps INTEGER NOT NULL,
        step INTEGER NOT NULL DEFAULT 0,
        lease_token INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_expires_at INTEGER,
        control TEXT CHECK (control IN ('stop', 'cancel')),
        checkpoint_step INTEGER NOT NULL DEFAULT 0,
        resume_state TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        device TEXT,
        steps_per_second REAL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER
    );
    CREATE INDEX jobs_queue ON jobs (state, created_at);
    CREATE INDEX jobs_owner ON jobs (instructor_id, created_at);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL REFERENCES jobs(id),
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX events_job ON events (job_id, id);
    ",
];

/// Applies every migration the database has not seen, each in its own
/// transaction together with the version bump.
pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index + 1)?;
        tx.commit()?;
        tracing::info!("database migrated to schema version {}", index + 1);
    }
    Ok(())
}
