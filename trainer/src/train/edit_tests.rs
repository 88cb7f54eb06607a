//! Edit bracelets in the loop: they learn to read the start picture, they refuse
//! albums of the wrong kind, and their runs resume exactly.

use burn::tensor::TensorData;

use super::tests::{config, painter, picture};
use super::*;
use crate::TestBackend;
use crate::lora::{LoraConfig, Target};
use crate::sample::{SampleConfig, sample};
use crate::test_util::values;

type B = TestBackend;
type Inner = <B as AutodiffBackend>::InnerBackend;

const RED: [f32; 3] = [0.8, -0.6, -0.6];
const BLUE: [f32; 3] = [-0.6, -0.6, 0.8];
const GREY: [f32; 3] = [0.0, 0.0, 0.0];
const LIGHT: [f32; 3] = [0.8, 0.8, 0.8];

/// Two pairs with the same caption: which side is red comes only from the start
/// picture (dark on the side that turns red), so a bracelet that does not read it
/// cannot tell the two apart.
fn pairs() -> Vec<Example> {
    let caption = "a painting of a vase";
    vec![
        Example {
            image: picture(RED, BLUE),
            caption: caption.into(),
            start: Some(picture(GREY, LIGHT)),
        },
        Example {
            image: picture(BLUE, RED),
            caption: caption.into(),
            start: Some(picture(LIGHT, GREY)),
        },
    ]
}

fn edit_bracelet() -> LoraAdapter<B> {
    LoraConfig::new()
        .with_rank(8)
        .with_targets(Target::ALL.to_vec())
        .with_reference(true)
        .init::<B>(&config(), 7, &Default::default())
}

fn refused(result: Result<Trainer<B>, TrainerError>) -> String {
    match result {
        Ok(_) => panic!("the run should have been refused"),
        Err(err) => err.to_string(),
    }
}

fn squared(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).powi(2)).sum::<f32>() / a.len() as f32
}

#[test]
fn an_edit_bracelet_learns_to_follow_its_start_picture() {
    let config = TrainConfig {
        steps: 200,
        batch_size: 2,
        learning_rate: 1e-2,
        ..TrainConfig::default()
    };
    let mut run = Trainer::new(painter(), edit_bracelet(), pairs(), config).expect("valid");
    while !run.finished() {
        run.step().expect("finite losses");
    }
    let adapter = run.adapter_valid();
    let painter = run.painter().valid();
    let ids = Tokenizer::default()
        .encode("a painting of a vase")
        .expect("known words");
    let device = Default::default();
    let paint = |start: &[f32]| {
        let start =
            Tensor::<Inner, 4>::from_data(TensorData::new(start.to_vec(), [1, 3, 16, 16]), &device);
        let worn = [Worn::new(&adapter, 1.0).reading(&start)];
        let settings = SampleConfig {
            steps: 10,
            guidance: 1.0,
            seed: 3,
        };
        let image = sample(&painter, &worn, &ids, settings);
        image.into_data().to_vec::<f32>().expect("f32")
    };
    for example in pairs() {
        let start = example.start.expect("a pair");
        let painted = paint(&start);
        let own = squared(&painted, &example.image);
        let other = pairs()
            .into_iter()
            .map(|e| squared(&painted, &e.image))
            .fold(0.0, f32::max);
        assert!(
            own < 0.75 * other,
            "the same caption and seed should follow the start picture: error to its own end {own}, to the other {other}"
        );
    }
}

#[test]
fn pairs_need_an_edit_bracelet_and_an_edit_bracelet_needs_pairs() {
    let plain = LoraConfig::new()
        .with_rank(4)
        .init::<B>(&config(), 7, &Default::default());
    let err = refused(Trainer::new(
        painter(),
        plain,
        pairs(),
        TrainConfig::default(),
    ));
    assert!(err.contains("before/after pairs"), "{err}");

    let mut half = pairs();
    half[1].start = None;
    let err = refused(Trainer::new(
        painter(),
        edit_bracelet(),
        half,
        TrainConfig::default(),
    ));
    assert!(
        err.contains("1 of the album's 2 pictures have no start picture"),
        "{err}"
    );

    let mut wrong = pairs();
    wrong[0].start = Some(vec![0.0; 12]);
    let err = refused(Trainer::new(
        painter(),
        edit_bracelet(),
        wrong,
        TrainConfig::default(),
    ));
    assert!(err.contains("not 16×16 RGB"), "{err}");
}

#[test]
fn an_edit_run_resumes_bit_identical() {
    let run_config = TrainConfig {
        steps: 6,
        batch_size: 2,
        learning_rate: 5e-3,
        ema_decay: Some(0.9),
        ..TrainConfig::default()
    };
    let start = || Trainer::new(painter(), edit_bracelet(), pairs(), run_config.clone());
    let mut whole = start().expect("valid");
    for _ in 0..6 {
        whole.step().expect("finite");
    }
    let mut first = start().expect("valid");
    for _ in 0..2 {
        first.step().expect("finite");
    }
    let state = first.save_state().expect("saved");
    let mut resumed = Trainer::<B>::resume(painter(), &config(), pairs(), &state).expect("resumed");
    for _ in 0..4 {
        resumed.step().expect("finite");
    }
    let reference = |run: &Trainer<B>| run.adapter_valid().reference.map(|r| r.val());
    assert!(reference(&whole).is_some_and(|r| r.abs().max().into_scalar() > 0.0));
    assert_eq!(
        values(&resumed.adapter_valid()),
        values(&whole.adapter_valid())
    );
    assert_eq!(
        values(resumed.ema_adapter().expect("average")),
        values(whole.ema_adapter().expect("average"))
    );
    // The same pictures without their start pictures are another album.
    let mut bare = pairs();
    for example in &mut bare {
        example.start = None;
    }
    assert!(Trainer::<B>::resume(painter(), &config(), bare, &state).is_err());
}
