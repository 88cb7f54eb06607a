//! Painting: walk the flow from pure noise back to an image.
//!
//! Euler steps from `t = 1` to `t = 0`: `x ← x − dt·v`. With classifier-free
//! guidance the velocity is `v_empty + g·(v_prompt − v_empty)`, where `v_empty`
//! is the painter's answer to an empty caption. A fixed seed gives the same start
//! noise, so one prompt can be "walked" across the checkpoints of a run.

use burn::module::Module;
use burn::tensor::{Int, Tensor, TensorData, backend::Backend};
use serde::{Deserialize, Serialize};

use crate::flow;
use crate::lora::Worn;
use crate::model::Painter;
use crate::text::{MAX_TOKENS, PAD};

/// How to paint.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleConfig {
    /// Euler steps.
    pub steps: usize,
    /// Guidance strength; 1 turns guidance off.
    pub guidance: f32,
    /// Seed of the start noise.
    pub seed: u64,
}

impl Default for SampleConfig {
    fn default() -> Self {
        Self {
            steps: 20,
            guidance: 3.0,
            seed: 0,
        }
    }
}

/// Paints one image for the caption `ids` (from the tokenizer).
///
/// # Shapes
/// - returns `[1, 3, size, size]`, values clamped to `[-1, 1]`
pub fn sample<B: Backend>(
    painter: &Painter<B>,
    loras: &[Worn<'_, B>],
    ids: &[u32],
    config: SampleConfig,
) -> Tensor<B, 4> {
    let device = painter.devices()[0].clone();
    let size = painter.image_size();
    let to_tensor = |ids: Vec<i64>| {
        Tensor::<B, 2, Int>::from_data(TensorData::new(ids, [1, MAX_TOKENS]), &device)
    };
    let prompt = painter.encode_text(to_tensor(ids.iter().map(|&id| i64::from(id)).collect()));
    let guided = (config.guidance - 1.0).abs() > f32::EPSILON;
    let empty = guided.then(|| painter.encode_text(to_tensor(vec![i64::from(PAD); MAX_TOKENS])));
    let mut x = flow::noise::<B, 4>(&mut flow::rng(config.seed), [1, 3, size, size], &device);
    let steps = config.steps.max(1);
    let dt = 1.0 / steps as f32;
    for i in 0..steps {
        let t = Tensor::<B, 1>::from_floats([1.0 - i as f32 * dt], &device);
        let mut v = painter.forward(x.clone(), t.clone(), &prompt, loras);
        if let Some(empty) = &empty {
            let v_empty = painter.forward(x.clone(), t, empty, loras);
            v = v_empty.clone() + (v - v_empty) * config.guidance;
        }
        x = x - v * dt;
    }
    x.clamp(-1.0, 1.0)
}

/// `[-1, 1]` channel-major floats of a `size`-pixel square as a picture.
pub fn to_picture(values: &[f32], size: usize) -> crate::image::RgbImage {
    crate::image::RgbImage {
        width: size,
        height: size,
        pixels: to_rgb8(values, size),
    }
}

/// `[-1, 1]` channel-major floats to interleaved 8-bit RGB.
pub fn to_rgb8(values: &[f32], size: usize) -> Vec<u8> {
    let plane = size * size;
    let mut rgb = Vec::with_capacity(3 * plane);
    for pixel in 0..plane {
        for channel in 0..3 {
            let v = values.get(channel * plane + pixel).copied().unwrap_or(0.0);
            rgb.push(((v.clamp(-1.0, 1.0) + 1.0) * 127.5).round() as u8);
        }
    }
    rgb
}
