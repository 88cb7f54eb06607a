//! `cargo xtask experiments report`: the findings report, written from the kept
//! runs' logs into `assets/experiments/REPORT.md` with SVG charts beside it.
//!
//! Every number comes from a run's `log.jsonl` (training loss per step, stable
//! validation loss, the judges' probe numbers at each checkpoint), so running the
//! command again on the same runs writes the same report.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::Context;
use serde_json::Value;

use crate::Ctx;
use crate::experiment_plan::{COMPARISONS, Kind, PLAN, Planned};
use crate::findings;
use crate::svg::{Chart, Series, line_chart};

/// A run's log, read into series.
#[derive(Debug, Default)]
pub(crate) struct RunLog {
    /// `(step, loss)` of every optimiser step.
    pub(crate) loss: Vec<(f64, f64)>,
    /// `(step, stable validation loss)`.
    pub(crate) val_loss: Vec<(f64, f64)>,
    /// `(step, probe report)` at every checkpoint.
    pub(crate) probes: Vec<(f64, Value)>,
}

impl RunLog {
    /// Reads a `log.jsonl`; lines that are not JSON objects are an error.
    pub(crate) fn parse(text: &str) -> anyhow::Result<Self> {
        let mut log = Self::default();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let event: Value =
                serde_json::from_str(line).with_context(|| format!("line {}", n + 1))?;
            let Some(step) = event["step"].as_f64() else {
                continue;
            };
            if let Some(loss) = event["loss"].as_f64() {
                log.loss.push((step, loss));
            }
            if let Some(val) = event["val_loss"].as_f64() {
                log.val_loss.push((step, val));
            }
            if event.get("probe").is_some() {
                log.probes.push((step, event["probe"].clone()));
            }
        }
        Ok(log)
    }

    /// One probe number per checkpoint: `family` is `unseen` or `album_like`.
    pub(crate) fn probe(&self, family: &str, field: &str) -> Vec<(f64, f64)> {
        self.probes
            .iter()
            .filter_map(|(step, p)| p[family][field].as_f64().map(|v| (*step, v)))
            .collect()
    }

    /// Identity × obedience on unseen prompts per checkpoint.
    pub(crate) fn quality(&self) -> Vec<(f64, f64)> {
        self.probe("unseen", "identity")
            .into_iter()
            .zip(self.probe("unseen", "obedience"))
            .map(|((step, identity), (_, obedience))| (step, identity * obedience))
            .collect()
    }
}

/// An exponential moving average, as trainers smooth their loss curves.
pub(crate) fn smoothed(points: &[(f64, f64)], weight: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len());
    let mut average = None;
    for &(x, y) in points {
        let next = average.map_or(y, |a: f64| weight * a + (1.0 - weight) * y);
        average = Some(next);
        out.push((x, next));
    }
    out
}

/// The first step where `series` reaches `share` of its maximum.
pub(crate) fn first_reaching(series: &[(f64, f64)], share: f64) -> Option<f64> {
    let max = series.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    series.iter().find(|p| p.1 >= share * max).map(|p| p.0)
}

