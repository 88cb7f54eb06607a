//! One module per route.

mod chapter;
mod home;
mod labs;
mod not_found;
mod runs;
mod teach;

pub(crate) use chapter::ChapterView;
pub(crate) use home::Home;
pub(crate) use labs::LabsPage;
pub(crate) use not_found::NotFound;
pub(crate) use runs::{ClassPage, RunPage};
pub(crate) use teach::TeachPage;
