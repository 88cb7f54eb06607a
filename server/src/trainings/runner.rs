//! One attempt at a job: the trainer library driven step by step, with
//! validation samples, checkpoints, the NaN guard and the instructor's stop and
//! cancel, every write fenced by the attempt's lease.
//!
//! An attempt starts from the job's last recorded checkpoint state when there is
//! one (optimizer moments, data order and random position included, so the
//! result is the same as an uninterrupted run), else from a fresh bracelet.
//! A checkpoint becomes the one to resume from only after its files are on disk
//! and the store has recorded it under the attempt's token.

use std::sync::atomic::{AtomicU8, Ordering};

use burn::module::AutodiffModule;
use burn::tensor::ElementConversion;
use burn::tensor::backend::AutodiffBackend;
use serde_json::json;
use trainer::TrainerError;
use trainer::album::{self, AlbumError, AlbumOptions};
use trainer::image::RgbImage;
use trainer::lora::file::{self, LoraMeta};
use trainer::lora::{LoraAdapter, Worn};
use trainer::model::{PainterConfig, weights};
use trainer::sample::{SampleConfig, sample, to_rgb8};
use trainer::text::Tokenizer;
use trainer::train::{StepEvent, Trainer, ValidationSet};

use super::files::{self, JobDir};
use super::progress::Reporter;
use super::spec::JobSpec;
use crate::store::{JobState, NewEvent, StopKind, StoreError};

/// What a worker asks of the attempt it runs (an `AtomicU8` between threads).
pub mod control {
    /// Keep training.
    pub const RUN: u8 = 0;
    /// Save a checkpoint, then end as `stopped`.
    pub const STOP: u8 = 1;
    /// End now; the store already says `stopped`.
    pub const CANCEL: u8 = 2;
    /// Save a checkpoint, then hand the job back to the queue (shutdown).
    pub const RELEASE: u8 = 3;
    /// Vanish without another write, as a killed process would (crash drills).
    pub const ABANDON: u8 = 4;
}

/// How an attempt ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// Every step done; the LoRA is written and the job `succeeded`.
    Succeeded,
    /// Ended by an error the instructor can act on; the job `failed`.
    Failed(String),
    /// Stopped by its instructor after a final checkpoint, or cancelled.
    Stopped,
    /// Handed back to the queue.
    Released,
    /// Dropped without a word (crash drill).
    Abandoned,
}

/// What can end an attempt abnormally.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The store failed, or the lease is gone.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be read or written.
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    /// The trainer refused (message worded for the instructor).
    #[error(transparent)]
    Trainer(#[from] TrainerError),
    /// The album no longer loads (message worded for the instructor).
    #[error("album: {0}")]
    Album(#[from] AlbumError),
    /// The trainer or a backend panicked.
    #[error("panic while training: {0}")]
    Panic(String),
}

/// Everything one attempt needs.
pub struct Attempt<'a> {
    /// Records progress.
    pub(crate) reporter: Reporter<'a>,
    /// The job's settings.
    pub spec: &'a JobSpec,
    /// The job's folder.
    pub dir: &'a JobDir,
    /// State file to resume from (relative to `dir`), if any.
    pub resume_state: Option<&'a str>,
    /// The base painter's `.safetensors` bytes.
    pub base: &'a [u8],
    /// The album's zip bytes.
    pub album: &'a [u8],
    /// Set by the worker: see [`control`].
    pub control: &'a AtomicU8,
    /// Shown on the job: which backend trains.
    pub device_name: &'a str,
    /// URL prefix of the job's files (`/api/jobs/ID`).
    pub url: String,
}

