//! Unpacking an album zip into memory, one entry at a time, with limits.
//!
//! Uploaded zips are untrusted. Nothing here touches a file system, and the zip
//! crate's bulk `extract` is never called. Two passes:
//!
//! 1. **Headers only.** Every entry's name goes through [`admit`] (absolute paths,
//!    `..`, symlinks, nested archives, oversized files), encrypted entries are
//!    refused, the declared sizes must fit the album's total, and an entry whose
//!    declared size is more than `max_ratio` times its compressed size is refused
//!    as a zip bomb. Nothing is decompressed before every header has passed.
//! 2. **Contents.** Each admitted entry is read through a cap of its declared size
//!    plus one byte; an entry that yields more than it declared is refused, so a
//!    forged header cannot smuggle a bomb past the first pass.

use std::io::{Cursor, ErrorKind, Read};

use zip::ZipArchive;

use super::Limits;
use super::entry::{Admit, Entry, admit};
use super::error::AlbumError;

/// Entries smaller than this are not judged by their compression ratio: a small
/// file cannot hurt, and tiny or empty files have meaningless ratios.
pub(super) const RATIO_FLOOR: u64 = 1 << 20;

/// The admitted files of a zip, with the count of system files skipped.
pub(super) struct Unpacked {
    /// Files to assemble, under cleaned paths, in archive order.
    pub files: Vec<Entry>,
    /// System files skipped silently (`__MACOSX/…`, `.DS_Store`).
    pub ignored: usize,
}

/// Reads `bytes` as a zip under `limits`.
pub(super) fn unpack(bytes: &[u8], limits: &Limits) -> Result<Unpacked, AlbumError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| AlbumError::NotAZip {
        reason: e.to_string(),
    })?;
    if archive.len() > limits.max_entries {
        return Err(AlbumError::TooManyEntries {
            count: archive.len(),
            max: limits.max_entries,
        });
    }

    // Pass 1: headers.
    let mut admitted = Vec::new();
    let mut ignored = 0;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let file = archive
            .by_index_raw(index)
            .map_err(|e| AlbumError::NotAZip {
                reason: e.to_string(),
            })?;
        // `name` decodes by the entry's flags (UTF-8 or the old IBM code page).
        let raw = file.name().map_err(|_| AlbumError::BadName {
            file: String::from_utf8_lossy(file.name_raw()).into_owned(),
        })?;
        let raw = raw.into_owned();
        let declared = file.size();
        let path = match admit(&raw, declared, file.is_symlink(), limits.max_file_bytes)? {
            Admit::Ignore => {
                ignored += 1;
                continue;
            }
            Admit::Directory => continue,
            Admit::File(path) => path,
        };
        if file.encrypted() {
            return Err(AlbumError::Encrypted { file: path });
        }
        if declared >= RATIO_FLOOR {
            let ratio = declared / file.compressed_size().max(1);
            if ratio > limits.max_ratio {
                return Err(AlbumError::SuspiciousRatio {
                    file: path,
                    ratio,
                    max: limits.max_ratio,
                });
            }
        }
        total = total.saturating_add(declared);
        if total > limits.max_total_bytes {
            return Err(AlbumError::TooLarge {
                max: limits.max_total_bytes,
            });
        }
        admitted.push((index, path, declared));
    }

    // Pass 2: contents, each capped at its declared size.
    let mut files = Vec::with_capacity(admitted.len());
    for (index, path, declared) in admitted {
        let unpack_error = |e: &dyn std::fmt::Display| AlbumError::Unpack {
            file: path.clone(),
            reason: e.to_string(),
        };
        let file = archive.by_index(index).map_err(|e| unpack_error(&e))?;
        // `declared` is at most `max_file_bytes`, so this allocation is bounded.
        let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        let read = file
            .take(declared.saturating_add(1))
            .read_to_end(&mut bytes);
        // The zip crate also counts what it inflates and fails with `InvalidData`
        // once an entry outgrows its header; both ways end in the same refusal.
        let overflowed = match read {
            Ok(_) => bytes.len() as u64 > declared,
            Err(e) if e.kind() == ErrorKind::InvalidData && e.to_string().contains("declared") => {
                true
            }
            Err(e) => return Err(unpack_error(&e)),
        };
        if overflowed {
            return Err(AlbumError::SizeMismatch {
                file: path,
                declared,
            });
        }
        files.push(Entry { name: path, bytes });
    }
    Ok(Unpacked { files, ignored })
}
