//! Downloads weights with progress, keeping them in the browser's Cache API so
//! a second visit starts at once. Where the cache is unavailable (a page not
//! served over HTTPS or localhost), it simply downloads.

use js_sys::{Reflect, Uint8Array};
use lab_engine::FromEngine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, ReadableStreamDefaultReader, Response};

use crate::{post, scope};

/// The cache's name; a new name when the weights' format changes.
const CACHE: &str = "sweetspot-engine-v1";

fn words(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the browser gave no reason".into())
}

async fn cache() -> Option<Cache> {
    let storage = scope().caches().ok()?;
    JsFuture::from(storage.open(CACHE))
        .await
        .ok()
        .map(JsCast::unchecked_into)
}

/// The bytes at `url`, from the cache or the network; `what` names them in
/// the progress messages and errors.
pub(crate) async fn bytes(url: &str, what: &str) -> Result<Vec<u8>, String> {
    let cache = cache().await;
    if let Some(cache) = &cache {
        let hit = JsFuture::from(cache.match_with_str(url)).await.ok();
        if let Some(response) = hit.filter(|v| !v.is_undefined())
            && let Ok(bytes) = read(response.unchecked_into(), what).await
        {
            return Ok(bytes);
        }
    }
    let response: Response = JsFuture::from(scope().fetch_with_str(url))
        .await
        .map_err(|e| format!("could not download {what} ({url}): {}", words(e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!(
            "could not download {what}: {url} answered {}",
            response.status()
        ));
    }
    let mut bytes = read(response, what).await?;
    if let Some(cache) = &cache {
        // Keeping a copy is a convenience; a full disk only costs a re-download.
        if let Ok(copy) = Response::new_with_opt_u8_array(Some(&mut bytes)) {
            let _ = JsFuture::from(cache.put_with_str(url, &copy)).await;
        }
    }
    Ok(bytes)
}

/// Reads a response's body chunk by chunk, posting progress.
async fn read(response: Response, what: &str) -> Result<Vec<u8>, String> {
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok());
    let body = response
        .body()
        .ok_or_else(|| format!("{what} arrived empty"))?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    let mut reported = 0u64;
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| format!("the download of {what} broke off: {}", words(e)))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) {
            bytes.extend(value.unchecked_into::<Uint8Array>().to_vec());
        }
        let done = bytes.len() as u64;
        // About a hundred progress messages per file at most.
        if done - reported >= total.map_or(1 << 16, |t| (t / 100).max(1)) {
            reported = done;
            post(&FromEngine::Loading {
                what: what.to_owned(),
                done,
                total,
            });
        }
    }
    post(&FromEngine::Loading {
        what: what.to_owned(),
        done: bytes.len() as u64,
        total,
    });
    Ok(bytes)
}
