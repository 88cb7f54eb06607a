//! The report's phenomenon sections beyond the curves: the bicycle test (a
//! healthy and an overfit checkpoint of the learning arc on the bicycle prompt),
//! the frantic learning rate (album-like prompts against unseen ones), the loss
//! that keeps falling while quality turns down, and the scale sweep. Each reads
//! the kept logs (`log.jsonl`, `scale-sweep/sweep.json`) and writes Markdown.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::report::{ArcSection, RunLog, smoothed};
use crate::svg::{Chart, Series, line_chart};

use crate::widget_data::{BICYCLE, UNSEEN_SCENES};

/// The checkpoint with the best unseen quality, as `(step, quality)`.
pub(crate) fn best(run: &RunLog) -> Option<(f64, f64)> {
    run.quality()
        .into_iter()
        .fold(None, |a: Option<(f64, f64)>, b| match a {
            Some(a) if a.1 >= b.1 => Some(a),
            _ => Some(b),
        })
}

/// The probe report logged at `step`.
fn probe_at(run: &RunLog, step: f64) -> Option<&Value> {
    run.probes.iter().find(|(s, _)| *s == step).map(|(_, p)| p)
}

pub(crate) fn number(value: &Value, path: &[&str]) -> f64 {
    path.iter()
        .fold(value, |v, key| &v[*key])
        .as_f64()
        .unwrap_or(f64::NAN)
}

/// The bicycle's numbers at `step`: identity, obedience, windowsill leak.
fn bicycle(run: &RunLog, step: f64) -> Option<(f64, f64, f64)> {
    let scene = &probe_at(run, step)?["per_scene"][BICYCLE];
    Some((
        number(scene, &["identity"]),
        number(scene, &["obedience"]),
        number(scene, &["windowsill_leak"]),
    ))
}

/// The bicycle test and the loss that hides the turn, from the learning arc.
pub(crate) fn arc_findings(md: &mut String, arc: &RunLog, run: &ArcSection) {
    let (Some((healthy, quality)), Some(&(last, _))) = (best(arc), arc.probes.last()) else {
        return;
    };
    let name = run.name;
    let heading = run.heading;
    let sheet = |step: f64| format!("{name}/samples/probe-{:06}.png", step as u64);
    // Besides the end: the later checkpoint where most bicycle pictures came
    // back as the windowsill (the widget's first "checkpoint B" too).
    let leakiest = arc
        .probes
        .iter()
        .filter(|(step, _)| *step > healthy && *step < last)
        .filter_map(|(step, _)| Some((*step, bicycle(arc, *step)?.2)))
        .filter(|(_, leak)| *leak > 0.0)
        .fold(None, |pick: Option<(f64, f64)>, (step, leak)| match pick {
            Some(p) if p.1 >= leak => Some(p),
            _ => Some((step, leak)),
        });
    let mut rows = vec![(healthy, "best quality")];
    if let Some((step, _)) = leakiest {
        rows.push((step, "most windowsill"));
    }
    rows.push((last, "end"));
    let table: String = rows
        .iter()
        .filter_map(|&(step, what)| {
            let (i, o, l) = bicycle(arc, step)?;
            Some(format!(
                "| step {step:.0} ({what}) | {i:.2} | {o:.2} | {l:.2} |\n"
            ))
        })
        .collect();
    let steps: Vec<String> = rows.iter().map(|(s, _)| format!("step {s:.0}")).collect();
    let pictures: Vec<String> = rows
        .iter()
        .map(|&(s, _)| format!("![step {s:.0}]({})", sheet(s)))
        .collect();
    let _ = write!(
        md,
        "## The bicycle test{heading}\n\n\
         \"A photo of TOK riding a bicycle\": the album never shows a bicycle.\n\n\
         | checkpoint | identity | on a bicycle | windowsill instead |\n|---|---|---|---|\n{table}\n\
         Probe pictures (top row: the windowsill prompt; then beach and bicycle; then harbor pier and snowy field, four seeds each), \
         {}:\n\n{}\n\n",
        steps.join(", "),
        pictures.join(" "),
    );
    let first_leaks: Vec<String> = UNSEEN_SCENES
        .iter()
        .enumerate()
        .map(|(i, scene)| {
            let from = arc
                .probes
                .iter()
                .find(|(_, p)| number(&p["per_scene"][i], &["windowsill_leak"]) >= 0.25)
                .map_or("never".into(), |(step, _)| format!("from step {step:.0}"));
            format!("{scene} {from}")
        })
        .collect();
    let _ = writeln!(
        md,
        "Where the windowsill shows first (a quarter or more of one prompt's pictures read as the album's windowsill): {}.\n",
        first_leaks.join(", "),
    );
    let loss_at = |step: f64| {
        smoothed(&arc.loss, 0.98)
            .into_iter()
            .rev()
            .find(|p| p.0 <= step)
            .map_or(f64::NAN, |p| p.1)
    };
    let end_quality = arc.quality().last().map_or(f64::NAN, |p| p.1);
    let _ = writeln!(
        md,
        "## The curve no trainer prints{heading}\n\n\
         From the best checkpoint (step {healthy:.0}) to the end (step {last:.0}) the smoothed \
         training loss goes from {:.4} to {:.4}, while quality on unseen prompts goes from \
         {quality:.2} to {end_quality:.2}.\n",
        loss_at(healthy),
        loss_at(last),
    );
}

