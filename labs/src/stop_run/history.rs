//! The rounds a player has played, as the browser keeps them.
//!
//! The page stores a [`History`] as JSON in `localStorage` under
//! [`History::STORAGE_KEY`]; the home page reads the same key to show games
//! played. What was stored by an older or broken page reads as an empty
//! history, never as an error the player has to deal with.

use serde::{Deserialize, Serialize};

use super::score::{Timing, Verdict};
use super::setup::RoundSetup;

/// How many rounds are kept (the oldest go first).
pub const KEPT: usize = 50;

/// One round played.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    /// What was trained.
    pub setup: RoundSetup,
    /// Where the player stopped.
    pub stop_step: u32,
    /// The best validation's step.
    pub best_step: u32,
    /// Early, sweet spot or late.
    pub timing: Timing,
    /// The round's score, 0 to 100.
    pub points: u32,
}

impl RoundRecord {
    /// The record of a judged round.
    pub fn new(setup: RoundSetup, verdict: &Verdict) -> RoundRecord {
        RoundRecord {
            setup,
            stop_step: verdict.stop_step,
            best_step: verdict.best.step,
            timing: verdict.timing,
            points: verdict.points,
        }
    }
}

/// The rounds played, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// The rounds, at most [`KEPT`].
    pub rounds: Vec<RoundRecord>,
    /// Rounds played in all (also those no longer kept).
    pub played: u32,
}

impl History {
    /// The `localStorage` key.
    pub const STORAGE_KEY: &'static str = "sweetspot.stop-the-run.v1";

    /// Reads a stored history; anything unreadable is an empty one.
    pub fn from_json(stored: &str) -> History {
        serde_json::from_str(stored).unwrap_or_default()
    }

    /// The history as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Adds a round.
    pub fn push(&mut self, record: RoundRecord) {
        self.rounds.push(record);
        if self.rounds.len() > KEPT {
            self.rounds.remove(0);
        }
        self.played = self.played.saturating_add(1);
    }

    /// The next round's number.
    pub fn next_round(&self) -> u32 {
        self.played
    }

    /// The mean score of the kept rounds.
    pub fn average(&self) -> Option<f32> {
        (!self.rounds.is_empty()).then(|| {
            self.rounds.iter().map(|r| r.points as f32).sum::<f32>() / self.rounds.len() as f32
        })
    }

    /// The best score kept.
    pub fn best(&self) -> Option<u32> {
        self.rounds.iter().map(|r| r.points).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stop_run::score::judge;
    use crate::stop_run::score::tests::arc;

    fn record(round: u32, stop: u32) -> RoundRecord {
        let verdict = judge(&arc(), stop).expect("measured");
        RoundRecord::new(RoundSetup::draw(1, round), &verdict)
    }

    #[test]
    fn a_history_survives_storage() {
        let mut history = History::default();
        history.push(record(0, 1200));
        history.push(record(1, 450));
        let again = History::from_json(&history.to_json());
        assert_eq!(again, history);
        assert_eq!(again.next_round(), 2);
        assert_eq!(again.best(), Some(100));
        assert_eq!(again.average(), Some(66.5));
    }

    #[test]
    fn broken_storage_is_an_empty_history() {
        for stored in ["", "null", "{\"rounds\": 3}", "not json"] {
            assert_eq!(History::from_json(stored), History::default(), "{stored}");
        }
        assert_eq!(History::default().average(), None);
    }

    #[test]
    fn only_the_latest_rounds_are_kept_but_all_are_counted() {
        let mut history = History::default();
        for round in 0..(KEPT as u32 + 7) {
            history.push(record(round, 1200));
        }
        assert_eq!(history.rounds.len(), KEPT);
        assert_eq!(history.played, KEPT as u32 + 7);
        assert_eq!(history.rounds[0].setup.round, 7);
    }
}
