//! Keeping the call words' embeddings exactly as they were initialised.
//!
//! No world caption contains `TOK`, `TOKSTYLE`, `sks` or `ohwx`, so their rows of
//! the caption encoder's embedding table receive a gradient of exactly zero and
//! AdamW's moments for them stay zero. Its decoupled weight decay, though,
//! multiplies every weight by `1 − lr·wd` each step, which would slowly pull them
//! towards zero. [`ReservedRows`] remembers the rows and writes them back after
//! each update.

use std::ops::Range;

use burn::tensor::Tensor;
use burn::tensor::backend::{AutodiffBackend, Backend};

use crate::model::Painter;
use crate::text::{PAD, RESERVED};

/// Token ids of the reserved call words: right after padding.
pub fn reserved_ids() -> Range<usize> {
    let first = PAD as usize + 1;
    first..first + RESERVED.len()
}

/// The reserved rows of one painter's embedding table, as initialised.
#[derive(Clone, Debug)]
pub struct ReservedRows<B: Backend> {
    rows: Tensor<B, 2>,
}

impl<B: Backend> ReservedRows<B> {
    /// The rows as `painter` has them now.
    pub fn of<A: AutodiffBackend<InnerBackend = B>>(painter: &Painter<A>) -> Self {
        Self {
            rows: painter
                .text
                .embedding
                .weight
                .val()
                .inner()
                .slice([reserved_ids()]),
        }
    }

    /// The rows, `[RESERVED.len(), text_hidden]`.
    pub fn rows(&self) -> Tensor<B, 2> {
        self.rows.clone()
    }

    /// `painter` with the reserved rows written back; the parameter keeps its id
    /// (the optimiser's state stays attached) and its gradient tracking.
    pub fn restore<A: AutodiffBackend<InnerBackend = B>>(
        &self,
        mut painter: Painter<A>,
    ) -> Painter<A> {
        let rows = self.rows.clone();
        painter.text.embedding.weight = painter.text.embedding.weight.map(|table| {
            let tracked = table.is_require_grad();
            let fixed = table.inner().slice_assign([reserved_ids()], rows);
            Tensor::from_inner(fixed).set_require_grad(tracked)
        });
        painter
    }
}
