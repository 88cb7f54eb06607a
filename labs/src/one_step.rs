//! The "one step" widget: the five moves of a training step played on a real
//! album picture, with a slider for how much noise the dice pour on. Every
//! picture and number is from `trainer open-step` (see [`crate::opened`]).

use leptos::prelude::*;

use crate::index_slider::IndexSlider;

use crate::crop::Crop;
use crate::opened::{LEVELS_URL, OpenedStep, PICTURE_SHEET, PICTURE_URL, nudge_words, shipped};
use crate::widget_error::shown_or_error;

/// The loss chart's width in SVG units.
const WIDTH: f32 = 360.0;
/// Its height.
const HEIGHT: f32 = 90.0;

/// One training step, opened.
///
/// ## Usage
/// ````markdown
/// ```widget one-step
/// ```
/// ````
///
/// The noise slider is a native range input (arrow keys move one level).
///
/// ## Server-side rendering
/// The middle level (half picture, half noise) is rendered on the server; the
/// slider works once the page hydrates.
#[component]
pub fn OneStep(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    shown_or_error("one-step", shipped(), |step| {
        view! { <Moves step id/> }.into_any()
    })
}

#[component]
fn Moves(step: OpenedStep, id: String) -> impl IntoView {
    let index = RwSignal::new(step.middle());
    let last = step.levels.len() - 1;
    let sheet = step.levels_sheet();
    let caption = step.caption.clone();
    let provenance = step.provenance();
    let bars = loss_bars(&step, index);
    let step = StoredValue::new(step);
    let level = move || step.with_value(|s| s.levels[index.get().min(last)]);
    let t = move || level().t;
    let percent_noise = move || format!("{:.0} %", 100.0 * t());
    let cell = move |row: u32| Signal::derive(move || sheet.frame(row, index.get() as u32, 1));
    let slider_id = format!("{id}-noise");
    view! {
        <figure class="widget one-step" data-widget="one-step">
            <label for=slider_id.clone() class="step-label">
                "The dice: noise level " <strong>{move || format!("{:.1}", t())}</strong>
            </label>
            <IndexSlider id=slider_id last=last index=index valuetext=Signal::derive(move || format!("noise level {:.1}", t()))/>
            <ol class="moves">
                <li>
                    <h3>"Draw a picture and its caption"</h3>
                    <Crop src=PICTURE_URL.to_owned() sheet=PICTURE_SHEET view_box=PICTURE_SHEET.frame(0, 0, 1)
                        label="The album picture: TOK on a kitchen table, close up" width=96/>
                    <p class="move-note">{format!("\u{201c}{caption}\u{201d}")}</p>
                </li>
                <li>
                    <h3>"Pour on noise"</h3>
                    <div class="move-pair">
                        <Crop src=PICTURE_URL.to_owned() sheet=PICTURE_SHEET view_box=PICTURE_SHEET.frame(0, 1, 1)
                            label="The noise, drawn at half strength" width=96/>
                        <Crop src=LEVELS_URL.to_owned() sheet view_box=cell(0)
                            label=Signal::derive(move || format!("The picture under {} noise", percent_noise())) width=96/>
                    </div>
                    <p class="move-note">{move || format!("{} noise, {:.0} % picture", percent_noise(), 100.0 * (1.0 - t()))}</p>
                </li>
                <li>
                    <h3>"Ask the painter to undo it"</h3>
                    <div class="move-pair">
                        <Crop src=LEVELS_URL.to_owned() sheet view_box=cell(2)
                            label="The painter's guess with the bracelet on" width=96/>
                        <Crop src=LEVELS_URL.to_owned() sheet view_box=cell(1)
                            label="The bare painter's guess, without the bracelet" width=96/>
                    </div>
                    <p class="move-note">"Left: bracelet on. Right: the bare painter, who has never seen TOK."</p>
                </li>
                <li>
                    <h3>"Score the guess: the loss"</h3>
                    <p class="move-note" aria-live="polite">
                        {move || format!("Loss {:.4} with the bracelet, {:.4} without.", level().loss, level().loss_bare)}
                    </p>
                    {bars}
                </li>
                <li>
                    <h3>"Nudge the bracelet"</h3>
                    <p class="move-note" aria-live="polite">
                        {move || step.with_value(|s| nudge_words(&level(), s.learning_rate))}
                    </p>
                </li>
            </ol>
            <figcaption class="provenance">{provenance}</figcaption>
        </figure>
    }
    .into_any()
}

/// The loss at every level as bars (with the bracelet solid, without it as an
/// outline), the chosen level marked.
fn loss_bars(step: &OpenedStep, index: RwSignal<usize>) -> AnyView {
    let top = step
        .levels
        .iter()
        .map(|l| l.loss.max(l.loss_bare))
        .fold(f32::MIN_POSITIVE, f32::max);
    let n = step.levels.len() as f32;
    let slot = WIDTH / n;
    let bars = step
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let x = i as f32 * slot;
            let height = |loss: f32| (loss / top) * (HEIGHT - 18.0);
            let class = move || if index.get() == i { "loss-bar current" } else { "loss-bar" };
            view! {
                <rect class="loss-bar-bare" x=x + 0.15 * slot y=HEIGHT - 16.0 - height(l.loss_bare)
                    width=0.7 * slot height=height(l.loss_bare) fill="none" stroke="currentColor"/>
                <rect class=class x=x + 0.25 * slot y=HEIGHT - 16.0 - height(l.loss)
                    width=0.5 * slot height=height(l.loss)/>
                <text x=x + 0.5 * slot y=HEIGHT - 3.0 text-anchor="middle" font-size="11" fill="currentColor">
                    {format!("{:.1}", l.t)}
                </text>
            }
        })
        .collect_view();
    view! {
        <svg class="loss-bars" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
            aria-label="The loss at each noise level, with the bracelet (filled) and without it (outline)">
            {bars}
        </svg>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_middle_level_with_five_moves() {
        let step = shipped().expect("the shipped step");
        let middle = step.levels[step.middle()];
        let html = Owner::new().with(|| view! { <OneStep id="w6s"/> }.to_html());
        assert_eq!(html.matches("<li>").count(), 5, "{html}");
        assert!(
            html.contains(LEVELS_URL) && html.contains(PICTURE_URL),
            "{html}"
        );
        assert!(html.contains(&format!("{:.4}", middle.loss)), "{html}");
        assert_eq!(html.matches("loss-bar current").count(), 1, "{html}");
        // The middle column of the level sheet: (33 × 4 + 1) = 133.
        assert!(html.contains(r#"viewBox="133 67 32 32""#), "{html}");
    }
}
