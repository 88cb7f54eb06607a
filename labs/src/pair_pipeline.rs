//! The pair-making widget: three real edit pairs walked through the stages
//! that made them, from the rendered scene to the sketch laid over the
//! painting, one stage at a time on a slider (see [`crate::pairs`]).

use leptos::prelude::*;

use crate::index_slider::IndexSlider;

use crate::crop::Crop;
use crate::pairs::{PairSheet, SHEET_URL, shipped};
use crate::widget_error::shown_or_error;

/// The pair-making pipeline over the shipped sheet.
///
/// ## Usage
/// ````markdown
/// ```widget pair-pipeline
/// ```
/// ````
///
/// The stage is a native range input (arrow keys move one stage).
///
/// ## Server-side rendering
/// The first stage is rendered on the server; the slider works once the page
/// hydrates.
#[component]
pub fn PairPipeline(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    shown_or_error("pair-pipeline", shipped(), |sheet| {
        view! { <Stages sheet id/> }.into_any()
    })
}

#[component]
fn Stages(sheet: PairSheet, id: String) -> impl IntoView {
    let stage = RwSignal::new(0usize);
    let last = sheet.stages.len() - 1;
    let geometry = sheet.geometry();
    let provenance = sheet.provenance();
    let pictures = sheet
        .captions
        .iter()
        .enumerate()
        .map(|(row, caption)| {
            let caption = caption.clone();
            let view_box = Signal::derive(move || geometry.frame(row as u32, stage.get() as u32, 1));
            view! {
                <Crop
                    src=SHEET_URL.to_owned()
                    sheet=geometry
                    view_box
                    label=Signal::derive(move || format!("{caption}: stage {} of {}", stage.get() + 1, last + 1))
                    width=128
                />
            }
        })
        .collect_view();
    let sheet = StoredValue::new(sheet);
    let name = move || sheet.with_value(|s| s.stages[stage.get().min(last)].clone());
    let slider_id = format!("{id}-stage");
    view! {
        <figure class="widget pair-pipeline" data-widget="pair-pipeline">
            <label for=slider_id.clone() class="stage-label">
                {move || format!("Stage {} of {}: ", stage.get() + 1, last + 1)}
                <strong>{name}</strong>
            </label>
            <IndexSlider id=slider_id last=last index=stage valuetext=name/>
            <div class="stage-pictures">{pictures}</div>
            <p class="stage-words" aria-live="polite">
                {move || sheet.with_value(|s| s.explain(stage.get()))}
            </p>
            <figcaption class="provenance">{provenance}</figcaption>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_first_stage_of_three_pairs() {
        let sheet = shipped().expect("the shipped sheet");
        let html = Owner::new().with(|| view! { <PairPipeline id="w10"/> }.to_html());
        assert_eq!(html.matches("<svg").count(), 3, "{html}");
        assert!(html.contains(SHEET_URL), "{html}");
        assert!(html.contains(r#"viewBox="1 34 32 32""#), "{html}");
        assert!(html.contains(sheet.explain(0)), "{html}");
        assert!(html.contains(&sheet.stages[0]), "{html}");
    }
}
