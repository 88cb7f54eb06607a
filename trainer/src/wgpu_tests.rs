//! The same LoRA training on burn's `wgpu` backend as on the CPU.
//!
//! Runs on whatever adapter wgpu finds: a real GPU, or Mesa's software Vulkan
//! driver (lavapipe, Debian `mesa-vulkan-drivers`) on machines without one. GPU
//! arithmetic is not bit-identical to the CPU's, so the check is closeness: after
//! the same seeded steps, the adapters and the sampled picture agree to a
//! tolerance far tighter than any visible difference.

use burn::backend::{Autodiff, Wgpu};
use burn::module::AutodiffModule;

use crate::TestBackend;
use crate::lora::{LoraConfig, Target, Worn};
use crate::model::weights;
use crate::sample::{SampleConfig, sample};
use crate::test_util::{jittered_painter, small_config, values};
use crate::text::Tokenizer;
use crate::train::{Example, TrainConfig, Trainer};

type Gpu = Autodiff<Wgpu>;

fn album() -> Vec<Example> {
    let size = small_config().image_size;
    (0..3)
        .map(|i| Example {
            image: (0..3 * size * size)
                .map(|j| ((i * 7 + j) % 13) as f32 / 6.0 - 1.0)
                .collect(),
            caption: "a photo of TOK on a sofa".into(),
            start: None,
        })
        .collect()
}

fn config() -> TrainConfig {
    TrainConfig {
        steps: 5,
        batch_size: 2,
        learning_rate: 5e-3,
        ..TrainConfig::default()
    }
}

/// `‖a − b‖` over every value.
fn distance(a: &[Vec<f32>], b: &[Vec<f32>]) -> f32 {
    a.iter()
        .flatten()
        .zip(b.iter().flatten())
        .map(|(x, y)| (x - y).powi(2))
        .sum::<f32>()
        .sqrt()
}

fn max_difference(a: &[Vec<f32>], b: &[Vec<f32>]) -> f32 {
    a.iter()
        .flatten()
        .zip(b.iter().flatten())
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

#[test]
fn wgpu_trains_and_samples_like_the_cpu() {
    let shape = small_config();
    let lora = LoraConfig::new()
        .with_rank(4)
        .with_targets(Target::ALL.to_vec());
    let bytes = weights::save(&jittered_painter(), &shape).expect("saved");

    let cpu_device = Default::default();
    let (cpu_painter, _) = weights::load::<TestBackend>(&bytes, &cpu_device).expect("cpu");
    let mut cpu = Trainer::new(
        cpu_painter,
        lora.init::<TestBackend>(&shape, 1, &cpu_device),
        album(),
        config(),
    )
    .expect("cpu run");

    let gpu_device = Default::default();
    let (gpu_painter, _) = weights::load::<Gpu>(&bytes, &gpu_device).expect("gpu");
    let mut gpu = Trainer::new(
        gpu_painter,
        lora.init::<Gpu>(&shape, 1, &gpu_device),
        album(),
        config(),
    )
    .expect("gpu run");

    for _ in 0..5 {
        cpu.step().expect("cpu step");
        gpu.step().expect("gpu step");
    }
    // AdamW moves every weight by about the learning rate whatever the gradient's
    // size, so a gradient near zero may step either way on either device: compare
    // the two runs' difference with how far training moved the bracelet.
    let start = values(&lora.init::<TestBackend>(&shape, 1, &cpu_device));
    let (cpu_adapter, gpu_adapter) = (cpu.adapter_valid(), gpu.adapter_valid());
    let moved = distance(&start, &values(&cpu_adapter));
    let apart = distance(&values(&cpu_adapter), &values(&gpu_adapter));
    assert!(
        apart < 0.05 * moved,
        "the runs ended {apart} apart after moving {moved}"
    );

    let ids = Tokenizer::default()
        .encode("a photo of TOK")
        .expect("known");
    let settings = SampleConfig {
        steps: 8,
        ..SampleConfig::default()
    };
    let paint_cpu = sample(
        &cpu.painter().valid(),
        &[Worn::new(&cpu_adapter, 1.0)],
        &ids,
        settings,
    );
    let paint_gpu = sample(
        &gpu.painter().valid(),
        &[Worn::new(&gpu_adapter, 1.0)],
        &ids,
        settings,
    );
    let cpu_pixels = paint_cpu.into_data().to_vec::<f32>().expect("cpu pixels");
    let gpu_pixels = paint_gpu.into_data().to_vec::<f32>().expect("gpu pixels");
    let difference = max_difference(&[cpu_pixels], &[gpu_pixels]);
    assert!(difference < 2e-2, "pictures differ by {difference}");
}
