//! What the course's run widgets compile in, written beside the report from the
//! same logs: `<arc>/arc.json` for both learning arcs (their checkpoints; the
//! course's arc and bicycle-test widgets read `arc-trigger-only`'s), `eagerness.json` (the three learning-rate runs:
//! smoothed loss, checkpoint numbers, knobs) and `widget-runs.json` (the runs
//! behind the loss rhythms and the rank comparison: loss dots and trend,
//! checkpoints, LoRA file size) and `edit-sketch/trial.json` (the edit
//! bracelet's trial on unseen sketches at every checkpoint). Small files, so the
//! widgets render real
//! numbers on the server without a download.

use std::fs;
use std::path::Path;

use anyhow::Context;
use serde_json::{Value, json};

use crate::experiment_plan::{PLAN, Planned, SEED};
use crate::report::{RunLog, smoothed};

/// The runs under the eagerness knob, with the names the widget shows.
pub(crate) const EAGERNESS: [(&str, &str); 3] = [
    ("lr-timid", "timid"),
    ("steps-1000", "default"),
    ("lr-frantic", "frantic"),
];

/// Points of the smoothed loss kept per run.
const LOSS_POINTS: usize = 100;

/// Raw loss dots kept per run in `widget-runs.json` (every n-th step).
const DOTS: usize = 200;

/// The runs in `widget-runs.json`: the loss rhythms' three (healthy, too
/// eager, long) and the rank comparison's three (rank 4, 16, 64).
pub(crate) const WIDGET_RUNS: [&str; 5] =
    ["steps-1000", "lr-frantic", "arc-5000", "rank-4", "rank-64"];

/// The probe set's unseen scenes, in the order of a probe's `per_scene`.
pub(crate) const UNSEEN_SCENES: [&str; 4] = ["beach", "bicycle", "harbor pier", "snowy field"];

/// Index of the bicycle in [`UNSEEN_SCENES`].
pub(crate) const BICYCLE: usize = 1;

fn plan(name: &str) -> anyhow::Result<&'static Planned> {
    PLAN.iter()
        .find(|p| p.name == name)
        .with_context(|| format!("the plan has no run {name}"))
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// Each checkpoint's judges' numbers: unseen identity, obedience, windowsill
/// leak and album likeness, the windowsill prompt's identity, and the bicycle
/// prompt's identity, obedience and windowsill leak.
fn checkpoints(run: &RunLog) -> Vec<Value> {
    let at = |family: &str, field: &str, step: f64| {
        run.probe(family, field)
            .into_iter()
            .find(|p| p.0 == step)
            .map_or(f64::NAN, |p| p.1)
    };
    run.probes
        .iter()
        .map(|(step, probe)| {
            let bicycle = &probe["per_scene"][BICYCLE];
            let field = |name: &str| round(bicycle[name].as_f64().unwrap_or(f64::NAN));
            json!({
                "step": *step as u64,
                "identity": round(at("unseen", "identity", *step)),
                "obedience": round(at("unseen", "obedience", *step)),
                "windowsill_leak": round(at("unseen", "windowsill_leak", *step)),
                "album_likeness": round(at("unseen", "album_leak", *step)),
                "album_identity": round(at("album_like", "identity", *step)),
                "bicycle": {
                    "identity": field("identity"),
                    "obedience": field("obedience"),
                    "windowsill_leak": field("windowsill_leak"),
                },
            })
        })
        .collect()
}

/// The run's knobs as the widgets print them.
fn knobs(planned: &Planned) -> Value {
    let mut knobs = json!({
        "run": planned.name,
        "album": planned.album,
        "learning_rate": planned.learning_rate,
        "rank": planned.rank,
        "seed": SEED,
        "steps": planned.steps,
    });
    if let Some(decay) = planned.ema {
        knobs["ema"] = Value::from(decay);
    }
    knobs
}

/// Writes `<name>/arc.json` for the learning arc `name`.
pub(crate) fn write_arc(dir: &Path, name: &str, arc: &RunLog) -> anyhow::Result<()> {
    let mut summary = knobs(plan(name)?);
    summary["points"] = Value::from(checkpoints(arc));
    write(&dir.join(name).join("arc.json"), &summary)
}

/// Writes `eagerness.json` once the three runs exist.
pub(crate) fn write_eagerness(
    dir: &Path,
    load: impl Fn(&str) -> anyhow::Result<Option<RunLog>>,
) -> anyhow::Result<()> {
    let mut runs = Vec::new();
    for (name, label) in EAGERNESS {
        let Some(run) = load(name)? else {
            return Ok(());
        };
        let loss = thin(&smoothed(&run.loss, 0.98), LOSS_POINTS, 1e4);
        let mut entry = knobs(plan(name)?);
        entry["label"] = Value::from(label);
        entry["loss"] = Value::from(loss);
        entry["checkpoints"] = Value::from(checkpoints(&run));
        runs.push(entry);
    }
    write(&dir.join("eagerness.json"), &json!({ "runs": runs }))
}

