//! The trainer's errors, each worded for the person who has to act on it.

/// What can go wrong in the trainer.
#[derive(Debug, thiserror::Error)]
pub enum TrainerError {
    /// A prompt uses a word outside the miniature world's vocabulary.
    #[error("the painter does not know the word `{word}`{hint}")]
    UnknownWord {
        /// The word as written.
        word: String,
        /// ` (did you mean …?)` or empty.
        hint: String,
    },
    /// A prompt is longer than the caption encoder reads.
    #[error("the prompt has {words} words; the painter reads at most {max}")]
    PromptTooLong {
        /// Words in the prompt.
        words: usize,
        /// The limit.
        max: usize,
    },
    /// Training produced a non-finite loss too many times in a row.
    #[error(
        "training stopped at step {step}: the loss was not a finite number {in_a_row} steps in a row (learning rate too high, or a broken image?)"
    )]
    NonFinite {
        /// How many in a row.
        in_a_row: u32,
        /// The step at which the run stopped.
        step: u32,
    },
    /// A LoRA file that cannot be used with this painter, and why.
    #[error("LoRA file refused: {0}")]
    LoraFile(String),
    /// A base weights file that cannot be used, and why.
    #[error("painter weights refused: {0}")]
    Weights(String),
    /// A saved training state that cannot be resumed, and why.
    #[error("cannot resume: {0}")]
    State(String),
    /// A caption outside the world's grammar, and where it went wrong.
    #[error("caption not in the world's grammar: {0}")]
    Caption(String),
    /// A picture that cannot be encoded, and why.
    #[error("cannot write the picture: {0}")]
    Image(String),
    /// Judge weights that cannot be used, or pictures the judges cannot read.
    #[error("judges: {0}")]
    Judges(String),
    /// A configuration value is out of range.
    #[error("invalid setting: {0}")]
    Config(String),
}
