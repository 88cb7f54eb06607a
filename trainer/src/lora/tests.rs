//! The LoRA maths, checked on a small painter.

use burn::module::Module;
use burn::optim::{AdamWConfig, GradientsParams, Optimizer};
use burn::tensor::{Int, Tensor, TensorData};

use super::*;
use crate::TestBackend;
use crate::flow::{self, mix, velocity};
use crate::model::{Painter, PainterConfig};
use crate::test_util::{jittered_painter, randomise_b, small_config, values};
use crate::text::{MAX_TOKENS, Tokenizer};

type B = TestBackend;

fn config() -> PainterConfig {
    small_config()
}

fn painter() -> Painter<B> {
    jittered_painter()
}

fn all_targets() -> LoraConfig {
    LoraConfig::new()
        .with_rank(4)
        .with_alpha(8.0)
        .with_targets(Target::ALL.to_vec())
}

fn prompt(device: &burn::tensor::Device<B>) -> Tensor<B, 2, Int> {
    let ids = Tokenizer::default()
        .encode("a photo of TOK on a sofa")
        .expect("known words");
    let ids: Vec<i64> = ids.into_iter().map(i64::from).collect();
    Tensor::from_data(TensorData::new(ids, [1, MAX_TOKENS]), device)
}

fn run(painter: &Painter<B>, loras: &[Worn<'_, B>], seed: u64) -> Vec<f32> {
    let device = Default::default();
    let mut rng = flow::rng(seed);
    let x = flow::noise::<B, 4>(&mut rng, [1, 3, 16, 16], &device);
    let t = Tensor::<B, 1>::from_floats([0.6], &device);
    let text = painter.encode_text(prompt(&device));
    painter
        .forward(x, t, &text, loras)
        .into_data()
        .to_vec::<f32>()
        .expect("f32 output")
}

fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

#[test]
fn a_fresh_bracelet_changes_nothing() {
    let device = Default::default();
    let painter = painter();
    let adapter = all_targets().init::<B>(&config(), 1, &device);
    let plain = run(&painter, &[], 5);
    let worn = run(&painter, &[Worn::new(&adapter, 1.0)], 5);
    assert_eq!(plain, worn, "B = 0 must leave the output bit-identical");
}

#[test]
fn training_changes_only_the_bracelet() {
    let device = Default::default();
    let painter = painter().no_grad();
    let before = values::<B, _>(&painter);
    let mut adapter = all_targets().init::<B>(&config(), 1, &device);
    let adapter_before = values::<B, _>(&adapter);
    let mut optim = AdamWConfig::new().init::<B, LoraAdapter<B>>();
    let mut rng = flow::rng(11);
    for _ in 0..3 {
        let clean = flow::noise::<B, 4>(&mut rng, [2, 3, 16, 16], &device).clamp(-1.0, 1.0);
        let eps = flow::noise::<B, 4>(&mut rng, [2, 3, 16, 16], &device);
        let t = Tensor::<B, 1>::from_floats([0.3, 0.8], &device);
        let text = painter.encode_text(prompt(&device).repeat_dim(0, 2));
        let noisy = mix(clean.clone(), eps.clone(), t.clone());
        let predicted = painter.forward(noisy, t, &text, &[Worn::new(&adapter, 1.0)]);
        let loss = (predicted - velocity(clean, eps)).powf_scalar(2.0).mean();
        let grads = GradientsParams::from_grads(loss.backward(), &adapter);
        adapter = optim.step(1e-2, adapter, grads);
    }
    assert_eq!(
        values::<B, _>(&painter),
        before,
        "every frozen tensor is bit-identical"
    );
    let after = values::<B, _>(&adapter);
    let changed = after
        .iter()
        .zip(&adapter_before)
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(
        changed,
        after.len(),
        "every adapter tensor moved ({changed} of {})",
        after.len()
    );
}

#[test]
fn merged_painter_matches_the_worn_bracelet() {
    let device = Default::default();
    let painter = painter();
    let adapter = randomise_b(all_targets().init::<B>(&config(), 1, &device), 2, 0.1);
    let worn = run(&painter, &[Worn::new(&adapter, 1.5)], 9);
    let plain = run(&painter, &[], 9);
    assert!(
        max_diff(&worn, &plain) > 1e-3,
        "the randomised bracelet must matter"
    );
    let merged = merge(painter.clone(), &adapter, 1.5);
    assert!(max_diff(&run(&merged, &[], 9), &worn) < 1e-4);
    let restored = unmerge(merged, &adapter, 1.5);
    assert!(max_diff(&run(&restored, &[], 9), &plain) < 1e-4);
}

#[test]
fn two_bracelets_at_two_scales_equal_merging_both() {
    let device = Default::default();
    let painter = painter();
    let subject = randomise_b(all_targets().init::<B>(&config(), 1, &device), 3, 0.1);
    let style = randomise_b(
        LoraConfig::new()
            .with_rank(2)
            .init::<B>(&config(), 4, &device),
        5,
        0.1,
    );
    let worn = run(
        &painter,
        &[Worn::new(&subject, 0.8), Worn::new(&style, 2.5)],
        13,
    );
    let merged = merge(merge(painter, &subject, 0.8), &style, 2.5);
    assert!(max_diff(&run(&merged, &[], 13), &worn) < 1e-4);
}

#[test]
fn scale_zero_takes_the_bracelet_off() {
    let device = Default::default();
    let painter = painter();
    let adapter = randomise_b(all_targets().init::<B>(&config(), 1, &device), 6, 0.1);
    assert_eq!(
        run(&painter, &[Worn::new(&adapter, 0.0)], 1),
        run(&painter, &[], 1)
    );
}

#[test]
fn presets_have_the_promised_sizes() {
    let device = Default::default();
    let tiny = PainterConfig::tiny().init::<B>(&device).num_params();
    let small = PainterConfig::small().init::<B>(&device).num_params();
    assert!(
        (1_000_000..=2_000_000).contains(&tiny),
        "tiny has {tiny} parameters"
    );
    assert!(
        (5_000_000..=15_000_000).contains(&small),
        "small has {small} parameters"
    );
}
