//! `trainer inspect` and `trainer convert`: looking into LoRA files and rewriting
//! them in the other key layout.

use std::path::Path;

use anyhow::{Context, bail};
use trainer::lora::Layout;
use trainer::lora::file::{self, Inspection};

pub(crate) fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

pub(crate) fn inspect(path: &Path) -> anyhow::Result<()> {
    let Inspection {
        layout,
        meta,
        tensors,
    } = file::inspect(&read(path)?)?;
    println!("file:      {}", path.display());
    println!(
        "layout:    {} (keys like {})",
        layout.name(),
        layout.example()
    );
    println!("trigger:   {}", meta.trigger);
    println!(
        "preset:    {} (base weights {})",
        meta.preset, meta.base_hash
    );
    println!(
        "rank:      {}   alpha: {}   strength alpha/rank: {}",
        meta.rank,
        meta.alpha,
        meta.alpha / meta.rank as f32
    );
    let targets: Vec<&str> = meta.targets.iter().map(|t| t.path()).collect();
    println!("targets:   {}", targets.join(", "));
    println!("step:      {}   seed: {}", meta.step, meta.seed);
    println!("tensors:   {}", tensors.len());
    for (name, shape) in tensors.iter().take(6) {
        println!("  {name} {shape:?}");
    }
    if tensors.len() > 6 {
        println!("  … {} more", tensors.len() - 6);
    }
    Ok(())
}

pub(crate) fn convert(input: &Path, to: &str, output: &Path) -> anyhow::Result<()> {
    let Some(layout) = Layout::parse(to) else {
        bail!("unknown layout `{to}`: use `fal` or `comfy`");
    };
    if output.exists() && std::fs::canonicalize(output).ok() == std::fs::canonicalize(input).ok() {
        bail!("refusing to overwrite the input file; choose another --output");
    }
    let converted = file::convert(&read(input)?, layout)?;
    write_atomic(output, &converted)?;
    println!("wrote {} in the {} layout", output.display(), layout.name());
    Ok(())
}

/// Writes `bytes` to `path` so that a reader (or a crash) never sees half a file:
/// a temporary file beside it, flushed to disk, then renamed over it.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    let temp = path.with_file_name(name);
    let mut file =
        std::fs::File::create(&temp).with_context(|| format!("cannot write {}", temp.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", temp.display()))?;
    std::fs::rename(&temp, path)
        .with_context(|| format!("cannot move {} into place", temp.display()))
}
