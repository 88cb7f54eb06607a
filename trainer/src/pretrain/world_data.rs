//! World pictures as training examples: the training stream's batches and the
//! fixed pictures the stable validation loss looks at.

use burn::tensor::backend::Backend;

use crate::TrainerError;
use crate::train::{Example, ValidationSet};
use crate::world::WorldSampler;

/// Seed of the world pictures every pretraining run validates on, whatever its
/// own seed: runs with different settings are compared on the same set.
pub const VALIDATION_SEED: u64 = 0x5a11_da7e;

/// Pictures in the standard validation set.
pub const VALIDATION_IMAGES: usize = 16;

/// Noise levels each validation picture is scored at.
pub const VALIDATION_LEVELS: usize = 4;

/// Seed of the world prompts painted at every validation.
pub const PROMPT_SEED: u64 = 0x9a1e_77e5;

/// The next `count` pictures of `sampler`, rendered, as `[3, s, s]` examples
/// with their world captions.
pub fn next_examples(
    sampler: &mut WorldSampler,
    count: usize,
) -> Result<Vec<Example>, TrainerError> {
    (0..count)
        .map(|_| {
            let sample = sampler.next_sample()?;
            Ok(Example {
                image: sample.image.to_chw(),
                caption: sample.caption,
                start: None,
            })
        })
        .collect()
}

/// The first `count` pictures of the pretraining stream seeded `seed`.
pub fn world_examples(seed: u64, size: usize, count: usize) -> Result<Vec<Example>, TrainerError> {
    next_examples(&mut WorldSampler::pretraining(seed, size), count)
}

/// A stable validation set of `images` world pictures from the stream seeded
/// `seed` (choose one the training stream does not use), each at `levels` noise
/// levels, with fixed noise drawn from the same seed.
pub fn world_validation_set<B: Backend>(
    seed: u64,
    size: usize,
    images: usize,
    levels: usize,
    device: &B::Device,
) -> Result<ValidationSet<B>, TrainerError> {
    ValidationSet::new(
        &world_examples(seed, size, images)?,
        size,
        levels,
        seed,
        device,
    )
}
