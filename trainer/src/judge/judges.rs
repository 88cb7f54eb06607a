//! The judges as the course uses them: load the shipped weights, score pictures,
//! get one [`Verdict`] per picture.

use burn::tensor::activation::softmax;
use burn::tensor::backend::Backend;
use burn::tensor::{Tensor, TensorData};

use super::calibrate::sigmoid;
use super::labels::SubjectKind;
use super::net::{JudgeConfig, JudgeNet};
use super::pixels::{INPUT_SIZE, batch, planes, pool_to_input};
use super::weights;
use crate::TrainerError;
use crate::image::RgbImage;
use crate::lora::Precision;
use crate::world::{Scene, Style};

/// Pictures per forward pass; bounds memory whatever the caller passes.
const CHUNK: usize = 64;

/// What the judges think one picture shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    /// The most likely subject kind.
    pub subject: SubjectKind,
    /// Its probability (softmax of the kind head).
    pub subject_prob: f32,
    /// The calibrated probability that the subject is `TOK` (the `TOK` head,
    /// temperature-scaled; independent of the kind head).
    pub tok_prob: f32,
    /// The most likely scene.
    pub scene: Scene,
    /// Its probability.
    pub scene_prob: f32,
    /// The most likely style.
    pub style: Style,
    /// Its probability.
    pub style_prob: f32,
}

/// Every head's answer for a batch, as plain numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Per picture, the probability of each [`SubjectKind::ALL`].
    pub kind: Vec<Vec<f32>>,
    /// Per picture, the raw `TOK` logit (before the temperature).
    pub tok_logit: Vec<f32>,
    /// Per picture, the probability of each [`Scene::ALL`].
    pub scene: Vec<Vec<f32>>,
    /// Per picture, the probability of each [`Style::ALL`].
    pub style: Vec<Vec<f32>>,
    /// Per picture, the pooled trunk features minus the training centre.
    pub features: Vec<Vec<f32>>,
}

/// The trained judges: the network, its shape and the `TOK` temperature.
#[derive(Clone, Debug)]
pub struct Judges<B: Backend> {
    net: JudgeNet<B>,
    config: JudgeConfig,
    temperature: f32,
}

impl<B: Backend> Judges<B> {
    /// Wraps a network (e.g. fresh from training) with its `TOK` temperature.
    pub fn new(net: JudgeNet<B>, config: JudgeConfig, temperature: f32) -> Self {
        Self {
            net,
            config,
            temperature,
        }
    }

    /// Loads judges from `.safetensors` bytes (see [`weights`]).
    pub fn load(bytes: &[u8], device: &B::Device) -> Result<Self, TrainerError> {
        let (net, config, temperature) = weights::load(bytes, device)?;
        Ok(Self::new(net, config, temperature))
    }

    /// The judges as `.safetensors` bytes, numbers in `precision`.
    pub fn save(&self, precision: Precision) -> Result<Vec<u8>, TrainerError> {
        weights::save(&self.net, &self.config, self.temperature, precision)
    }

    /// The network.
    pub fn net(&self) -> &JudgeNet<B> {
        &self.net
    }

    /// The network's shape.
    pub fn config(&self) -> &JudgeConfig {
        &self.config
    }

    /// The temperature the `TOK` logit is divided by.
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// The same judges with another `TOK` temperature.
    pub fn with_temperature(self, temperature: f32) -> Self {
        Self {
            temperature,
            ..self
        }
    }

    fn device(&self) -> B::Device {
        self.net.center.val().device()
    }

    /// Scores square pictures of any size (resampled to 32×32).
    pub fn score(&self, images: &[RgbImage]) -> Result<Vec<Verdict>, TrainerError> {
        let planes = images.iter().map(planes).collect::<Result<Vec<_>, _>>()?;
        Ok(self.verdicts(&self.scores(&planes)))
    }

    /// Scores a batch tensor in `[-1, 1]`, e.g. the sampler's output.
    ///
    /// # Shapes
    /// - `images`: `[batch, 3, side, side]`, `side` a multiple of 32
    pub fn score_tensor(&self, images: Tensor<B, 4>) -> Result<Vec<Verdict>, TrainerError> {
        let images = pool_to_input(images)?;
        let [n, ..] = images.dims();
        let values = images
            .into_data()
            .convert::<f32>()
            .to_vec::<f32>()
            .map_err(|e| TrainerError::Judges(format!("cannot read the pictures: {e:?}")))?;
        let size = 3 * INPUT_SIZE * INPUT_SIZE;
        let planes: Vec<Vec<f32>> = (0..n)
            .map(|i| values[i * size..(i + 1) * size].to_vec())
            .collect();
        Ok(self.verdicts(&self.scores(&planes)))
    }

    /// One verdict per picture from [`Judges::scores`].
    pub fn verdicts(&self, scores: &Scores) -> Vec<Verdict> {
        (0..scores.tok_logit.len())
            .map(|i| {
                let (k, kp) = best(&scores.kind[i]);
                let (s, sp) = best(&scores.scene[i]);
                let (y, yp) = best(&scores.style[i]);
                Verdict {
                    subject: SubjectKind::ALL[k],
                    subject_prob: kp,
                    tok_prob: sigmoid(scores.tok_logit[i] / self.temperature),
                    scene: Scene::ALL[s],
                    scene_prob: sp,
                    style: Style::ALL[y],
                    style_prob: yp,
                }
            })
            .collect()
    }

    /// Every head's numbers for `[3, 32, 32]` planes in `[-1, 1]`.
    pub fn scores(&self, planes: &[Vec<f32>]) -> Scores {
        let device = self.device();
        let center = self.net.center.val().unsqueeze_dim::<2>(0);
        let mut out = Scores::default();
        for chunk in planes.chunks(CHUNK) {
            let logits = self.net.forward(batch::<B>(chunk, &device));
            out.kind.extend(rows(softmax(logits.kind, 1)));
            out.scene.extend(rows(softmax(logits.scene, 1)));
            out.style.extend(rows(softmax(logits.style, 1)));
            out.features.extend(rows(logits.features - center.clone()));
            out.tok_logit.extend(values(logits.tok.into_data()));
        }
        out
    }

    /// The centred feature vectors of `images`, which the leak score compares.
    pub fn features(&self, images: &[RgbImage]) -> Result<Vec<Vec<f32>>, TrainerError> {
        let device = self.device();
        let center = self.net.center.val().unsqueeze_dim::<2>(0);
        let planes = images.iter().map(planes).collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(planes.len());
        for chunk in planes.chunks(CHUNK) {
            out.extend(rows(
                self.net.features(batch::<B>(chunk, &device)) - center.clone(),
            ));
        }
        Ok(out)
    }
}

fn best(probs: &[f32]) -> (usize, f32) {
    probs
        .iter()
        .copied()
        .enumerate()
        .fold((0, f32::MIN), |a, b| if b.1 > a.1 { b } else { a })
}

fn values(data: TensorData) -> Vec<f32> {
    data.convert::<f32>().to_vec::<f32>().unwrap_or_default()
}

fn rows<B: Backend>(tensor: Tensor<B, 2>) -> Vec<Vec<f32>> {
    let [_, width] = tensor.dims();
    values(tensor.into_data())
        .chunks(width.max(1))
        .map(<[f32]>::to_vec)
        .collect()
}
