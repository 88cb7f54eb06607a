//! Albums: the folders and zips of captioned images that LoRA trainings learn from.
//!
//! One implementation serves the CLI, the server (instructors upload albums) and
//! the browser (WebAssembly), so the core ([`load`], [`load_zip`],
//! [`load_entries`], [`write_zip`]) takes bytes or an in-memory list of
//! [`Entry`]s and never touches a file system; [`load_path`], [`read_folder`] and
//! [`write_folder`] are a thin native-only layer on top.
//!
//! # Layout an album must have
//!
//! - Images are `png`, `jpeg` (`.jpg`/`.jpeg`) or `webp`, recognised by content;
//!   each is captioned by a `.txt` file of the same stem beside it
//!   (`cat_01.png` + `cat_01.txt`). An image without one takes the album's
//!   default caption; with no default caption, the album is refused.
//! - Captions are trimmed, a byte-order mark is dropped, and every run of
//!   whitespace (newlines included) becomes one space. An empty caption file is
//!   refused: it is almost always a mistake, and deleting it asks for the default.
//! - **Edit albums** hold pairs `ROOT_start.*` / `ROOT_end.*`, captioned by
//!   `ROOT.txt` (the edit in words). Every image must be half of a pair.
//! - **Subfolders** are allowed and kept: a file is known by its path inside the
//!   album (`shoot/cat_01.png`), and captions pair with images in the same folder
//!   only. A zip holding one top-level folder therefore just works.
//! - Silently skipped: anything under `__MACOSX/`, dotfiles and dot-folders
//!   (`.DS_Store`, `._cat.png`), `Thumbs.db` and `desktop.ini`. Any other file
//!   (a `notes.pdf`, a `.txt` with no image) is refused, naming it.
//!
//! # Pixels
//!
//! Each image is turned upright by its EXIF orientation, centre-cropped to a
//! square on its shorter side, composited onto white where it is transparent,
//! resized to the album's resolution with a triangle filter (which averages when
//! shrinking) at 8 bits per channel, and stored channel-first (`[3, s, s]`) with values in `[-1, 1]`,
//! as [`crate::train::Example`] expects.
//!
//! # Safety with untrusted zips
//!
//! Entries are read one by one into memory under [`Limits`]; the zip crate's
//! bulk `extract` is never used. Refused: more entries than allowed, a declared
//! or actual total beyond the limit, one file beyond its limit, an entry whose
//! declared size is more than `max_ratio` times its compressed size (from 1 MiB
//! up), an entry that inflates past its declared size (reading stops there),
//! absolute paths, `..` components, symlinks, encrypted entries and archives
//! inside the archive (`.zip`, `.tar`, `.gz`, `.7z`, `.rar`, …). Decoders get
//! pixel limits too, so a small file cannot claim a gigapixel canvas.
//!
//! # All or nothing
//!
//! [`load_zip`] and [`load_entries`] return a whole [`Album`] or one
//! [`AlbumError`] naming the first problem. Safety checks run first, in the
//! archive's order; then the layout is judged in name order, and every naming
//! problem is found before any image is decoded.
//!
//! # Writing
//!
//! [`write_zip`] and [`write_folder`] produce the layout above from
//! [`AlbumFile`]s (8-bit RGB PNGs, one-line `.txt` captions, `_start`/`_end`
//! pairs), refusing any name the loader would refuse, so generated albums load
//! back unchanged.

mod assemble;
#[cfg(not(target_arch = "wasm32"))]
mod disk;
mod entry;
mod error;
mod loaded;
mod pixels;
mod vocabulary;
mod write;
mod zipped;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

#[cfg(not(target_arch = "wasm32"))]
pub use disk::{load_path, read_folder, write_folder};
pub use entry::Entry;
pub use error::AlbumError;
pub use loaded::{Album, AlbumExample, AlbumSummary, StartImage};
pub use vocabulary::{CaptionOrigin, Problem, ProblemKind};
pub use write::{AlbumFile, layout, write_zip};

/// What the album teaches; decides how files are paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlbumKind {
    /// One subject (a person, a pet, a product), one image per example.
    Subject,
    /// A look, one image per example.
    Style,
    /// Before/after pairs: `ROOT_start` and `ROOT_end` images per example.
    Edit,
}

