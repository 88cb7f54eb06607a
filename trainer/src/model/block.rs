//! One DiT block: adaLN-Zero modulated attention and MLP.

use burn::config::Config;
use burn::module::Module;
use burn::nn::{Initializer, Linear, LinearConfig};
use burn::tensor::activation::{gelu, silu};
use burn::tensor::{Tensor, backend::Backend};

use super::attention::{Attention, AttentionConfig};
use super::norm::{layer_norm, modulate, per_token};
use crate::lora::{BlockWorn, Target};

/// Builds a [`DitBlock`].
#[derive(Config, Debug)]
pub struct DitBlockConfig {
    /// Token width.
    pub hidden: usize,
    /// Attention heads.
    pub heads: usize,
    /// MLP width as a multiple of `hidden`.
    pub mlp_ratio: usize,
}

/// Attention then MLP, each behind a modulated norm and a gated residual.
///
/// The modulation starts at zero (adaLN-Zero), so a fresh block is the identity and
/// a deep stack trains stably from the start.
#[derive(Module, Debug)]
pub struct DitBlock<B: Backend> {
    pub(crate) attn: Attention<B>,
    pub(crate) fc1: Linear<B>,
    pub(crate) fc2: Linear<B>,
    modulation: Linear<B>,
}

impl DitBlockConfig {
    /// Creates the block on `device`.
    pub fn init<B: Backend>(&self, device: &B::Device) -> DitBlock<B> {
        let mlp = self.hidden * self.mlp_ratio;
        DitBlock {
            attn: AttentionConfig::new(self.hidden, self.heads).init(device),
            fc1: LinearConfig::new(self.hidden, mlp).init(device),
            fc2: LinearConfig::new(mlp, self.hidden).init(device),
            modulation: LinearConfig::new(self.hidden, 6 * self.hidden)
                .with_initializer(Initializer::Zeros)
                .init(device),
        }
    }
}

impl<B: Backend> DitBlock<B> {
    /// # Shapes
    /// - `x`: `[batch, tokens, hidden]`
    /// - `context`: `[batch, caption_tokens, hidden]`
    /// - `cond`: `[batch, hidden]` (timestep + pooled caption)
    /// - returns `[batch, tokens, hidden]`
    pub fn forward(
        &self,
        x: Tensor<B, 3>,
        context: Tensor<B, 3>,
        cond: Tensor<B, 2>,
        worn: &BlockWorn<'_, B>,
    ) -> Tensor<B, 3> {
        let m = self.modulation.forward(silu(cond)).chunk(6, 1); // 6 × [batch, hidden]
        let [shift_a, scale_a, gate_a, shift_m, scale_m, gate_m]: [Tensor<B, 2>; 6] = m
            .try_into()
            .unwrap_or_else(|_| unreachable!("chunk(6) yields six parts"));
        let h = modulate(layer_norm(x.clone()), shift_a, scale_a);
        let h = self.attn.forward(h, context, worn);
        let tokens = x.dims()[1];
        let x = x + h * per_token(gate_a, tokens);
        let h = modulate(layer_norm(x.clone()), shift_m, scale_m);
        let h = worn.linear(Target::Fc1, &self.fc1, h);
        let h = worn.linear(Target::Fc2, &self.fc2, gelu(h));
        x + h * per_token(gate_m, tokens)
    }
}
