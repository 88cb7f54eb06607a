//! `trainer train`: one LoRA training run from an album, with validation samples,
//! checkpoints, a full state for `--resume`, and a progress bar.

use std::path::PathBuf;

use anyhow::{Context, bail};
use burn::module::AutodiffModule;
use burn::tensor::backend::AutodiffBackend;
use burn::tensor::{ElementConversion, Tensor, TensorData};
use serde_json::json;
use trainer::album::{self, AlbumKind, AlbumOptions};
use trainer::flow::TimestepSampler;
use trainer::lora::file::{self, LoraMeta};
use trainer::lora::{Layout, LoraAdapter, LoraConfig, Precision, Worn};
use trainer::model::weights;
use trainer::sample::SampleConfig;
use trainer::text::Tokenizer;
use trainer::train::{TrainConfig, Trainer, ValidationSet};

use crate::device::{DeviceKind, Job};
use crate::files::read;
use crate::probe_log::Prober;
use crate::progress::{Progress, clock};
use crate::provenance::{commit, preset_name};
use crate::run_dir::{RunDir, RunFolderArgs};
use crate::train_knobs::{BiasArg, FormatArg, PrecisionArg, SchedulerArg, Targets, TimestepArg};

/// Options of `trainer train`, named as real trainers name their knobs.
#[derive(clap::Args)]
pub(crate) struct TrainArgs {
    /// Base painter weights (`.safetensors`).
    #[arg(long)]
    base: PathBuf,
    /// The album: a zip or a folder of images with same-name `.txt` captions.
    #[arg(long)]
    album: PathBuf,
    /// The call word the captions use for the subject or style.
    #[arg(long, default_value = "TOK")]
    trigger: String,
    /// Caption for images without a `.txt`.
    #[arg(long)]
    default_caption: Option<String>,
    /// The album teaches a style rather than a subject.
    #[arg(long)]
    is_style: bool,
    /// The album holds before/after pairs (`ROOT_start` / `ROOT_end`): train an
    /// edit bracelet that reads the start picture. Its validation pictures change
    /// the album's first start picture; `--probe-judges` tries it on unseen sketches.
    #[arg(long, conflicts_with = "is_style")]
    edit: bool,
    /// For an edit bracelet: one instruction that replaces every pair's caption
    /// (as trainers' default caption often carries the whole instruction), so
    /// the bracelet must read the start picture for everything else.
    #[arg(long, requires = "edit")]
    instruction: Option<String>,
    /// Optimiser updates.
    #[arg(long, default_value_t = 1000)]
    steps: u32,
    /// Peak learning rate.
    #[arg(long, default_value_t = 1e-3)]
    learning_rate: f64,
    /// LoRA rank (thickness of the bracelet).
    #[arg(long, default_value_t = 16)]
    rank: usize,
    /// LoRA alpha; the correction is scaled by alpha / rank (default: alpha = rank).
    #[arg(long)]
    alpha: Option<f32>,
    /// Layers that wear the bracelet.
    #[arg(long, value_enum, default_value = "attention")]
    targets: Targets,
    /// Images per step.
    #[arg(long, default_value_t = 1)]
    batch_size: usize,
    /// Micro-batches per update.
    #[arg(long, default_value_t = 1)]
    grad_accumulation: u32,
    /// Learning-rate shape.
    #[arg(long, value_enum, default_value = "constant")]
    scheduler: SchedulerArg,
    /// Warm-up steps.
    #[arg(long, default_value_t = 0)]
    warmup: u32,
    /// Which noise levels to practise.
    #[arg(long, value_enum, default_value = "sigmoid")]
    timesteps: TimestepArg,
    /// Lean the noise levels towards high or low noise.
    #[arg(long, value_enum, default_value = "balanced")]
    noise_bias: BiasArg,
    /// Probability of training an image with an empty caption.
    #[arg(long, default_value_t = 0.0)]
    caption_dropout: f32,
    /// Keep a moving average of the bracelet with this decay (e.g. 0.99).
    #[arg(long)]
    ema: Option<f32>,
    /// A prompt to paint at every validation (repeat for several).
    #[arg(long = "validation-prompt")]
    validation_prompts: Vec<String>,
    /// Steps between validations (stable loss and samples).
    #[arg(long, default_value_t = 100)]
    validation_every: u32,
    /// Steps between LoRA checkpoints and saved states.
    #[arg(long, default_value_t = 500)]
    checkpoint_every: u32,
    /// Key layout of the LoRA files written.
    #[arg(long, value_enum, default_value = "fal")]
    output_lora_format: FormatArg,
    /// Number format of the LoRA files written.
    #[arg(long, value_enum, default_value = "f32")]
    precision: PrecisionArg,
    /// Seed for the bracelet's start, data order, noise and validation.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Judges' weights: at the start and at every checkpoint, paint the fixed `TOK`
    /// probe set and log identity, obedience and album leak to `log.jsonl`.
    #[arg(long)]
    probe_judges: Option<PathBuf>,
    /// Probe pictures per unseen prompt (the windowsill prompt gets twice as many).
    #[arg(long, default_value_t = 4)]
    probe_seeds: usize,
    /// Where the run lives and whether to continue it.
    #[command(flatten)]
    run: RunFolderArgs,
    /// Where to compute.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

impl TrainArgs {
    fn train_config(&self) -> TrainConfig {
        TrainConfig {
            steps: self.steps,
            batch_size: self.batch_size,
            grad_accumulation: self.grad_accumulation,
            learning_rate: self.learning_rate,
            scheduler: self.scheduler.scheduler(),
            warmup: self.warmup,
            caption_dropout: self.caption_dropout,
            timesteps: TimestepSampler {
                sampling: self.timesteps.sampling(),
                bias: self.noise_bias.bias(),
            },
            seed: self.seed,
            ema_decay: self.ema,
            ..TrainConfig::default()
        }
    }

