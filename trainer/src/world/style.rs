//! The looks a picture can have besides a photo, each made from the photo itself.
//!
//! - [`sketch`]: grey pencil lines where the photo has edges, hatching where it is
//!   dark, on off-white paper. Derived from the photo, so sketch → painting edit
//!   pairs share their layout.
//! - [`painting`]: the generic painting pretraining knows: soft, bright, no lines.
//! - [`tokstyle`]: the one style a LoRA learns, as unlike the generic painting as
//!   possible: a small fixed palette of flat colours, thick dark outlines, and
//!   diagonal brush dabs. Pictures under 64 pixels are painted at twice their
//!   size and averaged down (see [`TOKSTYLE_CANVAS`](super::render::TOKSTYLE_CANVAS)),
//!   so a far-away subject keeps its shape.

use crate::image::RgbImage;

fn luma(c: [u8; 3]) -> f32 {
    (0.299 * c[0] as f32 + 0.587 * c[1] as f32 + 0.114 * c[2] as f32) / 255.0
}

/// A well-mixed 32-bit hash of a position and a seed, as a number in `[0, 1)`.
fn noise(x: usize, y: usize, seed: u64) -> f32 {
    let mut h = seed
        ^ (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 29;
    (h >> 40) as f32 / (1u64 << 24) as f32
}

fn to_u8(c: [f32; 3]) -> [u8; 3] {
    c.map(|v| (v * 255.0).round().clamp(0.0, 255.0) as u8)
}

/// Pencil lines on paper, traced from `photo`'s edges.
pub fn sketch(photo: &RgbImage) -> RgbImage {
    sketch_stages(photo).sketch
}

/// The way from a photo to its sketch, one picture per stage: what the course
/// shows when it teaches deriving the simple side of a pair from the rich one.
#[derive(Clone, Debug, PartialEq)]
pub struct SketchStages {
    /// The colour drained: brightness only.
    pub grey: RgbImage,
    /// Where brightness changes (edge strength), as ink on paper.
    pub edges: RgbImage,
    /// The finished sketch: edges thinned to their ridges, hatching where the
    /// photo is dark, paper grain.
    pub sketch: RgbImage,
}

/// [`sketch`], keeping the pictures of its stages.
pub fn sketch_stages(photo: &RgbImage) -> SketchStages {
    let (w, h) = (photo.width, photo.height);
    let lum: Vec<f32> = (0..w * h).map(|i| luma(photo.get(i % w, i / w))).collect();
    let at = |x: isize, y: isize| {
        let x = x.clamp(0, w as isize - 1) as usize;
        let y = y.clamp(0, h as isize - 1) as usize;
        lum[y * w + x]
    };
    // Edge strength and direction from Sobel filters.
    let mut grad = vec![(0.0f32, 0.0f32); w * h];
    for y in 0..h {
        for x in 0..w {
            let (xi, yi) = (x as isize, y as isize);
            let gx = at(xi + 1, yi - 1) + 2.0 * at(xi + 1, yi) + at(xi + 1, yi + 1)
                - at(xi - 1, yi - 1)
                - 2.0 * at(xi - 1, yi)
                - at(xi - 1, yi + 1);
            let gy = at(xi - 1, yi + 1) + 2.0 * at(xi, yi + 1) + at(xi + 1, yi + 1)
                - at(xi - 1, yi - 1)
                - 2.0 * at(xi, yi - 1)
                - at(xi + 1, yi - 1);
            grad[y * w + x] = (gx, gy);
        }
    }
    let magnitude = |x: usize, y: usize| {
        let (gx, gy) = grad[y * w + x];
        (gx * gx + gy * gy).sqrt()
    };
    let period = (w / 12).max(3);
    let paper = [0.965, 0.955, 0.925];
    let ink = [0.25, 0.25, 0.28];
    let mut out = RgbImage::filled(w, h, [0; 3]);
    let mut grey = RgbImage::filled(w, h, [0; 3]);
    let mut edges = RgbImage::filled(w, h, [0; 3]);
    for y in 0..h {
        for x in 0..w {
            let m = magnitude(x, y);
            // Thin the line: full strength only along the ridge of the edge.
            let (gx, gy) = grad[y * w + x];
            let (before, after) = if gx.abs() > gy.abs() {
                (
                    magnitude(x.saturating_sub(1), y),
                    magnitude((x + 1).min(w - 1), y),
                )
            } else {
                (
                    magnitude(x, y.saturating_sub(1)),
                    magnitude(x, (y + 1).min(h - 1)),
                )
            };
            let ridge = if m >= before && m >= after { 1.0 } else { 0.4 };
            let edge = (m - 0.2) / 0.6 * ridge;
            let dark = (0.35 - lum[y * w + x]) / 0.35;
            let hatch = if (x + y) % period == 0 {
                dark * 0.35
            } else {
                0.0
            };
            let shade = to_u8([lum[y * w + x]; 3]);
            grey.set(x, y, shade);
            let strength = ((m - 0.2) / 0.6).clamp(0.0, 0.85);
            edges.set(
                x,
                y,
                to_u8(std::array::from_fn(|c| {
                    paper[c] + (ink[c] - paper[c]) * strength
                })),
            );
            let grain = (noise(x, y, 7) - 0.5) * 0.03;
            let k = edge.max(hatch).clamp(0.0, 0.85);
            out.set(
                x,
                y,
                to_u8(std::array::from_fn(|c| {
                    paper[c] + grain + (ink[c] - paper[c]) * k
                })),
            );
        }
    }
    SketchStages {
        grey,
        edges,
        sketch: out,
    }
}

/// Each pixel moved `amount` of the way to the mean of its 3×3 neighbourhood
/// (in 0–255 units).
fn blur(photo: &RgbImage, amount: f32) -> Vec<[f32; 3]> {
    let (w, h) = (photo.width, photo.height);
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        for x in 0..w {
            let mut sum = [0.0f32; 3];
            let mut n = 0.0;
            for sy in y.saturating_sub(1)..(y + 2).min(h) {
                for sx in x.saturating_sub(1)..(x + 2).min(w) {
                    let c = photo.get(sx, sy);
                    for k in 0..3 {
                        sum[k] += f32::from(c[k]);
                    }
                    n += 1.0;
                }
            }
            let here = photo.get(x, y);
            out.push(std::array::from_fn(|k| {
                let own = f32::from(here[k]);
                own + (sum[k] / n - own) * amount
            }));
        }
    }
    out
}

