//! Server functions: how pages get the course's data.
//!
//! During server rendering these run in-process and their results are written into
//! the page for hydration; after that, client-side navigation calls them over HTTP.
//! Each has a fixed path under `/api/site/`: the default path ends in a hash of
//! where the crate was built, so a browser bundle and a server built from two
//! checkouts of the same commit would not find each other's functions.

// `#[server]` turns each function's arguments into fields of a generated struct,
// which cannot carry doc comments.
#![allow(missing_docs)]

use content::{ChapterPage, ChapterSummary, Page};
use leptos::prelude::*;

/// Every chapter's summary, in order: the course map.
#[server(prefix = "/api/site", endpoint = "course-map")]
pub async fn get_course_map() -> Result<Vec<ChapterSummary>, ServerFnError> {
    Ok(crate::store::course().summaries())
}

/// One chapter with its neighbours, or `None` if no chapter has this slug.
#[server(prefix = "/api/site", endpoint = "chapter")]
pub async fn get_chapter(slug: String) -> Result<Option<ChapterPage>, ServerFnError> {
    Ok(crate::store::course().page(&slug))
}

/// A reference page (`field-guide` or `glossary`), or `None` for any other slug.
#[server(prefix = "/api/site", endpoint = "page")]
pub async fn get_page(slug: String) -> Result<Option<Page>, ServerFnError> {
    Ok(crate::store::page(&slug).cloned())
}

/// One training run's page data, or `None` if there is no such run (or the
/// server trains nothing).
#[server(prefix = "/api/site", endpoint = "run")]
pub async fn get_run(id: String) -> Result<Option<crate::runs::RunView>, ServerFnError> {
    let Some(source) = use_context::<crate::runs::RunSources>() else {
        return Ok(None);
    };
    Ok(source.0.run(id, cookies().await?).await)
}

/// A class's runs by the token in its class link.
#[server(prefix = "/api/site", endpoint = "class")]
pub async fn get_class(token: String) -> Result<Option<crate::runs::RunList>, ServerFnError> {
    Ok(match use_context::<crate::runs::RunSources>() {
        Some(source) => source.0.class(token).await,
        None => None,
    })
}

/// The signed-in instructor's runs, or `None` when nobody is signed in.
#[server(prefix = "/api/site", endpoint = "my-runs")]
pub async fn get_my_runs() -> Result<Option<crate::runs::RunList>, ServerFnError> {
    let Some(source) = use_context::<crate::runs::RunSources>() else {
        return Ok(None);
    };
    Ok(source.0.mine(cookies().await?).await)
}

/// The request's cookies, joined (the session cookie among them, if any).
#[cfg(feature = "ssr")]
async fn cookies() -> Result<String, ServerFnError> {
    let headers: http::HeaderMap = leptos_axum::extract().await?;
    let cookies: Vec<&str> = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    Ok(cookies.join("; "))
}
