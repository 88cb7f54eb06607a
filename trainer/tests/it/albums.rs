//! `trainer world albums`: writing the course albums again gives exactly the
//! files committed under `assets/albums/`.

use std::path::Path;

use trainer::world::albums::manifest::{MANIFEST_FILE, Manifest};

use crate::cli::{text, trainer, workdir};

fn manifest(dir: &Path) -> Manifest {
    let json = std::fs::read_to_string(dir.join(MANIFEST_FILE)).expect("manifest written");
    serde_json::from_str(&json).expect("manifest parses")
}

#[test]
fn regenerated_albums_match_the_committed_manifest() {
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/albums");
    let committed = manifest(&committed_dir);
    let dir = workdir("albums");
    let out = dir.join("albums");
    let out_arg = out.to_str().expect("utf-8");
    let (size, seed) = (committed.size.to_string(), committed.seed.to_string());
    let run = trainer(&[
        "world", "albums", "--out", out_arg, "--size", &size, "--seed", &seed,
    ]);
    assert!(run.status.success(), "{}", text(&run));
    let fresh = manifest(&out);
    assert_eq!(
        fresh.albums, committed.albums,
        "the committed albums drifted from the recipes; regenerate them with `{}`",
        committed.command
    );
    for album in &fresh.albums {
        assert!(out.join(&album.file).is_file(), "{}", album.file);
        assert!(out.join(&album.sheet).is_file(), "{}", album.sheet);
        assert!(
            committed_dir.join(&album.sheet).is_file(),
            "{}",
            album.sheet
        );
    }
    assert!(out.join(&fresh.world_sheet).is_file());
    assert!(fresh.command.contains("world albums --out"));
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("lists")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn albums_refuse_sizes_the_course_does_not_use() {
    let dir = workdir("albums-size");
    let out = dir.join("albums");
    let run = trainer(&[
        "world",
        "albums",
        "--out",
        out.to_str().expect("utf-8"),
        "--size",
        "48",
    ]);
    assert!(!run.status.success());
    assert!(text(&run).contains("32 or 64"), "{}", text(&run));
    assert!(!out.exists(), "nothing is written");
    let _ = std::fs::remove_dir_all(&dir);
}
