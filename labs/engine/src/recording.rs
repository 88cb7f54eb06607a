//! Recorded rounds: a whole run made by the native engine, kept as the very
//! messages the worker would have sent, so a page whose reader has no fast
//! enough device can replay a real run instead of a live one.

use serde::{Deserialize, Serialize};

use crate::protocol::{FromEngine, TrainSetup};

/// One recorded round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recording {
    /// A short name for the player ("20 pictures, learning rate ×1").
    pub label: String,
    /// What was trained.
    pub setup: TrainSetup,
    /// Where it was made ("CPU, native").
    pub device: String,
    /// SHA-256 of the base painter it was made with.
    pub base_hash: String,
    /// The commit of the code that made it.
    pub commit: String,
    /// The command that makes it again.
    pub command: String,
    /// Wall time of the recording, in seconds.
    pub seconds: f32,
    /// The engine's messages from the first step to `Finished`.
    pub messages: Vec<FromEngine>,
}

/// The list of recordings a site offers (`index.json` beside them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordingIndex {
    /// File names and labels, in the order offered.
    pub recordings: Vec<(String, String)>,
}
