//! One module per route, and the pieces pages of prose share (`prose`).

mod bench;
mod chapter;
mod home;
mod labs;
mod not_found;
mod planner;
mod prose;
mod reference;
mod runs;
mod stop_run;
mod teach;

pub(crate) use chapter::ChapterView;
pub(crate) use home::Home;
pub(crate) use labs::LabsPage;
pub(crate) use not_found::NotFound;
pub(crate) use planner::PlannerPage;
pub(crate) use reference::ReferenceView;
pub(crate) use runs::{ClassPage, RunPage};
pub(crate) use stop_run::StopRunPage;
pub(crate) use teach::TeachPage;
