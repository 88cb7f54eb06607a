//! The page's end of the lab engine: starts the engine's Web Worker, sends it
//! [`ToEngine`] messages and hands each [`FromEngine`] answer to a callback.
//!
//! Only pages with a lab that trains or paints create one, so only they
//! download the engine. On the server there is no worker: [`EngineClient::start`]
//! says so and the page renders its initial state.

use lab_engine::{FromEngine, ToEngine};
use leptos::prelude::*;

/// Where a widget keeps its engine once started. In the browser the worker's
/// handles are not `Send`, so the slot is local storage; on the server nothing
/// is ever stored, and a local value would panic when the page's owner is
/// dropped on another thread, so there it is plain storage.
#[derive(Clone, Copy)]
pub struct EngineSlot {
    #[cfg(feature = "hydrate")]
    client: StoredValue<Option<EngineClient>, LocalStorage>,
    #[cfg(not(feature = "hydrate"))]
    client: StoredValue<Option<EngineClient>>,
}

impl EngineSlot {
    /// An empty slot, owned by the current reactive owner.
    pub fn new() -> Self {
        Self {
            #[cfg(feature = "hydrate")]
            client: StoredValue::new_local(None),
            #[cfg(not(feature = "hydrate"))]
            client: StoredValue::new(None),
        }
    }

    /// Whether an engine was started here.
    pub fn is_started(&self) -> bool {
        self.client.with_value(Option::is_some)
    }

    /// Starts the engine (see [`EngineClient::start`]) and keeps it here.
    pub fn start(&self, on_message: impl Fn(FromEngine) + 'static) -> Result<(), String> {
        let client = EngineClient::start(on_message)?;
        self.client.set_value(Some(client));
        Ok(())
    }

    /// Sends `message` to the engine, if one was started.
    pub fn send(&self, message: &ToEngine) {
        self.client.with_value(|c| {
            if let Some(c) = c {
                c.send(message);
            }
        });
    }
}

impl Default for EngineSlot {
    fn default() -> Self {
        Self::new()
    }
}

/// The CPU engine's module script (written by `cargo xtask build`).
pub const CPU_WORKER_URL: &str = "/pkg/engine/worker.js";

/// The WebGPU engine's module script: a larger download that trains on the
/// reader's GPU (and falls back to the CPU itself if no adapter answers).
pub const WEBGPU_WORKER_URL: &str = "/pkg/engine-webgpu/worker.js";

/// The WebGPU engine, told to train even on a software adapter (which it
/// otherwise passes over for the CPU, being far slower than it).
pub const ANY_ADAPTER_WORKER_URL: &str = "/pkg/engine-webgpu/worker.js?adapter=any";

/// Which engine a page starts: the WebGPU one where the browser has WebGPU,
/// the CPU one where it does not. The page's query may choose: `engine=cpu`
/// (for readers whose GPU misbehaves, and for comparing the two) or
/// `engine=webgpu` (WebGPU on any adapter, software ones included).
pub fn worker_url(has_webgpu: bool, query: &str) -> &'static str {
    let asks = |what: &str| {
        query
            .trim_start_matches('?')
            .split('&')
            .any(|pair| pair.strip_prefix("engine=") == Some(what))
    };
    if asks("cpu") {
        CPU_WORKER_URL
    } else if asks("webgpu") {
        ANY_ADAPTER_WORKER_URL
    } else if has_webgpu {
        WEBGPU_WORKER_URL
    } else {
        CPU_WORKER_URL
    }
}

/// A running engine worker.
pub struct EngineClient {
    #[cfg(feature = "hydrate")]
    worker: browser::Running,
}

impl EngineClient {
    /// Starts the worker; `on_message` receives every answer, in order.
    pub fn start(on_message: impl Fn(FromEngine) + 'static) -> Result<EngineClient, String> {
        #[cfg(feature = "hydrate")]
        {
            Ok(EngineClient {
                worker: browser::Running::start(on_message)?,
            })
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = on_message;
            Err("the lab engine runs only in a browser".into())
        }
    }

    /// Sends a message to the engine.
    pub fn send(&self, message: &ToEngine) {
        #[cfg(feature = "hydrate")]
        self.worker.send(message);
        #[cfg(not(feature = "hydrate"))]
        let _ = message;
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use lab_engine::{FromEngine, ToEngine};
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use leptos::web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

    pub(super) struct Running {
        worker: Worker,
        _on_message: Closure<dyn Fn(MessageEvent)>,
        _on_error: Closure<dyn Fn(ErrorEvent)>,
    }

    impl Running {
        pub(super) fn start(on_message: impl Fn(FromEngine) + 'static) -> Result<Running, String> {
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            let worker = Worker::new_with_options(url(), &options)
                .map_err(|_| "this browser could not start the lab engine".to_owned())?;
            let on_message = std::rc::Rc::new(on_message);
            let report = on_message.clone();
            let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let answer = event
                    .data()
                    .as_string()
                    .ok_or_else(|| "the lab engine sent something unreadable".to_owned())
                    .and_then(|text| FromEngine::from_json(&text).map_err(|e| e.to_string()));
                on_message(answer.unwrap_or_else(|message| FromEngine::Failed { message }));
            });
            let failure = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
                report(FromEngine::Failed {
                    message: format!("the lab engine stopped: {}", event.message()),
                });
            });
            worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            worker.set_onerror(Some(failure.as_ref().unchecked_ref()));
            Ok(Running {
                worker,
                _on_message: listener,
                _on_error: failure,
            })
        }

        pub(super) fn send(&self, message: &ToEngine) {
            // A worker that died has already reported it through `onerror`.
            let _ = self
                .worker
                .post_message(&JsValue::from_str(&message.to_json()));
        }
    }

    /// The engine this browser should run (see [`super::worker_url`]).
    fn url() -> &'static str {
        let Some(window) = leptos::web_sys::window() else {
            return super::CPU_WORKER_URL;
        };
        let has_webgpu =
            leptos::web_sys::js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("gpu"))
                .is_ok_and(|gpu| !gpu.is_undefined() && !gpu.is_null());
        let query = window.location().search().unwrap_or_default();
        super::worker_url(has_webgpu, &query)
    }

    impl Drop for Running {
        fn drop(&mut self) {
            self.worker.terminate();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webgpu_browsers_get_the_gpu_engine_unless_the_query_chooses() {
        assert_eq!(worker_url(true, ""), WEBGPU_WORKER_URL);
        assert_eq!(worker_url(true, "?chapter=6"), WEBGPU_WORKER_URL);
        assert_eq!(worker_url(false, ""), CPU_WORKER_URL);
        assert_eq!(worker_url(true, "?engine=cpu"), CPU_WORKER_URL);
        assert_eq!(worker_url(true, "?a=1&engine=cpu"), CPU_WORKER_URL);
        assert_eq!(worker_url(true, "?engine=cpus"), WEBGPU_WORKER_URL);
        assert_eq!(worker_url(false, "?engine=webgpu"), ANY_ADAPTER_WORKER_URL);
        assert_eq!(
            worker_url(true, "?steps=100&engine=webgpu"),
            ANY_ADAPTER_WORKER_URL
        );
    }
}
