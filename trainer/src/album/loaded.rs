//! A loaded album: validated examples at the model's resolution, and what a UI
//! or the training loop wants to know about them.

use serde::{Deserialize, Serialize};

use super::AlbumKind;
use super::write::AlbumFile;
use crate::train::Example;

/// An album that loaded whole: every image decoded, every caption found.
#[derive(Clone, Debug, PartialEq)]
pub struct Album {
    /// Subject, style or edit.
    pub kind: AlbumKind,
    /// Side of every image, in pixels.
    pub resolution: u32,
    /// One per image (per pair in edit albums), in name order.
    pub examples: Vec<AlbumExample>,
    /// The default caption as normalised, if the album was given one.
    pub default_caption: Option<String>,
    /// System files skipped silently (`__MACOSX/…`, `.DS_Store`, …).
    pub ignored: usize,
}

/// One image (or edit pair) with its caption.
#[derive(Clone, Debug, PartialEq)]
pub struct AlbumExample {
    /// The image's path inside the album; for an edit pair, the `_end` image.
    pub name: String,
    /// `[3, resolution, resolution]` channel-first RGB in `[-1, 1]`.
    pub image: Vec<f32>,
    /// The caption, trimmed, with newlines and runs of spaces made single spaces.
    pub caption: String,
    /// The caption file it came from, or `None` when the default caption was used.
    pub caption_file: Option<String>,
    /// For edit albums: the `_start` image the edit begins from.
    pub start: Option<StartImage>,
}

/// The first half of an edit pair.
#[derive(Clone, Debug, PartialEq)]
pub struct StartImage {
    /// Its path inside the album.
    pub name: String,
    /// `[3, resolution, resolution]` channel-first RGB in `[-1, 1]`.
    pub image: Vec<f32>,
}

/// Counts for a UI to show before training starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlbumSummary {
    /// Subject, style or edit.
    pub kind: AlbumKind,
    /// Side of every image, in pixels.
    pub resolution: u32,
    /// Training examples (edit pairs count once).
    pub examples: usize,
    /// Image files decoded (edit pairs count twice).
    pub images: usize,
    /// Examples captioned by their own `.txt` file.
    pub captions_from_files: usize,
    /// Examples that fell back to the default caption.
    pub captions_from_default: usize,
    /// System files skipped silently.
    pub ignored: usize,
}

impl Album {
    /// Counts for a UI.
    pub fn summary(&self) -> AlbumSummary {
        let from_default = self
            .examples
            .iter()
            .filter(|e| e.caption_file.is_none())
            .count();
        let starts = self.examples.iter().filter(|e| e.start.is_some()).count();
        AlbumSummary {
            kind: self.kind,
            resolution: self.resolution,
            examples: self.examples.len(),
            images: self.examples.len() + starts,
            captions_from_files: self.examples.len() - from_default,
            captions_from_default: from_default,
            ignored: self.ignored,
        }
    }

    /// The examples as the training loop takes them: image, caption and, in an
    /// edit album, the start picture.
    pub fn training_examples(&self) -> Vec<Example> {
        self.examples
            .iter()
            .map(|e| Example {
                image: e.image.clone(),
                caption: e.caption.clone(),
                start: e.start.as_ref().map(|s| s.image.clone()),
            })
            .collect()
    }

    /// The album as files for [`super::write_zip`]: each example under its own
    /// stem, a caption file only where the caption came from one. Writing these
    /// and loading the result with the same options gives the same images and
    /// captions back, every image now a PNG.
    pub fn to_files(&self) -> Vec<AlbumFile> {
        self.examples
            .iter()
            .map(|e| {
                let stem = super::entry::stem(&e.name);
                let stem = match &e.start {
                    Some(_) => stem.strip_suffix("_end").unwrap_or(stem),
                    None => stem,
                };
                AlbumFile {
                    stem: stem.to_owned(),
                    image: e.image.clone(),
                    start: e.start.as_ref().map(|s| s.image.clone()),
                    caption: e.caption_file.as_ref().map(|_| e.caption.clone()),
                }
            })
            .collect()
    }
}
