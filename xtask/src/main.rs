//! `cargo xtask`: the two commands a newcomer needs, and the build steps behind them.
//!
//! - `cargo xtask serve [--addr HOST:PORT] [--release]` installs what is missing,
//!   builds the hydrate bundle and the server, and serves the course.
//! - `cargo xtask test` runs formatting and lint checks, every unit and
//!   integration test, and the browser suite in headless Chromium.
//! - `cargo xtask build [--release]` builds the site without serving it.
//! - `cargo xtask bench site` measures the site's size and speed; `bench trainer`
//!   times LoRA training and sampling against a PyTorch twin; `bench engine`
//!   times the lab engine in Chromium (CPU and WebGPU) against native.
//! - `cargo xtask experiments` makes the course's real LoRA runs (see
//!   `experiment_plan.rs`) and keeps them under `assets/experiments/`.
//!
//! Each stage prints one progress line when it starts and its time when it ends.

mod axe;
mod bench;
mod bench_engine;
mod bench_trainer;
mod edit_findings;
mod engine;
mod experiment_plan;
mod experiments;
mod findings;
mod limits;
mod report;
mod run_inputs;
mod seed_spread;
mod setup;
mod site;
mod stage;
mod svg;
mod test;
mod widget_data;

use std::path::PathBuf;

use anyhow::{Context, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--addr HOST:PORT] [--release]   build everything and serve the course (default 127.0.0.1:3000)
  build [--release]                      build the hydrate bundle and the server
  test                                   fmt, clippy, all tests and the browser suite
  bench site                             bundle sizes, time to first byte and requests/s, with ratios
  bench trainer                          LoRA step time and sampling latency against a PyTorch twin
  bench engine                           the lab engine in Chromium (CPU, WebGPU) against native
  experiments [--only NAME]… [--list]    the course's real LoRA runs, kept under assets/experiments/
  experiments report                     the findings report (REPORT.md and SVG charts) from the kept runs
";

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let ctx = Ctx::discover()?;
    match command.as_str() {
        "serve" => {
            let opts = ServeOpts::parse(&rest)?;
            site::serve(&ctx, &opts)
        }
        "build" => {
            let release = parse_release_only(&rest)?;
            site::build(&ctx, release, &mut stage::Stages::new(4)).map(|_| ())
        }
        "test" => {
            if !rest.is_empty() {
                bail!("`test` takes no arguments\n\n{USAGE}");
            }
            test::run(&ctx)
        }
        "bench" => match rest.as_slice() {
            [what] if what == "site" => bench::site(&ctx),
            [what] if what == "trainer" => bench_trainer::trainer(&ctx),
            [what] if what == "engine" => bench_engine::engine(&ctx),
            _ => bail!("`bench` takes what to measure: `site`, `trainer` or `engine`\n\n{USAGE}"),
        },
        "experiments" => experiments::experiments(&ctx, &rest),
        "" | "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

/// Where things are.
pub(crate) struct Ctx {
    /// The workspace root.
    pub(crate) root: PathBuf,
    /// Cargo's target directory (honours `CARGO_TARGET_DIR`).
    pub(crate) target: PathBuf,
}

impl Ctx {
    fn discover() -> anyhow::Result<Self> {
        // `cargo run` sets the variable for the running binary too: prefer it, so
        // an xtask binary reused from a shared target directory still works on the
        // checkout it was started from rather than the one it was built from.
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
        let root = manifest_dir
            .parent()
            .context("xtask lives inside the workspace")?
            .to_path_buf();
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => {
                let dir = PathBuf::from(dir);
                if dir.is_absolute() {
                    dir
                } else {
                    root.join(dir)
                }
            }
            None => root.join("target"),
        };
        Ok(Self { root, target })
    }

    /// The folder the server serves static files from.
    pub(crate) fn site_root(&self) -> PathBuf {
        self.target.join("site")
    }
}

/// Options of `serve`.
pub(crate) struct ServeOpts {
    pub(crate) addr: String,
    pub(crate) release: bool,
}

impl ServeOpts {
    fn parse(args: &[String]) -> anyhow::Result<Self> {
        let mut opts = Self {
            addr: "127.0.0.1:3000".to_owned(),
            release: false,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--release" => opts.release = true,
                "--addr" => {
                    opts.addr = it
                        .next()
                        .context("`--addr` needs a value such as 127.0.0.1:3000")?
                        .clone();
                }
                other => match other.strip_prefix("--addr=") {
                    Some(addr) => opts.addr = addr.to_owned(),
                    None => bail!("unknown option `{other}` for `serve`\n\n{USAGE}"),
                },
            }
        }
        if opts.addr.parse::<std::net::SocketAddr>().is_err() {
            bail!(
                "`--addr {}` is not HOST:PORT with a numeric host, e.g. 127.0.0.1:3000",
                opts.addr
            );
        }
        Ok(opts)
    }
}

fn parse_release_only(args: &[String]) -> anyhow::Result<bool> {
    match args {
        [] => Ok(false),
        [flag] if flag == "--release" => Ok(true),
        _ => bail!("`build` takes only `--release`\n\n{USAGE}"),
    }
}
