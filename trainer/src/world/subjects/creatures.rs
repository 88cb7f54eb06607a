//! Living subjects: a real cat, a dog and a bird, all seen from the side.
//!
//! Seen side-on and matte (no glaze highlight), a real cat reads differently
//! from the frontal, glossy figurines even in the same colour.

use super::super::canvas::{Pen, Rgb, mix, rgb8};
use crate::world::spec::{Coat, Hue};

/// A real cat sitting in profile, about 0.85 units tall.
pub(crate) fn draw_cat(pen: &mut Pen<'_>, coat: Coat) {
    let (fur, dark): (Rgb, Rgb) = match coat {
        Coat::Orange => (rgb8(214, 120, 50), rgb8(160, 80, 30)),
        Coat::Grey => (rgb8(130, 130, 136), rgb8(90, 90, 96)),
        Coat::Black => (rgb8(40, 38, 40), rgb8(20, 20, 22)),
        Coat::Tabby => (rgb8(150, 120, 86), rgb8(80, 62, 44)),
    };
    // Tail curling along the ground and up at the tip.
    pen.path(&[(-0.28, 0.05), (-0.48, 0.06), (-0.56, 0.16)], 0.07, dark);
    // Haunch, then the upright chest.
    pen.ball(-0.14, 0.2, 0.22, 0.2, fur, 0.0);
    pen.ball(0.05, 0.36, 0.14, 0.26, fur, 0.0);
    // Front legs.
    pen.line((0.1, 0.3), (0.12, 0.02), 0.07, fur);
    pen.line((0.02, 0.3), (0.04, 0.02), 0.07, dark);
    if coat == Coat::Tabby {
        for x in [-0.26, -0.16, -0.06] {
            pen.line((x, 0.34), (x + 0.04, 0.1), 0.035, dark);
        }
    }
    // Head, ears, muzzle and eye.
    pen.polygon(&[(-0.02, 0.74), (0.0, 0.9), (0.08, 0.78)], dark);
    pen.polygon(&[(0.08, 0.78), (0.15, 0.92), (0.18, 0.76)], fur);
    pen.ball(0.09, 0.68, 0.13, 0.12, fur, 0.0);
    pen.ellipse(0.2, 0.64, 0.06, 0.045, mix(fur, [1.0; 3], 0.25));
    pen.ellipse(0.14, 0.7, 0.022, 0.025, rgb8(120, 170, 70));
}

/// A brown dog sitting in profile, about 0.9 units tall.
pub(crate) fn draw_dog(pen: &mut Pen<'_>) {
    let fur = rgb8(150, 98, 52);
    let dark = rgb8(92, 58, 30);
    let chest = rgb8(226, 200, 160);
    pen.line((-0.3, 0.12), (-0.46, 0.3), 0.07, fur);
    pen.ball(-0.14, 0.22, 0.24, 0.22, fur, 0.0);
    pen.ball(0.06, 0.4, 0.16, 0.3, fur, 0.0);
    pen.ellipse(0.14, 0.42, 0.07, 0.16, chest);
    pen.line((0.12, 0.32), (0.14, 0.02), 0.08, fur);
    pen.line((0.02, 0.32), (0.04, 0.02), 0.08, dark);
    // Head with a long snout, a floppy ear and a black nose.
    pen.ball(0.1, 0.74, 0.15, 0.13, fur, 0.0);
    pen.ellipse(0.27, 0.7, 0.12, 0.065, fur);
    pen.ellipse(0.38, 0.72, 0.035, 0.03, rgb8(20, 16, 14));
    pen.ellipse(0.02, 0.68, 0.06, 0.13, dark);
    pen.ellipse(0.15, 0.78, 0.022, 0.025, rgb8(20, 16, 14));
}

/// A small bird perched, about 0.6 units tall.
pub(crate) fn draw_bird(pen: &mut Pen<'_>, hue: Hue) {
    let feathers = match hue {
        Hue::Blue => rgb8(50, 110, 210),
        Hue::Green => rgb8(70, 160, 70),
        Hue::Red => rgb8(210, 40, 40),
        Hue::Yellow => rgb8(240, 200, 40),
    };
    let wing = mix(feathers, [0.0; 3], 0.35);
    let leg = rgb8(90, 70, 50);
    pen.line((0.0, 0.1), (-0.02, 0.0), 0.03, leg);
    pen.line((0.08, 0.1), (0.08, 0.0), 0.03, leg);
    pen.polygon(&[(-0.18, 0.3), (-0.44, 0.42), (-0.42, 0.3)], wing);
    pen.ball(0.02, 0.27, 0.26, 0.18, feathers, 0.2);
    pen.ellipse(-0.04, 0.28, 0.16, 0.09, wing);
    pen.ball(0.2, 0.46, 0.13, 0.12, feathers, 0.2);
    pen.polygon(&[(0.3, 0.5), (0.44, 0.45), (0.3, 0.41)], rgb8(250, 160, 40));
    pen.ellipse(0.24, 0.49, 0.025, 0.028, rgb8(10, 10, 10));
}
