//! LoRA training of the course's miniature painter.
//!
//! # Brief overview
//!
//! - [`text`]: the tokenizer over the miniature world's fixed vocabulary, with the
//!   reserved call words (`TOK`, `TOKSTYLE`, `sks`, `ohwx`) that pretraining never sees.
//! - [`model`]: the painter, a small diffusion transformer over patch tokens with
//!   adaLN timestep conditioning and a frozen caption encoder joined into attention.
//!   `PainterConfig::tiny()` (32×32, in-browser) and `PainterConfig::small()` (64×64).
//! - [`lora`]: bracelets. A [`lora::LoraAdapter`] is a module of its own, separate
//!   from the painter, so the optimiser only ever sees adapter tensors and the base
//!   stays frozen by construction. Several adapters can be worn at once
//!   ([`lora::Worn`]), merged into the base and unmerged.
//! - [`flow`]: rectified-flow pieces: mixing noise, the velocity target, timestep
//!   samplers and seeded noise; [`schedule`], learning-rate schedules.
//! - [`album`]: albums (zips or folders of images with `.txt` captions, and edit
//!   pairs) loaded safely from bytes into training examples, and written back.
//! - [`pretrain`]: the base painter learns the world, every weight trained, the
//!   call words' embeddings held as initialised; resumable bit for bit.
//! - [`train`]: the training loop, step by step, with a NaN guard; [`sample`]:
//!   the Euler sampler with classifier-free guidance.
//! - [`judge`]: the judges, small CNNs that say which subject (and whether it is
//!   `TOK`), scene and style a picture shows, and how close it comes to an album.
//! - [`probe`]: measuring painters with the judges: the base painter's exam.
//! - [`world`]: the procedural world the painter is pretrained on: scenes, subjects
//!   (the `TOK` figurine among them), styles and the caption grammar;
//!   [`image`], the plain RGB picture it renders into.
//!
//! **Invariant:** this crate never depends on leptos or axum, and its library code is
//! generic over the burn backend `B`; only binaries and tests pick one.

pub mod album;
pub mod flow;
pub mod image;
pub mod judge;
pub mod lora;
pub mod model;
pub mod pretrain;
pub mod probe;
pub mod sample;
pub mod schedule;
pub mod text;
pub mod train;
pub mod world;

mod error;
pub(crate) mod state_file;
mod values;

pub use error::TrainerError;

#[cfg(all(test, feature = "flex"))]
mod test_util;
#[cfg(all(test, feature = "flex", feature = "wgpu"))]
mod wgpu_tests;

/// The backend tests run on: burn's pure-Rust CPU backend, with autodiff.
#[cfg(all(test, feature = "flex"))]
pub(crate) type TestBackend = burn::backend::Autodiff<burn::backend::Flex>;
