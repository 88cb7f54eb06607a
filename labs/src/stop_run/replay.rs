//! Replaying a recorded round: the recorded engine messages handed out a few
//! steps at a time, as a live engine would send them, and the rest at once
//! when the player stops (the reveal needs no waiting: it was recorded).

use lab_engine::{FromEngine, Recording};

/// A recording being played.
#[derive(Clone, Debug, PartialEq)]
pub struct Replay {
    messages: Vec<FromEngine>,
    cursor: usize,
}

impl Replay {
    /// Starts at the recording's first message.
    pub fn new(recording: Recording) -> Replay {
        Replay {
            messages: recording.messages,
            cursor: 0,
        }
    }

    /// Whether every message has been handed out.
    pub fn done(&self) -> bool {
        self.cursor >= self.messages.len()
    }

    /// The next messages, up to and including the `steps`-th `Step` from here
    /// (and the validation that follows it, if any).
    pub fn next(&mut self, steps: u32) -> Vec<FromEngine> {
        let mut out = Vec::new();
        let mut left = steps;
        while let Some(message) = self.messages.get(self.cursor) {
            if matches!(message, FromEngine::Step { .. }) {
                if left == 0 {
                    break;
                }
                left -= 1;
            }
            out.push(message.clone());
            self.cursor += 1;
        }
        out
    }

    /// Everything left (after a stop: the reveal).
    pub fn rest(&mut self) -> Vec<FromEngine> {
        let out = self.messages[self.cursor.min(self.messages.len())..].to_vec();
        self.cursor = self.messages.len();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab_engine::{Hidden, TrainSetup};

    fn recording() -> Recording {
        let mut messages = Vec::new();
        for step in 1..=10 {
            messages.push(FromEngine::Step {
                step,
                loss: 0.1,
                steps_per_second: 20.0,
            });
            if step % 4 == 0 {
                messages.push(FromEngine::Validation {
                    step,
                    pictures: Vec::new(),
                    hidden: Hidden::default(),
                });
            }
        }
        messages.push(FromEngine::Finished { step: 10 });
        Recording {
            label: "test".into(),
            setup: TrainSetup {
                album: 8,
                rate_factor: 1.0,
                seed: 0,
                max_steps: 10,
                validate_every: 4,
                prompts: Vec::new(),
                sample_seed: 0,
            },
            device: "CPU".into(),
            base_hash: String::new(),
            commit: String::new(),
            command: String::new(),
            seconds: 1.0,
            messages,
        }
    }

    #[test]
    fn steps_come_out_in_slices_with_their_validations() {
        let mut replay = Replay::new(recording());
        let first = replay.next(4);
        assert_eq!(first.len(), 5, "steps 1-4 and the validation after step 4");
        assert!(matches!(first[4], FromEngine::Validation { step: 4, .. }));
        let second = replay.next(1);
        assert_eq!(second.len(), 1);
        assert!(matches!(second[0], FromEngine::Step { step: 5, .. }));
        let rest = replay.rest();
        assert!(matches!(
            rest.last(),
            Some(FromEngine::Finished { step: 10 })
        ));
        assert!(replay.done());
        assert!(replay.next(3).is_empty());
    }
}
