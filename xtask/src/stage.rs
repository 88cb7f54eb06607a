//! Progress lines for long work, and running commands with a clear failure message.

use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};

/// Numbered stages: `[2/6] building the hydrate bundle …` then `      done in 41.2 s`.
pub(crate) struct Stages {
    total: usize,
    current: usize,
    started: Instant,
    /// (name, seconds) of every finished stage, for the closing summary.
    pub(crate) timings: Vec<(String, f64)>,
}

impl Stages {
    pub(crate) fn new(total: usize) -> Self {
        Self {
            total,
            current: 0,
            started: Instant::now(),
            timings: Vec::new(),
        }
    }

    /// Runs `work` as the next stage, printing its start and its duration.
    pub(crate) fn run<T>(
        &mut self,
        name: &str,
        work: impl FnOnce() -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.current += 1;
        self.total = self.total.max(self.current);
        println!("[{}/{}] {name} …", self.current, self.total);
        let start = Instant::now();
        let result = work().with_context(|| format!("stage `{name}` failed"));
        let secs = start.elapsed().as_secs_f64();
        match &result {
            Ok(_) => println!("      done in {secs:.1} s"),
            Err(_) => println!("      failed after {secs:.1} s"),
        }
        self.timings.push((name.to_owned(), secs));
        result
    }

    /// Seconds since the first stage started.
    pub(crate) fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }
}

/// Runs a command with inherited output and fails with its command line if it fails.
pub(crate) fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = describe(cmd);
    let status = cmd
        .status()
        .with_context(|| format!("cannot start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// Runs a command and returns its standard output, trimmed.
pub(crate) fn output(cmd: &mut Command) -> anyhow::Result<String> {
    let shown = describe(cmd);
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("cannot start `{shown}`"))?;
    if !out.status.success() {
        bail!("`{shown}` failed ({})", out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// `cargo`, as the one running this xtask.
pub(crate) fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
