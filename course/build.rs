//! Reads and checks the course's words at build time.
//!
//! The server embeds the chapters, the glossary and the field guide, so a broken
//! file (an unknown widget, a bad front matter line, a glossary term defined
//! twice) must stop the build with a message naming the file and line, never
//! reach a reader as a blank.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Only the server embeds the content; the browser bundle must not be rebuilt
    // (a minute of fat LTO) because a sentence changed.
    if std::env::var_os("CARGO_FEATURE_SSR").is_none() {
        println!("cargo:rerun-if-changed=build.rs");
        return ExitCode::SUCCESS;
    }
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest_dir.join("../content");
    for watched in ["chapters", "glossary.md", "field-guide.md"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    let library = match content::load_library(&root, "content") {
        Ok(library) => library,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let pages = [
        ("field-guide", library.field_guide.clone()),
        ("glossary", library.glossary_page()),
    ];
    let files = [
        ("course.json", serde_json::to_string(&library.course)),
        ("glossary.json", serde_json::to_string(&library.glossary)),
        ("pages.json", serde_json::to_string(&pages)),
    ];
    for (name, json) in files {
        let out = out_dir.join(name);
        // Written beside and renamed into place, so a reader never sees half a file
        // and a hard-linked copy of the target folder is never written through.
        let partial = out_dir.join(format!("{name}.partial"));
        let written = json.map_err(|e| e.to_string()).and_then(|json| {
            std::fs::write(&partial, json)
                .and_then(|()| std::fs::rename(&partial, &out))
                .map_err(|e| e.to_string())
        });
        if let Err(err) = written {
            eprintln!("error: cannot write {}: {err}", out.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
