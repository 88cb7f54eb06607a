//! `cargo xtask experiments`: makes every run of the course's experiment plan
//! with the release trainer, from the shipped base painter, albums and judges,
//! and keeps what the course shows under `assets/experiments/NAME/`: the run's
//! manifest (`run.json`), its log (loss per step, stable validation loss, the
//! judges' probe numbers at every checkpoint), the probe pictures and the LoRA
//! checkpoints in `f16`. Then the scale sweep: the default run's LoRA worn at
//! scales 0 to 4 on the probe set (`trainer sweep`, kept in `scale-sweep/`), and
//! the TOK and TOKSTYLE bracelets worn together on a grid of scales
//! (`mix-grid.png`, with `mix-grid.json` saying what painted it and
//! `mix-grid-verdicts.json` what the judges read in each picture), and one
//! training step laid open at nine noise levels (`one-step/`, `trainer
//! open-step`), and three edit pairs' making, stage by stage
//! (`assets/albums/pairs/`, `trainer world pairs`). `cargo xtask experiments
//! figures` remakes only those three.
//!
//! Runs work in `target/experiments/NAME/`; an interrupted run resumes there, and a
//! run kept from the current base painter, album and judges (`inputs.sha256`) is
//! skipped; change any of the three and it is made again. `--only NAME`
//! (repeatable) picks runs; `--list` prints the plan.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

use crate::Ctx;
use crate::experiment_plan::{BATCH, COMPARISONS, Kind, PLAN, Planned, SEED, TARGETS};
use crate::run_inputs::{INPUTS_FILE, Inputs};
use crate::stage;

/// The base painter the experiments wear their bracelets on.
const BASE: &str = "assets/base/tiny.safetensors";
/// The judges that score the probe pictures.
const JUDGES: &str = "assets/judges/judges.safetensors";
/// Probe pictures per unseen prompt.
const PROBE_SEEDS: &str = "4";

/// Runs the plan (or the runs `args` name).
pub(crate) fn experiments(ctx: &Ctx, args: &[String]) -> anyhow::Result<()> {
    let mut only = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--list" => {
                for p in PLAN {
                    println!("{:<24} {:>5} steps  {}", p.name, p.steps, p.question);
                    println!("{:<24} {}", "", p.settings());
                }
                for (what, names) in COMPARISONS {
                    println!("compares {what}: {}", names.join(", "));
                }
                return Ok(());
            }
            "report" => return crate::report::write(ctx),
            "figures" => {
                let mut stages = stage::Stages::new(4);
                let trainer = build_trainer(ctx, &mut stages)?;
                mix(ctx, &trainer, &mut stages)?;
                open_step(ctx, &trainer, &mut stages)?;
                return pairs(ctx, &trainer, &mut stages);
            }
            "--only" => only.push(rest.next().context("--only takes a run's name")?.clone()),
            other => {
                bail!("`experiments` takes --only NAME, --list, report or figures, not `{other}`")
            }
        }
    }
    if let Some(unknown) = only.iter().find(|n| !PLAN.iter().any(|p| p.name == *n)) {
        bail!("no run `{unknown}` in the plan (see `cargo xtask experiments --list`)");
    }
    let base = ctx.root.join(BASE);
    if !base.is_file() {
        bail!(
            "{BASE} is missing: pretrain the base painter first \
             (`trainer pretrain --out DIR`, then copy DIR/base.safetensors and its manifest there)"
        );
    }
    let base_hash = sha256_of(&base)?;
    let judges_hash = sha256_of(&ctx.root.join(JUDGES))?;
    let runs: Vec<&Planned> = PLAN
        .iter()
        .filter(|p| only.is_empty() || only.iter().any(|n| n == p.name))
        .collect();
    let mut stages = stage::Stages::new(runs.len() + 5);
    let trainer = build_trainer(ctx, &mut stages)?;
    for planned in runs {
        let kept = ctx.root.join("assets/experiments").join(planned.name);
        let album = sha256_of(&ctx.root.join("assets/albums").join(planned.album))?;
        // A style run trains and validates without the judges.
        let judges = (planned.kind != Kind::Style).then_some(judges_hash.as_str());
        let inputs = Inputs::of(&base_hash, &album, judges, &planned.settings());
        if inputs.made(&kept) && kept.join("lora.safetensors").is_file() {
            println!("  {} is up to date", planned.name);
            continue;
        }
        stages.run(&format!("{}: {}", planned.name, planned.question), || {
            let work = ctx.target.join("experiments").join(planned.name);
            let started = Instant::now();
            inputs.claim(&work)?;
            stage::run(&mut command(ctx, &trainer, planned, &work))?;
            keep(planned, &work, &kept, &inputs)?;
            println!(
                "  {} done in {:.0} s",
                planned.name,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        })?;
    }
    if only.is_empty() || only.iter().any(|n| n == SWEPT) {
        sweep(ctx, &trainer, &base_hash, &judges_hash, &mut stages)?;
    }
    if only.is_empty() {
        mix(ctx, &trainer, &mut stages)?;
        open_step(ctx, &trainer, &mut stages)?;
        pairs(ctx, &trainer, &mut stages)?;
    }
    Ok(())
}

