//! Small line charts as standalone SVG, for the experiments' findings report.
//!
//! Plain text out, no dependencies: axes with a few round ticks, one polyline
//! per series, a legend. Colours come from a fixed palette that reads on white
//! and keeps series apart for common colour-vision deficiencies.

use std::fmt::Write as _;

/// The palette, in series order (Okabe-Ito).
const COLOURS: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000",
];

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 44.0;

/// One line of a chart.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    /// The legend's label.
    pub(crate) name: String,
    /// Points in data units, in x order.
    pub(crate) points: Vec<(f64, f64)>,
    /// Drawn dashed (e.g. a raw series beside its smoothed one).
    pub(crate) dashed: bool,
}

/// A chart's text and its y range.
#[derive(Clone, Debug)]
pub(crate) struct Chart {
    /// Title above the plot.
    pub(crate) title: String,
    /// Label under the x axis.
    pub(crate) x_label: String,
    /// The y range; `None` fits the data.
    pub(crate) y_range: Option<(f64, f64)>,
}

/// Renders `series` as an SVG document.
pub(crate) fn line_chart(chart: &Chart, series: &[Series]) -> String {
    let all = series.iter().flat_map(|s| s.points.iter().copied());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in all.filter(|(x, y)| x.is_finite() && y.is_finite()) {
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    if x0 > x1 {
        (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
    }
    if let Some((lo, hi)) = chart.y_range {
        (y0, y1) = (lo, hi);
    }
    if (x1 - x0).abs() < f64::EPSILON {
        x1 = x0 + 1.0;
    }
    if (y1 - y0).abs() < f64::EPSILON {
        y1 = y0 + 1.0;
    }
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let sx = |x: f64| LEFT + (x - x0) / (x1 - x0) * plot_w;
    let sy = |y: f64| TOP + (1.0 - (y - y0) / (y1 - y0)) * plot_h;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"{}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n\
         <text x=\"{LEFT}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
        escape(&chart.title),
        escape(&chart.title)
    );
    for tick in ticks(y0, y1) {
        let y = sy(tick);
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT + plot_w,
            LEFT - 6.0,
            y + 4.0,
            label(tick)
        );
    }
    for tick in ticks(x0, x1) {
        let x = sx(tick);
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#eee\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            TOP + plot_h,
            TOP + plot_h + 16.0,
            label(tick)
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        LEFT + plot_w / 2.0,
        HEIGHT - 8.0,
        escape(&chart.x_label)
    );
    for (i, s) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let points: Vec<String> = s
            .points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&(x, y)| format!("{:.1},{:.1}", sx(x), sy(y.clamp(y0, y1))))
            .collect();
        let dash = if s.dashed {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
            points.join(" ")
        );
        let ly = TOP + 8.0 + 18.0 * i as f64;
        let lx = LEFT + plot_w + 12.0;
        let _ = writeln!(
            svg,
            "<line x1=\"{lx:.1}\" x2=\"{:.1}\" y1=\"{ly:.1}\" y2=\"{ly:.1}\" stroke=\"{colour}\" \
             stroke-width=\"2\"{dash}/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            lx + 18.0,
            lx + 24.0,
            ly + 4.0,
            escape(&s.name)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// About five round tick values covering `[lo, hi]`.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let raw = (hi - lo) / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    let mut out = Vec::new();
    let mut t = (lo / step).ceil() * step;
    while t <= hi + step * 1e-9 {
        out.push(t);
        t += step;
    }
    out
}

fn label(value: f64) -> String {
    if value.abs() >= 1000.0 || value.fract().abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let t: Vec<String> = ticks(0.0, 1.0).iter().map(|t| format!("{t:.2}")).collect();
        assert_eq!(t, ["0.00", "0.20", "0.40", "0.60", "0.80", "1.00"]);
        let t = ticks(0.0, 5000.0);
        assert_eq!(t.first(), Some(&0.0));
        assert_eq!(t.last(), Some(&5000.0));
    }

    #[test]
    fn a_chart_has_one_polyline_per_series_and_escapes_text() {
        let chart = Chart {
            title: "identity & leak".into(),
            x_label: "step".into(),
            y_range: Some((0.0, 1.0)),
        };
        let series = [
            Series {
                name: "identity".into(),
                points: vec![(0.0, 0.1), (100.0, 0.5), (200.0, 0.9)],
                dashed: false,
            },
            Series {
                name: "leak <raw>".into(),
                points: vec![(0.0, 0.0), (200.0, f64::NAN)],
                dashed: true,
            },
        ];
        let svg = line_chart(&chart, &series);
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("identity &amp; leak") && svg.contains("leak &lt;raw&gt;"));
        assert!(svg.contains("stroke-dasharray") && !svg.contains("NaN"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
    }
}
