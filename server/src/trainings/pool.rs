//! The worker pool: threads that claim jobs from the store and train them.
//!
//! Each worker loops: claim the oldest queued job (or one whose worker's lease
//! expired), run it, repeat; with nothing to do it sleeps until a job is queued
//! or a lease may have expired. Training is CPU- or GPU-bound, so workers are
//! plain threads, not async tasks; give one per GPU.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use super::Trainings;
use super::files::JobDir;
use super::progress::Reporter;
use super::runner::{self, Attempt, Ending, RunError, control};
use super::spec::JobSpec;
use crate::store::{Claim, JobState, StoreError};

/// Running worker threads.
#[derive(Debug)]
pub struct Pool {
    trainings: Arc<Trainings>,
    quit: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Starts `workers` threads named `NAME-0`, `NAME-1`, … (the name goes into
    /// each lease, so use one per process).
    pub fn start(trainings: Arc<Trainings>, workers: usize, name: &str) -> std::io::Result<Self> {
        let quit = Arc::new(AtomicBool::new(false));
        let mut threads = Vec::with_capacity(workers);
        for index in 0..workers {
            let trainings = Arc::clone(&trainings);
            let quit = Arc::clone(&quit);
            let worker = format!("{name}-{index}");
            threads.push(
                std::thread::Builder::new()
                    .name(worker.clone())
                    .spawn(move || work(&trainings, &quit, &worker))?,
            );
        }
        Ok(Self {
            trainings,
            quit,
            threads,
        })
    }

    /// Stops the workers: running jobs save a checkpoint and go back to the
    /// queue, to be resumed by the next server.
    pub fn shutdown(self) {
        self.end(control::RELEASE);
    }

    /// Stops the workers as if the process had been killed: running jobs are
    /// dropped without another write and keep their (soon expired) leases.
    /// For crash drills.
    pub fn abandon(self) {
        self.end(control::ABANDON);
    }

    fn end(mut self, how: u8) {
        self.quit.store(true, Ordering::Release);
        self.trainings.signal_all(how);
        self.trainings.doorbell.ring();
        for thread in self.threads.drain(..) {
            if thread.join().is_err() {
                tracing::error!("a training worker panicked");
            }
        }
    }
}

/// A worker's loop.
fn work(trainings: &Trainings, quit: &AtomicBool, worker: &str) {
    let idle = trainings
        .timing
        .lease
        .min(std::time::Duration::from_secs(1));
    while !quit.load(Ordering::Acquire) {
        match trainings.store.claim(worker, trainings.timing.lease) {
            Ok(Some((claim, events))) => {
                trainings.hub.publish(events);
                run_claim(trainings, quit, worker, &claim);
            }
            Ok(None) => trainings.doorbell.wait(idle),
            Err(err) => {
                tracing::error!("{worker}: cannot claim a job: {err}");
                trainings.doorbell.wait(idle);
            }
        }
    }
}

/// Runs one claimed job to an ending and records it.
fn run_claim(trainings: &Trainings, quit: &AtomicBool, worker: &str, claim: &Claim) {
    let job = &claim.job;
    let control = trainings.register(&job.id);
    if quit.load(Ordering::Acquire) {
        control.store(runner::control::RELEASE, Ordering::Release);
    }
    tracing::info!(
        "{worker}: job {} attempt {} from step {}",
        job.id,
        job.attempts,
        job.checkpoint_step
    );
    // A panic in the trainer or a backend fails the job, not the worker.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        attempt(trainings, claim, &control)
    }));
    trainings.unregister(&job.id);
    let result = result.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("no message");
        Err(RunError::Panic(message.to_owned()))
    });
    let reason = match result {
        Ok(ending) => {
            tracing::info!("{worker}: job {} ended: {ending:?}", job.id);
            return;
        }
        Err(RunError::Store(StoreError::LeaseLost(_))) => {
            tracing::warn!(
                "{worker}: job {} is no longer ours (cancelled, or taken over); dropped",
                job.id
            );
            return;
        }
        Err(err @ (RunError::Trainer(_) | RunError::Album(_))) => err.to_string(),
        Err(err) => {
            tracing::error!("{worker}: job {} failed: {err}", job.id);
            "internal error while training; the server log has the details".to_owned()
        }
    };
    tracing::info!("{worker}: job {} failed: {reason}", job.id);
    match trainings.store.finish(
        &job.id,
        claim.token,
        JobState::Failed,
        Some(&reason),
        Vec::new(),
    ) {
        Ok(events) => trainings.hub.publish(events),
        Err(err) => tracing::error!("{worker}: cannot record job {}'s failure: {err}", job.id),
    }
}

fn attempt(
    trainings: &Trainings,
    claim: &Claim,
    control: &std::sync::atomic::AtomicU8,
) -> Result<Ending, RunError> {
    let job = &claim.job;
    let spec: JobSpec = serde_json::from_value(job.spec.clone()).map_err(StoreError::from)?;
    let dir = JobDir::create(&trainings.paths.jobs, &job.id)?;
    let album = std::fs::read(trainings.paths.album_file(&spec.album))?;
    let reporter = Reporter::new(
        &trainings.store,
        &trainings.hub,
        &job.id,
        claim.token,
        trainings.timing,
        job.checkpoint_step,
        job.steps,
    );
    let mut attempt = Attempt {
        reporter,
        spec: &spec,
        dir: &dir,
        resume_state: job.resume_state.as_deref(),
        base: &trainings.base,
        album: &album,
        control,
        device_name: trainings.device.name(),
        url: format!("/api/jobs/{}", job.id),
    };
    match trainings.device {
        #[cfg(feature = "cuda")]
        super::DeviceChoice::Cuda => runner::run::<burn::backend::Autodiff<burn::backend::Cuda>>(
            &mut attempt,
            Default::default(),
        ),
        #[cfg(feature = "wgpu")]
        super::DeviceChoice::Wgpu => runner::run::<burn::backend::Autodiff<burn::backend::Wgpu>>(
            &mut attempt,
            Default::default(),
        ),
        #[allow(unreachable_patterns)]
        _ => runner::run::<burn::backend::Autodiff<burn::backend::Flex>>(
            &mut attempt,
            Default::default(),
        ),
    }
}
