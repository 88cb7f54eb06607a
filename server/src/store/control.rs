//! The instructor's hand on a job: stop (the worker saves a checkpoint first),
//! cancel (ended here and now, the worker's lease revoked) and resume.

use rusqlite::{TransactionBehavior, params};
use serde_json::json;

use super::events::{self, Event, NewEvent};
use super::jobs::{Job, JobState, StopKind, load};
use super::{Store, StoreError, now_ms};

impl Store {
    /// Asks `instructor_id`'s job to stop. A queued job stops at once. A running
    /// one: `Stop` is carried out by its worker (final checkpoint first);
    /// `Cancel` ends it here and now, revoking the worker's lease.
    pub fn request_stop(
        &self,
        job_id: &str,
        instructor_id: i64,
        kind: StopKind,
    ) -> Result<(Job, Vec<Event>), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (job, _) = load(&tx, job_id)?
            .filter(|(job, _)| job.instructor_id == instructor_id)
            .ok_or(StoreError::NotFound)?;
        let now = now_ms();
        let verb = match kind {
            StopKind::Stop => "stopped",
            StopKind::Cancel => "cancelled",
        };
        let event = match (job.state, kind) {
            (JobState::Queued, _) | (JobState::Running, StopKind::Cancel) => {
                let reason = format!("{verb} by the instructor at step {}", job.step);
                tx.execute(
                    "UPDATE jobs SET state = 'stopped', reason = ?2, control = NULL,
                        lease_token = lease_token + 1, lease_owner = NULL,
                        lease_expires_at = NULL, updated_at = ?3, finished_at = ?3
                     WHERE id = ?1",
                    params![job_id, reason, now],
                )?;
                NewEvent::new(
                    "state",
                    json!({ "state": "stopped", "reason": reason, "step": job.step }),
                )
            }
            (JobState::Running, StopKind::Stop) => {
                tx.execute(
                    "UPDATE jobs SET control = 'stop', updated_at = ?2 WHERE id = ?1",
                    params![job_id, now],
                )?;
                NewEvent::new("control", json!({ "requested": "stop", "step": job.step }))
            }
            (state, _) => {
                return Err(StoreError::Conflict(format!(
                    "the job has already ended ({})",
                    state.as_str()
                )));
            }
        };
        let events = events::insert(&tx, job_id, vec![event])?;
        let (job, _) = load(&tx, job_id)?.ok_or(StoreError::NotFound)?;
        tx.commit()?;
        Ok((job, events))
    }

    /// Puts a stopped job back in the queue; it continues from its last checkpoint.
    pub fn requeue(
        &self,
        job_id: &str,
        instructor_id: i64,
    ) -> Result<(Job, Vec<Event>), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (job, _) = load(&tx, job_id)?
            .filter(|(job, _)| job.instructor_id == instructor_id)
            .ok_or(StoreError::NotFound)?;
        if job.state != JobState::Stopped {
            return Err(StoreError::Conflict(format!(
                "only a stopped job can be resumed; this one is {}",
                job.state.as_str()
            )));
        }
        tx.execute(
            "UPDATE jobs SET state = 'queued', reason = NULL, finished_at = NULL,
                updated_at = ?2 WHERE id = ?1",
            params![job_id, now_ms()],
        )?;
        let events = events::insert(
            &tx,
            job_id,
            vec![NewEvent::new(
                "state",
                json!({ "state": "queued", "step": job.checkpoint_step }),
            )],
        )?;
        let (job, _) = load(&tx, job_id)?.ok_or(StoreError::NotFound)?;
        tx.commit()?;
        Ok((job, events))
    }
}
