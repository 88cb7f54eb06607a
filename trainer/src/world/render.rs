//! From a [`SceneSpec`] to pixels: camera, scene, shadow, subject, lamps, then the
//! style.
//!
//! The photo is drawn 3–4 times larger than asked and box-filtered down, which
//! anti-aliases every edge; the other styles are made from that photo, so a
//! sketch and a painting of one spec show the same layout.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::canvas::{Canvas, Place};
use super::light::{scene_lighting, subject_lighting};
use super::spec::{Facing, Framing, Light, Scene, SceneSpec, Style};
use super::{scenes, style, subjects};
use crate::TrainerError;
use crate::image::RgbImage;

/// The smallest picture side the renderer draws.
pub const MIN_SIZE: usize = 16;
/// The largest picture side the renderer draws.
pub const MAX_SIZE: usize = 512;

/// Renders `spec` as a `size × size` picture in its style.
pub fn render(spec: &SceneSpec, size: usize) -> Result<RgbImage, TrainerError> {
    let (_, styled) = render_pair(spec, Style::Photo, spec.style, size)?;
    Ok(styled)
}

/// The same picture in two styles, made from one photo: an edit pair such as
/// sketch → `TOKSTYLE` painting.
pub fn render_pair(
    spec: &SceneSpec,
    from: Style,
    to: Style,
    size: usize,
) -> Result<(RgbImage, RgbImage), TrainerError> {
    let photo = render_photo(spec, size)?;
    let styled = |style| -> Result<RgbImage, TrainerError> {
        Ok(match style {
            Style::Photo => photo.clone(),
            Style::Painting => style::painting(&photo, spec.variation),
            Style::Sketch => style::sketch(&photo),
            Style::TokStyle if size < TOKSTYLE_CANVAS => {
                let large = render_photo(spec, 2 * size)?;
                style::tokstyle(&large, spec.variation).downscale(2)
            }
            Style::TokStyle => style::tokstyle(&photo, spec.variation),
        })
    };
    Ok((styled(from)?, styled(to)?))
}

/// Below this side a `TOKSTYLE` painting is made at twice the size and averaged
/// down. Its outlines and flat areas are whole pixels; on a 32-pixel picture they
/// swallowed far-away subjects (a figurine a few pixels wide became an outlined
/// blot that the judges could name only nine times in ten), where half-pixel
/// outlines leave the shape readable and the style still plain to see.
pub const TOKSTYLE_CANVAS: usize = 64;

/// Renders `spec` as a photo whatever its style says (the source of the other styles).
pub fn render_photo(spec: &SceneSpec, size: usize) -> Result<RgbImage, TrainerError> {
    draw_photo(spec, size, true)
}

/// The photo with the subject (and its shadow and lamps) left out: what
/// [`subject_mask`](super::mask::subject_mask) compares the photo with.
pub fn render_backdrop(spec: &SceneSpec, size: usize) -> Result<RgbImage, TrainerError> {
    draw_photo(spec, size, false)
}

/// How much smaller the subject is drawn in a far-away framing.
const FAR_AWAY_SCALE: f32 = 0.7;

fn draw_photo(spec: &SceneSpec, size: usize, with_subject: bool) -> Result<RgbImage, TrainerError> {
    if !(MIN_SIZE..=MAX_SIZE).contains(&size) {
        return Err(TrainerError::Config(format!(
            "the world renders pictures from {MIN_SIZE} to {MAX_SIZE} pixels wide, not {size}"
        )));
    }
    let factor = if size <= 32 { 4 } else { 3 };
    let mut canvas = Canvas::new(size * factor);
    let mut rng = ChaCha8Rng::seed_from_u64(spec.variation);
    let light = spec.effective_light();
    let stage = scenes::stage(spec.scene);
    let flip = match spec.facing {
        Facing::Right => 1.0,
        Facing::Left => -1.0,
    };
    let mut unit = stage.size * rng.random_range(0.9..1.1);
    let bicycle = spec.scene == Scene::Bicycle;
    if spec.framing == Framing::FarAway && !bicycle {
        // Far enough to read as distance, near enough that a 32-pixel picture
        // still shows what the subject is (at 0.55 a figurine was five pixels).
        unit *= FAR_AWAY_SCALE;
    }
    let x = rng.random_range(stage.x_range.0..=stage.x_range.1);
    let place = Place {
        x,
        y: stage.ground,
        size: unit,
        flip,
    };
    let height = subjects::height(spec.subject) * unit;
    match (spec.framing, bicycle) {
        (Framing::CloseUp, false) => aim(&mut canvas, (x, stage.ground - 0.5 * height), 1.8),
        (Framing::CloseUp, true) => aim(&mut canvas, (x, stage.ground), 1.5),
        (Framing::FarAway, true) => canvas.look_at((0.5, 0.62), 0.62),
        _ => {}
    }
    canvas.set_light(scene_lighting(light));
    let place = scenes::draw(spec.scene, &mut canvas, &mut rng, light, place);
    if with_subject {
        if !bicycle {
            scenes::shadow(
                &mut canvas,
                place,
                subjects::half_width(spec.subject),
                light,
            );
        }
        canvas.set_light(subject_lighting(light));
        subjects::draw(&mut canvas, spec.subject, place, &mut rng);
        subjects::draw_lamps(&mut canvas, spec.subject, place, light == Light::Night);
    }
    Ok(canvas.downsample(factor))
}

/// Points the camera at `target`, kept far enough in that the view stays inside
/// the unit square the scenes are drawn for.
fn aim(canvas: &mut Canvas, target: (f32, f32), zoom: f32) {
    let half = 0.5 / zoom;
    let centre = (
        target.0.clamp(half, 1.0 - half),
        target.1.clamp(half, 1.0 - half),
    );
    canvas.look_at(centre, zoom);
}
