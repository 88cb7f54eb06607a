//! The server's HTTP surface, driven in-process with `oneshot` (no sockets).

mod pages;
mod static_files;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use server::{AppState, app};
use tower::ServiceExt;

/// A response, read whole.
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: String,
}

/// Sends `request` to a fresh app serving static files from `site_root`.
pub(crate) async fn send(site_root: &std::path::Path, request: Request<Body>) -> Reply {
    let response = app(AppState::new(site_root))
        .oneshot(request)
        .await
        .expect("the router is infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body reads")
        .to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// GETs `path` with no site files at all.
pub(crate) async fn get(path: &str) -> Reply {
    let empty = std::env::temp_dir().join("sweetspot-no-site");
    send(
        &empty,
        Request::get(path)
            .body(Body::empty())
            .expect("valid request"),
    )
    .await
}
