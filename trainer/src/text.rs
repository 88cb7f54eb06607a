//! Captions to token ids over the miniature world's fixed vocabulary.
//!
//! The vocabulary is fixed and small on purpose: every word the painter can be
//! asked for is listed here. Four reserved call words exist in the embedding table
//! but never appear in pretraining captions, so to the base painter they mean
//! nothing, just as `sks` means nothing to a real model before a LoRA teaches it.

use crate::TrainerError;

/// Padding: fills captions up to [`MAX_TOKENS`]; an all-padding caption is the
/// unconditional prompt used for guidance and caption dropout.
pub const PAD: u32 = 0;

/// The longest caption, in words.
pub const MAX_TOKENS: usize = 20;

/// Call words that exist in the vocabulary but are never trained in pretraining.
pub const RESERVED: &[&str] = &["TOK", "TOKSTYLE", "sks", "ohwx"];

/// The world's words (lowercase), in id order after padding and the reserved words.
pub const WORDS: &[&str] = &[
    // grammar
    "a",
    "an",
    "the",
    "of",
    "on",
    "in",
    "at",
    "by",
    "with",
    "beside",
    "near",
    "under",
    "and",
    "riding",
    "sitting",
    "standing",
    "lying",
    "facing",
    "left",
    "right",
    // kinds of picture
    "photo",
    "painting",
    "sketch",
    "drawing",
    "style",
    "pencil",
    // subjects
    "ceramic",
    "cat",
    "figurine",
    "real",
    "dog",
    "vase",
    "teapot",
    "bird",
    "sneaker",
    "lighthouse",
    "white",
    "black",
    "orange",
    "grey",
    "gray",
    "striped",
    "spotted",
    "tabby",
    "blue",
    "green",
    "red",
    "yellow",
    "brown",
    "indigo",
    "copper",
    "collar",
    // scenes and props
    "sunny",
    "windowsill",
    "potted",
    "plant",
    "beach",
    "towel",
    "sea",
    "harbor",
    "pier",
    "snowy",
    "field",
    "snow",
    "forest",
    "trees",
    "kitchen",
    "table",
    "sofa",
    "cushion",
    "city",
    "street",
    "bicycle",
    "night",
    "sky",
    "stars",
    "moon",
    "window",
    // light and framing
    "dim",
    "light",
    "bright",
    "day",
    "evening",
    "close",
    "up",
    "far",
    "away",
    "small",
    "large",
    "big",
];

/// Turns captions into fixed-length id sequences and back.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    words: Vec<&'static str>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        let mut words = vec!["<pad>"];
        words.extend_from_slice(RESERVED);
        words.extend_from_slice(WORDS);
        Self { words }
    }
}

impl Tokenizer {
    /// How many ids exist (padding, reserved words and the world's words).
    pub fn vocab_size(&self) -> usize {
        self.words.len()
    }

    /// The id of `word`, if it is in the vocabulary. Reserved words match exactly;
    /// world words match case-insensitively.
    pub fn id(&self, word: &str) -> Option<u32> {
        let found = match RESERVED.iter().position(|r| *r == word) {
            Some(i) => Some(i + 1),
            None => {
                let lower = word.to_lowercase();
                self.words
                    .iter()
                    .skip(1 + RESERVED.len())
                    .position(|w| *w == lower)
                    .map(|i| i + 1 + RESERVED.len())
            }
        };
        found.and_then(|i| u32::try_from(i).ok())
    }

    /// Splits a caption into words: punctuation separates words and is dropped.
    pub fn words(caption: &str) -> Vec<&str> {
        caption
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// Ids of `caption`, padded with [`PAD`] to [`MAX_TOKENS`].
    pub fn encode(&self, caption: &str) -> Result<Vec<u32>, TrainerError> {
        let words = Self::words(caption);
        if words.len() > MAX_TOKENS {
            return Err(TrainerError::PromptTooLong {
                words: words.len(),
                max: MAX_TOKENS,
            });
        }
        let mut ids = Vec::with_capacity(MAX_TOKENS);
        for word in words {
            let id = self.id(word).ok_or_else(|| TrainerError::UnknownWord {
                word: word.to_owned(),
                hint: self
                    .suggest(word)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default(),
            })?;
            ids.push(id);
        }
        ids.resize(MAX_TOKENS, PAD);
        Ok(ids)
    }

    /// The caption an id sequence spells, padding left out.
    pub fn decode(&self, ids: &[u32]) -> String {
        ids.iter()
            .filter(|&&id| id != PAD)
            .filter_map(|&id| self.words.get(id as usize).copied())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The closest known word by edit distance, if any is close enough to help.
    pub fn suggest(&self, word: &str) -> Option<&'static str> {
        let lower = word.to_lowercase();
        self.words
            .iter()
            .skip(1)
            .map(|candidate| (edit_distance(&lower, &candidate.to_lowercase()), *candidate))
            .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 3))
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, candidate)| candidate)
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev + usize::from(ca != *cb);
            prev = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(prev + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_padding() {
        let tokenizer = Tokenizer::default();
        let ids = tokenizer
            .encode("a photo of TOK ceramic cat figurine on a sunny windowsill")
            .expect("known words");
        assert_eq!(ids.len(), MAX_TOKENS);
        assert_eq!(ids[3], 1, "TOK is the first reserved id");
        assert!(
            ids[11..].iter().all(|&id| id == PAD),
            "11 words, then padding"
        );
        assert_eq!(
            tokenizer.decode(&ids),
            "a photo of TOK ceramic cat figurine on a sunny windowsill"
        );
    }

    #[test]
    fn reserved_words_are_case_sensitive_and_world_words_are_not() {
        let tokenizer = Tokenizer::default();
        assert_eq!(tokenizer.id("TOK"), Some(1));
        assert_eq!(
            tokenizer.id("tok"),
            None,
            "the call word is spelled exactly"
        );
        assert_eq!(tokenizer.id("Photo"), tokenizer.id("photo"));
    }

    #[test]
    fn unknown_words_are_refused_with_a_suggestion() {
        let tokenizer = Tokenizer::default();
        let err = tokenizer
            .encode("a photo of a lighthous")
            .expect_err("typo");
        assert_eq!(
            err.to_string(),
            "the painter does not know the word `lighthous` (did you mean `lighthouse`?)"
        );
        let err = tokenizer
            .encode("a photo of a spaceship")
            .expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "the painter does not know the word `spaceship`"
        );
        let long = vec!["cat"; MAX_TOKENS + 1].join(" ");
        assert!(matches!(
            tokenizer.encode(&long),
            Err(TrainerError::PromptTooLong { .. })
        ));
    }

    #[test]
    fn vocabulary_has_no_duplicates() {
        let tokenizer = Tokenizer::default();
        let mut seen = std::collections::HashSet::new();
        for word in &tokenizer.words {
            assert!(seen.insert(word.to_lowercase()), "duplicate word {word}");
        }
    }
}
