//! Where the subject is in a picture, pixel by pixel.
//!
//! At 32 pixels the subject covers a tenth of the picture, so a plain mean
//! loss spends most of pretraining's effort on the scenes, which the painter
//! learns quickly, and little on what tells a vase from a teapot. Pretraining
//! can weight the subject's pixels more ([`PretrainConfig::subject_weight`]);
//! this module says which pixels those are. The renderer draws the photo with
//! and without its subject from the same seed, so the pixels that differ are
//! the subject, its shadow and its lamps; one pixel of margin keeps the
//! outline in.
//!
//! [`PretrainConfig::subject_weight`]: crate::pretrain::PretrainConfig::subject_weight

use super::render::{render_backdrop, render_photo};
use super::spec::SceneSpec;
use crate::TrainerError;

/// A channel difference above this (on the 0..1 scale) marks a subject pixel.
const THRESHOLD: f32 = 0.02;

/// `size × size` values, row by row: 1 where `spec`'s subject is (with one
/// pixel of margin), 0 elsewhere. The same for every style of `spec`, since
/// the styles are made from the photo.
pub fn subject_mask(spec: &SceneSpec, size: usize) -> Result<Vec<f32>, TrainerError> {
    let photo = render_photo(spec, size)?;
    let backdrop = render_backdrop(spec, size)?;
    let differs: Vec<bool> = photo
        .pixels
        .chunks_exact(3)
        .zip(backdrop.pixels.chunks_exact(3))
        .map(|(a, b)| {
            a.iter()
                .zip(b)
                .any(|(x, y)| (f32::from(*x) - f32::from(*y)).abs() / 255.0 > THRESHOLD)
        })
        .collect();
    Ok(dilate(&differs, size))
}

/// Marks every pixel with a marked pixel among its eight neighbours or itself.
fn dilate(marked: &[bool], size: usize) -> Vec<f32> {
    let at = |x: usize, y: usize| marked[y * size + x];
    let mut out = vec![0.0; size * size];
    for y in 0..size {
        for x in 0..size {
            let near = (y.saturating_sub(1)..=(y + 1).min(size - 1))
                .any(|ny| (x.saturating_sub(1)..=(x + 1).min(size - 1)).any(|nx| at(nx, ny)));
            if near {
                out[y * size + x] = 1.0;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::spec::{Framing, Hue, Light, Scene, Style, Subject};

    #[test]
    fn the_mask_covers_the_subject_and_little_else() {
        for (subject, scene) in [
            (Subject::Vase(Hue::ALL[0]), Scene::KitchenTable),
            (Subject::Lighthouse, Scene::Beach),
            (Subject::Tok, Scene::Windowsill),
        ] {
            let spec =
                SceneSpec::plain(subject, scene, Style::Photo, Light::Sunny, Framing::Normal);
            let mask = subject_mask(&spec, 32).expect("renders");
            let share = mask.iter().sum::<f32>() / mask.len() as f32;
            assert!(
                (0.03..0.6).contains(&share),
                "{subject:?} on {scene:?} covers {share}"
            );
            // Every pixel the subject changed is inside the mask.
            let with = render_photo(&spec, 32).expect("renders");
            let without = render_backdrop(&spec, 32).expect("renders");
            for (i, m) in mask.iter().enumerate() {
                if with.pixels[3 * i..3 * i + 3] != without.pixels[3 * i..3 * i + 3] {
                    let step = with.pixels[3 * i..3 * i + 3]
                        .iter()
                        .zip(&without.pixels[3 * i..3 * i + 3])
                        .map(|(a, b)| a.abs_diff(*b))
                        .max()
                        .unwrap_or(0);
                    assert!(*m == 1.0 || step <= 5, "pixel {i} changed by {step}");
                }
            }
        }
    }

    #[test]
    fn dilation_adds_one_pixel_of_margin() {
        let mut marked = vec![false; 25];
        marked[12] = true;
        let out = dilate(&marked, 5);
        assert_eq!(out.iter().sum::<f32>(), 9.0);
        assert_eq!(out[0], 0.0);
        assert_eq!(out[6], 1.0);
    }
}
