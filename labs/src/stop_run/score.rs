//! The verdict on a stop: how much held-out quality the player kept.
//!
//! At every validation the engine measures, with the judges, what no trainer
//! prints: identity (does it look like TOK) and obedience (is it where the
//! prompt says) on prompts the album never showed, and album leak (the
//! windowsill turning up where it was not asked for). Quality is identity ×
//! obedience. Stopping keeps the LoRA of the last validation at or before the
//! stop; the sweet spot is the stretch around the best validation where quality
//! stays within [`WINDOW`] of the best.

use serde::{Deserialize, Serialize};

/// Share of the best quality a checkpoint must keep to be in the sweet spot.
pub const WINDOW: f32 = 0.9;

/// The hidden measurements at one validation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualityPoint {
    /// The step measured.
    pub step: u32,
    /// Share of unseen-prompt pictures the identity judge calls TOK.
    pub identity: f32,
    /// Share of unseen-prompt pictures in the scene the prompt asked for.
    pub obedience: f32,
    /// Share of pictures where the album's windowsill leaked in.
    pub leak: f32,
}

impl QualityPoint {
    /// Identity × obedience on unseen prompts.
    pub fn quality(&self) -> f32 {
        self.identity * self.obedience
    }
}

/// When the kept checkpoint was, against the sweet spot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timing {
    /// Before the sweet spot: the bracelet had not learned TOK yet.
    Early,
    /// Inside it.
    SweetSpot,
    /// After it: the bracelet had started to forget the rest of the world.
    Late,
}

/// The verdict on one stop.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Where the player stopped.
    pub stop_step: u32,
    /// The validation kept (the last at or before the stop).
    pub kept: QualityPoint,
    /// The best validation of the whole run.
    pub best: QualityPoint,
    /// First and last step of the sweet spot.
    pub window: (u32, u32),
    /// Share of the best quality lost by keeping `kept` (0 = none).
    pub lost: f32,
    /// Early, in the sweet spot, or late.
    pub timing: Timing,
    /// The round's score, 0 to 100: the share of the best quality kept.
    pub points: u32,
}

/// Judges a stop at `stop_step` against the run's hidden `curve` (validations in
/// step order, the whole run's). `None` when nothing was measured by then.
pub fn judge(curve: &[QualityPoint], stop_step: u32) -> Option<Verdict> {
    let kept = *curve.iter().rev().find(|p| p.step <= stop_step)?;
    // The first of equally good validations: the earliest checkpoint as good.
    let (best_at, best) = curve
        .iter()
        .enumerate()
        .reduce(|a, b| if b.1.quality() > a.1.quality() { b } else { a })?;
    let floor = WINDOW * best.quality();
    let inside = |p: &&QualityPoint| p.quality() >= floor;
    let first = curve[..best_at]
        .iter()
        .rev()
        .take_while(inside)
        .last()
        .unwrap_or(best);
    let last = curve[best_at..]
        .iter()
        .take_while(inside)
        .last()
        .unwrap_or(best);
    let window = (first.step, last.step);
    let timing = if kept.step < window.0 {
        Timing::Early
    } else if kept.step > window.1 {
        Timing::Late
    } else {
        Timing::SweetSpot
    };
    let share = if best.quality() > 0.0 {
        (kept.quality() / best.quality()).clamp(0.0, 1.0)
    } else {
        1.0
    };
    Some(Verdict {
        stop_step,
        kept,
        best: *best,
        window,
        lost: 1.0 - share,
        timing,
        points: (100.0 * share).round() as u32,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A run that learns TOK by step 1200 and starts forgetting after 1500.
    pub(crate) fn arc() -> Vec<QualityPoint> {
        (0..=30)
            .map(|i| {
                let step: u32 = i * 100;
                let identity = (step as f32 / 1200.0).min(1.0) * 0.8;
                let late = (step.saturating_sub(1500)) as f32 / 1500.0;
                QualityPoint {
                    step,
                    identity,
                    obedience: 0.9 - 0.6 * late,
                    leak: 0.05 + 0.5 * late,
                }
            })
            .collect()
    }

    #[test]
    fn stopping_at_the_best_scores_full_marks() {
        let v = judge(&arc(), 1200).expect("measured");
        assert_eq!(v.timing, Timing::SweetSpot);
        assert_eq!(v.points, 100);
        assert_eq!(v.kept.step, 1200);
        assert_eq!(v.best.step, 1200, "the first of the equally good");
        assert_eq!(v.window, (1100, 1700));
    }

    #[test]
    fn early_and_late_stops_lose_points() {
        let early = judge(&arc(), 450).expect("measured");
        assert_eq!(early.timing, Timing::Early);
        assert_eq!(early.kept.step, 400, "the last validation before the stop");
        assert_eq!(early.points, 33);
        let late = judge(&arc(), 2950).expect("measured");
        assert_eq!(late.timing, Timing::Late);
        assert_eq!(late.points, 38);
        assert!((late.lost - (1.0 - late.points as f32 / 100.0)).abs() < 0.01);
    }

    #[test]
    fn nothing_measured_yet_is_no_verdict() {
        let mut curve = arc();
        curve.iter_mut().for_each(|p| p.step += 50);
        assert_eq!(judge(&curve, 10), None);
        assert_eq!(judge(&[], 500), None);
    }

    #[test]
    fn a_run_that_never_learns_scores_by_what_little_there_was() {
        let flat: Vec<_> = (0..5)
            .map(|i| QualityPoint {
                step: i * 100,
                identity: 0.0,
                obedience: 0.9,
                leak: 0.0,
            })
            .collect();
        let v = judge(&flat, 300).expect("measured");
        assert_eq!(v.points, 100);
        assert_eq!(v.timing, Timing::SweetSpot);
    }
}