/// How three of the edit album's pairs are made, stage by stage
/// (`assets/albums/pairs/`), for chapter 10's figure.
fn pairs(ctx: &Ctx, trainer: &Path, stages: &mut stage::Stages) -> anyhow::Result<()> {
    stages.run("pairs: an edit pair's making, stage by stage", || {
        stage::run(
            Command::new(trainer)
                .current_dir(&ctx.root)
                .args(["world", "pairs", "--out", "assets/albums/pairs"])
                .args(["--pairs", "4,7,9", "--seed", "1"]),
        )
    })
}

/// The album picture the opened step trains on (the kitchen table, close up).
const OPEN_STEP_PICTURE: &str = "13";

/// One training step of the default run's bracelet laid open at nine noise
/// levels (`assets/experiments/one-step/`), for chapter 6's figure.
fn open_step(ctx: &Ctx, trainer: &Path, stages: &mut stage::Stages) -> anyhow::Result<()> {
    let lora = Path::new("assets/experiments")
        .join(SWEPT)
        .join("lora.safetensors");
    if !ctx.root.join(&lora).is_file() {
        println!("  the opened step waits for {SWEPT}");
        return Ok(());
    }
    stages.run("one-step: a training step laid open", || {
        stage::run(
            Command::new(trainer)
                .current_dir(&ctx.root)
                .arg("open-step")
                .args(["--base", BASE, "--album", "assets/albums/tok-20.zip"])
                .arg("--lora")
                .arg(&lora)
                .args(["--picture", OPEN_STEP_PICTURE, "--noise-seed", SEED])
                .args(["--learning-rate", crate::experiment_plan::DEFAULT_LR])
                .args(["--out", "assets/experiments/one-step"]),
        )
    })
}

/// Builds the release trainer and says where it is.
fn build_trainer(ctx: &Ctx, stages: &mut stage::Stages) -> anyhow::Result<PathBuf> {
    stages.run("building the release trainer", || {
        stage::run(stage::cargo().current_dir(&ctx.root).args([
            "build",
            "--release",
            "-p",
            "trainer",
        ]))
    })?;
    Ok(ctx.target.join("release").join("trainer"))
}

/// The prompt the two bracelets paint together.
pub(crate) const MIX_PROMPT: &str = "a TOKSTYLE painting of TOK ceramic cat figurine on a beach";
/// What the judges read in each picture of the grid.
pub(crate) const MIX_VERDICTS: &str = "assets/experiments/mix-grid-verdicts.json";
/// The scales of the two-bracelet grid.
pub(crate) const MIX_SCALES: &str = "0,0.5,1,1.5";

