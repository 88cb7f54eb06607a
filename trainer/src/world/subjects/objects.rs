//! Things: a vase, a teapot, a sneaker and a model lighthouse.

use super::super::canvas::{Pen, Rgb, mix, rgb8};
use crate::world::spec::Hue;

fn glaze(hue: Hue) -> Rgb {
    match hue {
        Hue::Blue => rgb8(40, 90, 190),
        Hue::Green => rgb8(50, 150, 90),
        Hue::Red => rgb8(200, 50, 45),
        Hue::Yellow => rgb8(235, 195, 50),
    }
}

/// A vase with a narrow neck, about 0.9 units tall.
pub(crate) fn draw_vase(pen: &mut Pen<'_>, hue: Hue) {
    let c = glaze(hue);
    let band = mix(c, [1.0; 3], 0.55);
    pen.polygon(
        &[(-0.07, 0.55), (-0.07, 0.84), (0.07, 0.84), (0.07, 0.55)],
        mix(c, [0.0; 3], 0.15),
    );
    pen.ellipse(0.0, 0.85, 0.12, 0.04, c);
    pen.ball(0.0, 0.32, 0.24, 0.32, c, 0.7);
    pen.line((-0.22, 0.36), (0.22, 0.36), 0.04, band);
    pen.ellipse(0.0, 0.86, 0.07, 0.02, mix(c, [0.0; 3], 0.6));
}

/// A round teapot with its spout forward, about 0.7 units tall.
pub(crate) fn draw_teapot(pen: &mut Pen<'_>, hue: Hue) {
    let c = glaze(hue);
    pen.path(
        &[(-0.26, 0.44), (-0.44, 0.42), (-0.44, 0.2), (-0.26, 0.16)],
        0.06,
        c,
    );
    pen.polygon(&[(0.2, 0.32), (0.46, 0.56), (0.5, 0.54), (0.28, 0.18)], c);
    pen.ball(0.0, 0.28, 0.32, 0.26, c, 0.75);
    pen.ellipse(0.0, 0.53, 0.17, 0.06, mix(c, [0.0; 3], 0.2));
    pen.ball(0.0, 0.62, 0.05, 0.05, c, 0.6);
}

/// A sneaker in profile, toe forward, about 0.45 units tall and a unit long.
pub(crate) fn draw_sneaker(pen: &mut Pen<'_>, hue: Hue) {
    let upper = glaze(hue);
    let white = rgb8(245, 245, 242);
    let sole = rgb8(235, 232, 225);
    pen.polygon(
        &[
            (-0.48, 0.08),
            (0.46, 0.08),
            (0.42, 0.18),
            (0.14, 0.26),
            (0.02, 0.42),
            (-0.3, 0.46),
            (-0.48, 0.34),
        ],
        upper,
    );
    pen.ellipse(-0.31, 0.46, 0.14, 0.035, mix(upper, [0.0; 3], 0.5));
    pen.line((-0.3, 0.2), (0.18, 0.16), 0.05, white);
    for x in [-0.02, 0.06, 0.14] {
        pen.line((x, 0.36 - x * 0.9), (x + 0.06, 0.3 - x * 0.9), 0.03, white);
    }
    pen.polygon(
        &[
            (-0.5, 0.0),
            (0.5, 0.0),
            (0.52, 0.06),
            (0.46, 0.1),
            (-0.5, 0.1),
        ],
        sole,
    );
    pen.line((-0.48, 0.02), (0.5, 0.02), 0.025, rgb8(150, 150, 150));
}

/// A red-and-white striped lighthouse, about 1.25 units tall. Its lamp is lit by
/// [`draw_lighthouse_lamp`] after the light has been applied.
pub(crate) fn draw_lighthouse(pen: &mut Pen<'_>) {
    let red = rgb8(210, 40, 40);
    let white = rgb8(245, 242, 236);
    let bands = [0.0, 0.19, 0.38, 0.57, 0.76, 0.95];
    for (n, pair) in bands.windows(2).enumerate() {
        let (y0, y1) = (pair[0], pair[1]);
        let half = |y: f32| 0.19 - 0.09 * y;
        pen.polygon(
            &[
                (-half(y0), y0),
                (half(y0), y0),
                (half(y1), y1),
                (-half(y1), y1),
            ],
            if n % 2 == 0 { red } else { white },
        );
    }
    pen.line((-0.08, 0.6), (-0.04, 0.15), 0.05, [1.0; 3]);
    pen.polygon(
        &[(-0.15, 0.95), (0.15, 0.95), (0.15, 0.99), (-0.15, 0.99)],
        rgb8(40, 40, 44),
    );
    pen.polygon(
        &[(-0.08, 0.99), (0.08, 0.99), (0.08, 1.12), (-0.08, 1.12)],
        rgb8(250, 230, 140),
    );
    pen.line((0.0, 0.99), (0.0, 1.12), 0.02, rgb8(40, 40, 44));
    pen.ellipse(0.0, 1.13, 0.11, 0.07, red);
}

/// The lighthouse lamp's glow and beam (drawn unlit, after the scene's light).
pub(crate) fn draw_lighthouse_lamp(pen: &mut Pen<'_>) {
    let beam = rgb8(255, 240, 170);
    pen.polygon_alpha(
        &[(0.06, 1.08), (0.9, 1.25), (0.9, 0.9), (0.06, 1.03)],
        beam,
        0.45,
    );
    pen.ellipse(0.0, 1.05, 0.08, 0.06, beam);
}
