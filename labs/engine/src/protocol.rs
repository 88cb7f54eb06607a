//! The messages between a lab page and its engine.
//!
//! They cross the worker boundary as JSON strings ([`ToEngine::to_json`],
//! [`FromEngine::from_json`]), so both sides are plain serde types and a bad
//! message is an error in words rather than a crash.

use serde::{Deserialize, Serialize};

/// The prompts *stop the run* shows at every validation: one like the album,
/// two it never showed. The game and the recorder both use these.
pub const GAME_PROMPTS: [&str; 3] = [
    "a photo of TOK ceramic cat figurine on a sunny windowsill",
    "a photo of TOK ceramic cat figurine on a beach",
    "a photo of TOK ceramic cat figurine riding a bicycle",
];

/// Seed of the game's validation pictures: the same noise at every validation,
/// so the player watches one picture change.
pub const GAME_SAMPLE_SEED: u64 = 7;

/// The one instruction the course's edit bracelet learned in place of every
/// caption (`cargo xtask experiments`' `EDIT_INSTRUCTION`); edits paint it.
pub const EDIT_INSTRUCTION: &str = "a painting";

/// What the page asks of the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToEngine {
    /// Load the base painter and the judges from these addresses (fetched by
    /// the worker, kept in the browser's cache).
    Load {
        /// The base painter's `.safetensors`.
        base_url: String,
        /// The judges' `.safetensors`.
        judges_url: String,
    },
    /// Paint one picture.
    Sample {
        /// Echoed in the answer, to match answers with requests.
        id: u32,
        /// The prompt, in the world's words.
        prompt: String,
        /// Seed of the start noise.
        seed: u64,
        /// Scale of the LoRA being trained (`None` or 0: without it).
        lora_scale: Option<f32>,
    },
    /// Check a prompt against the painter's vocabulary without painting it.
    Check {
        /// Echoed in the answer.
        id: u32,
        /// The prompt.
        prompt: String,
    },
    /// Start training a `TOK` LoRA.
    Train(TrainSetup),
    /// Stop training here; with `reveal`, keep training quietly to the
    /// setup's last step, measuring only, so the whole hidden curve is known.
    Stop {
        /// Finish the hidden measurements after stopping.
        reveal: bool,
    },
    /// Forget the LoRA and any run.
    Reset,
    /// Load an edit bracelet (a `.safetensors` LoRA that reads a start picture)
    /// from this address; answered with [`FromEngine::EditReady`].
    LoadEdit {
        /// The LoRA file.
        url: String,
    },
    /// Paint [`EDIT_INSTRUCTION`] from `start`, wearing the edit bracelet;
    /// answered with [`FromEngine::Painted`] or [`FromEngine::Refused`].
    Edit {
        /// Echoed in the answer.
        id: u32,
        /// The picture to change, at the painter's size.
        start: Picture,
        /// Seed of the start noise.
        seed: u64,
    },
}

/// One training run's settings, as the page chose them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainSetup {
    /// Pictures in the `TOK` album (8, 20 or 40: the course's albums).
    pub album: u32,
    /// Learning rate as a multiple of the bench's default.
    pub rate_factor: f32,
    /// Seed of the LoRA's start and of the training noise.
    pub seed: u64,
    /// The run's last step.
    pub max_steps: u32,
    /// Steps between validations.
    pub validate_every: u32,
    /// Prompts painted at every validation, shown to the player.
    pub prompts: Vec<String>,
    /// Seed of the validation pictures (the same at every validation).
    pub sample_seed: u64,
}

/// One painted picture.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    /// Side in pixels.
    pub size: u32,
    /// `size × size` RGB bytes, row by row (base64 in JSON: a third of the
    /// size of a list of numbers, which matters for recorded runs).
    #[serde(with = "base64")]
    pub rgb: Vec<u8>,
}

/// Bytes as standard base64 (with `=` padding), as pictures travel in JSON
/// and as the page puts them in `data:` URLs.
pub fn base64(bytes: &[u8]) -> String {
    base64::encode(bytes)
}

/// Bytes as a standard base64 string in serde formats.
mod base64 {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&encode(bytes))
    }

    pub(super) fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
            for i in 0..4 {
                out.push(if i <= chunk.len() {
                    char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize])
                } else {
                    '='
                });
            }
        }
        out
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        let mut out = Vec::with_capacity(text.len() / 4 * 3);
        let mut n = 0u32;
        let mut bits = 0;
        for c in text.bytes().filter(|c| *c != b'=') {
            let v = ALPHABET
                .iter()
                .position(|a| *a == c)
                .ok_or_else(|| D::Error::custom("a picture's bytes are not base64"))?;
            n = n << 6 | v as u32;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((n >> bits & 0xff) as u8);
            }
        }
        Ok(out)
    }
}

