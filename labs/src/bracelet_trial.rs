//! Trying a bracelet on: one prompt painted without the LoRA and with it at a
//! chosen scale, side by side, with the prompt checked against the painter's
//! vocabulary as it is typed. Plain data; the page draws it and forwards the
//! engine's answers to [`Trial::apply`].
//!
//! Every request carries a fresh id and each slot remembers the newest one it
//! asked for, so an answer that arrives after a newer request is dropped
//! instead of flickering over it.

use lab_engine::{FromEngine, Picture, ToEngine};

/// The lowest and highest scale the slider offers.
pub const SCALE_RANGE: (f32, f32) = (0.0, 4.0);

/// Which picture an answer is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Latest {
    without: u32,
    with: u32,
    check: u32,
}

/// The state of the trial.
#[derive(Clone, Debug, PartialEq)]
pub struct Trial {
    /// The prompt painted.
    pub prompt: String,
    /// Seed of the start noise (the same for both pictures).
    pub seed: u64,
    /// The bracelet's scale for the right-hand picture.
    pub scale: f32,
    /// Whether a bracelet exists to wear (a round has been played).
    pub has_bracelet: bool,
    /// Words the painter knows (from the engine).
    pub vocabulary: Vec<String>,
    /// The picture without the bracelet.
    pub without: Option<Picture>,
    /// The picture with it.
    pub with: Option<Picture>,
    /// What is wrong with the prompt, if anything.
    pub problem: Option<String>,
    next_id: u32,
    latest: Latest,
}

impl Trial {
    /// A trial of `prompt` at scale 1.
    pub fn new(prompt: impl Into<String>) -> Trial {
        Trial {
            prompt: prompt.into(),
            seed: 1,
            scale: 1.0,
            has_bracelet: false,
            vocabulary: Vec::new(),
            without: None,
            with: None,
            problem: None,
            next_id: 1000,
            latest: Latest::default(),
        }
    }

