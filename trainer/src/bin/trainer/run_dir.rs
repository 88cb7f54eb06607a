//! The folder a training or pretraining run writes into, and the rules that
//! keep it safe.
//!
//! ```text
//! OUT/run.json                      what was asked: config, data, base, device
//! OUT/log.jsonl                     one JSON event per line (steps, validation)
//! OUT/state.safetensors             the latest full training state (for --resume)
//! OUT/checkpoints/lora-step-000500.safetensors   (pretraining: base-step-…)
//! OUT/samples/step-000500-p0.png    validation prompt 0 at step 500
//! OUT/lora.safetensors              the finished bracelet (pretraining:
//!                                   base.safetensors and manifest.json)
//! ```
//!
//! A fresh run refuses a folder that already holds one; `--resume` continues it
//! from its state, trims log lines written after that state, and never rewrites
//! a checkpoint that exists. Every file is written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use burn::tensor::backend::Backend;
use serde_json::{Value, json};
use trainer::lora::Worn;
use trainer::model::Painter;
use trainer::sample::{SampleConfig, sample};
use trainer::train::StepEvent;

use crate::files::write_atomic;
use crate::progress::Progress;
use crate::sample_cmd::{picture, write_png};

/// The flags every training command shares about its run folder.
#[derive(clap::Args)]
pub(crate) struct RunFolderArgs {
    /// The run folder.
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Continue the run in --out from its saved state.
    #[arg(long)]
    pub(crate) resume: bool,
    /// Stop once the run reaches this step, saving a checkpoint and the state so
    /// that `--resume` continues it later.
    #[arg(long)]
    pub(crate) stop_at: Option<u32>,
}

/// An open run folder.
pub(crate) struct RunDir {
    root: PathBuf,
}

impl RunDir {
    /// Opens `root` for a fresh run (`resume == false`) or to continue one.
    pub(crate) fn open(root: &Path, resume: bool) -> anyhow::Result<Self> {
        let dir = Self {
            root: root.to_path_buf(),
        };
        let has_state = dir.state_path().exists();
        match (resume, has_state) {
            (false, true) => bail!(
                "{} already holds a training run: pass --resume to continue it, or choose another --out",
                root.display()
            ),
            (true, false) => bail!(
                "nothing to resume: {} holds no state.safetensors",
                root.display()
            ),
            _ => {}
        }
        for sub in ["checkpoints", "samples"] {
            std::fs::create_dir_all(root.join(sub))
                .with_context(|| format!("cannot create {}", root.join(sub).display()))?;
        }
        Ok(dir)
    }

    /// `OUT/state.safetensors`.
    pub(crate) fn state_path(&self) -> PathBuf {
        self.root.join("state.safetensors")
    }

    /// Writes the manifest; on resume, checks that the run asked for is the same
    /// in every one of `keys`.
    pub(crate) fn manifest(
        &self,
        manifest: &Value,
        resume: bool,
        keys: &[&str],
    ) -> anyhow::Result<()> {
        let path = self.root.join("run.json");
        if resume {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let saved: Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not valid JSON", path.display()))?;
            // Compare as written: an f32 setting reads back from text differently
            // than it converts in memory.
            let manifest: Value = serde_json::from_str(&serde_json::to_string(manifest)?)?;
            for &key in keys {
                if saved.get(key) != manifest.get(key) {
                    bail!(
                        "--resume with different settings: `{key}` differs from {}; start a new run in another --out instead",
                        path.display()
                    );
                }
            }
            return Ok(());
        }
        let text = serde_json::to_string_pretty(manifest)?;
        write_atomic(&path, text.as_bytes())
    }

    /// The command line `run.json` recorded when the run first started (a
    /// resumed run's own command line adds `--resume`).
    pub(crate) fn started_with(&self) -> Option<String> {
        let text = std::fs::read_to_string(self.root.join("run.json")).ok()?;
        let saved: Value = serde_json::from_str(&text).ok()?;
        saved["command"].as_str().map(str::to_owned)
    }

