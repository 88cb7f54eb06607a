//! Pretraining: the base painter learns the miniature world from scratch.
//!
//! Unlike LoRA training, every weight of the painter is trained, the text encoder
//! included. Pictures come from an endless seeded [`WorldSampler::pretraining`]
//! stream, rendered on the fly at the painter's resolution, with the world's own
//! captions; one caption in ten (by default) is dropped so the painter also
//! learns the unconditional answer classifier-free guidance needs. The loss is
//! the same flow-matching loss as LoRA training's, at logit-normal noise levels.
//!
//! The reserved call words (`TOK`, `TOKSTYLE`, `sks`, `ohwx`) never occur in the
//! world's captions, so their embedding rows get no gradient; AdamW's decoupled
//! weight decay would still shrink them step by step. [`reserved`] puts them back
//! after every update, so a pretrained painter's call words are bit for bit the
//! ones it was initialised with: they mean nothing until a LoRA teaches them.
//!
//! - [`Pretrainer`] ([`pretrainer`]): one step at a time, split into
//!   `forward_backward` and `finish` (with the NaN guard), like `train::Trainer`.
//! - [`state`]: the whole run (weights, AdamW moments, both random streams, the
//!   step) saved and resumed bit-identically on the CPU.
//! - [`world_data`]: world pictures as training examples, and the fixed world
//!   validation set for the stable validation loss.
//! - [`lineage`]: how a further stage joins the shipped base's manifest.
//!
//! [`WorldSampler::pretraining`]: crate::world::WorldSampler::pretraining

pub mod lineage;
pub mod pretrainer;
pub mod reserved;
pub mod state;
pub mod world_data;

use serde::{Deserialize, Serialize};

use crate::TrainerError;
use crate::flow::{NoiseBias, TimestepSampler, TimestepSampling};

pub use pretrainer::Pretrainer;
pub use world_data::{world_examples, world_validation_set};

/// The knobs of a pretraining run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PretrainConfig {
    /// Optimiser updates in the run.
    pub steps: u32,
    /// World pictures per update.
    pub batch_size: usize,
    /// Peak learning rate.
    pub learning_rate: f64,
    /// Steps of linear warm-up before the cosine decay.
    pub warmup: u32,
    /// Where the cosine ends, as a fraction of the peak.
    pub min_lr_ratio: f64,
    /// AdamW first-moment decay.
    pub beta1: f32,
    /// AdamW second-moment decay.
    pub beta2: f32,
    /// AdamW decoupled weight decay (never applied to the call words' rows).
    pub weight_decay: f32,
    /// Clip the gradient norm to this value.
    pub grad_clip: Option<f32>,
    /// Probability of training a picture with an empty caption.
    pub caption_dropout: f32,
    /// Which noise levels training practises.
    pub timesteps: TimestepSampler,
    /// Seed of the world stream, the noise and the noise levels.
    pub seed: u64,
    /// Non-finite losses in a row that stop the run.
    pub nan_patience: u32,
    /// Extra loss weight on the subject's pixels: each picture's pixels weigh
    /// `1 + subject_weight` where [`subject_mask`] marks the subject and 1
    /// elsewhere, rescaled to a mean of 1. 0 is the plain mean (and what runs
    /// saved before this knob existed used).
    ///
    /// [`subject_mask`]: crate::world::subject_mask
    #[serde(default)]
    pub subject_weight: f32,
}

impl Default for PretrainConfig {
    fn default() -> Self {
        Self {
            steps: 50_000,
            batch_size: 32,
            learning_rate: 5e-4,
            warmup: 500,
            min_lr_ratio: 0.1,
            beta1: 0.9,
            beta2: 0.999,
            weight_decay: 0.01,
            grad_clip: Some(1.0),
            caption_dropout: 0.1,
            timesteps: TimestepSampler {
                sampling: TimestepSampling::Sigmoid {
                    mean: 0.0,
                    std: 1.0,
                },
                bias: NoiseBias::Balanced,
            },
            seed: 0,
            nan_patience: 5,
            subject_weight: 0.0,
        }
    }
}

impl PretrainConfig {
    /// Refuses settings a run cannot be made of.
    pub fn validate(&self) -> Result<(), TrainerError> {
        let fail = |msg: String| Err(TrainerError::Config(msg));
        if self.steps == 0 || self.batch_size == 0 {
            return fail("steps and batch size must be at least 1".into());
        }
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            return fail(format!(
                "the learning rate must be positive, got {}",
                self.learning_rate
            ));
        }
        if !(0.0..=1.0).contains(&self.caption_dropout) {
            return fail(format!(
                "caption dropout is a probability in [0, 1], got {}",
                self.caption_dropout
            ));
        }
        if !(0.0..=1.0).contains(&self.min_lr_ratio) {
            return fail(format!(
                "the final learning-rate ratio must be in [0, 1], got {}",
                self.min_lr_ratio
            ));
        }
        if !(self.subject_weight.is_finite() && self.subject_weight >= 0.0) {
            return fail(format!(
                "the subject weight must be 0 or more, got {}",
                self.subject_weight
            ));
        }
        if self.nan_patience == 0 {
            return fail("nan patience must be at least 1".into());
        }
        Ok(())
    }
}

#[cfg(all(test, feature = "flex"))]
mod state_tests;
#[cfg(all(test, feature = "flex"))]
mod tests;
