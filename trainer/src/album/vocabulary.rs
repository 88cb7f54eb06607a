//! Which captions use words the painter does not know.
//!
//! Loading does not tokenize: a real album may well use words outside the
//! miniature world's vocabulary, and whether that is fatal is the caller's call
//! (the CLI may refuse, the server may warn). This check lists every such word
//! per caption file, with the tokenizer's suggestion, so the message can be fixed
//! in one pass instead of one error at a time.

use std::fmt;

use super::loaded::Album;
use crate::text::{MAX_TOKENS, Tokenizer};

/// Where a caption came from, for a problem report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptionOrigin {
    /// A caption file in the album.
    File(String),
    /// The album's default caption (reported once, however many images use it).
    Default,
}

impl fmt::Display for CaptionOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(name) => f.write_str(name),
            Self::Default => f.write_str("the default caption"),
        }
    }
}

/// What is wrong with a caption, as far as the painter is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A word outside the vocabulary.
    UnknownWord {
        /// The word as written.
        word: String,
        /// The closest known word, if one is close.
        suggestion: Option<&'static str>,
    },
    /// More words than the caption encoder reads.
    TooLong {
        /// Words in the caption.
        words: usize,
        /// The limit.
        max: usize,
    },
}

/// One problem in one caption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The caption at fault.
    pub origin: CaptionOrigin,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ProblemKind::UnknownWord { word, suggestion } => {
                write!(
                    f,
                    "{}: the painter does not know the word `{word}`",
                    self.origin
                )?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean `{s}`?)"),
                    None => Ok(()),
                }
            }
            ProblemKind::TooLong { words, max } => write!(
                f,
                "{}: the caption has {words} words; the painter reads at most {max}",
                self.origin
            ),
        }
    }
}

impl Album {
    /// Every unknown word and over-long caption, per caption file in name order,
    /// then the default caption if any example uses it. Empty when all is well.
    pub fn check_vocabulary(&self, tokenizer: &Tokenizer) -> Vec<Problem> {
        let mut problems = Vec::new();
        for example in &self.examples {
            if let Some(file) = &example.caption_file {
                check(
                    &example.caption,
                    CaptionOrigin::File(file.clone()),
                    tokenizer,
                    &mut problems,
                );
            }
        }
        if let Some(default) = &self.default_caption
            && self.examples.iter().any(|e| e.caption_file.is_none())
        {
            check(default, CaptionOrigin::Default, tokenizer, &mut problems);
        }
        problems
    }
}

fn check(caption: &str, origin: CaptionOrigin, tokenizer: &Tokenizer, out: &mut Vec<Problem>) {
    let words = Tokenizer::words(caption);
    if words.len() > MAX_TOKENS {
        out.push(Problem {
            origin: origin.clone(),
            kind: ProblemKind::TooLong {
                words: words.len(),
                max: MAX_TOKENS,
            },
        });
    }
    for word in words {
        if tokenizer.id(word).is_none() {
            out.push(Problem {
                origin: origin.clone(),
                kind: ProblemKind::UnknownWord {
                    word: word.to_owned(),
                    suggestion: tokenizer.suggest(word),
                },
            });
        }
    }
}
