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
