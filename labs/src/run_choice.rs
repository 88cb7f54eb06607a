//! The radio group the run widgets choose a run with (the eagerness knob's
//! rates, the loss rhythms, the ranks): a fieldset with a legend, one labelled
//! native radio per run; Tab reaches the group and the arrow keys choose.

use leptos::prelude::*;

/// A radio group over `labels`, bound to the chosen index.
#[component]
pub fn RunChoice(
    /// The group's name; each radio's id is `{id}-{index}`.
    #[prop(into)]
    id: String,
    /// What is being chosen.
    legend: &'static str,
    /// One label per option, in order.
    labels: Vec<String>,
    /// The chosen option, read once to check it and written on change.
    chosen: RwSignal<usize>,
) -> impl IntoView {
    let start = chosen.get_untracked();
    let options = labels
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let input_id = format!("{id}-{i}");
            view! {
                <label for=input_id.clone()>
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=id.clone()
                        value=i
                        checked=i == start
                        on:change=move |_| chosen.set(i)
                    />
                    {text}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="run-widget-choice">
            <legend>{legend}</legend>
            {options}
        </fieldset>
    }
}
