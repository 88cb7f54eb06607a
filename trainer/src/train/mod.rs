//! The training loop: one step at a time, with its events and a guard against NaN.
//!
//! A step is split in two so the browser can await the loss readback between them:
//! [`Trainer::forward_backward`] draws a batch, pours noise, asks the painter (bracelet
//! on) to undo it and computes gradients; [`Trainer::finish`] looks at the loss and
//! either applies the update or, if the loss is not finite, skips it. Natively,
//! [`Trainer::step`] does both with a synchronous readback.

use burn::grad_clipping::GradientClippingConfig;
use burn::module::{AutodiffModule, Module};
use burn::optim::adaptor::OptimizerAdaptor;
use burn::optim::{AdamW, AdamWConfig, GradientsAccumulator, GradientsParams, Optimizer};
use burn::tensor::Tensor;
use burn::tensor::backend::AutodiffBackend;
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::TrainerError;
use crate::flow::{self, NoiseBias, TimestepSampler, TimestepSampling};
use crate::lora::{LoraAdapter, Worn};
use crate::model::Painter;
use crate::schedule::{Schedule, Scheduler};
use crate::text::Tokenizer;
use loss::{Batch, flow_loss};

/// One album image with its caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// `[3, size, size]` channel-major RGB in `[-1, 1]`.
    pub image: Vec<f32>,
    /// The caption (or the album's default caption).
    pub caption: String,
    /// For an edit pair, the start picture (`[3, size, size]`) that `image` is
    /// the changed version of.
    pub start: Option<Vec<f32>>,
}

/// The knobs of a LoRA training run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// Optimiser updates in the run.
    pub steps: u32,
    /// Images per micro-batch.
    pub batch_size: usize,
    /// Micro-batches whose gradients are summed before one update.
    pub grad_accumulation: u32,
    /// Peak learning rate.
    pub learning_rate: f64,
    /// Shape of the learning rate over the run.
    pub scheduler: Scheduler,
    /// Warm-up steps.
    pub warmup: u32,
    /// AdamW first-moment decay.
    pub beta1: f32,
    /// AdamW second-moment decay.
    pub beta2: f32,
    /// AdamW decoupled weight decay.
    pub weight_decay: f32,
    /// Clip the gradient norm to this value.
    pub grad_clip: Option<f32>,
    /// Probability of training an image with an empty caption.
    pub caption_dropout: f32,
    /// Which noise levels training practises.
    pub timesteps: TimestepSampler,
    /// Seed for data order, noise and noise levels.
    pub seed: u64,
    /// Non-finite losses in a row that stop the run.
    pub nan_patience: u32,
    /// Keep an exponential moving average of the bracelet with this decay
    /// (e.g. 0.99); `None` keeps none.
    #[serde(default)]
    pub ema_decay: Option<f32>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            steps: 1000,
            batch_size: 1,
            grad_accumulation: 1,
            learning_rate: 1e-3,
            scheduler: Scheduler::Constant,
            warmup: 0,
            beta1: 0.9,
            beta2: 0.999,
            weight_decay: 1e-4,
            grad_clip: Some(1.0),
            caption_dropout: 0.0,
            timesteps: TimestepSampler {
                sampling: TimestepSampling::Sigmoid {
                    mean: 0.0,
                    std: 1.0,
                },
                bias: NoiseBias::Balanced,
            },
            seed: 0,
            nan_patience: 5,
            ema_decay: None,
        }
    }
}

/// What one step did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepEvent {
    /// The update was applied.
    Applied {
        /// 1-based step number.
        step: u32,
        /// Mean loss over the step's micro-batches.
        loss: f32,
        /// The learning rate used.
        lr: f64,
    },
    /// The loss was not finite; the bracelet was left as it was.
    Skipped {
        /// 1-based step number.
        step: u32,
        /// The loss as read (NaN or ±inf).
        loss: f32,
    },
}

