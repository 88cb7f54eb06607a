//! One player's game as plain data: it reads the engine's messages and says
//! what to send back, so the page only draws it and forwards messages.
//!
//! The judges' numbers arrive with every validation but stay in
//! [`Game::hidden`] until the round is judged: the player sees what a trainer
//! sees (the loss, the samples) until they stop.

use lab_engine::{FromEngine, Hidden, Picture, Recording, ToEngine, TrainSetup};

use super::explain::explain;
use super::history::{History, RoundRecord};
use super::score::{QualityPoint, Verdict, judge};
use super::setup::{RoundSetup, Twist};

/// Addresses of the weights the engine loads (copied into the site by
/// `cargo xtask build`).
pub const BASE_URL: &str = "/assets/base/tiny.safetensors";
/// The judges' weights.
pub const JUDGES_URL: &str = "/assets/judges/judges.safetensors";

/// The prompts the player watches at every validation.
pub use lab_engine::protocol::GAME_PROMPTS as PROMPTS;
/// Seed of the validation pictures.
pub use lab_engine::protocol::GAME_SAMPLE_SEED as SAMPLE_SEED;

/// Where the game stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Waiting for the engine to start.
    Starting,
    /// Downloading the painter or the judges.
    Loading {
        /// What is downloading.
        what: String,
        /// Bytes so far.
        done: u64,
        /// Bytes in all, if known.
        total: Option<u64>,
    },
    /// Ready for a round.
    Ready,
    /// A round is training; the player may stop it.
    Training,
    /// Stopped; the engine measures what would have come next.
    Revealing,
    /// The round is judged (the verdict is in [`Game::verdict`]).
    Judged,
    /// Something went wrong; the message says what.
    Failed(String),
}

/// The game.
#[derive(Clone, Debug, PartialEq)]
pub struct Game {
    /// Where it stands.
    pub phase: Phase,
    /// Where the engine computes, once ready.
    pub device: Option<String>,
    /// The current (or last) round's setup.
    pub setup: Option<RoundSetup>,
    /// One loss per step of the current round.
    pub losses: Vec<f32>,
    /// Steps per second lately.
    pub speed: f32,
    /// The validation pictures shown, by step.
    pub samples: Vec<(u32, Vec<Picture>)>,
    /// The judges' numbers, by validation; shown only once judged.
    pub hidden: Vec<QualityPoint>,
    /// Where the player stopped.
    pub stop_step: Option<u32>,
    /// The verdict, once judged.
    pub verdict: Option<Verdict>,
    /// Its explanation.
    pub explanation: Vec<String>,
    /// The rounds played.
    pub history: History,
    /// A cap on every round's length (a short demo round), if any.
    pub max_steps: Option<u32>,
    /// The label of the recording being replayed and where it was made, when
    /// the round is a recorded run rather than a live one.
    pub recorded: Option<(String, String)>,
}

impl Game {
    /// A game with the rounds already played.
    pub fn new(history: History) -> Game {
        Game {
            phase: Phase::Starting,
            device: None,
            setup: None,
            losses: Vec::new(),
            speed: 0.0,
            samples: Vec::new(),
            hidden: Vec::new(),
            stop_step: None,
            verdict: None,
            explanation: Vec::new(),
            history,
            max_steps: None,
            recorded: None,
        }
    }

    /// The step the round has reached.
    pub fn step(&self) -> u32 {
        self.losses.len() as u32
    }

    /// Whether a new round can start.
    pub fn can_start(&self) -> bool {
        matches!(self.phase, Phase::Ready | Phase::Judged)
    }

    /// Starts the next round of a session seeded `session`.
    pub fn start_round(&mut self, session: u64) -> Option<ToEngine> {
        if !self.can_start() {
            return None;
        }
        let mut setup = RoundSetup::draw(session, self.history.next_round());
        if let Some(cap) = self.max_steps.map(|cap| cap.max(2)) {
            // A round shorter than the validation interval validates twice
            // (halfway and at the end), so it still has a curve to reveal.
            if cap < setup.validate_every {
                setup.validate_every = cap / 2;
            }
            setup.max_steps = setup.max_steps.min(cap);
        }
        *self = Game {
            phase: Phase::Training,
            setup: Some(setup),
            device: self.device.take(),
            history: std::mem::take(&mut self.history),
            max_steps: self.max_steps,
            ..Game::new(History::default())
        };
        Some(ToEngine::Train(TrainSetup {
            album: setup.album,
            rate_factor: setup.rate_factor,
            seed: setup.seed,
            max_steps: setup.max_steps,
            validate_every: setup.validate_every,
            prompts: PROMPTS.iter().map(|p| (*p).to_owned()).collect(),
            sample_seed: SAMPLE_SEED,
        }))
    }

