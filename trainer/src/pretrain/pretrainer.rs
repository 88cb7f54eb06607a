//! The pretraining loop: one step at a time, every weight of the painter live.
//!
//! As in LoRA training a step is split in two: [`Pretrainer::forward_backward`]
//! renders a batch of world pictures, pours noise on them and computes gradients
//! for the whole painter; [`Pretrainer::finish`] reads the loss and applies the
//! AdamW update, or skips it when the loss is not finite.

use burn::grad_clipping::GradientClippingConfig;
use burn::module::{AutodiffModule, Module, ModuleMapper, Param};
use burn::optim::adaptor::OptimizerAdaptor;
use burn::optim::{AdamW, AdamWConfig, GradientsParams, Optimizer};
use burn::tensor::backend::AutodiffBackend;
use burn::tensor::{ElementConversion, Tensor};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::PretrainConfig;
use super::reserved::ReservedRows;
use crate::TrainerError;
use crate::flow;
use crate::model::{Painter, PainterConfig};
use crate::schedule::{Schedule, Scheduler};
use crate::text::Tokenizer;
use crate::train::loss::{Batch, flow_loss};
use crate::train::{PendingStep, StepEvent, guard};
use crate::world::{WorldSampler, subject_mask};

/// The noise and noise levels draw from this stream of the run's seed; the
/// world draws from stream 0 of its own generator, so the two never overlap.
pub(super) const NOISE_STREAM: u64 = 1;

/// Turns gradient tracking on for every weight (a painter built or loaded
/// outside the autodiff graph may have it off).
struct TrackAll;

impl<B: AutodiffBackend> ModuleMapper<B> for TrackAll {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<B, D>>) -> Param<Tensor<B, D>> {
        param.set_require_grad(true)
    }
}

/// Trains a whole painter on the world.
pub struct Pretrainer<B: AutodiffBackend> {
    pub(super) painter: Painter<B>,
    pub(super) optimizer: OptimizerAdaptor<AdamW, Painter<B>, B>,
    pub(super) config: PretrainConfig,
    pub(super) shape: PainterConfig,
    pub(super) world: WorldSampler,
    pub(super) rng: ChaCha8Rng,
    pub(super) reserved: ReservedRows<B::InnerBackend>,
    pub(super) step: u32,
    pub(super) non_finite_in_a_row: u32,
    tokenizer: Tokenizer,
}

impl<B: AutodiffBackend> Pretrainer<B> {
    /// Prepares a run on `painter` (of shape `shape`, usually freshly
    /// initialised). The call words' embedding rows are remembered here and kept
    /// as they are for the whole run.
    pub fn new(
        painter: Painter<B>,
        shape: PainterConfig,
        config: PretrainConfig,
    ) -> Result<Self, TrainerError> {
        shape.validate()?;
        config.validate()?;
        if painter.image_size() != shape.image_size {
            return Err(TrainerError::Config(format!(
                "the painter paints {0}×{0} but the shape says {1}×{1}",
                painter.image_size(),
                shape.image_size
            )));
        }
        let optimizer = AdamWConfig::new()
            .with_beta_1(config.beta1)
            .with_beta_2(config.beta2)
            .with_weight_decay(config.weight_decay)
            .with_grad_clipping(config.grad_clip.map(GradientClippingConfig::Norm))
            .init();
        let mut rng = flow::rng(config.seed);
        rng.set_stream(NOISE_STREAM);
        let painter = painter.map(&mut TrackAll);
        Ok(Self {
            reserved: ReservedRows::of(&painter),
            world: WorldSampler::pretraining(config.seed, shape.image_size),
            painter,
            optimizer,
            rng,
            config,
            shape,
            step: 0,
            non_finite_in_a_row: 0,
            tokenizer: Tokenizer::default(),
        })
    }

    /// Steps taken so far.
    pub fn steps_done(&self) -> u32 {
        self.step
    }

