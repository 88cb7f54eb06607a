//! Which device the engine trains on, chosen once when the worker starts.
//!
//! Built with the `webgpu` feature, the worker asks the browser for a WebGPU
//! adapter first (`navigator.gpu.requestAdapter()`, from the worker's own
//! navigator). Only if one answers does it start burn's WebGPU backend (which
//! must be initialised, asynchronously, before any tensor); otherwise it trains
//! on the CPU and says why. A software adapter (`isFallbackAdapter`, such as
//! SwiftShader) is passed over for the CPU too: measured here it trained about
//! 60 times slower than the CPU engine. The worker's own address can insist
//! (`worker.js?adapter=any`), which the tests and the benchmark use. The
//! default build is the CPU engine alone, a smaller download for browsers
//! without WebGPU.

use burn::backend::{Autodiff, Flex};
use lab_engine::engine::{Engine, EngineError};
use lab_engine::{FromEngine, ToEngine};

/// The CPU engine's description, as the page shows it.
const CPU: &str = "CPU (WebAssembly)";

/// The engine on whichever backend the browser allows.
pub(crate) enum AnyEngine {
    /// burn flex, compiled to WebAssembly.
    Cpu(Box<Engine<Autodiff<Flex>>>),
    /// burn wgpu on the browser's WebGPU.
    #[cfg(feature = "webgpu")]
    Gpu(Box<Engine<Autodiff<burn::backend::Wgpu>>>),
}

/// Runs the same call on whichever engine this is.
macro_rules! either {
    ($self:expr, $engine:ident => $call:expr) => {
        match $self {
            AnyEngine::Cpu($engine) => $call,
            #[cfg(feature = "webgpu")]
            AnyEngine::Gpu($engine) => $call,
        }
    };
}

impl AnyEngine {
    pub(crate) fn busy(&self) -> bool {
        either!(self, e => e.busy())
    }

    pub(crate) fn load(&mut self, base: &[u8], judges: &[u8]) -> Result<FromEngine, EngineError> {
        either!(self, e => e.load(base, judges))
    }

    pub(crate) fn load_edit(&mut self, bytes: &[u8]) -> Result<FromEngine, EngineError> {
        either!(self, e => e.load_edit(bytes))
    }

    pub(crate) async fn handle(&mut self, message: ToEngine) -> Vec<FromEngine> {
        either!(self, e => e.handle(message).await)
    }

    pub(crate) async fn work(&mut self, steps: u32, now_ms: f64) -> Vec<FromEngine> {
        either!(self, e => e.work(steps, now_ms).await)
    }
}

/// The engine on the best device this build and this browser allow.
#[cfg(not(feature = "webgpu"))]
pub(crate) async fn start() -> AnyEngine {
    AnyEngine::Cpu(Box::new(Engine::new(Default::default(), CPU)))
}

/// The engine on the best device this build and this browser allow.
#[cfg(feature = "webgpu")]
pub(crate) async fn start() -> AnyEngine {
    use burn::backend::wgpu::{RuntimeOptions, WgpuDevice, graphics::WebGpu, init_setup_async};
    let cpu = |why: &str| {
        AnyEngine::Cpu(Box::new(Engine::new(
            Default::default(),
            format!("{CPU}: {why}"),
        )))
    };
    match adapter().await {
        Some(adapter) if !adapter.software || any_adapter() => {
            let device = WgpuDevice::default();
            init_setup_async::<WebGpu>(&device, RuntimeOptions::default()).await;
            let name = adapter.name;
            AnyEngine::Gpu(Box::new(Engine::new(device, format!("WebGPU ({name})"))))
        }
        Some(adapter) => cpu(&format!(
            "this browser's WebGPU adapter ({}) is a software one, slower than the CPU engine",
            adapter.name
        )),
        None => cpu("this browser offers no WebGPU adapter"),
    }
}

/// A WebGPU adapter, as the worker sees it.
#[cfg(feature = "webgpu")]
struct Adapter {
    /// A few words: vendor, architecture, description.
    name: String,
    /// The browser says it is a fallback (software) adapter.
    software: bool,
}

/// Whether the worker was started with `?adapter=any`.
#[cfg(feature = "webgpu")]
fn any_adapter() -> bool {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    Reflect::get(&js_sys::global(), &JsValue::from_str("location"))
        .and_then(|location| Reflect::get(&location, &JsValue::from_str("search")))
        .ok()
        .and_then(|search| search.as_string())
        .is_some_and(|search| {
            search
                .trim_start_matches('?')
                .split('&')
                .any(|pair| pair == "adapter=any")
        })
}

/// The browser's WebGPU adapter, if it has one.
#[cfg(feature = "webgpu")]
async fn adapter() -> Option<Adapter> {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let get = |from: &JsValue, key: &str| Reflect::get(from, &JsValue::from_str(key)).ok();
    let navigator = get(&js_sys::global(), "navigator")?;
    let gpu = get(&navigator, "gpu").filter(|g| !g.is_undefined() && !g.is_null())?;
    let request: Function = get(&gpu, "requestAdapter")?.dyn_into().ok()?;
    let promise: Promise = request.call0(&gpu).ok()?.dyn_into().ok()?;
    let adapter = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    if adapter.is_null() || adapter.is_undefined() {
        return None;
    }
    let info = get(&adapter, "info");
    let words: Vec<String> = ["vendor", "architecture", "description"]
        .iter()
        .filter_map(|key| info.as_ref().and_then(|i| get(i, key))?.as_string())
        .filter(|w| !w.is_empty())
        .collect();
    // Newer browsers say it in the adapter's info, older ones on the adapter.
    let software = [info.as_ref(), Some(&adapter)]
        .into_iter()
        .flatten()
        .any(|from| get(from, "isFallbackAdapter").and_then(|v| v.as_bool()) == Some(true));
    Some(Adapter {
        name: if words.is_empty() {
            "adapter".to_owned()
        } else {
            words.join(" ")
        },
        software,
    })
}
