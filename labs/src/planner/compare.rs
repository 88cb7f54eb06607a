//! Why the two rule sets give different numbers for the same album.
//!
//! Neither set is wrong: each was tuned on its own bench. They differ in batch
//! size, learning rate, the size of the model they were written for, and in how
//! they count the album when repeats are involved. Steps and learning rate are
//! tuned together, so a plan takes one set whole.

use super::text::thousands;
use super::{Album, Kind, RulePlan};

/// One sentence per difference, worked out on this album.
pub fn differences(album: Album, course: &RulePlan, per_image: &RulePlan) -> Vec<String> {
    let item = album.kind.item();
    let mut out = vec![
        format!(
            "Shape: the course holds near 1,000 steps for any album of 15 to 30 {item}s, while the other set adds 40 steps for every {item} (between 500 and 3,500); for {} that is {} steps against {}.",
            album.describe(),
            thousands(course.steps.value),
            thousands(per_image.steps.value),
        ),
        format!(
            "Batch size: the 40-per-image set shows {} {item}s per step, so its {} steps are {} per {item}; the course counts one {item} per step, {} per {item}.",
            per_image.batch,
            thousands(per_image.steps.value),
            per_image.looks.count(),
            course.looks.count(),
        ),
        format!(
            "Learning rate: {} against the Klein trainer's {}; each set's step count was tuned for its own rate, so take one set whole and never pair one's steps with the other's rate.",
            per_image.learning_rate.value, course.learning_rate.value,
        ),
        "Model size: benches for bigger models ask for more; one guide wants at least 2,000 steps, 3,000 to be safe, for a large model at rank 32.".to_owned(),
        "Repeats: the 40-per-image set assumes repeats 1 and counts real pictures; a trainer that lists each picture several times changes what its step and epoch counters seem to say (see the repeats trap).".to_owned(),
    ];
    if album.kind == Kind::Style {
        out.push(format!(
            "Rank: the course gives a style rank {}, because its lesson spreads over the whole picture; the other set stays at {} unless asked for 32.",
            course.rank.value, per_image.rank.value,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::{course_rules, per_image};

    #[test]
    fn names_the_four_reasons_with_this_albums_numbers() {
        let album = Album::default();
        let course = course_rules::plan(album);
        let other = per_image::plan(album);
        let lines = differences(album, &course, &other);
        assert_eq!(lines.len(), 5);
        for (line, start) in lines.iter().zip([
            "Shape",
            "Batch size",
            "Learning rate",
            "Model size",
            "Repeats",
        ]) {
            assert!(line.starts_with(start), "{line}");
        }
        assert!(lines[0].contains("1,000 steps against 800"), "{}", lines[0]);
        assert!(lines[1].contains("80 looks per photo"), "{}", lines[1]);
        assert!(lines[1].contains("50 looks per photo"), "{}", lines[1]);
        assert!(lines[2].contains("1e-4 against the Klein trainer's 5e-5"));
    }

    #[test]
    fn styles_add_the_rank_difference() {
        let album = Album {
            kind: Kind::Style,
            images: 40,
            repeats: 1,
        };
        let lines = differences(album, &course_rules::plan(album), &per_image::plan(album));
        assert_eq!(lines.len(), 6);
        assert!(lines[5].starts_with("Rank: the course gives a style rank 32"));
    }
}
