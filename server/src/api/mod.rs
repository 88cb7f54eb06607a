//! The trainings API under `/api/`: sign-in, albums, jobs, their live events and
//! their files. Every state-changing route passes the Origin check
//! ([`crate::auth::check_origin`]); writes need a signed-in instructor. Students
//! need no account: the class link (`/api/classes/TOKEN`, the token shown to its
//! instructor by `/api/auth/me`) lists a class's runs, and one job's page, events
//! and files need only the job's unguessable id.

mod albums;
mod body;
mod download;
mod events;
mod jobs;
mod session;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};

use crate::auth::AuthSettings;
use crate::auth::limit::RateLimit;
use crate::trainings::Trainings;

/// What the API's handlers share.
#[derive(Debug)]
pub struct Services {
    /// Jobs, store, hub.
    pub trainings: Arc<Trainings>,
    /// Cookie and Origin settings.
    pub auth: AuthSettings,
    /// Login attempts.
    pub login_limit: RateLimit,
}

impl Services {
    /// Services over `trainings` with `auth` settings.
    pub fn new(trainings: Arc<Trainings>, auth: AuthSettings) -> Self {
        let login_limit = RateLimit::new(auth.login_attempts, auth.login_window);
        Self {
            trainings,
            auth,
            login_limit,
        }
    }
}

/// The API's routes, to merge into the app's router.
pub fn router<S>(services: Arc<Services>) -> Router<S> {
    // The form's limit is the upload limit plus room for its other fields; the
    // file itself is still counted against the upload limit as it streams.
    let form_limit = usize::try_from(services.trainings.max_upload_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    Router::new()
        .route("/api/auth/login", post(session::login))
        .route("/api/auth/logout", post(session::logout))
        .route("/api/auth/me", get(session::me))
        .route("/api/albums", post(albums::upload))
        .route("/api/albums/builtin", get(albums::builtin))
        .route(
            "/api/albums/form",
            post(albums::upload_form).layer(DefaultBodyLimit::max(form_limit)),
        )
        .route("/api/jobs", get(jobs::list).post(jobs::create))
        .route("/api/jobs/form", post(jobs::create_from_form))
        .route("/api/jobs/{id}", get(jobs::show))
        .route("/api/classes/{token}", get(jobs::class))
        .route("/api/jobs/{id}/stop", post(jobs::stop))
        .route("/api/jobs/{id}/cancel", post(jobs::cancel))
        .route("/api/jobs/{id}/resume", post(jobs::resume))
        .route("/api/jobs/{id}/duplicate", post(jobs::duplicate))
        .route("/api/jobs/{id}/checkpoints", get(download::checkpoints))
        .route("/api/jobs/{id}/events", get(events::stream))
        .route("/api/jobs/{id}/lora", get(download::lora))
        .route(
            "/api/jobs/{id}/checkpoints/{step}",
            get(download::checkpoint),
        )
        .route("/api/jobs/{id}/samples/{name}", get(download::sample))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&services),
            crate::auth::check_origin,
        ))
        .with_state(services)
}
