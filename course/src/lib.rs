//! The course site: chapters, the course map and the labs page, as one Leptos app.
//!
//! # Brief overview
//!
//! The same code renders on the server (feature `ssr`, used by the `server` crate)
//! and hydrates in the browser (feature `hydrate`, used by `course-hydrate`).
//!
//! - [`shell`] is the HTML document; [`App`] is the router and layout inside it.
//! - [`api`] holds the server functions pages load their data with. On the server
//!   they read the chapters embedded at build time (`build.rs` parses
//!   `content/chapters/*.md` with the `content` crate); in the browser they are
//!   HTTP calls, used only after the first page, whose data travels in the HTML.
//!   The glossary and the field guide travel the same way.
//! - `pages` has one module per route (home, chapter, labs, the reference pages
//!   field guide and glossary, 404); [`progress`] remembers reading progress in the browser's `localStorage`.
//! - `term_tips` makes the glossary tooltips in prose open on a tap and close on
//!   Escape; hover and keyboard focus are plain CSS.
//! - [`runs`]: instructors' training runs as pages (dashboard, run, class), with
//!   their data from a source the server provides.

pub mod api;
mod app;
mod pages;
pub mod progress;
mod reading;
pub mod runs;
#[cfg(test)]
mod shape_tests;
#[cfg(feature = "ssr")]
mod shell;
#[cfg(feature = "ssr")]
mod store;
mod term_tips;

pub use app::App;
#[cfg(feature = "ssr")]
pub use shell::shell;
#[cfg(feature = "ssr")]
pub use store::{course, field_guide, glossary, page};