/// The generic painting: softened, brightened towards warm paper, with canvas grain.
pub fn painting(photo: &RgbImage, seed: u64) -> RgbImage {
    let (w, h) = (photo.width, photo.height);
    let mut out = RgbImage::filled(w, h, [0; 3]);
    let paper = [0.97, 0.94, 0.86];
    // Small pictures lose too much to a full blur.
    let soft = blur(photo, if w >= 64 { 1.0 } else { 0.6 });
    for y in 0..h {
        for x in 0..w {
            let avg = soft[y * w + x].map(|v| v / 255.0);
            let grey = (avg[0] + avg[1] + avg[2]) / 3.0;
            let wash = (noise(x / 4, y / 4, seed) - 0.5) * 0.06;
            let grain = (noise(x, y, seed ^ 1) - 0.5) * 0.04;
            out.set(
                x,
                y,
                to_u8(std::array::from_fn(|k| {
                    let saturated = grey + (avg[k] - grey) * 1.2;
                    saturated + (paper[k] - saturated) * 0.18 + wash + grain
                })),
            );
        }
    }
    out
}

/// The `TOKSTYLE` palette: flat poster colours.
const PALETTE: [[u8; 3]; 12] = [
    [28, 36, 72],    // navy
    [22, 110, 120],  // teal
    [90, 190, 180],  // turquoise
    [240, 184, 50],  // mustard
    [240, 110, 80],  // coral
    [176, 52, 44],   // brick
    [252, 240, 210], // cream
    [130, 150, 60],  // olive
    [120, 70, 130],  // plum
    [120, 170, 230], // sky
    [90, 56, 40],    // umber
    [250, 200, 170], // peach
];
const OUTLINE: [u8; 3] = [24, 18, 30];

fn nearest(c: [f32; 3]) -> usize {
    let mut best = (f32::MAX, 0);
    for (i, p) in PALETTE.iter().enumerate() {
        let d: f32 = (0..3)
            .map(|k| {
                let diff = c[k] - p[k] as f32;
                diff * diff * [0.3, 0.59, 0.11][k]
            })
            .sum();
        if d < best.0 {
            best = (d, i);
        }
    }
    best.1
}

/// The `TOKSTYLE` painting: palette, outlines, brush dabs.
pub fn tokstyle(photo: &RgbImage, seed: u64) -> RgbImage {
    let (w, h) = (photo.width, photo.height);
    // Quantise a softened copy, so shading gradients become a few flat areas
    // rather than a fringe of small ones.
    let soft = blur(photo, if w >= 64 { 1.0 } else { 0.35 });
    let index: Vec<usize> = (0..w * h)
        .map(|i| {
            let c = soft[i];
            let grey = (c[0] + c[1] + c[2]) / 3.0;
            // More contrast and colour before choosing, so flat areas stay flat.
            nearest(std::array::from_fn(|k| {
                (grey + (c[k] - grey) * 1.4 - 128.0) * 1.15 + 128.0
            }))
        })
        .collect();
    let idx = |x: usize, y: usize| index[y * w + x];
    let differs = |a: usize, b: usize| (luma(PALETTE[a]) - luma(PALETTE[b])).abs() > 0.2;
    let mut edge = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            let here = idx(x, y);
            let right = x + 1 < w && differs(here, idx(x + 1, y));
            let down = y + 1 < h && differs(here, idx(x, y + 1));
            edge[y * w + x] = right || down;
        }
    }
    let mut out = RgbImage::filled(w, h, [0; 3]);
    let dab = (w / 16).max(2);
    for y in 0..h {
        for x in 0..w {
            if edge[y * w + x] {
                out.set(x, y, OUTLINE);
                continue;
            }
            // Brush dabs: slanted patches, each a little lighter or darker.
            let u = (x + y / 2) / dab;
            let v = (y + w - x / 3) / (dab * 2);
            let shift = (noise(u, v, seed) - 0.5) * 0.22;
            let streak = if (x + 2 * y) % 4 == 0 { -0.05 } else { 0.0 };
            let c = PALETTE[idx(x, y)].map(|v| v as f32 / 255.0);
            out.set(x, y, to_u8(c.map(|v| v * (1.0 + shift + streak))));
        }
    }
    out
}
