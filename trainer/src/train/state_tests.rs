//! Resuming a run: bit-identical to never stopping, and refusing the wrong inputs.

use super::tests::{album, config, painter, picture, trainer};
use super::*;
use crate::TestBackend;
use crate::test_util::values;

type B = TestBackend;

/// Three images, so an epoch of batch-2 steps ends mid-batch and the shuffled
/// order, the cursor and the random stream all matter on resume.
fn album3() -> Vec<Example> {
    let mut album = album();
    album.push(Example {
        image: picture([-0.6, 0.8, 0.8], [0.8, 0.8, 0.8]),
        caption: "a photo of TOK on a sofa".into(),
        start: None,
    });
    album
}

fn run_config() -> TrainConfig {
    TrainConfig {
        steps: 8,
        batch_size: 2,
        learning_rate: 5e-3,
        warmup: 2,
        scheduler: Scheduler::Cosine { min_ratio: 0.1 },
        caption_dropout: 0.3,
        ema_decay: Some(0.9),
        ..TrainConfig::default()
    }
}

fn steps(run: &mut Trainer<B>, n: usize) {
    for _ in 0..n {
        run.step().expect("finite loss");
    }
}

/// The message of a refused resume.
fn refused(result: Result<Trainer<B>, TrainerError>) -> String {
    match result {
        Ok(_) => panic!("the resume should have been refused"),
        Err(err) => err.to_string(),
    }
}

fn weights(run: &Trainer<B>) -> (Vec<Vec<f32>>, Vec<Vec<f32>>) {
    let ema = run.ema_adapter().expect("the run keeps an average");
    (values(&run.adapter_valid()), values(ema))
}

#[test]
fn a_resumed_run_ends_bit_identical_to_an_uninterrupted_one() {
    let mut whole = trainer(album3(), run_config());
    steps(&mut whole, 8);

    let mut first = trainer(album3(), run_config());
    steps(&mut first, 3);
    let state = first.save_state().expect("saved");
    drop(first);
    let mut resumed =
        Trainer::<B>::resume(painter(), &config(), album3(), &state).expect("resumed");
    assert_eq!(resumed.steps_done(), 3);
    steps(&mut resumed, 5);
    assert!(resumed.finished());

    let (whole_adapter, whole_ema) = weights(&whole);
    let (resumed_adapter, resumed_ema) = weights(&resumed);
    assert_eq!(
        whole_adapter, resumed_adapter,
        "adapter differs after resume"
    );
    assert_eq!(
        whole_ema, resumed_ema,
        "moving average differs after resume"
    );
    assert_ne!(whole_adapter, whole_ema, "the average is not the adapter");

    // The control: the same weights without the optimiser's moments and the random
    // position (what a naive "resume" does) end somewhere else.
    let mut naive = trainer(album3(), run_config());
    steps(&mut naive, 3);
    let adapter = naive.adapter().clone();
    let mut restarted =
        Trainer::new(painter(), adapter, album3(), run_config()).expect("valid run");
    steps(&mut restarted, 5);
    assert_ne!(values(&restarted.adapter_valid()), whole_adapter);
}

#[test]
fn resume_refuses_another_album_and_files_that_are_not_states() {
    let mut run = trainer(album3(), run_config());
    steps(&mut run, 1);
    let state = run.save_state().expect("saved");

    let err = refused(Trainer::<B>::resume(painter(), &config(), album(), &state));
    assert_eq!(
        err,
        "cannot resume: the album is not the one this run was trained on"
    );

    let meta = crate::lora::LoraMeta {
        preset: "test".into(),
        base_hash: String::new(),
        rank: 8,
        alpha: 16.0,
        targets: crate::lora::Target::ALL.to_vec(),
        trigger: "TOK".into(),
        step: 1,
        seed: 0,
        training_config: String::new(),
    };
    let lora = crate::lora::file::encode(&run.adapter_valid(), crate::lora::Layout::Fal, &meta)
        .expect("encoded");
    let err = refused(Trainer::<B>::resume(painter(), &config(), album3(), &lora));
    assert_eq!(
        err,
        "cannot resume: this .safetensors file is not a training state (is it a LoRA file?)"
    );

    let err = refused(Trainer::<B>::resume(
        painter(),
        &config(),
        album3(),
        b"garbage",
    ));
    assert!(err.starts_with("cannot resume: not a state file"), "{err}");

    let mut other = config();
    other.depth += 1;
    let err = refused(Trainer::<B>::resume(painter(), &other, album3(), &state));
    assert!(err.contains("blocks"), "{err}");
}
