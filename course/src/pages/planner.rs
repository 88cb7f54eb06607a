//! `/labs/planner`: the parameter planner at full size, with a short introduction.
//!
//! The links are plain `<a>` (the router still handles them in the browser), so
//! the page's text stays static HTML and adds next to nothing to the bundle.

use labs::Planner;
use labs::planner::PlannerSpec;
use leptos::prelude::*;
use leptos_meta::Title;

/// The planner's own page.
#[component]
pub fn PlannerPage() -> impl IntoView {
    view! {
        <Title text="Parameter planner"/>
        <article class="planner-page">
            <section class="hero">
                <p class="eyebrow"><a href="/labs">"Labs"</a></p>
                <h1>"Parameter planner"</h1>
                <p class="lede">
                    "Tell us what your album teaches and how many pictures it holds; we propose a first run and say why."
                </p>
            </section>
            <div class="prose">
                <p>
                    "A plan is a starting point, not a promise. Every number below comes with the sentence that justifies it, so when your validation samples disagree you know which assumption to question first."
                </p>
                <p>
                    "We show two rule sets because trainers disagree in public: the course's own rules of thumb from "
                    <a href="/learn/steps">"the chapter on steps"</a>
                    ", and the popular 40-steps-per-image rule. Their numbers differ for good reasons, listed under the table. Pick one set and keep it whole."
                </p>
            </div>
            <h2 class="planner-page-heading">"Plan a run"</h2>
            <Planner spec=PlannerSpec::default() id="lab-planner"/>
        </article>
    }
}
