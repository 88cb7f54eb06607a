//! The album the reader describes: what it teaches, how many pictures, repeats.
//!
//! The form hands over raw text; [`Album::parse`] accepts whole numbers in range
//! and otherwise says, in an [`InputError`], what to type instead.

use super::text::thousands;

/// The fewest pictures an album may hold here.
pub const MIN_IMAGES: u32 = 1;
/// The most pictures the planner accepts; far beyond any album the course discusses.
pub const MAX_IMAGES: u32 = 500;
/// The most repeats the planner accepts.
pub const MAX_REPEATS: u32 = 100;

/// What the album teaches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Kind {
    /// One thing: a figurine, a product, a person.
    #[default]
    Subject,
    /// A way of painting anything.
    Style,
    /// A change: before/after pairs.
    Edit,
}

impl Kind {
    /// All kinds, in the order the form offers them.
    pub const ALL: [Kind; 3] = [Kind::Subject, Kind::Style, Kind::Edit];

    /// Reads `subject`, `style` or `edit`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "subject" => Some(Self::Subject),
            "style" => Some(Self::Style),
            "edit" => Some(Self::Edit),
            _ => None,
        }
    }

    /// The word a directive uses, and the form's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::Style => "style",
            Self::Edit => "edit",
        }
    }

    /// The kind as the form labels it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Subject => "Subject",
            Self::Style => "Style",
            Self::Edit => "Edit",
        }
    }

    /// One short line under the label.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Subject => "one thing, like TOK or a sneaker",
            Self::Style => "a way of painting, like TOKSTYLE",
            Self::Edit => "before/after pairs, like sketch to painting",
        }
    }

    /// What one item of this album is called: `photo`, `image` or `pair`.
    pub fn item(self) -> &'static str {
        match self {
            Self::Subject => "photo",
            Self::Style => "image",
            Self::Edit => "pair",
        }
    }

    /// `count` items, e.g. `20 photos`, `1 pair`.
    pub fn items(self, count: u32) -> String {
        let s = if count == 1 { "" } else { "s" };
        format!("{} {}{s}", thousands(count), self.item())
    }
}

/// The album the reader describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Album {
    /// What it teaches.
    pub kind: Kind,
    /// Pictures in it (pairs for an edit album), each counted once.
    pub images: u32,
    /// How many times the trainer lists each picture (1: no repeats).
    pub repeats: u32,
}

impl Default for Album {
    fn default() -> Self {
        Self {
            kind: Kind::Subject,
            images: 20,
            repeats: 1,
        }
    }
}

/// A number the reader typed that the planner cannot use.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The album size is not a whole number in range.
    #[error("Enter a whole number of {item}s from {MIN_IMAGES} to {MAX_IMAGES}.")]
    Images {
        /// `photo`, `image` or `pair`.
        item: &'static str,
    },
    /// The repeats are not a whole number in range.
    #[error("Enter repeats as a whole number from 1 to {MAX_REPEATS}.")]
    Repeats,
}

impl Album {
    /// Reads the form's raw text; the error says what to type instead.
    pub fn parse(kind: Kind, images: &str, repeats: &str) -> Result<Self, InputError> {
        let images = whole(images, MIN_IMAGES, MAX_IMAGES)
            .ok_or(InputError::Images { item: kind.item() })?;
        let repeats = whole(repeats, 1, MAX_REPEATS).ok_or(InputError::Repeats)?;
        Ok(Self {
            kind,
            images,
            repeats,
        })
    }

    /// Reads the form's raw text like [`Album::parse`], but keeps `previous`'s
    /// value for any field that is unusable, so the plan on screen follows every
    /// good field (the kind always) while the reader is still typing another.
    pub(super) fn keep_good(previous: Album, kind: Kind, images: &str, repeats: &str) -> Self {
        Self {
            kind,
            images: whole(images, MIN_IMAGES, MAX_IMAGES).unwrap_or(previous.images),
            repeats: whole(repeats, 1, MAX_REPEATS).unwrap_or(previous.repeats),
        }
    }

    /// `images`, e.g. `20 photos`.
    pub fn describe(&self) -> String {
        self.kind.items(self.images)
    }
}

pub(super) fn whole(raw: &str, min: u32, max: u32) -> Option<u32> {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
}