    fn id(&mut self) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        self.next_id
    }

    fn sample(&mut self, scale: Option<f32>) -> ToEngine {
        let id = self.id();
        match scale {
            Some(_) => self.latest.with = id,
            None => self.latest.without = id,
        }
        ToEngine::Sample {
            id,
            prompt: self.prompt.clone(),
            seed: self.seed,
            lora_scale: scale,
        }
    }

    /// Both pictures again (a new prompt or seed, or a new bracelet).
    pub fn paint(&mut self) -> Vec<ToEngine> {
        let mut out = vec![self.sample(None)];
        if self.has_bracelet {
            out.push(self.sample(Some(self.scale)));
        }
        out
    }

    /// A new scale: only the picture with the bracelet changes.
    pub fn rescale(&mut self, scale: f32) -> Vec<ToEngine> {
        self.scale = scale.clamp(SCALE_RANGE.0, SCALE_RANGE.1);
        if self.has_bracelet {
            vec![self.sample(Some(self.scale))]
        } else {
            Vec::new()
        }
    }

    /// The prompt as typed: checked, not painted yet.
    pub fn retype(&mut self, prompt: &str) -> ToEngine {
        self.prompt = prompt.to_owned();
        let id = self.id();
        self.latest.check = id;
        ToEngine::Check {
            id,
            prompt: self.prompt.clone(),
        }
    }

    /// Another start noise for both pictures.
    pub fn reseed(&mut self) -> Vec<ToEngine> {
        self.seed = self.seed.wrapping_add(1);
        self.paint()
    }

    /// Takes an answer meant for the trial; `false` if it was not one.
    pub fn apply(&mut self, answer: &FromEngine) -> bool {
        match answer {
            FromEngine::Ready { vocabulary, .. } => {
                self.vocabulary.clone_from(vocabulary);
                false
            }
            FromEngine::Painted { id, picture } => {
                if *id == self.latest.without {
                    self.without = Some(picture.clone());
                    self.problem = None;
                } else if *id == self.latest.with {
                    self.with = Some(picture.clone());
                }
                true
            }
            FromEngine::Refused { id, message } => {
                if *id == self.latest.without || *id == self.latest.with {
                    self.problem = Some(message.clone());
                }
                true
            }
            FromEngine::Checked { id, problem } => {
                if *id == self.latest.check {
                    self.problem.clone_from(problem);
                }
                true
            }
            _ => false,
        }
    }

    /// Known words that start like the word being typed (the prompt's last),
    /// at most `limit`, for the prompt box's suggestions.
    pub fn completions(&self, limit: usize) -> Vec<&str> {
        let Some(last) = self.prompt.split_whitespace().last() else {
            return Vec::new();
        };
        if self.prompt.ends_with(' ') {
            return Vec::new();
        }
        let lower = last.to_lowercase();
        self.vocabulary
            .iter()
            .filter(|w| w.to_lowercase().starts_with(&lower) && w.as_str() != last)
            .map(String::as_str)
            .take(limit)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(v: u8) -> Picture {
        Picture {
            size: 1,
            rgb: vec![v, v, v],
        }
    }

    fn ids(messages: &[ToEngine]) -> Vec<(u32, Option<f32>)> {
        messages
            .iter()
            .filter_map(|m| match m {
                ToEngine::Sample { id, lora_scale, .. } => Some((*id, *lora_scale)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn without_a_bracelet_only_the_bare_picture_is_painted() {
        let mut trial = Trial::new("a photo of a dog");
        assert_eq!(ids(&trial.paint()).len(), 1);
        assert!(trial.rescale(2.0).is_empty());
        trial.has_bracelet = true;
        let asked = ids(&trial.paint());
        assert_eq!(asked.len(), 2);
        assert_eq!(asked[1].1, Some(2.0));
    }

    #[test]
    fn a_late_answer_does_not_replace_a_newer_one() {
        let mut trial = Trial::new("a photo of TOK ceramic cat figurine");
        trial.has_bracelet = true;
        let first = ids(&trial.rescale(1.0))[0].0;
        let second = ids(&trial.rescale(3.0))[0].0;
        assert!(trial.apply(&FromEngine::Painted {
            id: second,
            picture: picture(3),
        }));
        trial.apply(&FromEngine::Painted {
            id: first,
            picture: picture(1),
        });
        assert_eq!(trial.with, Some(picture(3)));
        assert_eq!(trial.rescale(9.0).len(), 1);
        assert_eq!(trial.scale, 4.0, "clamped to the slider's range");
    }

    #[test]
    fn problems_come_from_checks_and_refusals_and_clear_when_painted() {
        let mut trial = Trial::new("a photo of a dgo");
        let ToEngine::Check { id, .. } = trial.retype("a photo of a dgo") else {
            panic!("a check");
        };
        trial.apply(&FromEngine::Checked {
            id,
            problem: Some("unknown word `dgo` (did you mean `dog`?)".into()),
        });
        assert!(trial.problem.as_deref().is_some_and(|p| p.contains("dog")));
        trial.retype("a photo of a dog");
        let bare = ids(&trial.paint())[0].0;
        trial.apply(&FromEngine::Painted {
            id: bare,
            picture: picture(0),
        });
        assert_eq!(trial.problem, None);
        let bare = ids(&trial.reseed())[0].0;
        assert_eq!(trial.seed, 2);
        trial.apply(&FromEngine::Refused {
            id: bare,
            message: "too long".into(),
        });
        assert_eq!(trial.problem.as_deref(), Some("too long"));
        assert!(!trial.apply(&FromEngine::Started));
    }

    #[test]
    fn completions_follow_the_last_word() {
        let mut trial = Trial::new("a photo of a li");
        trial.apply(&FromEngine::Ready {
            device: "CPU".into(),
            vocabulary: ["TOK", "lighthouse", "light", "dog"]
                .map(String::from)
                .to_vec(),
        });
        assert_eq!(trial.completions(5), ["lighthouse", "light"]);
        assert_eq!(trial.completions(1), ["lighthouse"]);
        trial.prompt = "a photo of a ".into();
        assert!(trial.completions(5).is_empty());
        trial.prompt = "a photo of t".into();
        assert_eq!(trial.completions(5), ["TOK"]);
    }
}
