//! The runs behind the loss rhythms and the rank comparison, and what can be
//! read off them: where the trend bottoms out, where a run blows up, its best
//! checkpoint on unseen prompts.
//!
//! The numbers come from `assets/experiments/widget-runs.json`, written by
//! `cargo xtask experiments report` from the runs' logs (loss dots thinned to
//! about two hundred, the smoothed trend to about a hundred, every checkpoint,
//! the LoRA file's size), compiled in like the learning arc's. No DOM here.

use serde::Deserialize;

use crate::arc::{ArcPoint, RunKnobs};
use crate::chart::{Frame, range, robust_range};

const RUNS_JSON: &str = include_str!("../../assets/experiments/widget-runs.json");

/// One real run, as the widgets draw it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct WidgetRun {
    /// What the run was.
    #[serde(flatten)]
    pub knobs: RunKnobs,
    /// `(step, training loss)` of every n-th step.
    pub dots: Vec<(u32, f32)>,
    /// `(step, smoothed training loss)`.
    pub trend: Vec<(u32, f32)>,
    /// The judges' numbers at every checkpoint, in step order.
    pub checkpoints: Vec<ArcPoint>,
    /// Size of the finished LoRA file (f16), in bytes.
    pub lora_bytes: u64,
}

#[derive(Deserialize)]
struct Runs {
    runs: Vec<WidgetRun>,
}

/// The shipped run named `name`, or why it cannot be had.
pub fn shipped(name: &str) -> Result<WidgetRun, String> {
    find(RUNS_JSON, name)
}

/// The shipped runs named `names`, in that order, read from one parse.
pub fn shipped_all(names: &[&str]) -> Result<Vec<WidgetRun>, String> {
    find_all(RUNS_JSON, names)
}

/// The run `name` in `json`, checked for what the widgets rely on.
pub fn find(json: &str, name: &str) -> Result<WidgetRun, String> {
    let mut runs = find_all(json, &[name])?;
    runs.pop()
        .ok_or_else(|| format!("the widget runs' data has no run {name}"))
}

/// The runs `names` in `json`, in that order, each checked as [`find`] does.
pub fn find_all(json: &str, names: &[&str]) -> Result<Vec<WidgetRun>, String> {
    let runs: Runs =
        serde_json::from_str(json).map_err(|e| format!("the widget runs' data: {e}"))?;
    names
        .iter()
        .map(|name| {
            let run = runs
                .runs
                .iter()
                .find(|r| r.knobs.run == *name)
                .ok_or_else(|| format!("the widget runs' data has no run {name}"))?;
            if run.trend.is_empty() || run.dots.is_empty() || run.checkpoints.is_empty() {
                return Err(format!("run {name} has no loss or no checkpoints"));
            }
            if run.checkpoints.windows(2).any(|w| w[0].step >= w[1].step) {
                return Err(format!("run {name}'s checkpoints are not in step order"));
            }
            Ok(run.clone())
        })
        .collect()
}

/// Unseen-prompt quality: identity × obedience.
pub fn quality(point: &ArcPoint) -> f64 {
    point.identity * point.obedience
}

impl WidgetRun {
    /// The trend's lowest point once the run has settled, `(step, loss)`: the
    /// first tenth of the run is left out, where the trend still carries the
    /// untouched painter's loss (a run that climbs at once would otherwise
    /// have its "low" at step one).
    pub fn lowest(&self) -> (u32, f32) {
        let settled = self.knobs.steps / 10;
        let low = |points: &mut dyn Iterator<Item = (u32, f32)>| {
            points.min_by(|a, b| a.1.total_cmp(&b.1))
        };
        low(&mut self.trend.iter().copied().filter(|p| p.0 >= settled))
            .or_else(|| low(&mut self.trend.iter().copied()))
            .unwrap_or((0, f32::NAN))
    }

    /// The trend's first and last values.
    pub fn trend_ends(&self) -> (f32, f32) {
        let first = self.trend.first().map_or(f32::NAN, |p| p.1);
        let last = self.trend.last().map_or(f32::NAN, |p| p.1);
        (first, last)
    }

    /// The first step after the trend's lowest point where it has climbed back
    /// to twice that low: the run has blown up. `None` for a run that never does.
    pub fn blow_up(&self) -> Option<u32> {
        let (low_step, low) = self.lowest();
        self.trend
            .iter()
            .find(|(step, loss)| *step > low_step && *loss >= 2.0 * low)
            .map(|p| p.0)
    }

    /// The checkpoint with the best unseen-prompt quality.
    pub fn best(&self) -> ArcPoint {
        self.checkpoints
            .iter()
            .copied()
            .max_by(|a, b| quality(a).total_cmp(&quality(b)))
            .unwrap_or(self.end())
    }

    /// The last checkpoint.
    pub fn end(&self) -> ArcPoint {
        self.checkpoints[self.checkpoints.len() - 1]
    }

