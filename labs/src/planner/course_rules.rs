//! The course's own rule set, from the chapter on steps.
//!
//! - 15 to 30 pictures: start near 1,000 steps.
//! - Fewer than 10: 400 to 700 steps.
//! - In between, and beyond 30, the course gives no number. We keep the looks per
//!   picture of the nearest rule: a 15-picture album at 1,000 steps (about 67)
//!   below 15, a 30-picture album at 1,000 steps (about 33) above 30. That gives
//!   one formula, `1000 × n / clamp(n, 15, 30)`, held to 400..700 under 10
//!   pictures and to [`MAX_STEPS`] overall, rounded to a multiple of 100 (some
//!   trainers want that).
//! - Batch 1, so steps ÷ pictures is the looks per picture.
//! - Learning rate: trust the default (5e-5 on the Klein trainer).
//! - Rank 16 for subjects and edits, 32 for styles.
//! - Checkpoints: at least four, spaced 100 to 500 steps apart.

use super::text::{round_hundred, thousands, to_u32};
use super::{Album, Kind, Looks, Pick, Rate, RulePlan, RuleSet};

/// Steps where a usual album (15 to 30 pictures) starts.
pub const START_STEPS: u32 = 1000;
/// The usual album, in pictures.
pub const USUAL: (u32, u32) = (15, 30);
/// Below this many pictures the small-album band applies.
pub const SMALL_BELOW: u32 = 10;
/// Steps for a small album.
pub const SMALL_STEPS: (u32, u32) = (400, 700);
/// The most steps this set proposes (the other set's ceiling too).
pub const MAX_STEPS: u32 = 3500;
/// The course's default learning rate (the Klein trainer's).
pub const LEARNING_RATE: Rate = Rate {
    mantissa: 5,
    exponent: -5,
};
/// The fewest checkpoints a run should leave to choose from.
pub const MIN_CHECKPOINTS: u32 = 4;
/// Checkpoint spacing, in steps, never closer or wider than this.
pub const CHECKPOINT_SPACING: (u32, u32) = (100, 500);

/// Steps for an album of `images` pictures.
pub fn steps(images: u32) -> u32 {
    let n = u64::from(images.max(1));
    let anchor = n.clamp(u64::from(USUAL.0), u64::from(USUAL.1));
    let mut steps = round_hundred(u64::from(START_STEPS) * n, anchor);
    if images < SMALL_BELOW {
        steps = steps.clamp(u64::from(SMALL_STEPS.0), u64::from(SMALL_STEPS.1));
    }
    to_u32(steps.min(u64::from(MAX_STEPS)))
}

/// Checkpoint spacing for a run of `steps` steps: a quarter of the run, rounded
/// down to a multiple of 50, kept between 100 and 500.
pub fn checkpoint_every(steps: u32) -> u32 {
    let quarter = steps / MIN_CHECKPOINTS / 50 * 50;
    quarter.clamp(CHECKPOINT_SPACING.0, CHECKPOINT_SPACING.1)
}

/// Rank for a kind of album.
pub fn rank(kind: Kind) -> u32 {
    match kind {
        Kind::Subject | Kind::Edit => 16,
        Kind::Style => 32,
    }
}

/// The course's plan for `album`.
pub fn plan(album: Album) -> RulePlan {
    let steps = steps(album.images);
    let looks = Looks {
        steps,
        batch: 1,
        images: album.images,
    };
    let every = checkpoint_every(steps);
    RulePlan {
        rules: RuleSet::Course,
        steps: Pick {
            value: steps,
            reason: steps_reason(album, looks),
        },
        batch: 1,
        learning_rate: Pick {
            value: LEARNING_RATE,
            reason: "Trust the default: 5e-5 on the Klein trainer (1e-4 is the usual default elsewhere); halve it if samples look fried, and never raise it together with the steps.".to_owned(),
        },
        rank: Pick {
            value: rank(album.kind),
            reason: rank_reason(album.kind).to_owned(),
        },
        checkpoint_every: Pick {
            value: every,
            reason: format!(
                "Every {} steps leaves {} checkpoints to walk with one fixed seed (samples every 100 to 500 steps is the habit), and the best one is often not the last.",
                thousands(every),
                steps / every,
            ),
        },
        looks,
    }
}

