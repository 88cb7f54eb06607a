//! What the planner shows under its form: the recommended plan with reasons,
//! the warnings, both rule sets side by side, and the repeats trap worked out.
//!
//! Each part reads the one [`Plan`] memo, so the whole panel follows the form.
//! Each returns an `AnyView`: erasing the nested view types keeps the planner
//! within the compiler's type-depth limit.

use leptos::prelude::*;

use crate::planner::{LooksVerdict, Plan, RulePlan, Severity, thousands};

/// The course's four picks, each with its reason, the looks per picture they
/// add up to, and any warnings.
#[component]
pub fn PlanPicks(
    /// The plan to show.
    plan: Memo<Plan>,
) -> impl IntoView {
    let course = move || plan.get().course;
    let pick = move |name: &'static str,
                     key: &'static str,
                     value: fn(&RulePlan) -> String,
                     reason: fn(&RulePlan) -> String| {
        view! {
            <div class="planner-pick" data-pick=key>
                <dt>{name}</dt>
                <dd>
                    <strong class="planner-value">{move || value(&course())}</strong>
                    <span class="planner-reason">{move || reason(&course())}</span>
                </dd>
            </div>
        }
    };
    let looks = move || {
        let plan = plan.get();
        let looks = plan.course.looks;
        let verdict = match looks.verdict() {
            LooksVerdict::Light => "light",
            LooksVerdict::Healthy => "healthy",
            LooksVerdict::Copying => "copying",
        };
        view! {
            <p class="planner-looks" data-verdict=verdict>
                <span class="planner-looks-label">
                    {format!("Looks per {}: ", plan.album.kind.item())}
                </span>
                <strong>{looks.rounded()}</strong>
                <span class="planner-looks-math">{looks.arithmetic(plan.album.kind)}</span>
            </p>
        }
    };
    let warnings = move || {
        plan.get()
            .warnings
            .into_iter()
            .map(|warning| {
                let (severity, label) = match warning.severity {
                    Severity::Note => ("note", "Note: "),
                    Severity::Caution => ("caution", "Caution: "),
                };
                view! {
                    <li data-severity=severity>
                        <strong>{label}</strong>
                        {warning.text}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h3 class="planner-heading">"The course's plan"</h3>
        <dl class="planner-picks">
            {pick("Steps", "steps", |c| thousands(c.steps.value), |c| c.steps.reason.clone())}
            {pick(
                "Learning rate",
                "learning-rate",
                |c| c.learning_rate.value.to_string(),
                |c| c.learning_rate.reason.clone(),
            )}
            {pick("Rank", "rank", |c| c.rank.value.to_string(), |c| c.rank.reason.clone())}
            {pick(
                "Checkpoint every",
                "checkpoint",
                |c| format!("{} steps", thousands(c.checkpoint_every.value)),
                |c| c.checkpoint_every.reason.clone(),
            )}
        </dl>
        {looks}
        <ul class="planner-warnings">{warnings}</ul>
    }
    .into_any()
}

/// Both rule sets side by side, why they differ, and the repeats trap.
#[component]
pub fn PlanDetails(
    /// The plan to show.
    plan: Memo<Plan>,
) -> impl IntoView {
    let row = move |name: &'static str, cell: fn(&Plan, &RulePlan) -> String| {
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td>{move || { let p = plan.get(); cell(&p, &p.course) }}</td>
                <td>{move || { let p = plan.get(); cell(&p, &p.per_image) }}</td>
            </tr>
        }
    };
    let per_image_reasons = move || {
        let other = plan.get().per_image;
        [
            other.steps.reason,
            other.learning_rate.reason,
            other.rank.reason,
            other.checkpoint_every.reason,
        ]
        .into_iter()
        .map(|reason| view! { <li>{reason}</li> })
        .collect_view()
    };
    let differences = move || {
        plan.get()
            .differences
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view()
    };
    let repeats_intro = move || {
        let check = plan.get().repeats;
        if check.is_example {
            "A classic: 43 photos with 10 repeats. Set repeats above 1 to see it on your own album."
        } else {
            "Worked out on your album and repeats."
        }
    };
    let repeats_lines = move || {
        plan.get()
            .repeats
            .lines()
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view()
    };
    view! {
        <h3 class="planner-heading">"Two rule sets side by side"</h3>
        <div class="planner-table-wrap">
            <table class="planner-compare">
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col">"The course's rules"</th>
                        <th scope="col">"40 steps per image"</th>
                    </tr>
                </thead>
                <tbody>
                    {row("Steps", |_, r| thousands(r.steps.value))}
                    {row("Batch size", |_, r| r.batch.to_string())}
                    {row("Looks per picture", |_, r| r.looks.count())}
                    {row("Learning rate", |_, r| r.learning_rate.value.to_string())}
                    {row("Rank", |_, r| r.rank.value.to_string())}
                    {row("Checkpoint every", |_, r| format!("{} steps", thousands(r.checkpoint_every.value)))}
                </tbody>
            </table>
        </div>
        <details class="planner-more">
            <summary>"How the 40-per-image set gets its numbers"</summary>
            <ul>{per_image_reasons}</ul>
        </details>
        <h3 class="planner-heading">"Why they differ"</h3>
        <ul class="planner-differences">{differences}</ul>
        <h3 class="planner-heading">"The repeats trap"</h3>
        <div class="planner-repeats">
            <p>{repeats_intro}</p>
            <ol>{repeats_lines}</ol>
        </div>
    }
    .into_any()
}
