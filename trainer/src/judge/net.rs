//! The judge network: one small convolutional trunk shared by four heads.
//!
//! ```text
//! [B, 3, 32, 32] ─ stage(w0) ─ pool ─ stage(w1) ─ pool ─ stage(w2) ─ pool ─┐ map [B, w2, 4, 4]
//!   stage = conv3×3 → GroupNorm → ReLU → conv3×3 → GroupNorm → ReLU        │
//! features = [mean over positions ‖ max over positions]   [B, 2·w2]  ◄──────┤
//! neck = ReLU(Linear([features ‖ map flattened]))           [B, neck] ◄──────┘
//! heads: kind [B, 9], tok [B] (one logit), scene [B, 10], style [B, 4]
//! ```
//!
//! GroupNorm rather than BatchNorm: a verdict must not depend on which other
//! pictures share the batch, nor on train/eval modes. The max over positions keeps
//! small subjects (far-away framings) from being averaged away, and the flattened
//! 4×4 map keeps the layout (sky above, floor below) that tells scenes apart. The
//! pooled `features` are also what the album-leak score compares; `center`, their mean
//! over the training distribution (measured after training, never trained by the
//! optimiser), is subtracted first so unrelated pictures score near zero.

use burn::config::Config;
use burn::module::{Module, Param};
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::{GroupNorm, GroupNormConfig, Linear, LinearConfig, PaddingConfig2d};
use burn::tensor::Tensor;
use burn::tensor::activation::relu;
use burn::tensor::backend::Backend;
use burn::tensor::module::max_pool2d;

use super::labels::SubjectKind;
use crate::world::{Scene, Style};

/// The judges' shape.
#[derive(Config, Debug, PartialEq)]
pub struct JudgeConfig {
    /// Channels of the three stages (32×32, 16×16, 8×8).
    #[config(default = "[32, 64, 128]")]
    pub widths: [usize; 3],
    /// Width of the shared layer between the pooled features and the heads.
    #[config(default = 128)]
    pub neck: usize,
    /// GroupNorm groups (must divide every width).
    #[config(default = 8)]
    pub groups: usize,
}

impl JudgeConfig {
    /// Length of the pooled feature vector (mean and max of the last stage).
    pub fn feature_dim(&self) -> usize {
        2 * self.widths[2]
    }

    /// Width of the neck's input: pooled features and the flattened 4×4 map.
    pub fn neck_input(&self) -> usize {
        self.feature_dim() + 16 * self.widths[2]
    }

    /// Refuses shapes the network cannot be built with.
    pub fn validate(&self) -> Result<(), crate::TrainerError> {
        if self.groups == 0
            || self
                .widths
                .iter()
                .any(|w| *w == 0 || !w.is_multiple_of(self.groups))
            || self.neck == 0
        {
            return Err(crate::TrainerError::Judges(format!(
                "widths {:?} must be positive multiples of {} groups, and the neck positive",
                self.widths, self.groups
            )));
        }
        Ok(())
    }

    /// Builds the network with fresh weights on `device`.
    pub fn init<B: Backend>(&self, device: &B::Device) -> JudgeNet<B> {
        let mut stages = Vec::with_capacity(3);
        let mut channels = 3;
        for &width in &self.widths {
            stages.push(Stage {
                conv1: conv(channels, width, device),
                norm1: GroupNormConfig::new(self.groups, width).init(device),
                conv2: conv(width, width, device),
                norm2: GroupNormConfig::new(self.groups, width).init(device),
            });
            channels = width;
        }
        let features = self.feature_dim();
        JudgeNet {
            stages,
            neck: LinearConfig::new(self.neck_input(), self.neck).init(device),
            kind: LinearConfig::new(self.neck, SubjectKind::ALL.len()).init(device),
            tok: LinearConfig::new(self.neck, 1).init(device),
            scene: LinearConfig::new(self.neck, Scene::ALL.len()).init(device),
            style: LinearConfig::new(self.neck, Style::ALL.len()).init(device),
            center: Param::from_tensor(Tensor::zeros([features], device)),
        }
    }
}

fn conv<B: Backend>(from: usize, to: usize, device: &B::Device) -> Conv2d<B> {
    Conv2dConfig::new([from, to], [3, 3])
        .with_padding(PaddingConfig2d::Same)
        .init(device)
}

