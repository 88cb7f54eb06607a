//! The eagerness knob: three real runs that differ only in learning rate, under
//! one three-position control. The chosen run's loss curve is drawn over the
//! other two, with the pictures and the judges' numbers it ended with.

use leptos::prelude::*;

use crate::run_choice::RunChoice;

use crate::arc::{identity_words, obedience_words, percent};
use crate::eagerness::{Eagerness, HEIGHT, WIDTH, shipped};
use crate::widget_error::shown_or_error;

/// The eagerness knob over the shipped timid, default and frantic runs.
///
/// ## Usage
/// ````markdown
/// ```widget eagerness-knob
/// ```
/// ````
///
/// The knob is a group of three radio buttons: Tab reaches it, the arrow keys
/// turn it.
///
/// ## Server-side rendering
/// The default run is drawn on the server; turning the knob redraws once the
/// page hydrates.
#[component]
pub fn EagernessKnob(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    shown_or_error("eagerness-knob", shipped(), |data| {
        view! { <Knob data id/> }.into_any()
    })
}

#[component]
fn Knob(data: Eagerness, id: String) -> impl IntoView {
    let chosen = RwSignal::new(1usize);
    let frame = data.loss_frame();
    let lines: Vec<String> = data
        .runs
        .iter()
        .map(|r| frame.polyline(r.loss.iter().copied()))
        .collect();
    let data = StoredValue::new(data);
    let run = move || data.with_value(|d| d.runs[chosen.get()].clone());
    let labels: Vec<String> = data.with_value(|d| {
        d.runs
            .iter()
            .map(|r| format!("{} ({})", r.label, r.knobs.learning_rate))
            .collect()
    });
    let curves = lines
        .into_iter()
        .enumerate()
        .map(|(i, points)| {
            let class = move || {
                if chosen.get() == i {
                    "eager-line chosen"
                } else {
                    "eager-line"
                }
            };
            view! { <polyline class=class points=points fill="none" stroke="currentColor"/> }
        })
        .collect_view();
    let chart_label = move || {
        format!(
            "Smoothed training loss of the three runs; the {} run is drawn bold",
            run().label
        )
    };
    let end = move || run().end();
    let off_chart = move || {
        run().off_chart(frame.y.1).map(|peak| {
            view! {
                <text x=WIDTH / 2.0 y="14" text-anchor="middle">
                    {format!("this run's loss leaves the chart: it climbs to {peak:.2}")}
                </text>
            }
        })
    };
    view! {
        <figure class="widget eagerness-knob" data-widget="eagerness-knob">
            <RunChoice id=format!("{id}-rate") legend="Eagerness: the learning rate" labels chosen/>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=chart_label>
                {curves}
                <g class="axis" font-size="13" fill="currentColor" fill-opacity="0.7">
                    <text x="4" y="14">{format!("loss {:.3}", frame.y.1)}</text>
                    <text x="4" y=HEIGHT - 6.0>{format!("{:.3}", frame.y.0)}</text>
                    <text x=WIDTH - 4.0 y=HEIGHT - 6.0 text-anchor="end">{format!("step {}", frame.steps)}</text>
                    {off_chart}
                </g>
            </svg>
            <img
                class="eager-sheet"
                src=move || run().sheet_url()
                alt=move || format!(
                    "Probe pictures after the {} run: eight of the windowsill prompt, then four each of TOK on a beach, riding a bicycle, on a harbor pier and in a snowy field.",
                    run().label
                )
                width="265"
                height="100"
            />
            <div class="eager-meters" aria-live="polite">
                <p>
                    "Windowsill prompt (the album's own scene): looks like TOK "
                    <strong>{move || percent(end().album_identity)}</strong>
                </p>
                <p>
                    "New prompts: looks like TOK "
                    <strong>{move || format!("{} ({})", percent(end().identity), identity_words(end().identity))}</strong>
                    ", follows the prompt "
                    <strong>{move || format!("{} ({})", percent(end().obedience), obedience_words(end().obedience))}</strong>
                </p>
            </div>
            <figcaption class="provenance">{move || run().knobs.provenance()}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_three_runs_with_the_default_chosen() {
        let data = shipped().expect("the shipped runs");
        let html = Owner::new().with(|| view! { <EagernessKnob id="w5"/> }.to_html());
        assert_eq!(html.matches(r#"type="radio""#).count(), 3, "{html}");
        assert_eq!(html.matches("<polyline").count(), 3, "{html}");
        assert!(html.contains(&data.runs[1].sheet_url()), "{html}");
        assert!(html.contains(&data.runs[1].knobs.provenance()), "{html}");
        assert!(html.contains("eager-line chosen"), "{html}");
    }
}
