//! The lab engine's Web Worker: [`lab_engine::engine::Engine`] compiled to
//! WebAssembly, listening for [`ToEngine`] messages and answering with
//! [`FromEngine`] ones, both as JSON strings.
//!
//! Training runs in slices of a few steps, each scheduled with `setTimeout`,
//! so a stop sent by the page is read between two slices. Weights are fetched
//! once and kept with the Cache API; downloads report their progress. This
//! build computes on the CPU backend (flex).
#![cfg(target_arch = "wasm32")]

mod fetch;

use std::cell::RefCell;
use std::rc::Rc;

use burn::backend::{Autodiff, Flex};
use lab_engine::engine::Engine;
use lab_engine::{FromEngine, ToEngine};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

type B = Autodiff<Flex>;

/// Steps per slice: small enough that a stop is heard within a fraction of
/// a second on the CPU.
const STEPS_PER_SLICE: u32 = 2;

/// Where this engine computes, as the page shows it.
const DEVICE: &str = "CPU (WebAssembly)";

struct State {
    engine: Engine<B>,
    /// A slice is already scheduled.
    scheduled: bool,
}

type Shared = Rc<RefCell<State>>;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &FromEngine) {
    // A page that went away cannot be told anything; nothing to do then.
    let _ = scope().post_message(&JsValue::from_str(&message.to_json()));
}

fn now_ms() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Starts the worker: listens for messages and says so.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let state: Shared = Rc::new(RefCell::new(State {
        engine: Engine::new(Default::default(), DEVICE),
        scheduled: false,
    }));
    let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        receive(&state, event);
    });
    scope().set_onmessage(Some(listener.as_ref().unchecked_ref()));
    listener.forget();
    post(&FromEngine::Started);
}

fn receive(state: &Shared, event: MessageEvent) {
    let Some(text) = event.data().as_string() else {
        post(&FromEngine::Failed {
            message: "the lab engine only reads text messages".into(),
        });
        return;
    };
    match ToEngine::from_json(&text) {
        Err(e) => post(&FromEngine::Failed {
            message: e.to_string(),
        }),
        Ok(ToEngine::Load {
            base_url,
            judges_url,
        }) => {
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                load(&state, &base_url, &judges_url).await;
            });
        }
        Ok(ToEngine::LoadEdit { url }) => {
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match fetch::bytes(&url, "the edit bracelet").await {
                    Ok(bytes) => state
                        .borrow_mut()
                        .engine
                        .load_edit(&bytes)
                        .unwrap_or_else(|e| FromEngine::Failed {
                            message: format!("the edit bracelet could not be loaded: {e}"),
                        }),
                    Err(message) => FromEngine::Failed { message },
                };
                post(&answer);
            });
        }
        Ok(message) => {
            let answers = state.borrow_mut().engine.handle(message);
            answers.iter().for_each(post);
            schedule(state);
        }
    }
}

async fn load(state: &Shared, base_url: &str, judges_url: &str) {
    let fetched = async {
        let base = fetch::bytes(base_url, "the painter").await?;
        let judges = fetch::bytes(judges_url, "the judges").await?;
        Ok::<_, String>((base, judges))
    }
    .await;
    let answer = match fetched {
        Ok((base, judges)) => state
            .borrow_mut()
            .engine
            .load(&base, &judges)
            .unwrap_or_else(|e| FromEngine::Failed {
                message: format!("the downloaded weights could not be loaded: {e}"),
            }),
        Err(message) => FromEngine::Failed { message },
    };
    post(&answer);
}

/// Schedules the next slice of work if the engine has any.
fn schedule(state: &Shared) {
    {
        let mut s = state.borrow_mut();
        if s.scheduled || !s.engine.busy() {
            return;
        }
        s.scheduled = true;
    }
    let next = state.clone();
    let tick = Closure::once_into_js(move || {
        let answers = {
            let mut s = next.borrow_mut();
            s.scheduled = false;
            s.engine.work(STEPS_PER_SLICE, now_ms())
        };
        answers.iter().for_each(post);
        schedule(&next);
    });
    if scope()
        .set_timeout_with_callback_and_timeout_and_arguments_0(tick.unchecked_ref(), 0)
        .is_err()
    {
        state.borrow_mut().scheduled = false;
        post(&FromEngine::Failed {
            message: "the browser refused to schedule the training".into(),
        });
    }
}
