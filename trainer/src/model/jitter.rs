//! A painter with every weight drawn from a seed: untrained, but alive.
//!
//! A freshly initialised painter outputs exactly zero (adaLN-Zero starts every
//! gate and the output layer at zero), so no bracelet could change it and LoRA
//! training would get no gradient. Redrawing every weight from a seeded stream
//! gives a painter that behaves like a trained one numerically: the same in every
//! test and smoke run, on every backend (burn's own initialisers draw from a
//! global generator). It paints noise, not pictures; pretraining makes a real one.

use burn::module::{Module, ModuleMapper, Param};
use burn::tensor::{Tensor, backend::Backend};
use rand_chacha::ChaCha8Rng;

use super::{Painter, PainterConfig};
use crate::flow;

struct Redraw(ChaCha8Rng);

impl<B: Backend> ModuleMapper<B> for Redraw {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<B, D>>) -> Param<Tensor<B, D>> {
        let rng = &mut self.0;
        param.map(|tensor| {
            let dims = tensor.dims();
            let device = tensor.device();
            let is_ones = tensor.clone().equal_elem(1.0).all().into_scalar();
            let fresh = flow::noise::<B, D>(rng, dims, &device);
            if burn::tensor::ElementConversion::elem::<bool>(is_ones) {
                fresh * 0.05 + 1.0 // layer-norm gains stay near one
            } else if D >= 2 {
                fresh / (dims[0] as f64).sqrt() // weights `[in, out]`: unit-variance outputs
            } else {
                fresh * 0.05 // biases and embeddings of rank one
            }
        })
    }
}

impl PainterConfig {
    /// A painter of this shape with every weight drawn from `seed` (see the
    /// [module docs](self)): for tests and smoke runs, never for the course.
    pub fn init_jittered<B: Backend>(&self, seed: u64, device: &B::Device) -> Painter<B> {
        self.init::<B>(device).map(&mut Redraw(flow::rng(seed)))
    }
}
