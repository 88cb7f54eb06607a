//! The lab engine: the miniature painter and its trainer behind typed messages.
//!
//! The labs train and paint in the reader's browser without freezing the page,
//! so the work runs in a Web Worker and the page only exchanges messages with
//! it. This crate holds both sides' shared language and the engine:
//!
//! - [`protocol`] (always built): [`ToEngine`] and [`FromEngine`], the
//!   messages, as serde types. The page depends on this crate without the
//!   `engine` feature, so its bundle never links burn.
//! - [`engine`] (feature `engine`): [`engine::Engine`], which loads the base
//!   painter and the judges, paints, and trains a LoRA a few steps at a time,
//!   answering with [`FromEngine`] messages. It has no DOM types: natively it
//!   runs under `cargo test`, in the browser under the worker's message loop.
//! - [`transfer`] (feature `engine`): reading losses and bracelets back from
//!   the training device, awaited, so the same engine trains on WebGPU (which
//!   answers only asynchronously in a browser) and on the CPU.
//! - [`speed`]: the speed trial `cargo xtask bench engine` runs natively and
//!   in a browser.
//! - [`recording`]: whole rounds recorded natively by the `record` binary
//!   (`cargo run -p lab-engine --release --bin record -- --out assets/recorded`),
//!   replayed by pages where live training is not possible.

pub mod protocol;
pub mod recording;
pub mod speed;

#[cfg(feature = "engine")]
pub mod engine;
#[cfg(feature = "engine")]
mod round;
#[cfg(feature = "engine")]
pub mod transfer;

pub use protocol::{EDIT_INSTRUCTION, FromEngine, Hidden, Picture, ToEngine, TrainSetup};
pub use recording::{Recording, RecordingIndex};
