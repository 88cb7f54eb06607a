//! The album-leak score: how close a sample comes to copying an album picture.
//!
//! A LoRA that memorised its album paints the album back (the "photocopier").
//! Two measures, each the highest similarity to any album picture:
//!
//! - **feature**: cosine of the judges' centred pooled trunk features. It sees
//!   through small shifts, blur and grain, so a blurry copy still scores high;
//!   unrelated pictures score near 0 because the training mean is removed first.
//! - **pixel**: the Pearson correlation of the two pictures' pixels at 32×32
//!   (each picture's own mean removed). Only near-exact copies score near 1.

use burn::tensor::backend::Backend;

use super::judges::Judges;
use super::pixels::planes;
use crate::TrainerError;
use crate::image::RgbImage;

/// How close one picture comes to the album.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Leak {
    /// The highest feature cosine to any album picture, in `[-1, 1]`.
    pub feature: f32,
    /// Which album picture that was.
    pub feature_nearest: usize,
    /// The highest pixel correlation to any album picture, in `[-1, 1]`.
    pub pixel: f32,
    /// Which album picture that was.
    pub pixel_nearest: usize,
}

/// Cosine similarity; 0 when either vector is all zeros.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// Cosine after removing each vector's own mean (Pearson correlation).
pub fn correlation(a: &[f32], b: &[f32]) -> f32 {
    let centre = |v: &[f32]| {
        let mean = v.iter().sum::<f32>() / v.len().max(1) as f32;
        v.iter().map(|x| x - mean).collect::<Vec<f32>>()
    };
    cosine(&centre(a), &centre(b))
}

/// For each of `items`, the highest `similarity` to any of `album` and where.
fn nearest(
    items: &[Vec<f32>],
    album: &[Vec<f32>],
    similarity: fn(&[f32], &[f32]) -> f32,
) -> Vec<(f32, usize)> {
    items
        .iter()
        .map(|item| {
            album
                .iter()
                .enumerate()
                .map(|(j, a)| (similarity(item, a), j))
                .fold((f32::MIN, 0), |best, x| if x.0 > best.0 { x } else { best })
        })
        .collect()
}

fn refuse_empty(album: &[RgbImage]) -> Result<(), TrainerError> {
    if album.is_empty() {
        return Err(TrainerError::Judges(
            "the leak score needs at least one album picture".into(),
        ));
    }
    Ok(())
}

/// The pixel-correlation leak of each of `images` against `album` (no network).
pub fn pixel_leak(images: &[RgbImage], album: &[RgbImage]) -> Result<Vec<f32>, TrainerError> {
    refuse_empty(album)?;
    let items = images.iter().map(planes).collect::<Result<Vec<_>, _>>()?;
    let album = album.iter().map(planes).collect::<Result<Vec<_>, _>>()?;
    Ok(nearest(&items, &album, correlation)
        .into_iter()
        .map(|(s, _)| s)
        .collect())
}

impl<B: Backend> Judges<B> {
    /// The feature leak of each of `images`: its highest feature cosine to any
    /// `album` picture (1 for a copy, near 0 for an unrelated picture).
    pub fn leak(&self, images: &[RgbImage], album: &[RgbImage]) -> Result<Vec<f32>, TrainerError> {
        Ok(self
            .leak_report(images, album)?
            .into_iter()
            .map(|l| l.feature)
            .collect())
    }

    /// Both leak measures for each of `images`, with the nearest album pictures.
    pub fn leak_report(
        &self,
        images: &[RgbImage],
        album: &[RgbImage],
    ) -> Result<Vec<Leak>, TrainerError> {
        refuse_empty(album)?;
        let features = self.features(images)?;
        let album_features = self.features(album)?;
        let pixels = images.iter().map(planes).collect::<Result<Vec<_>, _>>()?;
        let album_pixels = album.iter().map(planes).collect::<Result<Vec<_>, _>>()?;
        let by_feature = nearest(&features, &album_features, cosine);
        let by_pixel = nearest(&pixels, &album_pixels, correlation);
        Ok(by_feature
            .into_iter()
            .zip(by_pixel)
            .map(
                |((feature, feature_nearest), (pixel, pixel_nearest))| Leak {
                    feature,
                    feature_nearest,
                    pixel,
                    pixel_nearest,
                },
            )
            .collect())
    }
}
