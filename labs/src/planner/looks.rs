//! Looks per photo: how many times training shows the painter each picture.
//!
//! Every step draws `batch` pictures, so a run of `steps` steps shows the album
//! `steps × batch` pictures in all; shared among `images` pictures that makes
//! `steps × batch / images` looks each. Around 50 is healthy (1000 steps on 20
//! photos); at 125 (1000 steps on 8 photos) the painter starts copying the album.

use super::text::{div_round, thousands, to_u32};
use super::{Kind, Severity, Warning};

/// Below this many looks per picture a run is light.
pub const LIGHT_BELOW: u32 = 25;
/// Above this many looks per picture a run risks copying the album.
pub const COPYING_ABOVE: u32 = 100;

/// The looks per picture a run adds up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Looks {
    /// Training steps.
    pub steps: u32,
    /// Pictures per step.
    pub batch: u32,
    /// Pictures in the album, each counted once.
    pub images: u32,
}

/// What a number of looks per picture tends to mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LooksVerdict {
    /// Fewer than [`LIGHT_BELOW`]: the lesson may come out faint.
    Light,
    /// The healthy middle.
    Healthy,
    /// More than [`COPYING_ABOVE`]: memorisation is near.
    Copying,
}

impl Looks {
    /// Pictures shown in all: `steps × batch`.
    pub fn shown(self) -> u64 {
        u64::from(self.steps) * u64::from(self.batch)
    }

    /// Looks per picture, exactly.
    pub fn per_image(self) -> f64 {
        if self.images == 0 {
            return 0.0;
        }
        self.shown() as f64 / f64::from(self.images)
    }

    /// Looks per picture, rounded to a whole number (halves up).
    pub fn rounded(self) -> u32 {
        to_u32(div_round(self.shown(), u64::from(self.images)))
    }

    /// Whether the division comes out even.
    pub fn is_exact(self) -> bool {
        self.images != 0 && self.shown().is_multiple_of(u64::from(self.images))
    }

    /// The verdict, from exact comparisons (no rounding at the edges).
    pub fn verdict(self) -> LooksVerdict {
        let images = u64::from(self.images);
        if self.shown() < u64::from(LIGHT_BELOW) * images {
            LooksVerdict::Light
        } else if self.shown() > u64::from(COPYING_ABOVE) * images {
            LooksVerdict::Copying
        } else {
            LooksVerdict::Healthy
        }
    }

    /// The number in words: `50 looks` or `about 33 looks`.
    pub fn count(self) -> String {
        let about = if self.is_exact() { "" } else { "about " };
        let n = self.rounded();
        let s = if n == 1 { "" } else { "s" };
        format!("{about}{} look{s}", thousands(n))
    }

    /// The arithmetic: `1,000 steps × 1 ÷ 20 photos = 50 looks per photo`.
    pub fn arithmetic(self, kind: Kind) -> String {
        let per = kind.item();
        let equals = if self.is_exact() { "=" } else { "≈" };
        format!(
            "{} steps × batch {} ÷ {} {equals} {} per {per}",
            thousands(self.steps),
            self.batch,
            kind.items(self.images),
            thousands(self.rounded()),
        )
    }

    /// A warning when the looks leave the healthy middle.
    pub fn warning(self, kind: Kind) -> Option<Warning> {
        let per = kind.item();
        match self.verdict() {
            LooksVerdict::Healthy => None,
            LooksVerdict::Copying => Some(Warning {
                severity: Severity::Caution,
                text: format!(
                    "{} per {per} is copying territory (the course's example copies its album at 125: 1,000 steps on 8 photos); more varied {per}s help more than more steps.",
                    capitalise(&self.count()),
                ),
            }),
            LooksVerdict::Light => Some(Warning {
                severity: Severity::Note,
                text: format!(
                    "Only {} per {per}: if the lesson comes out faint, an undertrained LoRA can still be pushed with scale, or trained a little longer.",
                    self.count(),
                ),
            }),
        }
    }
}

/// `about 33 looks` → `About 33 looks` (the planner's sentences are ASCII at
/// the start, so no Unicode case tables are needed).
fn capitalise(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn looks(steps: u32, batch: u32, images: u32) -> Looks {
        Looks {
            steps,
            batch,
            images,
        }
    }

    #[test]
    fn the_briefs_two_examples() {
        let healthy = looks(1000, 1, 20);
        assert_eq!(healthy.rounded(), 50);
        assert_eq!(healthy.verdict(), LooksVerdict::Healthy);
        assert_eq!(
            healthy.arithmetic(Kind::Subject),
            "1,000 steps × batch 1 ÷ 20 photos = 50 per photo"
        );
        let copying = looks(1000, 1, 8);
        assert_eq!(copying.rounded(), 125);
        assert_eq!(copying.verdict(), LooksVerdict::Copying);
        assert!(copying.warning(Kind::Subject).is_some());
        assert_eq!(healthy.warning(Kind::Subject), None);
    }

    #[test]
    fn batch_multiplies_looks() {
        let two = looks(800, 2, 20);
        assert_eq!(two.rounded(), 80);
        assert_eq!(two.count(), "80 looks");
        assert_eq!(looks(1000, 1, 30).count(), "about 33 looks");
        assert_eq!(looks(1, 1, 1).count(), "1 look");
    }

    #[test]
    fn verdict_edges_are_exact() {
        assert_eq!(looks(100, 1, 1).verdict(), LooksVerdict::Healthy);
        assert_eq!(looks(101, 1, 1).verdict(), LooksVerdict::Copying);
        assert_eq!(looks(25, 1, 1).verdict(), LooksVerdict::Healthy);
        assert_eq!(looks(24, 1, 1).verdict(), LooksVerdict::Light);
        assert_eq!(looks(3500, 1, 200).verdict(), LooksVerdict::Light);
    }
}
