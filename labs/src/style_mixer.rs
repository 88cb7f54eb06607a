//! The two-bracelet mixer: the TOK bracelet and the TOKSTYLE bracelet worn
//! together, each on its own scale slider. Every position is a real picture
//! from the grid the experiments painted, with what the judges read in it, and
//! a table of the whole grid shows how the two bracelets compete.

use leptos::prelude::*;

use crate::index_slider::IndexSlider;

use crate::arc::percent;
use crate::crop::{Crop, Sheet};
use crate::mix::{GRID_URL, MixGrid, shipped, style_words, subject_words};
use crate::widget_error::shown_or_error;

/// The grid picture's geometry: four 32-pixel pictures a side, 2-pixel gaps.
const GRID: Sheet = Sheet::grid(4, 4, 32, 2);

/// The mixer over the shipped grid.
///
/// ## Usage
/// ````markdown
/// ```widget style-mixer
/// ```
/// ````
///
/// Both scales are native range inputs (arrow keys move one notch).
///
/// ## Server-side rendering
/// Both bracelets at scale 1 are rendered on the server; the sliders work
/// once the page hydrates.
#[component]
pub fn StyleMixer(
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    shown_or_error("style-mixer", shipped(), |grid| {
        view! { <Mixer grid id/> }.into_any()
    })
}

#[component]
fn Mixer(grid: MixGrid, id: String) -> impl IntoView {
    let scales = grid.scales();
    let start = scales.iter().position(|s| *s == 1.0).unwrap_or(0);
    let (row, column) = (RwSignal::new(start), RwSignal::new(start));
    let provenance = grid.provenance();
    let table = grid_table(&grid, &scales, row, column);
    let grid = StoredValue::new(grid);
    let scale_at = move |i: usize| scales.get(i).copied().unwrap_or(0.0);
    let scales = StoredValue::new(scale_at);
    let slider = move |label: &'static str, index: RwSignal<usize>, suffix: &str| {
        let input_id = format!("{id}-{suffix}");
        let last = grid.with_value(|g| g.scales().len() - 1);
        view! {
            <label for=input_id.clone()>
                {label} ": scale " {move || format!("{:.1}", scales.with_value(|f| f(index.get())))}
            </label>
            <IndexSlider id=input_id last=last index=index valuetext=Signal::derive(move || format!("scale {:.1}", scales.with_value(|f| f(index.get()))))/>
        }
        .into_any()
    };
    let cell = move || grid.with_value(|g| g.cell(row.get(), column.get()).clone());
    let words = move || {
        let c = cell();
        format!(
            "The judges read {}, painted as {} ({} sure); it looks like TOK: {}.",
            subject_words(&c.subject),
            style_words(&c.style),
            percent(c.style_prob),
            percent(c.tok),
        )
    };
    view! {
        <figure class="widget style-mixer" data-widget="style-mixer">
            <div class="mix-body">
                <div class="mix-controls">
                    {slider("TOK bracelet", row, "tok")}
                    {slider("TOKSTYLE bracelet", column, "style")}
                </div>
                <Crop
                    src=GRID_URL.to_owned()
                    sheet=GRID
                    view_box=Signal::derive(move || GRID.frame(row.get() as u32, column.get() as u32, 1))
                    label=Signal::derive(move || {
                        let (a, b) = cell().scales;
                        format!("The picture painted with the TOK bracelet at scale {a:.1} and the TOKSTYLE bracelet at scale {b:.1}")
                    })
                    width=192
                />
            </div>
            <p class="mix-verdict" aria-live="polite">{words}</p>
            {table}
            <figcaption class="provenance">{provenance}</figcaption>
        </figure>
    }
    .into_any()
}

/// The whole grid as a table: how much each picture looks like TOK, and the
/// style the judges read; the picture on show is marked.
fn grid_table(
    grid: &MixGrid,
    scales: &[f32],
    row: RwSignal<usize>,
    column: RwSignal<usize>,
) -> AnyView {
    let head = scales
        .iter()
        .map(|s| view! { <th scope="col">{format!("{s:.1}")}</th> })
        .collect_view();
    let n = scales.len();
    let rows = scales
        .iter()
        .enumerate()
        .map(|(r, s)| {
            let cells = (0..n)
                .map(|c| {
                    let cell = grid.cell(r, c);
                    let text = format!("{} TOK", percent(cell.tok));
                    let style = if cell.style == "tokstyle" {
                        "TOKSTYLE"
                    } else {
                        "other style"
                    };
                    let class = move || {
                        if row.get() == r && column.get() == c {
                            "mix-cell current"
                        } else {
                            "mix-cell"
                        }
                    };
                    view! { <td class=class>{text}<br/><small>{style}</small></td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{format!("{s:.1}")}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="mix-table">
            <caption>"The whole grid: rows, the TOK bracelet's scale; columns, the TOKSTYLE bracelet's"</caption>
            <thead><tr><td></td>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_both_bracelets_at_scale_one_and_the_whole_grid() {
        let grid = shipped().expect("the shipped grid");
        let html = Owner::new().with(|| view! { <StyleMixer id="w8"/> }.to_html());
        assert_eq!(html.matches(r#"type="range""#).count(), 2, "{html}");
        assert!(html.contains(GRID_URL), "{html}");
        // Scale 1 is the third of 0, 0.5, 1, 1.5: the cell at (2, 2).
        assert!(html.contains(r#"viewBox="70 70 32 32""#), "{html}");
        assert!(html.contains(&percent(grid.cell(2, 2).tok)), "{html}");
        assert_eq!(html.matches("mix-cell current").count(), 1, "{html}");
        assert_eq!(html.matches("<td class=").count(), 16, "{html}");
    }
}
