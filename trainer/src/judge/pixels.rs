//! Pictures into the judges' input: channel-major floats in `[-1, 1]` at the one
//! resolution the judges read, [`INPUT_SIZE`].
//!
//! The judges are trained at 32×32 only. Larger pictures (the 64×64 painter's) are
//! area-averaged down, which is what the world renderer itself does when it draws
//! large and filters small, so a 64×64 render brought down looks like a 32×32 one.

use burn::tensor::backend::Backend;
use burn::tensor::{Tensor, TensorData};

use crate::TrainerError;
use crate::image::RgbImage;

/// The side the judges read, in pixels.
pub const INPUT_SIZE: usize = 32;

/// `image` as `[3, INPUT_SIZE, INPUT_SIZE]` floats in `[-1, 1]`.
///
/// Square pictures of any size are area-resampled; other shapes are refused.
pub fn planes(image: &RgbImage) -> Result<Vec<f32>, TrainerError> {
    let side = image.width;
    if image.height != side || side == 0 || image.pixels.len() != side * side * 3 {
        return Err(TrainerError::Judges(format!(
            "the judges read square RGB pictures, not {}×{} with {} bytes",
            image.width,
            image.height,
            image.pixels.len()
        )));
    }
    let plane = side * side;
    let mut values = vec![0.0; 3 * plane];
    for (i, rgb) in image.pixels.chunks_exact(3).enumerate() {
        for c in 0..3 {
            values[c * plane + i] = f32::from(rgb[c]) / 127.5 - 1.0;
        }
    }
    Ok(resample(&values, side, INPUT_SIZE))
}

/// Area-resamples `[3, from, from]` planes to `[3, to, to]`: every output pixel is
/// the mean of the input area it covers (partial pixels weighted by overlap).
pub fn resample(values: &[f32], from: usize, to: usize) -> Vec<f32> {
    if from == to {
        return values.to_vec();
    }
    let scale = from as f32 / to as f32;
    // For each output index: the input indices it overlaps and with what weight.
    let spans: Vec<Vec<(usize, f32)>> = (0..to)
        .map(|o| {
            let (lo, hi) = (o as f32 * scale, (o + 1) as f32 * scale);
            let first = lo.floor() as usize;
            let last = (hi.ceil() as usize).min(from);
            (first..last)
                .map(|i| {
                    let overlap = (hi.min(i as f32 + 1.0) - lo.max(i as f32)).max(0.0);
                    (i, overlap / (hi - lo))
                })
                .filter(|(_, w)| *w > 0.0)
                .collect()
        })
        .collect();
    let mut out = vec![0.0; 3 * to * to];
    for c in 0..3 {
        let src = &values[c * from * from..(c + 1) * from * from];
        for (oy, ys) in spans.iter().enumerate() {
            for (ox, xs) in spans.iter().enumerate() {
                let mut sum = 0.0;
                for &(y, wy) in ys {
                    for &(x, wx) in xs {
                        sum += src[y * from + x] * wy * wx;
                    }
                }
                out[c * to * to + oy * to + ox] = sum;
            }
        }
    }
    out
}

/// Stacks `[3, INPUT_SIZE, INPUT_SIZE]` planes into a batch tensor.
///
/// # Shapes
/// - returns `[planes.len(), 3, INPUT_SIZE, INPUT_SIZE]`
pub fn batch<B: Backend>(planes: &[Vec<f32>], device: &B::Device) -> Tensor<B, 4> {
    let mut data = Vec::with_capacity(planes.len() * 3 * INPUT_SIZE * INPUT_SIZE);
    for p in planes {
        data.extend_from_slice(p);
    }
    Tensor::from_data(
        TensorData::new(data, [planes.len(), 3, INPUT_SIZE, INPUT_SIZE]),
        device,
    )
}

/// Brings a batch of pictures in `[-1, 1]` to the judges' size by average pooling.
///
/// # Shapes
/// - `images`: `[batch, 3, side, side]` with `side` a multiple of [`INPUT_SIZE`]
///   → `[batch, 3, INPUT_SIZE, INPUT_SIZE]`
pub fn pool_to_input<B: Backend>(images: Tensor<B, 4>) -> Result<Tensor<B, 4>, TrainerError> {
    let [_, channels, height, width] = images.dims();
    if channels != 3 || height != width || height == 0 || !height.is_multiple_of(INPUT_SIZE) {
        return Err(TrainerError::Judges(format!(
            "the judges read [batch, 3, side, side] with side a multiple of {INPUT_SIZE}, not [_, {channels}, {height}, {width}]"
        )));
    }
    let factor = height / INPUT_SIZE;
    if factor == 1 {
        return Ok(images);
    }
    Ok(burn::tensor::module::avg_pool2d(
        images,
        [factor, factor],
        [factor, factor],
        [0, 0],
        true,
        false,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resampling_halves_by_averaging_and_keeps_flat_colours() {
        let from = 4;
        let values: Vec<f32> = (0..3 * from * from).map(|i| i as f32).collect();
        let half = resample(&values, from, 2);
        assert_eq!(half.len(), 12);
        assert!((half[0] - (0.0 + 1.0 + 4.0 + 5.0) / 4.0).abs() < 1e-5);
        let flat = vec![0.25; 3 * 48 * 48];
        for v in resample(&flat, 48, 32) {
            assert!((v - 0.25).abs() < 1e-5);
        }
    }

    #[test]
    fn pictures_become_planes_in_range() {
        let mut image = RgbImage::filled(64, 64, [255, 0, 128]);
        image.set(0, 0, [0, 0, 0]);
        let p = planes(&image).expect("square");
        assert_eq!(p.len(), 3 * INPUT_SIZE * INPUT_SIZE);
        assert!((p[INPUT_SIZE * INPUT_SIZE + 5] + 1.0).abs() < 1e-6);
        assert!((p[5] - 1.0).abs() < 1e-6);
        assert!(p[0] < 0.6, "the black pixel darkens its 2×2 block");
        assert!(planes(&RgbImage::filled(32, 16, [0; 3])).is_err());
    }
}