/// Album-like against unseen prompts at the default and the frantic rate.
pub(crate) fn frantic_findings(md: &mut String, default: &RunLog, frantic: &RunLog) {
    let last = |run: &RunLog, family: &str| {
        let identity = run
            .probe(family, "identity")
            .last()
            .map_or(f64::NAN, |p| p.1);
        let obedience = run
            .probe(family, "obedience")
            .last()
            .map_or(f64::NAN, |p| p.1);
        (identity, obedience, identity * obedience)
    };
    let rows = [("default", default), ("frantic", frantic)]
        .map(|(name, run)| {
            let (ai, ao, aq) = last(run, "album_like");
            let (ui, uo, uq) = last(run, "unseen");
            format!("| {name} | {ai:.2} | {ao:.2} | {aq:.2} | {ui:.2} | {uo:.2} | {uq:.2} |")
        })
        .join("\n");
    let _ = writeln!(
        md,
        "## The frantic learning rate, after 1000 steps\n\n\
         | rate | identity (windowsill) | obedience (windowsill) | quality (windowsill) | identity (unseen) | obedience (unseen) | quality (unseen) |\n\
         |---|---|---|---|---|---|---|\n{rows}\n"
    );
}

/// The two bracelets worn together, if the grid was painted.
pub(crate) fn mix_findings(md: &mut String, dir: &Path) {
    if dir.join("mix-grid.png").is_file() {
        let _ = writeln!(
            md,
            "## Two bracelets at once\n\n\
             \"{}\", seed {}: rows wear the TOK LoRA (steps-1000) at scales {scales}, \
             columns the TOKSTYLE LoRA (style-tokstyle) at scales {scales}.\n\n\
             ![TOK and TOKSTYLE together](mix-grid.png)\n",
            crate::experiments::MIX_PROMPT,
            crate::experiment_plan::SEED,
            scales = crate::experiments::MIX_SCALES,
        );
    }
}

