//! From encoded image bytes to the painter's input, and back to PNG for the writer.
//!
//! The rule, in order: decode (png, jpeg or webp, recognised by content); turn the
//! image upright if its EXIF says it was shot rotated; centre-crop to a square on
//! the shorter side; composite any transparency onto white; resize the square to
//! the album's resolution with a triangle (tent) filter whose footprint widens when
//! shrinking, so downscaling averages neighbours instead of aliasing; and finally
//! map each channel from `0..=255` to `[-1, 1]`, channel-first (`[3, s, s]`).

use std::io::Cursor;

use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader,
    RgbImage, RgbaImage,
};

use super::error::AlbumError;

/// The resampling filter for the final resize.
const FILTER: FilterType = FilterType::Triangle;

/// Decodes `bytes` (the file `file`) into `[3, resolution, resolution]` floats in
/// `[-1, 1]`, refusing images whose longest side exceeds `max_side`.
pub(super) fn decode(
    file: &str,
    bytes: &[u8],
    resolution: u32,
    max_side: u32,
) -> Result<Vec<f32>, AlbumError> {
    let undecodable = |reason: String| AlbumError::Undecodable {
        file: file.to_owned(),
        reason,
    };
    let format = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| undecodable(e.to_string()))?
        .format();
    let format = match format {
        Some(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => f,
        _ => return Err(undecodable("its contents are not png, jpeg or webp".into())),
    };
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| undecodable(e.to_string()))?;
    if width.max(height) > max_side {
        return Err(AlbumError::ImageTooLarge {
            file: file.to_owned(),
            width,
            height,
            max: max_side,
        });
    }
    if width == 0 || height == 0 {
        return Err(undecodable("it has no pixels".into()));
    }

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(max_side);
    limits.max_image_height = Some(max_side);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| undecodable(e.to_string()))?;
    // A missing or unreadable orientation tag means "as stored".
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| undecodable(e.to_string()))?;
    image.apply_orientation(orientation);

    Ok(to_tensor(&square(image, resolution)))
}

/// Centre-crops `image` to a square on its shorter side, composites it onto white
/// and resizes it to `size`×`size`.
fn square(image: DynamicImage, size: u32) -> RgbImage {
    let (width, height) = (image.width(), image.height());
    let side = width.min(height);
    let cropped = image.crop_imm((width - side) / 2, (height - side) / 2, side, side);
    drop(image);
    let rgb = if cropped.color().has_alpha() {
        on_white(&cropped.into_rgba8())
    } else {
        cropped.into_rgb8()
    };
    if side == size {
        rgb
    } else {
        image::imageops::resize(&rgb, size, size, FILTER)
    }
}

/// Transparent pixels over a white page.
fn on_white(rgba: &RgbaImage) -> RgbImage {
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let alpha = f32::from(px[3]) / 255.0;
        for c in 0..3 {
            let over_white = f32::from(px[c]) * alpha + 255.0 * (1.0 - alpha);
            out[c] = over_white.round().clamp(0.0, 255.0) as u8;
        }
    }
    rgb
}

/// `[3, s, s]` channel-first floats in `[-1, 1]`.
fn to_tensor(rgb: &RgbImage) -> Vec<f32> {
    let plane = (rgb.width() * rgb.height()) as usize;
    let mut out = vec![0.0; 3 * plane];
    for (i, px) in rgb.pixels().enumerate() {
        for c in 0..3 {
            out[c * plane + i] = f32::from(px[c]) / 127.5 - 1.0;
        }
    }
    out
}

/// The side `s` of a `[3, s, s]` buffer, if `len` is one.
pub(super) fn side_of(len: usize) -> Option<u32> {
    let side = ((len / 3) as f64).sqrt().round() as usize;
    (side > 0 && 3 * side * side == len)
        .then(|| u32::try_from(side).ok())
        .flatten()
}

/// Encodes a `[3, s, s]` buffer in `[-1, 1]` as an 8-bit RGB PNG. Values are
/// clamped and rounded to the nearest of the 256 levels the loader maps back.
pub(super) fn encode_png(image: &[f32]) -> Result<Vec<u8>, AlbumError> {
    let side = side_of(image.len()).ok_or_else(|| {
        AlbumError::Invalid(format!(
            "an image buffer of {} values is not [3, s, s]",
            image.len()
        ))
    })?;
    let plane = (side * side) as usize;
    let mut raw = vec![0u8; 3 * plane];
    for i in 0..plane {
        for c in 0..3 {
            raw[3 * i + c] = quantise(image[c * plane + i]);
        }
    }
    let mut png = Vec::new();
    PngEncoder::new(&mut png)
        .write_image(&raw, side, side, ExtendedColorType::Rgb8)
        .map_err(|e| AlbumError::Invalid(format!("PNG encoding failed: {e}")))?;
    Ok(png)
}

/// `[-1, 1]` to the nearest 8-bit level (NaN becomes 0).
fn quantise(value: f32) -> u8 {
    ((value.clamp(-1.0, 1.0) + 1.0) * 127.5).round() as u8
}