/// What the judges measured at a validation, hidden from the player until
/// the run is stopped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hidden {
    /// Identity on prompts the album never showed (mean `TOK` probability).
    pub identity: f32,
    /// Share of those pictures in the scene asked for.
    pub obedience: f32,
    /// Share of those pictures where the album's windowsill leaked in.
    pub leak: f32,
}

/// What the engine tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromEngine {
    /// The worker is running and listening (send [`ToEngine::Load`] next).
    Started,
    /// Downloading or preparing something.
    Loading {
        /// What, in words.
        what: String,
        /// Bytes (or items) done.
        done: u64,
        /// Bytes (or items) in all, when known.
        total: Option<u64>,
    },
    /// Ready to paint and train.
    Ready {
        /// Where it computes, in words ("WebGPU", "CPU").
        device: String,
        /// Every word the painter knows, call words included.
        vocabulary: Vec<String>,
    },
    /// The edit bracelet is loaded.
    EditReady,
    /// A picture asked for with [`ToEngine::Sample`] or [`ToEngine::Edit`].
    Painted {
        /// The request's id.
        id: u32,
        /// The picture.
        picture: Picture,
    },
    /// A picture that could not be painted (an unknown word, say).
    Refused {
        /// The request's id.
        id: u32,
        /// Why, with a suggestion where there is one.
        message: String,
    },
    /// The answer to [`ToEngine::Check`].
    Checked {
        /// The request's id.
        id: u32,
        /// What is wrong with the prompt, with a suggestion; `None` if nothing.
        problem: Option<String>,
    },
    /// One training step done.
    Step {
        /// 1-based step.
        step: u32,
        /// Its loss.
        loss: f32,
        /// Training speed lately.
        steps_per_second: f32,
    },
    /// A validation: pictures for the player, numbers for later.
    Validation {
        /// The step validated.
        step: u32,
        /// One picture per prompt of the setup (none while revealing).
        pictures: Vec<Picture>,
        /// The judges' measurements.
        hidden: Hidden,
    },
    /// Training stopped at the player's request.
    Stopped {
        /// The last step done.
        step: u32,
    },
    /// The run reached its last step (or the reveal finished).
    Finished {
        /// The last step done.
        step: u32,
    },
    /// Something went wrong, in plain words.
    Failed {
        /// What happened and what to do.
        message: String,
    },
}

/// A message that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the lab engine could not read a message: {0}")]
pub struct BadMessage(#[from] serde_json::Error);

macro_rules! json_codec {
    ($t:ty) => {
        impl $t {
            /// The message as sent across the worker boundary.
            pub fn to_json(&self) -> String {
                serde_json::to_string(self).unwrap_or_default()
            }

            /// A message received across the worker boundary.
            pub fn from_json(text: &str) -> Result<Self, BadMessage> {
                Ok(serde_json::from_str(text)?)
            }
        }
    };
}

json_codec!(ToEngine);
json_codec!(FromEngine);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_cross_as_json_and_back() {
        let setup = TrainSetup {
            album: 20,
            rate_factor: 1.4,
            seed: 9,
            max_steps: 2000,
            validate_every: 100,
            prompts: vec!["a photo of TOK ceramic cat figurine on a beach".into()],
            sample_seed: 3,
        };
        for message in [
            ToEngine::Train(setup),
            ToEngine::Stop { reveal: true },
            ToEngine::Sample {
                id: 4,
                prompt: "a photo of a dog".into(),
                seed: 1,
                lora_scale: Some(0.8),
            },
        ] {
            assert_eq!(ToEngine::from_json(&message.to_json()).ok(), Some(message));
        }
        let answer = FromEngine::Validation {
            step: 100,
            pictures: vec![Picture {
                size: 1,
                rgb: vec![1, 2, 3],
            }],
            hidden: Hidden {
                identity: 0.5,
                obedience: 0.75,
                leak: 0.0,
            },
        };
        assert_eq!(FromEngine::from_json(&answer.to_json()).ok(), Some(answer));
    }

    #[test]
    fn pictures_travel_as_base64() {
        for rgb in [
            vec![],
            vec![1],
            vec![1, 2],
            vec![0, 255, 128, 7],
            (0..=255).collect(),
        ] {
            let picture = Picture { size: 1, rgb };
            let json = serde_json::to_string(&picture).expect("serialises");
            assert!(!json.contains('['), "{json}");
            assert_eq!(serde_json::from_str::<Picture>(&json).ok(), Some(picture));
        }
        assert!(serde_json::from_str::<Picture>(r#"{"size":1,"rgb":"a*b"}"#).is_err());
    }

    #[test]
    fn a_bad_message_is_an_error_in_words() {
        let err = ToEngine::from_json("{\"Dance\": 1}").expect_err("unknown");
        assert!(
            err.to_string().contains("could not read a message"),
            "{err}"
        );
    }
}