/// `points` thinned to at most `keep`, every n-th from the last backwards, so
/// the final point is always kept.
fn thin(points: &[(f64, f64)], keep: usize, digits: f64) -> Vec<Value> {
    let every = points.len().div_ceil(keep).max(1);
    let mut kept: Vec<Value> = points
        .iter()
        .rev()
        .step_by(every)
        .map(|(step, v)| json!([*step as u64, (v * digits).round() / digits]))
        .collect();
    kept.reverse();
    kept
}

/// Writes `widget-runs.json` from whichever of [`WIDGET_RUNS`] exist.
pub(crate) fn write_widget_runs(
    dir: &Path,
    load: impl Fn(&str) -> anyhow::Result<Option<RunLog>>,
) -> anyhow::Result<()> {
    let mut runs = Vec::new();
    for name in WIDGET_RUNS {
        let Some(run) = load(name)? else {
            continue;
        };
        let lora = dir.join(name).join("lora.safetensors");
        let bytes = fs::metadata(&lora)
            .with_context(|| format!("cannot read {}", lora.display()))?
            .len();
        let mut entry = knobs(plan(name)?);
        entry["dots"] = Value::from(thin(&run.loss, DOTS, 1e4));
        entry["trend"] = Value::from(thin(&smoothed(&run.loss, 0.98), LOSS_POINTS, 1e4));
        entry["checkpoints"] = Value::from(checkpoints(&run));
        entry["lora_bytes"] = Value::from(bytes);
        runs.push(entry);
    }
    // Compact: the widgets compile it in, and whitespace would be bundle weight.
    save(
        &dir.join("widget-runs.json"),
        serde_json::to_string(&json!({ "runs": runs }))?,
    )
}

/// Writes `edit-sketch/trial.json`: the edit run's knobs, its instruction, the
/// trial's captions and its numbers at every checkpoint.
pub(crate) fn write_edit_trial(dir: &Path) -> anyhow::Result<()> {
    use crate::edit_findings::{EDIT_RUN, trials};
    let run_dir = dir.join(EDIT_RUN);
    let Ok(log) = fs::read_to_string(run_dir.join("log.jsonl")) else {
        return Ok(());
    };
    let manifest: Value = serde_json::from_str(&fs::read_to_string(run_dir.join("run.json"))?)
        .context("the edit run's run.json")?;
    let points: Vec<Value> = trials(&log)
        .into_iter()
        .map(|(step, t)| {
            let f = |name: &str| round(t[name].as_f64().unwrap_or(f64::NAN));
            json!({
                "step": step as u64,
                "error": f("error"),
                "error_without": f("error_without"),
                "lines": f("sketch_error"),
                "lines_without": f("sketch_error_without"),
                "subject": f("subject"),
                "scene": f("scene"),
            })
        })
        .collect();
    let mut summary = knobs(plan(EDIT_RUN)?);
    summary["instruction"] = manifest["probe"]["instruction"].clone();
    summary["captions"] = manifest["probe"]["captions"].clone();
    summary["points"] = Value::from(points);
    write(&run_dir.join("trial.json"), &summary)
}

fn write(path: &Path, value: &Value) -> anyhow::Result<()> {
    save(path, serde_json::to_string_pretty(value)?)
}

fn save(path: &Path, json: String) -> anyhow::Result<()> {
    fs::write(path, json + "\n").with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_knob_names_runs_of_the_plan() {
        for (name, _) in EAGERNESS {
            assert!(plan(name).is_ok(), "{name}");
        }
        let log = RunLog::parse(
            r#"{"step":1,"loss":0.5}
{"step":2,"loss":0.3}
{"step":2,"probe":{"unseen":{"identity":0.25,"obedience":1.0,"windowsill_leak":0.0},"album_like":{"identity":0.5},"per_scene":[{},{"identity":0.125,"obedience":1.0,"windowsill_leak":0.0}]}}"#,
        )
        .expect("parses");
        let points = checkpoints(&log);
        assert_eq!(points.len(), 1);
        assert_eq!(points[0]["identity"], json!(0.25));
        assert_eq!(points[0]["album_identity"], json!(0.5));
        assert_eq!(points[0]["bicycle"]["identity"], json!(0.125));
        let thinned = thin(
            &[(1.0, 0.5), (2.0, 0.4), (3.0, 0.3), (4.0, 0.2), (5.0, 0.1)],
            2,
            10.0,
        );
        assert_eq!(thinned, [json!([2, 0.4]), json!([5, 0.1])]);
    }
}
