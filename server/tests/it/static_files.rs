//! The site's static files: types, compression, and what a missing file gets.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::{TEST_CSS, get, send};

#[tokio::test]
async fn stylesheet_is_served_compressed_when_asked() {
    let css = TEST_CSS.as_str();
    let plain = get("/pkg/course.css").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.headers[header::CONTENT_TYPE], "text/css");
    assert_eq!(plain.body, css);

    let request = Request::get("/pkg/course.css")
        .header(header::ACCEPT_ENCODING, "br")
        .body(Body::empty())
        .expect("request");
    let compressed = send(request).await;
    assert_eq!(compressed.status, StatusCode::OK);
    assert_eq!(compressed.headers[header::CONTENT_ENCODING], "br");
    assert!(
        compressed.body.len() < css.len() / 10,
        "brotli shrinks repetitive CSS"
    );
}

#[tokio::test]
async fn a_missing_asset_is_a_404() {
    let reply = get("/pkg/missing.js").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}
