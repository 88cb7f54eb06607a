//! What the course's run widgets compile in, written beside the report from the
//! same logs: `arc-5000/arc.json` (the learning arc's checkpoints) and
//! `eagerness.json` (the three learning-rate runs: smoothed loss, checkpoint
//! numbers, knobs). Small files, so the widgets render real numbers on the
//! server without a download.

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

fn plan(name: &str) -> anyhow::Result<&'static Planned> {
    PLAN.iter()
        .find(|p| p.name == name)
        .with_context(|| format!("the plan has no run {name}"))
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// Each checkpoint's judges' numbers: unseen identity, obedience and windowsill
/// leak, and the windowsill prompt's identity.
fn checkpoints(run: &RunLog) -> Vec<Value> {
    let at = |family: &str, field: &str, step: f64| {
        run.probe(family, field)
            .into_iter()
            .find(|p| p.0 == step)
            .map_or(f64::NAN, |p| p.1)
    };
    run.probes
        .iter()
        .map(|(step, _)| {
            json!({
                "step": *step as u64,
                "identity": round(at("unseen", "identity", *step)),
                "obedience": round(at("unseen", "obedience", *step)),
                "windowsill_leak": round(at("unseen", "windowsill_leak", *step)),
                "album_identity": round(at("album_like", "identity", *step)),
            })
        })
        .collect()
}

/// The run's knobs as the widgets print them.
fn knobs(planned: &Planned) -> Value {
    json!({
        "run": planned.name,
        "album": planned.album,
        "learning_rate": planned.learning_rate,
        "rank": planned.rank,
        "seed": SEED,
        "steps": planned.steps,
    })
}

/// Writes `arc-5000/arc.json`.
pub(crate) fn write_arc(dir: &Path, arc: &RunLog) -> anyhow::Result<()> {
    let mut summary = knobs(plan("arc-5000")?);
    summary["points"] = Value::from(checkpoints(arc));
    write(&dir.join("arc-5000/arc.json"), &summary)
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
        let trend = smoothed(&run.loss, 0.98);
        let every = trend.len().div_ceil(LOSS_POINTS).max(1);
        let loss: Vec<Value> = trend
            .iter()
            .enumerate()
            .filter(|(i, _)| i % every == every - 1)
            .map(|(_, (step, loss))| json!([*step as u64, round(*loss * 10.0) / 10.0]))
            .collect();
        let mut entry = knobs(plan(name)?);
        entry["label"] = Value::from(label);
        entry["loss"] = Value::from(loss);
        entry["checkpoints"] = Value::from(checkpoints(&run));
        runs.push(entry);
    }
    write(&dir.join("eagerness.json"), &json!({ "runs": runs }))
}

fn write(path: &Path, value: &Value) -> anyhow::Result<()> {
    fs::write(path, serde_json::to_string_pretty(value)? + "\n")
        .with_context(|| format!("cannot write {}", path.display()))
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
{"step":2,"probe":{"unseen":{"identity":0.25,"obedience":1.0,"windowsill_leak":0.0},"album_like":{"identity":0.5}}}"#,
        )
        .expect("parses");
        let points = checkpoints(&log);
        assert_eq!(points.len(), 1);
        assert_eq!(points[0]["identity"], json!(0.25));
        assert_eq!(points[0]["album_identity"], json!(0.5));
    }
}
