//! Plain HTTP GET, to see pages exactly as the server sends them.

use anyhow::Context;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// A response's status and body.
#[derive(Debug)]
pub struct Fetched {
    /// HTTP status code.
    pub status: u16,
    /// The body as text.
    pub body: String,
}

/// GETs `url` with no JavaScript and no cookies.
pub async fn fetch(url: &str) -> anyhow::Result<Fetched> {
    let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let uri: hyper::Uri = url.parse().with_context(|| format!("bad URL {url}"))?;
    let response = client
        .get(uri)
        .await
        .with_context(|| format!("GET {url}"))?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .with_context(|| format!("reading the body of {url}"))?
        .to_bytes();
    Ok(Fetched {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}
