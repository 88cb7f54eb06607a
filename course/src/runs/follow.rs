//! Keeps an open run page current: in the browser, an `EventSource` on the
//! job's event stream (starting after the last event the server rendered)
//! feeds every event into the page's [`RunView`] signal, and closes once the
//! run reaches a final state or the page goes away. On the server it does
//! nothing; the page is rendered from the store as it stands.

use leptos::prelude::*;

use super::RunView;

/// Starts following `run` if it may still change.
pub fn follow(run: RwSignal<RunView>) {
    #[cfg(feature = "hydrate")]
    browser::follow(run);
    #[cfg(not(feature = "hydrate"))]
    let _ = run;
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::web_sys::{EventSource, MessageEvent};

    use super::RunView;

    /// The event kinds the page draws.
    const KINDS: [&str; 4] = ["state", "step", "validation", "checkpoint"];

    pub(super) fn follow(run: RwSignal<RunView>) {
        let (id, after, live) = run.with_untracked(|r| (r.id.clone(), r.last_event, r.live()));
        if !live {
            return;
        }
        let Ok(source) = EventSource::new(&format!("/api/jobs/{id}/events?after={after}")) else {
            return;
        };
        let closing = source.clone();
        let on_event = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            let Ok(data) = serde_json::from_str::<serde_json::Value>(&text) else {
                return;
            };
            run.update(|r| r.apply(&event.type_(), &data));
            if !run.with_untracked(RunView::live) {
                closing.close();
            }
        });
        for kind in KINDS {
            let _ =
                source.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
        }
        // The listener lives as long as the stream; both go when the page does.
        let kept = StoredValue::new_local((source, on_event));
        on_cleanup(move || {
            let _ = kept.try_with_value(|(source, _)| source.close());
        });
    }
}
