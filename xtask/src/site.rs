//! Builds the site (hydrate bundle, styles, server) and serves it.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use wasm_bindgen_cli_support::Bindgen;

use crate::stage::{self, Stages};
use crate::{Ctx, ServeOpts, setup};

/// Sizes of the hydrate bundle, for the build's report.
pub(crate) struct BundleReport {
    pub(crate) wasm_bytes: u64,
    pub(crate) js_bytes: u64,
}

/// Builds the hydrate bundle and styles into the site root, then the server binary,
/// and returns the binary's path.
pub(crate) fn build(ctx: &Ctx, release: bool, stages: &mut Stages) -> anyhow::Result<PathBuf> {
    build_assets(ctx, stages)?;
    stages.run("building the server", || build_server(ctx, release))
}

/// The wasm target, the hydrate bundle, the stylesheet and the lab engine.
pub(crate) fn build_assets(ctx: &Ctx, stages: &mut Stages) -> anyhow::Result<BundleReport> {
    stages.run("checking the wasm32 target", setup::ensure_wasm_target)?;
    let report = stages.run("building the hydrate bundle (wasm)", || build_bundle(ctx))?;
    println!(
        "      course_bg.wasm {} KiB, course.js {} KiB",
        report.wasm_bytes / 1024,
        report.js_bytes / 1024
    );
    let engine = stages.run(
        "building the lab engines (wasm workers, CPU and WebGPU)",
        || crate::engine::build(ctx),
    )?;
    println!(
        "      engine_bg.wasm {} KiB (CPU), {} KiB (WebGPU)",
        engine.cpu_bytes / 1024,
        engine.webgpu_bytes / 1024
    );
    Ok(report)
}

/// Builds everything, then runs the server in the foreground.
pub(crate) fn serve(ctx: &Ctx, opts: &ServeOpts) -> anyhow::Result<()> {
    let mut stages = Stages::new(5);
    let server = build(ctx, opts.release, &mut stages)?;
    println!("[5/5] serving at http://{} (Ctrl-C stops)", opts.addr);
    stage::run(
        Command::new(server)
            .arg("--addr")
            .arg(&opts.addr)
            .arg("--site-root")
            .arg(ctx.site_root())
            .current_dir(&ctx.root),
    )
}

/// The files the chapters' run widgets fetch, as (repository folder, name
/// ending): the probe sheets (one per checkpoint) of the two learning arcs
/// (`arc-trigger-only`, which the bicycle test frames too, and `arc-5000`), the eagerness knob's three runs, the rank
/// comparison's other two and the edit trial; the opened training step's
/// pictures; the two-bracelet grid; the pair stages; and the edit bracelet the
/// edit canvas paints with.
const WIDGET_FILES: [(&str, &str); 12] = [
    ("assets/experiments/arc-trigger-only/samples", ".png"),
    ("assets/experiments/arc-5000/samples", ".png"),
    ("assets/experiments/lr-timid/samples", ".png"),
    ("assets/experiments/steps-1000/samples", ".png"),
    ("assets/experiments/lr-frantic/samples", ".png"),
    ("assets/experiments/rank-4/samples", ".png"),
    ("assets/experiments/rank-64/samples", ".png"),
    ("assets/experiments/edit-sketch/samples", ".png"),
    ("assets/experiments/one-step", ".png"),
    ("assets/experiments", "mix-grid.png"),
    ("assets/albums/pairs", ".png"),
    ("assets/experiments/edit-sketch", "lora.safetensors"),
];

fn build_bundle(ctx: &Ctx) -> anyhow::Result<BundleReport> {
    let pkg = ctx.site_root().join("pkg");
    wasm_package(ctx, "course-hydrate", "", "course", &pkg)?;
    copy_styles(&ctx.root.join("style"), &pkg.join("course.css"))?;
    let mut sheets = Vec::new();
    for (folder, ending) in WIDGET_FILES {
        sheets.extend(files_in(ctx, folder, ending)?);
    }
    copy_into_site(ctx, &sheets)?;
    Ok(BundleReport {
        wasm_bytes: file_size(&pkg.join("course_bg.wasm"))?,
        js_bytes: file_size(&pkg.join("course.js"))?,
    })
}

/// The files of repository folder `folder` whose names end in `wanted`, as
/// repository paths (none if the folder is missing).
pub(crate) fn files_in(ctx: &Ctx, folder: &str, wanted: &str) -> anyhow::Result<Vec<String>> {
    let dir = ctx.root.join(folder);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?
    {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(wanted) {
            files.push(format!("{folder}/{name}"));
        }
    }
    Ok(files)
}

/// Copies repository files into the site at the same paths, so `assets/x` is
/// served as `/assets/x`.
pub(crate) fn copy_into_site(ctx: &Ctx, files: &[String]) -> anyhow::Result<()> {
    for file in files {
        let to = ctx.site_root().join(file);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::copy(ctx.root.join(file), &to)
            .with_context(|| format!("cannot copy {file} into the site"))?;
    }
    Ok(())
}

/// Builds `package` (with `features`, comma-separated, if any) for wasm32 with
/// the `wasm-release` profile and writes its wasm-bindgen output
/// (`NAME_bg.wasm`, `NAME.js`, `web` target) into `out`.
pub(crate) fn wasm_package(
    ctx: &Ctx,
    package: &str,
    features: &str,
    name: &str,
    out: &Path,
) -> anyhow::Result<()> {
    let mut cargo = stage::cargo();
    cargo.current_dir(&ctx.root).args([
        "build",
        "--package",
        package,
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ]);
    if !features.is_empty() {
        cargo.args(["--features", features]);
    }
    stage::run(&mut cargo)?;
    let wasm = ctx.target.join(format!(
        "wasm32-unknown-unknown/wasm-release/{}.wasm",
        package.replace('-', "_")
    ));
    if !wasm.exists() {
        bail!("cargo finished but {} is missing", wasm.display());
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    Bindgen::new()
        .input_path(&wasm)
        .out_name(name)
        .web(true)
        .context("wasm-bindgen refused the `web` target")?
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out)
        .with_context(|| format!("wasm-bindgen could not generate {name}'s glue"))
}

/// Joins every `style/*.css` file, in name order, into one stylesheet.
fn copy_styles(style_dir: &Path, out: &Path) -> anyhow::Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(style_dir)
        .with_context(|| format!("cannot list {}", style_dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "css"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no .css files in {}", style_dir.display());
    }
    let mut css = String::new();
    for file in files {
        css.push_str(
            &std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?,
        );
        css.push('\n');
    }
    std::fs::write(out, css).with_context(|| format!("cannot write {}", out.display()))
}

pub(crate) fn build_server(ctx: &Ctx, release: bool) -> anyhow::Result<PathBuf> {
    let mut cmd = stage::cargo();
    cmd.current_dir(&ctx.root)
        .args(["build", "--package", "server", "--bin", "server"]);
    if release {
        cmd.arg("--release");
    }
    stage::run(&mut cmd)?;
    let binary = ctx
        .target
        .join(if release { "release" } else { "debug" })
        .join("server");
    if !binary.exists() {
        bail!("cargo finished but {} is missing", binary.display());
    }
    Ok(binary)
}

fn file_size(path: &Path) -> anyhow::Result<u64> {
    Ok(std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len())
}
