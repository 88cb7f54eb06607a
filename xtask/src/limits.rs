//! The report's last word on what the kept runs do *not* show yet.
//!
//! Issue 5 asks for phenomena we have not always got from our tiny painter. The
//! report says so itself, from the same logs as every other section, so that a
//! later run that does show them changes the sentence without anyone editing it:
//!
//! - **the healthy bicycle**: for each unseen prompt, the best checkpoint of any
//!   run whose judges call it TOK in that scene while the run as a whole is still
//!   healthy (unseen obedience at least [`HEALTHY_OBEDIENCE`], the windowsill in
//!   under [`LEAK_LIMIT`] of unseen pictures);
//! - **the frantic pattern**: a checkpoint of the frantic run whose windowsill
//!   pictures are as good as the default run's at the same step while its
//!   unseen pictures are at most half as good.

use std::fmt::Write as _;

use crate::findings::number;
use crate::report::RunLog;
use crate::widget_data::UNSEEN_SCENES;

/// Unseen obedience a checkpoint keeps to count as healthy.
pub(crate) const HEALTHY_OBEDIENCE: f64 = 0.75;
/// Share of unseen pictures read as the windowsill from which a checkpoint has
/// memorised.
pub(crate) const LEAK_LIMIT: f64 = 0.25;
/// Identity × obedience on one prompt from which TOK is reliably in the scene.
pub(crate) const IN_THE_SCENE: f64 = 0.5;

/// A healthy checkpoint's reading of one unseen prompt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Best<'a> {
    pub(crate) run: &'a str,
    pub(crate) step: f64,
    pub(crate) identity: f64,
    pub(crate) obedience: f64,
}

impl Best<'_> {
    fn quality(&self) -> f64 {
        self.identity * self.obedience
    }
}

