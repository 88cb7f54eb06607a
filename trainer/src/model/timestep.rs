//! The timestep as a vector: sinusoidal features, then a small MLP.

use burn::config::Config;
use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
use burn::tensor::activation::silu;
use burn::tensor::{Tensor, backend::Backend};

/// Builds a [`TimestepEmbedding`].
#[derive(Config, Debug)]
pub struct TimestepEmbeddingConfig {
    /// Output width.
    pub hidden: usize,
    /// Number of sinusoidal features (half sines, half cosines).
    #[config(default = 128)]
    pub frequencies: usize,
}

/// Maps `t ∈ [0, 1]` to a vector the blocks are modulated by.
#[derive(Module, Debug)]
pub struct TimestepEmbedding<B: Backend> {
    first: Linear<B>,
    second: Linear<B>,
    frequencies: usize,
}

impl TimestepEmbeddingConfig {
    /// Creates the layer on `device`.
    pub fn init<B: Backend>(&self, device: &B::Device) -> TimestepEmbedding<B> {
        TimestepEmbedding {
            first: LinearConfig::new(self.frequencies, self.hidden).init(device),
            second: LinearConfig::new(self.hidden, self.hidden).init(device),
            frequencies: self.frequencies,
        }
    }
}

impl<B: Backend> TimestepEmbedding<B> {
    /// # Shapes
    /// - `t`: `[batch]`, values in `[0, 1]` → `[batch, hidden]`
    pub fn forward(&self, t: Tensor<B, 1>) -> Tensor<B, 2> {
        let features = sinusoidal(t, self.frequencies);
        self.second.forward(silu(self.first.forward(features)))
    }
}

/// `[sin(1000·t·f_i), cos(1000·t·f_i)]` for geometric frequencies `f_i`.
///
/// # Shapes
/// - `t`: `[batch]` → `[batch, frequencies]`
pub fn sinusoidal<B: Backend>(t: Tensor<B, 1>, frequencies: usize) -> Tensor<B, 2> {
    let half = frequencies / 2;
    let device = t.device();
    let freqs: Vec<f32> = (0..half)
        .map(|i| (-(10_000f32.ln()) * i as f32 / half as f32).exp())
        .collect();
    let freqs = Tensor::<B, 1>::from_floats(freqs.as_slice(), &device).unsqueeze_dim::<2>(0);
    let angles = (t * 1000.0).unsqueeze_dim::<2>(1).matmul(freqs);
    Tensor::cat(vec![angles.clone().sin(), angles.cos()], 1)
}