fn steps_reason(album: Album, looks: Looks) -> String {
    let n = album.images;
    let item = album.kind.item();
    let steps = thousands(looks.steps);
    let each = format!("{} per {item}", looks.count());
    let base = if n < SMALL_BELOW {
        format!(
            "With fewer than {SMALL_BELOW} {item}s the course stays between 400 and 700 steps; {steps} gives {each}, and when in doubt we train less"
        )
    } else if n < USUAL.0 {
        format!(
            "Between the course's two rules (400 to 700 steps under 10 {item}s, about 1,000 from 15) we keep the looks a 15-{item} album gets at 1,000 steps: {steps} steps, {each}"
        )
    } else if n <= USUAL.1 {
        format!(
            "For 15 to 30 {item}s the course starts near 1,000 steps, which gives {each}, well short of copying"
        )
    } else if looks.steps >= MAX_STEPS {
        format!(
            "Past 30 {item}s we keep the looks a 30-{item} album gets at 1,000 steps, but stop at {} steps: {each}",
            thousands(MAX_STEPS)
        )
    } else {
        format!(
            "The course's rule stops at 30 {item}s, so we keep the looks a 30-{item} album gets at 1,000 steps: {steps} steps, {each}"
        )
    };
    let tail = match album.kind {
        Kind::Subject => ".",
        Kind::Style => "; styles saturate at their own pace, so let the validation samples decide.",
        Kind::Edit => "; each before/after pair counts as one picture.",
    };
    format!("{base}{tail}")
}

fn rank_reason(kind: Kind) -> &'static str {
    match kind {
        Kind::Subject => {
            "Rank 16 is plenty for most subjects (characters often get 32); a thicker bracelet makes a bigger file and memorises sooner."
        }
        Kind::Style => {
            "A style lives in the whole picture, so it gets a thicker bracelet than a subject's 16; only a very complex style needs more, and thicker ones memorise sooner."
        }
        Kind::Edit => {
            "An edit teaches one change and the course sets no special rank for it, so we start at the usual 16; thicker means a bigger file and earlier memorisation."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_albums_start_near_a_thousand() {
        for n in 15..=30 {
            assert_eq!(steps(n), 1000, "{n} pictures");
        }
    }

    #[test]
    fn small_albums_stay_in_four_to_seven_hundred() {
        for n in 1..SMALL_BELOW {
            let s = steps(n);
            assert!((400..=700).contains(&s), "{n} pictures: {s}");
            assert_eq!(s % 100, 0);
        }
        assert_eq!(steps(8), 500);
        assert_eq!(steps(9), 600);
        assert_eq!(steps(3), 400);
    }

    #[test]
    fn between_and_beyond_keep_the_nearest_rules_looks() {
        let got: Vec<u32> = (10..15).map(steps).collect();
        assert_eq!(got, [700, 700, 800, 900, 900]);
        assert_eq!(steps(31), 1000);
        assert_eq!(steps(40), 1300);
        assert_eq!(steps(60), 2000);
        assert_eq!(steps(105), 3500);
        assert_eq!(steps(500), MAX_STEPS);
        let mut last = 0;
        for n in 1..=500 {
            assert!(steps(n) >= last, "steps never fall as the album grows");
            last = steps(n);
        }
    }

    #[test]
    fn checkpoints_leave_at_least_four() {
        assert_eq!(checkpoint_every(400), 100);
        assert_eq!(checkpoint_every(500), 100);
        assert_eq!(checkpoint_every(700), 150);
        assert_eq!(checkpoint_every(1000), 250);
        assert_eq!(checkpoint_every(1300), 300);
        assert_eq!(checkpoint_every(2000), 500);
        assert_eq!(checkpoint_every(3500), 500);
        for n in 1..=500 {
            let s = steps(n);
            assert!(s / checkpoint_every(s) >= MIN_CHECKPOINTS, "{n} pictures");
        }
    }

    #[test]
    fn ranks_and_rate() {
        assert_eq!(rank(Kind::Subject), 16);
        assert_eq!(rank(Kind::Style), 32);
        assert_eq!(rank(Kind::Edit), 16);
        assert_eq!(LEARNING_RATE.to_string(), "5e-5");
    }
}
