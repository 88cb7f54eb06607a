//! Bracelets: low-rank adapters worn beside the painter's frozen layers.
//!
//! For a frozen linear layer `y = x·W + b` a bracelet adds `x·A·B · (alpha / rank)`,
//! where `A` is `[in, rank]` and `B` is `[rank, out]` (burn's row-major layout;
//! LoRA files store the transposes). `B` starts at zero, so a fresh bracelet changes
//! nothing. At painting time a scale multiplies the correction: 0 takes the
//! bracelet off, 1 is as trained, more exaggerates.
//!
//! A [`LoraAdapter`] is its own burn module, separate from the painter. Training
//! hands only the adapter to the optimiser, so the base cannot change: freezing
//! is structural, not a flag someone can forget.

mod adapter;
mod convert;
pub mod file;
pub mod layout;
mod merge;
pub mod precision;
mod worn;

pub use adapter::{BlockLora, LoraAdapter, LoraConfig, LoraPair, Target};
pub use file::{LoraFile, LoraMeta};
pub use layout::Layout;
pub use merge::{merge, unmerge};
pub use precision::Precision;
pub use worn::{BlockWorn, Worn};

#[cfg(all(test, feature = "flex"))]
mod file_tests;
#[cfg(all(test, feature = "flex"))]
mod tests;
