//! What an experiment run is made from, by hash, and with which settings, so
//! `cargo xtask experiments` knows when a kept run, or a half-made one in its
//! work folder, is stale.

use std::fs;
use std::path::Path;

use anyhow::Context;

/// What a run is made from, by hash: the base painter, the album and (unless it
/// is a style run, which has no probes) the judges that score its probes; and
/// the plan's settings for it. A kept run, or a half-made one in the work
/// folder, made from anything else or with other settings is made again from
/// the start.
pub(crate) struct Inputs(pub(crate) String);

/// The file, in a kept run and in its work folder, that names its [`Inputs`].
pub(crate) const INPUTS_FILE: &str = "inputs.sha256";

impl Inputs {
    pub(crate) fn of(base: &str, album: &str, judges: Option<&str>, settings: &str) -> Self {
        let judges = judges.map(|j| format!("judges {j}\n")).unwrap_or_default();
        Self(format!(
            "base {base}\nalbum {album}\n{judges}settings {settings}\n"
        ))
    }

    /// Whether `folder` was made from these inputs.
    pub(crate) fn made(&self, folder: &Path) -> bool {
        fs::read_to_string(folder.join(INPUTS_FILE)).is_ok_and(|h| h == self.0)
    }

    /// Readies the work folder: one left by other inputs is cleared, so a resumed
    /// run never mixes probe numbers from two sets of judges.
    pub(crate) fn claim(&self, work: &Path) -> anyhow::Result<()> {
        if work.exists() && !self.made(work) {
            println!(
                "  {} was begun from other inputs: starting over",
                work.display()
            );
            fs::remove_dir_all(work).with_context(|| format!("clearing {}", work.display()))?;
        }
        fs::create_dir_all(work)?;
        fs::write(work.join(INPUTS_FILE), &self.0)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_work_folder_from_other_inputs_starts_over_and_one_from_the_same_resumes() {
        let work = std::env::temp_dir().join(format!("sweetspot-inputs-{}", std::process::id()));
        let _ = fs::remove_dir_all(&work);
        let first = Inputs::of("b1", "a1", Some("j1"), "lr 1");
        first.claim(&work).expect("claims an empty folder");
        fs::write(work.join("state.safetensors"), b"half a run").expect("writes");
        assert!(first.made(&work));
        // The same inputs resume: the half-made run stays.
        first.claim(&work).expect("claims again");
        assert!(work.join("state.safetensors").is_file());
        // New judges: the half-made run is cleared.
        let judged_anew = Inputs::of("b1", "a1", Some("j2"), "lr 1");
        assert!(!judged_anew.made(&work));
        judged_anew.claim(&work).expect("claims from other inputs");
        assert!(!work.join("state.safetensors").exists());
        assert!(judged_anew.made(&work));
        // A style run names no judges, so they cannot make it stale.
        assert_ne!(Inputs::of("b1", "a1", None, "lr 1").0, judged_anew.0);
        // Other settings for the same run: made again too.
        assert!(!Inputs::of("b1", "a1", Some("j2"), "lr 2").made(&work));
        fs::remove_dir_all(&work).expect("cleans up");
    }
}
