//! The caption encoder: token embeddings and a couple of transformer layers.
//!
//! It is trained with the painter during pretraining and frozen afterwards; LoRA
//! training teaches the denoiser, not the text encoder, as real trainers do.

use burn::config::Config;
use burn::module::{Module, Param};
use burn::nn::{
    Embedding, EmbeddingConfig, Initializer, LayerNorm, LayerNormConfig, Linear, LinearConfig,
};
use burn::tensor::activation::gelu;
use burn::tensor::module::attention;
use burn::tensor::ops::AttentionModuleOptions;
use burn::tensor::{Int, Tensor, backend::Backend};

use crate::text::MAX_TOKENS;

/// Builds a [`TextEncoder`].
#[derive(Config, Debug)]
pub struct TextEncoderConfig {
    /// Number of token ids.
    pub vocab_size: usize,
    /// Width.
    pub hidden: usize,
    /// Transformer layers.
    pub layers: usize,
    /// Attention heads.
    pub heads: usize,
}

/// Reads a caption into one vector per word.
#[derive(Module, Debug)]
pub struct TextEncoder<B: Backend> {
    pub(crate) embedding: Embedding<B>,
    position: Param<Tensor<B, 3>>,
    layers: Vec<TextLayer<B>>,
    norm: LayerNorm<B>,
}

/// A pre-norm transformer layer.
#[derive(Module, Debug)]
pub struct TextLayer<B: Backend> {
    norm_attn: LayerNorm<B>,
    qkv: Linear<B>,
    out: Linear<B>,
    norm_mlp: LayerNorm<B>,
    fc1: Linear<B>,
    fc2: Linear<B>,
    heads: usize,
}

impl TextEncoderConfig {
    /// Creates the encoder on `device`.
    pub fn init<B: Backend>(&self, device: &B::Device) -> TextEncoder<B> {
        let h = self.hidden;
        let layer = || TextLayer {
            norm_attn: LayerNormConfig::new(h).init(device),
            qkv: LinearConfig::new(h, 3 * h).init(device),
            out: LinearConfig::new(h, h).init(device),
            norm_mlp: LayerNormConfig::new(h).init(device),
            fc1: LinearConfig::new(h, 2 * h).init(device),
            fc2: LinearConfig::new(2 * h, h).init(device),
            heads: self.heads,
        };
        TextEncoder {
            embedding: EmbeddingConfig::new(self.vocab_size, h).init(device),
            position: Initializer::Normal {
                mean: 0.0,
                std: 0.02,
            }
            .init([1, MAX_TOKENS, h], device),
            layers: (0..self.layers).map(|_| layer()).collect(),
            norm: LayerNormConfig::new(h).init(device),
        }
    }
}

impl<B: Backend> TextEncoder<B> {
    /// # Shapes
    /// - `ids`: `[batch, MAX_TOKENS]` → `[batch, MAX_TOKENS, hidden]`
    pub fn forward(&self, ids: Tensor<B, 2, Int>) -> Tensor<B, 3> {
        let mut x = self.embedding.forward(ids) + self.position.val();
        for layer in &self.layers {
            x = layer.forward(x);
        }
        self.norm.forward(x)
    }
}

impl<B: Backend> TextLayer<B> {
    fn forward(&self, x: Tensor<B, 3>) -> Tensor<B, 3> {
        let [batch, tokens, hidden] = x.dims();
        let head_dim = hidden / self.heads;
        let qkv = self.qkv.forward(self.norm_attn.forward(x.clone())); // [batch, tokens, 3·hidden]
        let heads = |part: Tensor<B, 3>| {
            part.reshape([batch, tokens, self.heads, head_dim])
                .swap_dims(1, 2)
        };
        let [q, k, v]: [Tensor<B, 3>; 3] = qkv
            .chunk(3, 2)
            .try_into()
            .unwrap_or_else(|_| unreachable!("chunk(3) yields three parts"));
        let mixed = attention(
            heads(q),
            heads(k),
            heads(v),
            None,
            None,
            AttentionModuleOptions::default(),
        );
        let x = x + self
            .out
            .forward(mixed.swap_dims(1, 2).reshape([batch, tokens, hidden]));
        let h = self
            .fc2
            .forward(gelu(self.fc1.forward(self.norm_mlp.forward(x.clone()))));
        x + h
    }
}