    /// Keeps only log events up to `step` (a resumed run redoes the rest).
    pub(crate) fn trim_log(&self, step: u32) -> anyhow::Result<()> {
        let path = self.root.join("log.jsonl");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(());
        };
        let kept: String = text
            .lines()
            .filter(|line| {
                serde_json::from_str::<Value>(line)
                    .ok()
                    .and_then(|v| v.get("step").and_then(Value::as_u64))
                    .is_some_and(|s| s <= u64::from(step))
            })
            .map(|line| format!("{line}\n"))
            .collect();
        write_atomic(&path, kept.as_bytes())
    }

    /// Appends one event to `log.jsonl`.
    pub(crate) fn log(&self, event: &Value) -> anyhow::Result<()> {
        let path = self.root.join("log.jsonl");
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        writeln!(file, "{event}").with_context(|| format!("cannot write {}", path.display()))
    }

    /// Writes `OUT/checkpoints/KIND-step-NNNNNN.safetensors` unless it exists.
    pub(crate) fn checkpoint(
        &self,
        kind: &str,
        step: u32,
        bytes: &[u8],
    ) -> anyhow::Result<PathBuf> {
        let path = self
            .root
            .join("checkpoints")
            .join(format!("{kind}-step-{step:06}.safetensors"));
        if !path.exists() {
            write_atomic(&path, bytes)?;
        }
        Ok(path)
    }

    /// `OUT/samples/step-NNNNNN-pK.png`.
    pub(crate) fn sample_path(&self, step: u32, prompt: usize) -> PathBuf {
        self.root
            .join("samples")
            .join(format!("step-{step:06}-p{prompt}.png"))
    }

    /// `OUT/samples/probe-NNNNNN.png`: the probe set's pictures at a checkpoint.
    pub(crate) fn probe_path(&self, step: u32) -> PathBuf {
        self.root
            .join("samples")
            .join(format!("probe-{step:06}.png"))
    }

    /// `OUT/samples/reference-pK.png`: what world prompt `K` looks like rendered.
    pub(crate) fn reference_path(&self, prompt: usize) -> PathBuf {
        self.root
            .join("samples")
            .join(format!("reference-p{prompt}.png"))
    }

    /// Writes the latest training state.
    pub(crate) fn save_state(&self, bytes: &[u8]) -> anyhow::Result<()> {
        write_atomic(&self.state_path(), bytes)
    }

    /// Writes the run's result `OUT/NAME` (`lora.safetensors`, `base.safetensors`,
    /// `manifest.json`).
    pub(crate) fn finish(&self, name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
        let path = self.root.join(name);
        write_atomic(&path, bytes)?;
        Ok(path)
    }

    /// Seconds the run had spent before this process, from the log (0 for a
    /// fresh run), so wall times add up across `--resume`.
    pub(crate) fn elapsed_before(&self) -> f64 {
        let Ok(text) = std::fs::read_to_string(self.root.join("log.jsonl")) else {
            return 0.0;
        };
        text.lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter_map(|v| v.get("elapsed").and_then(Value::as_f64))
            .fold(0.0, f64::max)
    }

    /// Shows a step on the progress bar and logs it.
    pub(crate) fn log_step(
        &self,
        event: &StepEvent,
        progress: &Progress,
        elapsed: f64,
    ) -> anyhow::Result<()> {
        match *event {
            StepEvent::Applied { step, loss, lr } => {
                progress.show(step, loss, lr);
                self.log(&json!({ "step": step, "loss": loss, "lr": lr, "elapsed": elapsed }))
            }
            StepEvent::Skipped { step, loss } => {
                eprintln!("\nstep {step}: the loss was {loss}; the update was skipped");
                self.log(&json!({ "step": step, "skipped": loss.to_string(), "elapsed": elapsed }))
            }
        }
    }

    /// Paints each of `prompts` (token ids) with `settings` and writes them as
    /// `samples/step-NNNNNN-pK.png`; returns the paths.
    pub(crate) fn paint_samples<B: Backend>(
        &self,
        step: u32,
        painter: &Painter<B>,
        loras: &[Worn<'_, B>],
        prompts: &[Vec<u32>],
        settings: SampleConfig,
    ) -> anyhow::Result<Vec<PathBuf>> {
        let mut paths = Vec::with_capacity(prompts.len());
        for (index, ids) in prompts.iter().enumerate() {
            let image = sample(painter, loras, ids, settings);
            let path = self.sample_path(step, index);
            write_png(
                &path,
                &picture(image.into_data().to_vec::<f32>(), painter.image_size())?,
            )?;
            paths.push(path);
        }
        Ok(paths)
    }
}
