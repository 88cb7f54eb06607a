//! Damage that makes a clean render look like a painter's sample: a little blur,
//! grain and colour drift, drawn from a seeded generator.
//!
//! The painter's samples are softer than renders (a small model smooths fine
//! detail away), carry leftover noise when sampled in few steps, and drift in
//! colour. The judges are trained on renders damaged this way so that their
//! verdicts on samples mean the same as on renders; [`Augment::HARSH`] is the
//! fixed, stronger damage the "noisy/blurred" accuracies are measured under.

use rand::Rng;
use rand_distr::{Distribution, Normal};

use super::pixels::INPUT_SIZE;

/// How much damage to draw, each kind independently.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Augment {
    /// Chance of a Gaussian blur.
    pub blur_chance: f32,
    /// Blur width (standard deviation in pixels), drawn uniformly from this range.
    pub blur_sigma: (f32, f32),
    /// Chance of added grain.
    pub noise_chance: f32,
    /// Grain strength (standard deviation, in `[-1, 1]` units), drawn from this range.
    pub noise_sigma: (f32, f32),
    /// Largest shift of each channel's level, in `[-1, 1]` units.
    pub colour_shift: f32,
    /// Largest relative change of contrast.
    pub contrast: f32,
}

impl Augment {
    /// Training's damage: often some, sometimes none.
    pub const TRAINING: Augment = Augment {
        blur_chance: 0.4,
        blur_sigma: (0.3, 1.0),
        noise_chance: 0.5,
        noise_sigma: (0.0, 0.12),
        colour_shift: 0.06,
        contrast: 0.12,
    };

    /// The fixed grading damage: always blurred (σ 0.8 px) and grainy (σ 0.08),
    /// with colour drift up to 0.04.
    pub const HARSH: Augment = Augment {
        blur_chance: 1.0,
        blur_sigma: (0.8, 0.8),
        noise_chance: 1.0,
        noise_sigma: (0.08, 0.08),
        colour_shift: 0.04,
        contrast: 0.05,
    };

    /// Damages `[3, 32, 32]` planes in place; values stay in `[-1, 1]`.
    pub fn apply(&self, planes: &mut [f32], rng: &mut impl Rng) {
        let plane = INPUT_SIZE * INPUT_SIZE;
        if rng.random::<f32>() < self.blur_chance {
            let sigma = draw(rng, self.blur_sigma);
            for channel in planes.chunks_exact_mut(plane) {
                blur(channel, INPUT_SIZE, sigma);
            }
        }
        let contrast = 1.0 + self.contrast * (2.0 * rng.random::<f32>() - 1.0);
        for channel in planes.chunks_exact_mut(plane) {
            let shift = self.colour_shift * (2.0 * rng.random::<f32>() - 1.0);
            let mean = channel.iter().sum::<f32>() / plane as f32;
            for v in channel.iter_mut() {
                *v = (*v - mean) * contrast + mean + shift;
            }
        }
        if rng.random::<f32>() < self.noise_chance {
            let sigma = draw(rng, self.noise_sigma);
            if let Ok(normal) = Normal::new(0.0, sigma.max(0.0)) {
                for v in planes.iter_mut() {
                    *v += normal.sample(rng);
                }
            }
        }
        for v in planes.iter_mut() {
            *v = v.clamp(-1.0, 1.0);
        }
    }
}

fn draw(rng: &mut impl Rng, (lo, hi): (f32, f32)) -> f32 {
    lo + (hi - lo) * rng.random::<f32>()
}

/// A separable Gaussian blur of one `side × side` channel, edges clamped.
pub fn blur(channel: &mut [f32], side: usize, sigma: f32) {
    if sigma <= 0.0 {
        return;
    }
    let radius = (2.5 * sigma).ceil() as isize;
    let weights: Vec<f32> = (-radius..=radius)
        .map(|d| (-(d * d) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f32 = weights.iter().sum();
    let at = |i: isize| i.clamp(0, side as isize - 1) as usize;
    let mut tmp = vec![0.0; channel.len()];
    for y in 0..side {
        for x in 0..side {
            tmp[y * side + x] = weights
                .iter()
                .enumerate()
                .map(|(k, w)| w * channel[y * side + at(x as isize + k as isize - radius)])
                .sum::<f32>()
                / total;
        }
    }
    for y in 0..side {
        for x in 0..side {
            channel[y * side + x] = weights
                .iter()
                .enumerate()
                .map(|(k, w)| w * tmp[at(y as isize + k as isize - radius) * side + x])
                .sum::<f32>()
                / total;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn damage_is_seeded_bounded_and_blur_keeps_the_mean() {
        let clean: Vec<f32> = (0..3 * INPUT_SIZE * INPUT_SIZE)
            .map(|i| ((i * 37 % 200) as f32 / 100.0) - 1.0)
            .collect();
        let damaged = |seed| {
            let mut p = clean.clone();
            Augment::HARSH.apply(&mut p, &mut ChaCha8Rng::seed_from_u64(seed));
            p
        };
        assert_eq!(damaged(1), damaged(1));
        assert_ne!(damaged(1), damaged(2));
        assert!(damaged(3).iter().all(|v| (-1.0..=1.0).contains(v)));
        let mut channel = clean[..INPUT_SIZE * INPUT_SIZE].to_vec();
        let before: f32 = channel.iter().sum();
        blur(&mut channel, INPUT_SIZE, 1.0);
        let after: f32 = channel.iter().sum();
        assert!((before - after).abs() / before.abs().max(1.0) < 0.05);
    }
}
