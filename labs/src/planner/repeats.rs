//! The repeats trap: counting the album as pictures × repeats.
//!
//! Repeats make a trainer list every picture several times. That changes how
//! long one pass through the list (an epoch) is, not how often the painter sees
//! each picture during a given number of steps: that is still steps × batch ÷
//! pictures. The trap is to take the longer list for the album. The classic case:
//! 43 photos with 10 repeats make a list of 430; 1,720 steps (40 per photo) pass
//! through that list 4 times, which reads as "4 looks per image", where the plan
//! was 40 looks per photo, and 40 is what each real photo gets. Whoever takes 430
//! for the album and plans or "fixes" the steps from it trains far too long.
//!
//! The arithmetic counts one picture per step (batch 1), as the brief's example
//! does; a bigger batch multiplies every look count alike.

use super::per_image;
use super::text::thousands;
use super::{Album, Kind, Looks, Severity, Warning};

/// The brief's example: photos in the album.
pub const EXAMPLE_IMAGES: u32 = 43;
/// The brief's example: repeats.
pub const EXAMPLE_REPEATS: u32 = 10;

/// The trap worked out on one album.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepeatsCheck {
    /// True when these are the brief's numbers (the reader uses no repeats).
    pub is_example: bool,
    /// The album's kind, for its nouns.
    pub kind: Kind,
    /// Real pictures.
    pub images: u32,
    /// Repeats.
    pub repeats: u32,
    /// Entries in the trainer's list: pictures × repeats.
    pub entries: u32,
    /// The 40-per-image rule on the real pictures.
    pub steps: u32,
    /// The 40-per-image rule fed the entries instead.
    pub inflated_steps: u32,
}

/// The trap on the reader's album, or on the brief's example when the reader
/// uses no repeats.
pub fn check(album: Album) -> RepeatsCheck {
    if album.repeats <= 1 {
        example()
    } else {
        worked(album.kind, album.images, album.repeats, false)
    }
}

/// The brief's example: 43 photos, 10 repeats.
pub fn example() -> RepeatsCheck {
    worked(Kind::Subject, EXAMPLE_IMAGES, EXAMPLE_REPEATS, true)
}

fn worked(kind: Kind, images: u32, repeats: u32, is_example: bool) -> RepeatsCheck {
    let entries = images.saturating_mul(repeats);
    RepeatsCheck {
        is_example,
        kind,
        images,
        repeats,
        entries,
        steps: per_image::steps(images),
        inflated_steps: per_image::steps(entries),
    }
}

impl RepeatsCheck {
    /// Looks per real picture at [`Self::steps`], batch 1.
    pub fn per_image(&self) -> Looks {
        Looks {
            steps: self.steps,
            batch: 1,
            images: self.images,
        }
    }

    /// Looks per list entry at [`Self::steps`]: the misleading number.
    pub fn per_entry(&self) -> Looks {
        Looks {
            steps: self.steps,
            batch: 1,
            images: self.entries,
        }
    }

    /// Looks per real picture if the rule is fed the entries.
    pub fn inflated(&self) -> Looks {
        Looks {
            steps: self.inflated_steps,
            batch: 1,
            images: self.images,
        }
    }

    /// The worked explanation, one sentence per line.
    pub fn lines(&self) -> Vec<String> {
        let item = self.kind.item();
        let items = self.kind.items(self.images);
        let (images, repeats, entries) = (
            thousands(self.images),
            thousands(self.repeats),
            thousands(self.entries),
        );
        let steps = thousands(self.steps);
        let tenfold = self.steps.saturating_mul(self.repeats);
        let tenfold_looks = Looks {
            steps: tenfold,
            batch: 1,
            images: self.images,
        };
        vec![
            format!(
                "Repeats list every {item} several times without adding a new one: {items} × {repeats} repeats = {entries} entries in the trainer's list."
            ),
            format!(
                "The 40-per-image rule is meant for the {images} real {item}s: {} (counting one {item} per step).",
                rule(self.images, self.steps),
            ),
            format!(
                "Divided by the {entries} entries, {steps} steps read as {} per image; divided by the {images} {item}s, they are {} per {item}, and that is what each {item} really gets.",
                self.per_entry().count(),
                self.per_image().count(),
            ),
            format!(
                "The smaller number only says how often the trainer walks its whole list: repeats make that walk {repeats} times longer, not the lesson {repeats} times shorter."
            ),
            format!(
                "The mistake is to plan from {entries}: the rule would give {}, {} per {item}, and raising the steps {repeats}-fold to \"fix\" the small number would mean {} per {item}.",
                rule(self.entries, self.inflated_steps),
                self.inflated().count(),
                tenfold_looks.count(),
            ),
        ]
    }

    /// A note for the reader's own repeats; none for the brief's example.
    pub fn warning(&self) -> Option<Warning> {
        (!self.is_example).then(|| Warning {
            severity: Severity::Note,
            text: format!(
                "With {} repeats the trainer lists {} entries, but the album is still {}: plan steps and count looks against {}, never against {}.",
                thousands(self.repeats),
                thousands(self.entries),
                self.kind.items(self.images),
                thousands(self.images),
                thousands(self.entries),
            ),
        })
    }
}

/// `43 × 40 = 1,720 steps`, or with the clamp when it applies:
/// `430 × 40 = 17,200 steps, 3,500 after the ceiling`.
fn rule(count: u32, steps: u32) -> String {
    let raw = count.saturating_mul(per_image::STEPS_PER_IMAGE);
    let head = format!("{} × 40 = {} steps", thousands(count), thousands(raw));
    if raw > steps {
        format!("{head}, {} after the ceiling", thousands(steps))
    } else if raw < steps {
        format!("{head}, {} after the floor", thousands(steps))
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_briefs_example_exactly() {
        let check = example();
        assert_eq!(check.entries, 430);
        assert_eq!(check.steps, 1720);
        assert_eq!(check.per_entry().rounded(), 4);
        assert!(check.per_entry().is_exact());
        assert_eq!(check.per_image().rounded(), 40);
        assert_eq!(check.inflated_steps, 3500);
        assert_eq!(check.inflated().rounded(), 81);
        assert_eq!(check.warning(), None);
        let text = check.lines().join(" ");
        for figure in [
            "43 photos × 10 repeats = 430 entries",
            "43 × 40 = 1,720 steps",
            "4 looks per image",
            "40 looks per photo",
            "430 × 40 = 17,200 steps, 3,500 after the ceiling",
            "400 looks per photo",
        ] {
            assert!(text.contains(figure), "{figure:?} in {text:?}");
        }
    }

    #[test]
    fn no_repeats_shows_the_example() {
        let album = Album {
            kind: Kind::Style,
            images: 30,
            repeats: 1,
        };
        assert_eq!(check(album), example());
    }

    #[test]
    fn the_readers_repeats() {
        let album = Album {
            kind: Kind::Edit,
            images: 15,
            repeats: 4,
        };
        let check = check(album);
        assert!(!check.is_example);
        assert_eq!(check.entries, 60);
        assert_eq!(check.steps, 600);
        assert_eq!(check.per_entry().rounded(), 10);
        assert_eq!(check.per_image().rounded(), 40);
        assert_eq!(check.inflated_steps, 2400);
        let warning = check.warning().expect("repeats above 1 are flagged");
        assert!(warning.text.contains("still 15 pairs"), "{}", warning.text);
    }
}
