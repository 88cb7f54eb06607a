//! axe-core for the browser suite's accessibility check: one pinned release from
//! the npm registry, its SHA-256 checked, cached under the target directory.
//!
//! No npm is needed: the registry's tarball is fetched with `curl` and
//! `package/axe.min.js` is taken out of it with `tar`. A missing network, a
//! changed tarball or a missing tool fails the stage out loud; the check is never
//! skipped in silence.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

use crate::{Ctx, stage};

/// The axe-core release the suite runs.
pub(crate) const VERSION: &str = "4.14.1";

/// SHA-256 of `axe-core-4.14.1.tgz` as the npm registry serves it (the same
/// bytes as its published integrity
/// `sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==`).
const TARBALL_SHA256: &str = "e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745";

/// The file inside the tarball that the browser suite injects into pages.
const SCRIPT_IN_TARBALL: &str = "package/axe.min.js";

fn tarball_url() -> String {
    format!("https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz")
}

/// Returns the path of `axe.min.js`, fetching and unpacking the pinned release
/// into `target/axe-core-VERSION/` the first time.
pub(crate) fn ensure(ctx: &Ctx) -> anyhow::Result<PathBuf> {
    let dir = ctx.target.join(format!("axe-core-{VERSION}"));
    let tarball = dir.join(format!("axe-core-{VERSION}.tgz"));
    let script = dir.join(SCRIPT_IN_TARBALL);
    if tarball.exists() && script.exists() && sha256_of(&tarball)? == TARBALL_SHA256 {
        println!("      axe-core {VERSION} cached in {}", dir.display());
        return Ok(script);
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    download(&tarball)?;
    let found = sha256_of(&tarball)?;
    if found != TARBALL_SHA256 {
        // Keep nothing that failed the check, so the next run fetches afresh.
        let _ = std::fs::remove_file(&tarball);
        bail!(
            "axe-core {VERSION} from {} has SHA-256 {found}, expected {TARBALL_SHA256}: \
             refusing to run an unverified script",
            tarball_url()
        );
    }
    stage::run(
        Command::new("tar")
            .arg("-xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&dir)
            .arg(SCRIPT_IN_TARBALL),
    )
    .context("cannot unpack axe.min.js (is `tar` installed?)")?;
    if !script.exists() {
        bail!("{} is not in the axe-core tarball", SCRIPT_IN_TARBALL);
    }
    println!("      axe-core {VERSION} fetched and verified");
    Ok(script)
}

/// Fetches the tarball with curl into `to` (through a partial file, renamed in place).
fn download(to: &Path) -> anyhow::Result<()> {
    let url = tarball_url();
    println!("      fetching {url}");
    let partial = to.with_extension("tgz.part");
    stage::run(
        Command::new("curl")
            .args(["--fail", "--silent", "--show-error", "--location"])
            .args(["--retry", "2", "--max-time", "120", "--output"])
            .arg(&partial)
            .arg(&url),
    )
    .with_context(|| {
        format!(
            "cannot download axe-core {VERSION} from {url}: the accessibility check needs it \
             (is the network reachable and `curl` installed?)"
        )
    })?;
    std::fs::rename(&partial, to)
        .with_context(|| format!("cannot move {} into place", partial.display()))
}

fn sha256_of(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(hex(&Sha256::digest(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pin_is_a_sha256_in_hex() {
        assert_eq!(TARBALL_SHA256.len(), 64);
        assert!(TARBALL_SHA256.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(tarball_url().ends_with(&format!("axe-core-{VERSION}.tgz")));
    }
}
