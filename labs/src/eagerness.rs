//! The eagerness knob's data: three real runs that differ only in learning rate
//! (timid, default, frantic), each with its smoothed loss and the judges'
//! numbers at every checkpoint.
//!
//! The numbers come from `assets/experiments/eagerness.json`, written by `cargo
//! xtask experiments report` from the runs' logs, compiled in like the learning
//! arc's. The pictures are the runs' probe sheets under `/assets/experiments/`.

use serde::Deserialize;

use crate::arc::{ArcPoint, RunKnobs};
use crate::chart::{Frame, range};

const EAGERNESS_JSON: &str = include_str!("../../assets/experiments/eagerness.json");

/// One of the three runs.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EagerRun {
    /// What the run was.
    #[serde(flatten)]
    pub knobs: RunKnobs,
    /// `timid`, `default` or `frantic`.
    pub label: String,
    /// `(step, smoothed training loss)`, about a hundred points.
    pub loss: Vec<(u32, f32)>,
    /// The judges' numbers at every checkpoint, in step order.
    pub checkpoints: Vec<ArcPoint>,
}

/// The three runs, slowest first.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Eagerness {
    /// Timid, default, frantic.
    pub runs: Vec<EagerRun>,
}

/// The shipped runs, or why they cannot be read.
pub fn shipped() -> Result<Eagerness, String> {
    parse(EAGERNESS_JSON)
}

/// Reads the data and checks what the widget relies on.
pub fn parse(json: &str) -> Result<Eagerness, String> {
    let data: Eagerness =
        serde_json::from_str(json).map_err(|e| format!("the eagerness knob's data: {e}"))?;
    if data.runs.len() != 3 {
        return Err(format!(
            "the eagerness knob needs 3 runs, not {}",
            data.runs.len()
        ));
    }
    for run in &data.runs {
        if run.loss.is_empty() || run.checkpoints.is_empty() {
            return Err(format!(
                "run {} has no loss or no checkpoints",
                run.knobs.run
            ));
        }
    }
    Ok(data)
}

/// The chart's size in SVG units.
pub const WIDTH: f32 = 640.0;
/// The chart's height in SVG units.
pub const HEIGHT: f32 = 180.0;

impl Eagerness {
    /// One frame for all three loss curves, so their heights compare. Its top
    /// is at most twice the default run's highest loss: a run whose loss blows
    /// up leaves the chart there rather than flattening the other two.
    pub fn loss_frame(&self) -> Frame {
        let default_top = self.runs[1]
            .loss
            .iter()
            .map(|p| p.1)
            .fold(f32::MIN, f32::max);
        let cap = 2.0 * default_top;
        let values = self
            .runs
            .iter()
            .flat_map(|r| r.loss.iter().map(|p| p.1))
            .filter(|v| *v <= cap);
        Frame {
            width: WIDTH,
            height: HEIGHT,
            steps: self.runs.iter().map(|r| r.knobs.steps).max().unwrap_or(1),
            y: range(values).unwrap_or((0.0, 1.0)),
        }
    }
}

impl EagerRun {
    /// The highest smoothed loss, when it is above `top` (off the chart).
    pub fn off_chart(&self, top: f32) -> Option<f32> {
        let peak = self.loss.iter().map(|p| p.1).fold(f32::MIN, f32::max);
        (peak > top).then_some(peak)
    }

    /// The last checkpoint: what the run ended with.
    pub fn end(&self) -> ArcPoint {
        self.checkpoints[self.checkpoints.len() - 1]
    }

    /// Where the last checkpoint's probe sheet is served.
    pub fn sheet_url(&self) -> String {
        self.knobs.sheet_url(self.end().step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_runs_are_timid_default_frantic() {
        let data = shipped().expect("the shipped runs read");
        let labels: Vec<&str> = data.runs.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["timid", "default", "frantic"]);
        let rates: Vec<f64> = data
            .runs
            .iter()
            .map(|r| r.knobs.learning_rate.parse().expect("a number"))
            .collect();
        assert!(rates[0] < rates[1] && rates[1] < rates[2], "{rates:?}");
        for run in &data.runs {
            assert_eq!(run.end().step, run.knobs.steps, "{}", run.knobs.run);
            assert!(
                run.sheet_url()
                    .ends_with(&format!("probe-{:06}.png", run.knobs.steps))
            );
        }
        let frame = data.loss_frame();
        assert!(frame.y.0 < frame.y.1);
        assert!(
            data.runs[1].off_chart(frame.y.1).is_none(),
            "the default run fits"
        );
    }

    #[test]
    fn refuses_data_it_cannot_draw() {
        assert!(parse(r#"{"runs":[]}"#).is_err());
        assert!(parse("not json").is_err());
    }
}
