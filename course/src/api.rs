//! Server functions: how pages get the course's data.
//!
//! During server rendering these run in-process and their results are written into
//! the page for hydration; after that, client-side navigation calls them over HTTP.

// `#[server]` turns each function's arguments into fields of a generated struct,
// which cannot carry doc comments.
#![allow(missing_docs)]

use content::{ChapterPage, ChapterSummary, Page};
use leptos::prelude::*;

/// Every chapter's summary, in order: the course map.
#[server]
pub async fn get_course_map() -> Result<Vec<ChapterSummary>, ServerFnError> {
    Ok(crate::store::course().summaries())
}

/// One chapter with its neighbours, or `None` if no chapter has this slug.
#[server]
pub async fn get_chapter(slug: String) -> Result<Option<ChapterPage>, ServerFnError> {
    Ok(crate::store::course().page(&slug))
}

/// A reference page (`field-guide` or `glossary`), or `None` for any other slug.
#[server]
pub async fn get_page(slug: String) -> Result<Option<Page>, ServerFnError> {
    Ok(crate::store::page(&slug).cloned())
}
