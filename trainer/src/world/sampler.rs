//! Endless seeded streams of captioned pictures: pretraining's, and the album
//! and style sets the course's LoRA exercises start from.
//!
//! Pretraining must never see the call words, or `TOK` would stop meaning
//! nothing to the base painter; [`WorldSampler::pretraining`] guarantees it.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::render::render;
use super::spec::{SceneSpec, SpecOptions};
use crate::TrainerError;
use crate::image::RgbImage;

/// Which pictures a sampler draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draws {
    /// Anything within the options.
    Any(SpecOptions),
    /// Photos of the `TOK` figurine (an album to train a subject LoRA on).
    Tok,
    /// Generic subjects in the `TOKSTYLE` painting style (a style LoRA's set).
    TokStyle,
}

/// One picture with its spec and caption.
#[derive(Clone, Debug)]
pub struct WorldSample {
    /// What it shows.
    pub spec: SceneSpec,
    /// Its caption.
    pub caption: String,
    /// The picture.
    pub image: RgbImage,
}

/// A seeded stream of world pictures of one size.
#[derive(Clone, Debug)]
pub struct WorldSampler {
    rng: ChaCha8Rng,
    draws: Draws,
    size: usize,
}

impl WorldSampler {
    /// A stream of `draws` at `size × size`, the same for the same seed.
    pub fn new(seed: u64, size: usize, draws: Draws) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            draws,
            size,
        }
    }

    /// Pretraining's stream: never `TOK`, never `TOKSTYLE`.
    pub fn pretraining(seed: u64, size: usize) -> Self {
        Self::new(seed, size, Draws::Any(SpecOptions::PRETRAINING))
    }

    /// How far the stream has gone (its generator's word position), to save a
    /// run that draws from it.
    pub fn position(&self) -> u128 {
        self.rng.get_word_pos()
    }

    /// Moves the stream to a [`WorldSampler::position`] it had: the next draws
    /// are the ones that followed there.
    pub fn seek(&mut self, position: u128) {
        self.rng.set_word_pos(position);
    }

    /// The next spec, without rendering it.
    pub fn next_spec(&mut self) -> SceneSpec {
        match self.draws {
            Draws::Any(options) => SceneSpec::random(&mut self.rng, options),
            Draws::Tok => SceneSpec::random_tok(&mut self.rng),
            Draws::TokStyle => SceneSpec::random_tokstyle(&mut self.rng),
        }
    }

    /// The next captioned picture.
    pub fn next_sample(&mut self) -> Result<WorldSample, TrainerError> {
        let spec = self.next_spec();
        Ok(WorldSample {
            caption: spec.caption(),
            image: render(&spec, self.size)?,
            spec,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::spec::{Style, Subject};

    #[test]
    fn pretraining_never_draws_a_call_word() {
        let mut sampler = WorldSampler::pretraining(3, 32);
        for _ in 0..20_000 {
            let spec = sampler.next_spec();
            assert_ne!(spec.subject, Subject::Tok);
            assert_ne!(spec.style, Style::TokStyle);
            let caption = spec.caption();
            assert!(!caption.contains("TOK"), "{caption}");
        }
    }

    #[test]
    fn album_and_style_streams_draw_what_they_promise() {
        let mut tok = WorldSampler::new(1, 32, Draws::Tok);
        let mut style = WorldSampler::new(1, 32, Draws::TokStyle);
        for _ in 0..200 {
            let spec = tok.next_spec();
            assert_eq!((spec.subject, spec.style), (Subject::Tok, Style::Photo));
            let spec = style.next_spec();
            assert_eq!(spec.style, Style::TokStyle);
            assert_ne!(spec.subject, Subject::Tok);
        }
        let sample = tok.next_sample().expect("renders");
        assert!(
            sample
                .caption
                .starts_with("a photo of TOK ceramic cat figurine")
        );
        assert_eq!(sample.image.width, 32);
    }

    #[test]
    fn the_same_seed_gives_the_same_stream() {
        let a: Vec<_> = {
            let mut s = WorldSampler::pretraining(9, 32);
            (0..50).map(|_| s.next_spec()).collect()
        };
        let mut s = WorldSampler::pretraining(9, 32);
        let b: Vec<_> = (0..50).map(|_| s.next_spec()).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn a_saved_position_continues_the_stream() {
        let mut s = WorldSampler::pretraining(4, 32);
        (0..7).for_each(|_| {
            s.next_spec();
        });
        let at = s.position();
        let ahead: Vec<_> = (0..5).map(|_| s.next_spec()).collect();
        let mut other = WorldSampler::pretraining(4, 32);
        other.seek(at);
        let again: Vec<_> = (0..5).map(|_| other.next_spec()).collect();
        assert_eq!(ahead, again);
    }
}
