//! Wearing bracelets: adding their corrections to the frozen layers' outputs.

use burn::nn::Linear;
use burn::tensor::module::linear;
use burn::tensor::{Tensor, backend::Backend};

use super::adapter::{BlockLora, LoraAdapter, Target};

/// A bracelet on the painter's wrist, at a scale.
#[derive(Debug)]
pub struct Worn<'a, B: Backend> {
    /// The bracelet.
    pub adapter: &'a LoraAdapter<B>,
    /// 0 = off, 1 = as trained; any real number is allowed.
    pub scale: f32,
    /// For an edit bracelet, the picture to change, `[batch or 1, 3, size, size]`
    /// in `[-1, 1]`; other bracelets ignore it.
    pub start: Option<&'a Tensor<B, 4>>,
}

// By hand: a derive would ask the backend type itself to be `Copy`.
impl<B: Backend> Clone for Worn<'_, B> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<B: Backend> Copy for Worn<'_, B> {}

impl<'a, B: Backend> Worn<'a, B> {
    /// `adapter` at `scale`, with no start picture.
    pub fn new(adapter: &'a LoraAdapter<B>, scale: f32) -> Self {
        Self {
            adapter,
            scale,
            start: None,
        }
    }

    /// The same bracelet reading `start` (an edit bracelet's picture to change).
    pub fn reading(self, start: &'a Tensor<B, 4>) -> Self {
        Self {
            start: Some(start),
            ..self
        }
    }

    /// [`Worn::reading`] when there is a start picture, else the bracelet as it is.
    pub fn reading_if(self, start: Option<&'a Tensor<B, 4>>) -> Self {
        match start {
            Some(start) => self.reading(start),
            None => self,
        }
    }
}

/// The worn bracelets' pieces for one block, with their effective factors.
#[derive(Debug)]
pub struct BlockWorn<'a, B: Backend> {
    pieces: Vec<(&'a BlockLora<B>, f32)>,
}

impl<'a, B: Backend> BlockWorn<'a, B> {
    /// Picks block `index` out of every worn bracelet that has one.
    pub fn new(loras: &[Worn<'a, B>], index: usize) -> Self {
        let pieces = loras
            .iter()
            .filter(|w| w.scale != 0.0)
            .filter_map(|w| {
                w.adapter
                    .blocks
                    .get(index)
                    .map(|block| (block, w.scale * w.adapter.strength()))
            })
            .collect();
        Self { pieces }
    }

    /// No bracelets: the plain painter.
    pub fn none() -> Self {
        Self { pieces: Vec::new() }
    }

    /// `layer(x)` plus every worn correction for `target`.
    ///
    /// # Shapes
    /// - `x`: `[batch, tokens, in]` → `[batch, tokens, out]`
    pub fn linear(&self, target: Target, layer: &Linear<B>, x: Tensor<B, 3>) -> Tensor<B, 3> {
        let mut y = layer.forward(x.clone());
        for (block, factor) in &self.pieces {
            if let Some(pair) = block.get(target) {
                let low = linear(x.clone(), pair.a.val(), None); // [batch, tokens, rank]
                y = y + linear(low, pair.b.val(), None) * *factor;
            }
        }
        y
    }
}
