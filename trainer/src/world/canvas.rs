//! A floating-point drawing surface with a camera, and the shapes scenes are made of.
//!
//! Everything is drawn in *world* coordinates: the picture normally shows
//! `[0, 1] × [0, 1]`, `y` downwards. A camera (centre and zoom) maps the world onto
//! pixels, so a close-up is the same scene drawn through a zoomed camera. The
//! canvas is drawn several times larger than the final picture and box-filtered
//! down, which smooths every hard shape edge for free.
//!
//! Only IEEE-exact arithmetic is used (no `sin`, `exp` or `powi`, whose results
//! may differ between platforms), so a spec renders the same bytes natively and
//! in the browser.

use crate::image::RgbImage;

/// A colour with channels in `[0, 1]`.
pub(crate) type Rgb = [f32; 3];

/// Linear mix of two colours: `t = 0` is `a`, `t = 1` is `b`.
pub(crate) fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

/// Every channel times `k`.
pub(crate) fn scale(c: Rgb, k: f32) -> Rgb {
    [c[0] * k, c[1] * k, c[2] * k]
}

/// A colour from 8-bit channels.
pub(crate) const fn rgb8(r: u8, g: u8, b: u8) -> Rgb {
    [r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0]
}

/// The surface: `size × size` pixels seen through a camera.
pub(crate) struct Canvas {
    size: usize,
    pixels: Vec<Rgb>,
    /// World point at the centre of the picture.
    centre: (f32, f32),
    /// Pixels per world unit.
    scale: f32,
    /// The light every colour is seen in, unless drawing light sources.
    light: Lighting,
    /// Whether colours are drawn as they are (lamps, stars, the moon).
    emissive: bool,
}

/// How a light changes the colours drawn under it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Lighting {
    /// Per-channel gain.
    pub gain: Rgb,
    /// How far colours are pulled towards their grey (0 keeps them).
    pub desaturate: f32,
}

impl Lighting {
    /// Colours as they are.
    pub(crate) const NEUTRAL: Lighting = Lighting {
        gain: [1.0; 3],
        desaturate: 0.0,
    };

    fn apply(&self, c: Rgb) -> Rgb {
        let grey = 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2];
        let c = mix(c, [grey; 3], self.desaturate);
        [
            (c[0] * self.gain[0]).min(1.0),
            (c[1] * self.gain[1]).min(1.0),
            (c[2] * self.gain[2]).min(1.0),
        ]
    }
}

impl Canvas {
    /// A black canvas of `size × size` pixels showing the unit square.
    pub(crate) fn new(size: usize) -> Self {
        Self {
            size,
            pixels: vec![[0.0; 3]; size * size],
            centre: (0.5, 0.5),
            scale: size as f32,
            light: Lighting::NEUTRAL,
            emissive: false,
        }
    }

    /// Colours drawn from now on are seen in `light`.
    pub(crate) fn set_light(&mut self, light: Lighting) {
        self.light = light;
    }

    /// From now on colours are drawn as they are (`true`) or lit (`false`).
    pub(crate) fn set_emissive(&mut self, emissive: bool) {
        self.emissive = emissive;
    }

    /// `c` as it appears on the canvas now.
    pub(crate) fn lit(&self, c: Rgb) -> Rgb {
        (self.lighter())(c)
    }

    /// The current light as a function, free of the canvas borrow.
    fn lighter(&self) -> impl Fn(Rgb) -> Rgb + Copy + use<> {
        let (light, emissive) = (self.light, self.emissive);
        move |c| if emissive { c } else { light.apply(c) }
    }

    /// Points the camera at `centre`, magnified `zoom` times.
    pub(crate) fn look_at(&mut self, centre: (f32, f32), zoom: f32) {
        self.centre = centre;
        self.scale = self.size as f32 * zoom;
    }

