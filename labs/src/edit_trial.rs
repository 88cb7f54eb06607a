//! The edit bracelet's trial, as data: at every checkpoint of the real edit
//! run, twelve sketches it never saw painted with and without it, held against
//! the paintings the world drew for them. No DOM here.
//!
//! The numbers come from `assets/experiments/edit-sketch/trial.json`, written by
//! `cargo xtask experiments report` from the run's log; each checkpoint's
//! pictures are its probe sheet (a row per sketch: the sketch, the instruction
//! painted without the bracelet, with it, the true painting).

use serde::Deserialize;

use crate::arc::RunKnobs;
use crate::crop::Sheet;

const TRIAL_JSON: &str = include_str!("../../assets/experiments/edit-sketch/trial.json");

/// One checkpoint's trial.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
pub struct TrialPoint {
    /// Training step.
    pub step: u32,
    /// Mean squared error to the true paintings with the bracelet.
    pub error: f64,
    /// The same without it (the instruction alone).
    pub error_without: f64,
    /// Error between the lines traced from the results and the given sketches.
    pub lines: f64,
    /// The same without the bracelet.
    pub lines_without: f64,
    /// Share of results whose subject the judges read as the true one.
    pub subject: f64,
    /// Share of results in the true scene.
    pub scene: f64,
}

/// The whole trial.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Trial {
    /// What the run was.
    #[serde(flatten)]
    pub knobs: RunKnobs,
    /// The one prompt the bracelet learned in place of captions, if any.
    pub instruction: Option<String>,
    /// What each unseen sketch shows (the true painting's caption).
    pub captions: Vec<String>,
    /// Every checkpoint, in step order.
    pub points: Vec<TrialPoint>,
}

/// The shipped trial, or why it cannot be read.
pub fn shipped() -> Result<Trial, String> {
    parse(TRIAL_JSON)
}

/// Reads a trial and checks what the widget relies on.
pub fn parse(json: &str) -> Result<Trial, String> {
    let trial: Trial =
        serde_json::from_str(json).map_err(|e| format!("the edit trial's data: {e}"))?;
    if trial.points.is_empty() || trial.captions.is_empty() {
        return Err("the edit trial has no checkpoints or no sketches".into());
    }
    if trial.points.windows(2).any(|w| w[0].step >= w[1].step) {
        return Err("the edit trial's checkpoints are not in step order".into());
    }
    Ok(trial)
}

impl Trial {
    /// A checkpoint's probe sheet: four 32-pixel columns, a row per sketch.
    pub fn sheet(&self) -> Sheet {
        Sheet::grid(4, self.captions.len() as u32, 32, 1)
    }

    /// How much closer the bracelet came than the instruction alone, at `point`.
    pub fn words(&self, point: &TrialPoint) -> String {
        let prompt = self
            .instruction
            .as_deref()
            .unwrap_or("each painting's caption");
        let closer = 100.0 * (1.0 - point.error / point.error_without.max(1e-9));
        format!(
            "Step {}: with the bracelet the paintings are {:.0} % closer to the true ones than \u{201c}{prompt}\u{201d} alone (error {:.3} against {:.3}); \
             the judges find the right scene in {:.0} % of them and the right subject in {:.0} %.",
            point.step,
            closer,
            point.error,
            point.error_without,
            100.0 * point.scene,
            100.0 * point.subject,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_trial_shows_the_bracelet_reading_sketches() {
        let trial = shipped().expect("the shipped trial");
        assert_eq!(trial.knobs.run, "edit-sketch");
        assert_eq!(trial.instruction.as_deref(), Some("a painting"));
        assert_eq!(trial.captions.len(), 12);
        assert_eq!(trial.sheet().height, 397);
        let first = trial.points[0];
        let last = trial.points[trial.points.len() - 1];
        assert_eq!(last.step, trial.knobs.steps);
        // Untrained, the bracelet adds nothing; trained, it reads the sketch.
        assert!((first.error - first.error_without).abs() < 1e-3);
        assert!(last.error < last.error_without);
        assert!(
            trial
                .words(&last)
                .starts_with(&format!("Step {}: with the bracelet", last.step))
        );
    }

    #[test]
    fn refuses_trials_it_cannot_show() {
        assert!(parse("{}").is_err());
    }
}
