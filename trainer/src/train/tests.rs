//! The loop on a small painter: it learns, it refuses NaN, it is reproducible.

use super::*;
use crate::TestBackend;
use crate::lora::{LoraConfig, Target};
use crate::model::PainterConfig;
use crate::sample::{SampleConfig, sample};
use crate::test_util::{jittered_painter, small_config, values};

type B = TestBackend;

pub(super) fn config() -> PainterConfig {
    small_config()
}

pub(super) fn painter() -> Painter<B> {
    jittered_painter()
}

/// A smooth two-colour picture: easy to learn, far from noise.
pub(super) fn picture(left: [f32; 3], right: [f32; 3]) -> Vec<f32> {
    let size = 16;
    let mut image = Vec::with_capacity(3 * size * size);
    for channel in 0..3 {
        for _y in 0..size {
            for x in 0..size {
                image.push(if x < size / 2 {
                    left[channel]
                } else {
                    right[channel]
                });
            }
        }
    }
    image
}

pub(super) fn album() -> Vec<Example> {
    vec![
        Example {
            image: picture([0.8, -0.6, -0.6], [-0.6, -0.6, 0.8]),
            caption: "a photo of TOK".into(),
            start: None,
        },
        Example {
            image: picture([0.8, 0.8, -0.6], [-0.6, 0.8, -0.6]),
            caption: "a photo of TOK".into(),
            start: None,
        },
    ]
}

pub(super) fn trainer(album: Vec<Example>, config: TrainConfig) -> Trainer<B> {
    let lora = LoraConfig::new()
        .with_rank(8)
        .with_targets(Target::ALL.to_vec());
    let adapter = lora.init::<B>(&self::config(), 7, &Default::default());
    Trainer::new(painter(), adapter, album, config).expect("valid run")
}

fn mean(values: &[f32]) -> f32 {
    values.iter().sum::<f32>() / values.len() as f32
}

#[test]
fn loss_falls_and_samples_move_towards_the_album() {
    let config = TrainConfig {
        steps: 150,
        batch_size: 2,
        learning_rate: 1e-2,
        ..TrainConfig::default()
    };
    let mut run = trainer(album(), config);
    let ids = Tokenizer::default()
        .encode("a photo of TOK")
        .expect("known");
    let paint = |run: &Trainer<B>| {
        let adapter = run.adapter_valid();
        let painter = run.painter().valid();
        let image = sample(
            &painter,
            &[Worn::new(&adapter, 1.0)],
            &ids,
            SampleConfig {
                steps: 10,
                guidance: 1.0,
                seed: 4,
            },
        );
        image.into_data().to_vec::<f32>().expect("f32")
    };
    let distance = |image: &[f32]| {
        album()
            .iter()
            .map(|e| {
                mean(
                    &e.image
                        .iter()
                        .zip(image)
                        .map(|(a, b)| (a - b).powi(2))
                        .collect::<Vec<_>>(),
                )
            })
            .fold(f32::MAX, f32::min)
    };
    let validation = ValidationSet::<<B as AutodiffBackend>::InnerBackend>::new(
        &album(),
        16,
        4,
        11,
        &Default::default(),
    )
    .expect("validation set");
    let stable = |run: &Trainer<B>| -> f32 {
        let adapter = run.adapter_valid();
        let worn = [Worn::new(&adapter, 1.0)];
        validation.loss(&run.painter().valid(), &worn).into_scalar()
    };
    let stable_before = stable(&run);
    assert_eq!(
        stable_before,
        stable(&run),
        "the stable loss is deterministic"
    );
    let before = distance(&paint(&run));
    let mut losses = Vec::new();
    while !run.finished() {
        match run.step().expect("finite losses") {
            StepEvent::Applied { loss, .. } => losses.push(loss),
            StepEvent::Skipped { .. } => panic!("no step should be skipped"),
        }
    }
    let (first, last) = (mean(&losses[..15]), mean(&losses[losses.len() - 15..]));
    assert!(
        last < 0.6 * first,
        "loss should fall by 40% or more: {first} → {last}"
    );
    let stable_after = stable(&run);
    assert!(
        stable_after < 0.6 * stable_before,
        "the stable validation loss should fall too: {stable_before} → {stable_after}"
    );
    let after = distance(&paint(&run));
    assert!(
        after < 0.75 * before,
        "a sample should come at least 25% closer to the album: distance {before} → {after}"
    );
}

#[test]
fn non_finite_losses_are_skipped_then_stop_the_run() {
    let mut broken = album();
    for example in &mut broken {
        example.image[0] = f32::NAN;
    }
    let config = TrainConfig {
        steps: 10,
        nan_patience: 3,
        ..TrainConfig::default()
    };
    let mut run = trainer(broken, config);
    let before = values(&run.adapter_valid());
    assert!(matches!(run.step(), Ok(StepEvent::Skipped { step: 1, .. })));
    assert!(matches!(run.step(), Ok(StepEvent::Skipped { step: 2, .. })));
    let err = run.step().expect_err("third in a row stops");
    assert!(
        err.to_string().starts_with(
            "training stopped at step 3: the loss was not a finite number 3 steps in a row"
        ),
        "{err}"
    );
    let after = values(&run.adapter_valid());
    assert_eq!(before, after, "skipped steps leave the bracelet untouched");
}

#[test]
fn same_seed_same_run_and_same_picture() {
    let config = TrainConfig {
        steps: 5,
        batch_size: 2,
        ..TrainConfig::default()
    };
    let losses = |mut run: Trainer<B>| {
        (0..5)
            .map(|_| match run.step().expect("finite") {
                StepEvent::Applied { loss, .. } => loss,
                StepEvent::Skipped { loss, .. } => loss,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        losses(trainer(album(), config.clone())),
        losses(trainer(album(), config))
    );
    let painter = painter().valid();
    let ids = Tokenizer::default()
        .encode("a photo of a cat")
        .expect("known");
    let paint = |seed| {
        sample(
            &painter,
            &[],
            &ids,
            SampleConfig {
                steps: 4,
                guidance: 2.0,
                seed,
            },
        )
        .into_data()
        .to_vec::<f32>()
        .expect("f32")
    };
    assert_eq!(paint(3), paint(3));
    assert_ne!(paint(3), paint(4));
}

#[test]
fn bad_albums_are_refused() {
    let lora = LoraConfig::new();
    let adapter = || lora.init::<B>(&config(), 1, &Default::default());
    let err = |album| {
        Trainer::new(painter(), adapter(), album, TrainConfig::default())
            .err()
            .map(|e| e.to_string())
    };
    assert_eq!(
        err(vec![]),
        Some("invalid setting: the album has no images".into())
    );
    let wrong_size = vec![Example {
        image: vec![0.0; 12],
        caption: "a photo of TOK".into(),
        start: None,
    }];
    assert_eq!(
        err(wrong_size),
        Some("invalid setting: album image 0 is not 16×16 RGB".into())
    );
    let unknown = vec![Example {
        image: picture([0.0; 3], [0.0; 3]),
        caption: "a photo of a spaceship".into(),
        start: None,
    }];
    assert_eq!(
        err(unknown),
        Some("the painter does not know the word `spaceship`".into())
    );
}