    /// Recolours every pixel whose centre lies in the world box `[x0, x1] × [y0, y1]`
    /// and for which `paint(x, y, current)` returns a colour.
    pub(crate) fn shade(
        &mut self,
        (x0, y0, x1, y1): (f32, f32, f32, f32),
        paint: impl Fn(f32, f32, Rgb) -> Option<Rgb>,
    ) {
        let half = self.size as f32 / 2.0;
        let to_px = |w: f32, c: f32| (w - c) * self.scale + half;
        let clamp = |p: f32| (p.max(0.0) as usize).min(self.size);
        let (i0, i1) = (
            clamp(to_px(x0, self.centre.0).floor()),
            clamp(to_px(x1, self.centre.0).ceil()),
        );
        let (j0, j1) = (
            clamp(to_px(y0, self.centre.1).floor()),
            clamp(to_px(y1, self.centre.1).ceil()),
        );
        let step = 1.0 / self.scale;
        for j in j0..j1 {
            let y = (j as f32 + 0.5 - half) * step + self.centre.1;
            let row = &mut self.pixels[j * self.size..(j + 1) * self.size];
            for (i, pixel) in row.iter_mut().enumerate().take(i1).skip(i0) {
                let x = (i as f32 + 0.5 - half) * step + self.centre.0;
                if let Some(c) = paint(x, y, *pixel) {
                    *pixel = c;
                }
            }
        }
    }

    /// The world box the camera sees.
    pub(crate) fn view(&self) -> (f32, f32, f32, f32) {
        let half = self.size as f32 / 2.0 / self.scale;
        (
            self.centre.0 - half,
            self.centre.1 - half,
            self.centre.0 + half,
            self.centre.1 + half,
        )
    }

    /// Paints everything from `paint(x, y)`.
    pub(crate) fn fill(&mut self, paint: impl Fn(f32, f32) -> Rgb) {
        let lit = self.lighter();
        self.shade(self.view(), |x, y, _| Some(lit(paint(x, y))));
    }

    /// A band of rows from `y0` to `y1`, coloured top to bottom from `top` to `bottom`.
    pub(crate) fn band(&mut self, y0: f32, y1: f32, top: Rgb, bottom: Rgb) {
        let (vx0, _, vx1, _) = self.view();
        let span = (y1 - y0).max(1e-6);
        let (top, bottom) = (self.lit(top), self.lit(bottom));
        self.shade((vx0, y0, vx1, y1), |_, y, _| {
            Some(mix(top, bottom, ((y - y0) / span).clamp(0.0, 1.0)))
        });
    }