/// For each unseen prompt (in [`UNSEEN_SCENES`] order), its best identity ×
/// obedience at any healthy checkpoint of `runs`.
pub(crate) fn best_healthy<'a>(runs: &'a [(&'a str, RunLog)]) -> Vec<Option<Best<'a>>> {
    let mut best: Vec<Option<Best<'a>>> = vec![None; UNSEEN_SCENES.len()];
    for (name, log) in runs {
        for (step, probe) in &log.probes {
            let unseen = &probe["unseen"];
            let healthy = number(unseen, &["obedience"]) >= HEALTHY_OBEDIENCE
                && number(unseen, &["windowsill_leak"]) < LEAK_LIMIT;
            if !healthy {
                continue;
            }
            for (i, slot) in best.iter_mut().enumerate() {
                let scene = &probe["per_scene"][i];
                let candidate = Best {
                    run: name,
                    step: *step,
                    identity: number(scene, &["identity"]),
                    obedience: number(scene, &["obedience"]),
                };
                if candidate.quality().is_finite()
                    && slot.is_none_or(|b| candidate.quality() > b.quality())
                {
                    *slot = Some(candidate);
                }
            }
        }
    }
    best
}

/// Steps where the frantic run's windowsill is as good as the default's while
/// its unseen prompts are at most half as good (both at the same step).
pub(crate) fn frantic_pattern(default: &RunLog, frantic: &RunLog) -> Vec<f64> {
    let quality = |probe: &serde_json::Value, family: &str| {
        number(&probe[family], &["identity"]) * number(&probe[family], &["obedience"])
    };
    frantic
        .probes
        .iter()
        .filter_map(|(step, fp)| {
            let (_, dp) = default.probes.iter().find(|(s, _)| s == step)?;
            let album_fine = quality(fp, "album_like") >= quality(dp, "album_like")
                && quality(fp, "album_like") > 0.0;
            let unseen_worse = quality(fp, "unseen") <= 0.5 * quality(dp, "unseen");
            (album_fine && unseen_worse && *step > 0.0).then_some(*step)
        })
        .collect()
}

/// Writes the section from every kept subject run and the two rate runs.
pub(crate) fn limits_findings(
    md: &mut String,
    runs: &[(&str, RunLog)],
    rates: Option<(&RunLog, &RunLog)>,
) {
    let best = best_healthy(runs);
    let lines: Vec<String> = UNSEEN_SCENES
        .iter()
        .zip(&best)
        .map(|(scene, best)| match best {
            Some(b) => format!(
                "| {scene} | {:.2} | {:.2} | {} step {:.0} |",
                b.identity, b.obedience, b.run, b.step
            ),
            None => format!("| {scene} | – | – | no healthy checkpoint |"),
        })
        .collect();
    let missing: Vec<&str> = UNSEEN_SCENES
        .iter()
        .zip(&best)
        .filter(|(_, b)| b.is_none_or(|b| b.quality() < IN_THE_SCENE))
        .map(|(scene, _)| *scene)
        .collect();
    let verdict = if missing.is_empty() {
        "Every unseen prompt has a healthy checkpoint with TOK in its scene.".to_string()
    } else {
        format!(
            "Not yet shown: a healthy checkpoint with TOK in the scene of {} \
             (identity × obedience {IN_THE_SCENE} or more).",
            missing.join(", ")
        )
    };
    let _ = writeln!(
        md,
        "## What the runs do not show yet\n\n\
         The best reading of each unseen prompt at any healthy checkpoint of the {} subject runs \
         above (healthy: at least {:.0} % of unseen pictures in the scene asked for, under \
         {:.0} % read as the windowsill):\n\n\
         | prompt | identity | in its scene | where |\n|---|---|---|---|\n{}\n\n{verdict}\n",
        runs.len(),
        HEALTHY_OBEDIENCE * 100.0,
        LEAK_LIMIT * 100.0,
        lines.join("\n"),
    );
    if let Some((default, frantic)) = rates {
        let steps = frantic_pattern(default, frantic);
        let _ = if steps.is_empty() {
            writeln!(
                md,
                "Not yet shown: a checkpoint of the frantic run whose windowsill pictures are \
                 as good as the default run's at the same step while its unseen pictures are \
                 at most half as good; at our frantic rate both fall apart together. Our \
                 painter has no rate between healthy and diverged where only the unseen \
                 prompts suffer (the tries are listed in `xtask/src/experiment_plan.rs`)."
            )
        } else {
            let steps: Vec<String> = steps.iter().map(|s| format!("{s:.0}")).collect();
            writeln!(
                md,
                "The frantic run's windowsill pictures match the default run's while its \
                 unseen pictures are at most half as good at step {}.",
                steps.join(", ")
            )
        };
    }
    let _ = writeln!(
        md,
        "\nWhat we tried for each is listed in `xtask/src/experiment_plan.rs`.\n"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(step: u32, unseen: (f64, f64), scenes: [(f64, f64); 4], album: f64) -> String {
        let per_scene: Vec<String> = scenes
            .iter()
            .map(|(i, o)| format!(r#"{{"identity":{i},"obedience":{o}}}"#))
            .collect();
        format!(
            r#"{{"step":{step},"probe":{{"unseen":{{"identity":0.5,"obedience":{},"windowsill_leak":{}}},"album_like":{{"identity":{album},"obedience":1.0}},"per_scene":[{}]}}}}"#,
            unseen.0,
            unseen.1,
            per_scene.join(",")
        )
    }

    fn log(lines: &[String]) -> RunLog {
        RunLog::parse(&lines.join("\n")).expect("parses")
    }

    #[test]
    fn the_best_healthy_checkpoint_skips_memorised_ones() {
        let a = log(&[
            probe(
                100,
                (1.0, 0.0),
                [(0.9, 1.0), (0.2, 1.0), (0.1, 1.0), (0.0, 1.0)],
                1.0,
            ),
            // The bicycle reads as TOK only once the run has memorised.
            probe(
                200,
                (0.5, 0.5),
                [(0.9, 1.0), (0.9, 1.0), (0.9, 1.0), (0.9, 1.0)],
                1.0,
            ),
        ]);
        let b = log(&[probe(
            50,
            (0.8, 0.1),
            [(0.5, 1.0), (0.3, 0.5), (0.8, 1.0), (0.0, 1.0)],
            1.0,
        )]);
        let runs = [("a", a), ("b", b)];
        let best = best_healthy(&runs);
        assert_eq!(best[0].map(|b| (b.run, b.step)), Some(("a", 100.0)));
        assert_eq!(best[1].map(|b| (b.run, b.identity)), Some(("a", 0.2)));
        assert_eq!(best[2].map(|b| (b.run, b.step)), Some(("b", 50.0)));
        let mut md = String::new();
        limits_findings(&mut md, &runs, None);
        assert!(
            md.contains("| bicycle | 0.20 | 1.00 | a step 100 |"),
            "{md}"
        );
        assert!(
            md.contains("in the scene of bicycle, snowy field (identity"),
            "{md}"
        );
    }

    #[test]
    fn the_frantic_pattern_needs_a_fine_windowsill_and_a_poor_unseen_family() {
        let scenes = [(0.0, 1.0); 4];
        let default = log(&[
            probe(100, (1.0, 0.0), scenes, 0.8),
            probe(200, (1.0, 0.0), scenes, 0.8),
        ]);
        let frantic = |obedience: f64, album: f64| {
            log(&[
                probe(100, (1.0, 0.0), scenes, 0.8),
                probe(200, (obedience, 0.0), scenes, album),
            ])
        };
        assert_eq!(frantic_pattern(&default, &frantic(0.4, 0.9)), [200.0]);
        assert!(frantic_pattern(&default, &frantic(0.4, 0.1)).is_empty());
        assert!(frantic_pattern(&default, &frantic(0.9, 0.9)).is_empty());
        let mut md = String::new();
        limits_findings(&mut md, &[], Some((&default, &frantic(0.9, 0.1))));
        assert!(md.contains("both fall apart together"), "{md}");
    }
}
