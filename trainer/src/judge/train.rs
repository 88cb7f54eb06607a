//! Training the judges: our own loop with AdamW, one batch of graded pictures at
//! a time (the caller renders them, so a binary can render on another thread).
//!
//! The loss is the sum of the four heads' losses: cross-entropy for kind, scene
//! and style, and binary cross-entropy for the `TOK` logit. After the last step,
//! [`JudgeTrainer::finish`] measures the feature centre the leak score uses.

use burn::grad_clipping::GradientClippingConfig;
use burn::module::{AutodiffModule, Param};
use burn::optim::adaptor::OptimizerAdaptor;
use burn::optim::{AdamW, AdamWConfig, GradientsParams, Optimizer};
use burn::tensor::activation::{log_sigmoid, log_softmax};
use burn::tensor::backend::{AutodiffBackend, Backend};
use burn::tensor::{ElementConversion, Tensor, TensorData};
use serde::{Deserialize, Serialize};

use super::data::Graded;
use super::labels::SubjectKind;
use super::net::{JudgeConfig, JudgeNet};
use super::pixels::batch;
use crate::TrainerError;
use crate::schedule::{Schedule, Scheduler};
use crate::world::{Scene, Style};

/// The knobs of a judge training run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeTrainConfig {
    /// Optimiser updates.
    pub steps: u32,
    /// Pictures per update.
    pub batch_size: usize,
    /// Peak learning rate (cosine decay to 5 % after a linear warm-up).
    pub learning_rate: f64,
    /// Warm-up steps.
    pub warmup: u32,
    /// AdamW decoupled weight decay.
    pub weight_decay: f32,
    /// Weight of the `TOK` head's loss against the other three.
    pub tok_weight: f32,
    /// Seeds the initial weights and the picture stream.
    pub seed: u64,
}

impl Default for JudgeTrainConfig {
    fn default() -> Self {
        Self {
            steps: 1500,
            batch_size: 48,
            learning_rate: 3e-3,
            warmup: 50,
            weight_decay: 1e-4,
            tok_weight: 2.0,
            seed: 1,
        }
    }
}

/// What one step measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepReport {
    /// 1-based step number.
    pub step: u32,
    /// Total loss of the batch.
    pub loss: f32,
    /// Share of the batch whose kind, scene and style were all right.
    pub all_right: f32,
    /// The learning rate used.
    pub lr: f64,
}

/// Trains one [`JudgeNet`].
pub struct JudgeTrainer<B: AutodiffBackend> {
    net: JudgeNet<B>,
    optimizer: OptimizerAdaptor<AdamW, JudgeNet<B>, B>,
    config: JudgeTrainConfig,
    step: u32,
}

impl<B: AutodiffBackend> JudgeTrainer<B> {
    /// A fresh network of shape `shape`, seeded by `config.seed`.
    pub fn new(
        shape: &JudgeConfig,
        config: JudgeTrainConfig,
        device: &B::Device,
    ) -> Result<Self, TrainerError> {
        shape.validate()?;
        if config.batch_size == 0 || config.steps == 0 {
            return Err(TrainerError::Config(
                "judge training needs at least one step of at least one picture".into(),
            ));
        }
        B::seed(device, config.seed);
        let optimizer = AdamWConfig::new()
            .with_weight_decay(config.weight_decay)
            .with_grad_clipping(Some(GradientClippingConfig::Norm(2.0)))
            .init();
        Ok(Self {
            net: shape.init(device),
            optimizer,
            config,
            step: 0,
        })
    }

    /// Continues training `net` (e.g. loaded from shipped weights) with a fresh
    /// optimiser and schedule.
    pub fn from_net(net: JudgeNet<B>, config: JudgeTrainConfig) -> Result<Self, TrainerError> {
        if config.batch_size == 0 || config.steps == 0 {
            return Err(TrainerError::Config(
                "judge training needs at least one step of at least one picture".into(),
            ));
        }
        let optimizer = AdamWConfig::new()
            .with_weight_decay(config.weight_decay)
            .with_grad_clipping(Some(GradientClippingConfig::Norm(2.0)))
            .init();
        Ok(Self {
            net,
            optimizer,
            config,
            step: 0,
        })
    }

    /// Steps taken so far.
    pub fn steps_done(&self) -> u32 {
        self.step
    }

    /// The learning rate the next step uses.
    pub fn next_lr(&self) -> f64 {
        Schedule {
            peak: self.config.learning_rate,
            scheduler: Scheduler::Cosine { min_ratio: 0.05 },
            warmup: self.config.warmup,
            steps: self.config.steps,
        }
        .at(self.step)
    }

