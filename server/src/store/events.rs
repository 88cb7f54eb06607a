//! A job's progress events: every step, validation, checkpoint and change of
//! state, numbered by one ever-growing id so a client that reconnects with
//! `Last-Event-ID` gets exactly what it missed, from memory or from disk alike.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Store, StoreError, now_ms};

/// An event to record.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    /// `state`, `step`, `skipped`, `validation`, `checkpoint` or `control`.
    pub kind: &'static str,
    /// The event's fields.
    pub data: serde_json::Value,
}

impl NewEvent {
    /// An event of `kind` with `data`.
    pub fn new(kind: &'static str, data: serde_json::Value) -> Self {
        Self { kind, data }
    }
}

/// A recorded event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Increases with every event of every job.
    pub id: i64,
    /// The job it belongs to.
    pub job_id: String,
    /// See [`NewEvent::kind`].
    pub kind: String,
    /// The event's fields.
    pub data: serde_json::Value,
    /// When it was recorded (ms since the epoch).
    pub created_at: i64,
}

/// Inserts `events` for `job_id` on `conn` (inside the caller's transaction).
pub(super) fn insert(
    conn: &Connection,
    job_id: &str,
    events: Vec<NewEvent>,
) -> Result<Vec<Event>, StoreError> {
    let now = now_ms();
    let mut statement = conn.prepare_cached(
        "INSERT INTO events (job_id, kind, data, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        statement.execute(params![job_id, event.kind, event.data.to_string(), now])?;
        out.push(Event {
            id: conn.last_insert_rowid(),
            job_id: job_id.to_owned(),
            kind: event.kind.to_owned(),
            data: event.data,
            created_at: now,
        });
    }
    Ok(out)
}

impl Store {
    /// Up to `limit` events of `job_id` with ids above `after`, oldest first.
    pub fn events_after(
        &self,
        job_id: &str,
        after: i64,
        limit: usize,
    ) -> Result<Vec<Event>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT id, kind, data, created_at FROM events
             WHERE job_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement.query_map(params![job_id, after, limit], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, data, created_at) = row?;
            out.push(Event {
                id,
                job_id: job_id.to_owned(),
                kind,
                data: serde_json::from_str(&data)?,
                created_at,
            });
        }
        Ok(out)
    }
}
