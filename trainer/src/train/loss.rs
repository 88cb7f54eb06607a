//! The flow-matching loss both training loops minimise.
//!
//! Given a batch of clean pictures and their caption ids, pour seeded noise on
//! each at a drawn noise level and score the painter's velocity against the
//! straight path from picture to noise. LoRA training calls it with the painter
//! frozen and a bracelet worn; pretraining with every weight of the painter live.

use burn::module::Module;
use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor, TensorData};
use rand::Rng;

use crate::flow::{self, TimestepSampler, mix, velocity};
use crate::lora::Worn;
use crate::model::Painter;
use crate::text::{MAX_TOKENS, PAD, Tokenizer};

/// One batch on the CPU, assembled picture by picture.
#[derive(Default)]
pub(crate) struct Batch {
    pixels: Vec<f32>,
    ids: Vec<i64>,
    len: usize,
    /// Per-pixel loss weights, `[len, 1, s, s]`, when every picture has them.
    weights: Vec<f32>,
    /// Start pictures of edit pairs, `[len, 3, s, s]`, when every picture has one.
    starts: Vec<f32>,
}

impl Batch {
    /// Adds one `[3, s, s]` picture with its caption, or with the empty caption
    /// when `dropped` (so the painter also learns the unconditional answer that
    /// classifier-free guidance needs). A caption the tokenizer refuses counts
    /// as empty; callers check captions before training.
    pub(crate) fn push(
        &mut self,
        image: &[f32],
        caption: &str,
        dropped: bool,
        tokenizer: &Tokenizer,
    ) {
        self.pixels.extend_from_slice(image);
        let ids = if dropped {
            vec![PAD; MAX_TOKENS]
        } else {
            tokenizer
                .encode(caption)
                .unwrap_or_else(|_| vec![PAD; MAX_TOKENS])
        };
        self.ids.extend(ids.into_iter().map(i64::from));
        self.len += 1;
    }

    /// Gives the last pushed picture per-pixel loss weights (`s × s`, row by
    /// row, mean 1). Either every picture of a batch has weights or none.
    pub(crate) fn weigh_last(&mut self, weights: &[f32]) {
        self.weights.extend_from_slice(weights);
    }

    /// Gives the last pushed picture the start picture (`[3, s, s]`) it is the
    /// edited version of. Either every picture of a batch has one or none.
    pub(crate) fn start_from(&mut self, start: &[f32]) {
        self.starts.extend_from_slice(start);
    }
}

/// Mean squared velocity error on `batch`, with noise and noise levels drawn
/// from `rng`; each pixel's error times its weight when the batch has weights.
///
/// # Shapes
/// - returns `[1]`
pub(crate) fn flow_loss<B: Backend>(
    painter: &Painter<B>,
    loras: &[Worn<'_, B>],
    batch: Batch,
    timesteps: &TimestepSampler,
    rng: &mut impl Rng,
) -> Tensor<B, 1> {
    let device = painter.devices()[0].clone();
    let size = painter.image_size();
    let shape = [batch.len, 3, size, size];
    let starts = (!batch.starts.is_empty() && batch.starts.len() == batch.pixels.len())
        .then(|| Tensor::<B, 4>::from_data(TensorData::new(batch.starts, shape), &device));
    let clean = Tensor::<B, 4>::from_data(TensorData::new(batch.pixels, shape), &device);
    let ids = Tensor::<B, 2, Int>::from_data(
        TensorData::new(batch.ids, [batch.len, MAX_TOKENS]),
        &device,
    );
    let eps = flow::noise::<B, 4>(rng, shape, &device);
    let t = Tensor::<B, 1>::from_floats(timesteps.sample_n(rng, batch.len).as_slice(), &device);
    let text = painter.encode_text(ids);
    let noisy = mix(clean.clone(), eps.clone(), t.clone());
    let reading: Vec<Worn<'_, B>> = loras
        .iter()
        .map(|w| w.reading_if(starts.as_ref()))
        .collect();
    let predicted = painter.forward(noisy, t, &text, &reading);
    let squared = (predicted - velocity(clean, eps)).powf_scalar(2.0);
    if batch.weights.len() == batch.len * size * size {
        let weights = Tensor::<B, 4>::from_data(
            TensorData::new(batch.weights, [batch.len, 1, size, size]),
            &device,
        );
        (squared * weights).mean()
    } else {
        squared.mean()
    }
}
