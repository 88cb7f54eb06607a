//! The stable validation loss: one number per checkpoint that is comparable
//! across checkpoints.
//!
//! The training loss jumps from step to step because every step draws new images,
//! new noise and new noise levels. Here all three are fixed once: the same images,
//! the same noise, and noise levels spread evenly over `(0, 1)`. What changes
//! between two evaluations is only the bracelet, so the curve is smooth and a
//! lower value really means a better fit to the set.

use burn::tensor::{Int, Tensor, TensorData, backend::Backend};

use super::Example;
use crate::TrainerError;
use crate::flow::{self, mix, velocity};
use crate::lora::Worn;
use crate::model::Painter;
use crate::text::{MAX_TOKENS, Tokenizer};

/// Evaluations run in chunks of this many noisy images.
const CHUNK: usize = 32;

/// Fixed images, noise and noise levels.
#[derive(Clone, Debug)]
pub struct ValidationSet<B: Backend> {
    /// `[n, 3, size, size]` clean images, each repeated once per noise level.
    clean: Tensor<B, 4>,
    /// `[n, 3, size, size]` fixed noise.
    noise: Tensor<B, 4>,
    /// `[n]` noise levels.
    t: Tensor<B, 1>,
    /// `[n, MAX_TOKENS]` caption ids.
    ids: Tensor<B, 2, Int>,
    /// `[n, 3, size, size]` start pictures, for an edit album's pairs.
    starts: Option<Tensor<B, 4>>,
    len: usize,
}

/// Album pictures a LoRA run's stable validation loss looks at (the first ones).
pub const ALBUM_VALIDATION_IMAGES: usize = 8;
/// Noise levels per picture in a LoRA run's stable validation loss.
pub const ALBUM_VALIDATION_LEVELS: usize = 4;

impl<B: Backend> ValidationSet<B> {
    /// The standard validation set of a LoRA run seeded `seed`: the album's first
    /// [`ALBUM_VALIDATION_IMAGES`] examples at [`ALBUM_VALIDATION_LEVELS`] levels,
    /// noise drawn from a stream of its own. The CLI and the server both use it, so
    /// one run reports one validation curve wherever it trains.
    pub fn for_album(
        examples: &[Example],
        size: usize,
        seed: u64,
        device: &B::Device,
    ) -> Result<Self, TrainerError> {
        let held: Vec<Example> = examples
            .iter()
            .take(ALBUM_VALIDATION_IMAGES)
            .cloned()
            .collect();
        Self::new(&held, size, ALBUM_VALIDATION_LEVELS, seed ^ 0x5eed, device)
    }

    /// Every example at `levels` noise levels `(k + ½) / levels`, with noise drawn
    /// from `seed`.
    pub fn new(
        examples: &[Example],
        size: usize,
        levels: usize,
        seed: u64,
        device: &B::Device,
    ) -> Result<Self, TrainerError> {
        if examples.is_empty() || levels == 0 {
            return Err(TrainerError::Config(
                "a validation set needs at least one image and one noise level".into(),
            ));
        }
        let tokenizer = Tokenizer::default();
        let len = examples.len() * levels;
        let mut pixels = Vec::with_capacity(len * 3 * size * size);
        let mut ids = Vec::with_capacity(len * MAX_TOKENS);
        let mut t = Vec::with_capacity(len);
        let mut starts = Vec::new();
        let pairs = examples.iter().all(|e| e.start.is_some());
        for example in examples {
            if example.image.len() != 3 * size * size {
                return Err(TrainerError::Config(format!(
                    "validation images must be {size}×{size} RGB"
                )));
            }
            let caption = tokenizer.encode(&example.caption)?;
            for level in 0..levels {
                if let (true, Some(start)) = (pairs, &example.start) {
                    starts.extend_from_slice(start);
                }
                pixels.extend_from_slice(&example.image);
                ids.extend(caption.iter().map(|&id| i64::from(id)));
                t.push((level as f32 + 0.5) / levels as f32);
            }
        }
        let shape = [len, 3, size, size];
        Ok(Self {
            clean: Tensor::from_data(TensorData::new(pixels, shape), device),
            noise: flow::noise(&mut flow::rng(seed), shape, device),
            t: Tensor::from_data(TensorData::new(t, [len]), device),
            ids: Tensor::from_data(TensorData::new(ids, [len, MAX_TOKENS]), device),
            starts: (pairs && starts.len() == len * 3 * size * size)
                .then(|| Tensor::from_data(TensorData::new(starts, shape), device)),
            len,
        })
    }

    /// How many noisy images one evaluation looks at.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the set is empty (never, once built).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Mean squared velocity error of `painter` wearing `loras`, still on the
    /// device (read it synchronously natively, asynchronously in the browser).
    ///
    /// # Shapes
    /// - returns `[1]`
    pub fn loss(&self, painter: &Painter<B>, loras: &[Worn<'_, B>]) -> Tensor<B, 1> {
        let mut total: Option<Tensor<B, 1>> = None;
        let mut start = 0;
        while start < self.len {
            let end = (start + CHUNK).min(self.len);
            let clean = self.clean.clone().slice(start..end);
            let noise = self.noise.clone().slice(start..end);
            let t = self.t.clone().slice(start..end);
            let text = painter.encode_text(self.ids.clone().slice(start..end));
            let starts = self.starts.as_ref().map(|s| s.clone().slice(start..end));
            let reading: Vec<Worn<'_, B>> = loras
                .iter()
                .map(|w| w.reading_if(starts.as_ref()))
                .collect();
            let predicted = painter.forward(
                mix(clean.clone(), noise.clone(), t.clone()),
                t,
                &text,
                &reading,
            );
            let sum = (predicted - velocity(clean, noise)).powf_scalar(2.0).sum();
            total = Some(match total {
                Some(acc) => acc + sum,
                None => sum,
            });
            start = end;
        }
        let elements = self.clean.dims().iter().product::<usize>();
        total.map_or_else(
            || Tensor::zeros([1], &self.clean.device()),
            |sum| sum / elements as f64,
        )
    }
}
