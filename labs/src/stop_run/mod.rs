//! The rules of *stop the run*, with no DOM and no trainer in them.
//!
//! A round trains a real `TOK` LoRA in the reader's browser. The player sees
//! what a trainer shows (the loss and validation samples) and presses stop;
//! the judges' hidden measurements of quality on prompts the album never showed
//! are then revealed, with the best moment marked, and the round is scored.
//!
//! - [`setup`]: each round's setup, drawn from a seed so that the sweet spot
//!   moves from round to round (album size, learning rate, seed, and now and
//!   then a bad setup).
//! - [`score`]: the hidden quality curve, the sweet-spot window and the verdict
//!   on a stop.
//! - [`explain`]: what the curves showed at the moment of stopping, in words.
//! - [`history`]: the rounds played, as kept in the browser.
//! - [`replay`]: a recorded round handed out as a live engine would send it.
//! - [`game`]: one player's game as data: it reads the engine's messages
//!   ([`lab_engine::FromEngine`]) and says what to send back.
//!
//! The loss chart's smoothing is [`crate::chart::smooth`], the same one the run
//! pages use.

pub mod explain;
pub mod game;
pub mod history;
pub mod replay;
pub mod score;
pub mod setup;

#[cfg(test)]
mod game_tests;

pub use explain::explain;
pub use game::{Game, Phase};
pub use history::{History, RoundRecord};
pub use score::{QualityPoint, Timing, Verdict, judge};
pub use setup::{RoundSetup, Twist};
