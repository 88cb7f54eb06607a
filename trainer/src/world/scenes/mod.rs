//! The ten scenes: where each puts its ground and its subject, and the sky
//! they share.
//!
//! Every scene draws its identifying props (the potted plant, the striped towel,
//! the pier's planks...) in every picture, so the caption's place is always true.
//! Props go on the side away from the subject where they could hide it.

mod indoor;
mod outdoor;
mod street;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::canvas::{Canvas, Place, Rgb, mix, rgb8};
use crate::world::spec::{Light, Scene};

/// Where a scene puts its subject at the usual framing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stage {
    /// The ground line the subject stands on.
    pub ground: f32,
    /// The range of the subject's horizontal position.
    pub x_range: (f32, f32),
    /// World units per subject unit.
    pub size: f32,
}

/// The stage of `scene`.
pub(crate) fn stage(scene: Scene) -> Stage {
    let (ground, x_range, size) = match scene {
        Scene::Windowsill => (0.84, (0.4, 0.72), 0.52),
        Scene::Beach => (0.86, (0.55, 0.75), 0.48),
        Scene::HarborPier => (0.88, (0.38, 0.62), 0.5),
        Scene::SnowyField => (0.86, (0.35, 0.65), 0.5),
        Scene::Forest => (0.88, (0.35, 0.65), 0.5),
        Scene::KitchenTable => (0.84, (0.45, 0.7), 0.52),
        Scene::Sofa => (0.76, (0.45, 0.68), 0.4),
        Scene::CityStreet => (0.84, (0.35, 0.65), 0.46),
        Scene::Bicycle => (0.6, (0.42, 0.58), 0.32),
        Scene::NightSky => (0.86, (0.38, 0.62), 0.5),
    };
    Stage {
        ground,
        x_range,
        size,
    }
}

/// Draws `scene` behind a subject meant to stand at `place`, and returns where
/// the subject actually goes (the bicycle moves it onto the saddle).
pub(crate) fn draw(
    scene: Scene,
    canvas: &mut Canvas,
    rng: &mut ChaCha8Rng,
    light: Light,
    place: Place,
) -> Place {
    match scene {
        Scene::Windowsill => indoor::windowsill(canvas, rng, light, place),
        Scene::KitchenTable => indoor::kitchen_table(canvas, rng, light, place),
        Scene::Sofa => indoor::sofa(canvas, rng, light, place),
        Scene::Beach => outdoor::beach(canvas, rng, light, place),
        Scene::HarborPier => outdoor::harbor_pier(canvas, rng, light, place),
        Scene::SnowyField => outdoor::snowy_field(canvas, rng, light, place),
        Scene::Forest => outdoor::forest(canvas, rng, light, place),
        Scene::NightSky => outdoor::night_sky(canvas, rng, place),
        Scene::CityStreet => street::city_street(canvas, rng, light, place),
        Scene::Bicycle => return street::bicycle(canvas, rng, light, place),
    }
    place
}

/// `c` with each channel nudged by up to `amount`.
pub(crate) fn jitter(rng: &mut impl Rng, c: Rgb, amount: f32) -> Rgb {
    c.map(|v| (v + rng.random_range(-amount..=amount)).clamp(0.0, 1.0))
}

/// One of `choices`, at random.
pub(crate) fn pick(rng: &mut impl Rng, choices: &[Rgb]) -> Rgb {
    choices[rng.random_range(0..choices.len())]
}

/// One of `choices`, nudged by up to `amount`.
pub(crate) fn vary(rng: &mut impl Rng, choices: &[Rgb], amount: f32) -> Rgb {
    let c = pick(rng, choices);
    jitter(rng, c, amount)
}

/// The side away from the subject: `-1` left of it, `1` right of it.
pub(crate) fn away(place: Place) -> f32 {
    if place.x > 0.5 { -1.0 } else { 1.0 }
}

