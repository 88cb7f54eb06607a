//! The course albums: they load back whole, say what the course promises, and
//! match the files committed under `assets/albums/`.

use std::collections::HashSet;

use super::manifest::{MANIFEST_FILE, Manifest};
use super::*;
use crate::album::{AlbumOptions, load_zip};

fn made(recipe: Recipe, count: usize) -> MadeAlbum {
    make_album(recipe, count, 32, 1).expect("renders")
}

fn words(caption: &str) -> Vec<&str> {
    caption.split_whitespace().collect()
}

#[test]
fn every_course_album_loads_back_whole_with_its_kind() {
    for (recipe, count) in COURSE_ALBUMS {
        let album = made(recipe, count);
        let zip = album.zip().expect("zips");
        let loaded = load_zip(&zip, &AlbumOptions::new(recipe.kind(), 32)).expect("loads");
        assert_eq!(loaded.kind, recipe.kind());
        assert_eq!(loaded.examples.len(), count, "{}", album.name());
        for (example, picture) in loaded.examples.iter().zip(&album.pictures) {
            assert_eq!(example.caption, picture.caption);
            assert_eq!(example.image, picture.image.to_chw(), "pixels survive");
            assert_eq!(
                example.start.as_ref().map(|s| s.image.clone()),
                picture.start.as_ref().map(RgbImage::to_chw)
            );
        }
    }
}

#[test]
fn tok_albums_are_half_windowsill_and_the_rest_kitchen_and_sofa() {
    for count in [8, 20, 40] {
        let album = made(Recipe::Tok, count);
        let mut sill = 0;
        for picture in &album.pictures {
            assert!(
                words(&picture.caption).contains(&"TOK"),
                "{}",
                picture.caption
            );
            assert_eq!(picture.spec.subject, Subject::Tok);
            assert_eq!(picture.spec.style, Style::Photo);
            if picture.caption.contains("windowsill") {
                assert!(picture.caption.contains("sunny windowsill"));
                sill += 1;
            }
        }
        assert_eq!(sill * 2, count, "half on the windowsill");
        let kitchen = album
            .specs()
            .iter()
            .filter(|s| s.scene == Scene::KitchenTable)
            .count();
        assert_eq!(kitchen * 4, count, "a quarter on the kitchen table");
        let varied = |f: fn(&SceneSpec) -> u8| album.specs().iter().map(f).collect::<HashSet<_>>();
        assert_eq!(varied(|s| s.facing as u8).len(), 2, "both facings");
        assert!(varied(|s| s.framing as u8).len() >= 2, "framings vary");
        assert!(
            varied(|s| s.light as u8).len() >= 2 || count < 20,
            "lights vary"
        );
    }
}

#[test]
fn smaller_tok_albums_are_prefixes_of_larger_ones() {
    let (small, mid, large) = (
        Recipe::Tok.specs(8, 1),
        Recipe::Tok.specs(20, 1),
        Recipe::Tok.specs(40, 1),
    );
    assert_eq!(small[..], mid[..8]);
    assert_eq!(mid[..], large[..20]);
}

#[test]
fn the_style_album_is_tokstyle_and_never_tok() {
    let album = made(Recipe::TokStyle, 30);
    for picture in &album.pictures {
        let caption = words(&picture.caption);
        assert_eq!(&caption[..3], ["a", "TOKSTYLE", "painting"], "{caption:?}");
        assert!(!caption.contains(&"TOK"), "{caption:?}");
        assert_ne!(picture.spec.subject, Subject::Tok);
    }
    let scenes: HashSet<_> = album.specs().iter().map(|s| s.scene).collect();
    let subjects: HashSet<_> = album.specs().iter().map(|s| s.subject).collect();
    assert_eq!(scenes.len(), Scene::ALL.len(), "every scene");
    assert!(subjects.len() >= 20, "{} subjects", subjects.len());
}

