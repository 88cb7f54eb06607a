//! Pretraining on a very small painter: it learns the world, it keeps the call
//! words untouched, it refuses bad settings and skips non-finite losses.

use std::time::Instant;

use burn::tensor::ElementConversion;

use super::reserved::{ReservedRows, reserved_ids};
use super::*;
use crate::TestBackend;
use crate::model::PainterConfig;
use crate::test_util::{small_config, values};
use crate::text::{RESERVED, Tokenizer};
use crate::train::StepEvent;

type B = TestBackend;
type Inner = <B as burn::tensor::backend::AutodiffBackend>::InnerBackend;

pub(super) fn run_config() -> PretrainConfig {
    PretrainConfig {
        steps: 300,
        batch_size: 8,
        learning_rate: 2e-3,
        warmup: 20,
        // Strong decay, so that a call word left to it would visibly shrink.
        weight_decay: 0.1,
        seed: 5,
        ..PretrainConfig::default()
    }
}

pub(super) fn fresh(config: PretrainConfig) -> Pretrainer<B> {
    let shape = small_config();
    let painter = shape.init_jittered::<B>(3, &Default::default());
    Pretrainer::new(painter, shape, config).expect("valid run")
}

fn table(run: &Pretrainer<B>) -> Vec<f32> {
    run.painter()
        .text
        .embedding
        .weight
        .val()
        .into_data()
        .to_vec::<f32>()
        .expect("f32")
}

#[test]
fn the_reserved_ids_are_the_call_words() {
    let tokenizer = Tokenizer::default();
    let ids: Vec<usize> = RESERVED
        .iter()
        .map(|w| tokenizer.id(w).expect("known") as usize)
        .collect();
    assert_eq!(ids, reserved_ids().collect::<Vec<_>>());
}

#[test]
fn call_words_stay_bit_identical_while_everything_else_trains() {
    let mut run = fresh(PretrainConfig {
        steps: 4,
        batch_size: 4,
        learning_rate: 1e-2,
        warmup: 0,
        caption_dropout: 0.5,
        ..run_config()
    });
    let before = table(&run);
    let start = ReservedRows::<Inner>::of(run.painter());
    let other_before = values(run.painter());
    for _ in 0..4 {
        assert!(matches!(run.step(), Ok(StepEvent::Applied { .. })));
    }
    let after = table(&run);
    let width = small_config().text_hidden;
    let rows = |t: &[f32], r: std::ops::Range<usize>| t[r.start * width..r.end * width].to_vec();
    assert_eq!(
        rows(&before, reserved_ids()),
        rows(&after, reserved_ids()),
        "the call words' embeddings moved"
    );
    assert_eq!(
        start.rows().into_data().to_vec::<f32>().expect("f32"),
        rows(&after, reserved_ids())
    );
    // Padding (row 0) is in every caption: trained and decayed.
    assert_ne!(rows(&before, 0..1), rows(&after, 0..1));
    let moved = values(run.painter())
        .iter()
        .zip(&other_before)
        .filter(|(a, b)| a != b)
        .count();
    assert!(
        moved + 2 >= other_before.len(),
        "nearly every tensor of the painter trains: {moved} of {}",
        other_before.len()
    );
}

/// From a freshly initialised painter (which answers zero everywhere), 80
/// updates of 4 pictures bring the stable validation loss on 8 unseen world
/// pictures from about 1.32 to about 0.69. Under 20 s in the test profile.
#[test]
fn pretraining_lowers_the_stable_validation_loss() {
    let started = Instant::now();
    let shape = small_config();
    let painter = shape.init::<B>(&Default::default());
    let config = PretrainConfig {
        steps: 80,
        batch_size: 4,
        learning_rate: 1e-2,
        warmup: 5,
        ..run_config()
    };
    let mut run = Pretrainer::new(painter, shape, config).expect("valid run");
    let validation =
        world_validation_set::<Inner>(1_000, 16, 8, 4, &Default::default()).expect("renders");
    let loss = |run: &Pretrainer<B>| -> f32 {
        validation
            .loss(&run.painter_valid(), &[])
            .into_scalar()
            .elem()
    };
    let before = loss(&run);
    while !run.finished() {
        run.step().expect("finite loss");
    }
    let after = loss(&run);
    eprintln!(
        "stable validation loss {before:.4} → {after:.4} in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert!(before > 1.2, "a fresh painter answers zero: {before}");
    assert!(after < 0.6 * before, "{before} → {after}");
}

#[test]
fn bad_settings_are_refused() {
    let shape = small_config();
    let painter = || shape.init::<B>(&Default::default());
    let refused = |config: PretrainConfig| match Pretrainer::new(painter(), shape.clone(), config) {
        Ok(_) => panic!("should be refused"),
        Err(err) => err.to_string(),
    };
    assert!(
        refused(PretrainConfig {
            batch_size: 0,
            ..run_config()
        })
        .contains("batch size")
    );
    assert!(
        refused(PretrainConfig {
            caption_dropout: 1.5,
            ..run_config()
        })
        .contains("caption dropout")
    );
    let other = PainterConfig::new(32, 32, 2, 2, 32);
    let err = match Pretrainer::new(painter(), other, run_config()) {
        Ok(_) => panic!("should be refused"),
        Err(err) => err.to_string(),
    };
    assert!(err.contains("16×16"), "{err}");
}

#[test]
fn non_finite_losses_are_skipped_then_stop_the_run() {
    let mut run = fresh(PretrainConfig {
        nan_patience: 2,
        batch_size: 2,
        ..run_config()
    });
    let before = values(run.painter());
    let pending = run.forward_backward().expect("renders");
    let event = run.finish(pending, f32::NAN).expect("first NaN is skipped");
    assert!(matches!(event, StepEvent::Skipped { step: 1, .. }));
    assert_eq!(
        values(run.painter()),
        before,
        "a skipped step changes nothing"
    );
    let pending = run.forward_backward().expect("renders");
    let err = run
        .finish(pending, f32::INFINITY)
        .err()
        .map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.contains("2 steps in a row")));
}

#[test]
fn subject_weights_average_one_and_favour_the_subject() {
    let mask = [1.0, 0.0, 0.0, 0.0];
    let weights = pretrainer::subject_weights(&mask, 3.0);
    let mean = weights.iter().sum::<f32>() / 4.0;
    assert!((mean - 1.0).abs() < 1e-6, "{weights:?}");
    assert!((weights[0] / weights[1] - 4.0).abs() < 1e-5, "{weights:?}");
    // No subject, or no extra weight: every pixel weighs the same.
    assert_eq!(pretrainer::subject_weights(&[0.0; 4], 3.0), vec![1.0; 4]);
    assert_eq!(pretrainer::subject_weights(&mask, 0.0), vec![1.0; 4]);
}

#[test]
fn a_subject_weighted_run_trains_on_the_same_pictures_with_another_loss() {
    let short = |subject_weight| PretrainConfig {
        steps: 2,
        subject_weight,
        ..run_config()
    };
    let loss = |event| match event {
        Ok(StepEvent::Applied { loss, .. }) => loss,
        _ => panic!("the step should apply"),
    };
    let mut plain = fresh(short(0.0));
    let mut weighted = fresh(short(4.0));
    let (a, b) = (loss(plain.step()), loss(weighted.step()));
    assert!(a.is_finite() && b.is_finite());
    assert_ne!(a, b, "the weights change the loss");
    assert!((a / b - 1.0).abs() < 1.0, "same scale: {a} vs {b}");
    assert!(
        PretrainConfig {
            subject_weight: -1.0,
            ..run_config()
        }
        .validate()
        .is_err()
    );
}
