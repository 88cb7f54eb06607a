//! The rank comparison: bracelets of rank 4, 16 and 64 trained on the same
//! album with the same rate, steps and seed. A three-way choice shows one run's
//! probe pictures, identity curve (over the other two) and file size.

use leptos::prelude::*;

use crate::run_choice::RunChoice;

use crate::ranks::{RUNS, story};
use crate::widget_error::shown_or_error;
use crate::widget_runs::{WidgetRun, shipped_all};

/// The chart's width in SVG units.
const WIDTH: f32 = 640.0;
/// Its height.
const HEIGHT: f32 = 130.0;
/// Room above and below the lines, so 0 % and 100 % are not clipped.
const PAD: f32 = 6.0;

/// The rank comparison over the shipped runs.
///
/// ## Usage
/// ````markdown
/// ```widget rank-compare
/// ```
/// ````
///
/// The ranks are a group of radio buttons (Tab reaches it, arrows choose).
///
/// ## Server-side rendering
/// The default rank (16) is shown on the server; the others once the page
/// hydrates.
#[component]
pub fn RankCompare(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let runs = shipped_all(&RUNS);
    shown_or_error("rank-compare", runs, |runs| {
        view! { <Ranks runs id/> }.into_any()
    })
}

#[component]
fn Ranks(runs: Vec<WidgetRun>, id: String) -> impl IntoView {
    let chosen = RwSignal::new(1usize);
    let curves: Vec<String> = runs
        .iter()
        .map(|r| {
            r.share_frame(WIDTH, HEIGHT - 2.0 * PAD)
                .polyline(r.series(|p| p.identity))
        })
        .collect();
    let steps = runs.iter().map(|r| r.knobs.steps).max().unwrap_or(0);
    let labels: Vec<String> = runs
        .iter()
        .map(|r| format!("rank {}", r.knobs.rank))
        .collect();
    let runs = StoredValue::new(runs);
    let with_run = move |f: &dyn Fn(&WidgetRun) -> String| runs.with_value(|r| f(&r[chosen.get()]));
    let lines = curves
        .into_iter()
        .enumerate()
        .map(|(i, points)| {
            let class = move || {
                if chosen.get() == i {
                    "rank-line chosen"
                } else {
                    "rank-line"
                }
            };
            view! { <polyline class=class points=points fill="none" stroke="currentColor"/> }
        })
        .collect_view();
    let text = move || {
        runs.with_value(|r| story(&r[chosen.get()], &r[1]))
            .into_iter()
            .map(|line| view! { <p>{line}</p> })
            .collect_view()
    };
    view! {
        <figure class="widget rank-compare" data-widget="rank-compare">
            <RunChoice id=format!("{id}-rank") legend="Bracelet thickness: the rank" labels chosen/>
            <img
                class="rank-sheet"
                src=move || with_run(&|r| r.knobs.sheet_url(r.end().step))
                alt=move || with_run(&|r| format!(
                    "Probe pictures after {} steps at rank {}: eight of the windowsill prompt, then four each of TOK on a beach, riding a bicycle, on a harbor pier and in a snowy field.",
                    r.knobs.steps, r.knobs.rank
                ))
                width="265"
                height="100"
            />
            <svg
                class="chart"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=move || with_run(&|r| format!(
                    "How much the pictures of new scenes looked like TOK at each checkpoint, for ranks 4, 16 and 64; rank {} drawn bold",
                    r.knobs.rank
                ))
            >
                <g transform=format!("translate(0 {PAD})")>{lines}</g>
                <g class="axis" font-size="13" fill="currentColor" fill-opacity="0.7">
                    <text x="4" y="14">"100 %: looks like TOK, new scenes (bold: the chosen rank; faint: the other two)"</text>
                    <text x="4" y=HEIGHT - 6.0>"0 %"</text>
                    <text x=WIDTH - 4.0 y=HEIGHT - 6.0 text-anchor="end">{format!("step {steps}")}</text>
                </g>
            </svg>
            <div class="rank-story" aria-live="polite">{text}</div>
            <figcaption class="provenance">
                {move || with_run(&|r| r.knobs.provenance())}
                " Alpha equals rank in all three runs."
            </figcaption>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget_runs::shipped;

    #[test]
    fn renders_the_default_rank_over_the_other_two() {
        let default = shipped("steps-1000").expect("the rank-16 run");
        let html = Owner::new().with(|| view! { <RankCompare id="w7"/> }.to_html());
        assert_eq!(html.matches(r#"type="radio""#).count(), 3, "{html}");
        assert_eq!(html.matches("<polyline").count(), 3, "{html}");
        assert!(html.contains("rank-line chosen"), "{html}");
        assert!(html.contains(&default.knobs.sheet_url(1000)), "{html}");
        assert!(html.contains(&default.file_size()), "{html}");
    }
}
