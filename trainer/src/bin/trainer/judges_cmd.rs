//! `trainer judges`: training the judges on freshly rendered pictures and grading
//! the shipped ones.
//!
//! `train` renders on a second thread while the network trains on the first, fits
//! the `TOK` temperature on held-out set 1, grades the `f16` weights as saved on
//! held-out set 0 (clean and damaged) and writes `judges.safetensors` with a
//! `manifest.json` beside it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context, bail};
use burn::module::Module;
use burn::tensor::backend::{AutodiffBackend, Backend};
use serde_json::json;
use trainer::judge::data::{Mix, Stream, held_out};
use trainer::judge::eval::tok_logits;
use trainer::judge::{
    Augment, BARS, GradingSet, JudgeConfig, JudgeTrainConfig, JudgeTrainer, Judges,
    fit_temperature, grade,
};
use trainer::lora::Precision;

use crate::device::{DeviceKind, Job};

const WEIGHTS: &str = "judges.safetensors";

/// `trainer judges …`.
#[derive(clap::Subcommand)]
pub(crate) enum JudgesCommand {
    /// Train the judges and write weights and manifest to `--out`.
    Train(TrainJudgesArgs),
    /// Grade judges on the fixed held-out pictures, clean and damaged.
    Eval(EvalJudgesArgs),
}

/// Options of `trainer judges train`.
#[derive(clap::Args)]
pub(crate) struct TrainJudgesArgs {
    /// Folder for `judges.safetensors` and `manifest.json`.
    #[arg(long, default_value = "assets/judges")]
    out: PathBuf,
    /// Optimiser updates.
    #[arg(long, default_value_t = JudgeTrainConfig::default().steps)]
    steps: u32,
    /// Pictures per update.
    #[arg(long, default_value_t = JudgeTrainConfig::default().batch_size)]
    batch_size: usize,
    /// Peak learning rate.
    #[arg(long, default_value_t = JudgeTrainConfig::default().learning_rate)]
    learning_rate: f64,
    /// Seeds the weights and the picture stream.
    #[arg(long, default_value_t = JudgeTrainConfig::default().seed)]
    seed: u64,
    /// Mixed held-out pictures to grade on (plus a third as many figurines).
    #[arg(long, default_value_t = 1200)]
    grade: usize,
    /// Continue from these judges' weights (their shape wins over --widths)
    /// instead of fresh ones; the stream is still seeded by --seed.
    #[arg(long)]
    init: Option<PathBuf>,
    /// Warm-up steps.
    #[arg(long, default_value_t = JudgeTrainConfig::default().warmup)]
    warmup: u32,
    /// Channels of the three convolution stages.
    #[arg(long, value_delimiter = ',', default_values_t = JudgeConfig::new().widths)]
    widths: Vec<usize>,
    /// Where to compute.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

/// Options of `trainer judges eval`.
#[derive(clap::Args)]
pub(crate) struct EvalJudgesArgs {
    /// The judges' weights.
    #[arg(long, default_value = "assets/judges/judges.safetensors")]
    weights: PathBuf,
    /// Mixed held-out pictures to grade on (plus a third as many figurines).
    #[arg(long, default_value_t = 1200)]
    count: usize,
    /// Which held-out set: 0 is the one training runs report on, 1 calibrates
    /// the `TOK` temperature, 2 is the test suite's; any other number is a
    /// fresh set no run has looked at.
    #[arg(long, default_value_t = 0)]
    set: u64,
    /// Where to compute.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

/// Runs a `trainer judges` command.
pub(crate) fn run(command: JudgesCommand) -> anyhow::Result<()> {
    match command {
        JudgesCommand::Train(args) => crate::device::dispatch(args.device, args),
        JudgesCommand::Eval(args) => crate::device::dispatch(args.device, args),
    }
}

/// Both grades of `judges` on held-out set `set`, printed.
fn grade_both<B: Backend>(
    judges: &Judges<B>,
    set: u64,
    count: usize,
) -> anyhow::Result<(trainer::judge::Accuracy, trainer::judge::Accuracy)> {
    let clean = grade(judges, &GradingSet::new(set, count, count / 3, None)?);
    let harsh = grade(
        judges,
        &GradingSet::new(set, count, count / 3, Some(Augment::HARSH))?,
    );
    println!("clean:          {}", clean.line());
    println!("noisy/blurred:  {}", harsh.line());
    for (name, accuracy) in [("clean", clean), ("noisy/blurred", harsh)] {
        let short = accuracy.shortfalls(&BARS);
        if !short.is_empty() {
            println!("below the bars ({name}): {}", short.join(", "));
        }
    }
    Ok((clean, harsh))
}

impl Job for EvalJudgesArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        let bytes = std::fs::read(&self.weights)
            .with_context(|| format!("cannot read {}", self.weights.display()))?;
        let judges = Judges::<B::InnerBackend>::load(&bytes, &device)?;
        println!(
            "{}: {} parameters, TOK temperature {:.3}",
            self.weights.display(),
            judges.net().num_params(),
            judges.temperature()
        );
        println!("held-out set {}", self.set);
        grade_both(&judges, self.set, self.count)?;
        let set = GradingSet::new(self.set, self.count, 0, None)?;
        let rows = trainer::judge::eval::subject_breakdown(&judges, &set);
        let parts: Vec<String> = rows
            .iter()
            .map(|(name, right, n)| {
                format!(
                    "{name} {:.1}% of {n}",
                    100.0 * *right as f32 / (*n).max(1) as f32
                )
            })
            .collect();
        println!("subject kind, clean, by condition: {}", parts.join(", "));
        let confusions = trainer::judge::eval::subject_confusions(&judges, &set);
        let top: Vec<String> = confusions
            .iter()
            .take(8)
            .map(|(truth, judged, n)| format!("{} as {} ×{n}", truth.name(), judged.name()))
            .collect();
        println!("most confused (clean): {}", top.join(", "));
        Ok(())
    }
}