    /// Whether the run has reached its step count.
    pub fn finished(&self) -> bool {
        self.step >= self.config.steps
    }

    /// The run's settings.
    pub fn config(&self) -> &PretrainConfig {
        &self.config
    }

    /// The painter's shape.
    pub fn shape(&self) -> &PainterConfig {
        &self.shape
    }

    /// The painter as trained so far.
    pub fn painter(&self) -> &Painter<B> {
        &self.painter
    }

    /// The painter without autodiff, for validation, sampling and saving.
    pub fn painter_valid(&self) -> Painter<B::InnerBackend> {
        self.painter.valid()
    }

    /// The call words' embedding rows as initialised (and still held).
    pub fn reserved(&self) -> &ReservedRows<B::InnerBackend> {
        &self.reserved
    }

    /// The learning rate the next step will use: linear warm-up, then a cosine
    /// down to `min_lr_ratio` of the peak.
    pub fn next_lr(&self) -> f64 {
        Schedule {
            peak: self.config.learning_rate,
            scheduler: Scheduler::Cosine {
                min_ratio: self.config.min_lr_ratio,
            },
            warmup: self.config.warmup,
            steps: self.config.steps,
        }
        .at(self.step)
    }

    /// Renders the next batch of world pictures, computes the loss and the
    /// gradients of every weight.
    pub fn forward_backward(&mut self) -> Result<PendingStep<B>, TrainerError> {
        let mut batch = Batch::default();
        for _ in 0..self.config.batch_size {
            let sample = self.world.next_sample()?;
            let dropped = self.rng.random::<f32>() < self.config.caption_dropout;
            batch.push(
                &sample.image.to_chw(),
                &sample.caption,
                dropped,
                &self.tokenizer,
            );
            if self.config.subject_weight > 0.0 {
                let mask = subject_mask(&sample.spec, self.shape.image_size)?;
                batch.weigh_last(&subject_weights(&mask, self.config.subject_weight));
            }
        }
        let loss = flow_loss(
            &self.painter,
            &[],
            batch,
            &self.config.timesteps,
            &mut self.rng,
        );
        let grads = GradientsParams::from_grads(loss.backward(), &self.painter);
        Ok(PendingStep {
            loss: loss.detach(),
            grads,
        })
    }

    /// Applies the pending update if `loss` is finite (then writes the call
    /// words' rows back); skips it otherwise, and stops the run after
    /// `nan_patience` non-finite losses in a row.
    pub fn finish(
        &mut self,
        pending: PendingStep<B>,
        loss: f32,
    ) -> Result<StepEvent, TrainerError> {
        let lr = self.next_lr();
        self.step += 1;
        let patience = self.config.nan_patience;
        if let Some(skipped) =
            guard::judge(loss, self.step, &mut self.non_finite_in_a_row, patience)?
        {
            return Ok(skipped);
        }
        // Cloning a module clones handles to its tensors, not the data.
        let painter = self.optimizer.step(lr, self.painter.clone(), pending.grads);
        self.painter = self.reserved.restore(painter);
        Ok(StepEvent::Applied {
            step: self.step,
            loss,
            lr,
        })
    }

    /// One whole step with a synchronous loss readback (native use).
    pub fn step(&mut self) -> Result<StepEvent, TrainerError> {
        let pending = self.forward_backward()?;
        let loss: f32 = pending.loss.clone().into_scalar().elem();
        self.finish(pending, loss)
    }
}

/// Per-pixel weights from a subject mask: `1 + extra` on the subject, 1
/// elsewhere, rescaled so that they average 1 (a picture's loss keeps its
/// scale whatever the subject's size).
pub(crate) fn subject_weights(mask: &[f32], extra: f32) -> Vec<f32> {
    let raw: Vec<f32> = mask.iter().map(|m| 1.0 + extra * m).collect();
    let mean = raw.iter().sum::<f32>() / raw.len().max(1) as f32;
    raw.into_iter().map(|w| w / mean).collect()
}
