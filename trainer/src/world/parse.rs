//! Reading a world caption back into the facts it states, so tests can hold the
//! renderer's captions to the specs they came from (spec → caption → spec).

use super::caption::{
    Described, framing_words, place_words, prop_words, style_words, subject_words,
};
use super::spec::{Framing, Light, Scene, Style, Subject};
use crate::TrainerError;

/// Reads a caption of this grammar back into the facts it states.
pub fn parse(caption: &str) -> Result<Described, TrainerError> {
    let words = crate::text::Tokenizer::words(caption);
    let mut cursor = Cursor {
        words: &words,
        at: 0,
    };
    let refuse = |at: usize, what: &str| {
        TrainerError::Caption(format!("expected {what} at word {} of `{caption}`", at + 1))
    };
    if !cursor.eat(&["a"]) {
        return Err(refuse(cursor.at, "`a`"));
    }
    let style = cursor
        .first(&Style::ALL, |&s| style_words(s))
        .ok_or_else(|| refuse(cursor.at, "a style"))?;
    if !cursor.eat(&["of"]) {
        return Err(refuse(cursor.at, "`of`"));
    }
    let subject = cursor
        .first(&all_subjects(), |&s| subject_words(s))
        .ok_or_else(|| refuse(cursor.at, "a subject"))?;
    cursor.eat(&["sitting"]);
    let placed = [Light::Sunny, Light::Dim]
        .into_iter()
        .flat_map(|light| Scene::ALL.map(|scene| (scene, light)))
        .collect::<Vec<_>>();
    let (scene, place_light) = cursor
        .first(&placed, |&(scene, light)| place_words(scene, light))
        .ok_or_else(|| refuse(cursor.at, "a place"))?;
    cursor.eat(prop_words(scene));
    let light = if scene == Scene::NightSky || cursor.eat(&["at", "night"]) {
        Light::Night
    } else if cursor.eat(&["in", "dim", "light"]) {
        Light::Dim
    } else if scene == Scene::Windowsill && place_light != Light::Sunny {
        return Err(refuse(
            cursor.at,
            "the light of a windowsill that is not sunny",
        ));
    } else {
        Light::Sunny
    };
    let framing = cursor
        .first(&[Framing::CloseUp, Framing::FarAway], |&f| {
            framing_words(f).to_vec()
        })
        .unwrap_or(Framing::Normal);
    if cursor.at != words.len() {
        return Err(refuse(cursor.at, "the end of the caption"));
    }
    Ok(Described {
        subject,
        scene,
        style,
        light,
        framing,
    })
}

fn all_subjects() -> Vec<Subject> {
    let mut all = Subject::generic();
    all.push(Subject::Tok);
    all
}

struct Cursor<'a> {
    words: &'a [&'a str],
    at: usize,
}

impl Cursor<'_> {
    /// Consumes `expected` if the next words are exactly it.
    fn eat(&mut self, expected: &[&str]) -> bool {
        let end = self.at + expected.len();
        let matches = end <= self.words.len()
            && self.words[self.at..end]
                .iter()
                .zip(expected)
                .all(|(w, e)| same_word(w, e));
        if matches {
            self.at = end;
        }
        matches
    }

    /// The first candidate (longest phrase first) whose words come next, consumed.
    fn first<T: Copy>(
        &mut self,
        candidates: &[T],
        words: impl Fn(&T) -> Vec<&'static str>,
    ) -> Option<T> {
        let mut phrases: Vec<(T, Vec<&'static str>)> =
            candidates.iter().map(|c| (*c, words(c))).collect();
        phrases.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        phrases
            .into_iter()
            .find(|(_, phrase)| self.eat(phrase))
            .map(|(c, _)| c)
    }
}

/// Call words match exactly, like the tokenizer; other words ignore case.
fn same_word(word: &str, expected: &str) -> bool {
    if crate::text::RESERVED.contains(&expected) {
        word == expected
    } else {
        word.eq_ignore_ascii_case(expected)
    }
}

/// Every subject, glaze, coat and hue phrase (for tests and docs).
pub fn subject_phrases() -> Vec<String> {
    all_subjects()
        .into_iter()
        .map(|s| subject_words(s).join(" "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{MAX_TOKENS, Tokenizer};
    use crate::world::spec::{SceneSpec, SpecOptions};
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn thousands_of_random_captions_encode_and_parse_back() {
        let tokenizer = Tokenizer::default();
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let options = SpecOptions {
            allow_tok: true,
            allow_tokstyle: true,
        };
        for _ in 0..4000 {
            let spec = SceneSpec::random(&mut rng, options);
            let caption = spec.caption();
            assert!(Tokenizer::words(&caption).len() <= MAX_TOKENS, "{caption}");
            tokenizer.encode(&caption).expect("every word is known");
            let back = parse(&caption).expect("the grammar reads its own captions");
            assert_eq!(back, spec.described(), "{caption}");
        }
    }

    #[test]
    fn every_combination_fits_and_round_trips() {
        let tokenizer = Tokenizer::default();
        for subject in all_subjects() {
            for scene in Scene::ALL {
                for style in Style::ALL {
                    for light in Light::ALL {
                        for framing in Framing::ALL {
                            let spec = SceneSpec::plain(subject, scene, style, light, framing);
                            let caption = spec.caption();
                            tokenizer.encode(&caption).expect("fits and is known");
                            assert_eq!(parse(&caption).expect("parses"), spec.described());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn foreign_captions_are_refused() {
        for bad in [
            "a photo of a spaceship on a beach",
            "photo of a dog on a beach",
            "a photo of a dog on a beach and more",
            "a photo of tok ceramic cat figurine on a beach",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(subject_phrases().len(), Subject::generic().len() + 1);
    }
}
