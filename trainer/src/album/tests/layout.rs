//! Which files make an album: captions, defaults, edit pairs, leftovers, and the
//! exact message for each way a layout can be wrong.

use super::*;
use crate::album::{AlbumSummary, CaptionOrigin, ProblemKind, load_entries, load_zip};
use crate::text::Tokenizer;

fn message(files: &[(&str, &[u8])], options: &AlbumOptions) -> String {
    refusal(files, options).to_string()
}

#[test]
fn captions_pair_by_stem_and_are_normalised() {
    let files: &[(&str, &[u8])] = &[
        (
            "cat_02.jpg",
            &jpeg_of(&painted(6, 6, |_, _| [9, 9, 9, 255])),
        ),
        ("cat_01.png", &png(1)),
        ("cat_01.txt", b"\xEF\xBB\xBF  a photo of\r\nTOK   cat \n"),
        ("cat_02.TXT", b"a sketch of TOK"),
        ("shoot/cat_01.PNG", &png(2)),
        ("shoot/cat_01.txt", b"in a folder"),
    ];
    let album = load_zip(&zip_of(files), &subject()).expect("loads");
    let seen: Vec<_> = album
        .examples
        .iter()
        .map(|e| {
            (
                e.name.as_str(),
                e.caption.as_str(),
                e.caption_file.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("cat_01.png", "a photo of TOK cat", Some("cat_01.txt")),
            ("cat_02.jpg", "a sketch of TOK", Some("cat_02.TXT")),
            ("shoot/cat_01.PNG", "in a folder", Some("shoot/cat_01.txt")),
        ]
    );
    assert!(album.examples.iter().all(|e| e.image.len() == 3 * 8 * 8));
    assert_eq!(album.training_examples()[0].caption, "a photo of TOK cat");
}

#[test]
fn default_caption_fills_in_and_is_counted() {
    let files: &[(&str, &[u8])] = &[("a.png", &png(1)), ("b.png", &png(2)), ("b.txt", b"own")];
    let options = subject().with_default_caption(" a photo of\nTOK ");
    let album = load_entries(entries(files), &options).expect("loads");
    assert_eq!(album.examples[0].caption, "a photo of TOK");
    assert_eq!(album.examples[0].caption_file, None);
    assert_eq!(
        album.summary(),
        AlbumSummary {
            kind: AlbumKind::Subject,
            resolution: RES,
            examples: 2,
            images: 2,
            captions_from_files: 1,
            captions_from_default: 1,
            ignored: 0,
        }
    );
}

#[test]
fn macos_and_system_files_are_ignored_silently() {
    let files: &[(&str, &[u8])] = &[
        ("album/", b""),
        ("album/cat.png", &png(1)),
        ("album/cat.txt", b"TOK"),
        ("__MACOSX/album/._cat.png", b"\0\x05\x16\x07 resource fork"),
        ("album/.DS_Store", b"\0\0\0\x01Bud1"),
        ("album/Thumbs.db", b"junk"),
    ];
    let album = load_zip(&zip_of(files), &subject()).expect("loads");
    assert_eq!(album.examples.len(), 1);
    assert_eq!(album.examples[0].name, "album/cat.png");
    assert_eq!(album.summary().ignored, 3);
}

#[test]
fn layout_errors_name_the_file() {
    let (p1, p2) = (png(1), png(2));
    let check = |files: &[(&str, &[u8])], options: AlbumOptions, expected: &str| {
        assert_eq!(message(files, &options), expected);
    };
    check(
        &[],
        subject(),
        "the album has no images (png, jpeg or webp)",
    );
    check(
        &[("only.txt", b"TOK"), ("__MACOSX/._a.png", b"x")],
        subject(),
        "the album has no images (png, jpeg or webp)",
    );
    check(
        &[("cat.png", &p1), ("cat.txt", b"TOK"), ("dog.txt", b"TOK")],
        subject(),
        "dog.txt is a caption without an image: expected dog.png, .jpg or .webp beside it",
    );
    check(
        &[("cat.png", &p1)],
        subject(),
        "cat.png has no caption: add cat.txt beside it, or give the album a default caption",
    );
    check(
        &[("a.png", &p1), ("a.txt", b"x"), ("notes.pdf", b"%PDF-1.7")],
        subject(),
        "notes.pdf is not an image (png, jpeg or webp)",
    );
    check(
        &[("a.png", &p1), ("a.txt", b" \n\t ")],
        subject(),
        "a.txt is empty: write the caption in it, or remove it to use the default caption",
    );
    check(
        &[("a.png", &p1), ("a.txt", b"\xff\xfe")],
        subject(),
        "a.txt is not UTF-8 text",
    );
    check(
        &[("a.png", &p1), ("a.jpg", &p2), ("a.txt", b"x")],
        subject(),
        "a.jpg and a.png have the same name; rename one so each image has its own caption",
    );
    check(
        &[("a.png", b"not really a png"), ("a.txt", b"x")],
        subject(),
        "a.png could not be read as an image: its contents are not png, jpeg or webp",
    );
    check(
        &[("mug_start.png", &p1), ("mug.txt", b"make it red")],
        edit(),
        "mug_start.png has no partner: an edit pair needs both mug_start.png and mug_end.png",
    );
    check(
        &[("mug.png", &p1)],
        edit(),
        "mug.png is not part of an edit pair: name edit images ROOT_start and ROOT_end",
    );
    check(
        &[("mug_start.png", &p1), ("mug_end.png", &p2)],
        edit(),
        "mug_end.png has no caption: add mug.txt beside it, or give the album a default caption",
    );
    check(
        &[
            ("mug_start.png", &p1),
            ("mug_end.png", &p2),
            ("mug.txt", b"x"),
            ("mug_end.txt", b"x"),
        ],
        edit(),
        "mug_end.txt is a caption without an image: expected mug_end_start.png and mug_end_end.png beside it",
    );
}

#[test]
fn naming_problems_are_found_before_any_decoding() {
    // `a.png` is broken, but the missing caption of `b.png` is reported first:
    // names are judged before pixels.
    let files: &[(&str, &[u8])] = &[("a.png", b"broken"), ("a.txt", b"x"), ("b.png", &png(1))];
    assert!(matches!(
        refusal(files, &subject()),
        AlbumError::MissingCaption { .. }
    ));
}

#[test]
fn edit_pairs_load_with_their_start_image() {
    let files: &[(&str, &[u8])] = &[
        ("mug_end.png", &solid_png(4, 4, [255, 0, 0])),
        ("mug_start.png", &solid_png(4, 4, [0, 0, 255])),
        ("mug.txt", b"make the mug red"),
    ];
    let album = load_zip(&zip_of(files), &edit()).expect("loads");
    let pair = &album.examples[0];
    assert_eq!(pair.name, "mug_end.png");
    assert_eq!(pair.caption, "make the mug red");
    let start = pair.start.as_ref().expect("a start image");
    assert_eq!(start.name, "mug_start.png");
    assert_eq!(level(&pair.image, RES, 3, 3), [255, 0, 0]);
    assert_eq!(level(&start.image, RES, 3, 3), [0, 0, 255]);
    assert_eq!(album.summary().images, 2);
}

#[test]
fn vocabulary_problems_are_listed_per_caption() {
    let files: &[(&str, &[u8])] = &[
        ("a.png", &png(1)),
        ("a.txt", b"a photo of TOK lighthous on a spaceship"),
        ("b.png", &png(2)),
        ("c.png", &png(3)),
        ("c.txt", b"a photo of TOK cat"),
    ];
    let options = subject().with_default_caption("a TOK dragon");
    let album = load_entries(entries(files), &options).expect("unknown words still load");
    let problems = album.check_vocabulary(&Tokenizer::default());
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "a.txt: the painter does not know the word `lighthous` (did you mean `lighthouse`?)",
            "a.txt: the painter does not know the word `spaceship`",
            "the default caption: the painter does not know the word `dragon`",
        ]
    );
    assert_eq!(problems[2].origin, CaptionOrigin::Default);
    assert!(matches!(problems[0].kind, ProblemKind::UnknownWord { .. }));

    let long = vec!["cat"; 21].join(" ");
    let files: &[(&str, &[u8])] = &[("a.png", &png(1)), ("a.txt", long.as_bytes())];
    let album = load_entries(entries(files), &subject()).expect("loads");
    assert_eq!(
        album.check_vocabulary(&Tokenizer::default())[0].to_string(),
        "a.txt: the caption has 21 words; the painter reads at most 20"
    );
}

#[test]
fn bad_options_are_refused() {
    let files: &[(&str, &[u8])] = &[("a.png", &png(1))];
    let mut options = subject().with_default_caption(" \n ");
    assert_eq!(
        message(files, &options),
        "invalid album setting: the default caption is empty"
    );
    options.default_caption = None;
    options.resolution = 0;
    assert_eq!(
        message(files, &options),
        "invalid album setting: the resolution must be at least 1"
    );
}