    /// An axis-aligned rectangle.
    pub(crate) fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Rgb) {
        let c = self.lit(c);
        self.shade((x0, y0, x1, y1), |x, y, _| {
            (x >= x0 && x < x1 && y >= y0 && y < y1).then_some(c)
        });
    }

    /// A filled ellipse.
    pub(crate) fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Rgb) {
        let c = self.lit(c);
        self.shade((cx - rx, cy - ry, cx + rx, cy + ry), |x, y, _| {
            let (u, v) = ((x - cx) / rx, (y - cy) / ry);
            (u * u + v * v <= 1.0).then_some(c)
        });
    }

    /// A soft-edged ellipse blended over what is there (shadows, glows, patches of sun).
    pub(crate) fn glow(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Rgb, alpha: f32) {
        let c = self.lit(c);
        self.shade((cx - rx, cy - ry, cx + rx, cy + ry), |x, y, old| {
            let (u, v) = ((x - cx) / rx, (y - cy) / ry);
            let d = u * u + v * v;
            (d <= 1.0).then(|| mix(old, c, alpha * (1.0 - d).min(0.5) * 2.0))
        });
    }

    /// An ellipse shaded as a lit ball: light from the upper left, plus a specular
    /// highlight of strength `gloss` (0 for fur and cloth, about 0.8 for glaze).
    pub(crate) fn ball(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Rgb, gloss: f32) {
        let (c, white) = (self.lit(c), self.lit([1.0; 3]));
        self.shade((cx - rx, cy - ry, cx + rx, cy + ry), |x, y, _| {
            let (u, v) = ((x - cx) / rx, (y - cy) / ry);
            let d = u * u + v * v;
            (d <= 1.0).then(|| shade_ball(c, white, u, v, d, gloss))
        });
    }

    /// A filled polygon (even-odd rule).
    pub(crate) fn polygon(&mut self, points: &[(f32, f32)], c: Rgb) {
        self.polygon_with(points, |_, _| c);
    }

    /// A polygon whose colour comes from `paint(x, y)` (stripes, gradients).
    pub(crate) fn polygon_with(&mut self, points: &[(f32, f32)], paint: impl Fn(f32, f32) -> Rgb) {
        let Some(bbox) = bounds(points) else { return };
        let lit = self.lighter();
        self.shade(bbox, |x, y, _| {
            inside(points, x, y).then(|| lit(paint(x, y)))
        });
    }

    /// A polygon blended over what is there with opacity `alpha` (beams, reflections).
    pub(crate) fn polygon_alpha(&mut self, points: &[(f32, f32)], c: Rgb, alpha: f32) {
        let Some(bbox) = bounds(points) else { return };
        let c = self.lit(c);
        self.shade(bbox, |x, y, old| {
            inside(points, x, y).then(|| mix(old, c, alpha))
        });
    }

    /// A straight stroke of width `w` with round ends.
    pub(crate) fn line(&mut self, a: (f32, f32), b: (f32, f32), w: f32, c: Rgb) {
        let c = self.lit(c);
        let r = w / 2.0;
        let bbox = (
            a.0.min(b.0) - r,
            a.1.min(b.1) - r,
            a.0.max(b.0) + r,
            a.1.max(b.1) + r,
        );
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = (dx * dx + dy * dy).max(1e-9);
        self.shade(bbox, |x, y, _| {
            let t = (((x - a.0) * dx + (y - a.1) * dy) / len2).clamp(0.0, 1.0);
            let (px, py) = (a.0 + t * dx - x, a.1 + t * dy - y);
            (px * px + py * py <= r * r).then_some(c)
        });
    }

    /// A circle outline of radius `r` (to the middle of the stroke) and width `w`.
    pub(crate) fn ring(&mut self, cx: f32, cy: f32, r: f32, w: f32, c: Rgb) {
        let c = self.lit(c);
        let outer = r + w / 2.0;
        self.shade(
            (cx - outer, cy - outer, cx + outer, cy + outer),
            |x, y, _| {
                let (dx, dy) = (x - cx, y - cy);
                let d = (dx * dx + dy * dy).sqrt();
                ((d - r).abs() <= w / 2.0).then_some(c)
            },
        );
    }

    /// The picture, each `factor × factor` block averaged into one pixel.
    pub(crate) fn downsample(&self, factor: usize) -> RgbImage {
        let factor = factor.max(1);
        let out = self.size / factor;
        let mut image = RgbImage::filled(out, out, [0; 3]);
        let norm = 255.0 / (factor * factor) as f32;
        for y in 0..out {
            for x in 0..out {
                let mut sum = [0.0f32; 3];
                for j in 0..factor {
                    let row = (y * factor + j) * self.size + x * factor;
                    for p in &self.pixels[row..row + factor] {
                        sum[0] += p[0];
                        sum[1] += p[1];
                        sum[2] += p[2];
                    }
                }
                image.set(
                    x,
                    y,
                    sum.map(|s| (s * norm).round().clamp(0.0, 255.0) as u8),
                );
            }
        }
        image
    }
}

/// The colour of a lit ball at normalised position `(u, v)`, `d = u² + v²`.
fn shade_ball(c: Rgb, white: Rgb, u: f32, v: f32, d: f32, gloss: f32) -> Rgb {
    let z = (1.0 - d).max(0.0).sqrt();
    let lambert = (-0.45 * u - 0.55 * v + 0.70 * z).max(0.0);
    let lit = scale(c, 0.55 + 0.6 * lambert);
    let (hu, hv) = (u + 0.38, v + 0.42);
    let spot = (1.0 - (hu * hu + hv * hv) / 0.05).max(0.0);
    mix(lit, white, (gloss * spot).min(1.0))
}

