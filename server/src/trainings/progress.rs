//! A running attempt's voice: it gathers events, and every `report_every` (or at
//! a checkpoint) records them with the step and speed in one fenced store write
//! that also renews the lease, then publishes them to live watchers.
//!
//! Batching keeps `synchronous=FULL` affordable: a tiny painter takes many steps
//! a second, and one fsync per step would cost more than the step.

use std::time::{Duration, Instant};

use serde_json::json;

use super::hub::Hub;
use crate::store::{JobState, NewEvent, Report, StopKind, Store, StoreError};

/// How often an attempt writes to the store, and how long its lease lasts.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// A lease not renewed for this long may be taken by another worker.
    pub lease: Duration,
    /// Progress is recorded (and the lease renewed) at least this often.
    pub report_every: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(30),
            report_every: Duration::from_millis(250),
        }
    }
}

/// Gathers and records one attempt's events.
pub(crate) struct Reporter<'a> {
    pub(crate) store: &'a Store,
    pub(crate) hub: &'a Hub,
    pub(crate) job_id: &'a str,
    pub(crate) token: i64,
    pub(crate) timing: Timing,
    pending: Vec<NewEvent>,
    last_report: Instant,
    started: Instant,
    start_step: u32,
    total: u32,
    step: u32,
}

impl<'a> Reporter<'a> {
    /// A reporter for an attempt that starts at `start_step` of `total`.
    pub(crate) fn new(
        store: &'a Store,
        hub: &'a Hub,
        job_id: &'a str,
        token: i64,
        timing: Timing,
        start_step: u32,
        total: u32,
    ) -> Self {
        Self {
            store,
            hub,
            job_id,
            token,
            timing,
            pending: Vec::new(),
            last_report: Instant::now(),
            started: Instant::now(),
            start_step,
            total,
            step: start_step,
        }
    }

    /// Steps per second in this attempt so far.
    pub(crate) fn speed(&self) -> Option<f64> {
        let done = self.step.saturating_sub(self.start_step);
        let seconds = self.started.elapsed().as_secs_f64();
        (done > 0 && seconds > 0.0).then(|| f64::from(done) / seconds)
    }

    /// Notes an applied step.
    pub(crate) fn step(&mut self, step: u32, loss: f32, lr: f64) {
        self.step = step;
        let speed = self.speed();
        let eta = speed.map(|s| f64::from(self.total.saturating_sub(step)) / s);
        self.pending.push(NewEvent::new(
            "step",
            json!({ "step": step, "loss": loss, "lr": lr, "steps_per_second": speed, "eta_seconds": eta }),
        ));
    }

    /// Notes a skipped step (non-finite loss).
    pub(crate) fn skipped(&mut self, step: u32, loss: f32) {
        self.step = step;
        self.pending.push(NewEvent::new(
            "skipped",
            json!({ "step": step, "loss": loss.to_string() }),
        ));
    }

    /// Notes any other event.
    pub(crate) fn push(&mut self, event: NewEvent) {
        self.pending.push(event);
    }

    /// Records progress if `report_every` has passed.
    pub(crate) fn maybe_report(&mut self) -> Result<Option<StopKind>, StoreError> {
        if self.last_report.elapsed() < self.timing.report_every {
            return Ok(None);
        }
        self.report(None)
    }

    /// Records progress now, with a checkpoint whose files are on disk.
    pub(crate) fn report(
        &mut self,
        checkpoint: Option<(u32, String)>,
    ) -> Result<Option<StopKind>, StoreError> {
        let report = Report {
            step: self.step,
            steps_per_second: self.speed(),
            checkpoint,
            events: std::mem::take(&mut self.pending),
        };
        let (control, events) =
            self.store
                .report(self.job_id, self.token, self.timing.lease, report)?;
        self.last_report = Instant::now();
        self.hub.publish(events);
        Ok(control)
    }

    /// Ends the job as `state`, recording what is still pending.
    pub(crate) fn finish(
        &mut self,
        state: JobState,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        self.report(None)?;
        let events = self.store.finish(
            self.job_id,
            self.token,
            state,
            reason,
            std::mem::take(&mut self.pending),
        )?;
        self.hub.publish(events);
        Ok(())
    }
}
