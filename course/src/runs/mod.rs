//! Training runs as the course shows them: an instructor's dashboard, one run's
//! page (progress, loss and validation curves, samples, checkpoints) and the
//! class page students open without an account.
//!
//! The course crate cannot see the server's job store (the server depends on
//! the course, not the other way round), so it defines what it needs: the plain
//! data of a page ([`RunView`], [`RunList`]), built from the store's job and
//! event JSON by pure functions ([`model`]), the chart geometry (`labs::chart`), and
//! on the server a [`RunSource`] the `server` crate implements and provides as
//! Leptos context. Without one (a server with trainings off) the pages say so.

pub mod follow;
pub mod model;
pub mod settings;
pub mod walk;

pub use model::{RunList, RunSummary, RunView, SampleRow};
pub use settings::BenchValues;

#[cfg(feature = "ssr")]
pub use source::{RunSource, RunSources};

#[cfg(feature = "ssr")]
mod source {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Arc;

    use super::{RunList, RunView};

    /// A boxed future, so the trait stays object-safe.
    pub type Pending<T> = Pin<Box<dyn Future<Output = T> + Send>>;

    /// Where the run pages' data comes from (implemented by the server).
    pub trait RunSource: Send + Sync + 'static {
        /// One run by its id, marked `owned` when these cookies sign in its
        /// instructor.
        fn run(&self, id: String, cookies: String) -> Pending<Option<RunView>>;
        /// A class's runs by its class token.
        fn class(&self, token: String) -> Pending<Option<RunList>>;
        /// The runs of the instructor whose request carried these cookies, or
        /// `None` when nobody is signed in.
        fn mine(&self, cookies: String) -> Pending<Option<RunList>>;
    }

    /// The source as Leptos context.
    #[derive(Clone)]
    pub struct RunSources(pub Arc<dyn RunSource>);
}
