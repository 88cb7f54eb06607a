//! `trainer world`: looking at the procedural world the painter is pretrained on
//! (a contact sheet), timing how fast it renders, and writing the course's albums.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// `trainer world …`.
#[derive(clap::Subcommand)]
pub(crate) enum WorldCommand {
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
    /// Write the course's albums, their contact sheets and a manifest into a folder.
    Albums {
        /// The folder to write into (created if missing; files are replaced).
        #[arg(long)]
        out: PathBuf,
        /// Picture side in pixels: 32 or 64.
        #[arg(long, default_value_t = 32, value_parser = crate::albums_cmd::parse_size)]
        size: usize,
        /// Seeds every recipe.
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

/// Runs a `trainer world` command.
pub(crate) fn run(command: WorldCommand) -> anyhow::Result<()> {
    match command {
        WorldCommand::Sheet { out, size, seed } => world_sheet(&out, size, seed),
        WorldCommand::Bench { size, count } => world_bench(size, count),
        WorldCommand::Albums { out, size, seed } => {
            crate::albums_cmd::write_albums(&out, size, seed)
        }
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
