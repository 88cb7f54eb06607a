//! `trainer world`: looking at the procedural world the painter is pretrained on
//! (a contact sheet), timing how fast it renders, writing the course's albums,
//! and showing how the edit album's pairs are made, stage by stage.

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
    /// Show how some of the edit album's pairs are made: a sheet with one row
    /// per pair and one column per stage (`pairs.png`), and `pairs.json`.
    Pairs {
        /// The folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Which of the edit album's pairs, by number (`edit_04` is 4).
        #[arg(long, value_delimiter = ',', default_value = "4,7,9")]
        pairs: Vec<usize>,
        /// Picture side in pixels.
        #[arg(long, default_value_t = 32)]
        size: usize,
        /// The albums' seed (the same pairs as `world albums --seed`).
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
        WorldCommand::Pairs {
            out,
            pairs,
            size,
            seed,
        } => world_pairs(&out, &pairs, size, seed),
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

fn world_pairs(out: &Path, pairs: &[usize], size: usize, seed: u64) -> anyhow::Result<()> {
    use trainer::world::pipeline::{STAGES, pair_stages};
    use trainer::world::{COURSE_ALBUMS, Recipe};
    let album_size = COURSE_ALBUMS
        .iter()
        .find(|(recipe, _)| *recipe == Recipe::Edit)
        .map_or(0, |(_, n)| *n);
    if pairs.is_empty() || pairs.iter().any(|n| *n == 0 || *n > album_size) {
        anyhow::bail!("--pairs takes pair numbers from 1 to {album_size}, e.g. 4,7,9");
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let specs = Recipe::Edit.specs(album_size, seed);
    let mut pictures = Vec::new();
    let mut captions = Vec::new();
    for &n in pairs {
        let stages = pair_stages(&specs[n - 1], size)?;
        captions.push(stages.caption);
        pictures.extend(stages.pictures);
    }
    let sheet = trainer::image::contact_sheet(&pictures, STAGES.len(), 1);
    crate::files::write_atomic(&out.join("pairs.png"), &sheet.to_png()?)?;
    let list: Vec<String> = pairs.iter().map(usize::to_string).collect();
    let manifest = serde_json::json!({
        "command": format!(
            "trainer world pairs --out {} --pairs {} --size {size} --seed {seed}",
            out.display(),
            list.join(",")
        ),
        "commit": crate::provenance::commit(),
        "seed": seed,
        "size": size,
        "pairs": pairs,
        "stages": STAGES,
        "captions": captions,
    });
    let json = serde_json::to_string_pretty(&manifest)? + "\n";
    crate::files::write_atomic(&out.join("pairs.json"), json.as_bytes())?;
    println!(
        "wrote {} ({} pairs × {} stages)",
        out.display(),
        pairs.len(),
        STAGES.len()
    );
    Ok(())
}
