//! `cargo xtask bench engine`: the lab engine's speed in the browser against
//! the same engine natively, measured in the same run (never a timed test).
//!
//! The speed trial ([`lab_engine::speed`]) runs three times: natively on the CPU
//! (`lab-engine`'s `speed` binary, release build, the reference), then in
//! headless Chromium in the CPU worker and in the WebGPU worker (here on
//! SwiftShader, a CPU emulating a GPU: the same device class as the native
//! run). It prints milliseconds per picture and steps per second with the
//! ratios browser ÷ native (the goal: the browser within 2× of native), and
//! each engine's download size.

use anyhow::Context;
use lab_engine::speed::Speed;

use crate::stage::{self, Stages};
use crate::{Ctx, setup, site};

/// Runs the engine benchmark.
pub(crate) fn engine(ctx: &Ctx) -> anyhow::Result<()> {
    let mut stages = Stages::new(7);
    site::build_assets(ctx, &mut stages)?;
    let server = stages.run("building the server", || site::build_server(ctx, false))?;
    stages.run("checking Chromium and ChromeDriver", setup::ensure_chromium)?;
    let native: Speed = stages.run("timing the engine natively (release)", || {
        let out = stage::output(stage::cargo().current_dir(&ctx.root).args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "lab-engine",
            "--bin",
            "speed",
        ]))?;
        last_line_json(&out)
    })?;
    let browser: Vec<Speed> = stages.run("timing the engine in Chromium (CPU, WebGPU)", || {
        let out = stage::output(
            stage::cargo()
                .current_dir(&ctx.root)
                .args(["run", "--quiet", "-p", "e2e", "--bin", "engine-bench"])
                .env("SWEETSPOT_SERVER_BIN", &server)
                .env("SWEETSPOT_SITE_ROOT", ctx.site_root())
                .env("SWEETSPOT_CHROMIUM", setup::CHROMIUM)
                .env("SWEETSPOT_CHROMEDRIVER", setup::CHROMEDRIVER)
                .env("RUST_LOG", "warn"),
        )?;
        last_line_json(&out)
    })?;
    println!();
    println!(
        "{:<52} {:>12} {:>10} {:>12} {:>10}",
        "engine", "ms/picture", "÷ native", "steps/s", "native ÷"
    );
    for speed in std::iter::once(&native).chain(&browser) {
        println!(
            "{:<52} {:>12.0} {:>9.2}× {:>12.2} {:>9.2}×",
            speed.device,
            speed.sample_ms,
            speed.sample_ms / native.sample_ms,
            speed.steps_per_second,
            native.steps_per_second / speed.steps_per_second,
        );
    }
    println!("  (ratios above 1 mean slower than native; the goal is at most 2×)");
    let pkg = ctx.site_root().join("pkg");
    for (label, folder) in [("CPU", "engine"), ("WebGPU", "engine-webgpu")] {
        let wasm = pkg.join(folder).join("engine_bg.wasm");
        let bytes = std::fs::metadata(&wasm)
            .with_context(|| format!("cannot read {}", wasm.display()))?
            .len();
        println!(
            "{label} engine download: {:.1} MB raw (see `cargo xtask bench site` for compressed sizes)",
            bytes as f64 / 1e6
        );
    }
    Ok(())
}

fn last_line_json<T: serde::de::DeserializeOwned>(out: &str) -> anyhow::Result<T> {
    let line = out
        .lines()
        .rev()
        .find(|l| l.starts_with('{') || l.starts_with('['))
        .context("the timing printed no JSON line")?;
    serde_json::from_str(line).with_context(|| format!("cannot read the timing: {line}"))
}
