//! The adapter's structure: one optional pair per target layer per block.

use burn::config::Config;
use burn::module::{Module, Param};
use burn::tensor::{Tensor, TensorData, backend::Backend};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::TrainerError;
use crate::model::PainterConfig;

/// A layer a bracelet can sit beside, named as LoRA files name it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Target {
    /// Attention query projection (`attn.to_q`).
    ToQ,
    /// Attention key projection (`attn.to_k`).
    ToK,
    /// Attention value projection (`attn.to_v`).
    ToV,
    /// Attention output projection (`attn.to_out`).
    ToOut,
    /// First MLP layer (`mlp.fc1`).
    Fc1,
    /// Second MLP layer (`mlp.fc2`).
    Fc2,
}

impl Target {
    /// Every target, in file order.
    pub const ALL: [Target; 6] = [
        Self::ToQ,
        Self::ToK,
        Self::ToV,
        Self::ToOut,
        Self::Fc1,
        Self::Fc2,
    ];

    /// The module path inside a block, e.g. `attn.to_q`.
    pub fn path(self) -> &'static str {
        match self {
            Self::ToQ => "attn.to_q",
            Self::ToK => "attn.to_k",
            Self::ToV => "attn.to_v",
            Self::ToOut => "attn.to_out",
            Self::Fc1 => "mlp.fc1",
            Self::Fc2 => "mlp.fc2",
        }
    }

    /// `(in, out)` widths of the target layer in a painter of shape `painter`.
    pub fn dims(self, painter: &PainterConfig) -> (usize, usize) {
        let (h, mlp) = (painter.hidden, painter.hidden * painter.mlp_ratio);
        match self {
            Self::Fc1 => (h, mlp),
            Self::Fc2 => (mlp, h),
            _ => (h, h),
        }
    }
}

/// A bracelet's shape: how thick, how strong, where it sits.
#[derive(Config, Debug, PartialEq)]
pub struct LoraConfig {
    /// Thickness: the inner width of `A·B`.
    #[config(default = 16)]
    pub rank: usize,
    /// Strength numerator: the correction is scaled by `alpha / rank`.
    #[config(default = 16.0)]
    pub alpha: f32,
    /// Layers that get a pair, in every block.
    #[config(default = "vec![Target::ToQ, Target::ToK, Target::ToV, Target::ToOut]")]
    pub targets: Vec<Target>,
    /// An edit bracelet: it also reads a start picture (see [`LoraAdapter::reference`]).
    #[config(default = false)]
    pub reference: bool,
}

/// One `A`, `B` pair.
#[derive(Module, Debug)]
pub struct LoraPair<B: Backend> {
    /// `[in, rank]`, random at start.
    pub a: Param<Tensor<B, 2>>,
    /// `[rank, out]`, zero at start.
    pub b: Param<Tensor<B, 2>>,
}

/// The pairs of one block, one per target (absent where not targeted).
#[derive(Module, Debug)]
pub struct BlockLora<B: Backend> {
    /// Beside `attn.to_q`.
    pub to_q: Option<LoraPair<B>>,
    /// Beside `attn.to_k`.
    pub to_k: Option<LoraPair<B>>,
    /// Beside `attn.to_v`.
    pub to_v: Option<LoraPair<B>>,
    /// Beside `attn.to_out`.
    pub to_out: Option<LoraPair<B>>,
    /// Beside `mlp.fc1`.
    pub fc1: Option<LoraPair<B>>,
    /// Beside `mlp.fc2`.
    pub fc2: Option<LoraPair<B>>,
}

impl<B: Backend> BlockLora<B> {
    /// The pair beside `target`, if any.
    pub fn get(&self, target: Target) -> Option<&LoraPair<B>> {
        match target {
            Target::ToQ => self.to_q.as_ref(),
            Target::ToK => self.to_k.as_ref(),
            Target::ToV => self.to_v.as_ref(),
            Target::ToOut => self.to_out.as_ref(),
            Target::Fc1 => self.fc1.as_ref(),
            Target::Fc2 => self.fc2.as_ref(),
        }
    }

    /// A mutable slot for `target`.
    pub fn slot(&mut self, target: Target) -> &mut Option<LoraPair<B>> {
        match target {
            Target::ToQ => &mut self.to_q,
            Target::ToK => &mut self.to_k,
            Target::ToV => &mut self.to_v,
            Target::ToOut => &mut self.to_out,
            Target::Fc1 => &mut self.fc1,
            Target::Fc2 => &mut self.fc2,
        }
    }

    /// A block that wears nothing (every slot empty).
    pub fn empty() -> Self {
        Self {
            to_q: None,
            to_k: None,
            to_v: None,
            to_out: None,
            fc1: None,
            fc2: None,
        }
    }
}

/// A bracelet for a whole painter.
#[derive(Module, Debug)]
pub struct LoraAdapter<B: Backend> {
    /// One entry per DiT block, in order.
    pub blocks: Vec<BlockLora<B>>,
    /// Thickness.
    pub rank: usize,
    /// Strength numerator.
    pub alpha: f32,
    /// Edit bracelets only: `[patch_dim, hidden]`, zero at start. The start
    /// picture's patches, multiplied by it, join the painted picture's tokens, so
    /// the painter sees the picture it is asked to change. Real trainers' control
    /// LoRAs do the same by widening the model's input layer.
    pub reference: Option<Param<Tensor<B, 2>>>,
}

impl LoraConfig {
    /// Refuses a rank of zero or a non-finite alpha.
    pub fn validate(&self) -> Result<(), TrainerError> {
        if self.rank == 0 {
            return Err(TrainerError::Config("LoRA rank must be at least 1".into()));
        }
        if !self.alpha.is_finite() || self.alpha <= 0.0 {
            return Err(TrainerError::Config(format!(
                "LoRA alpha must be a positive number, got {}",
                self.alpha
            )));
        }
        if self.targets.is_empty() {
            return Err(TrainerError::Config(
                "a LoRA needs at least one target layer".into(),
            ));
        }
        Ok(())
    }

    /// A fresh bracelet for `painter`: `A` uniform in `±1/√in` from `seed`, `B` zero.
    pub fn init<B: Backend>(
        &self,
        painter: &PainterConfig,
        seed: u64,
        device: &B::Device,
    ) -> LoraAdapter<B> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let blocks = (0..painter.depth)
            .map(|_| {
                let mut block = BlockLora::empty();
                for &target in &self.targets {
                    let (d_in, d_out) = target.dims(painter);
                    let bound = 1.0 / (d_in as f32).sqrt();
                    let a: Vec<f32> = (0..d_in * self.rank)
                        .map(|_| rng.random_range(-bound..bound))
                        .collect();
                    let pair = LoraPair {
                        a: Param::from_data(TensorData::new(a, [d_in, self.rank]), device),
                        b: Param::from_tensor(Tensor::zeros([self.rank, d_out], device)),
                    };
                    *block.slot(target) = Some(pair);
                }
                block
            })
            .collect();
        let reference = self.reference.then(|| {
            Param::from_tensor(Tensor::zeros([painter.patch_dim(), painter.hidden], device))
        });
        LoraAdapter {
            blocks,
            rank: self.rank,
            alpha: self.alpha,
            reference,
        }
    }
}

impl<B: Backend> LoraAdapter<B> {
    /// `alpha / rank`: what the correction is multiplied by at scale 1.
    pub fn strength(&self) -> f32 {
        self.alpha / self.rank as f32
    }
}
