//! The server's HTTP surface, driven in-process with `oneshot` (no sockets).

mod links;
mod pages;
mod reference;
mod static_files;
mod trainings;

use std::path::PathBuf;
use std::sync::{LazyLock, OnceLock};

use axum::Router;
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

/// The test site's root: a stylesheet of repetitive rules, nothing else.
pub(crate) fn site_root() -> &'static std::path::Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("sweetspot-site-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).expect("temp site");
        std::fs::write(root.join("pkg/course.css"), TEST_CSS.as_str()).expect("write css");
        root
    })
}

/// The stylesheet in the test site.
pub(crate) static TEST_CSS: LazyLock<String> =
    LazyLock::new(|| "body { color: black; }\n".repeat(200));

/// One router for the whole binary, built once as the server binary does.
fn router() -> Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER
        .get_or_init(|| app(AppState::new(site_root())))
        .clone()
}

/// Sends `request` to the app.
pub(crate) async fn send(request: Request<Body>) -> Reply {
    let response = router()
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

/// GETs `path`.
pub(crate) async fn get(path: &str) -> Reply {
    send(
        Request::get(path)
            .body(Body::empty())
            .expect("valid request"),
    )
    .await
}
