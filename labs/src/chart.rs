//! Curve geometry for every loss chart the course draws (the run page, the
//! stop-the-run game): the smoothed loss (an exponential moving average,
//! debiased like TensorBoard's so the first points are not dragged to zero) and
//! points scaled into an SVG box. No DOM here.

/// Smooths `values` with weight `weight` in `[0, 1)` (0: unchanged).
pub fn smooth(values: &[f32], weight: f32) -> Vec<f32> {
    let mut average = 0.0f64;
    let mut out = Vec::with_capacity(values.len());
    for (index, &value) in values.iter().enumerate() {
        average = average * f64::from(weight) + (1.0 - f64::from(weight)) * f64::from(value);
        let debias = 1.0 - f64::from(weight).powi(i32::try_from(index + 1).unwrap_or(i32::MAX));
        out.push(if debias > 0.0 {
            (average / debias) as f32
        } else {
            value
        });
    }
    out
}

/// The value range a chart shows: from the lowest to the highest finite value
/// (a flat series gets a little room).
pub fn range(values: impl IntoIterator<Item = f32>) -> Option<(f32, f32)> {
    let (low, high) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if low > high {
        return None;
    }
    Some(if high - low < 1e-6 {
        (low - 0.5, high + 0.5)
    } else {
        (low, high)
    })
}

/// Like [`range`], but from the 2nd to the 98th percentile of the finite values,
/// so a few wild single-step losses (common at batch size 1) do not squash the
/// trend into a flat line; points outside fall off the chart.
pub fn robust_range(values: &[f32]) -> Option<(f32, f32)> {
    let mut finite: Vec<f32> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.len() < 50 {
        return range(finite);
    }
    finite.sort_by(f32::total_cmp);
    let at = |q: f32| finite[((finite.len() - 1) as f32 * q).round() as usize];
    range([at(0.02), at(0.98)])
}

/// A `width × height` plot of steps `0..=steps` against values in `y`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Width in SVG units.
    pub width: f32,
    /// Height in SVG units.
    pub height: f32,
    /// The last step on the x axis.
    pub steps: u32,
    /// Value at the bottom and at the top.
    pub y: (f32, f32),
}

impl Frame {
    /// Where `(step, value)` lands in the box.
    pub fn point(&self, step: u32, value: f32) -> (f32, f32) {
        let steps = self.steps.max(1) as f32;
        let (low, high) = self.y;
        let span = (high - low).max(f32::EPSILON);
        (
            step as f32 / steps * self.width,
            (1.0 - (value - low) / span) * self.height,
        )
    }

    /// `points` as one SVG path of dots (draw it with a round line cap), non-finite
    /// values left out.
    pub fn dots(&self, points: impl IntoIterator<Item = (u32, f32)>) -> String {
        points
            .into_iter()
            .filter(|(_, v)| v.is_finite())
            .map(|(step, value)| {
                let (x, y) = self.point(step, value);
                format!("M{x:.1},{y:.1}h0")
            })
            .collect()
    }

    /// `points` as an SVG `points` attribute (`x,y x,y …`), non-finite values left out.
    pub fn polyline(&self, points: impl IntoIterator<Item = (u32, f32)>) -> String {
        points
            .into_iter()
            .filter(|(_, v)| v.is_finite())
            .map(|(step, value)| {
                let (x, y) = self.point(step, value);
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_robust_range_ignores_rare_spikes() {
        let mut values: Vec<f32> = (0..100).map(|i| 0.1 + i as f32 * 0.001).collect();
        values[40] = 5.0;
        values[41] = f32::NAN;
        let (low, high) = robust_range(&values).expect("values");
        assert!(low >= 0.1 && high < 0.2, "{low} {high}");
        assert_eq!(robust_range(&[1.0, 3.0]), Some((1.0, 3.0)));
        assert_eq!(robust_range(&[]), None);
    }

    #[test]
    fn dots_and_points_share_the_frame() {
        let frame = Frame {
            width: 100.0,
            height: 50.0,
            steps: 10,
            y: (0.0, 1.0),
        };
        assert_eq!(frame.point(5, 0.5), (50.0, 25.0));
        assert_eq!(
            frame.dots([(0, 1.0), (3, f32::NAN), (10, 0.0)]),
            "M0.0,0.0h0M100.0,50.0h0"
        );
    }

    #[test]
    fn smoothing_is_debiased_and_follows_the_trend() {
        assert_eq!(
            smooth(&[2.0, 2.0, 2.0], 0.9),
            [2.0, 2.0, 2.0],
            "a flat series stays flat"
        );
        let smoothed = smooth(&[1.0, 0.0, 1.0, 0.0], 0.5);
        assert!(
            (smoothed[0] - 1.0).abs() < 1e-6,
            "the first point is itself"
        );
        assert!(smoothed[1] > 0.0 && smoothed[1] < 1.0);
        assert_eq!(smooth(&[3.0, 1.0], 0.0), [3.0, 1.0]);
    }

    #[test]
    fn points_land_in_the_box_with_high_values_on_top() {
        let frame = Frame {
            width: 100.0,
            height: 50.0,
            steps: 10,
            y: (0.0, 1.0),
        };
        assert_eq!(
            frame.polyline([(0, 1.0), (10, 0.0), (5, f32::NAN)]),
            "0.0,0.0 100.0,50.0"
        );
        assert_eq!(range([0.5, f32::NAN, 0.2]), Some((0.2, 0.5)));
        let (low, high) = range([0.3, 0.3]).expect("a range");
        assert!(
            (low + 0.2).abs() < 1e-6 && (high - 0.8).abs() < 1e-6,
            "a flat series gets room"
        );
        assert_eq!(range([]), None);
    }
}
