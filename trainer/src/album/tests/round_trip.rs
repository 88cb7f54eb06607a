//! What the writer makes, the loader reads back: subject and edit albums, as a
//! zip and as a folder.

use super::*;
use crate::album::{AlbumFile, load_zip, write_zip};

/// A `[3, RES, RES]` buffer with values all over `[-1, 1]`, different per seed.
fn picture(seed: u32) -> Vec<f32> {
    (0..3 * RES * RES)
        .map(|i| ((i * 37 + seed * 101) % 256) as f32 / 127.5 - 1.0 + 0.001)
        .collect()
}

/// What the loader gives back for `image`: each value at its nearest 8-bit level.
fn quantised(image: &[f32]) -> Vec<f32> {
    image
        .iter()
        .map(|v| ((v.clamp(-1.0, 1.0) + 1.0) * 127.5).round() / 127.5 - 1.0)
        .collect()
}

fn subject_files() -> Vec<AlbumFile> {
    vec![
        AlbumFile {
            stem: "cat_01".into(),
            image: picture(1),
            start: None,
            caption: Some("a photo of TOK cat".into()),
        },
        AlbumFile {
            stem: "cat_02".into(),
            image: picture(2),
            start: None,
            caption: None,
        },
        AlbumFile {
            stem: "garden/cat_03".into(),
            image: picture(3),
            start: None,
            caption: Some("TOK cat\nin the garden".into()),
        },
    ]
}

fn edit_files() -> Vec<AlbumFile> {
    vec![AlbumFile {
        stem: "mug".into(),
        image: picture(4),
        start: Some(picture(5)),
        caption: Some("make the mug red".into()),
    }]
}

#[test]
fn subject_albums_round_trip() {
    let files = subject_files();
    let zip = write_zip(&files).expect("writes");
    let options = subject().with_default_caption("a photo of TOK");
    let album = load_zip(&zip, &options).expect("loads");
    let seen: Vec<_> = album
        .examples
        .iter()
        .map(|e| (e.name.as_str(), e.caption.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("cat_01.png", "a photo of TOK cat"),
            ("cat_02.png", "a photo of TOK"),
            ("garden/cat_03.png", "TOK cat in the garden"),
        ]
    );
    for (example, file) in album.examples.iter().zip(&files) {
        assert_eq!(example.image, quantised(&file.image), "{}", example.name);
    }
    assert_eq!(album.summary().captions_from_default, 1);
    // Writing what was loaded gives the same bytes again.
    assert_eq!(write_zip(&album.to_files()).expect("rewrites"), zip);
}

#[test]
fn edit_albums_round_trip() {
    let files = edit_files();
    let zip = write_zip(&files).expect("writes");
    let album = crate::album::load(crate::album::AlbumSource::Zip(&zip), &edit()).expect("loads");
    let pair = &album.examples[0];
    assert_eq!(pair.name, "mug_end.png");
    assert_eq!(pair.caption, "make the mug red");
    assert_eq!(pair.image, quantised(&files[0].image));
    let start = pair.start.as_ref().expect("start image");
    assert_eq!(start.name, "mug_start.png");
    assert_eq!(start.image, quantised(&picture(5)));
    assert_eq!(write_zip(&album.to_files()).expect("rewrites"), zip);
}

#[test]
fn the_writer_refuses_what_the_loader_would() {
    let one = |stem: &str, caption: Option<&str>| AlbumFile {
        stem: stem.into(),
        image: picture(1),
        start: None,
        caption: caption.map(Into::into),
    };
    for stem in [
        "../up",
        "/abs",
        ".hidden",
        "a//b",
        "__MACOSX/x",
        "",
        "a/./b",
    ] {
        let err = write_zip(&[one(stem, Some("x"))]).expect_err(stem);
        assert!(
            err.to_string()
                .contains("cannot be a file name in an album"),
            "{stem}: {err}"
        );
    }
    let message = |files: &[AlbumFile]| write_zip(files).expect_err("refused").to_string();
    assert_eq!(
        message(&[one("a", None), one("a", None)]),
        "invalid album setting: two album files share the name `a`"
    );
    assert_eq!(
        message(&[one("a", Some(" \n"))]),
        "invalid album setting: the caption of `a` is empty; use None for the default caption"
    );
    let mut pair = one("b", None);
    pair.start = Some(picture(2));
    assert_eq!(
        message(&[one("a", None), pair]),
        "invalid album setting: an album cannot mix edit pairs and single images"
    );
    let mut ragged = one("a", None);
    ragged.image.pop();
    assert_eq!(
        message(&[ragged]),
        "invalid album setting: an image buffer of 191 values is not [3, s, s]"
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod on_disk {
    use std::path::PathBuf;

    use super::*;
    use crate::album::{load_path, write_folder};

    /// A fresh, empty scratch folder for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("album-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn folder_and_zip_give_the_same_album() {
        for (name, files, options) in [
            (
                "subject",
                subject_files(),
                subject().with_default_caption("TOK"),
            ),
            ("edit", edit_files(), edit()),
        ] {
            let root = scratch(name);
            let folder = root.join("album");
            write_folder(&folder, &files).expect("folder written");
            std::fs::write(folder.join(".DS_Store"), b"junk").expect("junk written");
            let zip_path = root.join("album.zip");
            std::fs::write(&zip_path, write_zip(&files).expect("zip")).expect("zip written");

            let from_folder = load_path(&folder, &options).expect("folder loads");
            let from_zip = load_path(&zip_path, &options).expect("zip loads");
            assert_eq!(from_folder.ignored, 1);
            assert_eq!(
                crate::album::Album {
                    ignored: 0,
                    ..from_folder
                },
                from_zip,
                "{name}"
            );
            // A second write into the same folder is refused.
            let err = write_folder(&folder, &files).expect_err("not empty");
            assert!(
                err.to_string()
                    .ends_with("the folder is not empty; albums are written into a new folder")
            );
            std::fs::remove_dir_all(&root).expect("cleaned up");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_in_folders_are_refused() {
        let root = scratch("symlink");
        write_folder(&root, &subject_files()).expect("folder written");
        std::os::unix::fs::symlink("/etc/hostname", root.join("cat_04.png")).expect("link");
        let err = load_path(&root, &subject().with_default_caption("TOK")).expect_err("refused");
        assert_eq!(
            err.to_string(),
            "cat_04.png is a symbolic link; an album may contain only plain files"
        );
        std::fs::remove_dir_all(&root).expect("cleaned up");
    }
}
