//! Leases: how workers claim jobs, report progress and end them, every write
//! fenced by the token the claim handed out (see `jobs.rs` for why).

use std::time::Duration;

use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde_json::json;

use super::events::{self, Event, NewEvent};
use super::jobs::{Job, JobState, StopKind, load};
use super::{Store, StoreError, now_ms};

/// A job a worker now holds, with its fencing token.
#[derive(Clone, Debug)]
pub struct Claim {
    /// The job as it was when claimed.
    pub job: Job,
    /// Name this in every write about the job.
    pub token: i64,
}

/// What a worker reports while it trains.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The step reached.
    pub step: u32,
    /// Training speed so far in this attempt.
    pub steps_per_second: Option<f64>,
    /// A checkpoint whose files are on disk: its step and state file.
    pub checkpoint: Option<(u32, String)>,
    /// Events since the last report.
    pub events: Vec<NewEvent>,
}

fn lease_ms(lease: Duration) -> i64 {
    i64::try_from(lease.as_millis()).unwrap_or(i64::MAX)
}

impl Store {
    /// Claims the oldest job that is queued, or running under an expired lease
    /// (its worker died), for `worker`, until `lease` from now.
    pub fn claim(
        &self,
        worker: &str,
        lease: Duration,
    ) -> Result<Option<(Claim, Vec<Event>)>, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_ms();
        let id: Option<String> = tx
            .query_row(
                "SELECT id FROM jobs
                 WHERE state = 'queued' OR (state = 'running' AND lease_expires_at < ?1)
                 ORDER BY created_at, rowid LIMIT 1",
                [now],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = id else {
            return Ok(None);
        };
        tx.execute(
            "UPDATE jobs SET state = 'running', lease_token = lease_token + 1,
                lease_owner = ?2, lease_expires_at = ?3, attempts = attempts + 1,
                updated_at = ?4
             WHERE id = ?1",
            params![id, worker, now.saturating_add(lease_ms(lease)), now],
        )?;
        let (job, token) = load(&tx, &id)?.ok_or(StoreError::NotFound)?;
        let events = events::insert(
            &tx,
            &id,
            vec![NewEvent::new(
                "state",
                json!({
                    "state": "running",
                    "attempt": job.attempts,
                    "step": job.checkpoint_step,
                    "resumed_from": (job.checkpoint_step > 0).then_some(job.checkpoint_step),
                }),
            )],
        )?;
        tx.commit()?;
        Ok(Some((Claim { job, token }, events)))
    }

    /// Records a worker's progress and renews its lease, in one transaction, if
    /// `token` still holds the job. Returns the stop asked for, if any.
    pub fn report(
        &self,
        job_id: &str,
        token: i64,
        lease: Duration,
        report: Report,
    ) -> Result<(Option<StopKind>, Vec<Event>), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_ms();
        let changed = tx.execute(
            "UPDATE jobs SET step = ?3, steps_per_second = COALESCE(?4, steps_per_second),
                lease_expires_at = ?5, updated_at = ?6
             WHERE id = ?1 AND lease_token = ?2 AND state = 'running'",
            params![
                job_id,
                token,
                report.step,
                report.steps_per_second,
                now.saturating_add(lease_ms(lease)),
                now
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::LeaseLost(job_id.to_owned()));
        }
        if let Some((step, state)) = &report.checkpoint {
            tx.execute(
                "UPDATE jobs SET checkpoint_step = ?2, resume_state = ?3 WHERE id = ?1",
                params![job_id, step, state],
            )?;
        }
        let events = events::insert(&tx, job_id, report.events)?;
        let control: Option<String> =
            tx.query_row("SELECT control FROM jobs WHERE id = ?1", [job_id], |r| {
                r.get(0)
            })?;
        tx.commit()?;
        Ok((
            match control.as_deref() {
                Some("stop") => Some(StopKind::Stop),
                Some("cancel") => Some(StopKind::Cancel),
                _ => None,
            },
            events,
        ))
    }

    /// Records the device an attempt trains on.
    pub fn set_device(&self, job_id: &str, token: i64, device: &str) -> Result<(), StoreError> {
        let changed = self.conn().execute(
            "UPDATE jobs SET device = ?3 WHERE id = ?1 AND lease_token = ?2 AND state = 'running'",
            params![job_id, token, device],
        )?;
        if changed == 0 {
            return Err(StoreError::LeaseLost(job_id.to_owned()));
        }
        Ok(())
    }

    /// Ends a running job as `state` (`succeeded`, `failed` or `stopped`) with
    /// `reason`, if `token` still holds it; `events` are recorded with the end.
    pub fn finish(
        &self,
        job_id: &str,
        token: i64,
        state: JobState,
        reason: Option<&str>,
        mut events: Vec<NewEvent>,
    ) -> Result<Vec<Event>, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_ms();
        let changed = tx.execute(
            "UPDATE jobs SET state = ?3, reason = ?4, control = NULL, lease_owner = NULL,
                lease_expires_at = NULL, updated_at = ?5, finished_at = ?5
             WHERE id = ?1 AND lease_token = ?2 AND state = 'running'",
            params![job_id, token, state.as_str(), reason, now],
        )?;
        if changed == 0 {
            return Err(StoreError::LeaseLost(job_id.to_owned()));
        }
        let step: u32 = tx.query_row("SELECT step FROM jobs WHERE id = ?1", [job_id], |r| {
            r.get(0)
        })?;
        events.push(NewEvent::new(
            "state",
            json!({ "state": state.as_str(), "reason": reason, "step": step }),
        ));
        let events = events::insert(&tx, job_id, events)?;
        tx.commit()?;
        Ok(events)
    }

    /// Hands a running job back to the queue (the server is shutting down); the
    /// next worker resumes it from its last checkpoint.
    pub fn release(&self, job_id: &str, token: i64) -> Result<Vec<Event>, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                updated_at = ?3
             WHERE id = ?1 AND lease_token = ?2 AND state = 'running'",
            params![job_id, token, now_ms()],
        )?;
        if changed == 0 {
            return Err(StoreError::LeaseLost(job_id.to_owned()));
        }
        let events = events::insert(
            &tx,
            job_id,
            vec![NewEvent::new(
                "state",
                json!({ "state": "queued", "reason": "the server restarted; the run continues from its last checkpoint" }),
            )],
        )?;
        tx.commit()?;
        Ok(events)
    }
}
