//! The planner form's state as plain data: the reader's raw text per field and
//! the last album that could be planned.
//!
//! The view keeps one [`FormState`] in one signal and hands every `input` event
//! to [`FormState::set`], so all the rules about half-typed numbers live here,
//! tested without a browser.

use super::{Album, InputError, Kind};

/// What the form holds right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormState {
    /// The chosen kind.
    pub kind: Kind,
    /// The album size as typed.
    pub images: String,
    /// The repeats as typed.
    pub repeats: String,
    /// The last album every field could agree on, field by field.
    good: Album,
}

impl FormState {
    /// The form showing `album`.
    pub fn new(album: Album) -> Self {
        Self {
            kind: album.kind,
            images: album.images.to_string(),
            repeats: album.repeats.to_string(),
            good: album,
        }
    }

    /// Takes the new value of the field named `field` (`kind`, `images` or
    /// `repeats`); other names and unknown kinds are ignored.
    pub fn set(&mut self, field: &str, value: String) {
        match field {
            "kind" => {
                if let Some(kind) = Kind::parse(&value) {
                    self.kind = kind;
                }
            }
            "images" => self.images = value,
            "repeats" => self.repeats = value,
            _ => return,
        }
        self.good = Album::keep_good(self.good, self.kind, &self.images, &self.repeats);
    }

    /// The album to plan: every usable field as typed, the last good value of
    /// any field that is not.
    pub fn album(&self) -> Album {
        self.good
    }

    /// What to type instead, when a field is unusable.
    pub fn error(&self) -> Option<InputError> {
        Album::parse(self.kind, &self.images, &self.repeats).err()
    }

    /// Whether the album size is unusable.
    pub fn images_bad(&self) -> bool {
        Album::parse(self.kind, &self.images, "1").is_err()
    }

    /// Whether the repeats are unusable.
    pub fn repeats_bad(&self) -> bool {
        Album::parse(self.kind, "1", &self.repeats).is_err()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_good_fields_and_keeps_the_last_good_value_of_bad_ones() {
        let mut form = FormState::new(Album::default());
        form.set("images", "8".to_owned());
        assert_eq!(form.album().images, 8);
        form.set("images", String::new());
        form.set("kind", "edit".to_owned());
        form.set("repeats", "0".to_owned());
        assert_eq!(
            form.album(),
            Album {
                kind: Kind::Edit,
                images: 8,
                repeats: 1
            }
        );
        assert!(form.images_bad() && form.repeats_bad());
        assert_eq!(form.error(), Some(InputError::Images { item: "pair" }));
        form.set("images", "15".to_owned());
        assert_eq!(form.error(), Some(InputError::Repeats));
        form.set("repeats", "4".to_owned());
        assert_eq!(form.error(), None);
        assert_eq!(form.album().repeats, 4);
    }

    #[test]
    fn ignores_unknown_fields_and_kinds() {
        let mut form = FormState::new(Album::default());
        form.set("kind", "person".to_owned());
        form.set("colour", "blue".to_owned());
        assert_eq!(form, FormState::new(Album::default()));
    }
}
