//! Multi-head attention whose projections can wear LoRA bracelets.
//!
//! Queries come from the image tokens; keys and values from the caption tokens and
//! the image tokens together, so one attention both reads the prompt and relates
//! patches to each other.

use burn::config::Config;
use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
use burn::tensor::module::attention;
use burn::tensor::ops::AttentionModuleOptions;
use burn::tensor::{Tensor, backend::Backend};

use crate::lora::{BlockWorn, Target};

/// Builds an [`Attention`].
#[derive(Config, Debug)]
pub struct AttentionConfig {
    /// Token width.
    pub hidden: usize,
    /// Number of heads.
    pub heads: usize,
}

/// Attention with `to_q`, `to_k`, `to_v`, `to_out` projections (the names LoRA
/// files use for them).
#[derive(Module, Debug)]
pub struct Attention<B: Backend> {
    pub(crate) to_q: Linear<B>,
    pub(crate) to_k: Linear<B>,
    pub(crate) to_v: Linear<B>,
    pub(crate) to_out: Linear<B>,
    heads: usize,
}

impl AttentionConfig {
    /// Creates the layer on `device`.
    pub fn init<B: Backend>(&self, device: &B::Device) -> Attention<B> {
        let linear = || LinearConfig::new(self.hidden, self.hidden).init(device);
        Attention {
            to_q: linear(),
            to_k: linear(),
            to_v: linear(),
            to_out: linear(),
            heads: self.heads,
        }
    }
}

impl<B: Backend> Attention<B> {
    /// # Shapes
    /// - `image`: `[batch, tokens, hidden]` (queries, and keys/values)
    /// - `context`: `[batch, caption_tokens, hidden]` (more keys/values)
    /// - returns `[batch, tokens, hidden]`
    pub fn forward(
        &self,
        image: Tensor<B, 3>,
        context: Tensor<B, 3>,
        worn: &BlockWorn<'_, B>,
    ) -> Tensor<B, 3> {
        let [batch, tokens, hidden] = image.dims();
        let head_dim = hidden / self.heads;
        let keys_in = Tensor::cat(vec![context, image.clone()], 1); // [batch, caption + tokens, hidden]
        let split = |x: Tensor<B, 3>| {
            let n = x.dims()[1];
            x.reshape([batch, n, self.heads, head_dim]).swap_dims(1, 2) // [batch, heads, n, head_dim]
        };
        let q = split(worn.linear(Target::ToQ, &self.to_q, image));
        let k = split(worn.linear(Target::ToK, &self.to_k, keys_in.clone()));
        let v = split(worn.linear(Target::ToV, &self.to_v, keys_in));
        let mixed = attention(q, k, v, None, None, AttentionModuleOptions::default()); // [batch, heads, tokens, head_dim]
        let merged = mixed.swap_dims(1, 2).reshape([batch, tokens, hidden]);
        worn.linear(Target::ToOut, &self.to_out, merged)
    }
}