#[test]
fn edit_pairs_are_a_sketch_and_a_painting_of_one_photo() {
    let album = made(Recipe::Edit, 15);
    for picture in &album.pictures {
        let spec = picture.spec;
        assert_ne!(spec.subject, Subject::Tok);
        assert_eq!(spec.style, Style::Painting);
        assert!(picture.caption.starts_with("a painting of "));
        assert!(!words(&picture.caption).contains(&"TOK"));
        let (sketch, painting) =
            render_pair(&spec, Style::Sketch, Style::Painting, 32).expect("renders");
        assert_eq!(picture.start.as_ref(), Some(&sketch));
        assert_eq!(picture.image, painting);
        assert_ne!(sketch, painting);
    }
    let files = album.files();
    assert!(
        files
            .iter()
            .all(|f| f.start.is_some() && f.caption.is_some())
    );
}

#[test]
fn no_album_shows_one_spec_twice() {
    for (recipe, count) in COURSE_ALBUMS {
        let specs = recipe.specs(count, 1);
        let unique: HashSet<_> = specs.iter().collect();
        assert_eq!(unique.len(), count, "{recipe:?}");
    }
}

#[test]
fn the_same_seed_gives_the_same_zip_and_another_seed_another() {
    let zip = |seed| {
        make_album(Recipe::Edit, 4, 32, seed)
            .and_then(|a| a.zip().map_err(|e| TrainerError::Image(e.to_string())))
            .expect("zips")
    };
    assert_eq!(zip(5), zip(5));
    assert_ne!(zip(5), zip(6));
}

#[test]
fn sheets_magnify_and_show_edit_pairs_side_by_side() {
    let tok = made(Recipe::Tok, 8);
    let sheet = tok.sheet();
    // 8 pictures: 4 columns, 2 rows of 128-pixel tiles with 12-pixel gaps.
    assert_eq!(
        (sheet.width, sheet.height),
        (4 * 128 + 5 * 12, 2 * 128 + 3 * 12)
    );
    assert_eq!(sheet.get(12, 12), tok.pictures[0].image.get(0, 0));
    assert_eq!(sheet.get(15, 15), tok.pictures[0].image.get(0, 0));
    let edit = make_album(Recipe::Edit, 3, 32, 1).expect("renders");
    let sheet = edit.sheet();
    assert_eq!(sheet.width, 3 * (2 * 128 + 4) + 4 * 12);
    let first = &edit.pictures[0];
    let start = first.start.as_ref().expect("a pair");
    assert_eq!(sheet.get(12 + 64, 12 + 64), start.get(16, 16));
    assert_eq!(sheet.get(12 + 132 + 64, 12 + 64), first.image.get(16, 16));
}

#[test]
fn the_committed_albums_match_the_recipes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/albums");
    let text = std::fs::read_to_string(dir.join(MANIFEST_FILE)).expect("manifest committed");
    let manifest: Manifest = serde_json::from_str(&text).expect("manifest parses");
    assert_eq!(manifest.albums.len(), COURSE_ALBUMS.len());
    for entry in &manifest.albums {
        let album =
            make_album(entry.recipe, entry.examples, entry.size, entry.seed).expect("renders");
        let zip = album.zip().expect("zips");
        assert_eq!(
            sha256_hex(&zip),
            entry.sha256,
            "{} no longer matches its recipe: run `{}`",
            entry.file,
            manifest.command
        );
        let committed = std::fs::read(dir.join(&entry.file)).expect("zip committed");
        assert_eq!(sha256_hex(&committed), entry.sha256, "{}", entry.file);
    }
}

#[test]
fn caption_variants_show_the_tok_photos_with_other_captions() {
    let tok = made(Recipe::Tok, 20);
    let trigger_only = made(Recipe::TokTriggerOnly, 20);
    let no_trigger = made(Recipe::TokNoTrigger, 20);
    for ((full, bare), plain) in tok
        .pictures
        .iter()
        .zip(&trigger_only.pictures)
        .zip(&no_trigger.pictures)
    {
        assert_eq!(full.image, bare.image, "the same photos");
        assert_eq!(full.image, plain.image, "the same photos");
        assert_eq!(bare.caption, "TOK");
        assert!(!words(&plain.caption).contains(&"TOK"), "{}", plain.caption);
        assert_eq!(
            plain.caption.replacen("a ceramic", "TOK ceramic", 1),
            full.caption,
            "only the call word changes"
        );
    }
    assert_eq!(trigger_only.name(), "tok-trigger-only-20");
    assert_eq!(no_trigger.name(), "tok-no-trigger-20");
}
