//! The lab engine's speed trial: one fixed sequence of messages, timed the
//! same way natively (`cargo run -p lab-engine --release --bin speed`) and in
//! a browser (the `engine-bench` binary of the browser suite), so
//! `cargo xtask bench engine` compares like with like.
//!
//! The trial paints [`SAMPLES`] pictures after [`WARM_UP_SAMPLES`] untimed
//! ones, and trains [`TIMED_STEPS`] steps of a `TOK` round after
//! [`WARM_UP_STEPS`] untimed ones, with no validation in between. The untimed
//! work pays the first-use costs (compiling GPU kernels, the browser's
//! optimising compiler catching up with the wasm), so steady speed is timed.

use serde::{Deserialize, Serialize};

use crate::protocol::{ToEngine, TrainSetup};

/// Pictures painted before the clock starts.
pub const WARM_UP_SAMPLES: u32 = 2;
/// Pictures timed.
pub const SAMPLES: u32 = 3;
/// Training steps run before the clock starts.
pub const WARM_UP_STEPS: u32 = 5;
/// Training steps timed.
pub const TIMED_STEPS: u32 = 30;

/// What one engine measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speed {
    /// Where it ran, as the engine describes it.
    pub device: String,
    /// Mean milliseconds per painted picture.
    pub sample_ms: f64,
    /// Training steps per second.
    pub steps_per_second: f64,
}

/// The `n`th picture of the trial (the same prompt and seed every time).
pub fn sample(n: u32) -> ToEngine {
    ToEngine::Sample {
        id: n,
        prompt: "a photo of TOK ceramic cat figurine on a beach".into(),
        seed: 5,
        lora_scale: None,
    }
}

/// The round the trial trains: the 20-picture album at the game's learning
/// rate, long enough never to validate or finish while timed.
pub fn round() -> ToEngine {
    ToEngine::Train(TrainSetup {
        album: 20,
        rate_factor: 1.0,
        seed: 3,
        max_steps: 10_000,
        validate_every: 10_000,
        prompts: Vec::new(),
        sample_seed: 1,
    })
}
