//! Is the album a usual size for what it teaches?
//!
//! - Subject: 15 to 30 photos is the usual start (20 to 50 for a person).
//! - Style: about 25 to 60 images; under 15 only if they are very consistent;
//!   beyond about 60 (up to 170) the style risks averaging out.
//! - Edit: about 15 before/after pairs is enough.

use super::{Album, Kind, Severity, Warning};

/// The usual range for a kind, as the form's hint says it.
pub fn usual(kind: Kind) -> &'static str {
    match kind {
        Kind::Subject => "Usual start: 15 to 30 photos (20 to 50 for a person).",
        Kind::Style => "Sweet spot: about 25 to 60 images.",
        Kind::Edit => "About 15 pairs is enough.",
    }
}

/// Warnings about the album's size; none when it sits in the usual range.
pub fn warnings(album: Album) -> Vec<Warning> {
    let n = album.images;
    let note = |text: &str| Warning {
        severity: Severity::Note,
        text: text.to_owned(),
    };
    let caution = |text: &str| Warning {
        severity: Severity::Caution,
        text: text.to_owned(),
    };
    let warning = match album.kind {
        Kind::Subject => match n {
            0..10 => Some(caution(
                "Fewer than 10 photos: the painter learns these exact pictures quickly, so the course trims the steps; new angles, light and backgrounds help more than anything.",
            )),
            10..15 => Some(note(
                "A little under the usual 15 to 30 photos; variety (angles, light, backgrounds) counts for more than the number.",
            )),
            15..=30 => None,
            _ => Some(note(
                "More than the usual 15 to 30 photos: fine for a person (20 to 50 is common) or when every photo adds something new; duplicates only teach memorisation.",
            )),
        },
        Kind::Style => match n {
            0..15 => Some(caution(
                "Under 15 images a style only comes through if they are very consistent.",
            )),
            15..25 => Some(note(
                "Below the sweet spot of about 25 to 60 images; keep the set consistent so the style is the only thing they share.",
            )),
            25..=60 => None,
            _ => Some(caution(
                "Beyond about 60 images (and more so toward 170) a style risks averaging out into something blander.",
            )),
        },
        Kind::Edit => (n < 15).then(|| {
            note(
                "About 15 pairs is usually enough; with fewer, each pair carries more of the lesson, so check that nothing but the change differs inside it.",
            )
        }),
    };
    warning.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: Kind, images: u32) -> Option<Severity> {
        let found = warnings(Album {
            kind,
            images,
            repeats: 1,
        });
        assert!(found.len() <= 1);
        found.first().map(|w| w.severity)
    }

    #[test]
    fn subject_ranges() {
        assert_eq!(check(Kind::Subject, 9), Some(Severity::Caution));
        assert_eq!(check(Kind::Subject, 14), Some(Severity::Note));
        assert_eq!(check(Kind::Subject, 15), None);
        assert_eq!(check(Kind::Subject, 30), None);
        assert_eq!(check(Kind::Subject, 31), Some(Severity::Note));
    }

    #[test]
    fn style_ranges() {
        assert_eq!(check(Kind::Style, 14), Some(Severity::Caution));
        assert_eq!(check(Kind::Style, 15), Some(Severity::Note));
        assert_eq!(check(Kind::Style, 24), Some(Severity::Note));
        assert_eq!(check(Kind::Style, 25), None);
        assert_eq!(check(Kind::Style, 60), None);
        assert_eq!(check(Kind::Style, 61), Some(Severity::Caution));
    }

    #[test]
    fn edit_ranges() {
        assert_eq!(check(Kind::Edit, 14), Some(Severity::Note));
        assert_eq!(check(Kind::Edit, 15), None);
        assert_eq!(check(Kind::Edit, 100), None);
        assert!(usual(Kind::Edit).contains("15 pairs"));
    }
}
