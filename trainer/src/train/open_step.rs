//! One training step laid open, for the course's "one step" figure: the same
//! moves a run makes (pour noise on an album picture, ask the painter with the
//! bracelet on to undo it, score the guess, nudge the bracelet along its
//! gradient), with every intermediate kept instead of thrown away: the noisy
//! picture, the painter's guess of the clean picture with and without the
//! bracelet, the loss, and the loss the same guess scores after one nudge.
//!
//! The nudge here is the plain one the course describes, each bracelet number
//! moved by its gradient times the learning rate (real runs smooth gradients
//! with AdamW first).

use burn::module::{AutodiffModule, Module};
use burn::optim::{GradientsParams, Optimizer, SgdConfig};
use burn::tensor::backend::AutodiffBackend;
use burn::tensor::{Int, Tensor, TensorData};

use crate::flow::{mix, velocity};
use crate::lora::{LoraAdapter, Worn};
use crate::model::Painter;
use crate::text::MAX_TOKENS;
use crate::values::values;

/// What one opened step shows, pictures as `[3, s, s]` values in about `[-1, 1]`.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenStep {
    /// The noise level.
    pub t: f32,
    /// The album picture with the noise poured on.
    pub noisy: Vec<f32>,
    /// The bare painter's guess of the clean picture (no bracelet).
    pub guess_bare: Vec<f32>,
    /// The guess with the bracelet on.
    pub guess: Vec<f32>,
    /// The bare painter's loss on this picture and noise.
    pub loss_bare: f32,
    /// The loss with the bracelet on: what the run would score.
    pub loss: f32,
    /// The same picture, noise and level scored again after one nudge.
    pub loss_after: f32,
    /// The largest change the nudge made to any bracelet number.
    pub largest_change: f32,
}

/// Opens one step at noise level `t` for picture `clean` (`[3, s, s]`) with
/// caption token ids `ids`, noise `noise` (`[3, s, s]`, standard normal) and
/// the bracelet `adapter`, nudged at `learning_rate`.
pub fn open_step<B: AutodiffBackend>(
    painter: &Painter<B>,
    adapter: &LoraAdapter<B>,
    clean: &[f32],
    ids: &[u32],
    noise: &[f32],
    t: f32,
    learning_rate: f64,
) -> OpenStep {
    let painter = painter.clone().no_grad();
    let device = painter.devices()[0].clone();
    let size = painter.image_size();
    let shape = [1, 3, size, size];
    let clean = Tensor::<B, 4>::from_data(TensorData::new(clean.to_vec(), shape), &device);
    let eps = Tensor::<B, 4>::from_data(TensorData::new(noise.to_vec(), shape), &device);
    let ids: Vec<i64> = ids.iter().map(|&i| i64::from(i)).collect();
    let ids = Tensor::<B, 2, Int>::from_data(TensorData::new(ids, [1, MAX_TOKENS]), &device);
    let level = Tensor::<B, 1>::from_floats([t], &device);
    let text = painter.encode_text(ids);
    let noisy = mix(clean.clone(), eps.clone(), level.clone());
    let target = velocity(clean, eps);
    // x₀ = x_t − t·v: the clean picture the predicted velocity points back to.
    let ask = |worn: &[Worn<'_, B>]| {
        let predicted = painter.forward(noisy.clone(), level.clone(), &text, worn);
        let loss = (predicted.clone() - target.clone()).powf_scalar(2.0).mean();
        let guess = noisy.clone() - predicted * t;
        (guess, loss)
    };
    let (guess_bare, loss_bare) = ask(&[]);
    let (guess, loss) = ask(&[Worn::new(adapter, 1.0)]);
    let values = |x: Tensor<B, 4>| x.into_data().to_vec::<f32>().unwrap_or_default();
    let scalar = |x: Tensor<B, 1>| {
        values(x.unsqueeze::<4>())
            .first()
            .copied()
            .unwrap_or(f32::NAN)
    };
    let loss_value = scalar(loss.clone());
    let grads = GradientsParams::from_grads(loss.backward(), adapter);
    let mut optimizer = SgdConfig::new().init::<B, LoraAdapter<B>>();
    let nudged = optimizer.step(learning_rate, adapter.clone(), grads);
    let (_, loss_after) = ask(&[Worn::new(&nudged, 1.0)]);
    OpenStep {
        t,
        noisy: values(noisy.clone()),
        guess_bare: values(guess_bare),
        guess: values(guess),
        loss_bare: scalar(loss_bare),
        loss: loss_value,
        loss_after: scalar(loss_after),
        largest_change: largest_change(&adapter.valid(), &nudged.valid()),
    }
}

/// The largest absolute difference between two bracelets' numbers.
fn largest_change<B: burn::tensor::backend::Backend>(
    before: &LoraAdapter<B>,
    after: &LoraAdapter<B>,
) -> f32 {
    values(before)
        .iter()
        .flatten()
        .zip(values(after).iter().flatten())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TestBackend;
    use crate::flow;
    use crate::lora::{LoraConfig, Target};
    use crate::test_util::{jittered_painter, small_config};
    use crate::text::Tokenizer;

    type B = TestBackend;

    #[test]
    fn a_fresh_bracelet_guesses_like_the_bare_painter_and_the_nudge_helps() {
        let painter = jittered_painter();
        let adapter = LoraConfig::new()
            .with_rank(4)
            .with_targets(Target::ALL.to_vec())
            .init::<B>(&small_config(), 3, &Default::default());
        let side = painter.image_size();
        let clean = super::super::tests::picture([0.8, -0.6, -0.6], [-0.6, -0.6, 0.8]);
        let noise: Vec<f32> =
            flow::noise::<B, 1>(&mut flow::rng(5), [3 * side * side], &Default::default())
                .into_data()
                .to_vec()
                .expect("floats");
        let ids = Tokenizer::default()
            .encode("a photo of TOK")
            .expect("words");
        let opened = open_step(&painter, &adapter, &clean, &ids, &noise, 0.5, 0.05);
        assert_eq!(opened.noisy.len(), 3 * side * side);
        // A fresh bracelet adds nothing yet (its B matrices start at zero).
        assert!((opened.loss - opened.loss_bare).abs() < 1e-6, "{opened:?}");
        assert_eq!(opened.guess, opened.guess_bare);
        // One step down the gradient scores the same picture better.
        assert!(
            opened.loss_after < opened.loss,
            "{} → {}",
            opened.loss,
            opened.loss_after
        );
        assert!(opened.largest_change > 0.0);
        // Half the noise: the noisy picture is half picture, half noise.
        let expected = 0.5 * clean[0] + 0.5 * noise[0];
        assert!((opened.noisy[0] - expected).abs() < 1e-5);
    }
}
