//! Measuring painters: what the judges say about pictures a painter makes.
//!
//! - [`exam`]: the base painter's entrance exam (scene and subject obedience over
//!   the whole world, and that "a photo of TOK" does *not* give `TOK`).
//! - [`probes`]: the fixed `TOK` probe set (windowsill and unseen scenes) and
//!   what the judges say of a bracelet on it: identity, obedience, leaks.
//! - [`sweep`]: one bracelet at several scales on the probe set, with the
//!   pictures' colour statistics against the album's (the caricature).
//! - [`edit`]: an edit bracelet on sketches it never saw, against the true
//!   paintings.
//! - [`paint`]: one caption to one picture, the step every measure shares.

pub mod edit;
pub mod exam;
pub mod paint;
pub mod probes;
pub mod sweep;

pub use edit::{EDIT_TRIAL_PAIRS, EDIT_TRIAL_SEED, EditReport, EditTrial, measure_edit};
pub use exam::{ExamConfig, ExamReport, Share};
pub use paint::paint;
pub use probes::{FamilyScores, PROBE_SEED, ProbeReport, ProbeSet, album_pictures, measure};

#[cfg(all(test, feature = "flex"))]
mod tests;