/// The sky from the top of the view down to `horizon`, with what the light puts in
/// it: the sun, grey clouds, or (drawn as light sources) the moon and stars.
pub(crate) fn sky(
    canvas: &mut Canvas,
    rng: &mut ChaCha8Rng,
    light: Light,
    horizon: f32,
    place: Place,
) {
    let (_, top, _, _) = canvas.view();
    let sun_x = 0.5 + away(place) * rng.random_range(0.22..0.36);
    match light {
        Light::Sunny => {
            canvas.band(
                top.min(0.0),
                horizon,
                rgb8(90, 160, 235),
                rgb8(180, 215, 245),
            );
            canvas.glow(sun_x, 0.14, 0.14, 0.14, rgb8(255, 250, 220), 0.6);
            canvas.ellipse(sun_x, 0.14, 0.055, 0.055, rgb8(255, 245, 200));
        }
        Light::Dim => {
            canvas.band(
                top.min(0.0),
                horizon,
                rgb8(150, 160, 175),
                rgb8(200, 204, 210),
            );
            for _ in 0..3 {
                let (x, y) = (rng.random_range(0.05..0.95), rng.random_range(0.05..0.3));
                canvas.ellipse(x, y, 0.16, 0.05, rgb8(215, 218, 224));
            }
        }
        Light::Night => {
            canvas.band(top.min(0.0), horizon, rgb8(30, 50, 120), rgb8(70, 90, 150));
            stars_and_moon(canvas, rng, horizon, sun_x, false);
        }
    }
}

/// Stars scattered above `horizon` and a moon at `moon_x`, drawn as light sources.
pub(crate) fn stars_and_moon(
    canvas: &mut Canvas,
    rng: &mut ChaCha8Rng,
    horizon: f32,
    moon_x: f32,
    big: bool,
) {
    canvas.set_emissive(true);
    let count = if big { 28 } else { 12 };
    for _ in 0..count {
        let (x, y) = (
            rng.random_range(0.0..1.0),
            rng.random_range(0.0..horizon * 0.9),
        );
        let r = rng.random_range(0.004..0.011);
        canvas.ellipse(x, y, r, r, rgb8(255, 250, 215));
    }
    let (r, y) = if big { (0.1, 0.2) } else { (0.06, 0.13) };
    let moon = rgb8(250, 244, 210);
    canvas.glow(moon_x, y, r * 2.2, r * 2.2, rgb8(120, 140, 200), 0.35);
    canvas.ellipse(moon_x, y, r, r, moon);
    if rng.random_bool(0.6) {
        // A crescent: the sky's colour bites the moon.
        let bite = mix(rgb8(30, 50, 120), rgb8(70, 90, 150), y / horizon.max(0.1));
        canvas.set_emissive(false);
        let bite = canvas.lit(bite);
        canvas.set_emissive(true);
        canvas.ellipse(moon_x + r * 0.45, y - r * 0.2, r * 0.85, r * 0.85, bite);
    } else {
        canvas.ellipse(
            moon_x - r * 0.3,
            y + r * 0.1,
            r * 0.22,
            r * 0.22,
            mix(moon, [0.5; 3], 0.3),
        );
        canvas.ellipse(
            moon_x + r * 0.35,
            y - r * 0.3,
            r * 0.15,
            r * 0.15,
            mix(moon, [0.5; 3], 0.3),
        );
    }
    canvas.set_emissive(false);
}

/// The soft shadow under a subject.
pub(crate) fn shadow(canvas: &mut Canvas, place: Place, half_width: f32, light: Light) {
    let (strength, shift) = match light {
        Light::Sunny => (0.5, 0.12),
        Light::Dim => (0.3, 0.0),
        Light::Night => (0.3, 0.0),
    };
    let rx = place.len(half_width * 1.2);
    canvas.glow(
        place.x + shift * rx,
        place.y,
        rx,
        place.len(0.07),
        [0.0; 3],
        strength,
    );
}
