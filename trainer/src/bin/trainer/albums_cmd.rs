//! `trainer world albums`: writes the course's albums (zips), a contact sheet of
//! each, the world's contact sheet and `manifest.json` into one folder. Every file
//! is written atomically, so a reader never finds half an album.

use std::path::Path;
use std::process::Command;

use anyhow::Context;
use trainer::world::albums::manifest::{
    MANIFEST_FILE, Manifest, ManifestAlbum, WORLD_SHEET_FILE, regenerate_command,
};
use trainer::world::albums::{COURSE_ALBUMS, make_album};

use crate::files::write_atomic;

/// The picture sides the course uses (the tiny and the small painter).
pub(crate) fn parse_size(text: &str) -> Result<usize, String> {
    match text {
        "32" => Ok(32),
        "64" => Ok(64),
        _ => Err(format!("`{text}`: the albums are made at 32 or 64 pixels")),
    }
}

/// Writes every course album at `size` with `seed` into `out`.
pub(crate) fn write_albums(out: &Path, size: usize, seed: u64) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    // Asked before anything is written, so the answer describes the code only.
    let (git_commit, git_dirty) = git_state(out);
    let mut albums = Vec::new();
    for (recipe, count) in COURSE_ALBUMS {
        let album = make_album(recipe, count, size, seed)?;
        let zip = album
            .zip()
            .with_context(|| format!("cannot pack {}", album.name()))?;
        let entry = ManifestAlbum::new(&album, &zip);
        write_atomic(&out.join(&entry.file), &zip)?;
        write_atomic(&out.join(&entry.sheet), &album.sheet().to_png()?)?;
        println!(
            "wrote {} ({} examples, {} bytes) and {}",
            entry.file, entry.examples, entry.bytes, entry.sheet
        );
        albums.push(entry);
    }
    let world = trainer::world::world_sheet(size, seed)?;
    write_atomic(&out.join(WORLD_SHEET_FILE), &world.to_png()?)?;
    let manifest = Manifest {
        command: regenerate_command(&out.display().to_string(), size, seed),
        git_commit,
        git_dirty,
        size,
        seed,
        world_sheet: WORLD_SHEET_FILE.into(),
        albums,
    };
    let mut json = serde_json::to_string_pretty(&manifest)?;
    json.push('\n');
    write_atomic(&out.join(MANIFEST_FILE), json.as_bytes())?;
    println!(
        "wrote {WORLD_SHEET_FILE} and {MANIFEST_FILE} in {}",
        out.display()
    );
    Ok(())
}

/// The commit checked out around `dir`, and whether tracked files have changes;
/// `None` where git or a checkout is missing.
fn git_state(dir: &Path) -> (Option<String>, Option<bool>) {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "HEAD"]).filter(|c| !c.is_empty());
    let dirty = commit
        .as_ref()
        .and_then(|_| git(&["status", "--porcelain", "--untracked-files=no"]))
        .map(|changes| !changes.is_empty());
    (commit, dirty)
}
