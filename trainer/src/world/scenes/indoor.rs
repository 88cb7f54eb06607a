//! Indoor scenes: a windowsill with a potted plant, a kitchen table, a sofa.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{away, jitter, pick, stars_and_moon, vary};
use crate::world::canvas::{Canvas, Place, mix, rgb8};
use crate::world::spec::Light;

/// A window (sky and a cross of frames), a deep sill, and a potted plant on it.
pub(super) fn windowsill(canvas: &mut Canvas, rng: &mut ChaCha8Rng, light: Light, place: Place) {
    let wall = jitter(rng, rgb8(232, 222, 200), 0.04);
    canvas.fill(|_, _| wall);
    // The window: sky through the panes.
    let (x0, x1, y0, y1) = (0.08, 0.92, 0.06, 0.7);
    let (top, bottom) = match light {
        Light::Sunny => (rgb8(110, 175, 240), rgb8(190, 225, 250)),
        Light::Dim => (rgb8(150, 160, 175), rgb8(195, 200, 208)),
        Light::Night => (rgb8(20, 35, 90), rgb8(40, 60, 120)),
    };
    canvas.band(y0, y1, top, bottom);
    canvas.rect(0.0, 0.0, x0, 1.0, wall);
    canvas.rect(x1, 0.0, 1.0, 1.0, wall);
    canvas.rect(0.0, 0.0, 1.0, y0, wall);
    if light == Light::Night {
        stars_and_moon(canvas, rng, y1, 0.5 + away(place) * 0.25, false);
    } else {
        // A distant roofline through the glass.
        canvas.rect(x0, 0.5, x1, y1, mix(bottom, rgb8(120, 130, 120), 0.5));
    }
    let frame = rgb8(250, 250, 246);
    for x in [x0, 0.5, x1] {
        canvas.rect(x - 0.025, y0 - 0.02, x + 0.025, y1, frame);
    }
    for y in [y0, 0.38] {
        canvas.rect(x0 - 0.02, y - 0.02, x1 + 0.02, y + 0.02, frame);
    }
    // The sill: a deep ledge in front of the window.
    canvas.band(y1, 0.9, rgb8(244, 242, 236), rgb8(214, 210, 200));
    canvas.band(0.9, 1.2, rgb8(180, 174, 162), rgb8(150, 144, 134));
    if light == Light::Sunny {
        canvas.polygon_alpha(
            &[(0.15, y1), (0.85, y1), (0.95, 0.9), (0.25, 0.9)],
            rgb8(255, 244, 200),
            0.35,
        );
    }
    // The potted plant on the far side.
    let px = 0.5 + away(place) * rng.random_range(0.27..0.34);
    let pot = rgb8(196, 100, 60);
    canvas.polygon(
        &[
            (px - 0.09, 0.66),
            (px + 0.09, 0.66),
            (px + 0.065, 0.86),
            (px - 0.065, 0.86),
        ],
        pot,
    );
    canvas.rect(px - 0.1, 0.64, px + 0.1, 0.69, mix(pot, [0.0; 3], 0.15));
    let leaf = jitter(rng, rgb8(60, 150, 60), 0.05);
    for (dx, dy, r) in [
        (-0.07, 0.58, 0.06),
        (0.07, 0.57, 0.06),
        (0.0, 0.5, 0.07),
        (-0.04, 0.43, 0.05),
        (0.05, 0.44, 0.05),
    ] {
        canvas.ball(px + dx, dy, r, r * 1.2, leaf, 0.1);
    }
    if light == Light::Night {
        canvas.glow(place.x, 0.7, 0.5, 0.4, rgb8(255, 210, 140), 0.25);
    }
}

