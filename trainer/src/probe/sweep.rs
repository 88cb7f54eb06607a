//! The scale sweep: one bracelet worn at several scales (0 = off, 1 = as
//! trained, above 1 = pushed), each measured on the probe set.
//!
//! Besides the probe's identity, obedience and leaks, each scale gets two
//! picture statistics, colour **saturation** and luminance **contrast**, set
//! against the album's own. A bracelet pushed too hard paints a caricature:
//! colours and contrasts the album never had, which the ratios to the album
//! show as a number, and the judges' share of pictures still read as photos.

use burn::tensor::backend::Backend;
use serde::{Deserialize, Serialize};

use super::probes::{ProbeReport, ProbeSet, measure};
use crate::TrainerError;
use crate::image::RgbImage;
use crate::judge::Judges;
use crate::lora::{LoraAdapter, Worn};
use crate::model::Painter;
use crate::world::Style;

/// Mean colour statistics of some pictures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PictureStats {
    /// Mean HSV saturation, 0..1.
    pub saturation: f64,
    /// Mean per-picture standard deviation of luminance, 0..1.
    pub contrast: f64,
}

/// Saturation and contrast averaged over `pictures`.
pub fn picture_stats(pictures: &[RgbImage]) -> PictureStats {
    if pictures.is_empty() {
        return PictureStats::default();
    }
    let mut total = PictureStats::default();
    for picture in pictures {
        let mut saturation = 0.0;
        let (mut sum, mut squares) = (0.0, 0.0);
        let pixels = picture.pixels.chunks_exact(3);
        let count = pixels.len().max(1) as f64;
        for rgb in pixels {
            let [r, g, b] = [rgb[0], rgb[1], rgb[2]].map(|c| f64::from(c) / 255.0);
            let (high, low) = (r.max(g).max(b), r.min(g).min(b));
            if high > 0.0 {
                saturation += (high - low) / high;
            }
            let luma = 0.299 * r + 0.587 * g + 0.114 * b;
            sum += luma;
            squares += luma * luma;
        }
        let mean = sum / count;
        total.saturation += saturation / count;
        total.contrast += (squares / count - mean * mean).max(0.0).sqrt();
    }
    let n = pictures.len() as f64;
    PictureStats {
        saturation: total.saturation / n,
        contrast: total.contrast / n,
    }
}

/// One scale's measurement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScalePoint {
    /// The bracelet's scale.
    pub scale: f32,
    /// The probe set's numbers at this scale.
    pub probe: ProbeReport,
    /// The pictures' colour statistics.
    pub stats: PictureStats,
    /// Saturation divided by the album's.
    pub saturation_ratio: f64,
    /// Contrast divided by the album's.
    pub contrast_ratio: f64,
    /// Share of pictures the style judge still reads as photos.
    pub photo_share: f64,
}

/// Measures `adapter` at every scale in `scales` on `set`; `album` are the
/// training pictures (leak score and the statistics' reference). Returns the
/// points and, per scale, the pictures painted.
pub fn sweep<B: Backend>(
    painter: &Painter<B>,
    adapter: &LoraAdapter<B>,
    judges: &Judges<B>,
    album: &[RgbImage],
    set: &ProbeSet,
    scales: &[f32],
) -> Result<(Vec<ScalePoint>, Vec<Vec<RgbImage>>), TrainerError> {
    let reference = picture_stats(album);
    let ratio = |value: f64, of: f64| if of > 0.0 { value / of } else { 0.0 };
    let mut points = Vec::with_capacity(scales.len());
    let mut sheets = Vec::with_capacity(scales.len());
    for &scale in scales {
        let worn = [Worn::new(adapter, scale)];
        let (probe, pictures) = measure(painter, &worn, judges, album, set)?;
        let verdicts = judges.score(&pictures)?;
        let photos = verdicts.iter().filter(|v| v.style == Style::Photo).count();
        let stats = picture_stats(&pictures);
        points.push(ScalePoint {
            scale,
            probe,
            stats,
            saturation_ratio: ratio(stats.saturation, reference.saturation),
            contrast_ratio: ratio(stats.contrast, reference.contrast),
            photo_share: photos as f64 / verdicts.len().max(1) as f64,
        });
        sheets.push(pictures);
    }
    Ok((points, sheets))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(rgb: [u8; 3]) -> RgbImage {
        RgbImage {
            width: 2,
            height: 2,
            pixels: rgb.repeat(4),
        }
    }

    #[test]
    fn grey_has_no_saturation_and_flat_has_no_contrast() {
        let stats = picture_stats(&[flat([128, 128, 128])]);
        assert_eq!(stats, PictureStats::default());
        let red = picture_stats(&[flat([200, 0, 0])]);
        assert!((red.saturation - 1.0).abs() < 1e-12);
        assert_eq!(red.contrast, 0.0);
    }

    #[test]
    fn black_and_white_halves_have_half_contrast() {
        let picture = RgbImage {
            width: 2,
            height: 1,
            pixels: vec![0, 0, 0, 255, 255, 255],
        };
        let stats = picture_stats(&[picture]);
        assert!((stats.contrast - 0.5).abs() < 1e-9, "{stats:?}");
        assert_eq!(stats.saturation, 0.0);
    }
}
