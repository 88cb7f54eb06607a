//! Recorded rounds for readers whose browser cannot train live: the list and
//! the recordings are static JSON under `/assets/recorded/` (made by the
//! `record` binary of `lab-engine`, copied into the site by `cargo xtask build`).

use lab_engine::{Recording, RecordingIndex};

/// Where the list of recordings is served.
pub const INDEX_URL: &str = "/assets/recorded/index.json";

/// Fetches the `n`-th recording (wrapping around the list).
pub async fn fetch_recording(n: u32) -> Result<Recording, String> {
    let index: RecordingIndex = fetch_json(INDEX_URL).await?;
    if index.recordings.is_empty() {
        return Err("no recorded runs are available".into());
    }
    let (file, _) = &index.recordings[n as usize % index.recordings.len()];
    fetch_json(&format!("/assets/recorded/{file}")).await
}

#[cfg(feature = "hydrate")]
async fn fetch_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    use leptos::wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let window = leptos::web_sys::window().ok_or("no browser window")?;
    let response: leptos::web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("could not download {url}"))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| format!("{url} has no body"))?)
        .await
        .map_err(|_| format!("the download of {url} broke off"))?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| format!("{url} is not a recording: {e}"))
}

#[cfg(not(feature = "hydrate"))]
async fn fetch_json<T>(url: &str) -> Result<T, String> {
    Err(format!("{url} can only be fetched in a browser"))
}
