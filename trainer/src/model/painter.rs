//! The painter: patches in, velocity out.

use burn::module::{Module, Param};
use burn::nn::{Initializer, Linear, LinearConfig};
use burn::tensor::activation::silu;
use burn::tensor::{Int, Tensor, backend::Backend};

use super::PainterConfig;
use super::block::{DitBlock, DitBlockConfig};
use super::norm::{layer_norm, modulate};
use super::text_encoder::{TextEncoder, TextEncoderConfig};
use super::timestep::{TimestepEmbedding, TimestepEmbeddingConfig};
use crate::lora::{BlockWorn, Worn};

/// The miniature painter (see the [module docs](super)).
#[derive(Module, Debug)]
pub struct Painter<B: Backend> {
    patch_embed: Linear<B>,
    position: Param<Tensor<B, 3>>,
    timestep: TimestepEmbedding<B>,
    pub(crate) text: TextEncoder<B>,
    text_tokens: Linear<B>,
    text_pooled: Linear<B>,
    pub(crate) blocks: Vec<DitBlock<B>>,
    final_modulation: Linear<B>,
    final_out: Linear<B>,
    image_size: usize,
    patch_size: usize,
}

/// A caption as the painter's blocks read it, computed once per prompt.
#[derive(Clone, Debug)]
pub struct TextState<B: Backend> {
    /// `[batch, MAX_TOKENS, hidden]`: keys and values for every block.
    pub tokens: Tensor<B, 3>,
    /// `[batch, hidden]`: joins the timestep in the modulation.
    pub pooled: Tensor<B, 2>,
}

impl PainterConfig {
    /// Creates a painter with fresh weights on `device`.
    ///
    /// # Panics
    /// If the configuration is invalid; call [`PainterConfig::validate`] first for
    /// a configuration that came from outside.
    pub fn init<B: Backend>(&self, device: &B::Device) -> Painter<B> {
        if let Err(err) = self.validate() {
            panic!("{err}");
        }
        let h = self.hidden;
        Painter {
            patch_embed: LinearConfig::new(self.patch_dim(), h).init(device),
            position: Initializer::Normal {
                mean: 0.0,
                std: 0.02,
            }
            .init([1, self.tokens(), h], device),
            timestep: TimestepEmbeddingConfig::new(h).init(device),
            text: TextEncoderConfig::new(
                self.vocab_size,
                self.text_hidden,
                self.text_layers,
                self.text_heads,
            )
            .init(device),
            text_tokens: LinearConfig::new(self.text_hidden, h).init(device),
            text_pooled: LinearConfig::new(self.text_hidden, h).init(device),
            blocks: (0..self.depth)
                .map(|_| DitBlockConfig::new(h, self.heads, self.mlp_ratio).init(device))
                .collect(),
            final_modulation: LinearConfig::new(h, 2 * h)
                .with_initializer(Initializer::Zeros)
                .init(device),
            final_out: LinearConfig::new(h, self.patch_dim())
                .with_initializer(Initializer::Zeros)
                .init(device),
            image_size: self.image_size,
            patch_size: self.patch_size,
        }
    }
}

impl<B: Backend> Painter<B> {
    /// Side of the images this painter paints.
    pub fn image_size(&self) -> usize {
        self.image_size
    }

    /// Reads captions.
    ///
    /// # Shapes
    /// - `ids`: `[batch, MAX_TOKENS]`
    pub fn encode_text(&self, ids: Tensor<B, 2, Int>) -> TextState<B> {
        let encoded = self.text.forward(ids); // [batch, MAX_TOKENS, text_hidden]
        let pooled = encoded.clone().mean_dim(1).squeeze_dim::<2>(1); // [batch, text_hidden]
        TextState {
            tokens: self.text_tokens.forward(encoded),
            pooled: self.text_pooled.forward(pooled),
        }
    }

    /// Predicts the flow velocity `ε − x₀` at noise level `t`, wearing `loras`.
    ///
    /// # Shapes
    /// - `noisy`: `[batch, 3, size, size]`, values roughly in `[-1, 1]` plus noise
    /// - `t`: `[batch]`, `0` clean … `1` pure noise
    /// - `text`: from [`Painter::encode_text`] with the same batch
    /// - returns `[batch, 3, size, size]`
    pub fn forward(
        &self,
        noisy: Tensor<B, 4>,
        t: Tensor<B, 1>,
        text: &TextState<B>,
        loras: &[Worn<'_, B>],
    ) -> Tensor<B, 4> {
        let patches = self.patchify(noisy); // [batch, tokens, patch_dim]
        let mut x = self.patch_embed.forward(patches) + self.position.val();
        for worn in loras.iter().filter(|w| w.scale != 0.0) {
            if let (Some(reference), Some(start)) = (&worn.adapter.reference, worn.start) {
                let batch = x.dims()[0];
                x = x + self.read_start(start, reference.val(), batch) * worn.scale;
            }
        }
        let cond = self.timestep.forward(t) + text.pooled.clone(); // [batch, hidden]
        for (index, block) in self.blocks.iter().enumerate() {
            let worn = BlockWorn::new(loras, index);
            x = block.forward(x, text.tokens.clone(), cond.clone(), &worn);
        }
        let [shift, scale]: [Tensor<B, 2>; 2] = self
            .final_modulation
            .forward(silu(cond))
            .chunk(2, 1)
            .try_into()
            .unwrap_or_else(|_| unreachable!("chunk(2) yields two parts"));
        let x = modulate(layer_norm(x), shift, scale);
        self.unpatchify(self.final_out.forward(x))
    }

    /// An edit bracelet's view of the start picture: its patches times the
    /// bracelet's reference weights, one row per token.
    ///
    /// # Shapes
    /// - `start`: `[batch or 1, 3, size, size]`; `reference`: `[patch_dim, hidden]`
    /// - returns `[batch, tokens, hidden]`
    fn read_start(
        &self,
        start: &Tensor<B, 4>,
        reference: Tensor<B, 2>,
        batch: usize,
    ) -> Tensor<B, 3> {
        let [given, ..] = start.dims();
        let start = if given == batch || given == 0 {
            start.clone()
        } else {
            start
                .clone()
                .repeat_dim(0, batch.div_ceil(given))
                .narrow(0, 0, batch)
        };
        burn::tensor::module::linear(self.patchify(start), reference, None)
    }

    /// `[batch, 3, size, size]` → `[batch, tokens, patch·patch·3]`, row-major patches.
    fn patchify(&self, image: Tensor<B, 4>) -> Tensor<B, 3> {
        let [batch, channels, size, _] = image.dims();
        let (p, g) = (self.patch_size, size / self.patch_size);
        image
            .reshape([batch, channels, g, p, g, p])
            .permute([0, 2, 4, 3, 5, 1]) // [batch, gy, gx, py, px, channel]
            .reshape([batch, g * g, p * p * channels])
    }

    /// The inverse of `patchify`.
    fn unpatchify(&self, patches: Tensor<B, 3>) -> Tensor<B, 4> {
        let [batch, _, _] = patches.dims();
        let (p, g) = (self.patch_size, self.image_size / self.patch_size);
        patches
            .reshape([batch, g, g, p, p, 3])
            .permute([0, 5, 1, 3, 2, 4]) // [batch, channel, gy, py, gx, px]
            .reshape([batch, 3, g * p, g * p])
    }
}
