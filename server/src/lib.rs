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
//! - any other address: the course's 404 page with a 404 status.
//!
//! [`Config`] holds what can be set from flags or the environment.

mod config;

use std::path::Path;

use axum::Router;
use axum::extract::FromRef;
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;

pub use config::Config;

/// What every request handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Where the site's files are and what the hydrate bundle is called.
    pub leptos: LeptosOptions,
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
        Self { leptos }
    }
}

/// The server's whole HTTP surface.
///
/// Build it once per process and clone the result: leptos_axum 0.8 generates the
/// route list by rendering the app, and several threads doing that at once were
/// seen to hang (the in-process tests share one router for this reason).
pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(course::App);
    let shell_options = state.leptos.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .leptos_routes(&state, routes, move || course::shell(shell_options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            course::shell,
        ))
        .layer(CompressionLayer::new())
        .with_state(state)
}