/// Writes the report and its charts.
pub(crate) fn write(ctx: &Ctx) -> anyhow::Result<()> {
    let dir = ctx.root.join("assets/experiments");
    let mut md = String::from(
        "# Findings: what our miniature painter's real LoRA runs show\n\n\
         Written by `cargo xtask experiments report` from the runs kept beside this file \
         (each run's `run.json` holds its exact configuration, seed and commit). \
         Identity is the judges' calibrated probability that a picture shows TOK; \
         obedience the share of pictures in the scene the prompt asked for; the \
         windowsill leak the share of unseen-scene pictures the judges read as the \
         album's windowsill; quality is identity × obedience on unseen prompts.\n\n",
    );
    {
        use crate::experiment_plan::{DEFAULT_LR, FRANTIC_LR, FRIED_LR, TIMID_LR};
        let _ = writeln!(
            md,
            "## The bench's learning rates\n\n\
             Our painter is tiny and trains with a bracelet on every layer, so its rates \
             are larger than a 12-billion-parameter model's. The calibration behind them is \
             in `xtask/src/experiment_plan.rs`.\n\n\
             | setting | ours | plays the real trainers' |\n|---|---|---|\n\
             | timid | {TIMID_LR} | 1e-5 |\n| default | {DEFAULT_LR} | 5e-5 |\n\
             | frantic | {FRANTIC_LR} | 2e-4 |\n| fried | {FRIED_LR} | far past any default |\n"
        );
    }
    let mut found = 0;
    for planned in PLAN {
        if load(&dir, planned.name)?.is_some() {
            found += 1;
        }
    }
    if found == 0 {
        anyhow::bail!(
            "no runs under {}: run `cargo xtask experiments` first",
            dir.display()
        );
    }
    for section in &ARCS {
        if let Some(arc) = load(&dir, section.name)? {
            crate::widget_data::write_arc(&dir, section.name, &arc)?;
            arc_section(&mut md, &dir, &arc, section)?;
            findings::arc_findings(&mut md, &arc, section);
        }
    }
    if let (Some(default), Some(frantic)) = (load(&dir, "steps-1000")?, load(&dir, "lr-frantic")?) {
        findings::frantic_findings(&mut md, &default, &frantic);
    }
    findings::sweep_findings(&mut md, &dir)?;
    findings::mix_findings(&mut md, &dir);
    crate::edit_findings::edit_findings(&mut md, &dir)?;
    if let Some((_, names)) = COMPARISONS.iter().find(|(what, _)| *what == "seeds") {
        let mut kept = Vec::new();
        let mut runs = Vec::new();
        for name in *names {
            if let Some(run) = load(&dir, name)? {
                kept.push(*name);
                runs.push(run);
            }
        }
        crate::seed_spread::seed_findings(&mut md, &dir, &kept, &runs)?;
    }
    for (what, names) in COMPARISONS {
        comparison_section(&mut md, &dir, what, names)?;
    }
    let mut subject_runs = Vec::new();
    for planned in PLAN.iter().filter(|p| p.kind == Kind::Subject) {
        if let Some(run) = load(&dir, planned.name)? {
            subject_runs.push((planned.name, run));
        }
    }
    let rate_run = |name: &str| {
        subject_runs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| r)
    };
    let rates = rate_run("steps-1000").zip(rate_run("lr-frantic"));
    crate::limits::limits_findings(&mut md, &subject_runs, rates);
    crate::widget_data::write_eagerness(&dir, |name| load(&dir, name))?;
    crate::widget_data::write_widget_runs(&dir, |name| load(&dir, name))?;
    crate::widget_data::write_edit_trial(&dir)?;
    fs::write(dir.join("REPORT.md"), md)?;
    println!("wrote {} ({found} runs)", dir.join("REPORT.md").display());
    Ok(())
}

fn load(dir: &Path, name: &str) -> anyhow::Result<Option<RunLog>> {
    let path = dir.join(name).join("log.jsonl");
    if !path.is_file() {
        return Ok(None);
    }
    let text = fs::read_to_string(&path)?;
    Ok(Some(
        RunLog::parse(&text).with_context(|| format!("{}", path.display()))?,
    ))
}

/// A learning arc the report lays out: a long run with a checkpoint every
/// few hundred steps.
pub(crate) struct ArcSection {
    /// Its folder under `assets/experiments/`.
    pub(crate) name: &'static str,
    /// Added to its section headings (empty for the first arc).
    pub(crate) heading: &'static str,
    /// File stem of its charts.
    pub(crate) charts: &'static str,
    /// Its album and captions, for the chart title.
    pub(crate) album: &'static str,
}

/// The two arcs: captions that name the scene, and the call word alone.
pub(crate) const ARCS: [ArcSection; 2] = [
    ArcSection {
        name: "arc-5000",
        heading: "",
        charts: "arc",
        album: "tok-20, default learning rate",
    },
    ArcSection {
        name: "arc-trigger-only",
        heading: " with the call word alone",
        charts: "arc-trigger-only",
        album: "tok-trigger-only-20, default learning rate",
    },
];

fn arc_section(md: &mut String, dir: &Path, arc: &RunLog, run: &ArcSection) -> anyhow::Result<()> {
    let identity = arc.probe("unseen", "identity");
    let quality = arc.quality();
    let series = vec![
        named("identity, unseen prompts", identity.clone(), false),
        named("obedience, unseen", arc.probe("unseen", "obedience"), false),
        named("quality, unseen", quality.clone(), false),
        named(
            "windowsill leak",
            arc.probe("unseen", "windowsill_leak"),
            false,
        ),
        named(
            "identity, windowsill",
            arc.probe("album_like", "identity"),
            true,
        ),
    ];
    let chart = Chart {
        title: format!("The learning arc ({})", run.album),
        x_label: "step".into(),
        y_range: Some((0.0, 1.0)),
    };
    let stem = run.charts;
    fs::write(dir.join(format!("{stem}.svg")), line_chart(&chart, &series))?;
    let losses = vec![
        named("training loss (smoothed)", smoothed(&arc.loss, 0.98), false),
        named("stable validation loss", arc.val_loss.clone(), false),
    ];
    let chart = Chart {
        title: "The same run's losses".into(),
        x_label: "step".into(),
        y_range: None,
    };
    fs::write(
        dir.join(format!("{stem}-loss.svg")),
        line_chart(&chart, &losses),
    )?;
    let average = plan(run.name)
        .and_then(|p| p.ema)
        .map(|decay| {
            format!(
                " Every checkpoint is the bracelet's moving average (decay {decay}); the \
                 training loss is the bracelet's as trained."
            )
        })
        .unwrap_or_default();
    let _ = write!(
        md,
        "## The learning arc{}\n\nRun `{}`.{average}\n\n![The learning arc]({stem}.svg)\n\n![Its losses]({stem}-loss.svg)\n\n",
        run.heading, run.name,
    );
    let best = findings::best(arc).unwrap_or((0.0, f64::NAN));
    let plateau = first_reaching(&smoothed(&identity, 0.5), 0.9);
    let first = |family: &str, field: &str, hit: fn(f64) -> bool| {
        arc.probe(family, field)
            .into_iter()
            .find(|p| hit(p.1))
            .map_or("– (never)".into(), |p| format!("{:.0}", p.0))
    };
    let album_obedience = arc
        .probe("album_like", "obedience")
        .iter()
        .map(|p| p.1)
        .fold(1.0, f64::min);
    let _ = writeln!(
        md,
        "- Identity on unseen prompts reaches 90 % of its peak at step {}.\n\
         - Best quality {:.2} at step {}.\n\
         - Obedience on unseen prompts first falls below 75 % at step {}; on the windowsill prompt it never falls below {:.2}.\n\
         - The windowsill leaks into a quarter of unseen-scene pictures from step {}.\n",
        plateau.map_or("–".into(), |s| format!("{s:.0}")),
        best.1,
        best.0,
        first("unseen", "obedience", |v| v < 0.75),
        album_obedience,
        first("unseen", "windowsill_leak", |v| v >= 0.25),
    );
    Ok(())
}

