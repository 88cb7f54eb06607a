//! Child processes that die with the test, and waiting for them to listen.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Kills the child process when dropped, so a failing test leaves nothing behind.
pub(crate) struct Guard {
    name: &'static str,
    child: Child,
}

impl Guard {
    pub(crate) fn spawn(name: &'static str, cmd: &mut Command) -> anyhow::Result<Self> {
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {name} ({:?})", cmd.get_program()))?;
        Ok(Self { name, child })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Err(err) = self.child.kill() {
            eprintln!("could not stop {}: {err}", self.name);
        }
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now.
pub(crate) fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Polls `url` until it answers 200.
pub(crate) async fn wait_until_up(url: &str, limit: Duration) -> anyhow::Result<()> {
    let start = Instant::now();
    loop {
        if crate::fetch(url).await.is_ok_and(|page| page.status == 200) {
            return Ok(());
        }
        if start.elapsed() > limit {
            bail!("{url} did not answer within {} s", limit.as_secs());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Runs `server admin create-instructor` against the data folder `data`, the
/// password on standard input.
pub(crate) fn create_instructor(
    server: &std::path::Path,
    data: &std::path::Path,
    username: &str,
    password: &str,
) -> anyhow::Result<()> {
    use std::io::Write;
    let mut child = std::process::Command::new(server)
        .arg("--data-dir")
        .arg(data)
        .args(["admin", "create-instructor", "--username", username])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("cannot run `server admin create-instructor`")?;
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, "{password}").context("cannot pass the password")?;
    }
    let status = child.wait().context("`server admin` did not finish")?;
    if !status.success() {
        bail!("`server admin create-instructor` failed ({status})");
    }
    Ok(())
}
