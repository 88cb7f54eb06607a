//! Rectified flow: how noise is poured on and what the painter must predict.
//!
//! `x_t = (1 − t)·x₀ + t·ε`, `t ∈ [0, 1]`: at `t = 0` the clean image, at `t = 1`
//! pure noise. The painter predicts the velocity `v = ε − x₀`, the straight path
//! from image to noise; sampling walks it backwards from `t = 1` to `t = 0`.
//!
//! Timestep samplers decide which noise levels training practises: high noise
//! shapes composition, the middle features, low noise texture.

use burn::tensor::{Tensor, TensorData, backend::Backend};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

/// How training draws noise levels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum TimestepSampling {
    /// Every level equally often.
    Uniform,
    /// Logit-normal: `t = sigmoid(mean + std·n)`, concentrated in the middle.
    Sigmoid {
        /// Centre in logit space (0 = t of one half).
        mean: f32,
        /// Spread in logit space.
        std: f32,
    },
    /// Uniform, pushed towards high noise by `shift > 1`: `s·t / (1 + (s − 1)·t)`.
    Shift(f32),
}

/// A further lean applied after sampling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoiseBias {
    /// As sampled.
    #[default]
    Balanced,
    /// Towards high noise (composition): `√t`.
    HighNoise,
    /// Towards low noise (texture): `t²`.
    LowNoise,
}

/// Draws noise levels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimestepSampler {
    /// The base distribution.
    pub sampling: TimestepSampling,
    /// The lean.
    pub bias: NoiseBias,
}

impl TimestepSampler {
    /// One noise level in `(0, 1)`.
    pub fn sample(&self, rng: &mut impl Rng) -> f32 {
        let t = match self.sampling {
            TimestepSampling::Uniform => rng.random::<f32>(),
            TimestepSampling::Sigmoid { mean, std } => {
                let n: f32 = StandardNormal.sample(rng);
                1.0 / (1.0 + (-(mean + std * n)).exp())
            }
            TimestepSampling::Shift(s) => {
                let u = rng.random::<f32>();
                s * u / (1.0 + (s - 1.0) * u)
            }
        };
        let t = match self.bias {
            NoiseBias::Balanced => t,
            NoiseBias::HighNoise => t.sqrt(),
            NoiseBias::LowNoise => t * t,
        };
        t.clamp(1e-4, 1.0 - 1e-4)
    }

    /// `n` noise levels.
    pub fn sample_n(&self, rng: &mut impl Rng, n: usize) -> Vec<f32> {
        (0..n).map(|_| self.sample(rng)).collect()
    }
}

/// A seeded random stream: the same seed gives the same noise on every backend,
/// because numbers are drawn on the CPU and uploaded.
pub fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// Standard normal noise of `shape`, drawn from `rng`.
pub fn noise<B: Backend, const D: usize>(
    rng: &mut impl Rng,
    shape: [usize; D],
    device: &B::Device,
) -> Tensor<B, D> {
    let count = shape.iter().product();
    let values: Vec<f32> = (0..count).map(|_| StandardNormal.sample(rng)).collect();
    Tensor::from_data(TensorData::new(values, shape), device)
}

/// `x_t = (1 − t)·x₀ + t·ε`.
///
/// # Shapes
/// - `clean`, `noise`: `[batch, 3, size, size]`; `t`: `[batch]`
pub fn mix<B: Backend>(clean: Tensor<B, 4>, noise: Tensor<B, 4>, t: Tensor<B, 1>) -> Tensor<B, 4> {
    let t = t.unsqueeze_dims::<4>(&[1, 2, 3]);
    clean * (t.clone().neg() + 1.0) + noise * t
}

/// The velocity the painter must predict: `ε − x₀`.
pub fn velocity<B: Backend>(clean: Tensor<B, 4>, noise: Tensor<B, 4>) -> Tensor<B, 4> {
    noise - clean
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(sampler: TimestepSampler) -> (f32, f32) {
        let mut r = rng(7);
        let samples = sampler.sample_n(&mut r, 20_000);
        let mean = samples.iter().sum::<f32>() / samples.len() as f32;
        let var = samples.iter().map(|t| (t - mean).powi(2)).sum::<f32>() / samples.len() as f32;
        assert!(samples.iter().all(|t| (0.0..1.0).contains(t)));
        (mean, var.sqrt())
    }

    #[test]
    fn samplers_have_the_expected_shapes() {
        let plain = |sampling| TimestepSampler {
            sampling,
            bias: NoiseBias::Balanced,
        };
        // Uniform on (0,1): mean 1/2, spread 1/√12 ≈ 0.289.
        let (mean, spread) = stats(plain(TimestepSampling::Uniform));
        assert!(
            (mean - 0.5).abs() < 0.01 && (spread - 0.2887).abs() < 0.01,
            "{mean} {spread}"
        );
        // Logit-normal(0, 1): mean 1/2, spread ≈ 0.21, narrower than uniform.
        let (mean, spread) = stats(plain(TimestepSampling::Sigmoid {
            mean: 0.0,
            std: 1.0,
        }));
        assert!(
            (mean - 0.5).abs() < 0.01 && (spread - 0.208).abs() < 0.01,
            "{mean} {spread}"
        );
        // Shift 3 pushes towards noise: E[3u/(1+2u)] = 3/2 − 3·ln(3)/4 ≈ 0.676.
        let (mean, _) = stats(plain(TimestepSampling::Shift(3.0)));
        assert!((mean - 0.676).abs() < 0.01, "{mean}");
    }

    #[test]
    fn bias_leans_the_right_way() {
        let with = |bias| TimestepSampler {
            sampling: TimestepSampling::Uniform,
            bias,
        };
        // E[√u] = 2/3, E[u²] = 1/3.
        let (high, _) = stats(with(NoiseBias::HighNoise));
        let (low, _) = stats(with(NoiseBias::LowNoise));
        assert!((high - 2.0 / 3.0).abs() < 0.01, "{high}");
        assert!((low - 1.0 / 3.0).abs() < 0.01, "{low}");
    }

    #[test]
    fn same_seed_same_noise() {
        let a: Vec<f32> = (0..5).map(|_| StandardNormal.sample(&mut rng(3))).collect();
        let b: Vec<f32> = (0..5).map(|_| StandardNormal.sample(&mut rng(3))).collect();
        assert_eq!(a, b);
    }
}
