//! An exponential moving average of the bracelet.
//!
//! Late in a run the adapter jitters from batch to batch; the average of its recent
//! values is often a steadier bracelet than the last one. The average lives on the
//! inner (non-autodiff) backend: it is never trained, only blended.

use burn::module::Param;
use burn::tensor::backend::Backend;

use crate::lora::{BlockLora, LoraAdapter, LoraPair, Target};

/// The decay actually used at `step` (0-based count of updates already averaged):
/// a short warm-up so a fresh average is not dragged toward the zero-initialised
/// start for thousands of steps.
pub fn effective_decay(decay: f32, step: u32) -> f32 {
    let warm = (1.0 + step as f32) / (10.0 + step as f32);
    decay.min(warm)
}

/// `decay · average + (1 − decay) · current`, pair by pair.
pub fn blend<B: Backend>(
    average: &LoraAdapter<B>,
    current: &LoraAdapter<B>,
    decay: f32,
) -> LoraAdapter<B> {
    let keep = f64::from(decay);
    let take = 1.0 - keep;
    let blocks = average
        .blocks
        .iter()
        .zip(&current.blocks)
        .map(|(avg, cur)| {
            let mut block = BlockLora::empty();
            for target in Target::ALL {
                if let (Some(a), Some(c)) = (avg.get(target), cur.get(target)) {
                    *block.slot(target) = Some(LoraPair {
                        a: Param::from_tensor(a.a.val() * keep + c.a.val() * take),
                        b: Param::from_tensor(a.b.val() * keep + c.b.val() * take),
                    });
                }
            }
            block
        })
        .collect();
    let reference = match (&average.reference, &current.reference) {
        (Some(a), Some(c)) => Some(Param::from_tensor(a.val() * keep + c.val() * take)),
        _ => None,
    };
    LoraAdapter {
        blocks,
        rank: average.rank,
        alpha: average.alpha,
        reference,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decay_warms_up_then_holds() {
        assert!((effective_decay(0.999, 0) - 0.1).abs() < 1e-6);
        assert!((effective_decay(0.999, 90) - 0.91).abs() < 1e-6);
        assert!((effective_decay(0.99, 100_000) - 0.99).abs() < 1e-6);
    }
}
