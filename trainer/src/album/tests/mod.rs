//! Album tests on real files: PNG, JPEG and WebP bytes made with the `image`
//! crate, zips made with the `zip` writer (and, for forged headers, patched).

mod layout;
mod pixels;
mod round_trip;
mod zip_safety;

use std::io::{Cursor, Write};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbaImage};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{AlbumError, AlbumKind, AlbumOptions, Entry};

/// The resolution most tests load at.
const RES: u32 = 8;

/// An RGBA image whose pixel at `(x, y)` is `paint(x, y)`.
fn painted(width: u32, height: u32, paint: impl Fn(u32, u32) -> [u8; 4]) -> RgbaImage {
    RgbaImage::from_fn(width, height, |x, y| image::Rgba(paint(x, y)))
}

/// PNG bytes of an RGBA image.
fn png_of(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image,
            image.width(),
            image.height(),
            ExtendedColorType::Rgba8,
        )
        .expect("png encodes");
    out
}

/// PNG bytes of a solid opaque colour.
fn solid_png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    png_of(&painted(width, height, |_, _| {
        [rgb[0], rgb[1], rgb[2], 255]
    }))
}

/// A small solid PNG, different per `seed`.
fn png(seed: u8) -> Vec<u8> {
    solid_png(4, 4, [seed, 255 - seed, seed / 2])
}

/// JPEG bytes (quality 95) of an opaque image.
fn jpeg_of(image: &RgbaImage) -> Vec<u8> {
    let rgb = image::DynamicImage::ImageRgba8(image.clone()).to_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 95)
        .write_image(&rgb, rgb.width(), rgb.height(), ExtendedColorType::Rgb8)
        .expect("jpeg encodes");
    out
}

/// Lossless WebP bytes.
fn webp_of(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    WebPEncoder::new_lossless(&mut out)
        .write_image(
            image,
            image.width(),
            image.height(),
            ExtendedColorType::Rgba8,
        )
        .expect("webp encodes");
    out
}

/// A zip of `(name, bytes)` entries, deflated.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(*name, options).expect("entry starts");
        zip.write_all(bytes).expect("entry written");
    }
    zip.finish().expect("zip finishes").into_inner()
}

/// Entries from `(name, bytes)` pairs.
fn entries(files: &[(&str, &[u8])]) -> Vec<Entry> {
    files.iter().map(|(n, b)| Entry::new(*n, *b)).collect()
}

/// Subject options at [`RES`].
fn subject() -> AlbumOptions {
    AlbumOptions::new(AlbumKind::Subject, RES)
}

/// Edit options at [`RES`].
fn edit() -> AlbumOptions {
    AlbumOptions::new(AlbumKind::Edit, RES)
}

/// The error of loading `files` both as entries and as a zip; asserts both agree.
fn refusal(files: &[(&str, &[u8])], options: &AlbumOptions) -> AlbumError {
    let from_entries = super::load_entries(entries(files), options).expect_err("refused");
    let from_zip = super::load_zip(&zip_of(files), options).expect_err("refused");
    assert_eq!(from_entries, from_zip, "entries and zip disagree");
    from_entries
}

/// Pixel `(x, y)` of a `[3, s, s]` buffer, as 0..=255 levels.
fn level(image: &[f32], side: u32, x: u32, y: u32) -> [u8; 3] {
    let plane = (side * side) as usize;
    let i = (y * side + x) as usize;
    [0, 1, 2].map(|c| ((image[c * plane + i] + 1.0) * 127.5).round() as u8)
}
