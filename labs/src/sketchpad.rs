//! The sketch a reader draws for the edit bracelet: a 32 × 32 sheet of the
//! world's paper with pencil marks, a pen position for keyboard drawing, and
//! the picture the engine is given. No DOM here.

/// Side of the sheet in pixels: the painter's size.
pub const SIDE: usize = 32;

/// The world's sketch paper.
const PAPER: [u8; 3] = [246, 243, 236];
/// Its pencil.
const INK: [u8; 3] = [64, 64, 71];
/// The keyboard pen's mark while the sheet has focus.
const PEN: [u8; 3] = [213, 94, 0];

/// A sheet being drawn on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sketchpad {
    ink: Vec<bool>,
    /// The keyboard pen, `(x, y)`.
    pub pen: (usize, usize),
}

impl Default for Sketchpad {
    fn default() -> Self {
        Self {
            ink: vec![false; SIDE * SIDE],
            pen: (SIDE / 2, SIDE / 2),
        }
    }
}

impl Sketchpad {
    /// Whether nothing is drawn.
    pub fn is_blank(&self) -> bool {
        !self.ink.iter().any(|&i| i)
    }

    /// Whether `(x, y)` is inked.
    pub fn inked(&self, x: usize, y: usize) -> bool {
        x < SIDE && y < SIDE && self.ink[y * SIDE + x]
    }

    /// Inks (or erases) one pixel; outside the sheet nothing happens.
    pub fn set(&mut self, x: usize, y: usize, ink: bool) {
        if x < SIDE && y < SIDE {
            self.ink[y * SIDE + x] = ink;
        }
    }

    /// Inks a straight line between two pixels, both ends included.
    pub fn line(&mut self, from: (usize, usize), to: (usize, usize)) {
        let (x0, y0) = (from.0 as i64, from.1 as i64);
        let (x1, y1) = (to.0 as i64, to.1 as i64);
        let steps = (x1 - x0).abs().max((y1 - y0).abs()).max(1);
        for i in 0..=steps {
            let x = x0 + (x1 - x0) * i / steps;
            let y = y0 + (y1 - y0) * i / steps;
            self.set(x as usize, y as usize, true);
        }
    }

    /// Moves the keyboard pen by `(dx, dy)`, staying on the sheet; inks its
    /// way when `drawing`.
    pub fn move_pen(&mut self, dx: i64, dy: i64, drawing: bool) {
        let clamp = |v: usize, d: i64| (v as i64 + d).clamp(0, SIDE as i64 - 1) as usize;
        let to = (clamp(self.pen.0, dx), clamp(self.pen.1, dy));
        if drawing {
            self.line(self.pen, to);
        }
        self.pen = to;
    }

    /// Inks or erases the pixel under the keyboard pen.
    pub fn toggle_pen(&mut self) {
        let (x, y) = self.pen;
        let inked = self.inked(x, y);
        self.set(x, y, !inked);
    }

    /// The sheet's pixel under a point `(px, py)` of a picture shown `shown`
    /// CSS pixels wide.
    pub fn cell_at(px: f64, py: f64, shown: f64) -> (usize, usize) {
        let scale = SIDE as f64 / shown.max(1.0);
        let cell = |v: f64| ((v * scale).floor().max(0.0) as usize).min(SIDE - 1);
        (cell(px), cell(py))
    }

    /// The sheet as `SIDE × SIDE` RGB bytes, the keyboard pen marked when
    /// `show_pen` (never in the picture the engine gets).
    pub fn rgb(&self, show_pen: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(3 * SIDE * SIDE);
        for y in 0..SIDE {
            for x in 0..SIDE {
                let colour = if show_pen && (x, y) == self.pen {
                    PEN
                } else if self.inked(x, y) {
                    INK
                } else {
                    PAPER
                };
                out.extend_from_slice(&colour);
            }
        }
        out
    }

    /// A sketch to start from: a horizon, a sun, and a vase on a table.
    pub fn example() -> Self {
        let mut pad = Self::default();
        pad.line((0, 22), (31, 22));
        // The sun: a small ring.
        for (x, y) in [
            (5, 3),
            (6, 3),
            (4, 4),
            (7, 4),
            (4, 5),
            (7, 5),
            (5, 6),
            (6, 6),
        ] {
            pad.set(x, y, true);
        }
        // The vase: neck, shoulders, body, foot.
        pad.line((15, 8), (15, 11));
        pad.line((18, 8), (18, 11));
        pad.line((15, 8), (18, 8));
        pad.line((15, 11), (12, 14));
        pad.line((18, 11), (21, 14));
        pad.line((12, 14), (12, 19));
        pad.line((21, 14), (21, 19));
        pad.line((12, 19), (14, 21));
        pad.line((21, 19), (19, 21));
        pad.line((14, 21), (19, 21));
        pad
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_pens_and_pixels() {
        let mut pad = Sketchpad::default();
        assert!(pad.is_blank());
        pad.line((0, 0), (3, 3));
        assert!((0..4).all(|i| pad.inked(i, i)));
        assert!(!pad.inked(1, 0));
        pad.pen = (0, 10);
        pad.move_pen(-5, 0, true);
        assert_eq!(pad.pen, (0, 10), "the pen stays on the sheet");
        pad.move_pen(3, 0, true);
        assert!(
            (0..4).all(|x| pad.inked(x, 10)),
            "drawing moves ink their way"
        );
        pad.move_pen(0, 2, false);
        assert!(!pad.inked(3, 12), "moving without drawing leaves no ink");
        pad.toggle_pen();
        assert!(pad.inked(3, 12));
        pad.toggle_pen();
        assert!(!pad.inked(3, 12));
    }

    #[test]
    fn pictures_and_pointer_cells() {
        let mut pad = Sketchpad::default();
        pad.set(1, 0, true);
        let rgb = pad.rgb(false);
        assert_eq!(rgb.len(), 3 * SIDE * SIDE);
        assert_eq!(&rgb[0..3], &PAPER);
        assert_eq!(&rgb[3..6], &INK);
        pad.pen = (0, 0);
        assert_eq!(&pad.rgb(true)[0..3], &PEN);
        assert_eq!(Sketchpad::cell_at(0.0, 0.0, 256.0), (0, 0));
        assert_eq!(Sketchpad::cell_at(255.9, 128.0, 256.0), (31, 16));
        assert_eq!(Sketchpad::cell_at(400.0, -3.0, 256.0), (31, 0));
        assert!(!Sketchpad::example().is_blank());
    }
}
