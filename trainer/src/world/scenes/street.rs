//! Scenes with roads: a city street, and a park path where the subject rides a
//! bicycle.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{away, sky, vary};
use crate::world::canvas::{Canvas, Place, mix, rgb8};
use crate::world::spec::Light;

/// Buildings with windows (lit at night), a pavement, a road and a street lamp.
pub(super) fn city_street(canvas: &mut Canvas, rng: &mut ChaCha8Rng, light: Light, place: Place) {
    let horizon = 0.6;
    sky(canvas, rng, light, horizon, place);
    let night = light == Light::Night;
    let mut x = -0.05;
    let mut windows = Vec::new();
    while x < 1.05 {
        let w = rng.random_range(0.16..0.26);
        let top = rng.random_range(0.12..0.38);
        let wall = vary(
            rng,
            &[
                rgb8(170, 90, 70),
                rgb8(200, 190, 170),
                rgb8(130, 130, 140),
                rgb8(210, 170, 110),
            ],
            0.03,
        );
        canvas.rect(x, top, x + w, 0.72, wall);
        canvas.rect(x, top, x + w, top + 0.02, mix(wall, [0.0; 3], 0.3));
        let mut wy = top + 0.05;
        while wy < 0.6 {
            let mut wx = x + 0.03;
            while wx + 0.04 < x + w {
                windows.push((wx, wy, rng.random_bool(0.5)));
                wx += 0.07;
            }
            wy += 0.08;
        }
        x += w + 0.005;
    }
    let glass = rgb8(60, 80, 110);
    for &(wx, wy, _) in &windows {
        canvas.rect(wx, wy, wx + 0.04, wy + 0.045, glass);
    }
    if night {
        canvas.set_emissive(true);
        for &(wx, wy, on) in &windows {
            if on {
                canvas.rect(wx, wy, wx + 0.04, wy + 0.045, rgb8(250, 210, 110));
            }
        }
        canvas.set_emissive(false);
    }
    // Pavement with slabs, the kerb, the road and its dashes.
    canvas.band(0.72, 0.88, rgb8(190, 188, 182), rgb8(160, 158, 152));
    for i in 0..8 {
        let sx = i as f32 * 0.15;
        canvas.line((sx, 0.72), (sx - 0.06, 0.88), 0.006, rgb8(130, 128, 124));
    }
    canvas.rect(-0.3, 0.88, 1.3, 0.9, rgb8(220, 220, 215));
    canvas.band(0.9, 2.0, rgb8(70, 70, 76), rgb8(50, 50, 56));
    for i in 0..5 {
        let dx = i as f32 * 0.26 + rng.random_range(0.0..0.05);
        canvas.rect(dx, 0.95, dx + 0.13, 0.965, rgb8(240, 240, 230));
    }
    // A street lamp on the far side.
    let lx = 0.5 + away(place) * 0.32;
    canvas.rect(lx - 0.01, 0.32, lx + 0.01, 0.86, rgb8(40, 44, 48));
    canvas.line(
        (lx, 0.32),
        (lx - away(place) * 0.08, 0.3),
        0.016,
        rgb8(40, 44, 48),
    );
    let head = (lx - away(place) * 0.08, 0.31);
    if night {
        canvas.set_emissive(true);
        canvas.glow(head.0, head.1 + 0.04, 0.14, 0.14, rgb8(255, 220, 140), 0.5);
        canvas.ellipse(head.0, head.1 + 0.01, 0.03, 0.02, rgb8(255, 240, 190));
        canvas.set_emissive(false);
        canvas.glow(head.0, 0.86, 0.2, 0.04, rgb8(255, 210, 130), 0.3);
    } else {
        canvas.ellipse(head.0, head.1 + 0.01, 0.03, 0.02, rgb8(200, 200, 190));
    }
}

/// A park: sky, grass, a path, a bush, and a bicycle; returns the saddle place.
pub(super) fn bicycle(
    canvas: &mut Canvas,
    rng: &mut ChaCha8Rng,
    light: Light,
    place: Place,
) -> Place {
    let horizon = 0.48;
    sky(canvas, rng, light, horizon, place);
    canvas.band(horizon, 0.76, rgb8(110, 170, 80), rgb8(90, 150, 60));
    let far = 0.5 + away(place) * 0.38;
    canvas.ball(far, horizon + 0.02, 0.16, 0.1, rgb8(50, 110, 50), 0.0);
    canvas.band(0.76, 0.96, rgb8(200, 185, 150), rgb8(180, 165, 130));
    canvas.band(0.96, 2.0, rgb8(90, 150, 60), rgb8(80, 130, 50));

    // The bicycle, facing the way the subject faces.
    let f = place.flip;
    let bx = place.x;
    let at = |dx: f32, y: f32| (bx + f * dx, y);
    let frame = vary(
        rng,
        &[
            rgb8(200, 40, 40),
            rgb8(40, 90, 200),
            rgb8(30, 150, 110),
            rgb8(240, 180, 30),
        ],
        0.03,
    );
    let tyre = rgb8(30, 30, 32);
    let spoke = rgb8(170, 170, 175);
    let (wheel_y, r) = (0.84, 0.11);
    let (rear, front) = (at(-0.2, wheel_y), at(0.2, wheel_y));
    canvas.glow(bx, 0.95, 0.34, 0.03, [0.0; 3], 0.4);
    for hub in [rear, front] {
        // Four spokes at 0°, 45°, 90° and 135° (cos and sin written out).
        let half = std::f32::consts::FRAC_1_SQRT_2;
        for (c, s) in [(1.0, 0.0), (half, half), (0.0, 1.0), (-half, half)] {
            let (dx, dy) = (c * r, s * r);
            canvas.line(
                (hub.0 - dx, hub.1 - dy),
                (hub.0 + dx, hub.1 + dy),
                0.006,
                spoke,
            );
        }
        canvas.ring(hub.0, hub.1, r, 0.026, tyre);
    }
    let crank = at(-0.02, wheel_y);
    let seat = at(-0.07, 0.64);
    let head = at(0.13, 0.62);
    let w = 0.022;
    for (a, b) in [
        (rear, crank),
        (rear, seat),
        (crank, seat),
        (seat, head),
        (crank, head),
        (head, front),
    ] {
        canvas.line(a, b, w, frame);
    }
    canvas.line(head, at(0.11, 0.54), w, frame);
    canvas.line(at(0.11, 0.54), at(0.05, 0.54), 0.016, tyre);
    canvas.ring(crank.0, crank.1, 0.03, 0.012, rgb8(120, 120, 125));
    canvas.line(at(-0.05, 0.87), at(0.01, 0.81), 0.014, tyre);
    canvas.ellipse(seat.0, seat.1 - 0.01, 0.045, 0.016, tyre);
    Place {
        x: seat.0,
        y: seat.1 - 0.02,
        ..place
    }
}
