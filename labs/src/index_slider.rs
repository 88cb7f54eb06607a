//! The slider every run widget steps through its pictures with: a native range
//! input over positions `0..=last` (arrow keys move one, Home and End jump to
//! the ends), bound to a signal, announcing what the position means.

use leptos::prelude::*;

/// A range input over `0..=last` bound to `index`.
#[component]
pub fn IndexSlider(
    /// The input's id (its `<label for>` points here).
    #[prop(into)]
    id: String,
    /// The last position.
    last: usize,
    /// The position, read and written.
    index: RwSignal<usize>,
    /// What screen readers announce for the position ("step 500").
    #[prop(into)]
    valuetext: Signal<String>,
) -> impl IntoView {
    view! {
        <input
            id=id
            type="range"
            min="0"
            max=last
            step="1"
            value=index.get_untracked()
            aria-valuetext=valuetext
            on:input=move |event| {
                if let Ok(i) = event_target_value(&event).parse::<usize>() {
                    index.set(i.min(last));
                }
            }
        />
    }
}
