//! The `content/` folder becomes a [`Library`]: the chapters as a [`Course`],
//! checked as a whole, the glossary, and the field guide.

use std::path::Path;

use crate::error::{ContentError, ErrorKind};
use crate::glossary::{Glossary, glossary_page, parse_glossary};
use crate::model::{Course, Page};
use crate::render::{parse_chapter_with, parse_page};

/// Everything the site shows from the `content/` folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    /// The chapters, with glossary terms linked.
    pub course: Course,
    /// The glossary.
    pub glossary: Glossary,
    /// The field guide, with glossary terms linked.
    pub field_guide: Page,
}

impl Library {
    /// The glossary as a page: every term, alphabetically, with the chapter
    /// where it is first met.
    pub fn glossary_page(&self) -> Page {
        glossary_page(&self.glossary, &self.course)
    }
}

/// Reads `root/glossary.md`, `root/field-guide.md` and `root/chapters/*.md`.
///
/// `display_root` is how `root` is named in error messages (for example
/// `content`), so a message points at a path the author can open.
pub fn load_library(root: &Path, display_root: &str) -> Result<Library, ContentError> {
    let read = |name: &str| {
        let shown = format!("{display_root}/{name}");
        std::fs::read_to_string(root.join(name))
            .map(|text| (text, shown.clone()))
            .map_err(|e| ContentError::new(&shown, 0, ErrorKind::Io(format!("cannot read: {e}"))))
    };
    let (text, shown) = read("glossary.md")?;
    let glossary = parse_glossary(&shown, &text)?;
    let (text, shown) = read("field-guide.md")?;
    let field_guide = parse_page(&shown, &text, &glossary)?;
    let chapters = format!("{display_root}/chapters");
    let sources = read_sources(&root.join("chapters"), &chapters)?;
    let course = parse_course_with(&sources, &glossary)?;
    Ok(Library {
        course,
        glossary,
        field_guide,
    })
}

/// Reads every `*.md` file in `dir` as a chapter, without glossary links.
///
/// `display_prefix` is how the folder is named in error messages (for example
/// `content/chapters`), so a message points at a path the author can open.
pub fn load_dir(dir: &Path, display_prefix: &str) -> Result<Course, ContentError> {
    parse_course(&read_sources(dir, display_prefix)?)
}

/// Every `*.md` file in `dir` as `(name shown in errors, text)`, sorted by name.
pub fn read_sources(
    dir: &Path,
    display_prefix: &str,
) -> Result<Vec<(String, String)>, ContentError> {
    let io = |what: &str, err: std::io::Error| {
        ContentError::new(display_prefix, 0, ErrorKind::Io(format!("{what}: {err}")))
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io("cannot list the folder", e))? {
        let path = entry.map_err(|e| io("cannot list the folder", e))?.path();
        if path.extension().is_some_and(|ext| ext == "md") {
            files.push(path);
        }
    }
    files.sort();
    let mut sources = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let shown = format!("{display_prefix}/{name}");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            ContentError::new(&shown, 0, ErrorKind::Io(format!("cannot read: {e}")))
        })?;
        sources.push((shown, text));
    }
    Ok(sources)
}

/// Parses `(file name, text)` pairs into a course and checks that the chapter
/// numbers run 1..=N without gaps and that slugs are unique.
pub fn parse_course(sources: &[(String, String)]) -> Result<Course, ContentError> {
    parse_course_with(sources, &Glossary::default())
}

/// Like [`parse_course`], linking the first use of each glossary term in each
/// chapter.
pub fn parse_course_with(
    sources: &[(String, String)],
    glossary: &Glossary,
) -> Result<Course, ContentError> {
    let mut chapters = Vec::new();
    let mut files = Vec::new();
    for (file, text) in sources {
        chapters.push(parse_chapter_with(file, text, glossary)?);
        files.push(file.as_str());
    }
    let mut order: Vec<usize> = (0..chapters.len()).collect();
    order.sort_by_key(|&i| chapters[i].number);
    for (position, &index) in order.iter().enumerate() {
        let expected = u32::try_from(position + 1).unwrap_or(u32::MAX);
        let chapter = &chapters[index];
        if chapter.number != expected {
            return Err(ContentError::new(
                files[index],
                0,
                ErrorKind::Library(format!(
                    "chapter number {} where {expected} was expected: numbers must run 1, 2, 3 … without gaps or repeats",
                    chapter.number
                )),
            ));
        }
        if let Some(other) = order[..position]
            .iter()
            .find(|&&j| chapters[j].slug == chapter.slug)
        {
            return Err(ContentError::new(
                files[index],
                0,
                ErrorKind::Library(format!(
                    "slug `{}` is already used by {}",
                    chapter.slug, files[*other]
                )),
            ));
        }
    }
    let mut sorted: Vec<_> = chapters.into_iter().map(Some).collect();
    let chapters = order.iter().filter_map(|&i| sorted[i].take()).collect();
    Ok(Course { chapters })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(file: &str, number: u32, slug: &str) -> (String, String) {
        (
            file.to_owned(),
            format!(
                "---\nnumber: {number}\nslug: {slug}\ntitle: T{number}\nlede: L.\n---\nBody.\n"
            ),
        )
    }

    #[test]
    fn sorts_by_number_and_links_neighbours() {
        let course = parse_course(&[source("b.md", 2, "two"), source("a.md", 1, "one")])
            .expect("valid course");
        let slugs: Vec<_> = course.chapters.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["one", "two"]);
        let page = course.page("two").expect("chapter two exists");
        assert_eq!(page.prev.map(|p| p.slug), Some("one".to_owned()));
        assert_eq!(page.next, None);
        assert_eq!(page.total, 2);
        assert!(course.page("three").is_none());
    }

    #[test]
    fn refuses_gaps_and_duplicate_slugs() {
        let err =
            parse_course(&[source("a.md", 1, "one"), source("c.md", 3, "three")]).expect_err("gap");
        assert!(
            err.to_string()
                .starts_with("c.md:0: chapter number 3 where 2"),
            "{err}"
        );
        let err = parse_course(&[source("a.md", 1, "one"), source("b.md", 2, "one")])
            .expect_err("duplicate slug");
        assert_eq!(
            err.to_string(),
            "b.md:0: slug `one` is already used by a.md"
        );
    }

    #[test]
    fn the_real_library_loads_with_terms_linked() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let library = load_library(root, "content").expect("the shipped content is valid");
        assert_eq!(library.course.chapters.len(), 10);
        for chapter in &library.course.chapters {
            for (i, id) in chapter.terms.iter().enumerate() {
                assert!(library.glossary.term(id).is_some(), "{id}");
                assert!(!chapter.terms[..i].contains(id), "{id} linked twice");
            }
        }
        let steps = library.course.page("steps").expect("chapter 4");
        assert!(
            steps.chapter.terms.iter().any(|id| id == "step"),
            "chapter 4 links `step`: {:?}",
            steps.chapter.terms
        );
        assert!(!library.field_guide.terms.is_empty());
    }

    #[test]
    fn the_real_chapters_parse() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("chapters");
        let course = load_dir(&dir, "content/chapters").expect("the shipped chapters are valid");
        assert_eq!(course.chapters.len(), 10);
        for chapter in &course.chapters {
            assert!(
                !chapter.blocks.is_empty(),
                "chapter {} has a body",
                chapter.number
            );
        }
    }
}
