//! What a job trains: the bench's choices after validation, stored as JSON with
//! the job so a resumed attempt trains exactly what the first one did.

use serde::{Deserialize, Serialize};
use trainer::album::AlbumKind;
use trainer::lora::{Layout, LoraConfig};
use trainer::train::TrainConfig;

/// Where a job's album comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", content = "name", rename_all = "snake_case")]
pub enum AlbumRef {
    /// One of the course's albums (`tok-8`, …) from the built-in folder.
    Builtin(String),
    /// An instructor's upload, by its generated id.
    Upload(String),
}

/// A validated job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobSpec {
    /// The album.
    pub album: AlbumRef,
    /// Subject or style.
    pub kind: AlbumKind,
    /// The call word or phrase.
    pub trigger: String,
    /// Caption for images without a `.txt`.
    pub default_caption: Option<String>,
    /// Optimiser updates.
    pub steps: u32,
    /// Peak learning rate.
    pub learning_rate: f64,
    /// LoRA rank.
    pub rank: usize,
    /// Images per step.
    pub batch_size: usize,
    /// Prompts painted at every validation.
    pub validation_prompts: Vec<String>,
    /// Steps between validations.
    pub validation_every: u32,
    /// Steps between checkpoints.
    pub checkpoint_every: u32,
    /// `fal` or `comfy`.
    pub output_lora_format: String,
    /// Seed of the bracelet, data order, noise and samples.
    pub seed: u64,
}

impl JobSpec {
    /// The trainer's knobs.
    pub fn train_config(&self) -> TrainConfig {
        TrainConfig {
            steps: self.steps,
            batch_size: self.batch_size,
            learning_rate: self.learning_rate,
            seed: self.seed,
            ..TrainConfig::default()
        }
    }

    /// The bracelet's shape (alpha = rank, attention layers).
    pub fn lora_config(&self) -> LoraConfig {
        LoraConfig::new()
            .with_rank(self.rank)
            .with_alpha(self.rank as f32)
            .with_reference(self.kind == AlbumKind::Edit)
    }

    /// The layout LoRA files are written in.
    pub fn layout(&self) -> Layout {
        Layout::parse(&self.output_lora_format).unwrap_or(Layout::Fal)
    }
}
