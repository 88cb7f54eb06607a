//! The report's seed section: the default run made from five seeds, so a
//! reader can tell the setting's curve from one seed's luck. It reads the
//! runs' identity on unseen prompts at every checkpoint, draws the mean with
//! the lowest and highest seed, and says where the mean plateaus, which is the
//! number the bench's calibration is about (issue 5: 800-1200 steps).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::report::{RunLog, first_reaching};
use crate::svg::{Chart, Series, line_chart};

/// Per checkpoint shared by every run: `(step, mean, lowest, highest)`.
pub(crate) fn spread(runs: &[RunLog]) -> Vec<(f64, f64, f64, f64)> {
    let Some(first) = runs.first() else {
        return Vec::new();
    };
    first
        .probe("unseen", "identity")
        .iter()
        .filter_map(|&(step, _)| {
            let values: Vec<f64> = runs
                .iter()
                .map(|run| {
                    run.probe("unseen", "identity")
                        .into_iter()
                        .find(|p| p.0 == step)
                        .map(|p| p.1)
                })
                .collect::<Option<_>>()?;
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            Some((step, mean, low, high))
        })
        .collect()
}

/// Writes the section and its chart (`seeds-identity.svg`) for `runs`, named
/// by `names`; nothing when fewer than two runs are kept.
pub(crate) fn seed_findings(
    md: &mut String,
    dir: &Path,
    names: &[&str],
    runs: &[RunLog],
) -> anyhow::Result<()> {
    let rows = spread(runs);
    if runs.len() < 2 || rows.is_empty() {
        return Ok(());
    }
    let line = |name: &str, pick: fn(&(f64, f64, f64, f64)) -> f64, dashed| Series {
        name: name.to_owned(),
        points: rows.iter().map(|r| (r.0, pick(r))).collect(),
        dashed,
    };
    let series = [
        line("mean of the seeds", |r| r.1, false),
        line("lowest seed", |r| r.2, true),
        line("highest seed", |r| r.3, true),
    ];
    let chart = Chart {
        title: format!("Identity on unseen prompts, {} seeds", runs.len()),
        x_label: "step".into(),
        y_range: Some((0.0, 1.0)),
    };
    fs::write(dir.join("seeds-identity.svg"), line_chart(&chart, &series))?;
    let mean: Vec<(f64, f64)> = rows.iter().map(|r| (r.0, r.1)).collect();
    let plateau = first_reaching(&mean, 0.9);
    let each: Vec<String> = names
        .iter()
        .zip(runs)
        .map(|(name, run)| {
            let at = first_reaching(&run.probe("unseen", "identity"), 0.9);
            format!("{name} {}", at.map_or("–".into(), |s| format!("{s:.0}")))
        })
        .collect();
    let mut table = String::new();
    for (step, mean, low, high) in &rows {
        let _ = writeln!(table, "| {step:.0} | {mean:.2} | {low:.2} | {high:.2} |");
    }
    let _ = write!(
        md,
        "## One setting, five seeds\n\n\
         The default run to 1500 steps, made from {} seeds (album order, noise, \
         timesteps and the bracelet's start all change with the seed).\n\n\
         ![Identity on unseen prompts across seeds](seeds-identity.svg)\n\n\
         - The seeds' mean identity on unseen prompts reaches 90 % of its peak at step {}.\n\
         - Each seed alone (first checkpoint at 90 % of its own peak): {}.\n\n\
         | step | mean identity (unseen) | lowest seed | highest seed |\n|---|---|---|---|\n{table}\n",
        runs.len(),
        plateau.map_or("–".into(), |s| format!("{s:.0}")),
        each.join(", "),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(values: &[(u32, f64)]) -> RunLog {
        let text: Vec<String> = values
            .iter()
            .map(|(step, identity)| {
                serde_json::json!({
                    "step": step,
                    "probe": { "unseen": { "identity": identity, "obedience": 1.0 } }
                })
                .to_string()
            })
            .collect();
        RunLog::parse(&text.join("\n")).expect("parses")
    }

    #[test]
    fn the_spread_is_the_mean_lowest_and_highest_at_shared_checkpoints() {
        let a = run(&[(100, 0.2), (200, 0.6), (300, 0.8)]);
        let b = run(&[(100, 0.4), (200, 0.8)]);
        let rows = spread(&[a, b]);
        assert_eq!(rows.len(), 2, "step 300 is not shared");
        assert!((rows[0].1 - 0.3).abs() < 1e-9);
        assert_eq!((rows[1].2, rows[1].3), (0.6, 0.8));
    }

    #[test]
    fn the_section_names_the_plateau_of_the_mean() {
        let dir = std::env::temp_dir().join(format!("seed-spread-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("a temporary folder");
        let runs = [
            run(&[(100, 0.1), (200, 0.5), (300, 0.6)]),
            run(&[(100, 0.1), (200, 0.7), (300, 0.6)]),
        ];
        let mut md = String::new();
        seed_findings(&mut md, &dir, &["a", "b"], &runs).expect("writes");
        assert!(md.contains("90 % of its peak at step 200"), "{md}");
        assert!(md.contains("a 300, b 200"), "{md}");
        assert!(md.contains("| 200 | 0.60 | 0.50 | 0.70 |"), "{md}");
        assert!(dir.join("seeds-identity.svg").is_file());
        let _ = fs::remove_dir_all(&dir);
    }
}
