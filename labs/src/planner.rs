//! The parameter planner's rules: from an album to a training plan, with reasons.
//!
//! The reader says how many pictures the album holds and what it teaches (a
//! subject, a style or an edit); the planner answers with steps, learning rate,
//! rank and checkpoint interval, one sentence of reason each. It also shows:
//!
//! - the looks per photo those steps add up to ([`Looks`]);
//! - two rule sets side by side, the course's own ([`course_rules`]) and the
//!   well-known 40-steps-per-image set ([`per_image`]), and why their numbers
//!   differ ([`compare`]);
//! - whether the album's size sits in the usual range for its kind
//!   ([`album_check`]);
//! - the repeats trap, with the arithmetic worked out ([`repeats`]).
//!
//! [`FormState`] holds the form's half-typed text and decides which album to plan.
//!
//! Everything here is plain Rust: no DOM, no signals. `planner_view` draws it.

mod album;
pub mod album_check;
pub mod compare;
pub mod course_rules;
pub mod form;
pub mod looks;
pub mod per_image;
pub mod repeats;
mod text;

use std::fmt;

use content::WidgetCall;

use crate::registry::WidgetError;
use album::whole;

pub use album::{Album, InputError, Kind, MAX_IMAGES, MAX_REPEATS, MIN_IMAGES};
pub use form::FormState;
pub use looks::{Looks, LooksVerdict};
pub use text::thousands;

/// A learning rate written the way trainers show it, `mantissa`e`exponent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// The digit before the exponent: 5 in 5e-5.
    pub mantissa: u32,
    /// The power of ten: -5 in 5e-5.
    pub exponent: i32,
}

impl Rate {
    /// The rate as a number.
    pub fn value(self) -> f64 {
        let mantissa = f64::from(self.mantissa);
        if self.exponent < 0 {
            mantissa / 10f64.powi(-self.exponent)
        } else {
            mantissa * 10f64.powi(self.exponent)
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}e{}", self.mantissa, self.exponent)
    }
}

/// One recommended value and the sentence that explains it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick<T> {
    /// The value.
    pub value: T,
    /// Why, in one sentence.
    pub reason: String,
}

/// Which rule set a plan follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSet {
    /// The course's own rules of thumb (chapter 4).
    Course,
    /// The well-known 40-steps-per-image set.
    PerImage,
}

impl RuleSet {
    /// The set's short name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Course => "The course's rules",
            Self::PerImage => "40 steps per image",
        }
    }
}

/// What one rule set recommends for an album.
#[derive(Clone, Debug, PartialEq)]
pub struct RulePlan {
    /// Which set.
    pub rules: RuleSet,
    /// Training steps.
    pub steps: Pick<u32>,
    /// Pictures per step.
    pub batch: u32,
    /// Learning rate.
    pub learning_rate: Pick<Rate>,
    /// LoRA rank.
    pub rank: Pick<u32>,
    /// Save a checkpoint every this many steps.
    pub checkpoint_every: Pick<u32>,
    /// How often each picture is seen.
    pub looks: Looks,
}

/// How loud a warning is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Worth knowing; the plan still stands.
    Note,
    /// Likely to hurt the result unless something changes.
    Caution,
}

/// A warning the plan comes with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// How loud.
    pub severity: Severity,
    /// What to know, in plain words.
    pub text: String,
}

/// Everything the planner says about one album.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The album planned for.
    pub album: Album,
    /// The recommendation: the course's rules.
    pub course: RulePlan,
    /// The other rule set, for comparison.
    pub per_image: RulePlan,
    /// Warnings about the album's size and the looks the steps add up to.
    pub warnings: Vec<Warning>,
    /// Why the two sets disagree, for this album.
    pub differences: Vec<String>,
    /// The repeats trap worked out on this album (or on the brief's example
    /// when the reader uses no repeats).
    pub repeats: repeats::RepeatsCheck,
}

impl Plan {
    /// The plan in one line, for the live region:
    /// `20 photos (subject): 1,000 steps at learning rate 5e-5, rank 16, a
    /// checkpoint every 250 steps; 50 looks per photo.`
    pub fn summary(&self) -> String {
        let c = &self.course;
        format!(
            "{} ({}): {} steps at learning rate {}, rank {}, a checkpoint every {} steps; {} per {}.",
            self.album.describe(),
            self.album.kind.as_str(),
            thousands(c.steps.value),
            c.learning_rate.value,
            c.rank.value,
            thousands(c.checkpoint_every.value),
            c.looks.count(),
            self.album.kind.item(),
        )
    }
}

/// Plans a run for `album`.
pub fn plan(album: Album) -> Plan {
    let course = course_rules::plan(album);
    let per_image = per_image::plan(album);
    let mut warnings = album_check::warnings(album);
    warnings.extend(per_image::warnings(album));
    warnings.extend(course.looks.warning(album.kind));
    let differences = compare::differences(album, &course, &per_image);
    let repeats = repeats::check(album);
    if let Some(warning) = repeats.warning() {
        warnings.push(warning);
    }
    Plan {
        album,
        course,
        per_image,
        warnings,
        differences,
        repeats,
    }
}

/// A validated `planner` directive: the album the widget starts with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlannerSpec {
    /// The starting album (repeats always start at 1).
    pub album: Album,
}

impl PlannerSpec {
    /// Reads a `planner` directive: `kind` (subject, style or edit) and `images`
    /// (a whole number), both optional.
    pub fn from_call(call: &WidgetCall) -> Result<Self, WidgetError> {
        let mut album = Album::default();
        if let Some(raw) = call.param("kind") {
            album.kind = Kind::parse(raw).ok_or_else(|| {
                WidgetError::new(
                    &call.name,
                    format!("`kind` must be subject, style or edit, got `{raw}`"),
                )
            })?;
        }
        if let Some(raw) = call.param("images") {
            album.images = whole(raw, MIN_IMAGES, MAX_IMAGES).ok_or_else(|| {
                WidgetError::new(
                    &call.name,
                    format!(
                        "`images` must be a whole number from {MIN_IMAGES} to {MAX_IMAGES}, got `{raw}`"
                    ),
                )
            })?;
        }
        Ok(Self { album })
    }
}

#[cfg(test)]
mod tests;
