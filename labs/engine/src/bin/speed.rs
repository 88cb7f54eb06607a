//! Times the engine's speed trial ([`lab_engine::speed`]) natively on the CPU
//! with the shipped weights and prints the result as one JSON line:
//! `cargo run -p lab-engine --release --bin speed` (from the repository root).

use std::time::Instant;

use anyhow::{Context, bail};
use burn::backend::{Autodiff, Flex};
use futures_executor::block_on;
use lab_engine::engine::Engine;
use lab_engine::speed::{
    SAMPLES, Speed, TIMED_STEPS, WARM_UP_SAMPLES, WARM_UP_STEPS, round, sample,
};
use lab_engine::{FromEngine, ToEngine};

const DEVICE: &str = "CPU, native (burn flex)";

fn ask(engine: &mut Engine<Autodiff<Flex>>, message: ToEngine) -> anyhow::Result<()> {
    for answer in block_on(engine.handle(message)) {
        if let FromEngine::Failed { message } | FromEngine::Refused { message, .. } = answer {
            bail!("the engine refused: {message}");
        }
    }
    Ok(())
}

fn steps(engine: &mut Engine<Autodiff<Flex>>, n: u32) -> anyhow::Result<()> {
    let mut done = 0;
    while done < n {
        for answer in block_on(engine.work(1, 0.0)) {
            match answer {
                FromEngine::Step { .. } => done += 1,
                FromEngine::Failed { message } => bail!("training failed: {message}"),
                _ => {}
            }
        }
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let base = std::fs::read("assets/base/tiny.safetensors")
        .context("run from the repository root: assets/base/tiny.safetensors is missing")?;
    let judges = std::fs::read("assets/judges/judges.safetensors")
        .context("assets/judges/judges.safetensors is missing")?;
    let mut engine = Engine::<Autodiff<Flex>>::new(Default::default(), DEVICE);
    engine.load(&base, &judges)?;
    for n in 0..WARM_UP_SAMPLES {
        ask(&mut engine, sample(n))?;
    }
    let started = Instant::now();
    for n in 0..SAMPLES {
        ask(&mut engine, sample(WARM_UP_SAMPLES + n))?;
    }
    let sample_ms = started.elapsed().as_secs_f64() * 1000.0 / f64::from(SAMPLES);
    ask(&mut engine, round())?;
    steps(&mut engine, WARM_UP_STEPS)?;
    let started = Instant::now();
    steps(&mut engine, TIMED_STEPS)?;
    let steps_per_second = f64::from(TIMED_STEPS) / started.elapsed().as_secs_f64();
    let speed = Speed {
        device: DEVICE.to_owned(),
        sample_ms,
        steps_per_second,
    };
    println!("{}", serde_json::to_string(&speed)?);
    Ok(())
}
