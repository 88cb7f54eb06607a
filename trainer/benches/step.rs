//! Step time of LoRA training and sampling latency on the `tiny` painter, burn's
//! CPU backend. Prints one JSON object so `cargo xtask bench trainer` can set it
//! beside the PyTorch twin (`trainer/bench/torch_twin.py`) measured in the same run.
//!
//! `cargo bench -p trainer --bench step -- [--batches 1,8,32] [--steps N]`
//! (threads: `RAYON_NUM_THREADS`).

use std::time::Instant;

use anyhow::Context;
use burn::backend::{Autodiff, Flex};
use burn::module::{AutodiffModule, Module};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use trainer::lora::{LoraConfig, Worn};
use trainer::model::PainterConfig;
use trainer::sample::{SampleConfig, sample};
use trainer::text::Tokenizer;
use trainer::train::{Example, TrainConfig, Trainer};

type Backend = Autodiff<Flex>;

const CAPTION: &str = "a photo of TOK ceramic cat figurine on a sunny windowsill";

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn album(size: usize, count: usize) -> Vec<Example> {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    (0..count)
        .map(|_| Example {
            image: (0..3 * size * size)
                .map(|_| rng.random_range(-1.0..1.0))
                .collect(),
            caption: CAPTION.into(),
            start: None,
        })
        .collect()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let batches: Vec<usize> = flag("--batches")
        .unwrap_or_else(|| "1,8,32".into())
        .split(',')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .context("--batches takes numbers like 1,8,32")?;
    let timed: usize = flag("--steps").map_or(Ok(10), |s| s.parse())?;
    let device = Default::default();
    let shape = PainterConfig::tiny();
    let painter = shape.init::<Backend>(&device);
    let lora = LoraConfig::new();
    let base_params = painter.num_params();
    let mut step_ms = Vec::new();
    let mut adapter_params = 0;
    for &batch in &batches {
        let adapter = lora.init::<Backend>(&shape, 3, &device);
        adapter_params = adapter.num_params();
        let config = TrainConfig {
            batch_size: batch,
            steps: u32::try_from(timed + 3)?,
            ..TrainConfig::default()
        };
        let mut run = Trainer::new(
            painter.clone(),
            adapter,
            album(shape.image_size, 32),
            config,
        )?;
        for _ in 0..3 {
            run.step()?;
        }
        let mut times = Vec::new();
        for _ in 0..timed {
            let start = Instant::now();
            run.step()?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        step_ms.push((batch, median(times)));
    }
    let inner = painter.valid();
    let adapter = lora.init::<Flex>(&shape, 3, &device);
    let ids = Tokenizer::default().encode(CAPTION)?;
    let worn = [Worn::new(&adapter, 1.0)];
    // Warm-up: the first call pays for allocation and kernel set-up.
    let _ = sample(&inner, &worn, &ids, SampleConfig::default()).into_data();
    let mut sample_ms = Vec::new();
    for seed in 0..5 {
        let start = Instant::now();
        let image = sample(
            &inner,
            &worn,
            &ids,
            SampleConfig {
                seed,
                ..Default::default()
            },
        );
        let _pixels = image.into_data();
        sample_ms.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let steps: Vec<String> = step_ms
        .iter()
        .map(|(b, ms)| format!("\"{b}\": {ms:.3}"))
        .collect();
    println!(
        "{{\"engine\": \"burn-flex\", \"base_params\": {base_params}, \"adapter_params\": {adapter_params}, \"step_ms\": {{{}}}, \"sample_ms\": {:.3}}}",
        steps.join(", "),
        median(sample_ms)
    );
    Ok(())
}
