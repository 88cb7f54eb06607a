//! The bracelet trial on the page: a prompt box that checks the painter's
//! vocabulary as you type and offers the words it knows, a scale slider from 0
//! to 4, and the prompt painted live without and with the bracelet, side by
//! side. The rules are in [`crate::bracelet_trial`].

use lab_engine::ToEngine;
use leptos::prelude::*;

use crate::bracelet_trial::{SCALE_RANGE, Trial};
use crate::picture::data_url;
use crate::scale::{format_scale, meaning};

/// The trial, sending its requests through `send`.
#[component]
pub fn BraceletTrial(
    /// The trial's state (the page feeds it the engine's answers).
    trial: RwSignal<Trial>,
    /// Sends a message to the engine.
    send: Callback<ToEngine>,
) -> impl IntoView {
    let send_all = move |messages: Vec<ToEngine>| messages.into_iter().for_each(|m| send.run(m));
    let on_input = move |event| {
        let text = event_target_value(&event);
        if let Some(check) = trial.try_update(|t| t.retype(&text)) {
            send.run(check);
        }
    };
    let paint = move || send_all(trial.try_update(Trial::paint).unwrap_or_default());
    let on_scale = move |event| {
        if let Ok(scale) = event_target_value(&event).parse::<f32>() {
            send_all(trial.try_update(|t| t.rescale(scale)).unwrap_or_default());
        }
    };
    let complete = move |word: String| {
        trial.update(|t| {
            let mut words: Vec<&str> = t.prompt.split_whitespace().collect();
            words.pop();
            words.push(&word);
            t.prompt = format!("{} ", words.join(" "));
        });
        paint();
    };
    let picture = move |with: bool| {
        trial.with(|t| {
            let shown = if with { &t.with } else { &t.without };
            let label = if with {
                format!(
                    "With the bracelet at scale {}",
                    format_scale(f64::from(t.scale))
                )
            } else {
                "Without the bracelet".to_owned()
            };
            let alt = format!("{label}: {}", t.prompt.trim());
            view! {
                <figure>
                    {shown.as_ref().map(|p| view! {
                        <img src=data_url(p.size, &p.rgb) alt=alt width="128" height="128"/>
                    })}
                    <figcaption>{label}</figcaption>
                </figure>
            }
        })
    };
    view! {
        <section class="bracelet-trial" aria-labelledby="bracelet-trial-title">
            <h3 id="bracelet-trial-title">"Try the bracelet on"</h3>
            <p class="bracelet-trial-note">{move || if trial.with(|t| t.has_bracelet) {
                "The bracelet from your last round, as it was when you stopped. Change the prompt or the scale and both pictures are painted again, from the same noise."
            } else {
                "Play a round to make a bracelet. Until then you see the painter alone: write any prompt in the world's words."
            }}</p>
            <label for="bracelet-trial-prompt">"Prompt (Enter paints)"</label>
            <input id="bracelet-trial-prompt" type="text" autocomplete="off" spellcheck="false"
                aria-describedby="bracelet-trial-problem"
                prop:value=move || trial.with(|t| t.prompt.clone())
                on:input=on_input on:change=move |_| paint()/>
            <p class="bracelet-trial-words">
                {move || trial.with(|t| t.completions(6).into_iter().map(str::to_owned).collect::<Vec<_>>())
                    .into_iter()
                    .map(|word| {
                        let chosen = word.clone();
                        view! { <button type="button" on:click=move |_| complete(chosen.clone())>{word}</button> }
                    })
                    .collect_view()}
            </p>
            <p id="bracelet-trial-problem" class="bracelet-trial-problem" role="alert">
                {move || trial.with(|t| t.problem.clone())}
            </p>
            <label for="bracelet-trial-scale">"Bracelet scale"</label>
            <input id="bracelet-trial-scale" type="range" min=SCALE_RANGE.0 max=SCALE_RANGE.1 step="0.25"
                prop:value=move || trial.with(|t| t.scale)
                disabled=move || !trial.with(|t| t.has_bracelet)
                aria-valuetext=move || trial.with(|t| format!("{} – {}", format_scale(f64::from(t.scale)), meaning(f64::from(t.scale))))
                on:change=on_scale/>
            <p class="bracelet-trial-meaning" aria-live="polite">
                {move || trial.with(|t| meaning(f64::from(t.scale)))}
            </p>
            <div class="bracelet-trial-pair">
                {move || picture(false)}
                {move || picture(true)}
            </div>
            <button type="button" class="bracelet-trial-reseed"
                on:click=move |_| send_all(trial.try_update(Trial::reseed).unwrap_or_default())>
                "Another seed"
            </button>
        </section>
    }
    .into_any()
}