impl Job for TrainJudgesArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        if self.steps == 0 || self.batch_size == 0 {
            bail!("--steps and --batch-size must be at least 1");
        }
        let start = Instant::now();
        let Ok(widths) = <[usize; 3]>::try_from(self.widths.as_slice()) else {
            bail!("--widths takes three numbers, e.g. 32,64,128");
        };
        let config = JudgeTrainConfig {
            steps: self.steps,
            batch_size: self.batch_size,
            learning_rate: self.learning_rate,
            warmup: self.warmup,
            seed: self.seed,
            ..JudgeTrainConfig::default()
        };
        let (shape, mut trainer) = match &self.init {
            Some(path) => {
                let bytes = std::fs::read(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let start = Judges::<B>::load(&bytes, &device)?;
                let shape = start.config().clone();
                (
                    shape,
                    JudgeTrainer::from_net(start.net().clone(), config.clone())?,
                )
            }
            None => {
                let shape = JudgeConfig::new().with_widths(widths);
                let trainer = JudgeTrainer::<B>::new(&shape, config.clone(), &device)?;
                (shape, trainer)
            }
        };
        // Render on another thread, a few batches ahead of the optimiser.
        let (send, batches) = mpsc::sync_channel(4);
        let (steps, size, seed) = (self.steps, self.batch_size, self.seed);
        let renderer = std::thread::spawn(move || {
            let mut stream = Stream::new(seed, Augment::TRAINING);
            for _ in 0..steps {
                if send.send(stream.batch(size)).is_err() {
                    break;
                }
            }
        });
        let every = (self.steps / 40).max(1);
        let (mut loss_sum, mut right_sum) = (0.0f32, 0.0f32);
        for batch in batches.iter() {
            let report = trainer.step(&batch?)?;
            loss_sum += report.loss;
            right_sum += report.all_right;
            if report.step.is_multiple_of(every) || report.step == self.steps {
                eprintln!(
                    "step {:>5}/{}  loss {:.4}  all three right {:.1}%  lr {:.2e}  {:.0}s",
                    report.step,
                    self.steps,
                    loss_sum / every as f32,
                    100.0 * right_sum / every as f32,
                    report.lr,
                    start.elapsed().as_secs_f64()
                );
                (loss_sum, right_sum) = (0.0, 0.0);
            }
        }
        if renderer.join().is_err() {
            bail!("the rendering thread stopped unexpectedly");
        }
        let train_seconds = start.elapsed().as_secs_f64();
        // A continued run counts the steps and time of the runs before it.
        let before = self
            .init
            .as_ref()
            .and_then(|p| std::fs::read(p.with_file_name("manifest.json")).ok())
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        let earlier = |total: &str, own: &str| {
            before
                .as_ref()
                .and_then(|m| m[total].as_f64().or_else(|| m[own].as_f64()))
                .unwrap_or(0.0)
        };
        let total_steps = earlier("total_steps", "steps") + f64::from(self.steps);
        let total_train_seconds = earlier("total_train_seconds", "train_seconds") + train_seconds;
        let net = trainer.finish(&held_out(Mix::Judges, 7, 512, None)?);
        let raw = Judges::new(net, shape.clone(), 1.0);
        let calibration_set = GradingSet::new(1, 600, 300, Some(Augment::TRAINING))?;
        let (logits, labels) = tok_logits(&raw, &calibration_set);
        let calibration = fit_temperature(&logits, &labels);
        println!(
            "TOK temperature {:.3} (on {} held-out pictures): NLL {:.4} → {:.4}, ECE {:.4} → {:.4}, Brier {:.4}",
            calibration.temperature,
            calibration.count,
            calibration.nll_before,
            calibration.nll_after,
            calibration.ece_before,
            calibration.ece_after,
            calibration.brier_after
        );
        let bytes = raw
            .with_temperature(calibration.temperature)
            .save(Precision::F16)?;
        // Grade what ships: the f16 weights read back.
        let shipped = Judges::<B::InnerBackend>::load(&bytes, &device)?;
        let (clean, harsh) = grade_both(&shipped, 0, self.grade)?;
        let eval_set = GradingSet::new(0, self.grade, self.grade / 3, None)?;
        let (logits, labels) = tok_logits(&shipped, &eval_set);
        let held = fit_temperature(&logits, &labels);
        let probs: Vec<f32> = logits
            .iter()
            .map(|z| trainer::judge::calibrate::sigmoid(z / shipped.temperature()))
            .collect();
        let eval_ece = trainer::judge::calibrate::ece(&probs, &labels);
        std::fs::create_dir_all(&self.out)
            .with_context(|| format!("cannot create {}", self.out.display()))?;
        let weights_path = self.out.join(WEIGHTS);
        std::fs::write(&weights_path, &bytes)
            .with_context(|| format!("cannot write {}", weights_path.display()))?;
        let manifest = json!({
            "weights": WEIGHTS,
            "bytes": bytes.len(),
            "precision": "f16",
            "parameters": shipped.net().num_params(),
            "input": "32x32 RGB in [-1, 1]; larger square pictures are area-averaged down",
            "config": shape,
            "training": config,
            "augmentation": Augment::TRAINING,
            "seed": self.seed,
            "command": std::env::args().collect::<Vec<_>>().join(" "),
            "continued_from": self.init.as_ref().map(|p| p.display().to_string()),
            // The manifest of the weights this run started from, so a chain of
            // continued runs keeps every link's settings and grades.
            "previous": before,
            "steps": self.steps,
            "train_seconds": train_seconds,
            "total_steps": total_steps,
            "total_train_seconds": total_train_seconds,
            "wall_seconds": start.elapsed().as_secs_f64(),
            "device": self.device.name(),
            "git_commit": git_commit(),
            "calibration": calibration,
            "calibration_set": "held-out set 1: 600 mixed + 300 figurines, training augmentation",
            "eval_ece_clean": eval_ece,
            "eval_nll_clean": held.nll_before,
            "graded_on": format!("held-out set 0: {} mixed + {} figurines", self.grade, self.grade / 3),
            "accuracy_clean": clean,
            "accuracy_noisy_blurred": harsh,
            "noisy_blurred": Augment::HARSH,
            "bars": BARS,
        });
        let manifest_path = self.out.join("manifest.json");
        write_json(&manifest_path, &manifest)?;
        println!(
            "wrote {} ({} bytes) and {} in {:.0} s",
            weights_path.display(),
            bytes.len(),
            manifest_path.display(),
            start.elapsed().as_secs_f64()
        );
        Ok(())
    }
}

fn write_json(path: &Path, value: &serde_json::Value) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(&tidy(value.clone()))?;
    std::fs::write(path, text + "\n").with_context(|| format!("cannot write {}", path.display()))
}

/// `value` with every fractional number rounded to 5 significant digits, so
/// `f32`s widened to `f64` read as written (0.95, not 0.949999988079071).
fn tidy(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap_or_default();
            if x == 0.0 || !x.is_finite() {
                return Value::from(x);
            }
            let scale = 10f64.powi(4 - x.abs().log10().floor() as i32);
            let rounded = (x * scale).round() / scale;
            // Printing through f32 drops the binary noise the rounding leaves.
            Value::from(
                format!("{}", rounded as f32)
                    .parse::<f64>()
                    .unwrap_or(rounded),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(tidy).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, tidy(v))).collect()),
        other => other,
    }
}

/// The commit the code was built from, or `unknown` outside a git checkout.
fn git_commit() -> String {
    let dirty = std::process::Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .map(|o| !o.stdout.is_empty())
        .unwrap_or(false);
    std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .map(|c| if dirty { format!("{c}-dirty") } else { c })
        .unwrap_or_else(|| "unknown".into())
}
