//! The engine driven as the worker drives it, on the CPU with the shipped base
//! painter and judges: it loads, paints, trains with validations, stops, and
//! reveals the rest of the hidden curve.

use burn::backend::{Autodiff, Flex};
use lab_engine::engine::Engine;
use lab_engine::{FromEngine, ToEngine, TrainSetup};

type B = Autodiff<Flex>;

/// The engine's async methods driven to completion, as the worker's loop does.
trait Blocking {
    fn ask(&mut self, message: ToEngine) -> Vec<FromEngine>;
    fn slice(&mut self, steps: u32, now_ms: f64) -> Vec<FromEngine>;
}

impl Blocking for Engine<B> {
    fn ask(&mut self, message: ToEngine) -> Vec<FromEngine> {
        futures_executor::block_on(self.handle(message))
    }
    fn slice(&mut self, steps: u32, now_ms: f64) -> Vec<FromEngine> {
        futures_executor::block_on(self.work(steps, now_ms))
    }
}

fn asset(path: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn loaded() -> Engine<B> {
    let mut engine = Engine::<B>::new(Default::default(), "CPU");
    let ready = engine
        .load(
            &asset("assets/base/tiny.safetensors"),
            &asset("assets/judges/judges.safetensors"),
        )
        .expect("the shipped weights load");
    let FromEngine::Ready { device, vocabulary } = ready else {
        panic!("ready, got {ready:?}");
    };
    assert_eq!(device, "CPU");
    assert!(vocabulary.iter().any(|w| w == "TOK"));
    assert!(vocabulary.iter().any(|w| w == "bicycle"));
    engine
}

fn setup(max_steps: u32) -> TrainSetup {
    TrainSetup {
        album: 8,
        rate_factor: 1.0,
        seed: 3,
        max_steps,
        validate_every: 4,
        prompts: vec!["a photo of TOK ceramic cat figurine on a beach".into()],
        sample_seed: 11,
    }
}

fn painted(answers: Vec<FromEngine>) -> Vec<u8> {
    match answers.as_slice() {
        [FromEngine::Painted { id: 7, picture }] => {
            assert_eq!(picture.rgb.len(), 3 * 32 * 32);
            picture.rgb.clone()
        }
        other => panic!("expected a picture, got {other:?}"),
    }
}

#[test]
fn a_run_trains_validates_stops_and_reveals() {
    let mut engine = loaded();
    let sample = |engine: &mut Engine<B>, scale| {
        painted(engine.ask(ToEngine::Sample {
            id: 7,
            prompt: "a photo of TOK ceramic cat figurine on a beach".into(),
            seed: 5,
            lora_scale: scale,
        }))
    };
    let bare = sample(&mut engine, None);
    assert_eq!(bare, sample(&mut engine, None), "same seed, same picture");

    assert!(engine.ask(ToEngine::Train(setup(12))).is_empty());
    assert!(engine.busy());
    let mut steps = Vec::new();
    let mut validations = Vec::new();
    let mut now = 0.0;
    while steps.len() < 5 {
        now += 100.0;
        for answer in engine.slice(1, now) {
            match answer {
                FromEngine::Step { step, loss, .. } => {
                    assert!(loss.is_finite());
                    steps.push(step);
                }
                FromEngine::Validation {
                    step,
                    pictures,
                    hidden,
                } => {
                    assert_eq!(pictures.len(), 1, "one picture per prompt");
                    assert!((0.0..=1.0).contains(&hidden.identity));
                    assert!((0.0..=1.0).contains(&hidden.obedience));
                    validations.push(step);
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert_eq!(steps, [1, 2, 3, 4, 5]);
    assert_eq!(validations, [4]);

    // Stop at step 5 and reveal: training goes on quietly to step 12,
    // measuring at 8 and 12 without pictures, then finishes.
    let stopped = engine.ask(ToEngine::Stop { reveal: true });
    assert_eq!(stopped, [FromEngine::Stopped { step: 5 }]);
    let mut revealed = Vec::new();
    while engine.busy() {
        for answer in engine.slice(3, now) {
            match answer {
                FromEngine::Validation { step, pictures, .. } => {
                    assert!(pictures.is_empty(), "no pictures while revealing");
                    revealed.push(step);
                }
                FromEngine::Finished { step } => assert_eq!(step, 12),
                other => panic!("no steps are shown while revealing: {other:?}"),
            }
        }
    }
    assert_eq!(revealed, [8, 12]);
    // The bracelet kept is the one of the stop, and it changes the picture.
    let worn = sample(&mut engine, Some(1.0));
    assert_ne!(worn, bare);
}

#[test]
fn mistakes_are_answered_in_words() {
    let mut engine = Engine::<B>::new(Default::default(), "CPU");
    let answers = engine.ask(ToEngine::Train(setup(10)));
    assert!(
        matches!(&answers[..], [FromEngine::Failed { message }] if message.contains("not loaded")),
        "{answers:?}"
    );
    let mut engine = loaded();
    let answers = engine.ask(ToEngine::Train(TrainSetup {
        album: 13,
        ..setup(10)
    }));
    assert!(
        matches!(&answers[..], [FromEngine::Failed { message }] if message.contains("8, 20 and 40")),
        "{answers:?}"
    );
    let answers = engine.ask(ToEngine::Sample {
        id: 1,
        prompt: "a photo of a unicorn".into(),
        seed: 0,
        lora_scale: None,
    });
    assert!(
        matches!(&answers[..], [FromEngine::Refused { id: 1, message }] if message.contains("unicorn")),
        "{answers:?}"
    );
    let answers = engine.ask(ToEngine::Check {
        id: 2,
        prompt: "a photo of a dgo on a beach".into(),
    });
    assert!(
        matches!(&answers[..], [FromEngine::Checked { id: 2, problem: Some(p) }] if p.contains("`dog`")),
        "{answers:?}"
    );
    let answers = engine.ask(ToEngine::Check {
        id: 3,
        prompt: "a photo of a dog on a beach".into(),
    });
    assert_eq!(
        answers,
        [FromEngine::Checked {
            id: 3,
            problem: None
        }]
    );
    assert!(!engine.busy());
    assert!(engine.load(b"not weights", b"nor these").is_err());
}

#[test]
fn the_edit_bracelet_paints_a_sketch_once_loaded() {
    let mut engine = loaded();
    // A blank sheet of the world's paper with one dark line across it.
    let mut rgb = [246u8, 243, 236].repeat(32 * 32);
    for x in 4..28 {
        let at = 3 * (16 * 32 + x);
        rgb[at..at + 3].copy_from_slice(&[64, 64, 71]);
    }
    let start = lab_engine::Picture { size: 32, rgb };
    let edit = |engine: &mut Engine<B>, start: &lab_engine::Picture| {
        engine.ask(ToEngine::Edit {
            id: 7,
            start: start.clone(),
            seed: 3,
        })
    };
    match edit(&mut engine, &start).as_slice() {
        [FromEngine::Refused { id: 7, message }] => {
            assert!(message.contains("not loaded"), "{message}");
        }
        other => panic!("refused before the bracelet loads, got {other:?}"),
    }
    // A plain bracelet is refused: it cannot read the sketch.
    let plain = engine.load_edit(&asset("assets/experiments/steps-1000/lora.safetensors"));
    assert!(plain.is_err());
    let ready = engine
        .load_edit(&asset("assets/experiments/edit-sketch/lora.safetensors"))
        .expect("the edit bracelet loads");
    assert_eq!(ready, FromEngine::EditReady);
    let first = painted(edit(&mut engine, &start));
    assert_eq!(
        first,
        painted(edit(&mut engine, &start)),
        "the same seed paints the same"
    );
    let wrong = lab_engine::Picture {
        size: 16,
        rgb: vec![0; 3 * 16 * 16],
    };
    assert!(matches!(
        edit(&mut engine, &wrong).as_slice(),
        [FromEngine::Refused { .. }]
    ));
}
