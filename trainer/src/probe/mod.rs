//! Measuring painters: what the judges say about pictures a painter makes.
//!
//! - [`exam`]: the base painter's entrance exam (scene and subject obedience over
//!   the whole world, and that "a photo of TOK" does *not* give `TOK`).
//! - [`paint`]: one caption to one picture, the step every measure shares.

pub mod exam;
pub mod paint;

pub use exam::{ExamConfig, ExamReport, Share};
pub use paint::paint;

#[cfg(all(test, feature = "flex"))]
mod tests;