    /// One update on `pictures`.
    pub fn step(&mut self, pictures: &[Graded]) -> Result<StepReport, TrainerError> {
        if pictures.is_empty() {
            return Err(TrainerError::Config("an empty batch".into()));
        }
        let device = self.net.center.val().device();
        let images: Vec<Vec<f32>> = pictures.iter().map(|g| g.planes.clone()).collect();
        let out = self.net.forward(batch::<B>(&images, &device));
        let n = pictures.len();
        let kind = one_hot::<B>(
            pictures.iter().map(|g| g.labels.kind),
            SubjectKind::ALL.len(),
            &device,
        );
        let scene = one_hot::<B>(
            pictures.iter().map(|g| g.labels.scene),
            Scene::ALL.len(),
            &device,
        );
        let style = one_hot::<B>(
            pictures.iter().map(|g| g.labels.style),
            Style::ALL.len(),
            &device,
        );
        let tok: Vec<f32> = pictures
            .iter()
            .map(|g| f32::from(u8::from(g.labels.tok)))
            .collect();
        let tok = Tensor::<B, 1>::from_data(TensorData::new(tok, [n]), &device);
        let right = agreement(&out.kind, &kind)
            * agreement(&out.scene, &scene)
            * agreement(&out.style, &style);
        let bce = -(tok.clone() * log_sigmoid(out.tok.clone())
            + (tok.neg() + 1.0) * log_sigmoid(out.tok.neg()))
        .mean();
        let loss = cross_entropy(out.kind, kind)
            + cross_entropy(out.scene, scene)
            + cross_entropy(out.style, style)
            + bce * f64::from(self.config.tok_weight);
        let loss_value: f32 = loss.clone().into_scalar().elem();
        let all_right: f32 = right.mean().into_scalar().elem();
        let lr = self.next_lr();
        self.step += 1;
        if !loss_value.is_finite() {
            return Err(TrainerError::NonFinite {
                in_a_row: 1,
                step: self.step,
            });
        }
        let grads = GradientsParams::from_grads(loss.backward(), &self.net);
        let net = self.net.clone();
        self.net = self.optimizer.step(lr, net, grads);
        Ok(StepReport {
            step: self.step,
            loss: loss_value,
            all_right,
            lr,
        })
    }

    /// The trained network without autodiff, its feature centre set to the mean
    /// pooled features of `reference` (pictures of the training mix).
    pub fn finish(&self, reference: &[Graded]) -> JudgeNet<B::InnerBackend> {
        let net = self.net.valid();
        let center = feature_mean(&net, reference);
        set_center(net, center)
    }
}

/// The mean pooled features of `pictures` (zeros for none).
pub fn feature_mean<B: Backend>(net: &JudgeNet<B>, pictures: &[Graded]) -> Tensor<B, 1> {
    let device = net.center.val().device();
    let dim = net.center.val().dims()[0];
    let mut sum = Tensor::<B, 1>::zeros([dim], &device);
    for chunk in pictures.chunks(64) {
        let images: Vec<Vec<f32>> = chunk.iter().map(|g| g.planes.clone()).collect();
        sum = sum
            + net
                .features(batch::<B>(&images, &device))
                .sum_dim(0)
                .reshape([dim]);
    }
    sum / pictures.len().max(1) as f64
}

/// `net` with its feature centre replaced by `center`.
pub fn set_center<B: Backend>(mut net: JudgeNet<B>, center: Tensor<B, 1>) -> JudgeNet<B> {
    net.center = Param::from_tensor(center);
    net
}

fn one_hot<B: Backend>(
    classes: impl Iterator<Item = usize>,
    width: usize,
    device: &B::Device,
) -> Tensor<B, 2> {
    let mut data = Vec::new();
    let mut n = 0;
    for class in classes {
        data.extend((0..width).map(|c| if c == class { 1.0f32 } else { 0.0 }));
        n += 1;
    }
    Tensor::from_data(TensorData::new(data, [n, width]), device)
}

/// Mean cross-entropy of `logits` against one-hot `targets`.
fn cross_entropy<B: Backend>(logits: Tensor<B, 2>, targets: Tensor<B, 2>) -> Tensor<B, 1> {
    -(log_softmax(logits, 1) * targets).sum_dim(1).mean()
}

/// `[batch]`: 1 where the arg-max of `logits` is the one-hot class, else 0.
fn agreement<B: Backend>(logits: &Tensor<B, 2>, targets: &Tensor<B, 2>) -> Tensor<B, 1> {
    let [n, _] = logits.dims();
    let picked = logits.clone().detach().argmax(1);
    let truth = targets.clone().argmax(1);
    picked.equal(truth).float().reshape([n])
}
