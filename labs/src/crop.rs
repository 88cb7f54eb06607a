//! A window onto part of a contact sheet: an SVG whose view box frames a few
//! cells of a bigger PNG, drawn with hard pixels. The run widgets use it to show
//! one prompt's pictures (or one cell of a grid) without cutting extra files.

use leptos::prelude::*;

/// Cells of a contact sheet: `size`-pixel pictures with `gap` pixels around
/// each, `width × height` pixels in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's width in pixels.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// Side of one picture.
    pub size: u32,
    /// Pixels between (and around) pictures.
    pub gap: u32,
}

impl Sheet {
    /// A probe sheet: eight 32-pixel columns, three rows, 1-pixel gaps.
    pub const PROBE: Sheet = Sheet::grid(8, 3, 32, 1);

    /// A contact sheet of `columns × rows` pictures of side `size` with `gap`
    /// pixels between and around them, as `trainer`'s `contact_sheet` draws it.
    pub const fn grid(columns: u32, rows: u32, size: u32, gap: u32) -> Sheet {
        Sheet {
            width: columns * (size + gap) + gap,
            height: rows * (size + gap) + gap,
            size,
            gap,
        }
    }

    /// The view box (`x y w h`) framing `count` pictures of row `row` from
    /// column `column`.
    pub fn frame(&self, row: u32, column: u32, count: u32) -> String {
        let pitch = self.size + self.gap;
        let x = self.gap + column * pitch;
        let y = self.gap + row * pitch;
        let w = count * pitch - self.gap;
        format!("{x} {y} {w} {}", self.size)
    }
}

/// Part of `src` framed by `view_box`, scaled to `width` CSS pixels wide (and
/// shrinking with its container).
#[component]
pub fn Crop(
    /// The sheet's URL.
    #[prop(into)]
    src: Signal<String>,
    /// The sheet's geometry.
    sheet: Sheet,
    /// What to frame, from [`Sheet::frame`].
    #[prop(into)]
    view_box: Signal<String>,
    /// What the framed pictures show, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    /// Display width in CSS pixels.
    width: u32,
) -> impl IntoView {
    view! {
        <svg
            class="crop"
            viewBox=view_box
            role="img"
            aria-label=label
            style=format!("width: {width}px")
            preserveAspectRatio="xMinYMin meet"
        >
            <image
                href=src
                width=sheet.width
                height=sheet.height
                style="image-rendering: pixelated"
            />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_cells_of_a_sheet() {
        // The bicycle: second row, the last four columns.
        assert_eq!(Sheet::PROBE.frame(1, 4, 4), "133 34 131 32");
        assert_eq!(Sheet::PROBE.frame(0, 0, 8), "1 1 263 32");
        let grid = Sheet::grid(4, 4, 32, 2);
        assert_eq!((grid.width, grid.height), (138, 138));
        assert_eq!(grid.frame(3, 2, 1), "70 104 32 32");
        assert_eq!((Sheet::PROBE.width, Sheet::PROBE.height), (265, 100));
    }
}
