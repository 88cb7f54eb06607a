//! What the curves showed when the player stopped, in a few plain sentences.
//!
//! The point of the game is that the loss alone does not say when to stop, so
//! the explanation always puts the two side by side: what the trainer showed
//! (the smoothed loss's trend) and what the judges measured (identity,
//! obedience and leak at the kept checkpoint and at the best one).

use super::score::{Timing, Verdict};
use crate::chart::smooth;

/// Smoothing the explanation reads the loss with (the chart's).
const SMOOTHING: f32 = 0.9;

/// How the smoothed loss moved over the last third of the run before the stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossTrend {
    /// Down by more than 3 %.
    Falling,
    /// Within 3 %.
    Flat,
    /// Up by more than 3 %.
    Rising,
}

impl LossTrend {
    /// The trend of `losses` (one per step, in order).
    pub fn of(losses: &[f32]) -> LossTrend {
        let smoothed = smooth(losses, SMOOTHING);
        let (Some(&last), Some(&earlier)) = (
            smoothed.last(),
            smoothed.get(smoothed.len().saturating_sub(1) * 2 / 3),
        ) else {
            return LossTrend::Flat;
        };
        let change = (last - earlier) / earlier.abs().max(f32::EPSILON);
        if change < -0.03 {
            LossTrend::Falling
        } else if change > 0.03 {
            LossTrend::Rising
        } else {
            LossTrend::Flat
        }
    }

    fn words(self) -> &'static str {
        match self {
            LossTrend::Falling => "still falling",
            LossTrend::Flat => "flat",
            LossTrend::Rising => "rising",
        }
    }
}

fn pct(share: f32) -> u32 {
    (100.0 * share).round() as u32
}

/// The explanation of `verdict`, given the training losses the player saw
/// (one per step, up to the stop).
pub fn explain(verdict: &Verdict, losses: &[f32]) -> Vec<String> {
    let (kept, best) = (verdict.kept, verdict.best);
    let loss = LossTrend::of(losses).words();
    let first = format!(
        "You stopped at step {}, so you keep the checkpoint of step {}.",
        verdict.stop_step, kept.step
    );
    let (second, third) = match verdict.timing {
        Timing::Early => (
            format!(
                "TOK was still being learned: the judges recognised TOK in {} % of pictures of \
                 new scenes then, and {} % at step {}, the best moment.",
                pct(kept.identity),
                pct(best.identity),
                best.step
            ),
            format!(
                "The loss was {loss}: a loss curve does not show how much of TOK the \
                 bracelet has learned; validation samples do."
            ),
        ),
        Timing::SweetSpot => (
            format!(
                "That is inside the sweet spot (steps {} to {}): TOK in {} % of pictures of \
                 new scenes, and {} % of them in the scene the prompt asked for.",
                verdict.window.0,
                verdict.window.1,
                pct(kept.identity),
                pct(kept.obedience)
            ),
            format!("The loss was {loss} then; the samples, not the loss, told you so."),
        ),
        Timing::Late => (
            format!(
                "The best moment was step {}. By step {}, pictures followed the prompt's \
                 scene {} % of the time instead of {} %, and the album's windowsill leaked \
                 into {} % of them.",
                best.step,
                kept.step,
                pct(kept.obedience),
                pct(best.obedience),
                pct(kept.leak)
            ),
            format!(
                "The loss was {loss}: it keeps improving on the album while pictures of \
                 anything else get worse."
            ),
        ),
    };
    let mut lines = vec![first, second, third];
    if best.quality() < WEAK {
        lines.push(format!(
            "A caveat: at its best this run put a recognisable TOK into new scenes only {} % \
             of the time, so every checkpoint was weak and the score means little.",
            pct(best.quality())
        ));
    }
    lines
}

/// Best quality under which the explanation warns that the run never learned.
const WEAK: f32 = 0.1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stop_run::score::judge;
    use crate::stop_run::score::tests::arc;

    fn falling(n: usize) -> Vec<f32> {
        (0..n).map(|i| 0.3 / (1.0 + i as f32 / 50.0)).collect()
    }

    #[test]
    fn the_trend_reads_the_smoothed_loss() {
        assert_eq!(LossTrend::of(&falling(600)), LossTrend::Falling);
        assert_eq!(LossTrend::of(&[0.2; 300]), LossTrend::Flat);
        let up: Vec<f32> = (0..300).map(|i| 0.1 + i as f32 / 1000.0).collect();
        assert_eq!(LossTrend::of(&up), LossTrend::Rising);
        assert_eq!(LossTrend::of(&[]), LossTrend::Flat);
    }

    #[test]
    fn each_timing_is_explained_with_its_numbers() {
        let curve = arc();
        let late = judge(&curve, 2950).expect("measured");
        let text = explain(&late, &falling(2950)).join(" ");
        assert!(text.contains("step 2900"), "{text}");
        assert!(text.contains("best moment was step 1200"), "{text}");
        assert!(text.contains("still falling"), "{text}");
        assert!(text.contains("leaked into 52 %"), "{text}");

        let early = judge(&curve, 450).expect("measured");
        let text = explain(&early, &falling(450)).join(" ");
        assert!(text.contains("27 % of pictures"), "{text}");
        assert!(text.contains("80 % at step 1200"), "{text}");

        assert!(!text.contains("caveat"), "a run that learned: {text}");
        let weak: Vec<_> = curve
            .iter()
            .map(|p| crate::stop_run::QualityPoint {
                identity: p.identity / 20.0,
                ..*p
            })
            .collect();
        let text = explain(&judge(&weak, 1300).expect("measured"), &[0.2; 10]).join(" ");
        assert!(
            text.contains("caveat") && text.contains("only 4 %"),
            "{text}"
        );

        let sweet = judge(&curve, 1300).expect("measured");
        let text = explain(&sweet, &[0.2; 1300]).join(" ");
        assert!(text.contains("steps 1100 to 1700"), "{text}");
        assert!(text.contains("was flat"), "{text}");
    }
}
