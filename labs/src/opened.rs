//! The opened training step's data: one real step of the default run's
//! bracelet at nine noise levels, as `trainer open-step` measured it. No DOM.
//!
//! The numbers come from `assets/experiments/one-step/open-step.json`, written
//! by `cargo xtask experiments figures` with the step's pictures
//! (`picture.png`: the album picture and the noise; `levels.png`: per level, the
//! noisy picture, the bare painter's guess and the guess with the bracelet on).

use serde::Deserialize;

use crate::crop::Sheet;

const OPEN_STEP_JSON: &str = include_str!("../../assets/experiments/one-step/open-step.json");

/// Where the album picture and the noise are served.
pub const PICTURE_URL: &str = "/assets/experiments/one-step/picture.png";
/// Where the per-level pictures are served.
pub const LEVELS_URL: &str = "/assets/experiments/one-step/levels.png";
/// `picture.png`: two 32-pixel pictures, 1-pixel gaps.
pub const PICTURE_SHEET: Sheet = Sheet::grid(2, 1, 32, 1);

/// One noise level of the step.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
pub struct Level {
    /// The noise level, 0 clean … 1 pure noise.
    pub t: f32,
    /// The loss without the bracelet.
    pub loss_bare: f32,
    /// The loss with it: what the run scores.
    pub loss: f32,
    /// The same picture and noise scored after one nudge.
    pub loss_after: f32,
    /// The largest change the nudge made to any bracelet number.
    pub largest_change: f32,
}

/// The opened step.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct OpenedStep {
    /// The picture's caption.
    pub caption: String,
    /// The LoRA file the bracelet came from.
    pub lora: String,
    /// The seed of the noise.
    pub noise_seed: u64,
    /// The nudge's learning rate.
    pub learning_rate: f64,
    /// The levels, lightest noise first.
    pub levels: Vec<Level>,
}

/// The shipped step, or why it cannot be read.
pub fn shipped() -> Result<OpenedStep, String> {
    parse(OPEN_STEP_JSON)
}

/// Reads a step and checks what the widget relies on.
pub fn parse(json: &str) -> Result<OpenedStep, String> {
    let step: OpenedStep =
        serde_json::from_str(json).map_err(|e| format!("the opened step's data: {e}"))?;
    if step.levels.is_empty() {
        return Err("the opened step has no noise levels".into());
    }
    if step.levels.windows(2).any(|w| w[0].t >= w[1].t) {
        return Err("the opened step's levels are not in order".into());
    }
    Ok(step)
}

impl OpenedStep {
    /// The per-level sheet's geometry: a column per level, three rows.
    pub fn levels_sheet(&self) -> Sheet {
        Sheet::grid(self.levels.len() as u32, 3, 32, 1)
    }

    /// The level nearest one half, where the widget starts.
    pub fn middle(&self) -> usize {
        (0..self.levels.len())
            .min_by(|&a, &b| {
                (self.levels[a].t - 0.5)
                    .abs()
                    .total_cmp(&(self.levels[b].t - 0.5).abs())
            })
            .unwrap_or(0)
    }

    /// The run the bracelet came from (`assets/experiments/NAME/…`).
    pub fn run(&self) -> &str {
        self.lora.split('/').rev().nth(1).unwrap_or(&self.lora)
    }

    /// Where the figure comes from, in one sentence.
    pub fn provenance(&self) -> String {
        format!(
            "Real step: the bracelet of run {} after its last step, on the album picture \u{201c}{}\u{201d}, noise seed {}, nudged at learning rate {}.",
            self.run(),
            self.caption,
            self.noise_seed,
            self.learning_rate
        )
    }
}

/// What the nudge did at `level`, in words.
pub fn nudge_words(level: &Level, learning_rate: f64) -> String {
    format!(
        "Every number in the bracelet moves by its gradient times {learning_rate}; the largest move is {:.6}. \
         Scored again on the same picture and noise, the guess now loses {:.5} instead of {:.5} ({:+.2} %): a tiny correction, and a run makes thousands of them.",
        level.largest_change,
        level.loss_after,
        level.loss,
        100.0 * (level.loss_after - level.loss) / level.loss.max(f32::MIN_POSITIVE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_step_is_real_and_the_nudge_helps() {
        let step = shipped().expect("the shipped step");
        assert_eq!(step.run(), "steps-1000");
        assert_eq!(step.levels.len(), 9);
        assert!((step.levels[step.middle()].t - 0.5).abs() < 1e-6);
        assert_eq!(step.levels_sheet().width, 298);
        for level in &step.levels {
            assert!(level.loss_after <= level.loss, "{level:?}");
            assert!(level.largest_change > 0.0);
        }
        // The bracelet knows TOK: through the middle levels it guesses better
        // than the bare painter.
        let middle = step.levels[step.middle()];
        assert!(middle.loss < middle.loss_bare, "{middle:?}");
        assert!(step.provenance().contains("steps-1000"));
        assert!(nudge_words(&middle, 3e-3).contains("times 0.003"));
    }

    #[test]
    fn refuses_steps_it_cannot_show() {
        assert!(
            parse(r#"{"caption":"c","lora":"l","noise_seed":1,"learning_rate":0.1,"levels":[]}"#)
                .is_err()
        );
        assert!(parse("{}").is_err());
    }
}
