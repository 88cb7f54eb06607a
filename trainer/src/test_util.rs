//! Helpers shared by the trainer's tests.

use burn::module::Param;

use crate::TestBackend;
use crate::flow;
use crate::lora::{LoraAdapter, Target};
use crate::model::{Painter, PainterConfig};

/// A painter shaped like the presets but small enough for fast tests.
pub(crate) fn small_config() -> PainterConfig {
    PainterConfig::new(16, 32, 2, 2, 32)
}

/// [`small_config`] with every weight drawn from a fixed seed.
pub(crate) fn jittered_painter() -> Painter<TestBackend> {
    small_config().init_jittered::<TestBackend>(99, &Default::default())
}

pub(crate) use crate::values::values;

/// Gives every `B` of `adapter` seeded normal values times `spread`, so the bracelet
/// really changes the painter and a transposition mistake cannot hide behind zeros.
pub(crate) fn randomise_b(
    mut adapter: LoraAdapter<TestBackend>,
    seed: u64,
    spread: f64,
) -> LoraAdapter<TestBackend> {
    let device = Default::default();
    let mut rng = flow::rng(seed);
    for block in &mut adapter.blocks {
        for target in Target::ALL {
            if let Some(pair) = block.slot(target).as_mut() {
                let dims = pair.b.val().dims();
                pair.b = Param::from_tensor(
                    flow::noise::<TestBackend, 2>(&mut rng, dims, &device) * spread,
                );
            }
        }
    }
    adapter
}
