//! One file of an album, and the gate every file name passes before its bytes are
//! trusted: path safety, silently ignored system files, and what kind of file it is.
//!
//! Zips, folders and the browser's file lists all arrive as names and bytes; the
//! same gate ([`admit`]) judges each name so the three sources behave alike.

use super::error::AlbumError;

/// A file of an album as handed in by a caller: its path inside the album and its
/// bytes. In the browser these come from a dropped folder or file list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The path inside the album, `/`-separated (`cat_01.png`, `shoot/cat_01.txt`).
    pub name: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

impl Entry {
    /// An entry from a name and its bytes.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// What a file is, judged by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    /// `png`, `jpg`/`jpeg` or `webp`.
    Image,
    /// `txt`.
    Caption,
    /// Anything else: refused when the album is assembled.
    Other,
}

/// The gate's verdict on one name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Admit {
    /// A system file (`__MACOSX/…`, `.DS_Store`, `Thumbs.db`): skipped silently.
    Ignore,
    /// A directory entry: nothing to read.
    Directory,
    /// A file to read, under its cleaned path.
    File(String),
}

/// Extensions of archives, refused inside an album.
const ARCHIVES: &[&str] = &[
    "zip", "tar", "gz", "tgz", "bz2", "tbz2", "xz", "txz", "zst", "7z", "rar",
];

/// Files that operating systems leave in folders and nobody means to train on.
const SYSTEM_FILES: &[&str] = &["thumbs.db", "desktop.ini", "icon\r"];

/// Judges one name: refuses unsafe paths, symlinks, nested archives and oversized
/// files; skips system files and directories; otherwise returns the cleaned path.
///
/// `size` is the file's size as known before reading it (declared in a zip header,
/// or from the file system); `max_file_bytes` the limit for one file.
pub(super) fn admit(
    raw: &str,
    size: u64,
    is_symlink: bool,
    max_file_bytes: u64,
) -> Result<Admit, AlbumError> {
    let path = clean_path(raw)?;
    if is_symlink {
        return Err(AlbumError::Symlink {
            file: raw.to_owned(),
        });
    }
    let Some(path) = path else {
        return Ok(Admit::Directory);
    };
    if is_ignored(&path) {
        return Ok(Admit::Ignore);
    }
    if raw.ends_with('/') || raw.ends_with('\\') {
        return Ok(Admit::Directory);
    }
    if ARCHIVES.contains(&extension(&path).as_str()) {
        return Err(AlbumError::NestedArchive { file: path });
    }
    if size > max_file_bytes {
        return Err(AlbumError::FileTooLarge {
            file: path,
            bytes: size,
            max: max_file_bytes,
        });
    }
    Ok(Admit::File(path))
}

/// The path with `\` read as `/`, `.` and empty components dropped, or `None` when
/// nothing is left (the album's root). Absolute paths, drive letters, `..` and NUL
/// bytes are refused, so a cleaned path can never leave the album.
fn clean_path(raw: &str) -> Result<Option<String>, AlbumError> {
    if raw.is_empty() || raw.contains('\0') {
        return Err(AlbumError::BadName {
            file: raw.escape_default().to_string(),
        });
    }
    let unified = raw.replace('\\', "/");
    let bytes = unified.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if unified.starts_with('/') || drive {
        return Err(AlbumError::AbsolutePath {
            file: raw.to_owned(),
        });
    }
    let mut parts = Vec::new();
    for part in unified.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(AlbumError::ParentDir {
                    file: raw.to_owned(),
                });
            }
            part => parts.push(part),
        }
    }
    Ok((!parts.is_empty()).then(|| parts.join("/")))
}

/// macOS resource forks (`__MACOSX/`), dotfiles and dot-folders (`.DS_Store`,
/// `._cat.png`, `.git/`) and Windows' thumbnails are not part of anyone's album.
fn is_ignored(path: &str) -> bool {
    path.split('/').any(|part| {
        part == "__MACOSX"
            || part.starts_with('.')
            || SYSTEM_FILES.contains(&part.to_lowercase().as_str())
    })
}

/// The lowercased extension of a path's last component (empty if none).
pub(super) fn extension(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_lowercase(),
        _ => String::new(),
    }
}

/// The path without its extension: `shoot/cat_01.png` → `shoot/cat_01`.
pub(super) fn stem(path: &str) -> &str {
    let start = path.rfind('/').map_or(0, |i| i + 1);
    match path[start..].rfind('.') {
        Some(dot) if dot > 0 => &path[..start + dot],
        _ => path,
    }
}

/// What kind of file a cleaned path names.
pub(super) fn kind(path: &str) -> FileKind {
    match extension(path).as_str() {
        "png" | "jpg" | "jpeg" | "webp" => FileKind::Image,
        "txt" => FileKind::Caption,
        _ => FileKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: u64 = 1000;

    #[test]
    fn paths_are_cleaned_and_judged() {
        let file = |p: &str| Admit::File(p.to_owned());
        assert_eq!(admit("cat.png", 1, false, MAX), Ok(file("cat.png")));
        assert_eq!(admit("./a//b.png", 1, false, MAX), Ok(file("a/b.png")));
        assert_eq!(admit("a\\b.png", 1, false, MAX), Ok(file("a/b.png")));
        assert_eq!(admit("shoot/", 0, false, MAX), Ok(Admit::Directory));
        assert_eq!(admit("__MACOSX/._a.png", 1, false, MAX), Ok(Admit::Ignore));
        assert_eq!(admit("a/.DS_Store", 1, false, MAX), Ok(Admit::Ignore));
        assert_eq!(admit("Thumbs.db", 1, false, MAX), Ok(Admit::Ignore));
        assert!(matches!(
            admit("C:\\x.png", 1, false, MAX),
            Err(AlbumError::AbsolutePath { .. })
        ));
        assert!(matches!(
            admit("a/../../x.png", 1, false, MAX),
            Err(AlbumError::ParentDir { .. })
        ));
        assert!(matches!(
            admit("__MACOSX/../x", 1, false, MAX),
            Err(AlbumError::ParentDir { .. })
        ));
        assert!(matches!(
            admit("a\0.png", 1, false, MAX),
            Err(AlbumError::BadName { .. })
        ));
        assert!(matches!(
            admit("x.tar.gz", 1, false, MAX),
            Err(AlbumError::NestedArchive { .. })
        ));
        assert!(matches!(
            admit("x.png", MAX + 1, false, MAX),
            Err(AlbumError::FileTooLarge { .. })
        ));
    }

    #[test]
    fn stems_extensions_and_kinds() {
        assert_eq!(stem("shoot/cat_01.png"), "shoot/cat_01");
        assert_eq!(stem("a.b/c"), "a.b/c");
        assert_eq!(extension("x/Cat.JPG"), "jpg");
        assert_eq!(extension("README"), "");
        assert_eq!(kind("a.jpeg"), FileKind::Image);
        assert_eq!(kind("a.TXT"), FileKind::Caption);
        assert_eq!(kind("a.pdf"), FileKind::Other);
    }
}
