//! The well-known second rule set: 40 steps per picture.
//!
//! Steps are 40 per picture, clamped to 500..3500, with repeats 1, batch 2,
//! learning rate 1e-4 and rank 16 (32 on request). Checkpoints come every 100
//! steps for runs under 1,000 steps, every 250 up to 2,000, every 500 beyond. It
//! warns above 60 pictures, where a style starts to dilute.

use super::text::thousands;
use super::{Album, Looks, Pick, Rate, RulePlan, RuleSet, Severity, Warning};

/// Steps per picture.
pub const STEPS_PER_IMAGE: u32 = 40;
/// The clamp on steps.
pub const STEPS: (u32, u32) = (500, 3500);
/// Pictures per step.
pub const BATCH: u32 = 2;
/// The set's learning rate.
pub const LEARNING_RATE: Rate = Rate {
    mantissa: 1,
    exponent: -4,
};
/// The set's rank; 32 when asked for.
pub const RANK: u32 = 16;
/// Above this many pictures the set warns.
pub const WARN_ABOVE: u32 = 60;

/// Steps for an album of `images` pictures: 40 each, clamped to 500..3500.
pub fn steps(images: u32) -> u32 {
    images
        .saturating_mul(STEPS_PER_IMAGE)
        .clamp(STEPS.0, STEPS.1)
}

/// Checkpoint spacing: 100 under 1,000 steps, 250 up to 2,000, 500 above.
pub fn checkpoint_every(steps: u32) -> u32 {
    if steps < 1000 {
        100
    } else if steps <= 2000 {
        250
    } else {
        500
    }
}

/// This set's plan for `album`.
pub fn plan(album: Album) -> RulePlan {
    let steps = steps(album.images);
    let item = album.kind.item();
    let raw = album.images.saturating_mul(STEPS_PER_IMAGE);
    let steps_reason = if raw < STEPS.0 {
        format!(
            "40 steps per {item} would be {}, so the floor of 500 applies.",
            thousands(raw)
        )
    } else if raw > STEPS.1 {
        format!(
            "40 steps per {item} would be {}, so the ceiling of 3,500 applies.",
            thousands(raw)
        )
    } else {
        format!(
            "40 steps for each of the {}: {} steps, inside the 500 to 3,500 clamp.",
            album.kind.items(album.images),
            thousands(steps)
        )
    };
    let every = checkpoint_every(steps);
    RulePlan {
        rules: RuleSet::PerImage,
        steps: Pick {
            value: steps,
            reason: steps_reason,
        },
        batch: BATCH,
        learning_rate: Pick {
            value: LEARNING_RATE,
            reason: "This set uses the common default of 1e-4 whatever the album.".to_owned(),
        },
        rank: Pick {
            value: RANK,
            reason: "Rank 16 by default, 32 only on request.".to_owned(),
        },
        checkpoint_every: Pick {
            value: every,
            reason: format!(
                "A run of {} steps saves every {every} (every 100 under 1,000 steps, 250 up to 2,000, 500 beyond).",
                thousands(steps)
            ),
        },
        looks: Looks {
            steps,
            batch: BATCH,
            images: album.images,
        },
    }
}

/// This set's own warning: above 60 pictures a style dilutes.
pub fn warnings(album: Album) -> Option<Warning> {
    (album.images > WARN_ABOVE).then(|| Warning {
        severity: Severity::Note,
        text: format!(
            "The 40-per-image set also warns above {WARN_ABOVE} {}s: with that many, what the album shares (its look, its style) starts to average out.",
            album.kind.item()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::Kind;

    #[test]
    fn forty_per_image_clamped() {
        assert_eq!(steps(1), 500);
        assert_eq!(steps(12), 500);
        assert_eq!(steps(13), 520);
        assert_eq!(steps(20), 800);
        assert_eq!(steps(43), 1720);
        assert_eq!(steps(87), 3480);
        assert_eq!(steps(88), 3500);
        assert_eq!(steps(430), 3500);
        assert_eq!(steps(u32::MAX), 3500);
    }

    #[test]
    fn checkpoint_bands() {
        assert_eq!(checkpoint_every(500), 100);
        assert_eq!(checkpoint_every(999), 100);
        assert_eq!(checkpoint_every(1000), 250);
        assert_eq!(checkpoint_every(2000), 250);
        assert_eq!(checkpoint_every(2001), 500);
        assert_eq!(checkpoint_every(3500), 500);
    }

    #[test]
    fn fixed_knobs_and_the_sixty_warning() {
        let album = |images| Album {
            kind: Kind::Style,
            images,
            repeats: 1,
        };
        let plan = plan(album(20));
        assert_eq!(plan.batch, 2);
        assert_eq!(plan.learning_rate.value.to_string(), "1e-4");
        assert_eq!(plan.rank.value, 16);
        assert_eq!(plan.looks.rounded(), 80);
        assert_eq!(warnings(album(60)), None);
        assert!(warnings(album(61)).is_some());
    }
}
