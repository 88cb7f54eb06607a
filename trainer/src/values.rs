//! Reading a module's numbers: every float parameter's values, in visiting
//! order. Tests compare modules with it; the opened training step measures how
//! far one nudge moved a bracelet.

use burn::module::{Module, ModuleVisitor, Param};
use burn::tensor::{Tensor, backend::Backend};

struct Collect(Vec<Vec<f32>>);

impl<B: Backend> ModuleVisitor<B> for Collect {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<B, D>>) {
        self.0
            .push(param.val().into_data().to_vec::<f32>().unwrap_or_default());
    }
}

/// Every float parameter's values, one list per parameter, in visiting order.
pub(crate) fn values<B: Backend, M: Module<B>>(module: &M) -> Vec<Vec<f32>> {
    let mut collect = Collect(Vec::new());
    module.visit(&mut collect);
    collect.0
}