/// Bounds on what an album may contain; the defaults suit real albums of a few
/// dozen photos.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Entries in the zip or folder, directories and system files included.
    pub max_entries: usize,
    /// Sum of all files' uncompressed sizes, in bytes.
    pub max_total_bytes: u64,
    /// Largest size of one file, in bytes.
    pub max_file_bytes: u64,
    /// Largest uncompressed-to-compressed ratio of one zip entry of 1 MiB or more.
    pub max_ratio: u64,
    /// Longest side of an image, in pixels.
    pub max_image_side: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_entries: 500,
            max_total_bytes: 200_000_000,
            max_file_bytes: 25_000_000,
            max_ratio: 100,
            max_image_side: 8192,
        }
    }
}

/// How to load an album.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlbumOptions {
    /// Side of the square images the model trains on.
    pub resolution: u32,
    /// How files are paired.
    pub kind: AlbumKind,
    /// The caption of every image (or pair) that has no `.txt` of its own.
    pub default_caption: Option<String>,
    /// Bounds on the album's size and shape.
    pub limits: Limits,
}

impl AlbumOptions {
    /// Options for `kind` at `resolution`, no default caption, default limits.
    pub fn new(kind: AlbumKind, resolution: u32) -> Self {
        Self {
            resolution,
            kind,
            default_caption: None,
            limits: Limits::default(),
        }
    }

    /// The same options with a default caption.
    pub fn with_default_caption(mut self, caption: impl Into<String>) -> Self {
        self.default_caption = Some(caption.into());
        self
    }
}

/// Where an album's files come from.
#[derive(Clone, Debug)]
pub enum AlbumSource<'a> {
    /// The bytes of a zip file.
    Zip(&'a [u8]),
    /// Files already in memory, named by their paths inside the album.
    Entries(Vec<Entry>),
}

/// Loads an album from either source; see [`load_zip`] and [`load_entries`].
pub fn load(source: AlbumSource<'_>, options: &AlbumOptions) -> Result<Album, AlbumError> {
    match source {
        AlbumSource::Zip(bytes) => load_zip(bytes, options),
        AlbumSource::Entries(entries) => load_entries(entries, options),
    }
}

/// One picture file (png, jpeg or webp) read by the albums' rule (crop to a
/// square, resize to `resolution`, `[3, s, s]` in `[-1, 1]`): e.g. the start
/// picture an edit bracelet is asked to change.
pub fn load_picture(file: &str, bytes: &[u8], resolution: u32) -> Result<Vec<f32>, AlbumError> {
    pixels::decode(file, bytes, resolution, Limits::default().max_image_side)
}

/// Loads an album from the bytes of a zip file.
pub fn load_zip(bytes: &[u8], options: &AlbumOptions) -> Result<Album, AlbumError> {
    let unpacked = zipped::unpack(bytes, &options.limits)?;
    assemble::assemble(unpacked.files, unpacked.ignored, options)
}

/// Loads an album from files already in memory (a dropped folder in the browser,
/// a multipart upload). Names are judged exactly as zip entry names are.
pub fn load_entries(entries: Vec<Entry>, options: &AlbumOptions) -> Result<Album, AlbumError> {
    let limits = &options.limits;
    if entries.len() > limits.max_entries {
        return Err(AlbumError::TooManyEntries {
            count: entries.len(),
            max: limits.max_entries,
        });
    }
    let mut files = Vec::with_capacity(entries.len());
    let mut ignored = 0;
    let mut total: u64 = 0;
    for entry in entries {
        let size = entry.bytes.len() as u64;
        match entry::admit(&entry.name, size, false, limits.max_file_bytes)? {
            entry::Admit::Ignore => ignored += 1,
            entry::Admit::Directory => {}
            entry::Admit::File(name) => {
                total = total.saturating_add(size);
                if total > limits.max_total_bytes {
                    return Err(AlbumError::TooLarge {
                        max: limits.max_total_bytes,
                    });
                }
                files.push(Entry {
                    name,
                    bytes: entry.bytes,
                });
            }
        }
    }
    assemble::assemble(files, ignored, options)
}