/// A step whose loss has not been read yet.
pub struct PendingStep<B: AutodiffBackend> {
    /// Mean loss, still on the device: read it (async in the browser) and pass the
    /// value to [`Trainer::finish`].
    pub loss: Tensor<B, 1>,
    pub(crate) grads: GradientsParams,
}

/// Trains one bracelet on one painter.
pub struct Trainer<B: AutodiffBackend> {
    painter: Painter<B>,
    adapter: LoraAdapter<B>,
    optimizer: OptimizerAdaptor<AdamW, LoraAdapter<B>, B>,
    config: TrainConfig,
    album: Vec<Example>,
    tokenizer: Tokenizer,
    rng: ChaCha8Rng,
    order: Vec<usize>,
    cursor: usize,
    step: u32,
    non_finite_in_a_row: u32,
    ema: Option<LoraAdapter<B::InnerBackend>>,
    album_hash: String,
}

impl<B: AutodiffBackend> Trainer<B> {
    /// Prepares a run. The painter is frozen here (no gradients are even computed
    /// for it); only `adapter` is handed to the optimiser.
    pub fn new(
        painter: Painter<B>,
        adapter: LoraAdapter<B>,
        album: Vec<Example>,
        config: TrainConfig,
    ) -> Result<Self, TrainerError> {
        let size = painter.image_size();
        if album.is_empty() {
            return Err(TrainerError::Config("the album has no images".into()));
        }
        let wrong = |e: &Example| {
            e.image.len() != 3 * size * size
                || e.start.as_ref().is_some_and(|s| s.len() != 3 * size * size)
        };
        if let Some(bad) = album.iter().position(wrong) {
            return Err(TrainerError::Config(format!(
                "album image {bad} is not {size}×{size} RGB"
            )));
        }
        let pairs = album.iter().filter(|e| e.start.is_some()).count();
        match (adapter.reference.is_some(), pairs) {
            (true, n) if n < album.len() => {
                return Err(TrainerError::Config(format!(
                    "an edit bracelet learns from before/after pairs, but {} of the album's {} pictures have no start picture",
                    album.len() - n,
                    album.len()
                )));
            }
            (false, n) if n > 0 => {
                return Err(TrainerError::Config(
                    "this album holds before/after pairs: train an edit bracelet (one that reads the start picture)".into(),
                ));
            }
            _ => {}
        }
        if config.batch_size == 0 || config.grad_accumulation == 0 {
            return Err(TrainerError::Config(
                "batch size and gradient accumulation must be at least 1".into(),
            ));
        }
        if let Some(decay) = config.ema_decay.filter(|d| !(0.0..1.0).contains(d)) {
            return Err(TrainerError::Config(format!(
                "the moving-average decay must be in [0, 1), got {decay}"
            )));
        }
        let tokenizer = Tokenizer::default();
        for example in &album {
            tokenizer.encode(&example.caption)?;
        }
        let optimizer = AdamWConfig::new()
            .with_beta_1(config.beta1)
            .with_beta_2(config.beta2)
            .with_weight_decay(config.weight_decay)
            .with_grad_clipping(config.grad_clip.map(GradientClippingConfig::Norm))
            .init();
        let ema = config.ema_decay.map(|_| adapter.valid());
        Ok(Self {
            painter: painter.no_grad(),
            album_hash: state::album_hash(&album),
            ema,
            adapter,
            optimizer,
            rng: flow::rng(config.seed),
            config,
            album,
            tokenizer,
            order: Vec::new(),
            cursor: 0,
            step: 0,
            non_finite_in_a_row: 0,
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

    /// The bracelet as trained so far.
    pub fn adapter(&self) -> &LoraAdapter<B> {
        &self.adapter
    }

    /// The moving average of the bracelet, when the run keeps one.
    pub fn ema_adapter(&self) -> Option<&LoraAdapter<B::InnerBackend>> {
        self.ema.as_ref()
    }

    /// The frozen painter.
    pub fn painter(&self) -> &Painter<B> {
        &self.painter
    }

    /// The bracelet without autodiff, for sampling and saving.
    pub fn adapter_valid(&self) -> LoraAdapter<B::InnerBackend> {
        self.adapter.valid()
    }

    /// The bracelet a checkpoint or the final file holds: the moving average
    /// when the run keeps one, else the bracelet as trained.
    pub fn saved_adapter(&self) -> LoraAdapter<B::InnerBackend> {
        match &self.ema {
            Some(average) => average.clone(),
            None => self.adapter_valid(),
        }
    }

    /// The learning rate the next step will use.
    pub fn next_lr(&self) -> f64 {
        Schedule {
            peak: self.config.learning_rate,
            scheduler: self.config.scheduler,
            warmup: self.config.warmup,
            steps: self.config.steps,
        }
        .at(self.step)
    }

    /// Draws the next batch(es), computes the loss and the gradients.
    pub fn forward_backward(&mut self) -> PendingStep<B> {
        let mut accumulator = GradientsAccumulator::<LoraAdapter<B>>::new();
        let micro = self.config.grad_accumulation;
        let mut total: Option<Tensor<B, 1>> = None;
        for _ in 0..micro {
            let loss = self.micro_batch_loss();
            let grads = GradientsParams::from_grads(
                (loss.clone() / f64::from(micro)).backward(),
                &self.adapter,
            );
            accumulator.accumulate(&self.adapter, grads);
            let loss = loss.detach();
            total = Some(match total {
                Some(sum) => sum + loss,
                None => loss,
            });
        }
        let loss = total.map_or_else(
            || Tensor::zeros([1], &self.painter.devices()[0]),
            |sum| sum / f64::from(micro),
        );
        PendingStep {
            loss,
            grads: accumulator.grads(),
        }
    }

    /// Applies the pending update if `loss` is finite; skips it otherwise, and stops
    /// the run after `nan_patience` non-finite losses in a row.
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
        let adapter = self.adapter.clone();
        self.adapter = self.optimizer.step(lr, adapter, pending.grads);
        if let (Some(decay), Some(average)) = (self.config.ema_decay, self.ema.take()) {
            let decay = ema::effective_decay(decay, self.step - 1);
            self.ema = Some(ema::blend(&average, &self.adapter.valid(), decay));
        }
        Ok(StepEvent::Applied {
            step: self.step,
            loss,
            lr,
        })
    }

    /// One whole step with a synchronous loss readback (native use).
    pub fn step(&mut self) -> Result<StepEvent, TrainerError> {
        let pending = self.forward_backward();
        let loss = pending.loss.clone().into_scalar();
        let loss: f32 = burn::tensor::ElementConversion::elem(loss);
        self.finish(pending, loss)
    }

    fn micro_batch_loss(&mut self) -> Tensor<B, 1> {
        let mut batch = Batch::default();
        for _ in 0..self.config.batch_size {
            let index = self.next_index();
            let dropped = self.rng.random::<f32>() < self.config.caption_dropout;
            let example = &self.album[index];
            batch.push(&example.image, &example.caption, dropped, &self.tokenizer);
            if let Some(start) = &example.start {
                batch.start_from(start);
            }
        }
        let worn = [Worn::new(&self.adapter, 1.0)];
        flow_loss(
            &self.painter,
            &worn,
            batch,
            &self.config.timesteps,
            &mut self.rng,
        )
    }

    /// Album indices in a seeded shuffled order, reshuffled every epoch.
    fn next_index(&mut self) -> usize {
        if self.cursor >= self.order.len() {
            self.order = (0..self.album.len()).collect();
            self.order.shuffle(&mut self.rng);
            self.cursor = 0;
        }
        self.cursor += 1;
        self.order[self.cursor - 1]
    }
}

mod ema;
pub(crate) mod guard;
pub(crate) mod loss;
pub mod open_step;
mod state;
mod validation;

pub use open_step::{OpenStep, open_step};
pub use validation::ValidationSet;

#[cfg(all(test, feature = "flex"))]
mod edit_tests;
#[cfg(all(test, feature = "flex"))]
mod state_tests;
#[cfg(all(test, feature = "flex"))]
mod tests;