/// A tiled wall and a wooden table top with a cup and a bowl of fruit.
pub(super) fn kitchen_table(canvas: &mut Canvas, rng: &mut ChaCha8Rng, light: Light, place: Place) {
    let tile = vary(
        rng,
        &[
            rgb8(235, 235, 225),
            rgb8(200, 225, 230),
            rgb8(240, 225, 190),
        ],
        0.03,
    );
    let grout = mix(tile, rgb8(120, 120, 120), 0.35);
    let edge = 0.62;
    canvas.fill(|x, y| {
        let (u, v) = ((x * 9.0).rem_euclid(1.0), (y * 9.0).rem_euclid(1.0));
        if u < 0.08 || v < 0.08 { grout } else { tile }
    });
    // A cabinet shelf across the wall.
    canvas.rect(0.0, 0.12, 1.0, 0.16, rgb8(150, 110, 70));
    let wood = jitter(rng, rgb8(176, 122, 72), 0.04);
    let grain = mix(wood, [0.0; 3], 0.15);
    canvas.polygon_with(
        &[(-0.3, 1.2), (1.3, 1.2), (1.0, edge), (0.0, edge)],
        |x, y| {
            if ((x * 3.0 + y * 17.0) * 0.16).rem_euclid(1.0) < 0.12 {
                grain
            } else {
                wood
            }
        },
    );
    canvas.rect(-0.3, edge, 1.3, edge + 0.015, mix(wood, [1.0; 3], 0.25));
    // A cup and a bowl of fruit on the far side.
    let side = away(place);
    let cx = 0.5 + side * 0.3;
    let cup = pick(
        rng,
        &[rgb8(240, 240, 235), rgb8(200, 60, 50), rgb8(60, 110, 190)],
    );
    canvas.ring(cx + side * 0.06, 0.66, 0.03, 0.015, cup);
    canvas.rect(cx - 0.05, 0.6, cx + 0.05, 0.72, cup);
    canvas.ellipse(cx, 0.6, 0.05, 0.015, mix(cup, [0.0; 3], 0.5));
    let bx = 0.5 + side * 0.14;
    canvas.ball(bx - 0.03, 0.64, 0.03, 0.03, rgb8(220, 40, 40), 0.4);
    canvas.ball(bx + 0.03, 0.645, 0.03, 0.03, rgb8(240, 180, 40), 0.4);
    canvas.polygon(
        &[
            (bx - 0.08, 0.65),
            (bx + 0.08, 0.65),
            (bx + 0.05, 0.7),
            (bx - 0.05, 0.7),
        ],
        rgb8(240, 240, 240),
    );
    if light == Light::Night {
        canvas.glow(place.x, 0.55, 0.5, 0.35, rgb8(255, 200, 120), 0.3);
    }
}

/// A sofa filling the view with a cushion on the far side and a picture above.
pub(super) fn sofa(canvas: &mut Canvas, rng: &mut ChaCha8Rng, light: Light, place: Place) {
    let wall = vary(
        rng,
        &[
            rgb8(226, 214, 190),
            rgb8(190, 210, 200),
            rgb8(220, 200, 200),
        ],
        0.03,
    );
    canvas.fill(|_, _| wall);
    canvas.band(0.88, 2.0, rgb8(150, 110, 72), rgb8(120, 86, 56));
    // A framed picture on the wall.
    let fx = 0.5 + away(place) * 0.1;
    canvas.rect(fx - 0.14, 0.06, fx + 0.14, 0.28, rgb8(90, 60, 40));
    canvas.band(0.08, 0.26, rgb8(120, 170, 210), rgb8(110, 150, 90));
    canvas.rect(0.0, 0.06, fx - 0.14, 0.3, wall);
    canvas.rect(fx + 0.14, 0.06, 1.0, 0.3, wall);
    let fabric = vary(
        rng,
        &[
            rgb8(40, 110, 120),
            rgb8(170, 50, 50),
            rgb8(60, 80, 150),
            rgb8(200, 150, 50),
        ],
        0.03,
    );
    let shade = mix(fabric, [0.0; 3], 0.25);
    // Back, seat, arms, legs.
    canvas.ball(0.5, 0.48, 0.5, 0.2, fabric, 0.0);
    canvas.rect(0.02, 0.48, 0.98, 0.72, fabric);
    canvas.rect(0.04, 0.7, 0.96, 0.86, mix(fabric, [1.0; 3], 0.1));
    canvas.rect(0.04, 0.7, 0.96, 0.735, mix(fabric, [1.0; 3], 0.2));
    for x in [0.05, 0.95] {
        canvas.ball(x, 0.6, 0.08, 0.1, shade, 0.0);
        canvas.rect(x - 0.08, 0.6, x + 0.08, 0.86, shade);
    }
    for x in [0.08, 0.92] {
        canvas.rect(x - 0.02, 0.86, x + 0.02, 0.92, rgb8(50, 35, 25));
    }
    // The cushion, leaning on the back, in a contrasting colour with a stripe.
    let cx = 0.5 + away(place) * rng.random_range(0.22..0.28);
    let cushion = pick(
        rng,
        &[rgb8(240, 200, 80), rgb8(240, 240, 230), rgb8(230, 120, 150)],
    );
    canvas.polygon(
        &[
            (cx - 0.13, 0.48),
            (cx + 0.11, 0.45),
            (cx + 0.13, 0.72),
            (cx - 0.11, 0.73),
        ],
        cushion,
    );
    canvas.line(
        (cx - 0.12, 0.6),
        (cx + 0.12, 0.585),
        0.03,
        mix(cushion, fabric, 0.6),
    );
    if light == Light::Night {
        canvas.glow(place.x, 0.6, 0.5, 0.4, rgb8(255, 200, 120), 0.3);
    }
}
