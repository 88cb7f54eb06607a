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

/// The checkpoint the test first shows against the best one (`best`, an index
/// into `points`): the later checkpoint where most bicycle pictures came back as
/// the album's windowsill (the earliest of equals), or the last checkpoint when
/// none after `best` did.
pub fn overfit_pick(points: &[ArcPoint], best: usize) -> usize {
    let last = points.len().saturating_sub(1);
    points
        .iter()
        .enumerate()
        .skip(best + 1)
        .filter(|(_, p)| p.bicycle.windowsill_leak > 0.0)
        .fold(None, |pick: Option<(usize, f64)>, (i, p)| match pick {
            Some((_, leak)) if leak >= p.bicycle.windowsill_leak => pick,
            _ => Some((i, p.bicycle.windowsill_leak)),
        })
        .map_or(last, |(i, _)| i)
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
    let kept = if lowest_obedience >= 1.0 {
        "The bicycle itself was in every picture at every checkpoint".to_owned()
    } else {
        format!(
            "The bicycle itself was in at least {} of the pictures at every checkpoint",
            percent(lowest_obedience)
        )
    };
    let leak = if most_leak <= 0.0 {
        "and not one was read as the album's windowsill".to_owned()
    } else {
        format!(
            "and at most {} were read as the album's windowsill",
            percent(most_leak)
        )
    };
    format!(
        "Across all {} checkpoints of this run, the bicycle pictures looked most like TOK at step {} ({}). {kept}, {leak}.",
        points.len(),
        peak.step,
        percent(peak.bicycle.identity),
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

    fn at(step: u32, bicycle: SceneScore) -> ArcPoint {
        ArcPoint {
            step,
            identity: 0.0,
            obedience: 1.0,
            windowsill_leak: 0.0,
            album_likeness: 0.0,
            album_identity: 0.0,
            bicycle,
        }
    }

    #[test]
    fn the_overfit_pick_is_the_first_most_leaky_checkpoint_after_the_best() {
        let points = [
            at(0, score(0.0, 1.0, 0.0)),
            at(100, score(0.6, 1.0, 0.0)),
            at(200, score(0.7, 0.5, 0.5)),
            at(300, score(0.2, 0.5, 0.5)),
            at(400, score(0.9, 1.0, 0.25)),
            at(500, score(0.5, 1.0, 0.0)),
        ];
        assert_eq!(overfit_pick(&points, 1), 2);
        assert_eq!(overfit_pick(&points, 3), 4);
        assert_eq!(overfit_pick(&points, 4), 5, "no leak after: the last");
        assert_eq!(overfit_pick(&points[..1], 0), 0);
    }

    #[test]
    fn the_summary_names_the_peak_and_words_the_extremes() {
        let point = at;
        let clean = [
            point(0, score(0.0, 1.0, 0.0)),
            point(100, score(0.4, 1.0, 0.0)),
        ];
        assert_eq!(
            summary(&clean),
            "Across all 2 checkpoints of this run, the bicycle pictures looked most like TOK at step 100 (40 %). \
             The bicycle itself was in every picture at every checkpoint, and not one was read as the album's windowsill."
        );
        let leaky = [
            point(0, score(0.0, 1.0, 0.0)),
            point(100, score(0.1, 0.5, 0.25)),
        ];
        let text = summary(&leaky);
        assert!(text.contains("at least 50 % of the pictures"), "{text}");
        assert!(text.contains("at most 25 % were read"), "{text}");
        assert_eq!(summary(&[]), "");
    }
}
