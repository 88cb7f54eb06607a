//! A job's folder in the data directory, and the two ways files get into it.
//!
//! ```text
//! jobs/ID/checkpoints/lora-step-000500.safetensors   LoRA at step 500 (job's layout)
//! jobs/ID/states/step-000500-a3.safetensors          full training state, attempt 3
//! jobs/ID/samples/step-000500-p0.png                 validation prompt 0 at step 500
//! jobs/ID/lora.safetensors                           the finished LoRA
//! ```
//!
//! Every write goes to a temporary file that is flushed to disk and then moved
//! into place, so a crash leaves either the old file or the new one, never half of
//! one. Checkpoints and states are written with [`write_new`], which never
//! replaces an existing file: a resumed run cannot overwrite an earlier attempt's
//! checkpoint, and a stale worker cannot overwrite its successor's. State files
//! carry the attempt's fencing token in their name, so two attempts never even
//! aim at the same one.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A job's folder.
#[derive(Clone, Debug)]
pub struct JobDir {
    root: PathBuf,
}

impl JobDir {
    /// `data/jobs/ID`, created with its subfolders.
    pub fn create(jobs_root: &Path, id: &str) -> io::Result<Self> {
        let root = jobs_root.join(id);
        for sub in ["checkpoints", "states", "samples"] {
            std::fs::create_dir_all(root.join(sub))?;
        }
        Ok(Self { root })
    }

    /// The folder of job `id`, without touching the disk.
    pub fn at(jobs_root: &Path, id: &str) -> Self {
        Self {
            root: jobs_root.join(id),
        }
    }

    /// A path inside the folder.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// `checkpoints/lora-step-NNNNNN.safetensors`.
    pub fn checkpoint(step: u32) -> String {
        format!("checkpoints/lora-step-{step:06}.safetensors")
    }

    /// `states/step-NNNNNN-aTOKEN.safetensors`.
    pub fn state(step: u32, token: i64) -> String {
        format!("states/step-{step:06}-a{token}.safetensors")
    }

    /// `samples/step-NNNNNN-pK.png` (the name alone is `sample_name`).
    pub fn sample(step: u32, prompt: usize) -> String {
        format!("samples/{}", sample_name(step, prompt))
    }

    /// The finished LoRA.
    pub const FINAL: &'static str = "lora.safetensors";
}

/// `step-NNNNNN-pK.png`.
pub fn sample_name(step: u32, prompt: usize) -> String {
    format!("step-{step:06}-p{prompt}.png")
}

/// Whether `name` is a sample file name this server writes (and nothing else,
/// so it is safe to join to a folder).
pub fn is_sample_name(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix("step-")
        .and_then(|r| r.strip_suffix(".png"))
    else {
        return false;
    };
    let Some((step, prompt)) = rest.split_once("-p") else {
        return false;
    };
    step.len() == 6
        && step.bytes().all(|b| b.is_ascii_digit())
        && !prompt.is_empty()
        && prompt.len() <= 3
        && prompt.bytes().all(|b| b.is_ascii_digit())
}

/// Writes `bytes` to a fresh temporary file beside `path`, flushed to disk.
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.partial", crate::ids::random_hex(8)));
    let temp = path.with_file_name(name);
    let mut file = std::fs::File::create_new(&temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(temp)
}

/// Flushes a folder's entries (the rename or link just made) to disk.
fn sync_dir(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) => std::fs::File::open(parent)?.sync_all(),
        None => Ok(()),
    }
}

/// Writes `path` atomically, replacing any file there.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    if let Err(e) = std::fs::rename(&temp, path) {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(path)
}

/// Writes `path` atomically unless it already exists. Returns whether this call
/// wrote it. A hard link fails rather than replace, which makes the check and
/// the write one step.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let temp = write_temp(path, bytes)?;
    let linked = std::fs::hard_link(&temp, path);
    std::fs::remove_file(&temp)?;
    match linked {
        Ok(()) => {
            sync_dir(path)?;
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_new_never_replaces() {
        let dir =
            std::env::temp_dir().join(format!("sweetspot-files-{}", crate::ids::random_hex(6)));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("a.bin");
        assert!(write_new(&path, b"first").expect("write"));
        assert!(!write_new(&path, b"second").expect("write"));
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        write_atomic(&path, b"third").expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"third");
        let leftovers = std::fs::read_dir(&dir).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary files left behind");
        std::fs::remove_dir_all(&dir).expect("clean");
    }

    #[test]
    fn sample_names_are_checked() {
        assert!(is_sample_name(&sample_name(500, 2)));
        for bad in [
            "../x.png",
            "step-000500-p0.png/..",
            "step-5-p0.png",
            "step-000500-p.png",
            "step-000500-p0.jpg",
        ] {
            assert!(!is_sample_name(bad), "{bad}");
        }
    }
}