    /// A frame for this run's loss: the trend whole, the dots without their
    /// rare wild spikes (those fall off the top).
    pub fn loss_frame(&self, width: f32, height: f32) -> Frame {
        let dots: Vec<f32> = self.dots.iter().map(|p| p.1).collect();
        let (dots_low, dots_high) = robust_range(&dots).unwrap_or((0.0, 1.0));
        let (trend_low, trend_high) =
            range(self.trend.iter().map(|p| p.1)).unwrap_or((dots_low, dots_high));
        Frame {
            width,
            height,
            steps: self.knobs.steps,
            y: (dots_low.min(trend_low), dots_high.max(trend_high)),
        }
    }

    /// A `0..1` frame for the judges' numbers at this run's checkpoints.
    pub fn share_frame(&self, width: f32, height: f32) -> Frame {
        Frame {
            width,
            height,
            steps: self.knobs.steps,
            y: (0.0, 1.0),
        }
    }

    /// `field` at every checkpoint, as chart points.
    pub fn series(&self, field: fn(&ArcPoint) -> f64) -> Vec<(u32, f32)> {
        self.checkpoints
            .iter()
            .map(|p| (p.step, field(p) as f32))
            .collect()
    }

    /// The LoRA file's size for people: `"78 KB"`, `"1.2 MB"`.
    pub fn file_size(&self) -> String {
        let bytes = self.lora_bytes as f64;
        if bytes >= 1e6 {
            format!("{:.1} MB", bytes / 1e6)
        } else {
            format!("{:.0} KB", bytes / 1e3)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"{"runs":[
        {"run":"calm","album":"tok-20.zip","learning_rate":"3e-3","rank":"16","seed":"1","steps":300,
         "dots":[[1,0.2],[100,0.1],[200,0.12],[300,0.09]],
         "trend":[[1,0.2],[100,0.15],[200,0.12],[300,0.1]],
         "checkpoints":[
           {"step":0,"identity":0.0,"obedience":1.0,"windowsill_leak":0.0,"album_likeness":0.1,"album_identity":0.0,"bicycle":{"identity":0.0,"obedience":1.0,"windowsill_leak":0.0}},
           {"step":300,"identity":0.6,"obedience":1.0,"windowsill_leak":0.0,"album_likeness":0.3,"album_identity":0.9,"bicycle":{"identity":0.2,"obedience":1.0,"windowsill_leak":0.0}}],
         "lora_bytes":301008},
        {"run":"wild","album":"tok-20.zip","learning_rate":"8e-3","rank":"16","seed":"1","steps":300,
         "dots":[[1,0.2],[100,0.1],[200,0.5],[300,1.1]],
         "trend":[[1,0.05],[100,0.1],[200,0.25],[300,1.0]],
         "checkpoints":[
           {"step":0,"identity":0.0,"obedience":1.0,"windowsill_leak":0.0,"album_likeness":0.1,"album_identity":0.0,"bicycle":{"identity":0.0,"obedience":1.0,"windowsill_leak":0.0}},
           {"step":100,"identity":0.5,"obedience":0.8,"windowsill_leak":0.0,"album_likeness":0.3,"album_identity":0.9,"bicycle":{"identity":0.2,"obedience":1.0,"windowsill_leak":0.0}},
           {"step":300,"identity":0.0,"obedience":0.1,"windowsill_leak":0.0,"album_likeness":0.0,"album_identity":0.0,"bicycle":{"identity":0.0,"obedience":0.0,"windowsill_leak":0.0}}],
         "lora_bytes":1185784}]}"#;

    #[test]
    fn reads_the_trend_the_blow_up_and_the_best_checkpoint() {
        let calm = find(TWO, "calm").expect("calm");
        assert_eq!(calm.lowest(), (300, 0.1));
        assert_eq!(calm.blow_up(), None);
        assert_eq!(calm.trend_ends(), (0.2, 0.1));
        assert_eq!(calm.best().step, 300);
        assert_eq!(calm.file_size(), "301 KB");
        let wild = find(TWO, "wild").expect("wild");
        assert_eq!(wild.lowest(), (100, 0.1));
        assert_eq!(wild.blow_up(), Some(200));
        assert_eq!(wild.best().step, 100);
        assert_eq!(wild.end().step, 300);
        assert_eq!(wild.file_size(), "1.2 MB");
        let frame = wild.loss_frame(100.0, 50.0);
        assert!(frame.y.0 <= 0.1 && frame.y.1 >= 1.0, "{:?}", frame.y);
        assert_eq!(wild.series(quality), [(0, 0.0), (100, 0.4), (300, 0.0)]);
        assert!(find(TWO, "missing").is_err());
        assert!(find("[]", "calm").is_err());
    }

    #[test]
    fn the_shipped_runs_are_all_there() {
        for name in ["steps-1000", "lr-frantic", "arc-5000", "rank-4", "rank-64"] {
            let run = shipped(name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(run.end().step, run.knobs.steps, "{name}");
            assert!(run.lora_bytes > 10_000, "{name}");
        }
        // The frantic run is the one whose loss climbs back up.
        assert!(shipped("lr-frantic").expect("frantic").blow_up().is_some());
        assert!(shipped("steps-1000").expect("default").blow_up().is_none());
    }
}
