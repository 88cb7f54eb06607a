//! A whole round played against scripted engine messages.

use lab_engine::{FromEngine, Hidden, Picture, ToEngine};

use super::game::{Game, Phase};
use super::history::History;
use super::score::Timing;

fn hidden(step: u32) -> Hidden {
    // Learns by step 600, forgets after 900.
    let late = step.saturating_sub(900) as f32 / 600.0;
    Hidden {
        identity: (step as f32 / 600.0).min(1.0) * 0.8,
        obedience: (0.9 - 0.6 * late).max(0.0),
        leak: 0.05 + 0.5 * late,
    }
}

fn ready_game() -> Game {
    let mut game = Game::new(History::default());
    assert!(matches!(
        game.apply(FromEngine::Started),
        Some(ToEngine::Load { .. })
    ));
    game.apply(FromEngine::Loading {
        what: "the painter".into(),
        done: 10,
        total: Some(100),
    });
    assert!(matches!(game.phase, Phase::Loading { done: 10, .. }));
    assert!(!game.can_start());
    game.apply(FromEngine::Ready {
        device: "CPU".into(),
        vocabulary: vec!["TOK".into()],
    });
    assert!(game.can_start());
    game
}

/// Plays steps `from..=to` with validations every 100, pictures only while
/// training.
fn play(game: &mut Game, from: u32, to: u32, pictures: bool) {
    for step in from..=to {
        game.apply(FromEngine::Step {
            step,
            loss: 0.2 - step as f32 * 1e-5,
            steps_per_second: 5.0,
        });
        if step % 100 == 0 {
            let shown = if pictures {
                vec![Picture {
                    size: 1,
                    rgb: vec![0, 0, 0],
                }]
            } else {
                Vec::new()
            };
            game.apply(FromEngine::Validation {
                step,
                pictures: shown,
                hidden: hidden(step),
            });
        }
    }
}

#[test]
fn a_round_is_played_stopped_revealed_and_judged() {
    let mut game = ready_game();
    let Some(ToEngine::Train(setup)) = game.start_round(5) else {
        panic!("a round starts with a training");
    };
    assert_eq!(setup.prompts.len(), 3);
    assert_eq!(game.phase, Phase::Training);
    assert!(game.start_round(5).is_none(), "one round at a time");

    play(&mut game, 1, 1234, true);
    assert_eq!(game.step(), 1234);
    assert_eq!(game.samples.len(), 12);
    assert_eq!(game.stop(), Some(ToEngine::Stop { reveal: true }));
    assert_eq!(game.phase, Phase::Revealing);
    assert_eq!(game.stop(), None);
    game.apply(FromEngine::Stopped { step: 1234 });
    // The reveal: measurements only, no steps shown.
    play(&mut game, 1235, 2000, false);
    assert_eq!(game.step(), 1234, "the loss chart ends at the stop");
    game.apply(FromEngine::Finished { step: 2000 });

    assert_eq!(game.phase, Phase::Judged);
    let verdict = game.verdict.expect("judged");
    assert_eq!(verdict.kept.step, 1200);
    assert_eq!(verdict.best.step, 600);
    assert_eq!(verdict.timing, Timing::Late);
    assert_eq!(game.hidden.len(), 20);
    assert_eq!(game.explanation.len(), 3);
    assert_eq!(game.history.played, 1);
    assert!(game.can_start());

    // The next round keeps the history and the device, and starts clean.
    let Some(ToEngine::Train(next)) = game.start_round(5) else {
        panic!("a second round");
    };
    assert_ne!(next.seed, setup.seed);
    assert!(game.losses.is_empty() && game.hidden.is_empty() && game.verdict.is_none());
    assert_eq!(game.history.played, 1);
    assert_eq!(game.device.as_deref(), Some("CPU"));
}

#[test]
fn a_run_nobody_stops_is_judged_at_its_end() {
    let mut game = ready_game();
    game.start_round(1);
    play(&mut game, 1, 700, true);
    game.apply(FromEngine::Finished { step: 700 });
    assert_eq!(game.stop_step, Some(700));
    assert_eq!(game.verdict.map(|v| v.timing), Some(Timing::SweetSpot));
}

