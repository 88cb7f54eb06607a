//! Where a run came from, for manifests: the painter presets and their names,
//! the commit the trainer was run at and the command line it was run with.

use trainer::model::PainterConfig;

/// `tiny`, `small` or `custom`.
pub(crate) fn preset_name(shape: &PainterConfig) -> &'static str {
    if *shape == PainterConfig::tiny() {
        "tiny"
    } else if *shape == PainterConfig::small() {
        "small"
    } else {
        "custom"
    }
}

/// The commit the working directory is at, when it is a git checkout.
pub(crate) fn commit() -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The command line this process was started with, as `trainer …` (arguments
/// with spaces quoted), so a manifest can say how to make its run again.
pub(crate) fn command_line() -> String {
    let mut words = vec!["trainer".to_owned()];
    words.extend(std::env::args().skip(1).map(|arg| {
        if arg.contains(char::is_whitespace) {
            format!("'{arg}'")
        } else {
            arg
        }
    }));
    words.join(" ")
}

/// The painter presets a command can build.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Preset {
    /// 32×32, about 1.5 M parameters.
    Tiny,
    /// 64×64, about 10 M parameters.
    Small,
}

impl Preset {
    /// The painter's shape.
    pub(crate) fn shape(self) -> PainterConfig {
        match self {
            Self::Tiny => PainterConfig::tiny(),
            Self::Small => PainterConfig::small(),
        }
    }
}
