//! The edit canvas: the reader draws a sketch on a 32 × 32 sheet (with a
//! pointer, or with the keyboard: arrows move the pen, Shift+arrows draw,
//! Space inks or erases), and the real edit bracelet paints it in the page,
//! in the lab engine's worker, from the instruction it learned. The engine
//! (and its download) starts only when the reader asks for a painting.

use lab_engine::{EDIT_INSTRUCTION, FromEngine, Picture, ToEngine};
use leptos::prelude::*;

use crate::engine_client::EngineSlot;
use crate::picture::data_url;
use crate::sketchpad::{SIDE, Sketchpad};
use crate::stop_run::game::{BASE_URL, JUDGES_URL};

/// Where the edit bracelet is served (the site build copies it).
pub const EDIT_URL: &str = "/assets/experiments/edit-sketch/lora.safetensors";
/// The sheet's width on the page, in CSS pixels.
const SHOWN: f64 = 256.0;

/// The edit canvas.
///
/// ## Usage
/// ````markdown
/// ```widget edit-canvas
/// ```
/// ````
///
/// ## Server-side rendering
/// The example sketch and the buttons render on the server; drawing and
/// painting work once the page hydrates.
#[component]
pub fn EditCanvas(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let pad = RwSignal::new(Sketchpad::example());
    let focused = RwSignal::new(false);
    let drawing = RwSignal::new(None::<(usize, usize)>);
    let status = RwSignal::new(String::from(
        "The painter and the edit bracelet (about 7 MB) download when you first ask for a painting.",
    ));
    let result = RwSignal::new(None::<String>);
    let device = RwSignal::new(None::<String>);
    let ready = RwSignal::new(false);
    let paints = RwSignal::new(0u64);
    let client = EngineSlot::new();
    let send = move |message: ToEngine| client.send(&message);
    let paint_now = move || {
        paints.update(|n| *n += 1);
        status.set("Painting in your browser…".into());
        let start = Picture {
            size: SIDE as u32,
            rgb: pad.with_untracked(|p| p.rgb(false)),
        };
        send(ToEngine::Edit {
            id: paints.get_untracked() as u32,
            start,
            seed: paints.get_untracked(),
        });
    };
    let on_message = move |answer: FromEngine| match answer {
        FromEngine::Started => send(ToEngine::Load {
            base_url: BASE_URL.into(),
            judges_url: JUDGES_URL.into(),
        }),
        FromEngine::Loading { what, done, total } => status.set(match total {
            Some(total) if total > 0 => format!("Loading {what}: {} %", 100 * done / total),
            _ => format!("Loading {what}…"),
        }),
        FromEngine::Ready { device: d, .. } => {
            device.set(Some(d));
            status.set("Loading the edit bracelet…".into());
            send(ToEngine::LoadEdit {
                url: EDIT_URL.into(),
            });
        }
        FromEngine::EditReady => {
            ready.set(true);
            paint_now();
        }
        FromEngine::Painted { picture, .. } => {
            result.set(Some(data_url(picture.size, &picture.rgb)));
            status.set(format!(
                "Painted in your browser on {} from \u{201c}{EDIT_INSTRUCTION}\u{201d} and your sketch (seed {}).",
                device.get_untracked().unwrap_or_else(|| "this device".into()),
                paints.get_untracked()
            ));
        }
        FromEngine::Refused { message, .. } | FromEngine::Failed { message } => status.set(message),
        _ => {}
    };
    let ask = move |_| {
        if ready.get_untracked() {
            paint_now();
            return;
        }
        if client.is_started() {
            return;
        }
        status.set("Starting the lab engine…".into());
        if let Err(message) = client.start(on_message) {
            status.set(message);
        }
    };
    let sheet = move || data_url(SIDE as u32, &pad.with(|p| p.rgb(focused.get())));
    let at = move |event: &leptos::ev::PointerEvent| {
        let shown = event_target::<leptos::web_sys::HtmlElement>(event).client_width();
        let shown = if shown > 0 { f64::from(shown) } else { SHOWN };
        Sketchpad::cell_at(
            f64::from(event.offset_x()),
            f64::from(event.offset_y()),
            shown,
        )
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let draw = event.shift_key();
        let step = |dx, dy| pad.update(|p| p.move_pen(dx, dy, draw));
        match event.key().as_str() {
            "ArrowLeft" => step(-1, 0),
            "ArrowRight" => step(1, 0),
            "ArrowUp" => step(0, -1),
            "ArrowDown" => step(0, 1),
            " " | "Enter" => pad.update(Sketchpad::toggle_pen),
            _ => return,
        }
        event.prevent_default();
    };
    let help_id = format!("{id}-help");
    view! {
        <figure class="widget edit-canvas" data-widget="edit-canvas">
            <div class="canvas-pair">
                <div class="canvas-side">
                    <img
                        class="canvas-sheet"
                        src=sheet
                        width=SHOWN
                        height=SHOWN
                        tabindex="0"
                        alt="Your sketch, 32 by 32 pixels"
                        aria-describedby=help_id.clone()
                        draggable="false"
                        on:focus=move |_| focused.set(true)
                        on:blur=move |_| focused.set(false)
                        on:keydown=on_key
                        on:pointerdown=move |event| {
                            event.prevent_default();
                            let cell = at(&event);
                            pad.update(|p| p.line(cell, cell));
                            drawing.set(Some(cell));
                        }
                        on:pointermove=move |event| {
                            if let Some(last) = drawing.get_untracked() {
                                let cell = at(&event);
                                pad.update(|p| p.line(last, cell));
                                drawing.set(Some(cell));
                            }
                        }
                        on:pointerup=move |_| drawing.set(None)
                        on:pointerleave=move |_| drawing.set(None)
                    />
                    <p id=help_id class="canvas-help">
                        "Draw with a mouse, a finger or a pen. By keyboard: the arrows move the orange pen, Shift with an arrow draws, Space inks or erases one dot."
                    </p>
                    <div class="canvas-buttons">
                        <button type="button" on:click=move |_| pad.set(Sketchpad::default())>"Clear"</button>
                        <button type="button" on:click=move |_| pad.set(Sketchpad::example())>"The example"</button>
                        <button type="button" class="primary" on:click=ask>"Paint it"</button>
                    </div>
                </div>
                <div class="canvas-side">
                    {move || match result.get() {
                        Some(src) => view! {
                            <img class="canvas-result" src=src width=SHOWN height=SHOWN
                                alt="The edit bracelet's painting of your sketch"/>
                        }.into_any(),
                        None => view! {
                            <div class="canvas-empty">"The painting appears here."</div>
                        }.into_any(),
                    }}
                </div>
            </div>
            <p class="canvas-status" role="status">{move || status.get()}</p>
            <figcaption class="provenance">
                "Real bracelet: run edit-sketch (album edit-15, instruction \u{201c}a painting\u{201d}, learning rate 1e-3, rank 16, seed 1, 3000 steps), painting live in your browser with the base painter; nothing here is recorded."
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_example_sheet_and_waits_to_be_asked() {
        let html = Owner::new().with(|| view! { <EditCanvas id="w9c"/> }.to_html());
        let example = data_url(SIDE as u32, &Sketchpad::example().rgb(false));
        assert!(html.contains(&example), "the example sketch is drawn");
        assert!(html.contains(r#"tabindex="0""#), "{html}");
        assert_eq!(html.matches("<button").count(), 3, "{html}");
        assert!(html.contains("The painting appears here."), "{html}");
        assert!(
            !html.contains("canvas-result"),
            "nothing is painted before asking"
        );
    }
}
