//! Records whole rounds with the native engine for pages that cannot train
//! live: `cargo run -p lab-engine --release --bin record -- --out assets/recorded`.
//!
//! Each round runs to its last step without a stop, so the recording holds the
//! whole hidden curve; the page replays it and lets the player stop anywhere.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use burn::backend::{Autodiff, Flex};
use futures_executor::block_on;
use lab_engine::engine::Engine;
use lab_engine::protocol::{GAME_PROMPTS, GAME_SAMPLE_SEED};
use lab_engine::{FromEngine, Recording, RecordingIndex, ToEngine, TrainSetup};
use sha2::{Digest, Sha256};

type B = Autodiff<Flex>;

/// The rounds recorded: (file stem, label, album, rate factor, steps, seed).
const ROUNDS: [(&str, &str, u32, f32, u32, u64); 3] = [
    (
        "tok-20-x1",
        "20 pictures, learning rate ×1",
        20,
        1.0,
        3000,
        11,
    ),
    ("tok-8-x1", "8 pictures, learning rate ×1", 8, 1.0, 3000, 12),
    (
        "tok-20-x4",
        "20 pictures, learning rate ×4 (frantic)",
        20,
        4.0,
        1500,
        13,
    ),
];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let out = match args.as_slice() {
        [_, flag, dir] if flag == "--out" => PathBuf::from(dir),
        _ => bail!("usage: record --out DIR"),
    };
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let base = std::fs::read("assets/base/tiny.safetensors")
        .context("run from the repository root: assets/base/tiny.safetensors is missing")?;
    let judges = std::fs::read("assets/judges/judges.safetensors")
        .context("assets/judges/judges.safetensors is missing")?;
    let base_hash = format!("{:x}", Sha256::digest(&base));
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let mut index = RecordingIndex::default();
    for (stem, label, album, rate_factor, max_steps, seed) in ROUNDS {
        let mut engine = Engine::<B>::new(Default::default(), "CPU, native");
        engine.load(&base, &judges)?;
        let setup = TrainSetup {
            album,
            rate_factor,
            seed,
            max_steps,
            validate_every: 100,
            prompts: GAME_PROMPTS.iter().map(|p| (*p).to_owned()).collect(),
            sample_seed: GAME_SAMPLE_SEED,
        };
        let failed = block_on(engine.handle(ToEngine::Train(setup.clone())));
        if let Some(FromEngine::Failed { message }) = failed.first() {
            bail!("{stem}: {message}");
        }
        let started = Instant::now();
        let mut messages = Vec::new();
        while engine.busy() {
            for message in block_on(engine.work(50, started.elapsed().as_secs_f64() * 1000.0)) {
                if let FromEngine::Failed { message } = &message {
                    bail!("{stem}: {message}");
                }
                messages.push(message);
            }
        }
        let seconds = started.elapsed().as_secs_f32();
        eprintln!("{stem}: {} messages in {seconds:.0} s", messages.len());
        let recording = Recording {
            label: label.to_owned(),
            setup,
            device: "CPU, native (burn flex)".to_owned(),
            base_hash: base_hash.clone(),
            commit: commit.clone(),
            command: "cargo run -p lab-engine --release --bin record -- --out assets/recorded"
                .to_owned(),
            seconds,
            messages,
        };
        let file = format!("{stem}.json");
        std::fs::write(out.join(&file), serde_json::to_string(&recording)?)
            .with_context(|| format!("cannot write {file}"))?;
        index.recordings.push((file, label.to_owned()));
    }
    std::fs::write(
        out.join("index.json"),
        serde_json::to_string_pretty(&index)?,
    )
    .context("cannot write index.json")?;
    Ok(())
}
