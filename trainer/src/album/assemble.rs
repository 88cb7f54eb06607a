//! Turning a bag of admitted files into examples: which caption goes with which
//! image, which two images make an edit pair, and what is left over.
//!
//! Everything that can be judged from names and caption text is judged before any
//! image is decoded, so a naming mistake is reported at once, even in a large
//! album. Files are visited in name order, which makes "the first problem" the
//! same whichever order a zip or a folder listed them in.

use std::collections::BTreeMap;

use super::entry::{Entry, FileKind, extension, kind, stem};
use super::error::AlbumError;
use super::loaded::{Album, AlbumExample, StartImage};
use super::pixels::decode;
use super::{AlbumKind, AlbumOptions};

/// Suffixes of the two halves of an edit pair.
const START: &str = "_start";
const END: &str = "_end";

/// One example before decoding.
struct Planned<'a> {
    image: &'a Entry,
    start: Option<&'a Entry>,
    caption: String,
    caption_file: Option<String>,
}

/// Builds the album from admitted `files`, or explains the first problem.
pub(super) fn assemble(
    mut files: Vec<Entry>,
    ignored: usize,
    options: &AlbumOptions,
) -> Result<Album, AlbumError> {
    if options.resolution == 0 {
        return Err(AlbumError::Invalid(
            "the resolution must be at least 1".into(),
        ));
    }
    let default_caption = match &options.default_caption {
        Some(text) => match normalise(text) {
            caption if caption.is_empty() => {
                return Err(AlbumError::Invalid("the default caption is empty".into()));
            }
            caption => Some(caption),
        },
        None => None,
    };
    files.sort_by(|a, b| a.name.cmp(&b.name));

    // Sort files into images and captions by stem; anything else is refused.
    let mut images: BTreeMap<&str, &Entry> = BTreeMap::new();
    let mut captions: BTreeMap<&str, &Entry> = BTreeMap::new();
    for file in &files {
        let shelf = match kind(&file.name) {
            FileKind::Image => &mut images,
            FileKind::Caption => &mut captions,
            FileKind::Other => {
                return Err(AlbumError::NotAnImage {
                    file: file.name.clone(),
                });
            }
        };
        if let Some(first) = shelf.insert(stem(&file.name), file) {
            return Err(AlbumError::DuplicateName {
                first: first.name.clone(),
                second: file.name.clone(),
            });
        }
    }
    if images.is_empty() {
        return Err(AlbumError::NoImages);
    }

    // Pair images with captions (and, for edits, with each other).
    let groups = match options.kind {
        AlbumKind::Subject | AlbumKind::Style => images
            .iter()
            .map(|(&stem, &image)| (stem, image, None))
            .collect(),
        AlbumKind::Edit => edit_pairs(&images)?,
    };
    let mut planned = Vec::with_capacity(groups.len());
    for (root, image, start) in groups {
        let (caption, caption_file) = match captions.remove(root) {
            Some(file) => (read_caption(file)?, Some(file.name.clone())),
            None => match &default_caption {
                Some(caption) => (caption.clone(), None),
                None => {
                    return Err(AlbumError::MissingCaption {
                        image: image.name.clone(),
                        caption: format!("{root}.txt"),
                    });
                }
            },
        };
        planned.push(Planned {
            image,
            start,
            caption,
            caption_file,
        });
    }
    if let Some((root, file)) = captions.into_iter().next() {
        let expected = match options.kind {
            AlbumKind::Edit => format!("{root}{START}.png and {root}{END}.png"),
            _ => format!("{root}.png, .jpg or .webp"),
        };
        return Err(AlbumError::OrphanCaption {
            file: file.name.clone(),
            expected,
        });
    }

    // Only now decode, in name order.
    let (resolution, max_side) = (options.resolution, options.limits.max_image_side);
    let mut examples = Vec::with_capacity(planned.len());
    for plan in planned {
        let start = match plan.start {
            Some(entry) => Some(StartImage {
                name: entry.name.clone(),
                image: decode(&entry.name, &entry.bytes, resolution, max_side)?,
            }),
            None => None,
        };
        examples.push(AlbumExample {
            name: plan.image.name.clone(),
            image: decode(&plan.image.name, &plan.image.bytes, resolution, max_side)?,
            caption: plan.caption,
            caption_file: plan.caption_file,
            start,
        });
    }
    Ok(Album {
        kind: options.kind,
        resolution,
        examples,
        default_caption,
        ignored,
    })
}

/// `(root, end image, start image)` for every `ROOT_start` / `ROOT_end` pair.
type Pair<'a> = (&'a str, &'a Entry, Option<&'a Entry>);

fn edit_pairs<'a>(images: &BTreeMap<&'a str, &'a Entry>) -> Result<Vec<Pair<'a>>, AlbumError> {
    let mut halves: BTreeMap<&str, (Option<&Entry>, Option<&Entry>)> = BTreeMap::new();
    for (&stem, &image) in images {
        if let Some(root) = stem.strip_suffix(START).filter(|r| is_root(r)) {
            halves.entry(root).or_default().0 = Some(image);
        } else if let Some(root) = stem.strip_suffix(END).filter(|r| is_root(r)) {
            halves.entry(root).or_default().1 = Some(image);
        } else {
            return Err(AlbumError::NotAnEditPair {
                file: image.name.clone(),
            });
        }
    }
    let mut pairs = Vec::with_capacity(halves.len());
    for (root, half) in halves {
        match half {
            (Some(start), Some(end)) => pairs.push((root, end, Some(start))),
            (Some(one), None) | (None, Some(one)) => {
                let ext = extension(&one.name);
                return Err(AlbumError::MissingHalf {
                    file: one.name.clone(),
                    start: format!("{root}{START}.{ext}"),
                    end: format!("{root}{END}.{ext}"),
                });
            }
            (None, None) => {}
        }
    }
    Ok(pairs)
}

/// Whether what is left of a stem after `_start`/`_end` can name a pair.
fn is_root(root: &str) -> bool {
    !root.is_empty() && !root.ends_with('/')
}

/// A caption file's text, normalised; empty and non-UTF-8 files are refused.
fn read_caption(file: &Entry) -> Result<String, AlbumError> {
    let text = std::str::from_utf8(&file.bytes).map_err(|_| AlbumError::CaptionNotText {
        file: file.name.clone(),
    })?;
    let caption = normalise(text);
    if caption.is_empty() {
        return Err(AlbumError::EmptyCaption {
            file: file.name.clone(),
        });
    }
    Ok(caption)
}

/// Trims, drops a byte-order mark, and turns every run of whitespace (newlines
/// included) into one space.
pub(super) fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
