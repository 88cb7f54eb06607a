//! `trainer exam`: the base painter's entrance exam, graded by the judges, as a
//! line on the terminal and a JSON report.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use burn::tensor::backend::AutodiffBackend;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use trainer::judge::Judges;
use trainer::model::weights;
use trainer::probe::{ExamConfig, exam};

use crate::device::{DeviceKind, Job};
use crate::files::{read, write_atomic};

/// Options of `trainer exam`.
#[derive(clap::Args)]
pub(crate) struct ExamArgs {
    /// Base painter weights (`.safetensors`).
    #[arg(long)]
    base: PathBuf,
    /// The judges' weights.
    #[arg(long, default_value = "assets/judges/judges.safetensors")]
    judges: PathBuf,
    /// Pictures per (scene, subject kind) pair: 10 scenes × 8 kinds each.
    #[arg(long, default_value_t = ExamConfig::default().per_pair)]
    per_pair: usize,
    /// Pictures of "a photo of TOK", and as many of full `TOK` captions.
    #[arg(long, default_value_t = ExamConfig::default().tok_pictures)]
    tok_pictures: usize,
    /// Seed of the questions and the start noise.
    #[arg(long, default_value_t = ExamConfig::default().seed)]
    seed: u64,
    /// Euler steps.
    #[arg(long, default_value_t = 20)]
    steps: usize,
    /// Classifier-free guidance.
    #[arg(long, default_value_t = 3.0)]
    guidance: f32,
    /// Also write the report here as JSON.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Where to compute.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

impl Job for ExamArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        let bytes = read(&self.base)?;
        let config = ExamConfig {
            per_pair: self.per_pair,
            tok_pictures: self.tok_pictures,
            seed: self.seed,
            steps: self.steps,
            guidance: self.guidance,
        };
        let graded = sit::<B>(
            &bytes,
            &self.base,
            &self.judges,
            config,
            self.device,
            &device,
        )?;
        if let Some(path) = &self.report {
            write_atomic(path, serde_json::to_string_pretty(&graded)?.as_bytes())?;
            println!("wrote {}", path.display());
        }
        Ok(())
    }
}

/// Sits the exam with the painter in `bytes` (from `base`), prints the
/// results, and returns the report as the base manifest records it: which
/// weights and judges (by hash), the settings, the device and the time taken.
pub(crate) fn sit<B: AutodiffBackend>(
    bytes: &[u8],
    base: &Path,
    judges_path: &Path,
    config: ExamConfig,
    kind: DeviceKind,
    device: &B::Device,
) -> anyhow::Result<Value> {
    let (painter, _) = weights::load::<B::InnerBackend>(bytes, device)
        .with_context(|| format!("{}", base.display()))?;
    let judge_bytes = read(judges_path)?;
    let judges = Judges::<B::InnerBackend>::load(&judge_bytes, device)
        .with_context(|| format!("{}", judges_path.display()))?;
    let started = Instant::now();
    let report = exam::sit(&painter, &judges, &config, |done, total| {
        if done % 20 == 0 || done == total {
            eprintln!("painted {done}/{total}");
        }
    })?;
    println!("{}: {}", base.display(), report.line());
    for (name, share) in &report.by_scene {
        print!("{name} {:.0}%  ", 100.0 * share.rate());
    }
    println!();
    for (name, share) in &report.by_kind {
        print!("{name} {:.0}%  ", 100.0 * share.rate());
    }
    println!();
    print!("subject kind by scene: ");
    for (name, share) in &report.subject_by_scene {
        print!("{name} {:.0}%  ", 100.0 * share.rate());
    }
    println!();
    let judges_sha256: String = Sha256::digest(&judge_bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(json!({
        "base": base.display().to_string(),
        "base_hash": weights::hash(bytes)?,
        "judges": judges_path.display().to_string(),
        "judges_sha256": judges_sha256,
        "config": config,
        "device": kind.name(),
        "seconds": started.elapsed().as_secs_f64(),
        "report": report,
    }))
}
