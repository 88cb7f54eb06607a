//! The shape of the course's words, checked against the labs they point to.
//!
//! `content::structure` checks each chapter's recap, closing lab link and length
//! but cannot know the labs; these tests join the two. The check over the real
//! chapters waits for their prose.

use std::path::{Path, PathBuf};

use content::structure::{ChapterShape, check_chapter};
use content::{Block, read_sources};

fn content_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// Why the chapter's closing link points nowhere, if it does.
fn lab_problem(file: &str, shape: &ChapterShape) -> Option<String> {
    labs::catalog::find(&shape.lab_slug).is_none().then(|| {
        let known: Vec<&str> = labs::catalog::LABS.iter().map(|lab| lab.slug).collect();
        format!(
            "{file}: the lab link goes to `/labs#{}`, which is not a lab (labs: {})",
            shape.lab_slug,
            known.join(", ")
        )
    })
}

#[test]
fn closing_links_must_name_a_real_lab() {
    let mut shape = ChapterShape {
        words: 1500,
        recap: vec![],
        lab_title: "Stop the run".to_owned(),
        lab_slug: "stop-the-run".to_owned(),
    };
    assert_eq!(lab_problem("ch.md", &shape), None);
    shape.lab_slug = "stop-run".to_owned();
    let problem = lab_problem("ch.md", &shape).expect("refused");
    assert!(
        problem.starts_with(
            "ch.md: the lab link goes to `/labs#stop-run`, which is not a lab (labs: scale, "
        ),
        "{problem}"
    );
}

#[test]
fn every_chapter_has_its_recap_lab_link_and_length() {
    let sources = read_sources(&content_root().join("chapters"), "content/chapters")
        .expect("the chapters can be read");
    let mut problems = Vec::new();
    for (file, text) in &sources {
        match check_chapter(file, text) {
            Ok(shape) => problems.extend(lab_problem(file, &shape)),
            Err(errors) => problems.extend(errors.iter().map(ToString::to_string)),
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn every_field_guide_entry_points_to_a_chapter_and_a_lab() {
    let library =
        content::load_library(&content_root(), "content").expect("the content folder is valid");
    let html: String = library
        .field_guide
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Html(html) => Some(html.as_str()),
            Block::Widget(_) => None,
        })
        .collect();
    let entries: Vec<&str> = html.split("<h2").skip(1).collect();
    assert!(entries.len() >= 7, "{} entries", entries.len());
    for entry in entries {
        let name = entry.split('>').nth(1).unwrap_or(entry);
        assert!(entry.contains("href=\"/learn/"), "{name} links a chapter");
        assert!(entry.contains("href=\"/labs#"), "{name} links a lab");
        for slug in entry.split("href=\"/labs#").skip(1) {
            let slug = slug.split('"').next().unwrap_or_default();
            assert!(
                labs::catalog::find(slug).is_some(),
                "{name}: no lab `{slug}`"
            );
        }
        for slug in entry.split("href=\"/learn/").skip(1) {
            let slug = slug.split('"').next().unwrap_or_default();
            assert!(
                library.course.page(slug).is_some(),
                "{name}: no chapter `{slug}`"
            );
        }
    }
}
