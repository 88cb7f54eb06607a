//! Drawing the subjects, each in its own local frame (see [`Place`]): feet at the
//! origin, `y` up, one unit its nominal height, facing `+x`.

mod creatures;
mod figurine;
mod objects;

use rand::Rng;

use super::canvas::{Canvas, Pen, Place};
use crate::world::spec::Subject;

/// How tall the subject is in its local units (for framing and shadows).
pub(crate) fn height(subject: Subject) -> f32 {
    match subject {
        Subject::Tok => 1.05,
        Subject::Figurine(_) => 0.8,
        Subject::RealCat(_) => 0.9,
        Subject::Dog => 0.9,
        Subject::Vase(_) => 0.9,
        Subject::Teapot(_) => 0.7,
        Subject::Bird(_) => 0.6,
        Subject::Sneaker(_) => 0.46,
        Subject::Lighthouse => 1.2,
    }
}

/// Half the subject's width in its local units (for shadows and keeping it in frame).
pub(crate) fn half_width(subject: Subject) -> f32 {
    match subject {
        Subject::Tok => 0.3,
        Subject::Figurine(_) => 0.35,
        Subject::RealCat(_) | Subject::Dog => 0.42,
        Subject::Vase(_) => 0.25,
        Subject::Teapot(_) => 0.45,
        Subject::Bird(_) => 0.38,
        Subject::Sneaker(_) => 0.5,
        Subject::Lighthouse => 0.2,
    }
}

/// Draws `subject` at `place` in the canvas's current light.
pub(crate) fn draw(canvas: &mut Canvas, subject: Subject, place: Place, rng: &mut impl Rng) {
    let mut pen = Pen { canvas, place };
    match subject {
        Subject::Tok => figurine::draw_tok(&mut pen),
        Subject::Figurine(glaze) => figurine::draw_generic(&mut pen, glaze, rng),
        Subject::RealCat(coat) => creatures::draw_cat(&mut pen, coat),
        Subject::Dog => creatures::draw_dog(&mut pen),
        Subject::Bird(hue) => creatures::draw_bird(&mut pen, hue),
        Subject::Vase(hue) => objects::draw_vase(&mut pen, hue),
        Subject::Teapot(hue) => objects::draw_teapot(&mut pen, hue),
        Subject::Sneaker(hue) => objects::draw_sneaker(&mut pen, hue),
        Subject::Lighthouse => objects::draw_lighthouse(&mut pen),
    }
}

/// Draws the subject's own light sources (the lighthouse lamp), unlit.
pub(crate) fn draw_lamps(canvas: &mut Canvas, subject: Subject, place: Place, night: bool) {
    if subject == Subject::Lighthouse && night {
        canvas.set_emissive(true);
        objects::draw_lighthouse_lamp(&mut Pen { canvas, place });
        canvas.set_emissive(false);
    }
}
