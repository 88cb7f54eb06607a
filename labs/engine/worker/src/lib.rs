//! The lab engine's Web Worker: [`lab_engine::engine::Engine`] compiled to
//! WebAssembly, listening for [`ToEngine`] messages and answering with
//! [`FromEngine`] ones, both as JSON strings.
//!
//! One async loop owns the engine: it answers the messages in the order they
//! came, and between them trains in slices of a few steps, yielding to the
//! browser after each slice so a stop sent by the page is read promptly.
//! Weights are fetched once and kept with the Cache API; downloads report
//! their progress. Built with the `webgpu` feature, the engine trains on the
//! reader's GPU when the browser offers one (see [`device`]); otherwise, and
//! in the default build, on the CPU backend (flex).
#![cfg(target_arch = "wasm32")]

mod device;
mod fetch;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use lab_engine::{FromEngine, ToEngine};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use device::AnyEngine;

/// Steps per slice: small enough that a stop is heard within a fraction of
/// a second.
const STEPS_PER_SLICE: u32 = 2;

/// Messages not yet answered, and how to wake the loop when it rests.
#[derive(Default)]
struct Inbox {
    messages: VecDeque<ToEngine>,
    wake: Option<js_sys::Function>,
}

type Shared = Rc<RefCell<Inbox>>;

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

/// Starts the worker: listens for messages, picks the device, then answers.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let inbox: Shared = Rc::default();
    let listening = inbox.clone();
    let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        receive(&listening, event);
    });
    scope().set_onmessage(Some(listener.as_ref().unchecked_ref()));
    listener.forget();
    wasm_bindgen_futures::spawn_local(async move {
        let engine = device::start().await;
        post(&FromEngine::Started);
        serve(engine, inbox).await;
    });
}

fn receive(inbox: &Shared, event: MessageEvent) {
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
        Ok(message) => {
            let wake = {
                let mut inbox = inbox.borrow_mut();
                inbox.messages.push_back(message);
                inbox.wake.take()
            };
            if let Some(wake) = wake {
                let _ = wake.call0(&JsValue::NULL);
            }
        }
    }
}

/// The engine's loop: answer every message, train while a run wants it, rest
/// when there is nothing to do.
async fn serve(mut engine: AnyEngine, inbox: Shared) {
    loop {
        let next = inbox.borrow_mut().messages.pop_front();
        match next {
            Some(message) => answer(&mut engine, message).await,
            None if engine.busy() => {
                let answers = engine.work(STEPS_PER_SLICE, now_ms()).await;
                answers.iter().for_each(post);
                pause(&inbox, true).await;
            }
            None => pause(&inbox, false).await,
        }
    }
}

/// Waits for the next message, or (when `briefly`) only until the browser has
/// delivered the messages already sent.
async fn pause(inbox: &Shared, briefly: bool) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if briefly {
            let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        } else {
            inbox.borrow_mut().wake = Some(resolve);
        }
    });
    if !briefly && !inbox.borrow().messages.is_empty() {
        // A message came while the promise was made: do not wait for another.
        inbox.borrow_mut().wake = None;
        return;
    }
    let _ = JsFuture::from(promise).await;
}

async fn answer(engine: &mut AnyEngine, message: ToEngine) {
    let answers = match message {
        ToEngine::Load {
            base_url,
            judges_url,
        } => vec![load(engine, &base_url, &judges_url).await],
        ToEngine::LoadEdit { url } => vec![match fetch::bytes(&url, "the edit bracelet").await {
            Ok(bytes) => engine
                .load_edit(&bytes)
                .unwrap_or_else(|e| FromEngine::Failed {
                    message: format!("the edit bracelet could not be loaded: {e}"),
                }),
            Err(message) => FromEngine::Failed { message },
        }],
        message => engine.handle(message).await,
    };
    answers.iter().for_each(post);
}

async fn load(engine: &mut AnyEngine, base_url: &str, judges_url: &str) -> FromEngine {
    let fetched = async {
        let base = fetch::bytes(base_url, "the painter").await?;
        let judges = fetch::bytes(judges_url, "the judges").await?;
        Ok::<_, String>((base, judges))
    }
    .await;
    match fetched {
        Ok((base, judges)) => engine
            .load(&base, &judges)
            .unwrap_or_else(|e| FromEngine::Failed {
                message: format!("the downloaded weights could not be loaded: {e}"),
            }),
        Err(message) => FromEngine::Failed { message },
    }
}
