//! The miniature painter: a small diffusion transformer.
//!
//! The design follows DiT (Peebles & Xie, 2023, "Scalable Diffusion Models with
//! Transformers"): the image is cut into patches, each patch becomes a token, and
//! transformer blocks modulated by the timestep (adaLN-Zero) predict the flow
//! velocity. The caption is read by a small frozen [`TextEncoder`]; its tokens join
//! the keys and values of every block's attention, and its mean joins the timestep
//! in the modulation.
//!
//! One block per file: [`timestep`], [`text_encoder`], [`attention`], [`block`],
//! and [`painter`] which assembles them.

pub mod attention;
pub mod block;
pub mod jitter;
pub mod norm;
pub mod painter;
pub mod text_encoder;
pub mod timestep;
pub mod weights;

use burn::config::Config;

pub use attention::Attention;
pub use block::DitBlock;
pub use painter::{Painter, TextState};
pub use text_encoder::TextEncoder;
pub use timestep::TimestepEmbedding;

/// The painter's shape. Use [`PainterConfig::tiny`] or [`PainterConfig::small`].
#[derive(Config, Debug, PartialEq)]
pub struct PainterConfig {
    /// Side of the square RGB image, in pixels.
    pub image_size: usize,
    /// Width of the transformer.
    pub hidden: usize,
    /// Number of DiT blocks.
    pub depth: usize,
    /// Attention heads per block (`hidden` must divide evenly).
    pub heads: usize,
    /// Width of the caption encoder.
    pub text_hidden: usize,
    /// Side of a square patch, in pixels.
    #[config(default = 4)]
    pub patch_size: usize,
    /// MLP width as a multiple of `hidden`.
    #[config(default = 4)]
    pub mlp_ratio: usize,
    /// Transformer layers in the caption encoder.
    #[config(default = 2)]
    pub text_layers: usize,
    /// Attention heads in the caption encoder.
    #[config(default = 4)]
    pub text_heads: usize,
    /// Size of the token table (padding, reserved words, world words).
    #[config(default = 128)]
    pub vocab_size: usize,
}

impl PainterConfig {
    /// 32×32 images, about 1.5 M parameters: small enough to train in a browser.
    pub fn tiny() -> Self {
        Self::new(32, 128, 4, 4, 96)
    }

    /// 64×64 images, about 10 M parameters: for GPUs.
    pub fn small() -> Self {
        Self::new(64, 256, 8, 8, 128)
    }

    /// Patches per image.
    pub fn tokens(&self) -> usize {
        (self.image_size / self.patch_size).pow(2)
    }

    /// Values in one patch (RGB).
    pub fn patch_dim(&self) -> usize {
        self.patch_size * self.patch_size * 3
    }

    /// Refuses shapes the painter cannot be built with.
    pub fn validate(&self) -> Result<(), crate::TrainerError> {
        let fail = |msg: String| Err(crate::TrainerError::Config(msg));
        if !self.image_size.is_multiple_of(self.patch_size) {
            return fail(format!(
                "image size {} is not a multiple of patch size {}",
                self.image_size, self.patch_size
            ));
        }
        if !self.hidden.is_multiple_of(self.heads) {
            return fail(format!(
                "hidden width {} is not divisible by {} heads",
                self.hidden, self.heads
            ));
        }
        if !self.text_hidden.is_multiple_of(self.text_heads) {
            return fail(format!(
                "text width {} is not divisible by {} heads",
                self.text_hidden, self.text_heads
            ));
        }
        if self.vocab_size < crate::text::Tokenizer::default().vocab_size() {
            return fail(format!(
                "vocab size {} is smaller than the tokenizer's",
                self.vocab_size
            ));
        }
        Ok(())
    }
}
