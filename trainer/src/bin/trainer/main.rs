//! `trainer`: the command line of the miniature painter's LoRA trainer.
//!
//! - `trainer train --base B --album A --out DIR …` trains a LoRA with validation
//!   samples, checkpoints and a resumable state (`--resume`).
//! - `trainer pretrain --preset tiny --steps N --out DIR …` pretrains the base
//!   painter on the world, with validation samples, a resumable state
//!   (`--resume`) and finally `base.safetensors` and `manifest.json`.
//! - `trainer sample --base B --prompt P [--lora F@S]… -o OUT.png` paints.
//! - `trainer inspect FILE` prints a LoRA file's metadata and key layout.
//! - `trainer convert FILE --to fal|comfy --output OUT` rewrites it in the other
//!   layout (never over its input; written to a temporary file, then renamed).
//! - `trainer exam --base B [--report R.json]` paints the whole world from fresh
//!   seeds and lets the judges grade scene and subject obedience, and whether
//!   "a photo of TOK" gives `TOK` (it should not: the call word is unknown).
//! - `trainer adopt-base --run DIR` makes a finished pretraining stage (started
//!   with `--init` from the shipped base) the shipped base, if its weights pass
//!   the exam: weights copied, stage and exam added to `assets/base/manifest.json`.
//! - `trainer sweep --base B --lora L --album A --out DIR [--scales 0,1,2]` wears
//!   a LoRA at several scales on the probe set and writes the judges' numbers and
//!   the pictures' colour statistics against the album's, with a contact sheet.
//! - `trainer open-step --base B --lora L --album A --out DIR` lays one training
//!   step open at several noise levels (the noisy picture, the painter's guesses
//!   with and without the bracelet, the loss before and after one nudge).
//! - `trainer smoke-base --preset tiny -o base.safetensors` writes an untrained,
//!   seeded painter to try the pipeline with.
//! - `trainer world sheet --out FILE.png [--size 32|64] [--seed N]` draws a contact
//!   sheet of the pretraining world; `trainer world bench` times rendering.
//! - `trainer world albums --out DIR [--size 32|64] [--seed N]` writes the course's
//!   albums (`tok-20.zip`, …), a contact sheet of each and `manifest.json`.
//! - `trainer judges train --out assets/judges [--steps N] [--seed S]` trains the
//!   judges; `trainer judges eval` grades them on fixed held-out pictures.
//!
//! Every command that computes takes `--device cpu|wgpu|cuda` among the backends
//! the binary was built with.

mod adopt_base_cmd;
mod albums_cmd;
mod base_cmd;
mod device;
mod exam_cmd;
mod files;
mod judges_cmd;
mod open_step_cmd;
mod pretrain_cmd;
mod probe_log;
mod progress;
mod provenance;
mod run_dir;
mod sample_cmd;
mod sweep_cmd;
mod train_cmd;
mod train_knobs;
mod world_cmd;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "trainer",
    about = "LoRA training for the Sweet Spot miniature painter"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train a LoRA on an album.
    Train(Box<train_cmd::TrainArgs>),
    /// Pretrain the base painter on the procedural world.
    Pretrain(Box<pretrain_cmd::PretrainArgs>),
    /// Paint a prompt, wearing any LoRAs.
    Sample(sample_cmd::SampleArgs),
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
    /// Grade a base painter: scene and subject obedience, and that `TOK` is unknown.
    Exam(Box<exam_cmd::ExamArgs>),
    /// Make a finished pretraining stage the shipped base, if it passes the exam.
    AdoptBase(Box<adopt_base_cmd::AdoptBaseArgs>),
    /// Wear a LoRA at several scales on the probe set and measure each.
    Sweep(Box<sweep_cmd::SweepArgs>),
    /// Lay one training step open at several noise levels, for the course's figure.
    OpenStep(Box<open_step_cmd::OpenStepArgs>),
    /// Write an untrained, seeded painter for smoke runs (never for the course).
    SmokeBase(base_cmd::SmokeBaseArgs),
    /// The procedural world the painter is pretrained on.
    World {
        #[command(subcommand)]
        command: world_cmd::WorldCommand,
    },
    /// The judges: small networks that say what a picture shows.
    Judges {
        #[command(subcommand)]
        command: judges_cmd::JudgesCommand,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Train(args) => device::dispatch(args.device, *args),
        Command::Pretrain(args) => device::dispatch(args.device, *args),
        Command::Sample(args) => device::dispatch(args.device, args),
        Command::Inspect { file } => files::inspect(&file),
        Command::Convert { file, to, output } => files::convert(&file, &to, &output),
        Command::Exam(args) => device::dispatch(args.device, *args),
        Command::AdoptBase(args) => device::dispatch(args.device, *args),
        Command::Sweep(args) => device::dispatch(args.device, *args),
        Command::OpenStep(args) => device::dispatch(args.device, *args),
        Command::SmokeBase(args) => base_cmd::run(&args),
        Command::World { command } => world_cmd::run(command),
        Command::Judges { command } => judges_cmd::run(command),
    }
}
