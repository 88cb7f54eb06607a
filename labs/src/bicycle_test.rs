//! The bicycle test: "a photo of TOK riding a bicycle", a scene the album never
//! shows, painted at two checkpoints of the learning arc side by side, with what
//! the judges read in each. The reader picks the two checkpoints; the words come
//! from [`crate::bicycle`].

use leptos::prelude::*;

use crate::arc::{ArcRun, SceneScore, percent, shipped};
use crate::bicycle::{overfit_pick, summary, verdict};
use crate::crop::{Crop, Sheet};
use crate::widget_error::shown_or_error;

/// The bicycle test over the shipped learning arc.
///
/// ## Usage
/// ````markdown
/// ```widget bicycle-test
/// ```
/// ````
///
/// Each side has a native `<select>` of the run's checkpoints, so the keyboard
/// and screen readers work as they do everywhere else.
///
/// ## Server-side rendering
/// The best checkpoint (identity × obedience on unseen prompts) and the later
/// one where most bicycle pictures came back as the windowsill (the last one if
/// none did, see [`overfit_pick`]) are rendered on the server; choosing others
/// works once the page hydrates.
#[component]
pub fn BicycleTest(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    shown_or_error("bicycle-test", shipped(), |run| {
        view! { <Pair run id/> }.into_any()
    })
}

#[component]
fn Pair(run: ArcRun, id: String) -> impl IntoView {
    let best = run.best();
    let overfit = overfit_pick(&run.points, best);
    let story = summary(&run.points);
    let provenance = run.knobs.provenance();
    let run = StoredValue::new(run);
    view! {
        <figure class="widget bicycle-test" data-widget="bicycle-test">
            <div class="bike-pair">
                <Side run id=format!("{id}-a") label="Checkpoint A" start=best/>
                <Side run id=format!("{id}-b") label="Checkpoint B" start=overfit/>
            </div>
            <p class="bike-story">{story}</p>
            <figcaption class="provenance">
                {provenance}
                " Each side: the four probe pictures of \u{201c}a photo of TOK ceramic cat figurine riding a bicycle\u{201d} (seeds 0 to 3) at the chosen checkpoint."
            </figcaption>
        </figure>
    }
}

#[component]
fn Side(run: StoredValue<ArcRun>, id: String, label: &'static str, start: usize) -> AnyView {
    let index = RwSignal::new(start);
    let point = move || run.with_value(|r| r.points[index.get().min(r.points.len() - 1)]);
    let step = move || point().step;
    let options = run.with_value(|r| {
        r.points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                view! { <option value=i selected=i == start>{format!("step {}", p.step)}</option> }
            })
            .collect_view()
    });
    let select_id = format!("{id}-step");
    let number = move |name: &'static str, value: fn(SceneScore) -> f64| {
        view! {
            <div>
                <dt>{name}</dt>
                <dd>{move || percent(value(point().bicycle))}</dd>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="bike-side">
            <label for=select_id.clone()>{label}</label>
            <select
                id=select_id
                on:change=move |event| {
                    if let Ok(i) = event_target_value(&event).parse::<usize>() {
                        index.set(i);
                    }
                }
            >
                {options}
            </select>
            <Crop
                src=Signal::derive(move || run.with_value(|r| r.sheet_url(step())))
                sheet=Sheet::PROBE
                view_box=Sheet::PROBE.frame(1, 4, 4)
                label=Signal::derive(move || {
                    format!("Four pictures of TOK riding a bicycle at step {}", step())
                })
                width=393
            />
            <div aria-live="polite">
                <p class="bike-verdict">
                    {move || format!("Step {}: {}.", step(), verdict(point().bicycle))}
                </p>
                <dl class="bike-numbers">
                    {number("Looks like TOK", |b| b.identity)}
                    {number("On a bicycle", |b| b.obedience)}
                    {number("Windowsill instead", |b| b.windowsill_leak)}
                </dl>
            </div>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_two_checkpoints_of_the_real_arc() {
        let run = shipped().expect("the shipped arc");
        let html = Owner::new().with(|| view! { <BicycleTest id="w9"/> }.to_html());
        assert_eq!(html.matches("<select").count(), 2, "{html}");
        assert_eq!(
            html.matches("<option").count(),
            2 * run.points.len(),
            "{html}"
        );
        let best = run.points[run.best()];
        let overfit = run.points[overfit_pick(&run.points, run.best())];
        assert!(overfit.step > best.step, "B comes after the best");
        assert!(html.contains(&run.sheet_url(best.step)), "{html}");
        assert!(html.contains(&run.sheet_url(overfit.step)), "{html}");
        assert!(html.contains(r#"viewBox="133 34 131 32""#), "{html}");
        assert!(html.contains(verdict(overfit.bicycle)), "{html}");
        assert!(html.contains(&summary(&run.points)), "{html}");
    }
}
