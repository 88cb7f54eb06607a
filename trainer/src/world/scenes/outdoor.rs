//! Open-air scenes: beach, harbor pier, snowy field, forest and the night sky.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{away, jitter, pick, sky, stars_and_moon};
use crate::world::canvas::{Canvas, Place, mix, rgb8};
use crate::world::spec::Light;

/// Sky, sea with breaking waves, sand, and a striped towel on the far side.
pub(super) fn beach(canvas: &mut Canvas, rng: &mut ChaCha8Rng, light: Light, place: Place) {
    let horizon = 0.42;
    sky(canvas, rng, light, horizon, place);
    canvas.band(horizon, 0.62, rgb8(30, 90, 160), rgb8(60, 170, 190));
    for y in [0.5, 0.57] {
        let x = rng.random_range(0.0..0.4);
        canvas.line((x, y), (x + 0.5, y), 0.012, rgb8(230, 245, 250));
    }
    canvas.band(0.62, 0.66, rgb8(240, 245, 240), rgb8(200, 180, 140));
    let sand = jitter(rng, rgb8(236, 214, 160), 0.03);
    canvas.band(0.66, 2.0, sand, mix(sand, rgb8(190, 150, 100), 0.4));
    // The towel lies in perspective, stripes across it.
    let side = away(place);
    let tx = 0.5 + side * 0.28 - 0.22;
    let stripe = pick(
        rng,
        &[rgb8(220, 50, 50), rgb8(40, 90, 200), rgb8(240, 150, 30)],
    );
    let white = rgb8(250, 250, 245);
    let (top, bottom) = (0.72, 0.95);
    canvas.polygon_with(
        &[
            (tx + 0.06, top),
            (tx + 0.38, top),
            (tx + 0.44, bottom),
            (tx, bottom),
        ],
        |x, _| {
            if ((x - tx) * 12.5).rem_euclid(2.0) < 1.0 {
                stripe
            } else {
                white
            }
        },
    );
}

/// Water, a plank pier running into the distance, posts, a bollard and a boat.
pub(super) fn harbor_pier(canvas: &mut Canvas, rng: &mut ChaCha8Rng, light: Light, place: Place) {
    let horizon = 0.4;
    sky(canvas, rng, light, horizon, place);
    // A far shore with houses.
    canvas.rect(0.0, horizon - 0.04, 1.0, horizon, rgb8(90, 110, 100));
    for i in 0..6 {
        let x = i as f32 * 0.17 + rng.random_range(0.0..0.05);
        canvas.rect(
            x,
            horizon - 0.07,
            x + 0.05,
            horizon - 0.03,
            pick(rng, &[rgb8(230, 230, 220), rgb8(200, 90, 70)]),
        );
    }
    canvas.band(horizon, 2.0, rgb8(40, 100, 140), rgb8(20, 60, 100));
    for _ in 0..6 {
        let (x, y) = (
            rng.random_range(0.0..1.0),
            rng.random_range(horizon + 0.03..0.98),
        );
        canvas.line((x, y), (x + 0.08, y), 0.008, rgb8(120, 170, 200));
    }
    // A boat on the far side.
    let bx = 0.5 + away(place) * 0.33;
    let hull = pick(
        rng,
        &[rgb8(200, 50, 40), rgb8(240, 240, 235), rgb8(40, 80, 160)],
    );
    canvas.polygon(
        &[
            (bx - 0.13, 0.5),
            (bx + 0.13, 0.5),
            (bx + 0.09, 0.56),
            (bx - 0.09, 0.56),
        ],
        hull,
    );
    canvas.line((bx, 0.5), (bx, 0.3), 0.012, rgb8(80, 60, 40));
    canvas.polygon(
        &[(bx + 0.01, 0.31), (bx + 0.1, 0.48), (bx + 0.01, 0.48)],
        rgb8(245, 240, 230),
    );
    // The pier: planks widening towards the camera.
    let wood = jitter(rng, rgb8(160, 115, 70), 0.04);
    let gap = mix(wood, [0.0; 3], 0.45);
    let (near, far) = (0.72, 0.62);
    canvas.polygon_with(
        &[
            (-0.2, 1.2),
            (1.2, 1.2),
            (0.5 + 0.13, far),
            (0.5 - 0.13, far),
        ],
        |_, y| {
            let depth = 1.0 / (y - far + 0.05);
            if (depth * 0.9).rem_euclid(1.0) < 0.12 {
                gap
            } else {
                wood
            }
        },
    );
    let post = rgb8(90, 64, 40);
    for (x, y, w) in [
        (0.33, 0.6, 0.02),
        (0.67, 0.6, 0.02),
        (0.17, near, 0.035),
        (0.83, near, 0.035),
    ] {
        canvas.rect(x - w, y - 0.12, x + w, y + 0.04, post);
    }
    let bollard = 0.5 + away(place) * 0.3;
    canvas.rect(bollard - 0.03, 0.84, bollard + 0.03, 0.93, rgb8(40, 40, 44));
    canvas.ellipse(bollard, 0.84, 0.045, 0.02, rgb8(60, 60, 66));
}

