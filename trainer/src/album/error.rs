//! Why an album was refused, in words an instructor can act on.
//!
//! Every message names the file at fault (as a path inside the album) and, where
//! there is one, the fix. The loader stops at the first problem, so an album is
//! either loaded whole or refused with exactly one of these.

/// What can be wrong with an album.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AlbumError {
    /// Nothing in the album is an image.
    #[error("the album has no images (png, jpeg or webp)")]
    NoImages,
    /// An image has no caption file and the album has no default caption.
    #[error("{image} has no caption: add {caption} beside it, or give the album a default caption")]
    MissingCaption {
        /// The image.
        image: String,
        /// The caption file it would need.
        caption: String,
    },
    /// A caption file is empty (or only whitespace).
    #[error("{file} is empty: write the caption in it, or remove it to use the default caption")]
    EmptyCaption {
        /// The caption file.
        file: String,
    },
    /// A caption file is not UTF-8 text.
    #[error("{file} is not UTF-8 text")]
    CaptionNotText {
        /// The caption file.
        file: String,
    },
    /// A caption file with no image of the same name beside it.
    #[error("{file} is a caption without an image: expected {expected} beside it")]
    OrphanCaption {
        /// The caption file.
        file: String,
        /// What the image (or edit pair) would be called.
        expected: String,
    },
    /// A file that is neither an image we read nor a caption.
    #[error("{file} is not an image (png, jpeg or webp)")]
    NotAnImage {
        /// The file.
        file: String,
    },
    /// An image file that does not decode.
    #[error("{file} could not be read as an image: {reason}")]
    Undecodable {
        /// The file.
        file: String,
        /// The decoder's explanation.
        reason: String,
    },
    /// An image whose pixel size is beyond the limit.
    #[error("{file} is {width}×{height} pixels; the longest side may be at most {max}")]
    ImageTooLarge {
        /// The file.
        file: String,
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
        /// The limit.
        max: u32,
    },
    /// Two images would share one caption (`cat.png` and `cat.jpg`).
    #[error(
        "{first} and {second} have the same name; rename one so each image has its own caption"
    )]
    DuplicateName {
        /// The first file, in name order.
        first: String,
        /// The second.
        second: String,
    },
    /// An edit image without its other half.
    #[error("{file} has no partner: an edit pair needs both {start} and {end}")]
    MissingHalf {
        /// The half that is there.
        file: String,
        /// The start image's name.
        start: String,
        /// The end image's name.
        end: String,
    },
    /// An image in an edit album that is not named as half of a pair.
    #[error("{file} is not part of an edit pair: name edit images ROOT_start and ROOT_end")]
    NotAnEditPair {
        /// The image.
        file: String,
    },
    /// The archive (or folder) has more entries than allowed.
    #[error("the album has {count} entries; at most {max} are allowed")]
    TooManyEntries {
        /// Entries found.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The album unpacks to more bytes than allowed.
    #[error("the album unpacks to more than {max} bytes")]
    TooLarge {
        /// The limit in bytes.
        max: u64,
    },
    /// One file is larger than allowed.
    #[error("{file} is {bytes} bytes; one file may be at most {max} bytes")]
    FileTooLarge {
        /// The file.
        file: String,
        /// Its (declared or actual) size.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// An entry expands far more than real images do: a zip bomb.
    #[error(
        "{file} expands {ratio}:1 when unpacked (at most {max}:1 is allowed); the zip looks like a zip bomb"
    )]
    SuspiciousRatio {
        /// The entry.
        file: String,
        /// Its uncompressed size over its compressed size, rounded down.
        ratio: u64,
        /// The limit.
        max: u64,
    },
    /// An entry unpacked to more bytes than its header declared.
    #[error(
        "{file} unpacks to more than the {declared} bytes its zip header declares; the zip is damaged or forged"
    )]
    SizeMismatch {
        /// The entry.
        file: String,
        /// The declared uncompressed size.
        declared: u64,
    },
    /// An entry whose path is absolute.
    #[error("{file} is an absolute path; album entries must be relative paths inside the album")]
    AbsolutePath {
        /// The entry's name as written in the archive.
        file: String,
    },
    /// An entry whose path climbs out of the album with `..`.
    #[error("{file} climbs out of the album with `..`; album entries must stay inside it")]
    ParentDir {
        /// The entry's name as written in the archive.
        file: String,
    },
    /// An entry whose name cannot be used as a path (a NUL byte, not UTF-8, empty).
    #[error("{file} is not a usable file name")]
    BadName {
        /// The name, lossily printed.
        file: String,
    },
    /// A symbolic link.
    #[error("{file} is a symbolic link; an album may contain only plain files")]
    Symlink {
        /// The entry.
        file: String,
    },
    /// An archive inside the album.
    #[error(
        "{file} is an archive inside the album; unpack it and put its images in the album itself"
    )]
    NestedArchive {
        /// The entry.
        file: String,
    },
    /// A password-protected entry.
    #[error("{file} is encrypted; albums cannot be password-protected")]
    Encrypted {
        /// The entry.
        file: String,
    },
    /// The bytes are not a zip archive we can read.
    #[error("the album is not a readable zip file: {reason}")]
    NotAZip {
        /// The zip reader's explanation.
        reason: String,
    },
    /// One entry of an otherwise readable zip could not be unpacked.
    #[error("{file} could not be unpacked: {reason}")]
    Unpack {
        /// The entry.
        file: String,
        /// The zip reader's explanation.
        reason: String,
    },
    /// An option is out of range (resolution 0, a malformed image buffer to write).
    #[error("invalid album setting: {0}")]
    Invalid(String),
    /// Reading or writing the disk failed (native only).
    #[error("{path}: {reason}")]
    Io {
        /// The file or folder.
        path: String,
        /// The system's explanation.
        reason: String,
    },
}