    /// Starts a round that replays `recording` (the page feeds its messages to
    /// [`Game::apply`]); possible whenever a live round could start, and also
    /// when the live engine failed.
    pub fn start_recorded(&mut self, recording: &Recording) -> bool {
        if !(self.can_start()
            || matches!(
                self.phase,
                Phase::Failed(_) | Phase::Starting | Phase::Loading { .. }
            ))
        {
            return false;
        }
        let train = &recording.setup;
        let setup = RoundSetup {
            round: self.history.next_round(),
            album: train.album,
            rate_factor: train.rate_factor,
            seed: train.seed,
            max_steps: train.max_steps,
            validate_every: train.validate_every,
            twist: (train.rate_factor >= 4.0).then_some(Twist::FranticRate),
        };
        *self = Game {
            phase: Phase::Training,
            setup: Some(setup),
            device: self.device.take(),
            history: std::mem::take(&mut self.history),
            max_steps: self.max_steps,
            recorded: Some((recording.label.clone(), recording.device.clone())),
            ..Game::new(History::default())
        };
        true
    }

    /// The player stops the run.
    pub fn stop(&mut self) -> Option<ToEngine> {
        if self.phase != Phase::Training {
            return None;
        }
        self.stop_step = Some(self.step());
        self.phase = Phase::Revealing;
        Some(ToEngine::Stop { reveal: true })
    }

    /// Reads one engine message; returns what to send back, if anything.
    pub fn apply(&mut self, message: FromEngine) -> Option<ToEngine> {
        match message {
            FromEngine::Started => {
                return Some(ToEngine::Load {
                    base_url: BASE_URL.into(),
                    judges_url: JUDGES_URL.into(),
                });
            }
            // The live engine may finish loading while a recorded round
            // plays: it must not interrupt it.
            FromEngine::Loading { what, done, total } if self.waiting_for_engine() => {
                self.phase = Phase::Loading { what, done, total };
            }
            FromEngine::Ready { device, .. } => {
                self.device = Some(device);
                if self.waiting_for_engine() {
                    self.phase = Phase::Ready;
                }
            }
            FromEngine::Step {
                step,
                loss,
                steps_per_second,
            } if self.phase == Phase::Training => {
                self.losses
                    .resize(step.saturating_sub(1) as usize, f32::NAN);
                self.losses.push(loss);
                self.speed = steps_per_second;
            }
            FromEngine::Validation {
                step,
                pictures,
                hidden,
            } => {
                self.hidden.push(point(step, hidden));
                if !pictures.is_empty() && self.phase == Phase::Training {
                    self.samples.push((step, pictures));
                }
            }
            FromEngine::Finished { .. } => self.judge(),
            FromEngine::Failed { message } => self.phase = Phase::Failed(message),
            FromEngine::Loading { .. }
            | FromEngine::EditReady
            | FromEngine::Painted { .. }
            | FromEngine::Refused { .. }
            | FromEngine::Checked { .. }
            | FromEngine::Stopped { .. }
            | FromEngine::Step { .. } => {}
        }
        None
    }

    /// Whether no round has started since the page opened (the engine is
    /// still starting, loading, or failed).
    fn waiting_for_engine(&self) -> bool {
        matches!(
            self.phase,
            Phase::Starting | Phase::Loading { .. } | Phase::Failed(_)
        )
    }

    /// Judges the round (the run reached its end, after a stop or without one).
    fn judge(&mut self) {
        let Some(setup) = self.setup else {
            return;
        };
        let stop = *self.stop_step.get_or_insert(self.step());
        if let Some(verdict) = judge(&self.hidden, stop) {
            let seen = stop.min(self.losses.len() as u32) as usize;
            self.explanation = explain(&verdict, &self.losses[..seen]);
            self.history.push(RoundRecord::new(setup, &verdict));
            self.verdict = Some(verdict);
        } else {
            self.explanation = vec![format!(
                "You stopped at step {stop}, before the first validation: there was no \
                 checkpoint to keep yet."
            )];
        }
        self.phase = Phase::Judged;
    }
}

fn point(step: u32, hidden: Hidden) -> QualityPoint {
    QualityPoint {
        step,
        identity: hidden.identity,
        obedience: hidden.obedience,
        leak: hidden.leak,
    }
}
