//! The pixel rule on real encoded files: centre crop, resize, alpha on white, and
//! the three formats.

use super::*;
use crate::album::{Album, Limits, load_entries};

const RED: [u8; 4] = [255, 0, 0, 255];
const BLUE: [u8; 4] = [0, 0, 255, 255];
const GREEN: [u8; 4] = [0, 255, 0, 255];

fn load_one(name: &str, bytes: &[u8], options: &AlbumOptions) -> Album {
    let files: &[(&str, &[u8])] = &[(name, bytes)];
    load_entries(entries(files), &options.clone().with_default_caption("TOK")).expect("loads")
}

/// Along a 300-pixel side: green, then red | blue halves in the middle third, then
/// green. A centred crop sees only red and blue; an off-centre one would see green.
fn thirds(horizontal: bool) -> impl Fn(u32, u32) -> [u8; 4] {
    move |x, y| match if horizontal { x } else { y } {
        t if !(100..200).contains(&t) => GREEN,
        t if t < 150 => RED,
        _ => BLUE,
    }
}

fn assert_red_then_blue(image: &[f32], across: impl Fn(u32, u32) -> (u32, u32)) {
    for line in 0..RES {
        for step in 0..RES {
            let (x, y) = across(step, line);
            let [r, g, b] = level(image, RES, x, y);
            assert_eq!(g, 0, "green at ({x}, {y}): the crop is not centred");
            match step {
                0..=2 => assert_eq!([r, b], [255, 0], "pure red at ({x}, {y})"),
                3 => assert!(r > b, "mostly red at ({x}, {y})"),
                4 => assert!(b > r, "mostly blue at ({x}, {y})"),
                _ => assert_eq!([r, b], [0, 255], "pure blue at ({x}, {y})"),
            }
        }
    }
}

#[test]
fn landscape_images_are_cropped_to_their_centre() {
    let wide = png_of(&painted(300, 100, thirds(true)));
    let album = load_one("wide.png", &wide, &subject());
    assert_red_then_blue(&album.examples[0].image, |step, line| (step, line));
}

#[test]
fn portrait_images_are_cropped_to_their_centre() {
    let tall = png_of(&painted(100, 300, thirds(false)));
    let album = load_one("tall.png", &tall, &subject());
    assert_red_then_blue(&album.examples[0].image, |step, line| (line, step));
}

#[test]
fn same_size_images_keep_every_pixel_and_values_stay_in_range() {
    let exact = painted(RES, RES, |x, y| [(x * 30) as u8, (y * 30) as u8, 77, 255]);
    let album = load_one("exact.png", &png_of(&exact), &subject());
    let image = &album.examples[0].image;
    for (x, y, px) in exact.enumerate_pixels() {
        assert_eq!(level(image, RES, x, y), [px[0], px[1], px[2]]);
    }
    assert!(image.iter().all(|v| (-1.0..=1.0).contains(v)));
    assert_eq!(image[0], -1.0, "level 0 is -1");
}

#[test]
fn transparency_is_composited_onto_white() {
    let see_through = painted(RES, RES, |x, _| {
        if x < RES / 2 {
            [0, 0, 0, 0]
        } else {
            [255, 0, 0, 128]
        }
    });
    let album = load_one("glass.png", &png_of(&see_through), &subject());
    let image = &album.examples[0].image;
    assert_eq!(level(image, RES, 0, 0), [255, 255, 255]);
    assert_eq!(level(image, RES, RES - 1, 0), [255, 127, 127]);
}

#[test]
fn jpeg_and_webp_decode() {
    let picture = painted(24, 16, |x, _| if x < 12 { RED } else { BLUE });
    let jpeg = load_one("cat.jpeg", &jpeg_of(&picture), &subject());
    let [r, g, b] = level(&jpeg.examples[0].image, RES, 0, 4);
    assert!(
        r > 240 && g < 20 && b < 20,
        "jpeg red came back as {r},{g},{b}"
    );
    let [r, g, b] = level(&jpeg.examples[0].image, RES, RES - 1, 4);
    assert!(
        r < 20 && g < 20 && b > 235,
        "jpeg blue came back as {r},{g},{b}"
    );

    let album = load_one("cat.webp", &webp_of(&picture), &subject());
    assert_eq!(level(&album.examples[0].image, RES, 0, 4), [255, 0, 0]);
    assert_eq!(
        level(&album.examples[0].image, RES, RES - 1, 4),
        [0, 0, 255]
    );
}

#[test]
fn the_extension_does_not_decide_the_format() {
    // A JPEG saved as `.png` (common after renaming) is read by its content.
    let picture = painted(8, 8, |_, _| RED);
    let album = load_one("renamed.png", &jpeg_of(&picture), &subject());
    assert!(level(&album.examples[0].image, RES, 4, 4)[0] > 240);
}

#[test]
fn oversized_canvases_are_refused_before_decoding() {
    let options = AlbumOptions {
        limits: Limits {
            max_image_side: 64,
            ..Limits::default()
        },
        ..subject().with_default_caption("TOK")
    };
    let big = solid_png(65, 10, [1, 2, 3]);
    assert_eq!(
        refusal(&[("big.png", &big)], &options).to_string(),
        "big.png is 65×10 pixels; the longest side may be at most 64"
    );
}

#[test]
fn exif_orientation_is_applied_before_cropping() {
    // Stored 16×8, red left and blue right, tagged "turn 90° clockwise to view":
    // upright it is 8×16 with red on top, so the centre crop is red over blue.
    let stored = painted(16, 8, |x, _| if x < 8 { RED } else { BLUE });
    let rotate_90: Vec<u8> = [
        &b"II*\0"[..],
        &8u32.to_le_bytes(),
        &1u16.to_le_bytes(),
        &0x0112u16.to_le_bytes(),
        &3u16.to_le_bytes(),
        &1u32.to_le_bytes(),
        &6u16.to_le_bytes(),
        &[0, 0],
        &0u32.to_le_bytes(),
    ]
    .concat();
    let mut bytes = Vec::new();
    let mut encoder = PngEncoder::new(&mut bytes);
    encoder
        .set_exif_metadata(rotate_90)
        .expect("png keeps exif");
    encoder
        .write_image(&stored, 16, 8, ExtendedColorType::Rgba8)
        .expect("png encodes");
    let album = load_one("phone.png", &bytes, &subject());
    let image = &album.examples[0].image;
    for x in 0..RES {
        assert_eq!(level(image, RES, x, 0), [255, 0, 0]);
        assert_eq!(level(image, RES, x, RES - 1), [0, 0, 255]);
    }
}

#[test]
fn a_truncated_image_is_named_with_the_decoder_reason() {
    let whole = solid_png(32, 32, [1, 2, 3]);
    let cut = &whole[..whole.len() / 2];
    let message = refusal(&[("cut.png", cut)], &subject().with_default_caption("TOK")).to_string();
    assert!(
        message.starts_with("cut.png could not be read as an image: "),
        "{message}"
    );
}