/// Snow to a low horizon, far hills, a fence, a bare tree and falling flakes.
pub(super) fn snowy_field(canvas: &mut Canvas, rng: &mut ChaCha8Rng, light: Light, place: Place) {
    let horizon = 0.5;
    sky(canvas, rng, light, horizon, place);
    canvas.ellipse(0.25, horizon + 0.04, 0.4, 0.1, rgb8(200, 210, 225));
    canvas.ellipse(0.8, horizon + 0.05, 0.35, 0.08, rgb8(215, 222, 235));
    canvas.band(horizon, 2.0, rgb8(246, 248, 252), rgb8(220, 228, 242));
    for _ in 0..4 {
        let (x, y) = (rng.random_range(0.0..1.0), rng.random_range(0.62..0.98));
        canvas.glow(x, y, 0.2, 0.03, rgb8(170, 185, 215), 0.3);
    }
    // A wooden fence along the field.
    let post = rgb8(110, 80, 55);
    let fy = 0.6;
    canvas.line((0.0, fy - 0.05), (1.0, fy - 0.05), 0.012, post);
    canvas.line((0.0, fy - 0.02), (1.0, fy - 0.02), 0.012, post);
    for i in 0..8 {
        let x = 0.03 + i as f32 * 0.14;
        canvas.rect(x - 0.01, fy - 0.09, x + 0.01, fy + 0.01, post);
        canvas.ellipse(x, fy - 0.09, 0.014, 0.008, rgb8(250, 252, 255));
    }
    // A bare tree on the far side.
    let tx = 0.5 + away(place) * rng.random_range(0.28..0.36);
    let bark = rgb8(70, 56, 46);
    canvas.line((tx, 0.7), (tx, 0.3), 0.03, bark);
    canvas.line((tx, 0.42), (tx - 0.1, 0.26), 0.015, bark);
    canvas.line((tx, 0.38), (tx + 0.09, 0.24), 0.015, bark);
    canvas.line((tx, 0.5), (tx + 0.12, 0.4), 0.012, bark);
    canvas.ellipse(tx, 0.7, 0.05, 0.012, rgb8(190, 200, 220));
    for _ in 0..14 {
        let (x, y) = (rng.random_range(0.0..1.0), rng.random_range(0.0..1.0));
        canvas.ellipse(x, y, 0.008, 0.008, rgb8(255, 255, 255));
    }
}

/// Tall trunks under green canopies on a leafy floor, with shafts of sun.
pub(super) fn forest(canvas: &mut Canvas, rng: &mut ChaCha8Rng, light: Light, place: Place) {
    let (_, top, _, _) = canvas.view();
    canvas.band(top.min(0.0), 0.7, rgb8(70, 110, 70), rgb8(110, 140, 90));
    let leaf = jitter(rng, rgb8(50, 120, 50), 0.04);
    // Far trunks, pale; near trunks, dark, clear of the subject.
    for i in 0..7 {
        let x = i as f32 * 0.15 + rng.random_range(0.0..0.06);
        canvas.rect(x - 0.012, 0.1, x + 0.012, 0.72, rgb8(100, 100, 80));
    }
    canvas.band(0.68, 2.0, rgb8(90, 110, 50), rgb8(80, 70, 40));
    for _ in 0..10 {
        let (x, y) = (rng.random_range(0.0..1.0), rng.random_range(0.72..1.0));
        canvas.ellipse(
            x,
            y,
            0.025,
            0.01,
            pick(rng, &[rgb8(150, 110, 40), rgb8(120, 140, 50)]),
        );
    }
    for k in 0..3 {
        let x = (place.x + 0.27 + k as f32 * 0.23 + rng.random_range(0.0..0.04)).rem_euclid(1.0);
        let w = rng.random_range(0.035..0.05);
        canvas.rect(x - w, 0.0, x + w, 0.78 + k as f32 * 0.02, rgb8(85, 58, 38));
        canvas.rect(x - w, 0.0, x - w * 0.3, 0.78, rgb8(110, 80, 55));
    }
    for _ in 0..7 {
        let (x, y) = (rng.random_range(0.0..1.0), rng.random_range(-0.02..0.16));
        let r = rng.random_range(0.12..0.2);
        canvas.ball(x, y, r, r * 0.8, leaf, 0.0);
    }
    if light == Light::Sunny {
        let x = rng.random_range(0.2..0.8);
        canvas.polygon_alpha(
            &[(x, 0.0), (x + 0.12, 0.0), (x + 0.3, 1.0), (x + 0.1, 1.0)],
            rgb8(255, 240, 180),
            0.25,
        );
    }
}

/// A deep starry sky with a big moon over a dark hill.
pub(super) fn night_sky(canvas: &mut Canvas, rng: &mut ChaCha8Rng, place: Place) {
    let (_, top, _, _) = canvas.view();
    let horizon = 0.78;
    canvas.band(top.min(0.0), horizon, rgb8(30, 50, 120), rgb8(90, 100, 160));
    let moon_x = 0.5 + away(place) * rng.random_range(0.22..0.3);
    stars_and_moon(canvas, rng, horizon, moon_x, true);
    canvas.ellipse(0.15, 0.95, 0.55, 0.2, rgb8(60, 80, 90));
    canvas.ellipse(0.5, 1.3, 0.9, 0.46, rgb8(60, 100, 70));
    // A few dark pines on the far ridge.
    for _ in 0..4 {
        let x = rng.random_range(0.0..1.0);
        if (x - place.x).abs() > 0.12 {
            canvas.polygon(
                &[(x - 0.03, 0.86), (x + 0.03, 0.86), (x, 0.72)],
                rgb8(30, 60, 45),
            );
        }
    }
}