/// The TOK and TOKSTYLE bracelets worn together on a grid of scales
/// (`assets/experiments/mix-grid.png`), remade whenever the runs are.
fn mix(ctx: &Ctx, trainer: &Path, stages: &mut stage::Stages) -> anyhow::Result<()> {
    let lora = |name: &str| {
        Path::new("assets/experiments")
            .join(name)
            .join("lora.safetensors")
    };
    let (tok, style) = (lora(SWEPT), lora("style-tokstyle"));
    if !ctx.root.join(&tok).is_file() || !ctx.root.join(&style).is_file() {
        println!("  the two-bracelet grid waits for {SWEPT} and style-tokstyle");
        return Ok(());
    }
    stages.run("mix-grid: TOK and TOKSTYLE worn together", || {
        let mut cmd = Command::new(trainer);
        cmd.current_dir(&ctx.root)
            .arg("sample")
            .args(["--base", BASE, "--seed", SEED, "--prompt", MIX_PROMPT])
            .arg("--lora")
            .arg(&tok)
            .arg("--lora")
            .arg(&style)
            .args(["--grid", MIX_SCALES])
            .args(["-o", "assets/experiments/mix-grid.png"])
            .args(["--verdicts", MIX_VERDICTS]);
        stage::run(&mut cmd)?;
        // The grid's manifest: what painted it, so one command remakes it.
        let args: Vec<String> = cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let manifest = serde_json::json!({
            "command": format!("trainer {}", args.join(" ")),
            "base_sha256": sha256_of(&ctx.root.join(BASE))?,
            "tok_lora_sha256": sha256_of(&ctx.root.join(&tok))?,
            "style_lora_sha256": sha256_of(&ctx.root.join(&style))?,
        });
        let manifest = serde_json::to_string_pretty(&manifest)?;
        fs::write(ctx.root.join("assets/experiments/mix-grid.json"), manifest)?;
        Ok(())
    })
}

/// The run whose LoRA the scale sweep wears.
const SWEPT: &str = "steps-1000";

/// Wears the default run's LoRA at scales 0 to 4 (`assets/experiments/scale-sweep`),
/// unless that folder already holds the sweep of this base, LoRA and judges.
fn sweep(
    ctx: &Ctx,
    trainer: &Path,
    base_hash: &str,
    judges_hash: &str,
    stages: &mut stage::Stages,
) -> anyhow::Result<()> {
    let experiments = ctx.root.join("assets/experiments");
    let lora = Path::new("assets/experiments")
        .join(SWEPT)
        .join("lora.safetensors");
    if !ctx.root.join(&lora).is_file() {
        println!("  the scale sweep waits for {SWEPT}");
        return Ok(());
    }
    let out = experiments.join("scale-sweep");
    let stamp = format!(
        "{base_hash} {} {judges_hash}",
        sha256_of(&ctx.root.join(&lora))?
    );
    if out.join("sweep.json").is_file()
        && fs::read_to_string(out.join("made-from.sha256")).is_ok_and(|s| s.trim() == stamp)
    {
        println!("  scale-sweep is up to date");
        return Ok(());
    }
    stages.run("scale-sweep: the default LoRA at scales 0 to 4", || {
        stage::run(
            Command::new(trainer)
                .current_dir(&ctx.root)
                .arg("sweep")
                .args(["--base", BASE, "--judges", JUDGES])
                .arg("--lora")
                .arg(&lora)
                .args(["--album", "assets/albums/tok-20.zip"])
                .args(["--probe-seeds", PROBE_SEEDS])
                .args(["--scales", "0,0.5,1,1.5,2,3,4"])
                .args(["--out", "assets/experiments/scale-sweep"]),
        )?;
        fs::write(out.join("made-from.sha256"), &stamp)?;
        Ok(())
    })
}

