//! Hostile zips: path traversal, absolute paths, symlinks, nested archives,
//! bombs by ratio and by forged sizes, and every limit.

use super::*;
use crate::album::{Limits, load_entries, load_zip};

fn zip_message(bytes: &[u8], options: &AlbumOptions) -> String {
    load_zip(bytes, options).expect_err("refused").to_string()
}

/// Overwrites the little-endian u32 at `offset` after every occurrence of the
/// `signature` (local and central headers).
fn patch_u32(zip: &mut [u8], signature: &[u8; 4], offset: usize, value: u32) -> usize {
    let starts: Vec<usize> = zip
        .windows(4)
        .enumerate()
        .filter(|(_, w)| w == signature)
        .map(|(i, _)| i)
        .collect();
    for &start in &starts {
        zip[start + offset..start + offset + 4].copy_from_slice(&value.to_le_bytes());
    }
    starts.len()
}

const LOCAL: &[u8; 4] = b"PK\x03\x04";
const CENTRAL: &[u8; 4] = b"PK\x01\x02";

#[test]
fn traversal_and_absolute_paths_are_refused() {
    let cat = png(1);
    let zip = zip_of(&[("cat.png", &cat), ("cat.txt", b"x"), ("../evil.png", &cat)]);
    assert_eq!(
        zip_message(&zip, &subject()),
        "../evil.png climbs out of the album with `..`; album entries must stay inside it"
    );
    let zip = zip_of(&[("ok/../../evil.png", &cat)]);
    assert!(zip_message(&zip, &subject()).starts_with("ok/../../evil.png climbs out"));
    let zip = zip_of(&[("/etc/evil.png", &cat)]);
    assert_eq!(
        zip_message(&zip, &subject()),
        "/etc/evil.png is an absolute path; album entries must be relative paths inside the album"
    );
    // The same names handed in as entries get the same answers.
    let err = load_entries(entries(&[("..\\evil.png", &cat)]), &subject()).expect_err("refused");
    assert!(matches!(err, AlbumError::ParentDir { .. }));
}

#[test]
fn symlinks_are_refused() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    zip.start_file("cat.png", options).expect("entry");
    zip.write_all(&png(1)).expect("written");
    zip.add_symlink("cat.txt", "/etc/passwd", options)
        .expect("symlink entry");
    let bytes = zip.finish().expect("finishes").into_inner();
    assert_eq!(
        zip_message(&bytes, &subject()),
        "cat.txt is a symbolic link; an album may contain only plain files"
    );
}

#[test]
fn nested_archives_are_refused() {
    let inner = zip_of(&[("cat.png", &png(1))]);
    for name in [
        "inner.zip",
        "x/photos.tar.gz",
        "more.7z",
        "more.rar",
        "t.tar",
    ] {
        let zip = zip_of(&[("cat.png", &png(1)), (name, &inner)]);
        assert_eq!(
            zip_message(&zip, &subject()),
            format!(
                "{name} is an archive inside the album; unpack it and put its images in the album itself"
            )
        );
    }
}

#[test]
fn a_zip_bomb_is_refused_by_its_ratio_before_inflating() {
    let zeros = vec![0u8; 2 << 20];
    let bytes = zip_of(&[("cat.txt", b"x"), ("cat.png", &zeros)]);
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
    let compressed = archive.by_index_raw(1).expect("entry").compressed_size();
    let ratio = (2u64 << 20) / compressed;
    assert!(ratio > 100, "zeros compress {ratio}:1");
    assert_eq!(
        zip_message(&bytes, &subject()),
        format!(
            "cat.png expands {ratio}:1 when unpacked (at most 100:1 is allowed); the zip looks like a zip bomb"
        )
    );
}

#[test]
fn an_entry_that_outgrows_its_declared_size_is_cut_off() {
    // 600 KiB of zeros that claims to be 100 bytes: under the ratio floor, so only
    // the capped read can catch it.
    let zeros = vec![0u8; 600 << 10];
    let mut bytes = zip_of(&[("cat.png", &zeros)]);
    assert_eq!(patch_u32(&mut bytes, LOCAL, 22, 100), 1);
    assert_eq!(patch_u32(&mut bytes, CENTRAL, 24, 100), 1);
    assert_eq!(
        zip_message(&bytes, &subject()),
        "cat.png unpacks to more than the 100 bytes its zip header declares; the zip is damaged or forged"
    );
}

#[test]
fn encrypted_entries_are_refused() {
    let mut bytes = zip_of(&[("cat.png", &png(1))]);
    // Set bit 0 of the general purpose flags (offset 6 local, 8 central).
    for (signature, offset) in [(LOCAL, 6), (CENTRAL, 8)] {
        let start = bytes
            .windows(4)
            .position(|w| w == signature)
            .expect("header");
        bytes[start + offset] |= 1;
    }
    assert_eq!(
        zip_message(&bytes, &subject()),
        "cat.png is encrypted; albums cannot be password-protected"
    );
}

#[test]
fn limits_on_entries_and_sizes() {
    let small = Limits {
        max_entries: 3,
        max_total_bytes: 1000,
        max_file_bytes: 700,
        ..Limits::default()
    };
    let options = AlbumOptions {
        limits: small,
        ..subject()
    };
    let b = [7u8; 600];
    let four: &[(&str, &[u8])] = &[("a", b""), ("b", b""), ("c", b""), ("d", b"")];
    assert_eq!(
        refusal(four, &options).to_string(),
        "the album has 4 entries; at most 3 are allowed"
    );
    let two: &[(&str, &[u8])] = &[("a.png", &b), ("b.png", &b)];
    assert_eq!(
        refusal(two, &options).to_string(),
        "the album unpacks to more than 1000 bytes"
    );
    let big = [7u8; 701];
    assert_eq!(
        refusal(&[("big.png", &big)], &options).to_string(),
        "big.png is 701 bytes; one file may be at most 700 bytes"
    );
}

#[test]
fn garbage_is_not_a_zip() {
    let message = zip_message(b"this is not a zip file at all", &subject());
    assert!(
        message.starts_with("the album is not a readable zip file: "),
        "{message}"
    );
}
