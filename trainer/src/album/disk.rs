//! The native-only shell around the album core: reading a folder or a zip file
//! from disk, and writing a folder. The browser never compiles this; it hands the
//! core bytes or entries instead.
//!
//! Folders get the same gate as zips: every name passes [`admit`], symlinks are
//! refused rather than followed, sizes are checked from metadata before a file is
//! read, and the walk stops at the entry limit.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::entry::{Admit, Entry, admit};
use super::error::AlbumError;
use super::loaded::Album;
use super::write::{AlbumFile, layout};
use super::{AlbumOptions, Limits, load_entries, load_zip};

fn io_error(path: &Path, error: &std::io::Error) -> AlbumError {
    AlbumError::Io {
        path: path.display().to_string(),
        reason: error.to_string(),
    }
}

/// Loads an album from a folder, or from a `.zip` file.
pub fn load_path(path: &Path, options: &AlbumOptions) -> Result<Album, AlbumError> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if meta.is_dir() {
        return load_entries(read_folder(path, &options.limits)?, options);
    }
    if meta.len() > options.limits.max_total_bytes {
        return Err(AlbumError::TooLarge {
            max: options.limits.max_total_bytes,
        });
    }
    let bytes = fs::read(path).map_err(|e| io_error(path, &e))?;
    load_zip(&bytes, options)
}

/// Every file under `root` (system files included, for the loader to skip), with
/// paths relative to `root`, after the same checks a zip's headers get.
pub fn read_folder(root: &Path, limits: &Limits) -> Result<Vec<Entry>, AlbumError> {
    let mut entries = Vec::new();
    let mut seen = 0;
    let mut total: u64 = 0;
    let mut pending = vec![String::new()];
    while let Some(dir) = pending.pop() {
        let mut listing = fs::read_dir(root.join(&dir))
            .and_then(|items| items.collect::<Result<Vec<_>, _>>())
            .map_err(|e| io_error(&root.join(&dir), &e))?;
        listing.sort_by_key(|item| item.file_name());
        for item in listing {
            seen += 1;
            if seen > limits.max_entries {
                return Err(AlbumError::TooManyEntries {
                    count: seen,
                    max: limits.max_entries,
                });
            }
            let name = item.file_name();
            let Some(name) = name.to_str() else {
                return Err(AlbumError::BadName {
                    file: format!("{dir}{}", name.to_string_lossy()),
                });
            };
            let relative = format!("{dir}{name}");
            let path = item.path();
            let meta = fs::symlink_metadata(&path).map_err(|e| io_error(&path, &e))?;
            if meta.is_dir() {
                let as_dir = format!("{relative}/");
                match admit(&as_dir, 0, false, limits.max_file_bytes)? {
                    Admit::Directory => pending.push(as_dir),
                    // Not walked (`.git/`, `__MACOSX/`), but counted as skipped.
                    _ => entries.push(Entry::new(as_dir, Vec::new())),
                }
                continue;
            }
            let verdict = admit(
                &relative,
                meta.len(),
                meta.file_type().is_symlink(),
                limits.max_file_bytes,
            )?;
            match verdict {
                Admit::File(_) => {}
                // Ignored system files travel empty, so the loader counts them.
                Admit::Ignore => {
                    entries.push(Entry::new(relative, Vec::new()));
                    continue;
                }
                Admit::Directory => continue,
            }
            total = total.saturating_add(meta.len());
            if total > limits.max_total_bytes {
                return Err(AlbumError::TooLarge {
                    max: limits.max_total_bytes,
                });
            }
            let mut bytes = Vec::new();
            fs::File::open(&path)
                .and_then(|f| f.take(limits.max_file_bytes + 1).read_to_end(&mut bytes))
                .map_err(|e| io_error(&path, &e))?;
            entries.push(Entry::new(relative, bytes));
        }
    }
    Ok(entries)
}

/// Writes `files` into the folder `dir`, creating it; refuses a folder that exists
/// and is not empty, so an old album's files never mix into the new one.
pub fn write_folder(dir: &Path, files: &[AlbumFile]) -> Result<(), AlbumError> {
    let entries = layout(files)?;
    if dir.exists() {
        let mut listing = fs::read_dir(dir).map_err(|e| io_error(dir, &e))?;
        if listing.next().is_some() {
            return Err(AlbumError::Io {
                path: dir.display().to_string(),
                reason: "the folder is not empty; albums are written into a new folder".into(),
            });
        }
    }
    for entry in entries {
        let path = dir.join(&entry.name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        }
        fs::write(&path, &entry.bytes).map_err(|e| io_error(&path, &e))?;
    }
    Ok(())
}
