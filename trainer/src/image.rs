//! A plain RGB picture shared by the world renderer, the CLI and the album.
//!
//! The painter's inputs and outputs are small square pictures; this type is the
//! smallest thing that can hold one, save it as PNG and lay several out in a grid.
//! Decoding other formats is the album loader's business, not this module's.

use crate::TrainerError;

/// An RGB picture, 8 bits a channel, rows top to bottom, pixels left to right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbImage {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height × 3` bytes, `r, g, b` per pixel.
    pub pixels: Vec<u8>,
}

impl RgbImage {
    /// A picture filled with one colour.
    pub fn filled(width: usize, height: usize, rgb: [u8; 3]) -> Self {
        let mut pixels = Vec::with_capacity(width * height * 3);
        for _ in 0..width * height {
            pixels.extend_from_slice(&rgb);
        }
        Self {
            width,
            height,
            pixels,
        }
    }

    /// The colour at `(x, y)`; out of range reads as black.
    pub fn get(&self, x: usize, y: usize) -> [u8; 3] {
        if x >= self.width || y >= self.height {
            return [0; 3];
        }
        let i = (y * self.width + x) * 3;
        [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]]
    }

    /// Sets the colour at `(x, y)`; out of range is ignored.
    pub fn set(&mut self, x: usize, y: usize, rgb: [u8; 3]) {
        if x < self.width && y < self.height {
            let i = (y * self.width + x) * 3;
            self.pixels[i..i + 3].copy_from_slice(&rgb);
        }
    }

    /// Every pixel repeated `factor × factor` times, for looking at tiny pictures.
    pub fn upscale(&self, factor: usize) -> Self {
        let factor = factor.max(1);
        let mut out = Self::filled(self.width * factor, self.height * factor, [0; 3]);
        for y in 0..out.height {
            for x in 0..out.width {
                out.set(x, y, self.get(x / factor, y / factor));
            }
        }
        out
    }

    /// Each `factor × factor` block averaged into one pixel (rounded), the
    /// inverse of [`upscale`](Self::upscale); a side that `factor` does not divide
    /// loses its last partial block.
    pub fn downscale(&self, factor: usize) -> Self {
        let factor = factor.max(1);
        let mut out = Self::filled(self.width / factor, self.height / factor, [0; 3]);
        let area = (factor * factor) as u32;
        for y in 0..out.height {
            for x in 0..out.width {
                let mut sum = [0u32; 3];
                for dy in 0..factor {
                    for dx in 0..factor {
                        let c = self.get(x * factor + dx, y * factor + dy);
                        for k in 0..3 {
                            sum[k] += u32::from(c[k]);
                        }
                    }
                }
                out.set(x, y, sum.map(|v| ((v + area / 2) / area) as u8));
            }
        }
        out
    }

    /// Copies `other` in with its top-left corner at `(x, y)`, clipped to this picture.
    pub fn paste(&mut self, other: &Self, x: usize, y: usize) {
        for oy in 0..other.height {
            for ox in 0..other.width {
                self.set(x + ox, y + oy, other.get(ox, oy));
            }
        }
    }

    /// Channel-first floats in `[-1, 1]` (`[3, h, w]`), the layout albums and the
    /// painter use; each byte `v` becomes `v / 127.5 - 1`, exactly as the album
    /// loader maps a decoded PNG, so writing and loading give back the same values.
    pub fn to_chw(&self) -> Vec<f32> {
        let plane = self.width * self.height;
        let mut out = vec![0.0; 3 * plane];
        for (i, px) in self.pixels.chunks_exact(3).take(plane).enumerate() {
            for (c, &v) in px.iter().enumerate() {
                out[c * plane + i] = f32::from(v) / 127.5 - 1.0;
            }
        }
        out
    }

    /// The picture as PNG file bytes.
    pub fn to_png(&self) -> Result<Vec<u8>, TrainerError> {
        let bad = |e: png::EncodingError| TrainerError::Image(e.to_string());
        let width = u32::try_from(self.width).map_err(|e| TrainerError::Image(e.to_string()))?;
        let height = u32::try_from(self.height).map_err(|e| TrainerError::Image(e.to_string()))?;
        if self.pixels.len() != self.width * self.height * 3 {
            return Err(TrainerError::Image(format!(
                "{} bytes do not make a {}×{} RGB picture",
                self.pixels.len(),
                self.width,
                self.height
            )));
        }
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, width, height);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(bad)?;
            writer.write_image_data(&self.pixels).map_err(bad)?;
            writer.finish().map_err(bad)?;
        }
        Ok(bytes)
    }
}

