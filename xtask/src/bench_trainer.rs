//! `cargo xtask bench trainer`: LoRA training step time and sampling latency of
//! the `tiny` painter on burn's CPU backend, beside a PyTorch twin of the same
//! model measured in the same run on the same number of threads.
//!
//! The twin (`trainer/bench/torch_twin.py`) runs in a virtual environment under
//! the target directory with the CPU-only torch wheel, installed on first use from
//! `SWEETSPOT_TORCH_INDEX` (default: PyTorch's CPU wheel index). Where that index
//! cannot be reached, `SWEETSPOT_TORCH_PYTHON` names a Python that already has
//! torch. Both sides print their parameter counts; the ratios are only printed
//! when the two models match.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::Ctx;
use crate::stage::{self, Stages};

const THREADS: &str = "2";
const BATCHES: &str = "1,8,32";
const STEPS: &str = "10";
const DEFAULT_INDEX: &str = "https://download.pytorch.org/whl/cpu";

/// Runs the trainer benchmark.
pub(crate) fn trainer(ctx: &Ctx) -> anyhow::Result<()> {
    let mut stages = Stages::new(3);
    let burn = stages.run("burn: building and timing the tiny painter", || {
        let out = stage::output(
            stage::cargo()
                .current_dir(&ctx.root)
                .env("RAYON_NUM_THREADS", THREADS)
                .args(["bench", "--quiet", "-p", "trainer", "--bench", "step", "--"])
                .args(["--batches", BATCHES, "--steps", STEPS]),
        )?;
        last_json(&out)
    })?;
    let python = stages.run("pytorch: preparing the twin's Python", || twin_python(ctx));
    let torch = match python {
        Ok(python) => Some(stages.run("pytorch: timing the twin", || {
            let script = ctx.root.join("trainer/bench/torch_twin.py");
            let out = stage::output(Command::new(&python).arg(&script).args([
                "--batches",
                BATCHES,
                "--steps",
                STEPS,
                "--threads",
                THREADS,
            ]))?;
            last_json(&out)
        })?),
        Err(err) => {
            println!("  the PyTorch twin is not available: {err:#}");
            None
        }
    };
    report(&burn, torch.as_ref())
}

fn last_json(out: &str) -> anyhow::Result<Value> {
    let line = out
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .context("the benchmark printed no JSON line")?;
    serde_json::from_str(line).with_context(|| format!("unreadable benchmark output: {line}"))
}

/// A Python with torch: `SWEETSPOT_TORCH_PYTHON`, or a venv made on first use.
fn twin_python(ctx: &Ctx) -> anyhow::Result<PathBuf> {
    if let Some(python) = std::env::var_os("SWEETSPOT_TORCH_PYTHON") {
        return Ok(PathBuf::from(python));
    }
    let venv = ctx.target.join("bench-venv");
    let python = venv.join("bin/python");
    let has_torch = |python: &PathBuf| {
        Command::new(python)
            .args(["-c", "import torch"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if python.exists() && has_torch(&python) {
        return Ok(python);
    }
    stage::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    let index = std::env::var("SWEETSPOT_TORCH_INDEX").unwrap_or_else(|_| DEFAULT_INDEX.into());
    let installed = stage::run(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "torch", "--index-url"])
            .arg(&index),
    );
    if let Err(err) = installed {
        bail!(
            "installing the CPU-only torch wheel from {index} failed ({err:#}); set \
             SWEETSPOT_TORCH_INDEX to a reachable index of CPU wheels, or \
             SWEETSPOT_TORCH_PYTHON to a Python that has torch (CUDA wheels are not \
             installed on purpose: several GB for a CPU benchmark)"
        );
    }
    Ok(python)
}

fn number(value: &Value, path: &[&str]) -> anyhow::Result<f64> {
    let mut at = value;
    for key in path {
        at = at
            .get(key)
            .with_context(|| format!("`{}` missing", path.join(".")))?;
    }
    at.as_f64()
        .with_context(|| format!("`{}` is not a number", path.join(".")))
}

fn report(burn: &Value, torch: Option<&Value>) -> anyhow::Result<()> {
    println!();
    println!(
        "tiny painter: {} base parameters, {} LoRA parameters (rank 16, attention), {THREADS} threads",
        number(burn, &["base_params"])?,
        number(burn, &["adapter_params"])?
    );
    if let Some(torch) = torch {
        for key in ["base_params", "adapter_params"] {
            if number(burn, &[key])? != number(torch, &[key])? {
                bail!(
                    "the twin is not the same model: {key} burn {} vs pytorch {}",
                    number(burn, &[key])?,
                    number(torch, &[key])?
                );
            }
        }
        let engine = torch
            .get("engine")
            .and_then(Value::as_str)
            .unwrap_or("pytorch");
        println!("twin: {engine}, same parameter counts");
    }
    println!();
    println!("LoRA training step        burn ms    torch ms   burn/torch");
    for batch in BATCHES.split(',') {
        let ours = number(burn, &["step_ms", batch])?;
        match torch {
            Some(torch) => {
                let theirs = number(torch, &["step_ms", batch])?;
                println!(
                    "  batch {batch:<3}              {ours:>8.1}    {theirs:>8.1}   {:>6.2}×",
                    ours / theirs
                );
            }
            None => println!("  batch {batch:<3}              {ours:>8.1}         n/a"),
        }
    }
    let ours = number(burn, &["sample_ms"])?;
    match torch {
        Some(torch) => {
            let theirs = number(torch, &["sample_ms"])?;
            println!(
                "one 32×32 sample, 20 steps, guidance: {ours:.1} ms vs {theirs:.1} ms = {:.2}×",
                ours / theirs
            );
        }
        None => println!("one 32×32 sample, 20 steps, guidance: {ours:.1} ms"),
    }
    Ok(())
}
