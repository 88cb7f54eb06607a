//! `trainer`: the command line for the miniature painter's LoRA files.
//!
//! - `trainer inspect FILE` prints a LoRA file's metadata and key layout.
//! - `trainer convert FILE --to fal|comfy --output OUT` rewrites it in the other
//!   layout (never over its input; written to a temporary file, then renamed).
//! - `trainer world sheet --out FILE.png [--size 32|64] [--seed N]` draws a contact
//!   sheet of the pretraining world, magnified so it can be looked at;
//!   `trainer world bench [--size N] [--count N]` times rendering (build with `--release`).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use trainer::lora::Layout;
use trainer::lora::file::{self, Inspection};

#[derive(Parser)]
#[command(
    name = "trainer",
    about = "LoRA files for the Sweet Spot miniature painter"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a LoRA file's metadata and key layout.
    Inspect {
        /// The `.safetensors` file.
        file: PathBuf,
    },
    /// Rewrite a LoRA file in another key layout.
    Convert {
        /// The `.safetensors` file to read.
        file: PathBuf,
        /// The layout to write: `fal` or `comfy`.
        #[arg(long)]
        to: String,
        /// Where to write the converted file.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// The procedural world the painter is pretrained on.
    World {
        #[command(subcommand)]
        command: WorldCommand,
    },
}

#[derive(Subcommand)]
enum WorldCommand {
    /// Write a contact sheet: every scene, TOK and the figurines, lights, framings, styles.
    Sheet {
        /// The PNG file to write.
        #[arg(long)]
        out: PathBuf,
        /// Picture side in pixels (32 for the in-browser painter, 64 for the larger one).
        #[arg(long, default_value_t = 32)]
        size: usize,
        /// Seeds the variations.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time rendering pretraining pictures on one core.
    Bench {
        /// Picture side in pixels.
        #[arg(long, default_value_t = 32)]
        size: usize,
        /// How many pictures to render.
        #[arg(long, default_value_t = 2000)]
        count: usize,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Inspect { file } => inspect(&file),
        Command::Convert { file, to, output } => convert(&file, &to, &output),
        Command::World {
            command: WorldCommand::Sheet { out, size, seed },
        } => world_sheet(&out, size, seed),
        Command::World {
            command: WorldCommand::Bench { size, count },
        } => world_bench(size, count),
    }
}

fn world_bench(size: usize, count: usize) -> anyhow::Result<()> {
    let mut sampler = trainer::world::WorldSampler::pretraining(1, size);
    let specs: Vec<_> = (0..count).map(|_| sampler.next_spec()).collect();
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for spec in &specs {
        bytes += trainer::world::render(spec, size)?.pixels.len();
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "rendered {count} pictures of {size}×{size} ({bytes} bytes) in {seconds:.2} s: {:.0} pictures/s",
        count as f64 / seconds.max(1e-9)
    );
    Ok(())
}

fn world_sheet(out: &Path, size: usize, seed: u64) -> anyhow::Result<()> {
    let sheet = trainer::world::world_sheet(size, seed)?;
    std::fs::write(out, sheet.to_png()?)
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "wrote {} ({}×{}, pictures of {size}×{size})",
        out.display(),
        sheet.width,
        sheet.height
    );
    Ok(())
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn inspect(path: &Path) -> anyhow::Result<()> {
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

fn convert(input: &Path, to: &str, output: &Path) -> anyhow::Result<()> {
    let Some(layout) = Layout::parse(to) else {
        bail!("unknown layout `{to}`: use `fal` or `comfy`");
    };
    if output.exists() && std::fs::canonicalize(output).ok() == std::fs::canonicalize(input).ok() {
        bail!("refusing to overwrite the input file; choose another --output");
    }
    let converted = file::convert(&read(input)?, layout)?;
    let temp = output.with_extension("safetensors.partial");
    std::fs::write(&temp, &converted)
        .with_context(|| format!("cannot write {}", temp.display()))?;
    std::fs::rename(&temp, output)
        .with_context(|| format!("cannot move {} into place", temp.display()))?;
    println!("wrote {} in the {} layout", output.display(), layout.name());
    Ok(())
}