#[test]
fn stopping_before_the_first_validation_is_explained() {
    let mut game = ready_game();
    game.start_round(1);
    play(&mut game, 1, 40, true);
    game.stop();
    game.apply(FromEngine::Finished { step: 40 });
    assert_eq!(game.phase, Phase::Judged);
    assert!(game.verdict.is_none());
    assert!(game.explanation[0].contains("before the first validation"));
    assert_eq!(game.history.played, 0);
}

#[test]
fn an_engine_failure_is_shown() {
    let mut game = ready_game();
    game.apply(FromEngine::Failed {
        message: "could not download the painter".into(),
    });
    assert_eq!(
        game.phase,
        Phase::Failed("could not download the painter".into())
    );
    assert!(!game.can_start());
}

#[test]
fn a_short_round_caps_the_run() {
    let mut game = ready_game();
    game.max_steps = Some(300);
    let Some(ToEngine::Train(setup)) = game.start_round(2) else {
        panic!("a round starts");
    };
    assert_eq!(setup.max_steps, 300);
    game.max_steps = Some(3);
    game.phase = Phase::Ready;
    let Some(ToEngine::Train(setup)) = game.start_round(2) else {
        panic!("a round starts");
    };
    assert_eq!(setup.max_steps, 3);
    assert_eq!(setup.validate_every, 1, "a curve to reveal, however short");
    game.max_steps = Some(40);
    game.phase = Phase::Ready;
    let Some(ToEngine::Train(setup)) = game.start_round(2) else {
        panic!("a round starts");
    };
    assert_eq!((setup.max_steps, setup.validate_every), (40, 20));
}

#[test]
fn a_recorded_round_replays_and_is_judged_like_a_live_one() {
    use lab_engine::{Recording, TrainSetup};

    use super::replay::Replay;

    let mut messages = Vec::new();
    for step in 1..=1500 {
        messages.push(FromEngine::Step {
            step,
            loss: 0.1,
            steps_per_second: 30.0,
        });
        if step % 100 == 0 {
            messages.push(FromEngine::Validation {
                step,
                pictures: vec![Picture {
                    size: 1,
                    rgb: vec![0, 0, 0],
                }],
                hidden: hidden(step),
            });
        }
    }
    messages.push(FromEngine::Finished { step: 1500 });
    let recording = Recording {
        label: "20 pictures, learning rate ×4 (frantic)".into(),
        setup: TrainSetup {
            album: 20,
            rate_factor: 4.0,
            seed: 13,
            max_steps: 1500,
            validate_every: 100,
            prompts: Vec::new(),
            sample_seed: 7,
        },
        device: "CPU, native".into(),
        base_hash: String::new(),
        commit: String::new(),
        command: String::new(),
        seconds: 60.0,
        messages,
    };
    // The live engine failed to start; a recorded round is still possible.
    let mut game = Game::new(History::default());
    game.apply(FromEngine::Failed {
        message: "no WebAssembly".into(),
    });
    assert!(game.start_recorded(&recording));
    assert_eq!(
        game.setup.map(|s| s.twist),
        Some(Some(super::setup::Twist::FranticRate))
    );
    let mut replay = Replay::new(recording);
    // The live engine comes up meanwhile: the recorded round goes on.
    game.apply(FromEngine::Loading {
        what: "the painter".into(),
        done: 1,
        total: None,
    });
    game.apply(FromEngine::Ready {
        device: "CPU (WebAssembly)".into(),
        vocabulary: Vec::new(),
    });
    assert_eq!(game.phase, Phase::Training);
    while game.step() < 640 {
        for message in replay.next(30) {
            game.apply(message);
        }
    }
    assert!(game.stop().is_some());
    for message in replay.rest() {
        game.apply(message);
    }
    assert_eq!(game.phase, Phase::Judged);
    assert_eq!(game.samples.len(), 6, "pictures only up to the stop");
    assert_eq!(game.hidden.len(), 15, "the whole hidden curve");
    let verdict = game.verdict.expect("judged");
    assert_eq!(verdict.kept.step, 600);
    assert_eq!(verdict.timing, Timing::SweetSpot);
    assert_eq!(
        game.recorded.as_ref().map(|(label, _)| label.as_str()),
        Some("20 pictures, learning rate ×4 (frantic)")
    );
    assert_eq!(game.history.played, 1);
}
