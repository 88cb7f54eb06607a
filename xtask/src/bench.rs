//! `cargo xtask bench site`: the site's size and speed, with ratios against
//! references measured in the same run (never a timed test).
//!
//! - hydrate bundle raw, gzip -9 and brotli -q 11, against the 250 KB goal;
//! - the lab engine's workers the same way: the CPU build against its 1 MB
//!   goal, the WebGPU build against its 3 MB goal;
//! - time to first byte of a chapter page and of `/healthz` (median of 50);
//! - requests per second of a chapter page against `/healthz` with `wrk`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::stage::{self, Stages};
use crate::{Ctx, site};

const BUNDLE_GOAL_BYTES: f64 = 250.0 * 1000.0;
/// The CPU lab engine's goal: wasm and glue, brotli.
const ENGINE_GOAL_BYTES: f64 = 1000.0 * 1000.0;
/// The WebGPU lab engine's goal: wasm and glue, brotli.
const WEBGPU_ENGINE_GOAL_BYTES: f64 = 3000.0 * 1000.0;

/// Runs the site benchmark.
pub(crate) fn site(ctx: &Ctx) -> anyhow::Result<()> {
    let mut stages = Stages::new(6);
    site::build_assets(ctx, &mut stages)?;
    let server = stages.run("building the release server", || {
        site::build_server(ctx, true)
    })?;
    let pkg = ctx.site_root().join("pkg");
    println!();
    println!("hydrate bundle               raw       gzip -9   brotli -11");
    let bundle = size_table(&pkg, &["course_bg.wasm", "course.js"])?;
    size_table(&pkg, &["course.css"])?;
    println!(
        "  wasm + js brotli {:.1} KB = {:.2}× the 250 KB goal",
        kb(bundle),
        bundle as f64 / BUNDLE_GOAL_BYTES
    );
    println!("lab engine (CPU)             raw       gzip -9   brotli -11");
    let engine = size_table(&pkg, &["engine/engine_bg.wasm", "engine/engine.js"])?;
    println!(
        "  engine brotli {:.1} KB = {:.2}× the 1 MB goal",
        kb(engine),
        engine as f64 / ENGINE_GOAL_BYTES
    );
    println!("lab engine (WebGPU)          raw       gzip -9   brotli -11");
    let webgpu = size_table(
        &pkg,
        &["engine-webgpu/engine_bg.wasm", "engine-webgpu/engine.js"],
    )?;
    println!(
        "  engine brotli {:.1} KB = {:.2}× the 3 MB goal",
        kb(webgpu),
        webgpu as f64 / WEBGPU_ENGINE_GOAL_BYTES
    );
    let binary = std::fs::metadata(&server)?.len();
    println!("server binary (release)  {:.1} MB", binary as f64 / 1e6);

    let port = free_port()?;
    let mut child = ServerGuard(
        Command::new(&server)
            .args(["--addr", &format!("127.0.0.1:{port}"), "--site-root"])
            .arg(ctx.site_root())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start the release server")?,
    );
    wait_up(port)?;
    let chapter = median_ttfb(port, "/learn/steps")?;
    let health = median_ttfb(port, "/healthz")?;
    println!();
    println!("time to first byte (median of 50, one connection each)");
    println!("  /healthz        {:>7.3} ms  (reference)", health * 1e3);
    println!(
        "  /learn/steps    {:>7.3} ms  = {:.1}× the reference",
        chapter * 1e3,
        chapter / health
    );
    match (wrk(port, "/healthz"), wrk(port, "/learn/steps")) {
        (Ok(reference), Ok(page)) => {
            println!(
                "requests/s (wrk -t2 -c32 -d10s, sharing this machine's cores with the server)"
            );
            println!("  /healthz        {reference:>9.0}  (reference)");
            println!(
                "  /learn/steps    {page:>9.0}  = {:.2}× the reference",
                page / reference
            );
        }
        (Err(err), _) | (_, Err(err)) => println!("requests/s skipped: {err:#}"),
    }
    child.stop();
    Ok(())
}

/// Prints raw, gzip and brotli sizes of `files` (under `dir`), one row each,
/// and returns their brotli total.
fn size_table(dir: &Path, files: &[&str]) -> anyhow::Result<u64> {
    let mut total_br = 0;
    for file in files {
        let path = dir.join(file);
        let raw = std::fs::metadata(&path)
            .with_context(|| format!("{}", path.display()))?
            .len();
        let gz = compressed_len(Command::new("gzip").args(["-9", "-c"]).arg(&path))?;
        let br = compressed_len(Command::new("brotli").args(["-q", "11", "-c"]).arg(&path))?;
        total_br += br;
        println!(
            "  {file:<22} {:>7.1} KB {:>7.1} KB {:>9.1} KB",
            kb(raw),
            kb(gz),
            kb(br)
        );
    }
    Ok(total_br)
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

fn compressed_len(cmd: &mut Command) -> anyhow::Result<u64> {
    let out = cmd.output().with_context(|| {
        format!(
            "cannot run {:?} (install gzip and brotli)",
            cmd.get_program()
        )
    })?;
    if !out.status.success() {
        bail!("{:?} failed", cmd.get_program());
    }
    Ok(out.stdout.len() as u64)
}

struct ServerGuard(Child);

impl ServerGuard {
    fn stop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for ServerGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn wait_up(port: u16) -> anyhow::Result<()> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if ttfb(port, "/healthz").is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("the server did not come up on port {port}")
}

/// Seconds from sending a GET to reading the first byte of the answer.
fn ttfb(port: u16, path: &str) -> anyhow::Result<f64> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    let start = Instant::now();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )?;
    let mut first = [0u8; 1];
    stream.read_exact(&mut first)?;
    let elapsed = start.elapsed().as_secs_f64();
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest)?;
    Ok(elapsed)
}

fn median_ttfb(port: u16, path: &str) -> anyhow::Result<f64> {
    let mut samples = (0..50)
        .map(|_| ttfb(port, path))
        .collect::<anyhow::Result<Vec<_>>>()?;
    samples.sort_by(f64::total_cmp);
    Ok(samples[samples.len() / 2])
}

fn wrk(port: u16, path: &str) -> anyhow::Result<f64> {
    if !Path::new("/usr/bin/wrk").exists() {
        bail!("wrk is not installed (apt-get install wrk)");
    }
    let out = stage::output(Command::new("wrk").args([
        "-t2",
        "-c32",
        "-d10s",
        &format!("http://127.0.0.1:{port}{path}"),
    ]))?;
    out.lines()
        .find_map(|line| line.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .context("wrk printed no Requests/sec line")
}
