//! The Sweet Spot web server.
//!
//! # Brief overview
//!
//! [`app`] builds the whole HTTP surface as an axum [`Router`], so tests drive it
//! with `oneshot` and `main` only binds it to an address:
//!
//! - every course page, rendered by the `course` crate (`leptos_axum`), with the
//!   server functions pages load data through;
//! - the site's static files (`/pkg/course.js`, `course_bg.wasm`, `course.css`)
//!   from the site root that `cargo xtask build` fills, compressed on the way out;
//! - `/healthz` for scripts that wait for the server to come up;
//! - any other address: the course's 404 page with a 404 status;
//! - with trainings on ([`AppState::with_api`]), the instructor API under
//!   `/api/` ([`api`]): sign-in ([`auth`]), album uploads, training jobs in a
//!   durable SQLite queue ([`store`]) run by a worker pool ([`trainings`]), their
//!   live events over SSE and their LoRA files. The bench's form rules are in
//!   [`bench`]; [`runs`] feeds the course's run pages from the store.
//!
//! [`Config`] holds what can be set from flags or the environment.

pub mod admin;
pub mod api;
pub mod auth;
pub mod bench;
mod config;
pub mod error;
pub mod ids;
pub mod runs;
pub mod store;
pub mod trainings;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::extract::FromRef;
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;

pub use config::{AdminTask, Cli, Command, Config};

/// What every request handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Where the site's files are and what the hydrate bundle is called.
    pub leptos: LeptosOptions,
    /// The instructor API, when trainings are on.
    pub api: Option<Arc<api::Services>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// State for a site whose static files live in `site_root`.
    pub fn new(site_root: &Path) -> Self {
        let leptos = LeptosOptions::builder()
            .output_name("course")
            .site_root(site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .build();
        Self { leptos, api: None }
    }

    /// The same state with the trainings API on.
    pub fn with_api(mut self, services: Arc<api::Services>) -> Self {
        self.api = Some(services);
        self
    }
}

/// The course's routes, rendered once per process: leptos_axum 0.8 generates the
/// list by rendering the app, and several threads doing that at once were seen
/// to hang.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES
        .get_or_init(|| generate_route_list(course::App))
        .clone()
}

/// The server's whole HTTP surface.
///
/// The course's route list is generated once per process and reused, so
/// building several apps (one per test) is cheap and safe.
pub fn app(state: AppState) -> Router {
    let routes = route_list();
    let shell_options = state.leptos.clone();
    let mut router = Router::new().route("/healthz", get(|| async { "ok" }));
    let shell = move || course::shell(shell_options.clone());
    if let Some(services) = &state.api {
        router = router.merge(api::router(Arc::clone(services)));
        let runs = course::runs::RunSources(Arc::new(runs::StoreRuns::new(
            Arc::clone(&services.trainings.store),
            services.trainings.paths.clone(),
        )));
        let context = move || leptos::prelude::provide_context(runs.clone());
        router = router.leptos_routes_with_context(&state, routes, context, shell);
    } else {
        router = router.leptos_routes(&state, routes, shell);
    }
    router
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            course::shell,
        ))
        .layer(CompressionLayer::new())
        .with_state(state)
}