/// Two 3×3 convolutions, each normalised and rectified.
#[derive(Module, Debug)]
pub struct Stage<B: Backend> {
    conv1: Conv2d<B>,
    norm1: GroupNorm<B>,
    conv2: Conv2d<B>,
    norm2: GroupNorm<B>,
}

impl<B: Backend> Stage<B> {
    /// # Shapes
    /// - `x`: `[batch, in, h, w]` → `[batch, width, h, w]`
    pub fn forward(&self, x: Tensor<B, 4>) -> Tensor<B, 4> {
        let x = relu(self.norm1.forward(self.conv1.forward(x)));
        relu(self.norm2.forward(self.conv2.forward(x)))
    }
}

/// The judge network (see the module docs for the picture).
#[derive(Module, Debug)]
pub struct JudgeNet<B: Backend> {
    stages: Vec<Stage<B>>,
    neck: Linear<B>,
    kind: Linear<B>,
    tok: Linear<B>,
    scene: Linear<B>,
    style: Linear<B>,
    /// The mean pooled feature vector, subtracted before leak similarities.
    pub center: Param<Tensor<B, 1>>,
}

/// Everything one forward pass says, before any softmax.
#[derive(Clone, Debug)]
pub struct JudgeLogits<B: Backend> {
    /// `[batch, 9]`, in the order of [`SubjectKind::ALL`].
    pub kind: Tensor<B, 2>,
    /// `[batch]`: the `TOK` logit (positive means `TOK`).
    pub tok: Tensor<B, 1>,
    /// `[batch, 10]`, in the order of [`Scene::ALL`].
    pub scene: Tensor<B, 2>,
    /// `[batch, 4]`, in the order of [`Style::ALL`].
    pub style: Tensor<B, 2>,
    /// `[batch, feature_dim]`: the pooled trunk features (not centred).
    pub features: Tensor<B, 2>,
}

impl<B: Backend> JudgeNet<B> {
    /// The pooled trunk features alone.
    ///
    /// # Shapes
    /// - `images`: `[batch, 3, 32, 32]` in `[-1, 1]` → `[batch, feature_dim]`
    pub fn features(&self, images: Tensor<B, 4>) -> Tensor<B, 2> {
        pooled(self.map(images))
    }

    /// The last stage's map.
    ///
    /// # Shapes
    /// - `images`: `[batch, 3, 32, 32]` → `[batch, widths[2], 4, 4]`
    pub fn map(&self, images: Tensor<B, 4>) -> Tensor<B, 4> {
        let mut x = images;
        for stage in &self.stages {
            x = max_pool2d(stage.forward(x), [2, 2], [2, 2], [0, 0], [1, 1], false);
        }
        x
    }

    /// Every head's logits and the features they came from.
    ///
    /// # Shapes
    /// - `images`: `[batch, 3, 32, 32]` in `[-1, 1]` (see [`JudgeLogits`] for outputs)
    pub fn forward(&self, images: Tensor<B, 4>) -> JudgeLogits<B> {
        let map = self.map(images);
        let [batch, channels, h, w] = map.dims();
        let features = pooled(map.clone());
        let input = Tensor::cat(
            vec![features.clone(), map.reshape([batch, channels * h * w])],
            1,
        );
        let neck = relu(self.neck.forward(input));
        JudgeLogits {
            kind: self.kind.forward(neck.clone()),
            tok: self.tok.forward(neck.clone()).reshape([batch]),
            scene: self.scene.forward(neck.clone()),
            style: self.style.forward(neck),
            features,
        }
    }
}

/// `[mean over positions ‖ max over positions]` of a map.
///
/// # Shapes
/// - `map`: `[batch, channels, h, w]` → `[batch, 2·channels]`
fn pooled<B: Backend>(map: Tensor<B, 4>) -> Tensor<B, 2> {
    let [batch, channels, h, w] = map.dims();
    let flat = map.reshape([batch, channels, h * w]);
    let mean = flat.clone().mean_dim(2).reshape([batch, channels]);
    let max = flat.max_dim(2).reshape([batch, channels]);
    Tensor::cat(vec![mean, max], 1)
}