fn comparison_section(
    md: &mut String,
    dir: &Path,
    what: &str,
    names: &[&str],
) -> anyhow::Result<()> {
    let mut rows = String::new();
    let mut series = Vec::new();
    for name in names {
        let (Some(run), Some(planned)) = (load(dir, name)?, plan(name)) else {
            continue;
        };
        let last =
            |family: &str, field: &str| run.probe(family, field).last().map_or(f64::NAN, |p| p.1);
        let _ = writeln!(
            rows,
            "| {name} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            planned.steps,
            planned.learning_rate,
            planned.rank,
            planned.album,
            last("unseen", "identity"),
            last("unseen", "obedience"),
            last("unseen", "windowsill_leak"),
            last("unseen", "album_leak"),
            last("album_like", "identity"),
        );
        series.push(named(name, run.quality(), false));
    }
    if rows.is_empty() {
        return Ok(());
    }
    let file = format!("{}.svg", what.replace(' ', "-"));
    let chart = Chart {
        title: format!("Quality on unseen prompts: {what}"),
        x_label: "step".into(),
        y_range: Some((0.0, 1.0)),
    };
    fs::write(dir.join(&file), line_chart(&chart, &series))?;
    let _ = write!(
        md,
        "## {what}\n\n![Quality by {what}]({file})\n\n\
         | run | steps | learning rate | rank | album | identity (unseen) | obedience | windowsill leak | album leak | identity (windowsill) |\n\
         |---|---|---|---|---|---|---|---|---|---|\n{rows}\n"
    );
    Ok(())
}

fn plan(name: &str) -> Option<&'static Planned> {
    PLAN.iter().find(|p| p.name == name)
}

fn named(name: &str, points: Vec<(f64, f64)>, dashed: bool) -> Series {
    Series {
        name: name.to_owned(),
        points,
        dashed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = r#"{"step":0,"val_loss":1.0}
{"step":0,"probe":{"unseen":{"identity":0.1,"obedience":0.9},"album_like":{"identity":0.2}}}
{"step":1,"loss":0.8,"lr":0.001}
{"step":2,"loss":0.6,"lr":0.001}
{"step":2,"probe":{"unseen":{"identity":0.8,"obedience":0.5},"album_like":{"identity":0.9}}}
"#;

    #[test]
    fn a_log_reads_into_series_and_quality() {
        let log = RunLog::parse(LOG).expect("parses");
        assert_eq!(log.loss, [(1.0, 0.8), (2.0, 0.6)]);
        assert_eq!(log.val_loss, [(0.0, 1.0)]);
        assert_eq!(
            log.probe("album_like", "identity"),
            [(0.0, 0.2), (2.0, 0.9)]
        );
        let quality = log.quality();
        assert!((quality[0].1 - 0.09).abs() < 1e-12 && (quality[1].1 - 0.4).abs() < 1e-12);
        assert!(RunLog::parse("not json").is_err());
    }

    #[test]
    fn smoothing_and_first_reaching() {
        let s = smoothed(&[(0.0, 1.0), (1.0, 0.0)], 0.5);
        assert_eq!(s, [(0.0, 1.0), (1.0, 0.5)]);
        assert_eq!(
            first_reaching(&[(0.0, 0.1), (1.0, 0.95), (2.0, 1.0)], 0.9),
            Some(1.0)
        );
    }
}