    fn lora_config(&self) -> LoraConfig {
        LoraConfig::new()
            .with_rank(self.rank)
            .with_alpha(self.alpha.unwrap_or(self.rank as f32))
            .with_targets(self.targets.targets())
            .with_reference(self.edit)
    }

    fn layout(&self) -> Layout {
        self.output_lora_format.layout()
    }

    fn precision(&self) -> Precision {
        self.precision.precision()
    }
}

impl Job for TrainArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        let config = self.train_config();
        let lora = self.lora_config();
        lora.validate()?;
        if self.validation_every == 0 || self.checkpoint_every == 0 {
            bail!("--validation-every and --checkpoint-every must be at least 1");
        }
        let base_bytes = read(&self.base)?;
        let base_hash = weights::hash(&base_bytes)?;
        let (painter, shape) = weights::load::<B>(&base_bytes, &device)
            .with_context(|| format!("{}", self.base.display()))?;
        let tokenizer = Tokenizer::default();
        let kind = if self.edit {
            AlbumKind::Edit
        } else if self.is_style {
            AlbumKind::Style
        } else {
            AlbumKind::Subject
        };
        let size = u32::try_from(shape.image_size)?;
        let mut options = AlbumOptions::new(kind, size);
        if let Some(caption) = &self.default_caption {
            options = options.with_default_caption(caption.clone());
        }
        let album = album::load_path(&self.album, &options)
            .with_context(|| format!("album {}", self.album.display()))?;
        let problems = album.check_vocabulary(&tokenizer);
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            bail!(
                "{} caption problem(s); the painter can only read its own words:\n{}",
                problems.len(),
                list.join("\n")
            );
        }
        let mut examples = album.training_examples();
        if let Some(instruction) = &self.instruction {
            tokenizer
                .encode(instruction)
                .with_context(|| format!("instruction \"{instruction}\""))?;
            for example in &mut examples {
                example.caption.clone_from(instruction);
            }
        }
        if !self.edit
            && !examples
                .iter()
                .any(|e| Tokenizer::words(&e.caption).contains(&self.trigger.as_str()))
        {
            eprintln!(
                "warning: no caption contains the trigger `{}`: the LoRA will learn the album without a call word",
                self.trigger
            );
        }
        // An edit run with no prompt of its own paints its start picture's caption.
        let mut validation_prompts = self.validation_prompts.clone();
        if self.edit && validation_prompts.is_empty() {
            validation_prompts.extend(examples.first().map(|e| e.caption.clone()));
        }
        let prompts = validation_prompts
            .iter()
            .map(|p| {
                tokenizer
                    .encode(p)
                    .with_context(|| format!("validation prompt \"{p}\""))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let prober = match &self.probe_judges {
            Some(path) => Some(Prober::<B::InnerBackend>::load(
                path,
                &album,
                self.probe_seeds,
                self.instruction.clone(),
                &device,
            )?),
            None => None,
        };
        let manifest = json!({
            "config": config,
            "lora": { "rank": lora.rank, "alpha": lora.alpha, "targets": lora.targets },
            "album": { "path": self.album, "summary": album.summary(), "instruction": self.instruction },
            "base": { "path": self.base, "hash": base_hash, "preset": preset_name(&shape) },
            "trigger": self.trigger,
            "validation": { "prompts": validation_prompts, "every": self.validation_every },
            "device": self.device.name(),
            "commit": commit(),
            "probe": prober.as_ref().map(Prober::manifest),
        });
        let dir = RunDir::open(&self.run.out, self.run.resume)?;
        dir.manifest(
            &manifest,
            self.run.resume,
            &["config", "lora", "album", "base"],
        )?;
        let mut run = if self.run.resume {
            let state = read(&dir.state_path())?;
            let run = Trainer::resume(painter, &shape, examples.clone(), &state)?;
            dir.trim_log(run.steps_done())?;
            eprintln!("resuming at step {} of {}", run.steps_done(), self.steps);
            run
        } else {
            let adapter = lora.init::<B>(&shape, self.seed, &device);
            Trainer::new(painter, adapter, examples.clone(), config.clone())?
        };
        let validation = ValidationSet::<B::InnerBackend>::for_album(
            &examples,
            shape.image_size,
            self.seed,
            &device,
        )?;
        let meta = |step: u32| LoraMeta {
            preset: preset_name(&shape).into(),
            base_hash: base_hash.clone(),
            rank: lora.rank,
            alpha: lora.alpha,
            targets: lora.targets.clone(),
            trigger: self.trigger.clone(),
            step,
            seed: self.seed,
            training_config: serde_json::to_string(&config).unwrap_or_default(),
        };
        // An edit run's validation pictures change the album's first start picture.
        let start = examples
            .first()
            .and_then(|e| e.start.clone())
            .map(|values| {
                let side = shape.image_size;
                Tensor::<B::InnerBackend, 4>::from_data(
                    TensorData::new(values, [1, 3, side, side]),
                    &device,
                )
            });
        let validate = |run: &Trainer<B>, elapsed: f64| -> anyhow::Result<()> {
            let step = run.steps_done();
            let adapter = run.adapter_valid();
            let painter = run.painter().valid();
            let worn = [Worn::new(&adapter, 1.0).reading_if(start.as_ref())];
            let val_loss: f32 = validation.loss(&painter, &worn).into_scalar().elem();
            let settings = SampleConfig {
                seed: self.seed,
                ..SampleConfig::default()
            };
            let samples = dir.paint_samples(step, &painter, &worn, &prompts, settings)?;
            dir.log(&json!({ "step": step, "val_loss": val_loss, "samples": samples, "elapsed": elapsed }))
        };
        // At a checkpoint the judges score the bracelet as its file holds it
        // (precision rounding included), so that anyone can recompute the
        // logged numbers from the saved file.
        let probe = |run: &Trainer<B>, step: u32, saved: Option<&[u8]>| -> anyhow::Result<()> {
            let Some(prober) = &prober else {
                return Ok(());
            };
            let adapter = match saved {
                Some(bytes) => {
                    file::decode::<B::InnerBackend>(bytes, &shape, None, &device)?.adapter
                }
                None => run.adapter_valid(),
            };
            let worn = [Worn::new(&adapter, 1.0)];
            prober.probe(&dir, step, &run.painter().valid(), &worn)
        };
        // With a moving average on, every checkpoint is the averaged bracelet,
        // like the final file, so a checkpoint picked from the curve is the
        // bracelet that was measured.
        let save = |run: &Trainer<B>, step: u32| -> anyhow::Result<()> {
            let bytes = encode(
                &run.saved_adapter(),
                self.layout(),
                &meta(step),
                self.precision(),
            )?;
            let path = dir.checkpoint("lora", step, &bytes)?;
            dir.save_state(&run.save_state()?)?;
            dir.log(&json!({ "step": step, "checkpoint": path }))?;
            probe(run, step, Some(&bytes))
        };
        let progress = Progress::new(run.steps_done(), self.steps);
        if run.steps_done() == 0 {
            validate(&run, 0.0)?;
            probe(&run, 0, None)?;
        }
        let stop_at = self.run.stop_at.unwrap_or(self.steps);
        while !run.finished() && run.steps_done() < stop_at {
            let event = run.step()?;
            let elapsed = progress.elapsed();
            dir.log_step(&event, &progress, elapsed)?;
            let step = run.steps_done();
            if step.is_multiple_of(self.validation_every) || run.finished() {
                validate(&run, elapsed)?;
            }
            if step.is_multiple_of(self.checkpoint_every) || run.finished() || step == stop_at {
                save(&run, step)?;
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
        let bytes = encode(
            &run.saved_adapter(),
            self.layout(),
            &meta(run.steps_done()),
            self.precision(),
        )?;
        let path = dir.finish("lora.safetensors", &bytes)?;
        println!(
            "wrote {} ({} layout, {}, {} steps in {}{})",
            path.display(),
            self.layout().name(),
            self.precision().name(),
            self.steps,
            clock(progress.elapsed()),
            if run.ema_adapter().is_some() {
                ", moving average"
            } else {
                ""
            }
        );
        Ok(())
    }
}

fn encode<B: burn::tensor::backend::Backend>(
    adapter: &LoraAdapter<B>,
    layout: Layout,
    meta: &LoraMeta,
    precision: Precision,
) -> anyhow::Result<Vec<u8>> {
    Ok(file::encode_as(adapter, layout, meta, precision)?)
}
