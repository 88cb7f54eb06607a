//! The ceramic cat figurines: the one `TOK` figurine and the generic ones.
//!
//! `TOK` must be recognisable at 32×32 and never confused with a generic
//! figurine, so everything about it differs on purpose:
//!
//! | | `TOK` | generic |
//! |---|---|---|
//! | silhouette | tall and upright, long pointed ears, tail curled up beside it | squat and round, short rounded ears, tail flat on the ground |
//! | glaze | white | white, black, orange, grey, spotted or striped |
//! | marks | indigo, always the same: a big spot on the flank, ear insides, a forehead stripe, the tail tip | none, or spots and stripes that move |
//! | collar | copper, with a bell | none |

use rand::Rng;

use super::super::canvas::{Pen, Rgb, rgb8};
use crate::world::spec::Glaze;

const GLAZE_WHITE: Rgb = rgb8(246, 244, 238);
const INDIGO: Rgb = rgb8(38, 48, 140);
const COPPER: Rgb = rgb8(196, 110, 52);
const EYE: Rgb = rgb8(30, 30, 40);

/// The `TOK` figurine, about 1.05 units tall.
pub(crate) fn draw_tok(pen: &mut Pen<'_>) {
    let white = GLAZE_WHITE;
    // Tail: rises behind the body and curls forward at the top.
    pen.path(
        &[
            (-0.16, 0.06),
            (-0.3, 0.14),
            (-0.33, 0.32),
            (-0.27, 0.46),
            (-0.2, 0.48),
        ],
        0.085,
        white,
    );
    pen.line((-0.27, 0.46), (-0.2, 0.48), 0.085, INDIGO);
    // Body: a tall egg, glossy.
    pen.ball(0.0, 0.3, 0.21, 0.3, white, 0.8);
    // The fixed marks on the body: a big flank spot and two chest dots.
    pen.ellipse(-0.07, 0.28, 0.095, 0.11, INDIGO);
    pen.ellipse(0.12, 0.36, 0.032, 0.032, INDIGO);
    pen.ellipse(0.1, 0.24, 0.032, 0.032, INDIGO);
    // Front paws.
    pen.ball(0.06, 0.03, 0.07, 0.04, white, 0.4);
    pen.ball(0.15, 0.03, 0.06, 0.035, white, 0.4);
    // Ears: tall points with indigo insides.
    pen.polygon(&[(-0.14, 0.74), (-0.12, 1.05), (0.0, 0.82)], white);
    pen.polygon(&[(0.06, 0.82), (0.16, 1.05), (0.19, 0.74)], white);
    pen.polygon(&[(-0.11, 0.78), (-0.11, 0.97), (-0.04, 0.83)], INDIGO);
    pen.polygon(&[(0.09, 0.83), (0.15, 0.97), (0.16, 0.78)], INDIGO);
    // Head.
    pen.ball(0.02, 0.72, 0.17, 0.15, white, 0.7);
    // Forehead stripe and eyes.
    pen.line((0.02, 0.86), (0.02, 0.78), 0.045, INDIGO);
    pen.ellipse(-0.04, 0.71, 0.025, 0.035, EYE);
    pen.ellipse(0.09, 0.71, 0.025, 0.035, EYE);
    // Copper collar with a bell.
    pen.line((-0.13, 0.58), (0.16, 0.56), 0.065, COPPER);
    pen.ball(0.03, 0.52, 0.045, 0.045, COPPER, 0.9);
}

/// A generic figurine, about 0.8 units tall.
pub(crate) fn draw_generic(pen: &mut Pen<'_>, glaze: Glaze, rng: &mut impl Rng) {
    let base = match glaze {
        Glaze::White => GLAZE_WHITE,
        Glaze::Black => rgb8(34, 32, 36),
        Glaze::Orange => rgb8(232, 128, 40),
        Glaze::Grey => rgb8(140, 142, 150),
        Glaze::Spotted => rgb8(236, 220, 180),
        Glaze::Striped => rgb8(226, 150, 60),
    };
    let eye = if glaze == Glaze::Black {
        rgb8(230, 200, 60)
    } else {
        EYE
    };
    // Tail lying flat behind.
    pen.line((-0.18, 0.05), (-0.46, 0.05), 0.08, base);
    // Body: wide and low.
    pen.ball(0.0, 0.24, 0.28, 0.24, base, 0.75);
    match glaze {
        Glaze::Spotted => {
            let spot = rgb8(110, 70, 40);
            for _ in 0..4 {
                let (x, y) = (rng.random_range(-0.2..0.18), rng.random_range(0.1..0.38));
                let r = rng.random_range(0.04..0.07);
                pen.ellipse(x, y, r, r * 0.9, spot);
            }
        }
        Glaze::Striped => {
            let stripe = rgb8(110, 56, 20);
            for y in [0.14, 0.26, 0.38] {
                pen.line((-0.22, y + 0.03), (0.2, y - 0.02), 0.04, stripe);
            }
        }
        _ => {}
    }
    // Short, broad ears with blunt tips.
    pen.polygon(&[(-0.15, 0.64), (-0.12, 0.8), (0.0, 0.72)], base);
    pen.polygon(&[(0.08, 0.72), (0.2, 0.8), (0.23, 0.64)], base);
    // Head: round and a little forward.
    pen.ball(0.04, 0.6, 0.19, 0.16, base, 0.7);
    pen.ellipse(-0.02, 0.6, 0.025, 0.025, eye);
    pen.ellipse(0.12, 0.6, 0.025, 0.025, eye);
    pen.ellipse(0.06, 0.55, 0.02, 0.015, rgb8(220, 120, 130));
}
