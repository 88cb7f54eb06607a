//! The course's words, embedded in the server binary at build time: the chapters,
//! the glossary, and the reference pages (field guide and glossary), as
//! `build.rs` parsed them from `content/`.

use std::sync::LazyLock;

use content::{Course, Glossary, Page};

static COURSE: LazyLock<Course> = LazyLock::new(|| {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/course.json")))
        .expect("build.rs writes the course as valid JSON")
});

static GLOSSARY: LazyLock<Glossary> = LazyLock::new(|| {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/glossary.json")))
        .expect("build.rs writes the glossary as valid JSON")
});

static PAGES: LazyLock<Vec<(String, Page)>> = LazyLock::new(|| {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/pages.json")))
        .expect("build.rs writes the reference pages as valid JSON")
});

/// The whole course as parsed from `content/chapters` when this binary was built.
pub fn course() -> &'static Course {
    &COURSE
}

/// The glossary from `content/glossary.md`.
pub fn glossary() -> &'static Glossary {
    &GLOSSARY
}

/// The reference page `slug`: `field-guide` or `glossary`.
pub fn page(slug: &str) -> Option<&'static Page> {
    PAGES.iter().find(|(s, _)| s == slug).map(|(_, page)| page)
}

/// The field guide from `content/field-guide.md`.
pub fn field_guide() -> &'static Page {
    page("field-guide").expect("build.rs embeds the field guide")
}

#[cfg(test)]
mod tests {
    use super::{course, field_guide, glossary, page};

    #[test]
    fn ten_chapters_are_embedded() {
        assert_eq!(course().chapters.len(), 10);
    }

    #[test]
    fn glossary_and_field_guide_are_embedded() {
        assert!(glossary().terms.len() >= 21);
        assert_eq!(field_guide().title, "Field guide");
        assert_eq!(page("glossary").map(|p| p.title.as_str()), Some("Glossary"));
        assert!(page("elsewhere").is_none());
    }

    #[test]
    fn every_widget_directive_is_usable() {
        let pages = course()
            .chapters
            .iter()
            .map(|c| {
                (
                    format!("chapter {} ({})", c.number, c.slug),
                    c.widgets().collect(),
                )
            })
            .chain([(
                "the field guide".to_owned(),
                field_guide().widgets().collect(),
            )]);
        for (name, calls) in pages {
            let calls: Vec<&content::WidgetCall> = calls;
            for call in calls {
                if let Err(err) = labs::registry::validate(call) {
                    panic!("{name}: {err}");
                }
            }
        }
    }
}