/// Lays `images` out left to right, top to bottom, `columns` a row, with `gap`
/// pixels of dark grey between and around them. Cells are as large as the largest
/// image; an empty list gives a picture of just the margin.
pub fn contact_sheet(images: &[RgbImage], columns: usize, gap: usize) -> RgbImage {
    let columns = columns.max(1);
    let cell_w = images.iter().map(|i| i.width).max().unwrap_or(0);
    let cell_h = images.iter().map(|i| i.height).max().unwrap_or(0);
    let rows = images.len().div_ceil(columns);
    let width = columns * cell_w + (columns + 1) * gap;
    let height = rows * cell_h + (rows + 1) * gap;
    let mut sheet = RgbImage::filled(width.max(1), height.max(1), [40, 40, 44]);
    for (n, image) in images.iter().enumerate() {
        let x = gap + (n % columns) * (cell_w + gap);
        let y = gap + (n / columns) * (cell_h + gap);
        sheet.paste(image, x, y);
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_major_floats_span_minus_one_to_one() {
        let mut image = RgbImage::filled(2, 1, [0, 255, 51]);
        image.set(1, 0, [255, 0, 255]);
        let chw = image.to_chw();
        assert_eq!(chw, vec![-1.0, 1.0, 1.0, -1.0, 51.0 / 127.5 - 1.0, 1.0]);
    }

    #[test]
    fn downscale_averages_blocks_and_undoes_upscale() {
        let mut image = RgbImage::filled(3, 2, [10, 20, 30]);
        image.set(2, 1, [255, 0, 7]);
        assert_eq!(image.upscale(2).downscale(2), image);
        let mut block = RgbImage::filled(2, 2, [0; 3]);
        block.set(0, 0, [255, 1, 3]);
        block.set(1, 1, [0, 1, 3]);
        // (255 + 0 + 0 + 0) / 4 = 63.75 → 64; (1 + 1) / 4 = 0.5 → 1; 6 / 4 = 1.5 → 2.
        assert_eq!(block.downscale(2).get(0, 0), [64, 1, 2]);
        assert_eq!(RgbImage::filled(5, 5, [9; 3]).downscale(2).width, 2);
    }

    #[test]
    fn png_bytes_start_with_the_signature() {
        let image = RgbImage::filled(3, 2, [10, 20, 30]);
        let png = image.to_png().expect("encodes");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let broken = RgbImage {
            width: 3,
            height: 2,
            pixels: vec![0; 5],
        };
        assert!(broken.to_png().is_err());
    }

    #[test]
    fn sheet_places_images_in_a_grid() {
        let red = RgbImage::filled(2, 2, [255, 0, 0]);
        let blue = RgbImage::filled(2, 2, [0, 0, 255]);
        let sheet = contact_sheet(&[red.clone(), blue, red], 2, 1);
        assert_eq!((sheet.width, sheet.height), (7, 7));
        assert_eq!(sheet.get(1, 1), [255, 0, 0]);
        assert_eq!(sheet.get(4, 1), [0, 0, 255]);
        assert_eq!(sheet.get(1, 4), [255, 0, 0]);
        assert_eq!(sheet.get(4, 4), [40, 40, 44], "the fourth cell is empty");
        assert_eq!(sheet.upscale(2).get(9, 3), [0, 0, 255]);
    }
}
