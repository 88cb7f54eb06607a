//! `/labs/stop-the-run`: the game at full size, with a short introduction.
//!
//! This is the one page that starts the lab engine: its Web Worker and weights
//! are downloaded here, never on a chapter page.

use labs::StopTheRun;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The game's own page. `?steps=N` caps every round at `N` steps, for a short
/// demonstration (under 100 steps, a round validates halfway and at the end).
#[component]
pub fn StopRunPage() -> impl IntoView {
    let max_steps =
        use_query_map().with_untracked(|q| q.get("steps").and_then(|s| s.parse::<u32>().ok()));
    view! {
        <Title text="Stop the run"/>
        <article class="stop-run-page">
            <section class="hero">
                <p class="eyebrow"><a href="/labs">"Labs"</a></p>
                <h1>"Stop the run"</h1>
                <p class="lede">
                    "A real LoRA of TOK trains in your browser. Watch what a trainer shows you, stop at the sweet spot, then see what you could not see."
                </p>
            </section>
            <StopTheRun max_steps=max_steps autostart=true/>
            <div class="prose">
                <h2>"How a round goes"</h2>
                <p>
                    "Each round trains a fresh bracelet for our miniature painter on one of the TOK albums, with a setup that changes from round to round. You get the loss after every step and three validation pictures every 100 steps: TOK on the windowsill the album is full of, and TOK in two places the album never showed."
                </p>
                <p>
                    "Press Stop (or the S key) when you would keep this checkpoint. The run then continues quietly to its end so the judges can measure every checkpoint, and the chart reveals how good each one was on new prompts. Stopping at the best checkpoint scores 100."
                </p>
                <p>
                    "The painter and its judges are downloaded once (about 7 MB) and kept by your browser. Training runs in a background worker, so the page stays responsive."
                </p>
            </div>
        </article>
    }
    .into_any()
}