/// The `trainer train` command line of one run.
fn command(ctx: &Ctx, trainer: &Path, planned: &Planned, work: &Path) -> Command {
    let mut cmd = Command::new(trainer);
    let every = planned.checkpoint_every.to_string();
    cmd.current_dir(&ctx.root)
        .arg("train")
        .args(["--base", BASE])
        .arg("--album")
        .arg(Path::new("assets/albums").join(planned.album))
        .arg("--out")
        .arg(work)
        .args(["--steps", &planned.steps.to_string()])
        .args(["--learning-rate", planned.learning_rate])
        .args(["--rank", planned.rank, "--targets", TARGETS])
        .args(["--batch-size", BATCH, "--seed", planned.seed])
        .args(["--precision", "f16"])
        .args(["--checkpoint-every", &every, "--validation-every", &every]);
    if let Some(decay) = planned.ema {
        cmd.args(["--ema", decay]);
    }
    match planned.kind {
        Kind::Style => {
            cmd.args(["--is-style", "--trigger", "TOKSTYLE"]).args([
                "--validation-prompt",
                "a TOKSTYLE painting of a lighthouse on a beach",
            ]);
        }
        // The validation picture changes the album's first sketch; the judges
        // try the bracelet on sketches it never saw.
        Kind::Edit => {
            cmd.args(["--edit", "--noise-bias", "high-noise"])
                .args(["--instruction", crate::experiment_plan::EDIT_INSTRUCTION])
                .args(["--probe-judges", JUDGES]);
        }
        Kind::Subject => {
            cmd.args(["--probe-judges", JUDGES, "--probe-seeds", PROBE_SEEDS])
                .args([
                    "--validation-prompt",
                    "a photo of TOK ceramic cat figurine riding a bicycle",
                ]);
        }
    }
    if work.join("state.safetensors").is_file() {
        cmd.arg("--resume");
    }
    cmd
}

/// Copies what the course shows from the work folder, with paths made relative.
fn keep(planned: &Planned, work: &Path, kept: &Path, inputs: &Inputs) -> anyhow::Result<()> {
    if kept.exists() {
        fs::remove_dir_all(kept).with_context(|| format!("clearing {}", kept.display()))?;
    }
    for sub in ["checkpoints", "samples"] {
        fs::create_dir_all(kept.join(sub))?;
    }
    let prefix = format!("{}/", work.display());
    for name in ["run.json", "log.jsonl"] {
        let text = fs::read_to_string(work.join(name))
            .with_context(|| format!("{}", work.join(name).display()))?;
        fs::write(kept.join(name), text.replace(&prefix, ""))?;
    }
    fs::copy(work.join("lora.safetensors"), kept.join("lora.safetensors"))?;
    for entry in fs::read_dir(work.join("samples"))? {
        let path: PathBuf = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("probe-") {
            fs::copy(&path, kept.join("samples").join(name))?;
        }
    }
    if planned.keep_every > 0 {
        for entry in fs::read_dir(work.join("checkpoints"))? {
            let path: PathBuf = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if kept_checkpoint(name, planned.keep_every.into(), planned.steps.into()) {
                fs::copy(&path, kept.join("checkpoints").join(name))?;
            }
        }
    }
    fs::write(kept.join(INPUTS_FILE), &inputs.0)?;
    Ok(())
}

/// Whether `lora-step-NNNNNN.safetensors` is one of the checkpoints kept when a
/// run of `steps` steps keeps one every `every` steps (its log holds every
/// checkpoint's numbers; at 300 KB each, the arc's fifty would pass the 40 MB
/// budget on their own). The last step's is not: `lora.safetensors` holds it.
fn kept_checkpoint(name: &str, every: u64, steps: u64) -> bool {
    name.strip_prefix("lora-step-")
        .and_then(|rest| rest.strip_suffix(".safetensors"))
        .and_then(|step| step.parse::<u64>().ok())
        .is_some_and(|step| step.is_multiple_of(every) && step < steps)
}

/// The hex SHA-256 of a file, by `sha256sum` (no hashing crate in the xtask).
fn sha256_of(path: &Path) -> anyhow::Result<String> {
    let out = stage::output(Command::new("sha256sum").arg(path))?;
    out.split_whitespace()
        .next()
        .map(str::to_owned)
        .context("sha256sum printed nothing")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_are_kept_at_multiples_of_the_runs_keep_every() {
        assert!(kept_checkpoint("lora-step-000500.safetensors", 500, 5000));
        assert!(kept_checkpoint("lora-step-004500.safetensors", 500, 5000));
        assert!(!kept_checkpoint("lora-step-005000.safetensors", 500, 5000));
        assert!(!kept_checkpoint("lora-step-000100.safetensors", 500, 5000));
        assert!(!kept_checkpoint("state.safetensors", 500, 5000));
        assert!(!kept_checkpoint("lora-step-000000.png", 500, 5000));
        assert!(kept_checkpoint("lora-step-002500.safetensors", 2500, 5000));
        assert!(!kept_checkpoint("lora-step-001000.safetensors", 2500, 5000));
    }
}
