//! The learning arc widget: one real run on a single slider. Each position is a
//! checkpoint; the page shows that checkpoint's probe pictures and meters for
//! what the judges measured on prompts the album never showed. A choice above
//! the slider swaps the album's captions: the same run with the call word alone
//! (it memorises) or with sentences that name the scene (it does not, in 5000
//! steps).

use leptos::prelude::*;

use crate::index_slider::IndexSlider;

use crate::arc::{ArcRun, identity_words, obedience_words, percent, shipped_both};
use crate::run_choice::RunChoice;
use crate::widget_error::shown_or_error;

/// The learning arcs of the shipped `arc-trigger-only` and `arc-5000` runs.
///
/// ## Usage
/// In a chapter:
///
/// ````markdown
/// ```widget learning-arc
/// ```
/// ````
///
/// The captions are a native radio group (Tab, then arrow keys). The slider is
/// a native range input: arrow keys step one checkpoint, Page Up/Down jump,
/// Home/End go to the ends; each run keeps its own checkpoint (at first its
/// best) when the captions change. The meters are native `<meter>`s with
/// their numbers written beside them.
///
/// ## Server-side rendering
/// The best checkpoint (highest identity × obedience on unseen prompts) is
/// rendered on the server; moving the slider updates the page once it hydrates.
#[component]
pub fn LearningArc(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    shown_or_error("learning-arc", shipped_both(), |runs| {
        view! { <Arcs runs id/> }.into_any()
    })
}

#[component]
fn Arcs(runs: [(&'static str, ArcRun); 2], id: String) -> impl IntoView {
    let chosen = RwSignal::new(0);
    let labels = runs.iter().map(|(label, _)| (*label).to_owned()).collect();
    // Each run keeps its own checkpoint, starting at its best.
    let indices = runs.each_ref().map(|(_, run)| RwSignal::new(run.best()));
    let runs = StoredValue::new(runs);
    let choice_id = format!("{id}-captions");
    let provenance = move || {
        let c = chosen.get().min(1);
        runs.with_value(|r| {
            let run = &r[c].1;
            let i = indices[c].get().min(run.points.len() - 1);
            run.provenance(run.points[i].step)
        })
    };
    view! {
        <figure class="widget learning-arc" data-widget="learning-arc">
            <RunChoice id=choice_id legend="The album's captions" labels chosen/>
            {move || {
                let c = chosen.get().min(1);
                let run = runs.with_value(|r| r[c].1.clone());
                view! { <ArcView run id=id.clone() index=indices[c]/> }.into_any()
            }}
            <figcaption class="provenance">
                {provenance}
                " Rows: the windowsill prompt the album knows; then beach and bicycle; then harbor pier and snowy field."
            </figcaption>
        </figure>
    }
}

#[component]
fn ArcView(run: ArcRun, id: String, index: RwSignal<usize>) -> impl IntoView {
    let last = run.points.len() - 1;
    let run = StoredValue::new(run);
    let point = move || run.with_value(|r| r.points[index.get().min(last)]);
    let step = move || point().step;
    let slider_id = format!("{id}-checkpoint");
    let meter = move |label: &'static str, value: Signal<f64>, words: fn(f64) -> &'static str| {
        view! {
            <div class="arc-meter">
                <span class="arc-meter-label">{label}</span>
                <meter min="0" max="1" value=move || value.get() aria-label=label></meter>
                <span class="arc-meter-value">
                    {move || format!("{} ({})", percent(value.get()), words(value.get()))}
                </span>
            </div>
        }
    };
    let identity = Signal::derive(move || point().identity);
    let obedience = Signal::derive(move || point().obedience);
    let leak = Signal::derive(move || point().windowsill_leak);
    let leak_words = |v: f64| {
        if v > 0.0 {
            "the album's background"
        } else {
            "none"
        }
    };
    view! {
        <div class="arc-run">
            <label for=slider_id.clone() class="arc-label">
                "Checkpoint: step " <strong>{step}</strong>
            </label>
            <IndexSlider
                id=slider_id
                last=last
                index=index
                valuetext=Signal::derive(move || format!("step {}", step()))
            />
            <img
                class="arc-sheet"
                src=move || run.with_value(|r| r.sheet_url(step()))
                alt=move || format!(
                    "Probe pictures at step {}: eight of the windowsill prompt, then four each of TOK on a beach, riding a bicycle, on a harbor pier and in a snowy field.",
                    step()
                )
                width="265"
                height="100"
            />
            <div class="arc-meters" aria-live="polite">
                {meter("Looks like TOK (unseen prompts)", identity, identity_words)}
                {meter("Follows the prompt (unseen prompts)", obedience, obedience_words)}
                {meter("Windowsill leak", leak, leak_words)}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_best_checkpoint_with_its_meters_and_provenance() {
        let [(bare, run), (full, _)] = shipped_both().expect("the shipped arcs");
        let best = run.points[run.best()];
        let html = Owner::new().with(|| view! { <LearningArc id="w4"/> }.to_html());
        assert!(html.contains(r#"id="w4-checkpoint""#), "{html}");
        assert!(
            html.contains(&format!(r#"max="{}""#, run.points.len() - 1)),
            "{html}"
        );
        assert!(html.contains(&run.sheet_url(best.step)), "{html}");
        assert!(
            html.contains(&format!("Showing step {}.", best.step)),
            "{html}"
        );
        assert_eq!(html.matches("<meter").count(), 3, "{html}");
        assert_eq!(html.matches(r#"type="radio""#).count(), 2, "{html}");
        assert!(html.contains(r#"id="w4-captions-0""#), "{html}");
        for label in [bare, full] {
            let escaped = label.replace('\u{201c}', "&#x201c;");
            assert!(
                html.contains(label) || html.contains(&escaped),
                "{label}: {html}"
            );
        }
        assert!(html.contains(&percent(best.identity)), "{html}");
    }
}
