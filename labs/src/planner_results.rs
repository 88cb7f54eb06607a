//! What the planner shows under its form: the recommended plan with reasons,
//! the warnings, both rule sets side by side, and the repeats trap worked out.
//!
//! The headings and the `<details>` are Leptos elements, so they stay put (and a
//! reader's open `<details>` stays open); what changes with the plan is HTML text
//! from [`crate::planner_html`], placed with `inner_html` (that module says why).

use leptos::prelude::*;

use crate::planner::Plan;
use crate::planner_html;

/// The results panel, following the one [`Plan`] memo.
#[component]
pub fn PlanResults(
    /// The plan to show.
    plan: Memo<Plan>,
) -> impl IntoView {
    // One closure type per piece would each compile its own effect; a derived
    // signal erases them into one.
    let html = |render: fn(&Plan) -> String| Signal::derive(move || plan.with(render));
    let differences = |plan: &Plan| planner_html::items(&plan.differences);
    view! {
        <h3 class="planner-heading">"The course's plan"</h3>
        <div class="planner-output" inner_html=html(planner_html::picks)></div>
        <h3 class="planner-heading">"Two rule sets side by side"</h3>
        <div class="planner-table-wrap" inner_html=html(planner_html::table)></div>
        <details class="planner-more">
            <summary>"How the 40-per-image set gets its numbers"</summary>
            <ul inner_html=html(planner_html::per_image_reasons)></ul>
        </details>
        <h3 class="planner-heading">"Why they differ"</h3>
        <ul class="planner-differences" inner_html=html(differences)></ul>
        <h3 class="planner-heading">"The repeats trap"</h3>
        <div class="planner-repeats" inner_html=html(planner_html::repeats)></div>
    }
}
