//! The edit trial widget: the real edit bracelet tried on sketches it never
//! saw. A slider picks the checkpoint, a list picks the sketch; the page shows
//! the sketch, the instruction painted without the bracelet and with it, the
//! true painting, and the whole trial's numbers (see [`crate::edit_trial`]).

use leptos::prelude::*;

use crate::index_slider::IndexSlider;

use crate::crop::Crop;
use crate::edit_trial::{Trial, shipped};
use crate::widget_error::shown_or_error;

/// The edit trial over the shipped edit run.
///
/// ## Usage
/// ````markdown
/// ```widget edit-trial
/// ```
/// ````
///
/// The checkpoint is a native range input, the sketch a native `<select>`.
///
/// ## Server-side rendering
/// The last checkpoint and the first sketch are rendered on the server.
#[component]
pub fn EditTrialWidget(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    shown_or_error("edit-trial", shipped(), |trial| {
        view! { <TrialView trial id/> }.into_any()
    })
}

#[component]
fn TrialView(trial: Trial, id: String) -> impl IntoView {
    let last = trial.points.len() - 1;
    let index = RwSignal::new(last);
    let row = RwSignal::new(0usize);
    let sheet = trial.sheet();
    let provenance = trial.knobs.provenance();
    let options = trial
        .captions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let what = c.trim_start_matches("a painting of ").to_owned();
            view! { <option value=i selected=i == 0>{what}</option> }
        })
        .collect_view();
    let trial = StoredValue::new(trial);
    let point = move || trial.with_value(|t| t.points[index.get().min(last)]);
    let src = Signal::derive(move || trial.with_value(|t| t.knobs.sheet_url(point().step)));
    let names = [
        "The sketch it never saw",
        "Without the bracelet",
        "With the bracelet",
        "The true painting",
    ];
    let cells = names
        .into_iter()
        .enumerate()
        .map(|(column, name)| {
            view! {
                <div class="trial-cell">
                    <Crop
                        src
                        sheet
                        view_box=Signal::derive(move || sheet.frame(row.get() as u32, column as u32, 1))
                        label=Signal::derive(move || format!("{name}, at step {}", point().step))
                        width=96
                    />
                    <span>{name}</span>
                </div>
            }
        })
        .collect_view();
    let slider_id = format!("{id}-checkpoint");
    let select_id = format!("{id}-sketch");
    view! {
        <figure class="widget edit-trial" data-widget="edit-trial">
            <label for=slider_id.clone()>
                "Checkpoint: step " <strong>{move || point().step}</strong>
            </label>
            <IndexSlider id=slider_id last=last index=index valuetext=Signal::derive(move || format!("step {}", point().step))/>
            <label for=select_id.clone()>"Sketch"</label>
            <select
                id=select_id
                on:change=move |event| {
                    if let Ok(i) = event_target_value(&event).parse::<usize>() {
                        row.set(i);
                    }
                }
            >
                {options}
            </select>
            <div class="trial-row">{cells}</div>
            <p class="trial-words" aria-live="polite">
                {move || trial.with_value(|t| t.words(&point()))}
            </p>
            <figcaption class="provenance">
                {provenance}
                " The twelve sketches come from the world with a seed of their own, so none is in the album."
            </figcaption>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_last_checkpoint_and_four_pictures() {
        let trial = shipped().expect("the shipped trial");
        let last = trial.points[trial.points.len() - 1];
        let html = Owner::new().with(|| view! { <EditTrialWidget id="w9t"/> }.to_html());
        assert_eq!(html.matches("<svg").count(), 4, "{html}");
        assert!(html.contains(&trial.knobs.sheet_url(last.step)), "{html}");
        assert_eq!(html.matches("<option").count(), 12, "{html}");
        assert!(html.contains(&format!("{:.3}", last.error)), "{html}");
    }
}
