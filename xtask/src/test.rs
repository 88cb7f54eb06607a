//! `cargo xtask test`: every check CI runs, in the order that fails fastest.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use crate::stage::{self, Stages};
use crate::{Ctx, axe, setup, site};

/// Runs fmt, clippy (native and wasm), the browser setup, the site build and all
/// tests, then prints one closing line: `xtask test: N passed, M failed`.
pub(crate) fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let mut stages = Stages::new(10);
    stages.run("checking formatting (cargo fmt --check)", || {
        stage::run(
            stage::cargo()
                .current_dir(&ctx.root)
                .args(["fmt", "--all", "--check"]),
        )
    })?;
    stages.run("linting native crates (clippy -D warnings)", || {
        stage::run(stage::cargo().current_dir(&ctx.root).args([
            "clippy",
            "--workspace",
            "--exclude",
            "course-hydrate",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    stages.run("linting the browser build (clippy, wasm32)", || {
        setup::ensure_wasm_target()?;
        stage::run(stage::cargo().current_dir(&ctx.root).args([
            "clippy",
            "--package",
            "course-hydrate",
            "--package",
            "lab-engine-worker",
            "--features",
            "lab-engine-worker/webgpu",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    stages.run("checking Chromium and ChromeDriver", setup::ensure_chromium)?;
    let axe_script = stages.run(
        &format!(
            "fetching axe-core {} (pinned, SHA-256 checked)",
            axe::VERSION
        ),
        || axe::ensure(ctx),
    )?;
    site::build_assets(ctx, &mut stages)?;
    let counts = stages.run("running all tests, browser suite included", || {
        let out_dir = ctx.target.join("e2e-output");
        std::fs::create_dir_all(&out_dir)
            .with_context(|| format!("cannot create {}", out_dir.display()))?;
        let axe_summary = out_dir.join(AXE_SUMMARY);
        let _ = std::fs::remove_file(&axe_summary);
        let mut cmd = stage::cargo();
        cmd.current_dir(&ctx.root)
            .args(["test", "--workspace", "--exclude", "course-hydrate"])
            .env("SWEETSPOT_SITE_ROOT", ctx.site_root())
            .env("SWEETSPOT_TEST_OUT", &out_dir)
            .env("SWEETSPOT_CHROMIUM", setup::CHROMIUM)
            .env("SWEETSPOT_CHROMEDRIVER", setup::CHROMEDRIVER)
            .env("SWEETSPOT_AXE_JS", &axe_script);
        let counts = run_counting(&mut cmd);
        print_axe_summary(&axe_summary);
        let counts = counts?;
        println!("      screenshots in {}", out_dir.display());
        Ok(counts)
    });
    let counts = counts.and_then(|mut counts| {
        let gpu = stages.run("training on wgpu (Mesa's software Vulkan)", || {
            setup::ensure_vulkan_driver()?;
            stage::run(stage::cargo().current_dir(&ctx.root).args([
                "clippy",
                "-p",
                "trainer",
                "--features",
                "wgpu",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))?;
            run_counting(stage::cargo().current_dir(&ctx.root).args([
                "test",
                "-p",
                "trainer",
                "--features",
                "wgpu",
                "--lib",
                "wgpu_tests",
            ]))
        })?;
        counts.passed += gpu.passed;
        counts.failed += gpu.failed;
        Ok(counts)
    });
    println!();
    for (name, secs) in &stages.timings {
        println!("  {secs:>7.1} s  {name}");
    }
    println!("  {:>7.1} s  total", stages.elapsed());
    match counts {
        Ok(counts) => {
            println!(
                "xtask test: {} passed, {} failed",
                counts.passed, counts.failed
            );
            Ok(())
        }
        Err(err) => {
            println!("xtask test: failed");
            Err(err)
        }
    }
}

/// The file the browser suite's accessibility test writes, one line per page.
const AXE_SUMMARY: &str = "axe-summary.txt";

/// Echoes the accessibility test's per-page lines after the test output, where
/// a reader looks for them (cargo test hides a passing test's own prints).
fn print_axe_summary(path: &std::path::Path) {
    match std::fs::read_to_string(path) {
        Ok(summary) => {
            println!("      accessibility (axe-core {}):", axe::VERSION);
            for line in summary.lines() {
                println!("        {line}");
            }
        }
        Err(_) => println!("      no accessibility summary at {}", path.display()),
    }
}

/// Totals over every `test result:` line cargo prints.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    passed: u64,
    failed: u64,
}

/// Runs `cargo test`, echoing its output while adding up the results.
fn run_counting(cmd: &mut Command) -> anyhow::Result<Counts> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start cargo test")?;
    let stdout = child.stdout.take().context("cargo test has no stdout")?;
    let mut counts = Counts::default();
    for line in BufReader::new(stdout).lines() {
        let line = line.context("cannot read cargo test's output")?;
        println!("{line}");
        if let Some(result) = parse_result_line(&line) {
            counts.passed += result.passed;
            counts.failed += result.failed;
        }
    }
    let status = child.wait().context("cargo test did not finish")?;
    if !status.success() {
        println!(
            "xtask test: {} passed, {} failed",
            counts.passed, counts.failed
        );
        bail!("cargo test failed ({status})");
    }
    Ok(counts)
}

/// Reads `test result: ok. 12 passed; 0 failed; 0 ignored; …`.
fn parse_result_line(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |word: &str| -> Option<u64> {
        rest.split(';').find_map(|part| {
            part.trim()
                .strip_suffix(word)?
                .trim()
                .rsplit(' ')
                .next()?
                .parse()
                .ok()
        })
    };
    Some(Counts {
        passed: number_before("passed")?,
        failed: number_before("failed")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_result_lines() {
        assert_eq!(
            parse_result_line(
                "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s"
            ),
            Some(Counts {
                passed: 12,
                failed: 0
            })
        );
        assert_eq!(
            parse_result_line("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            Some(Counts {
                passed: 3,
                failed: 2
            })
        );
        assert_eq!(parse_result_line("running 3 tests"), None);
    }
}
