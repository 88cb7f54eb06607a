//! Reads and checks the chapters at build time.
//!
//! The course embeds its chapters in the server binary, so a broken chapter (an
//! unknown widget, a bad front matter line) must stop the build with a message
//! naming the file and line, never reach a reader as a blank.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Only the server embeds the chapters; the browser bundle must not be rebuilt
    // (a minute of fat LTO) because a sentence changed.
    if std::env::var_os("CARGO_FEATURE_SSR").is_none() {
        println!("cargo:rerun-if-changed=build.rs");
        return ExitCode::SUCCESS;
    }
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let chapters = manifest_dir.join("../content/chapters");
    println!("cargo:rerun-if-changed={}", chapters.display());
    let course = match content::load_dir(&chapters, "content/chapters") {
        Ok(course) => course,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("course.json");
    let written = serde_json::to_string(&course)
        .map_err(|e| e.to_string())
        .and_then(|json| std::fs::write(&out, json).map_err(|e| e.to_string()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write {}: {err}", out.display());
            ExitCode::FAILURE
        }
    }
}
