//! The scale slider: a keyboard-operable range input that shows its value and meaning.

use leptos::prelude::*;

use crate::scale::{SliderSpec, format_scale, meaning};

/// A slider over the bracelet's scale, with the value and its meaning beside it.
///
/// ## Usage
/// In a chapter:
///
/// ````markdown
/// ```widget scale-slider
/// value = 1.0
/// label = Bracelet scale
/// ```
/// ````
///
/// Arrow keys move by one `step`, Page Up/Down by larger jumps, Home/End to the
/// ends (the browser's own range-input behaviour).
///
/// ## Server-side rendering
/// The initial value and meaning are rendered on the server; moving the slider
/// updates them once the page has hydrated.
#[component]
pub fn ScaleSlider(
    /// Range, step, start value and label.
    spec: SliderSpec,
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let value = RwSignal::new(spec.value);
    let input_id = format!("{id}-input");
    let output_id = format!("{id}-value");
    let on_input = move |event| {
        if let Ok(v) = event_target_value(&event).parse::<f64>() {
            value.set(v);
        }
    };
    view! {
        <figure class="widget scale-slider" data-widget="scale-slider">
            <label for=input_id.clone()>{spec.label}</label>
            <div class="scale-row">
                <input
                    id=input_id.clone()
                    type="range"
                    min=spec.min
                    max=spec.max
                    step=spec.step
                    value=spec.value
                    aria-describedby=output_id.clone()
                    aria-valuetext=move || format!("{} – {}", format_scale(value.get()), meaning(value.get()))
                    on:input=on_input
                />
                <output id=output_id for=input_id class="scale-value">
                    {move || format_scale(value.get())}
                </output>
            </div>
            <figcaption class="scale-meaning" aria-live="polite">
                {move || meaning(value.get())}
            </figcaption>
        </figure>
    }
}
