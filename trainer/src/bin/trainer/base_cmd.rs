//! `trainer smoke-base`: an untrained painter with every weight drawn from a seed,
//! for trying the pipeline before a pretrained base exists. It paints noise, not
//! pictures; the course never ships one.

use std::path::PathBuf;

use burn::backend::Flex;
use trainer::model::weights;

use crate::files::write_atomic;
use crate::provenance::Preset;

/// Options of `trainer smoke-base`.
#[derive(clap::Args)]
pub(crate) struct SmokeBaseArgs {
    /// `tiny` (32×32) or `small` (64×64).
    #[arg(long, value_enum, default_value = "tiny")]
    preset: Preset,
    /// Seed of the weights.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Where to write the `.safetensors` file.
    #[arg(long, short)]
    output: PathBuf,
}

/// Writes the jittered painter.
pub(crate) fn run(args: &SmokeBaseArgs) -> anyhow::Result<()> {
    let shape = args.preset.shape();
    let painter = shape.init_jittered::<Flex>(args.seed, &Default::default());
    let bytes = weights::save(&painter, &shape)?;
    write_atomic(&args.output, &bytes)?;
    println!(
        "wrote {} (untrained {}×{} painter, seed {}, hash {})",
        args.output.display(),
        shape.image_size,
        shape.image_size,
        args.seed,
        weights::hash(&bytes)?
    );
    Ok(())
}
