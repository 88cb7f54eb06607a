//! The report's edit section: the sketch → painting bracelet tried, at every
//! checkpoint, on sketches it never saw, against the true paintings the world
//! drew for them (`edit_trial` lines of the `edit-sketch` run's log).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::svg::{Chart, Series, line_chart};

/// The edit run's folder under `assets/experiments/`.
pub(crate) const EDIT_RUN: &str = "edit-sketch";

/// `(step, trial)` for every checkpoint of a log's text.
pub(crate) fn trials(log: &str) -> Vec<(f64, Value)> {
    log.lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|event| {
            let step = event["step"].as_f64()?;
            event.get("edit_trial").map(|t| (step, t.clone()))
        })
        .collect()
}

fn field(trial: &Value, name: &str) -> f64 {
    trial[name].as_f64().unwrap_or(f64::NAN)
}

/// Writes the section (and `edit.svg`) when the edit run was made.
pub(crate) fn edit_findings(md: &mut String, dir: &Path) -> anyhow::Result<()> {
    let path = dir.join(EDIT_RUN).join("log.jsonl");
    if !path.is_file() {
        return Ok(());
    }
    let trials = trials(&fs::read_to_string(&path)?);
    let Some((last, end)) = trials.last() else {
        return Ok(());
    };
    let line = |name: &str, label: &str, dashed: bool| Series {
        name: label.into(),
        points: trials.iter().map(|(s, t)| (*s, field(t, name))).collect(),
        dashed,
    };
    let chart = Chart {
        title: "The edit LoRA on 12 sketches it never saw".into(),
        x_label: "step".into(),
        y_range: None,
    };
    let series = [
        line("error", "error to the true painting, with the LoRA", false),
        line("error_without", "the same, caption only (no LoRA)", true),
        line(
            "sketch_error",
            "its traced lines against the sketch, with the LoRA",
            false,
        ),
        line("sketch_error_without", "the same, caption only", true),
    ];
    fs::write(dir.join("edit.svg"), line_chart(&chart, &series))?;
    let mut rows = String::new();
    for (step, t) in &trials {
        let _ = writeln!(
            rows,
            "| {step:.0} | {:.4} | {:.4} | {:.4} | {:.4} | {:.2} | {:.2} | {:.2} |",
            field(t, "error"),
            field(t, "error_without"),
            field(t, "sketch_error"),
            field(t, "sketch_error_without"),
            field(t, "painting"),
            field(t, "subject"),
            field(t, "scene"),
        );
    }
    let _ = writeln!(
        md,
        "## The edit LoRA on sketches it never saw\n\n\
         Trained on the 15 sketch → painting pairs of `edit-15` with one instruction, \
         \"{instruction}\", in place of every caption (so all the rest must come from the \
         sketch), then asked at every checkpoint to paint 12 fresh sketches with the same \
         instruction. The world drew the \
         true painting of each, so the error (mean squared difference, values in [-1, 1]) \
         says how close each result came; the world also traces a sketch from each \
         result, and its difference from the given sketch says whether the lines \
         followed. Without the LoRA the painter gets only the instruction. At the end (step \
         {last:.0}) the error is {:.4} against {:.4} without it, the lines' error {:.4} \
         against {:.4}.\n\n![The edit trial](edit.svg)\n\n\
         | step | error with the LoRA | instruction only | lines with the LoRA | instruction only | read as paintings | right subject | right scene |\n\
         |---|---|---|---|---|---|---|---|\n{rows}\n\
         Each row: the sketch, the instruction painted without the LoRA, with it, the true painting.\n\n\
         ![The last checkpoint's trial]({EDIT_RUN}/samples/probe-{:06}.png)\n",
        field(end, "error"),
        field(end, "error_without"),
        field(end, "sketch_error"),
        field(end, "sketch_error_without"),
        *last as u64,
        instruction = crate::experiment_plan::EDIT_INSTRUCTION,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trials_are_read_from_their_lines_only() {
        let log = [
            r#"{"step":0,"val_loss":0.1}"#,
            r#"{"step":0,"edit_trial":{"error":0.07,"error_without":0.07,"painting":1.0,"subject":0.9,"scene":1.0}}"#,
            r#"{"step":150,"loss":0.05}"#,
            r#"{"step":150,"edit_trial":{"error":0.05,"error_without":0.07,"painting":1.0,"subject":0.8,"scene":1.0}}"#,
        ]
        .join("\n");
        let read = trials(&log);
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].0, 150.0);
        assert!((field(&read[1].1, "error") - 0.05).abs() < 1e-12);
        assert!(field(&read[0].1, "missing").is_nan());
    }
}
