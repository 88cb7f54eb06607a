//! Training jobs: what a job is, creating one and reading them back. Leases are
//! in `lease.rs`, the instructor's stop, cancel and resume in `control.rs`.
//!
//! A job is `queued`, then `running` while a worker holds its lease, then
//! `succeeded`, `failed` or `stopped`. Claiming a job bumps its `lease_token`, the
//! fencing token: every later write by the worker names the token it got, and a
//! write with an old token changes nothing and reports [`StoreError::LeaseLost`].
//! A worker that dies stops renewing its lease; once the lease expires any
//! worker may claim the job again, with a new token, and resumes it from
//! `resume_state`, the last checkpoint whose files were safely on disk when it
//! was recorded. So a job never runs twice at once, and a stale worker can never
//! undo what its successor did.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use serde_json::json;

use super::events::{self, Event, NewEvent};
use super::{Store, StoreError, now_ms};

/// Where a job is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for a worker.
    Queued,
    /// A worker holds its lease.
    Running,
    /// Finished every step; the LoRA is ready.
    Succeeded,
    /// Ended by an error; `reason` says which.
    Failed,
    /// Stopped or cancelled by its instructor.
    Stopped,
}

impl JobState {
    /// The name stored in the database and shown in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Stopped => "stopped",
        }
    }

    fn parse(text: &str) -> rusqlite::Result<Self> {
        Ok(match text {
            "queued" => Self::Queued,
            "running" => Self::Running,
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            "stopped" => Self::Stopped,
            other => {
                return Err(rusqlite::Error::InvalidColumnType(
                    0,
                    format!("job state {other}"),
                    rusqlite::types::Type::Text,
                ));
            }
        })
    }
}

/// How an instructor ends a run early.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StopKind {
    /// Save a final checkpoint, then stop; the job can be resumed.
    Stop,
    /// Stop now, saving nothing more.
    Cancel,
}

/// A job as stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Job {
    /// Random, unguessable id (also the name of its folder).
    pub id: String,
    /// Who created it.
    pub instructor_id: i64,
    /// What to train (the server's `JobSpec` as JSON).
    pub spec: serde_json::Value,
    /// Where it is in its life.
    pub state: JobState,
    /// Why it failed or stopped.
    pub reason: Option<String>,
    /// Steps the run asks for.
    pub steps: u32,
    /// Last step reported.
    pub step: u32,
    /// Step of the last durable checkpoint (0: none).
    pub checkpoint_step: u32,
    /// The state file that checkpoint left, relative to the job's folder.
    #[serde(skip)]
    pub resume_state: Option<String>,
    /// Times a worker claimed it (2 or more: it was resumed).
    pub attempts: u32,
    /// The device the last attempt trained on.
    pub device: Option<String>,
    /// Training speed of the last attempt.
    pub steps_per_second: Option<f64>,
    /// A stop asked for and not yet carried out.
    pub control: Option<StopKind>,
    /// Created (ms since the epoch).
    pub created_at: i64,
    /// Last changed.
    pub updated_at: i64,
    /// Ended.
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, instructor_id, spec, state, reason, steps, step, checkpoint_step,
    resume_state, attempts, device, steps_per_second, control, created_at, updated_at,
    finished_at, lease_token";

pub(super) fn read_job(row: &Row<'_>) -> rusqlite::Result<(Job, i64)> {
    let spec: String = row.get(2)?;
    let spec = serde_json::from_str(&spec).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let control: Option<String> = row.get(12)?;
    let job = Job {
        id: row.get(0)?,
        instructor_id: row.get(1)?,
        spec,
        state: JobState::parse(&row.get::<_, String>(3)?)?,
        reason: row.get(4)?,
        steps: row.get(5)?,
        step: row.get(6)?,
        checkpoint_step: row.get(7)?,
        resume_state: row.get(8)?,
        attempts: row.get(9)?,
        device: row.get(10)?,
        steps_per_second: row.get(11)?,
        control: match control.as_deref() {
            Some("stop") => Some(StopKind::Stop),
            Some("cancel") => Some(StopKind::Cancel),
            _ => None,
        },
        created_at: row.get(13)?,
        updated_at: row.get(14)?,
        finished_at: row.get(15)?,
    };
    Ok((job, row.get(16)?))
}

pub(super) fn load(conn: &Connection, id: &str) -> Result<Option<(Job, i64)>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM jobs WHERE id = ?1"),
            [id],
            read_job,
        )
        .optional()?)
}

impl Store {
    /// Queues a new job.
    pub fn create_job(
        &self,
        id: &str,
        instructor_id: i64,
        spec: &serde_json::Value,
        steps: u32,
    ) -> Result<(Job, Vec<Event>), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let now = now_ms();
        tx.execute(
            "INSERT INTO jobs (id, instructor_id, spec, state, steps, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'queued', ?4, ?5, ?5)",
            params![id, instructor_id, spec.to_string(), steps, now],
        )?;
        let events = events::insert(
            &tx,
            id,
            vec![NewEvent::new(
                "state",
                json!({ "state": "queued", "step": 0 }),
            )],
        )?;
        let (job, _) = load(&tx, id)?.ok_or(StoreError::NotFound)?;
        tx.commit()?;
        Ok((job, events))
    }

    /// The job `id`.
    pub fn job(&self, id: &str) -> Result<Option<Job>, StoreError> {
        Ok(load(&self.conn(), id)?.map(|(job, _)| job))
    }

    /// An instructor's jobs, newest first.
    pub fn jobs_of(&self, instructor_id: i64) -> Result<Vec<Job>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM jobs WHERE instructor_id = ?1
             ORDER BY created_at DESC, rowid DESC"
        ))?;
        let rows = statement.query_map([instructor_id], read_job)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row?.0);
        }
        Ok(out)
    }
}
