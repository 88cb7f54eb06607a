//! Installs what a fresh machine lacks: the wasm target, Chromium and its driver,
//! and Mesa's software Vulkan driver for the trainer's wgpu test.

use std::path::Path;
use std::process::Command;

use anyhow::bail;

use crate::stage;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Adds the wasm32 target with rustup when it is missing.
pub(crate) fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = stage::output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("      {WASM_TARGET} is installed");
        return Ok(());
    }
    stage::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Paths of the browser and its WebDriver used by the browser suite.
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs Debian's `chromium` and `chromium-driver` with apt when missing.
pub(crate) fn ensure_chromium() -> anyhow::Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        // Debian's `chromium --version` wrapper prints shell noise; ask dpkg instead.
        let version =
            stage::output(Command::new("dpkg-query").args(["-W", "-f=${Version}", "chromium"]))
                .unwrap_or_else(|_| "a local build".to_owned());
        println!("      found chromium {version}");
        return Ok(());
    }
    println!("      installing chromium and chromium-driver with apt");
    apt_install(
        &["chromium", "chromium-driver"],
        "install chromium and chromedriver so that /usr/bin/chromium and /usr/bin/chromedriver exist",
    )
}

/// Where Mesa's lavapipe (a Vulkan driver on the CPU) registers itself.
const LAVAPIPE_ICD: &str = "/usr/share/vulkan/icd.d";

/// Installs Debian's `mesa-vulkan-drivers` when no lavapipe driver is registered,
/// so wgpu finds a Vulkan adapter on machines without a GPU.
pub(crate) fn ensure_vulkan_driver() -> anyhow::Result<()> {
    let registered = std::fs::read_dir(LAVAPIPE_ICD).is_ok_and(|dir| {
        dir.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("lvp_icd"))
    });
    if registered {
        println!("      found Mesa's lavapipe Vulkan driver");
        return Ok(());
    }
    println!("      installing mesa-vulkan-drivers with apt");
    apt_install(
        &["mesa-vulkan-drivers"],
        "install Mesa's Vulkan drivers (lavapipe)",
    )
}

/// `apt-get install` as root or through sudo; `otherwise` says what to do by hand.
fn apt_install(packages: &[&str], otherwise: &str) -> anyhow::Result<()> {
    if !Path::new("/usr/bin/apt-get").exists() {
        bail!("this is not a Debian-like system: {otherwise}");
    }
    let as_root = stage::output(Command::new("id").arg("-u")).is_ok_and(|uid| uid == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        stage::run(&mut cmd)
    };
    apt(&["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq"];
    args.extend_from_slice(packages);
    apt(&args)
}
