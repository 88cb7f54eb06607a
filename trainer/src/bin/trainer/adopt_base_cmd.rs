//! `trainer adopt-base`: a finished pretraining stage becomes the shipped base.
//!
//! The stage must have started from the shipped weights (`trainer pretrain
//! --init assets/base/tiny.safetensors …`). Its weights sit the entrance exam
//! with the shipped judges; only if they pass every bar are the weights copied
//! over the shipped ones and the stage and the exam added to the base manifest
//! ([`trainer::pretrain::lineage`]). Otherwise nothing in the base folder
//! changes and the exam is left in the run folder to read.

use std::path::PathBuf;

use anyhow::Context;
use burn::tensor::backend::AutodiffBackend;
use serde_json::{Value, json};
use trainer::model::weights;
use trainer::pretrain::lineage;
use trainer::probe::ExamConfig;

use crate::device::{DeviceKind, Job};
use crate::exam_cmd;
use crate::files::{read, write_atomic};

/// Options of `trainer adopt-base`.
#[derive(clap::Args)]
pub(crate) struct AdoptBaseArgs {
    /// The finished stage's run folder (holding `base.safetensors` and `manifest.json`).
    #[arg(long)]
    run: PathBuf,
    /// The shipped base's folder.
    #[arg(long, default_value = "assets/base")]
    into: PathBuf,
    /// The judges that grade the exam.
    #[arg(long, default_value = "assets/judges/judges.safetensors")]
    judges: PathBuf,
    /// The stage's command line, for a run made before `trainer pretrain`
    /// recorded its own.
    #[arg(long)]
    command: Option<String>,
    /// Where to compute the exam.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

fn json_file(path: &std::path::Path) -> anyhow::Result<Value> {
    serde_json::from_slice(&read(path)?).with_context(|| format!("{} is not JSON", path.display()))
}

impl Job for AdoptBaseArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        let manifest_path = self.into.join("manifest.json");
        let manifest = json_file(&manifest_path)?;
        let finished = json_file(&self.run.join("manifest.json")).with_context(|| {
            format!(
                "{} has no finished stage (the run writes manifest.json at its last step)",
                self.run.display()
            )
        })?;
        let command = self
            .command
            .clone()
            .or_else(|| finished["command"].as_str().map(str::to_owned))
            .context("the run does not record its command line: pass --command")?;
        let file = manifest["base"]["file"]
            .as_str()
            .context("the base manifest names no base.file")?;
        let weights_path = self.run.join("base.safetensors");
        let bytes = read(&weights_path)?;
        let stage = json!({
            "command": command,
            "steps": finished["steps"],
            "seed": finished["seed"],
            "config": finished["config"],
            "painter": finished["painter"],
            "data": finished["data"],
            "final_val_loss": finished["final_val_loss"],
            "wall_time_s": finished["wall_time_s"],
            "device": finished["device"],
            "commit": finished["commit"],
            "result_hash": weights::hash(&bytes)?,
        });
        // Before the exam's minute of painting: did the stage start from here?
        lineage::check_start(&manifest, &stage)?;
        let shipped = self.into.join(file);
        let exam = exam_cmd::sit::<B>(
            &bytes,
            &shipped,
            &self.judges,
            ExamConfig::default(),
            self.device,
            &device,
        )?;
        let adopted = match lineage::add_stage(&manifest, stage, exam.clone()) {
            Ok(adopted) => adopted,
            Err(refused) => {
                let kept = self.run.join("exam.json");
                write_atomic(&kept, serde_json::to_string_pretty(&exam)?.as_bytes())?;
                anyhow::bail!("{refused} (the exam is in {})", kept.display());
            }
        };
        write_atomic(&shipped, &bytes)?;
        let mut text = serde_json::to_string_pretty(&adopted)?;
        text.push('\n');
        write_atomic(&manifest_path, text.as_bytes())?;
        println!(
            "adopted {} as {} ({} steps in all); {} updated",
            weights_path.display(),
            shipped.display(),
            adopted["steps"],
            manifest_path.display()
        );
        Ok(())
    }
}
