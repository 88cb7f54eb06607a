//! `trainer pretrain`: the base painter learns the miniature world from scratch,
//! with validation samples, checkpoints, a full state for `--resume`, and at the
//! end `base.safetensors` with a `manifest.json` saying how it was made.

use std::path::PathBuf;

use anyhow::{Context, bail};
use burn::tensor::ElementConversion;
use burn::tensor::backend::AutodiffBackend;
use serde_json::json;
use trainer::model::weights;
use trainer::pretrain::world_data::{
    PROMPT_SEED, VALIDATION_IMAGES, VALIDATION_LEVELS, VALIDATION_SEED,
};
use trainer::pretrain::{PretrainConfig, Pretrainer, world_validation_set};
use trainer::sample::SampleConfig;
use trainer::text::Tokenizer;
use trainer::world::WorldSampler;

use crate::device::{DeviceKind, Job};
use crate::files::read;
use crate::progress::{Progress, clock};
use crate::provenance::{Preset, command_line, commit, preset_name};
use crate::run_dir::{RunDir, RunFolderArgs};
use crate::sample_cmd::write_png;

/// Options of `trainer pretrain`.
#[derive(clap::Args)]
pub(crate) struct PretrainArgs {
    /// The painter to pretrain: `tiny` (32×32) or `small` (64×64).
    #[arg(long, value_enum, default_value = "tiny")]
    preset: Preset,
    /// Optimiser updates.
    #[arg(long, default_value_t = 50_000)]
    steps: u32,
    /// World pictures per update.
    #[arg(long, default_value_t = 32)]
    batch_size: usize,
    /// Peak learning rate (linear warm-up, then cosine to a tenth of it).
    #[arg(long, default_value_t = 5e-4)]
    learning_rate: f64,
    /// Warm-up steps.
    #[arg(long, default_value_t = 500)]
    warmup: u32,
    /// AdamW weight decay (the call words' embeddings are always kept as they are).
    #[arg(long, default_value_t = 0.01)]
    weight_decay: f32,
    /// Probability of training a picture with an empty caption (for guidance).
    #[arg(long, default_value_t = 0.1)]
    caption_dropout: f32,
    /// Extra loss weight on the subject's pixels (0: every pixel the same); the
    /// subject is a tenth of a 32-pixel picture and learns slowest.
    #[arg(long, default_value_t = 0.0)]
    subject_weight: f32,
    /// Seed of the initial weights, the world stream, the noise and the samples.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Start from these base weights instead of fresh ones: a further stage of
    /// pretraining, with a new optimiser and schedule (give it another `--seed`
    /// so that the world stream differs from the earlier stage's).
    #[arg(long)]
    init: Option<PathBuf>,
    /// Where the run lives and whether to continue it.
    #[command(flatten)]
    run: RunFolderArgs,
    /// Steps between saved states and base checkpoints.
    #[arg(long, default_value_t = 1000)]
    checkpoint_every: u32,
    /// Steps between validations (stable loss and samples).
    #[arg(long, default_value_t = 500)]
    validation_every: u32,
    /// Where to compute.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

/// World prompts painted at every validation.
const PROMPTS: usize = 4;

impl PretrainArgs {
    fn config(&self) -> PretrainConfig {
        PretrainConfig {
            steps: self.steps,
            batch_size: self.batch_size,
            learning_rate: self.learning_rate,
            warmup: self.warmup,
            weight_decay: self.weight_decay,
            caption_dropout: self.caption_dropout,
            subject_weight: self.subject_weight,
            seed: self.seed,
            ..PretrainConfig::default()
        }
    }
}

impl Job for PretrainArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        let config = self.config();
        config.validate()?;
        if self.validation_every == 0 || self.checkpoint_every == 0 {
            bail!("--validation-every and --checkpoint-every must be at least 1");
        }
        let shape = self.preset.shape();
        let size = shape.image_size;
        let data = json!({
            "stream": "WorldSampler::pretraining (no TOK, no TOKSTYLE)",
            "seed": self.seed,
            "size": size,
            "rendered": "on the fly, one new picture per batch slot",
            "caption_dropout": self.caption_dropout,
            "subject_weight": self.subject_weight,
            "timesteps": config.timesteps,
            "validation": {
                "seed": VALIDATION_SEED,
                "images": VALIDATION_IMAGES,
                "levels": VALIDATION_LEVELS,
            },
        });
        let init = match &self.init {
            Some(path) => Some((path, read(path)?)),
            None => None,
        };
        let painter = json!({
            "preset": preset_name(&shape),
            "shape": shape,
            "init": match &init {
                Some((path, bytes)) => json!({ "path": path, "hash": weights::hash(bytes)? }),
                None => serde_json::Value::Null,
            },
        });
        let manifest = json!({
            "command": command_line(),
            "config": config,
            "painter": painter,
            "data": data,
            "validation_every": self.validation_every,
            "device": self.device.name(),
            "commit": commit(),
        });
        let dir = RunDir::open(&self.run.out, self.run.resume)?;
        dir.manifest(&manifest, self.run.resume, &["config", "painter", "data"])?;
        let mut run = if self.run.resume {
            let run = Pretrainer::<B>::resume(&read(&dir.state_path())?, &device)?;
            dir.trim_log(run.steps_done())?;
            eprintln!("resuming at step {} of {}", run.steps_done(), self.steps);
            run
        } else {
            B::seed(&device, self.seed);
            let painter = match &init {
                Some((path, bytes)) => {
                    let (painter, found) = weights::load::<B>(bytes, &device)
                        .with_context(|| format!("{}", path.display()))?;
                    if found != shape {
                        bail!(
                            "{} is not a {} painter; pick its --preset",
                            path.display(),
                            preset_name(&shape)
                        );
                    }
                    painter
                }
                None => shape.init::<B>(&device),
            };
            Pretrainer::new(painter, shape.clone(), config.clone())?
        };
        let before = dir.elapsed_before();
        let validation = world_validation_set::<B::InnerBackend>(
            VALIDATION_SEED,
            size,
            VALIDATION_IMAGES,
            VALIDATION_LEVELS,
            &device,
        )?;
        let tokenizer = Tokenizer::default();
        let mut prompts = Vec::with_capacity(PROMPTS);
        let mut captions = Vec::with_capacity(PROMPTS);
        let mut stream = WorldSampler::pretraining(PROMPT_SEED, size);
        for index in 0..PROMPTS {
            let sample = stream.next_sample()?;
            prompts.push(tokenizer.encode(&sample.caption)?);
            captions.push(sample.caption);
            write_png(&dir.reference_path(index), &sample.image)?;
        }
        let validate = |run: &Pretrainer<B>, elapsed: f64| -> anyhow::Result<f32> {
            let step = run.steps_done();
            let painter = run.painter_valid();
            let val_loss: f32 = validation.loss(&painter, &[]).into_scalar().elem();
            let settings = SampleConfig {
                seed: self.seed,
                ..SampleConfig::default()
            };
            let samples = dir.paint_samples(step, &painter, &[], &prompts, settings)?;
            dir.log(&json!({ "step": step, "val_loss": val_loss, "samples": samples, "elapsed": elapsed }))?;
            Ok(val_loss)
        };
        let save = |run: &Pretrainer<B>| -> anyhow::Result<()> {
            let step = run.steps_done();
            let base = weights::save(&run.painter_valid(), run.shape())?;
            let path = dir.checkpoint("base", step, &base)?;
            dir.save_state(&run.save_state()?)?;
            dir.log(&json!({ "step": step, "checkpoint": path }))
        };
        let progress = Progress::new(run.steps_done(), self.steps);
        let mut val_loss = None;
        if run.steps_done() == 0 {
            dir.log(&json!({
                "step": 0,
                "prompts": captions,
            }))?;
            val_loss = Some(validate(&run, 0.0)?);
        }
        let stop_at = self.run.stop_at.unwrap_or(self.steps);
        while !run.finished() && run.steps_done() < stop_at {
            let event = run.step()?;
            let elapsed = before + progress.elapsed();
            dir.log_step(&event, &progress, elapsed)?;
            let step = run.steps_done();
            if step.is_multiple_of(self.validation_every) || run.finished() {
                val_loss = Some(validate(&run, elapsed)?);
            }
            if step.is_multiple_of(self.checkpoint_every) || run.finished() || step == stop_at {
                save(&run)?;
            }
        }
        progress.finish();
        if !run.finished() {
            println!(
                "stopped at step {} of {}; continue with the same command and --resume",
                run.steps_done(),
                self.steps
            );
            return Ok(());
        }
        let val_loss = match val_loss {
            Some(loss) => loss,
            None => validate(&run, before + progress.elapsed())?,
        };
        let bytes = weights::save(&run.painter_valid(), run.shape())?;
        let base_path = dir.finish("base.safetensors", &bytes)?;
        let wall = before + progress.elapsed();
        let summary = json!({
            "base": { "path": base_path, "hash": weights::hash(&bytes)? },
            "painter": painter,
            "config": config,
            "seed": self.seed,
            "steps": run.steps_done(),
            "data": data,
            "final_val_loss": val_loss,
            "wall_time_s": wall,
            "command": dir.started_with().unwrap_or_else(command_line),
            "device": self.device.name(),
            "commit": commit(),
        });
        dir.finish(
            "manifest.json",
            serde_json::to_string_pretty(&summary)?.as_bytes(),
        )?;
        println!(
            "wrote {} ({} painter, {} steps in {}, stable validation loss {val_loss:.4})",
            base_path.display(),
            preset_name(run.shape()),
            run.steps_done(),
            clock(wall)
        );
        Ok(())
    }
}