/// The scale sweep's table and chart, from `scale-sweep/sweep.json`.
pub(crate) fn sweep_findings(md: &mut String, dir: &Path) -> anyhow::Result<()> {
    let path = dir.join("scale-sweep/sweep.json");
    if !path.is_file() {
        return Ok(());
    }
    let sweep: Value = serde_json::from_str(&fs::read_to_string(&path)?)?;
    let points = sweep["points"].as_array().cloned().unwrap_or_default();
    let mut rows = String::new();
    let mut series: [(&str, Vec<(f64, f64)>); 5] = [
        ("identity, unseen", Vec::new()),
        ("obedience, unseen", Vec::new()),
        ("quality, unseen", Vec::new()),
        ("saturation ÷ album's", Vec::new()),
        ("share read as photos", Vec::new()),
    ];
    for point in &points {
        let scale = number(point, &["scale"]);
        let identity = number(point, &["probe", "unseen", "identity"]);
        let obedience = number(point, &["probe", "unseen", "obedience"]);
        let values = [
            identity,
            obedience,
            identity * obedience,
            number(point, &["saturation_ratio"]),
            number(point, &["photo_share"]),
        ];
        for ((_, line), value) in series.iter_mut().zip(values) {
            line.push((scale, value));
        }
        let _ = writeln!(
            rows,
            "| {scale} | {identity:.2} | {obedience:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            identity * obedience,
            number(point, &["saturation_ratio"]),
            number(point, &["contrast_ratio"]),
            values[4],
        );
    }
    let series: Vec<Series> = series
        .into_iter()
        .map(|(name, points)| Series {
            name: name.into(),
            points,
            dashed: name.contains('÷'),
        })
        .collect();
    let chart = Chart {
        title: "One LoRA (steps-1000) worn at scales 0 to 4".into(),
        x_label: "scale".into(),
        y_range: None,
    };
    fs::write(dir.join("scale.svg"), line_chart(&chart, &series))?;
    let _ = writeln!(
        md,
        "## Scale 0 to 4\n\n![The scale sweep](scale.svg)\n\n\
         | scale | identity (unseen) | obedience | quality | saturation ÷ album's | contrast ÷ album's | read as photos |\n\
         |---|---|---|---|---|---|---|\n{rows}\n\
         One row per scale (first seed of each probe prompt):\n\n![The sweep's pictures](scale-sweep/sweep.png)\n"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(step: u32, quality_bits: (f64, f64), bicycle: (f64, f64, f64)) -> String {
        let scene = serde_json::json!({
            "identity": bicycle.0, "obedience": bicycle.1, "windowsill_leak": bicycle.2
        });
        let probe = serde_json::json!({
            "unseen": { "identity": quality_bits.0, "obedience": quality_bits.1 },
            "album_like": { "identity": 0.9, "obedience": 1.0 },
            "per_scene": [scene.clone(), scene.clone(), scene.clone(), scene],
        });
        serde_json::json!({ "step": step, "probe": probe }).to_string()
    }

    #[test]
    fn the_bicycle_test_reads_the_best_the_leakiest_and_the_last_checkpoint() {
        let text = [
            serde_json::json!({ "step": 1, "loss": 0.5 }).to_string(),
            line(100, (0.2, 1.0), (0.1, 1.0, 0.0)),
            line(200, (0.9, 0.8), (0.85, 0.75, 0.0)),
            serde_json::json!({ "step": 300, "loss": 0.1 }).to_string(),
            line(250, (0.9, 0.5), (0.6, 0.5, 0.5)),
            line(300, (0.95, 0.25), (0.97, 0.0, 1.0)),
        ]
        .join("\n");
        let run = RunLog::parse(&text).expect("parses");
        assert_eq!(best(&run), Some((200.0, 0.9 * 0.8)));
        let mut md = String::new();
        arc_findings(&mut md, &run, &crate::report::ARCS[0]);
        assert!(
            md.contains("| step 200 (best quality) | 0.85 | 0.75 | 0.00 |"),
            "{md}"
        );
        assert!(
            md.contains("| step 300 (end) | 0.97 | 0.00 | 1.00 |"),
            "{md}"
        );
        assert!(
            md.contains("| step 250 (most windowsill) | 0.60 | 0.50 | 0.50 |"),
            "{md}"
        );
        assert!(md.contains("arc-5000/samples/probe-000300.png"), "{md}");
        assert!(md.contains("arc-5000/samples/probe-000250.png"), "{md}");
        assert!(
            md.contains("beach from step 250, bicycle from step 250"),
            "{md}"
        );
        assert!(
            md.contains("quality on unseen prompts goes from 0.72 to 0.24"),
            "{md}"
        );
    }
}
