//! The site's static files: types, compression, and what a missing file gets.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::send;

fn site_with_css(css: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("sweetspot-site-{}", std::process::id()));
    std::fs::create_dir_all(root.join("pkg")).expect("temp site");
    std::fs::write(root.join("pkg/course.css"), css).expect("write css");
    root
}

#[tokio::test]
async fn stylesheet_is_served_compressed_when_asked() {
    let css = "body { color: black; }\n".repeat(200);
    let root = site_with_css(&css);
    let plain = send(
        &root,
        Request::get("/pkg/course.css")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.headers[header::CONTENT_TYPE], "text/css");
    assert_eq!(plain.body, css);

    let request = Request::get("/pkg/course.css")
        .header(header::ACCEPT_ENCODING, "br")
        .body(Body::empty())
        .expect("request");
    let compressed = send(&root, request).await;
    assert_eq!(compressed.status, StatusCode::OK);
    assert_eq!(compressed.headers[header::CONTENT_ENCODING], "br");
    assert!(
        compressed.body.len() < css.len() / 10,
        "brotli shrinks repetitive CSS"
    );
}

#[tokio::test]
async fn a_missing_asset_is_a_404() {
    let root = site_with_css("body {}");
    let reply = send(
        &root,
        Request::get("/pkg/missing.js")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}
