//! What the judges learn from and are graded on: world pictures drawn in fixed
//! proportions, rendered on the fly, seeded.
//!
//! The mix differs from pretraining's on purpose. Every style is common
//! (photo 40 %, sketch, generic painting and `TOKSTYLE` 20 % each), and `TOK` is
//! drawn 5.5 % of the time, which makes it about one figurine in five (generic
//! figurines are 2/9 of the other draws). A quarter of the pictures are rendered
//! at 64×64 and averaged down, so the judges see both painters' resolutions.
//!
//! Held-out sets come from a seed no training run uses ([`HELD_OUT_SEED`]), so
//! every report grades on the same pictures.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::augment::Augment;
use super::labels::Labels;
use super::pixels::{INPUT_SIZE, planes};
use crate::TrainerError;
use crate::world::{SceneSpec, Style, Subject, render};

/// The seed of the fixed held-out sets; training seeds are hashed away from it.
pub const HELD_OUT_SEED: u64 = 0x4A55_4447_4553;

/// How often `TOK` is the subject in the judges' mix.
pub const TOK_SHARE: f64 = 0.055;

/// Which pictures a set holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mix {
    /// The judges' training mix (see the module docs).
    Judges,
    /// Only figurines: `TOK` half of the time, a generic glaze otherwise; any style.
    Figurines,
}

/// One graded picture.
#[derive(Clone, Debug)]
pub struct Graded {
    /// What it shows.
    pub spec: SceneSpec,
    /// The answers it should get.
    pub labels: Labels,
    /// `[3, 32, 32]` in `[-1, 1]`, augmented or degraded as the set asks.
    pub planes: Vec<f32>,
}

/// A random spec from `mix`.
pub fn draw_spec(rng: &mut impl Rng, mix: Mix) -> SceneSpec {
    let subject = match mix {
        Mix::Judges if rng.random_bool(TOK_SHARE) => Subject::Tok,
        Mix::Judges => Subject::random_generic(rng),
        Mix::Figurines if rng.random_bool(0.5) => Subject::Tok,
        Mix::Figurines => loop {
            if let s @ Subject::Figurine(_) = Subject::random_generic(rng) {
                break s;
            }
        },
    };
    let style = match rng.random_range(0..10) {
        0..4 => Style::Photo,
        4 | 5 => Style::Sketch,
        6 | 7 => Style::Painting,
        _ => Style::TokStyle,
    };
    SceneSpec::random_photo(rng, subject).with_style(style)
}

/// Renders `spec` at 32×32, or at 64×64 averaged down when `large`.
pub fn render_planes(spec: &SceneSpec, large: bool) -> Result<Vec<f32>, TrainerError> {
    let size = if large { 2 * INPUT_SIZE } else { INPUT_SIZE };
    planes(&render(spec, size)?)
}

/// An endless seeded stream of augmented training pictures.
#[derive(Clone, Debug)]
pub struct Stream {
    rng: ChaCha8Rng,
    augment: Augment,
}

impl Stream {
    /// The stream for training seed `seed`.
    pub fn new(seed: u64, augment: Augment) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x7A1E),
            augment,
        }
    }

    /// The next `n` pictures.
    pub fn batch(&mut self, n: usize) -> Result<Vec<Graded>, TrainerError> {
        (0..n).map(|_| self.next_graded()).collect()
    }

    fn next_graded(&mut self) -> Result<Graded, TrainerError> {
        let spec = draw_spec(&mut self.rng, Mix::Judges);
        let large = self.rng.random_bool(0.25);
        let mut planes = render_planes(&spec, large)?;
        self.augment.apply(&mut planes, &mut self.rng);
        Ok(Graded {
            labels: Labels::of(&spec),
            spec,
            planes,
        })
    }
}

/// A fixed held-out set: `n` pictures of `mix`, the `index`-th set of its kind,
/// clean or put through `degrade` (the same pictures either way).
pub fn held_out(
    mix: Mix,
    index: u64,
    n: usize,
    degrade: Option<Augment>,
) -> Result<Vec<Graded>, TrainerError> {
    let tag = match mix {
        Mix::Judges => 1,
        Mix::Figurines => 2,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(HELD_OUT_SEED + 1000 * tag + index);
    let mut noise = ChaCha8Rng::seed_from_u64(HELD_OUT_SEED ^ (tag << 32) ^ index);
    (0..n)
        .map(|i| {
            let spec = draw_spec(&mut rng, mix);
            let mut planes = render_planes(&spec, i % 4 == 3)?;
            if let Some(degrade) = &degrade {
                degrade.apply(&mut planes, &mut noise);
            }
            Ok(Graded {
                labels: Labels::of(&spec),
                spec,
                planes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_holds_its_proportions() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let (mut tok, mut figurines, mut tokstyle, n) = (0, 0, 0, 20_000);
        for _ in 0..n {
            let spec = draw_spec(&mut rng, Mix::Judges);
            match spec.subject {
                Subject::Tok => tok += 1,
                Subject::Figurine(_) => figurines += 1,
                _ => {}
            }
            tokstyle += usize::from(spec.style == Style::TokStyle);
        }
        let among = tok as f64 / (tok + figurines) as f64;
        assert!((0.17..0.24).contains(&among), "TOK among figurines {among}");
        let share = tokstyle as f64 / n as f64;
        assert!((0.18..0.22).contains(&share), "TOKSTYLE share {share}");
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for _ in 0..200 {
            let spec = draw_spec(&mut rng, Mix::Figurines);
            assert!(matches!(spec.subject, Subject::Tok | Subject::Figurine(_)));
        }
    }

    #[test]
    fn held_out_sets_are_fixed() {
        let a = held_out(Mix::Judges, 0, 4, None).expect("renders");
        let b = held_out(Mix::Judges, 0, 4, None).expect("renders");
        let damaged = held_out(Mix::Judges, 0, 4, Some(Augment::HARSH)).expect("renders");
        for ((a, b), c) in a.iter().zip(&b).zip(&damaged) {
            assert_eq!(a.spec, b.spec);
            assert_eq!(a.planes, b.planes);
            assert_eq!(a.spec, c.spec, "the same pictures, damaged");
            assert_ne!(a.planes, c.planes);
        }
    }
}
