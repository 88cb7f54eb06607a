//! Engine pictures as something an `<img>` can show, without a canvas: an
//! uncompressed BMP in a `data:` URL. Plain bytes in, a string out, so it is
//! tested natively and the page needs no drawing code.

use lab_engine::protocol::base64;

/// `size × size` RGB bytes (row by row, top first) as a `data:image/bmp` URL.
/// Missing bytes read as black.
pub fn data_url(size: u32, rgb: &[u8]) -> String {
    let side = size as usize;
    let row = (3 * side).div_ceil(4) * 4;
    let pixels = row * side;
    let mut bmp = Vec::with_capacity(54 + pixels);
    let file = (54 + pixels) as u32;
    bmp.extend_from_slice(b"BM");
    bmp.extend_from_slice(&file.to_le_bytes());
    bmp.extend_from_slice(&[0; 4]);
    bmp.extend_from_slice(&54u32.to_le_bytes());
    bmp.extend_from_slice(&40u32.to_le_bytes());
    bmp.extend_from_slice(&(size as i32).to_le_bytes());
    bmp.extend_from_slice(&(size as i32).to_le_bytes());
    bmp.extend_from_slice(&1u16.to_le_bytes());
    bmp.extend_from_slice(&24u16.to_le_bytes());
    bmp.extend_from_slice(&[0; 4]);
    bmp.extend_from_slice(&(pixels as u32).to_le_bytes());
    bmp.extend_from_slice(&[0; 16]);
    // BMP rows go bottom up, blue first, each padded to four bytes.
    for y in (0..side).rev() {
        for x in 0..side {
            let at = 3 * (y * side + x);
            let px = |c: usize| rgb.get(at + c).copied().unwrap_or(0);
            bmp.extend_from_slice(&[px(2), px(1), px(0)]);
        }
        bmp.resize(bmp.len() + row - 3 * side, 0);
    }
    format!("data:image/bmp;base64,{}", base64(&bmp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn a_picture_becomes_a_bmp_with_rows_bottom_up() {
        // 2×2: red, green / blue, white.
        let rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
        let url = data_url(2, &rgb);
        let body = url.strip_prefix("data:image/bmp;base64,").expect("bmp url");
        assert_eq!(body.len() % 4, 0);
        // 54 header bytes + 2 rows of 8 (6 padded to 8).
        assert_eq!(body.len(), (54 + 16usize).div_ceil(3) * 4);
        let expected_first_row = [255, 0, 0, 255, 255, 255, 0, 0]; // blue, white (BGR) + pad
        let mut bmp = Vec::new();
        bmp.extend_from_slice(&[0; 54]);
        bmp.extend_from_slice(&expected_first_row);
        bmp.extend_from_slice(&[0, 0, 255, 0, 255, 0, 0, 0]);
        assert_eq!(&base64(&bmp)[72..], &body[72..], "pixel rows");
        assert!(url.len() < 200);
    }
}