/// Runs the attempt on backend `B`.
pub fn run<B: AutodiffBackend>(a: &mut Attempt<'_>, device: B::Device) -> Result<Ending, RunError> {
    let spec = a.spec;
    let (painter, shape) = weights::load::<B>(a.base, &device)?;
    let base_hash = weights::hash(a.base)?;
    let size = u32::try_from(shape.image_size).unwrap_or(u32::MAX);
    let mut options = AlbumOptions::new(spec.kind, size);
    if let Some(caption) = &spec.default_caption {
        options = options.with_default_caption(caption.clone());
    }
    let examples = album::load_zip(a.album, &options)?.training_examples();
    let lora = spec.lora_config();
    lora.validate()?;
    let mut run = match a.resume_state {
        Some(state) => {
            let bytes = std::fs::read(a.dir.path(state))?;
            Trainer::resume(painter, &shape, examples.clone(), &bytes)?
        }
        None => {
            let adapter = lora.init::<B>(&shape, spec.seed, &device);
            Trainer::new(painter, adapter, examples.clone(), spec.train_config())?
        }
    };
    let tokenizer = Tokenizer::default();
    let prompts = spec
        .validation_prompts
        .iter()
        .map(|p| tokenizer.encode(p))
        .collect::<Result<Vec<_>, _>>()?;
    let validation = ValidationSet::<B::InnerBackend>::for_album(
        &examples,
        shape.image_size,
        spec.seed,
        &device,
    )?;
    let meta = |step: u32| LoraMeta {
        preset: preset_name(&shape).into(),
        base_hash: base_hash.clone(),
        rank: lora.rank,
        alpha: lora.alpha,
        targets: lora.targets.clone(),
        trigger: spec.trigger.clone(),
        step,
        seed: spec.seed,
        training_config: serde_json::to_string(&spec.train_config()).unwrap_or_default(),
    };
    let validate = |run: &Trainer<B>| -> Result<NewEvent, RunError> {
        let step = run.steps_done();
        let adapter = run.adapter_valid();
        let painter = run.painter().valid();
        let worn = [Worn::new(&adapter, 1.0)];
        let val_loss: f32 = validation.loss(&painter, &worn).into_scalar().elem();
        let settings = SampleConfig {
            seed: spec.seed,
            ..SampleConfig::default()
        };
        let mut urls = Vec::with_capacity(prompts.len());
        for (index, ids) in prompts.iter().enumerate() {
            let values = sample(&painter, &worn, ids, settings)
                .into_data()
                .to_vec::<f32>();
            let values = values.map_err(|e| TrainerError::Image(format!("{e:?}")))?;
            let picture = RgbImage {
                width: shape.image_size,
                height: shape.image_size,
                pixels: to_rgb8(&values, shape.image_size),
            };
            files::write_atomic(
                &a.dir.path(&JobDir::sample(step, index)),
                &picture.to_png()?,
            )?;
            urls.push(format!(
                "{}/samples/{}",
                a.url,
                files::sample_name(step, index)
            ));
        }
        Ok(NewEvent::new(
            "validation",
            json!({ "step": step, "val_loss": val_loss, "samples": urls }),
        ))
    };
    let token = a.reporter.token;
    let checkpoint =
        |run: &Trainer<B>, reporter: &mut Reporter<'_>| -> Result<Option<StopKind>, RunError> {
            let step = run.steps_done();
            let bytes = file::encode(&run.adapter_valid(), spec.layout(), &meta(step))?;
            files::write_new(&a.dir.path(&JobDir::checkpoint(step)), &bytes)?;
            let state = JobDir::state(step, token);
            files::write_new(&a.dir.path(&state), &run.save_state()?)?;
            reporter.push(NewEvent::new(
                "checkpoint",
                json!({ "step": step, "lora": format!("{}/checkpoints/{step}", a.url) }),
            ));
            Ok(reporter.report(Some((step, state)))?)
        };

    a.reporter
        .store
        .set_device(a.reporter.job_id, token, a.device_name)?;
    if run.steps_done() == 0 && !prompts.is_empty() {
        let event = validate(&run)?;
        a.reporter.push(event);
    }
    let every = |n: u32, step: u32| n > 0 && step.is_multiple_of(n);
    while !run.finished() {
        match a.control.load(Ordering::Acquire) {
            control::ABANDON => return Ok(Ending::Abandoned),
            control::CANCEL => return Ok(Ending::Stopped),
            control::STOP => {
                checkpoint(&run, &mut a.reporter)?;
                a.reporter.finish(
                    JobState::Stopped,
                    Some(&format!(
                        "stopped by the instructor at step {}; resume continues from there",
                        run.steps_done()
                    )),
                )?;
                return Ok(Ending::Stopped);
            }
            control::RELEASE => {
                checkpoint(&run, &mut a.reporter)?;
                let events = a.reporter.store.release(a.reporter.job_id, token)?;
                a.reporter.hub.publish(events);
                return Ok(Ending::Released);
            }
            _ => {}
        }
        match run.step() {
            Ok(StepEvent::Applied { step, loss, lr }) => a.reporter.step(step, loss, lr),
            Ok(StepEvent::Skipped { step, loss }) => a.reporter.skipped(step, loss),
            Err(error @ TrainerError::NonFinite { .. }) => {
                let reason = error.to_string();
                a.reporter.finish(JobState::Failed, Some(&reason))?;
                return Ok(Ending::Failed(reason));
            }
            Err(error) => return Err(error.into()),
        }
        let step = run.steps_done();
        if every(spec.validation_every, step) || run.finished() {
            let event = validate(&run)?;
            a.reporter.push(event);
        }
        let asked = if every(spec.checkpoint_every, step) || run.finished() {
            checkpoint(&run, &mut a.reporter)?
        } else {
            a.reporter.maybe_report()?
        };
        if asked == Some(StopKind::Stop) && !run.finished() {
            // Only raise: a shutdown or cancel already asked for stays.
            let _ = a.control.compare_exchange(
                control::RUN,
                control::STOP,
                Ordering::AcqRel,
                Ordering::Acquire,
            );
        }
    }
    let finished: LoraAdapter<B::InnerBackend> = match run.ema_adapter() {
        Some(average) => average.clone(),
        None => run.adapter_valid(),
    };
    let bytes = file::encode(&finished, spec.layout(), &meta(run.steps_done()))?;
    files::write_atomic(&a.dir.path(JobDir::FINAL), &bytes)?;
    a.reporter.finish(JobState::Succeeded, None)?;
    Ok(Ending::Succeeded)
}

/// The preset a painter's shape matches (`tiny`, `small`), else `custom`.
pub fn preset_name(shape: &PainterConfig) -> &'static str {
    if *shape == PainterConfig::tiny() {
        "tiny"
    } else if *shape == PainterConfig::small() {
        "small"
    } else {
        "custom"
    }
}
