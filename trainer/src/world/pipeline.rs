//! How the edit album's pairs are made, one stage at a time: the rich side
//! first (the scene rendered, then painted), the simple side derived from it by
//! throwing information away (colour drained, edges found, lines thinned onto
//! paper), and the check that the two halves line up (the sketch laid over the
//! painting). The course's "making pairs" widget shows these stages.

use super::albums::Recipe;
use super::render::{render_pair, render_photo};
use super::spec::{SceneSpec, Style};
use super::style;
use crate::error::TrainerError;
use crate::image::RgbImage;

/// The stages, in order, with the name the course gives each.
pub const STAGES: [&str; 6] = [
    "the scene, rendered",
    "the painting: the rich side",
    "colour drained",
    "edges found",
    "the sketch: the simple side",
    "sketch laid over painting",
];

/// One pair's stages, in [`STAGES`] order, and its caption.
#[derive(Clone, Debug, PartialEq)]
pub struct PairStages {
    /// The painting's caption.
    pub caption: String,
    /// One picture per stage.
    pub pictures: Vec<RgbImage>,
}

/// The stages of pair `spec` at `size` pixels.
pub fn pair_stages(spec: &SceneSpec, size: usize) -> Result<PairStages, TrainerError> {
    let photo = render_photo(spec, size)?;
    // The album's own pair: its end picture is the rich side.
    let (_, painting) = render_pair(spec, Style::Sketch, spec.style, size)?;
    let stages = style::sketch_stages(&photo);
    let overlay = overlay(&painting, &stages.sketch);
    Ok(PairStages {
        caption: Recipe::Edit.caption(spec),
        pictures: vec![
            photo,
            painting,
            stages.grey,
            stages.edges,
            stages.sketch,
            overlay,
        ],
    })
}

/// The sketch's ink multiplied onto the painting: where the lines miss the
/// painted shapes, the pair is misaligned.
fn overlay(painting: &RgbImage, sketch: &RgbImage) -> RgbImage {
    let mut out = painting.clone();
    for y in 0..painting.height {
        for x in 0..painting.width {
            let p = painting.get(x, y);
            let s = sketch.get(x, y);
            out.set(
                x,
                y,
                std::array::from_fn(|c| ((u16::from(p[c]) * u16::from(s[c])) / 255) as u8),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stages_end_in_the_albums_own_pair() {
        for spec in Recipe::Edit.specs(3, 1) {
            let stages = pair_stages(&spec, 32).expect("renders");
            assert_eq!(stages.pictures.len(), STAGES.len());
            let (sketch, painting) =
                render_pair(&spec, Style::Sketch, spec.style, 32).expect("pair");
            assert_eq!(
                stages.pictures[1], painting,
                "the rich side is the album's painting"
            );
            assert_eq!(
                stages.pictures[4], sketch,
                "the simple side is the album's sketch"
            );
            // Draining the colour leaves grey: every pixel's channels agree.
            assert!(
                stages.pictures[2]
                    .pixels
                    .chunks(3)
                    .all(|p| p[0] == p[1] && p[1] == p[2])
            );
            assert!(!stages.caption.is_empty());
        }
    }
}