fn bounds(points: &[(f32, f32)]) -> Option<(f32, f32, f32, f32)> {
    let first = points.first()?;
    Some(points.iter().fold(
        (first.0, first.1, first.0, first.1),
        |(x0, y0, x1, y1), p| (x0.min(p.0), y0.min(p.1), x1.max(p.0), y1.max(p.1)),
    ))
}

fn inside(points: &[(f32, f32)], x: f32, y: f32) -> bool {
    let mut odd = false;
    let mut j = points.len() - 1;
    for (i, a) in points.iter().enumerate() {
        let b = points[j];
        if (a.1 > y) != (b.1 > y) && x < (b.0 - a.0) * (y - a.1) / (b.1 - a.1) + a.0 {
            odd = !odd;
        }
        j = i;
    }
    odd
}

/// Where a subject stands and how it is drawn: local coordinates have the feet at
/// `(0, 0)`, `y` upwards, one unit the subject's nominal height, and `x` towards
/// the way it faces.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place {
    /// World position of the feet.
    pub x: f32,
    /// World position of the ground line.
    pub y: f32,
    /// World units per local unit.
    pub size: f32,
    /// `1` facing right, `-1` facing left.
    pub flip: f32,
}

impl Place {
    /// A local point in world coordinates.
    pub(crate) fn at(&self, lx: f32, ly: f32) -> (f32, f32) {
        (self.x + self.flip * lx * self.size, self.y - ly * self.size)
    }

    /// A local length in world units.
    pub(crate) fn len(&self, l: f32) -> f32 {
        l * self.size
    }
}

/// A canvas seen through a [`Place`]: the same shapes, in the subject's coordinates.
pub(crate) struct Pen<'a> {
    /// The surface.
    pub canvas: &'a mut Canvas,
    /// The subject's frame.
    pub place: Place,
}

impl Pen<'_> {
    /// A filled ellipse centred at local `(x, y)`.
    pub(crate) fn ellipse(&mut self, x: f32, y: f32, rx: f32, ry: f32, c: Rgb) {
        let (cx, cy) = self.place.at(x, y);
        self.canvas
            .ellipse(cx, cy, self.place.len(rx), self.place.len(ry), c);
    }

    /// A lit ball centred at local `(x, y)`.
    pub(crate) fn ball(&mut self, x: f32, y: f32, rx: f32, ry: f32, c: Rgb, gloss: f32) {
        let (cx, cy) = self.place.at(x, y);
        self.canvas
            .ball(cx, cy, self.place.len(rx), self.place.len(ry), c, gloss);
    }

    /// A filled polygon through local points.
    pub(crate) fn polygon(&mut self, points: &[(f32, f32)], c: Rgb) {
        let world: Vec<(f32, f32)> = points.iter().map(|&(x, y)| self.place.at(x, y)).collect();
        self.canvas.polygon(&world, c);
    }

    /// A round-ended stroke between local points, `w` local units wide.
    pub(crate) fn line(&mut self, a: (f32, f32), b: (f32, f32), w: f32, c: Rgb) {
        let (a, b) = (self.place.at(a.0, a.1), self.place.at(b.0, b.1));
        self.canvas.line(a, b, self.place.len(w), c);
    }

    /// A polygon through local points blended with opacity `alpha`.
    pub(crate) fn polygon_alpha(&mut self, points: &[(f32, f32)], c: Rgb, alpha: f32) {
        let world: Vec<(f32, f32)> = points.iter().map(|&(x, y)| self.place.at(x, y)).collect();
        self.canvas.polygon_alpha(&world, c, alpha);
    }

    /// A polyline through local points.
    pub(crate) fn path(&mut self, points: &[(f32, f32)], w: f32, c: Rgb) {
        for pair in points.windows(2) {
            self.line(pair[0], pair[1], w, c);
        }
    }
}
