//! The chapters, embedded in the server binary at build time.

use std::sync::LazyLock;

use content::Course;

static COURSE: LazyLock<Course> = LazyLock::new(|| {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/course.json")))
        .expect("build.rs writes the course as valid JSON")
});

/// The whole course as parsed from `content/chapters` when this binary was built.
pub fn course() -> &'static Course {
    &COURSE
}

#[cfg(test)]
mod tests {
    use super::course;

    #[test]
    fn ten_chapters_are_embedded() {
        assert_eq!(course().chapters.len(), 10);
    }

    #[test]
    fn every_widget_directive_is_usable() {
        for chapter in &course().chapters {
            for call in chapter.widgets() {
                if let Err(err) = labs::registry::validate(call) {
                    panic!("chapter {} ({}): {err}", chapter.number, chapter.slug);
                }
            }
        }
    }
}
