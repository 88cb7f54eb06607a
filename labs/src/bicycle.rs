//! What the bicycle test says about a checkpoint, in words: the judges' numbers
//! on "a photo of TOK riding a bicycle" (a scene the album never shows) turned
//! into a verdict, and the whole run's story on that prompt. No DOM here.

use crate::arc::{ArcPoint, SceneScore, percent};

/// What a checkpoint did with the bicycle prompt, in words.
pub fn verdict(bicycle: SceneScore) -> &'static str {
    match bicycle {
        b if b.windowsill_leak >= 0.5 => "hands back the album: a windowsill instead of a bicycle",
        b if b.obedience >= 0.75 && b.identity >= 0.5 => "improvises: TOK rides the bicycle",
        b if b.obedience >= 0.75 && b.identity >= 0.15 => {
            "paints the bicycle; TOK shows up on some of them"
        }
        b if b.obedience >= 0.75 => "paints the bicycle, but the rider is not TOK",
        _ => "loses the bicycle",
    }
}

/// The run-wide story of the bicycle prompt, from every checkpoint.
pub fn summary(points: &[ArcPoint]) -> String {
    let Some(peak) = points
        .iter()
        .max_by(|a, b| a.bicycle.identity.total_cmp(&b.bicycle.identity))
    else {
        return String::new();
    };
    let most_leak = points
        .iter()
        .map(|p| p.bicycle.windowsill_leak)
        .fold(0.0, f64::max);
    let lowest_obedience = points
        .iter()
        .map(|p| p.bicycle.obedience)
        .fold(1.0, f64::min);
    format!(
        "Across all {} checkpoints of this run, the bicycle pictures looked most like TOK at step {} ({}). \
         The bicycle itself was kept in at least {} of them at every checkpoint, and at most {} were read as the album's windowsill.",
        points.len(),
        peak.step,
        percent(peak.bicycle.identity),
        percent(lowest_obedience),
        percent(most_leak),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(identity: f64, obedience: f64, windowsill_leak: f64) -> SceneScore {
        SceneScore {
            identity,
            obedience,
            windowsill_leak,
        }
    }

    #[test]
    fn verdicts_follow_the_judges() {
        assert_eq!(
            verdict(score(0.8, 1.0, 0.0)),
            "improvises: TOK rides the bicycle"
        );
        assert_eq!(
            verdict(score(0.0, 1.0, 0.0)),
            "paints the bicycle, but the rider is not TOK"
        );
        assert_eq!(
            verdict(score(0.25, 1.0, 0.0)),
            "paints the bicycle; TOK shows up on some of them"
        );
        assert!(verdict(score(0.9, 0.0, 1.0)).starts_with("hands back the album"));
        assert_eq!(verdict(score(0.9, 0.25, 0.0)), "loses the bicycle");
    }
}
