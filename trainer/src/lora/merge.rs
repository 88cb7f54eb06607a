//! Folding a bracelet into the painter's weights, and taking it back out.
//!
//! Merged, the painter runs at the speed of the base model; `W + f·A·B` and
//! `W − f·A·B` are exact inverses up to floating-point rounding. An edit
//! bracelet's reference weights read a start picture, an input the plain painter
//! does not have, so only its pairs fold in.

use burn::module::Param;
use burn::nn::Linear;
use burn::tensor::backend::Backend;

use super::adapter::{LoraAdapter, Target};
use crate::model::Painter;

/// The painter with `adapter` at `scale` folded into its weights.
pub fn merge<B: Backend>(painter: Painter<B>, adapter: &LoraAdapter<B>, scale: f32) -> Painter<B> {
    fold(painter, adapter, scale * adapter.strength())
}

/// Takes back out what [`merge`] folded in (same adapter, same scale).
pub fn unmerge<B: Backend>(
    painter: Painter<B>,
    adapter: &LoraAdapter<B>,
    scale: f32,
) -> Painter<B> {
    fold(painter, adapter, -scale * adapter.strength())
}

fn fold<B: Backend>(mut painter: Painter<B>, adapter: &LoraAdapter<B>, factor: f32) -> Painter<B> {
    for (block, lora) in painter.blocks.iter_mut().zip(&adapter.blocks) {
        for target in Target::ALL {
            let Some(pair) = lora.get(target) else {
                continue;
            };
            let layer: &mut Linear<B> = match target {
                Target::ToQ => &mut block.attn.to_q,
                Target::ToK => &mut block.attn.to_k,
                Target::ToV => &mut block.attn.to_v,
                Target::ToOut => &mut block.attn.to_out,
                Target::Fc1 => &mut block.fc1,
                Target::Fc2 => &mut block.fc2,
            };
            let delta = pair.a.val().matmul(pair.b.val()) * factor; // [in, out]
            let weight = layer.weight.val() + delta;
            layer.weight = Param::initialized(layer.weight.id, weight);
        }
    }
    painter
}
