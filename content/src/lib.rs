//! The course's chapters as data.
//!
//! # Brief overview
//!
//! Chapters are Markdown files in `content/chapters/`, each opening with a front
//! matter block (`number`, `slug`, `title`, `lede`). [`load_dir`] reads them all,
//! renders the Markdown to HTML and cuts the body into [`Block`]s: runs of HTML and
//! [`WidgetCall`]s, written in the Markdown as a fenced block:
//!
//! ````markdown
//! ```widget scale-slider
//! value = 1.0
//! ```
//! ````
//!
//! Every widget name is checked against [`widgets::CATALOG`], and every problem is
//! reported as `file:line: message` (a [`ContentError`]), so a typo in a chapter
//! stops the build instead of leaving a silent blank on the page.
//!
//! [`load_library`] reads the whole `content/` folder: the chapters, the
//! [`glossary`] (`glossary.md`, whose terms are linked on their first use in each
//! page) and the field guide (`field-guide.md`, a [`Page`]). [`structure`] checks
//! the shape every chapter shares (recap, lab link, length).
//!
//! The types ([`Course`], [`Chapter`], [`Block`], [`Glossary`] …) are plain serde
//! data and compile for the browser without the `render` feature; parsing needs
//! `render`.

pub mod glossary;
mod model;
pub mod widgets;

#[cfg(feature = "render")]
mod directive;
#[cfg(feature = "render")]
mod error;
#[cfg(feature = "render")]
mod front_matter;
#[cfg(feature = "render")]
mod library;
#[cfg(feature = "render")]
mod render;
#[cfg(feature = "render")]
pub mod structure;
#[cfg(feature = "render")]
mod words;

pub use glossary::{Glossary, Term};
pub use model::{Block, Chapter, ChapterPage, ChapterSummary, Course, Page, TocEntry, WidgetCall};

#[cfg(feature = "render")]
pub use error::{ContentError, ErrorKind};
#[cfg(feature = "render")]
pub use library::{Library, load_dir, load_library, parse_course, parse_course_with, read_sources};
#[cfg(feature = "render")]
pub use render::{parse_chapter, parse_chapter_with, parse_page};
