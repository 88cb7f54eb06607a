//! The manifest written beside the course's albums: for each album its file,
//! recipe, seed, size, example count and SHA-256, and the command that makes
//! them all again. A test regenerates the albums and compares, so the committed
//! files cannot drift from the recipes.

use serde::{Deserialize, Serialize};

use super::{MadeAlbum, Recipe, sha256_hex};
use crate::album::AlbumKind;

/// The file name of the manifest.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The file name of the world's contact sheet written beside the albums.
pub const WORLD_SHEET_FILE: &str = "world.png";

/// What a folder of course albums holds and how it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The command that writes the same albums again.
    pub command: String,
    /// The commit of the code that wrote them, if it was run inside a git checkout.
    pub git_commit: Option<String>,
    /// Whether that checkout had uncommitted changes to tracked files.
    pub git_dirty: Option<bool>,
    /// Side of every picture, in pixels.
    pub size: usize,
    /// The seed every recipe was given.
    pub seed: u64,
    /// The world's contact sheet, for comparing the albums with what the
    /// painter saw in pretraining.
    pub world_sheet: String,
    /// One entry per album, in the order they were written.
    pub albums: Vec<ManifestAlbum>,
}

/// One album in the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestAlbum {
    /// The zip's file name (`tok-20.zip`).
    pub file: String,
    /// Its contact sheet's file name (`tok-20.png`).
    pub sheet: String,
    /// The recipe that made it.
    pub recipe: Recipe,
    /// How to load it.
    pub kind: AlbumKind,
    /// Training examples (an edit pair counts once).
    pub examples: usize,
    /// PNG files in the zip (an edit pair counts twice).
    pub image_files: usize,
    /// The seed the recipe was given.
    pub seed: u64,
    /// Side of every picture, in pixels.
    pub size: usize,
    /// The zip's length in bytes.
    pub bytes: usize,
    /// The hex SHA-256 of the zip.
    pub sha256: String,
}

impl ManifestAlbum {
    /// The entry for `album`, whose zip is `zip`.
    pub fn new(album: &MadeAlbum, zip: &[u8]) -> Self {
        let name = album.name();
        let pairs = album.pictures.iter().filter(|p| p.start.is_some()).count();
        Self {
            file: format!("{name}.zip"),
            sheet: format!("{name}.png"),
            recipe: album.recipe,
            kind: album.recipe.kind(),
            examples: album.pictures.len(),
            image_files: album.pictures.len() + pairs,
            seed: album.seed,
            size: album.size,
            bytes: zip.len(),
            sha256: sha256_hex(zip),
        }
    }
}

/// The command line that writes the course albums into `out`.
pub fn regenerate_command(out: &str, size: usize, seed: u64) -> String {
    format!(
        "cargo run -p trainer --release -- world albums --out {out} --size {size} --seed {seed}"
    )
}
