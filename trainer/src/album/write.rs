//! Writing albums in exactly the layout the loader reads, so albums we generate
//! (for the course, for tests, from the lab) round-trip.
//!
//! Each [`AlbumFile`] becomes `STEM.png` (or `STEM_start.png` and `STEM_end.png`
//! for an edit pair) and, if it has a caption, `STEM.txt`. Every name is checked
//! against the loader's own gate before anything is written, so the writer cannot
//! produce an album the loader would refuse.

use std::collections::BTreeSet;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::assemble::normalise;
use super::entry::{Admit, Entry, admit};
use super::error::AlbumError;
use super::pixels::encode_png;

/// One example to write.
#[derive(Clone, Debug, PartialEq)]
pub struct AlbumFile {
    /// The name without extension, e.g. `cat_01`; `/` makes subfolders. For an
    /// edit pair, the root the `_start` and `_end` suffixes are added to.
    pub stem: String,
    /// `[3, s, s]` channel-first RGB in `[-1, 1]`; the `_end` image of an edit pair.
    pub image: Vec<f32>,
    /// The `_start` image of an edit pair, same layout; `None` for single images.
    pub start: Option<Vec<f32>>,
    /// The caption (written normalised, on one line), or `None` to rely on the
    /// loader's default caption.
    pub caption: Option<String>,
}

/// The album's files as names and bytes, sorted by name: what [`write_zip`] packs
/// and the folder writer saves.
pub fn layout(files: &[AlbumFile]) -> Result<Vec<Entry>, AlbumError> {
    let edits = files.iter().filter(|f| f.start.is_some()).count();
    if edits != 0 && edits != files.len() {
        return Err(AlbumError::Invalid(
            "an album cannot mix edit pairs and single images".into(),
        ));
    }
    let mut entries = Vec::new();
    let mut stems = BTreeSet::new();
    for file in files {
        if !stems.insert(file.stem.as_str()) {
            return Err(AlbumError::Invalid(format!(
                "two album files share the name `{}`",
                file.stem
            )));
        }
        match &file.start {
            Some(start) => {
                entries.push(named(
                    format!("{}_start.png", file.stem),
                    encode_png(start)?,
                )?);
                entries.push(named(
                    format!("{}_end.png", file.stem),
                    encode_png(&file.image)?,
                )?);
            }
            None => entries.push(named(
                format!("{}.png", file.stem),
                encode_png(&file.image)?,
            )?),
        }
        if let Some(caption) = &file.caption {
            let caption = normalise(caption);
            if caption.is_empty() {
                return Err(AlbumError::Invalid(format!(
                    "the caption of `{}` is empty; use None for the default caption",
                    file.stem
                )));
            }
            let text = format!("{caption}\n");
            entries.push(named(format!("{}.txt", file.stem), text.into_bytes())?);
        }
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// An entry, if the loader would accept `name` unchanged.
fn named(name: String, bytes: Vec<u8>) -> Result<Entry, AlbumError> {
    match admit(&name, 0, false, u64::MAX) {
        Ok(Admit::File(clean)) if clean == name => Ok(Entry { name, bytes }),
        _ => Err(AlbumError::Invalid(format!(
            "`{name}` cannot be a file name in an album"
        ))),
    }
}

/// The album as zip bytes. PNGs are stored as they are (they are compressed
/// already); captions are deflated. The bytes are the same for the same files.
pub fn write_zip(files: &[AlbumFile]) -> Result<Vec<u8>, AlbumError> {
    let zip_error =
        |e: &dyn std::fmt::Display| AlbumError::Invalid(format!("zip writing failed: {e}"));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for entry in layout(files)? {
        let method = if entry.name.ends_with(".png") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .unix_permissions(0o644);
        zip.start_file(entry.name.as_str(), options)
            .map_err(|e| zip_error(&e))?;
        zip.write_all(&entry.bytes).map_err(|e| zip_error(&e))?;
    }
    Ok(zip.finish().map_err(|e| zip_error(&e))?.into_inner())
}
