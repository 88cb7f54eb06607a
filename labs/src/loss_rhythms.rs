//! The loss rhythms widget: three real runs' loss charts, drawn as trainers
//! draw them (a dot per step, the smoothed trend through them), one at a time,
//! with what the judges measured underneath: the curve no trainer prints.

use leptos::prelude::*;

use crate::run_choice::RunChoice;

use crate::rhythms::Rhythm;
use crate::widget_error::shown_or_error;
use crate::widget_runs::{WidgetRun, quality, shipped_all};

/// The charts' width in SVG units.
const WIDTH: f32 = 640.0;
/// The loss chart's height.
const LOSS_HEIGHT: f32 = 180.0;
/// The judges' chart's height.
const JUDGED_HEIGHT: f32 = 110.0;
/// Room above and below the judges' lines, so 0 % and 100 % are not clipped.
const PAD: f32 = 6.0;

/// The three rhythms over the shipped runs.
///
/// ## Usage
/// ````markdown
/// ```widget loss-rhythms
/// ```
/// ````
///
/// The rhythms are a group of radio buttons (Tab reaches it, arrows choose).
///
/// ## Server-side rendering
/// The healthy run is drawn on the server; the others once the page hydrates.
#[component]
pub fn LossRhythms(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let runs: Result<Vec<WidgetRun>, String> = shipped_all(&Rhythm::ALL.map(Rhythm::run));
    shown_or_error("loss-rhythms", runs, |runs| {
        view! { <Rhythms runs id/> }.into_any()
    })
}

#[component]
fn Rhythms(runs: Vec<WidgetRun>, id: String) -> impl IntoView {
    let chosen = RwSignal::new(0usize);
    let runs = StoredValue::new(runs);
    let rhythm = move || Rhythm::ALL[chosen.get()];
    let with_run = move |f: &dyn Fn(&WidgetRun) -> String| runs.with_value(|r| f(&r[chosen.get()]));
    let labels: Vec<String> = Rhythm::ALL.iter().map(|r| r.label().to_owned()).collect();
    let dots = move || {
        with_run(&|r| {
            r.loss_frame(WIDTH, LOSS_HEIGHT)
                .dots(r.dots.iter().copied())
        })
    };
    let trend = move || {
        with_run(&|r| {
            r.loss_frame(WIDTH, LOSS_HEIGHT)
                .polyline(r.trend.iter().copied())
        })
    };
    let judged = move |field: fn(&crate::arc::ArcPoint) -> f64| {
        with_run(&move |r| {
            r.share_frame(WIDTH, JUDGED_HEIGHT)
                .polyline(r.series(field))
        })
    };
    let loss_top =
        move || with_run(&|r| format!("loss {:.3}", r.loss_frame(WIDTH, LOSS_HEIGHT).y.1));
    let loss_bottom = move || with_run(&|r| format!("{:.3}", r.loss_frame(WIDTH, LOSS_HEIGHT).y.0));
    let last_step = move || with_run(&|r| format!("step {}", r.knobs.steps));
    let story = move || {
        runs.with_value(|r| rhythm().story(&r[chosen.get()]))
            .into_iter()
            .map(|line| view! { <p>{line}</p> })
            .collect_view()
    };
    view! {
        <figure class="widget loss-rhythms" data-widget="loss-rhythms">
            <RunChoice id=format!("{id}-rhythm") legend="Rhythm" labels chosen/>
            <svg
                viewBox=format!("0 0 {WIDTH} {LOSS_HEIGHT}")
                role="img"
                aria-label=move || format!("Training loss of the {} run: a dot per step and the smoothed trend", rhythm().label().to_lowercase())
            >
                <path class="loss-dots" d=dots fill="none" stroke="currentColor"/>
                <polyline class="loss-trend" points=trend fill="none" stroke="var(--accent)"/>
                <g class="axis" font-size="13" fill="currentColor" fill-opacity="0.7">
                    <text x="4" y="14">{loss_top}</text>
                    <text x="4" y=LOSS_HEIGHT - 6.0>{loss_bottom}</text>
                    <text x=WIDTH - 4.0 y=LOSS_HEIGHT - 6.0 text-anchor="end">{last_step}</text>
                </g>
            </svg>
            <svg
                viewBox=format!("0 0 {WIDTH} {JUDGED_HEIGHT}")
                role="img"
                aria-label="What the judges measured at each checkpoint on prompts the album never showed: quality (solid) and likeness to the album (dashed), from 0 to 100 %"
            >
                <g transform=format!("translate(0 {PAD})")>
                    <polyline class="judged-quality" points=move || judged(quality) fill="none" stroke="currentColor"/>
                    <polyline class="judged-likeness" points=move || judged(|p| p.album_likeness) fill="none" stroke="var(--accent)"/>
                </g>
                <g class="axis" font-size="13" fill="currentColor" fill-opacity="0.7">
                    <text x="4" y="14">"100 %: judges, new scenes: quality (solid), album likeness (dashed)"</text>
                    <text x="4" y=JUDGED_HEIGHT - 6.0>"0 %"</text>
                </g>
            </svg>
            <div class="rhythm-story" aria-live="polite">{story}</div>
            <figcaption class="provenance">
                {move || with_run(&|r| {
                    format!(
                        "{} Dots: one step in every {} of the real log; trend: the moving average of every step.",
                        r.knobs.provenance(),
                        (r.knobs.steps as usize).div_ceil(r.dots.len().max(1)),
                    )
                })}
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
    fn renders_the_healthy_run_with_its_story() {
        let healthy = shipped("steps-1000").expect("the healthy run");
        let html = Owner::new().with(|| view! { <LossRhythms id="w6"/> }.to_html());
        assert_eq!(html.matches(r#"type="radio""#).count(), 3, "{html}");
        assert!(html.contains(r#"class="loss-dots""#), "{html}");
        assert!(html.contains(&healthy.knobs.provenance()), "{html}");
        let story = Rhythm::Healthy.story(&healthy);
        assert!(html.contains(&story[0]), "{html}");
        assert_eq!(html.matches("<polyline").count(), 3, "{html}");
    }
}
