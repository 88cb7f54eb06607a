//! Resuming pretraining: bit-identical to never stopping, and refusing files
//! that are not pretraining states.

use super::tests::{fresh, run_config};
use super::*;
use crate::TestBackend;
use crate::test_util::values;

type B = TestBackend;

fn short() -> PretrainConfig {
    PretrainConfig {
        steps: 6,
        batch_size: 3,
        warmup: 2,
        caption_dropout: 0.3,
        ..run_config()
    }
}

fn steps(run: &mut Pretrainer<B>, n: usize) -> Vec<f32> {
    (0..n)
        .map(|_| match run.step().expect("finite loss") {
            crate::train::StepEvent::Applied { loss, .. } => loss,
            crate::train::StepEvent::Skipped { loss, .. } => loss,
        })
        .collect()
}

fn refused(state: &[u8]) -> String {
    match Pretrainer::<B>::resume(state, &Default::default()) {
        Ok(_) => panic!("the resume should have been refused"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn a_resumed_pretraining_run_ends_bit_identical_to_an_uninterrupted_one() {
    let mut whole = fresh(short());
    let whole_losses = steps(&mut whole, 6);

    let mut first = fresh(short());
    let mut losses = steps(&mut first, 3);
    let state = first.save_state().expect("saved");
    drop(first);
    let mut resumed = Pretrainer::<B>::resume(&state, &Default::default()).expect("resumed");
    assert_eq!(resumed.steps_done(), 3);
    assert_eq!(
        Pretrainer::<B>::state_settings(&state).expect("readable"),
        (crate::test_util::small_config(), short())
    );
    losses.extend(steps(&mut resumed, 3));
    assert!(resumed.finished());
    assert_eq!(losses, whole_losses, "the losses differ after resume");
    assert_eq!(
        values(resumed.painter()),
        values(whole.painter()),
        "the weights differ after resume"
    );

    // The control: the same weights with a fresh optimiser and fresh streams
    // (what a naive "resume" does) end somewhere else.
    let mut naive = fresh(short());
    steps(&mut naive, 3);
    let mut restarted = Pretrainer::new(
        naive.painter().clone(),
        crate::test_util::small_config(),
        short(),
    )
    .expect("valid run");
    steps(&mut restarted, 3);
    assert_ne!(values(restarted.painter()), values(whole.painter()));
}

#[test]
fn resume_refuses_files_that_are_not_pretraining_states() {
    let err = refused(b"garbage");
    assert!(err.starts_with("cannot resume: not a state file"), "{err}");

    let painter = crate::test_util::jittered_painter();
    let weights =
        crate::model::weights::save(&painter, &crate::test_util::small_config()).expect("saved");
    let err = refused(&weights);
    assert!(err.contains("not a training state"), "{err}");

    // A LoRA training run's state.
    let lora = crate::lora::LoraConfig::new().init::<B>(
        &crate::test_util::small_config(),
        1,
        &Default::default(),
    );
    let album = vec![crate::train::Example {
        image: vec![0.0; 3 * 16 * 16],
        caption: "a photo of TOK".into(),
        start: None,
    }];
    let trainer =
        crate::train::Trainer::new(painter, lora, album, crate::train::TrainConfig::default())
            .expect("valid run");
    let err = refused(&trainer.save_state().expect("saved"));
    assert!(err.contains("not a pretraining state"), "{err}");
}
